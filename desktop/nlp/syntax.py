"""Dependency-parse helpers for quote attribution: cue subjects, content clauses, phrases.

Every function takes spaCy tokens and returns tokens or token ranges; nothing here imports
spaCy (the tokens come from a parsed ``Doc``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.nlp.cues import (
    DIRECT_ONLY_VERBS,
    OBJECT_VERBS,
    PREPOSITION_CUES,
    SAY_VERBS,
    SPEECH_VERBS,
    TELL_VERBS,
    XCOMP_VERBS,
    words,
)

Token = Any  # spacy.tokens.Token
Range = tuple[int, int]  # token indices [a, b)

PRONOUNS = words("he she they it we i you him her them who that which")
PERSONAL = words("he she him her")
_CLIMB = ("conj", "advcl", "xcomp")
_COMPLEMENTS = ("ccomp", "xcomp", "dobj", "dative", "oprd", "pcomp")
_CLOSERS = ("”", '"', "’", "''", "»")
_WH = words("what which who whom whatever how")
_CLAUSE_BREAKS = (":", ";", "—", "–")


def is_verb(token: Token) -> bool:
    """Whether the tagger calls the token a verb."""
    return bool(token.tag_.startswith("VB") or token.pos_ in ("VERB", "AUX"))


def subtree_range(token: Token) -> Range:
    """The token range of a token's subtree (contiguous in a projective parse)."""
    return token.left_edge.i, token.right_edge.i + 1


def subject(verb: Token, inside_quote: Callable[[Token], bool]) -> Token | None:
    """The subject of a cue, climbing through "..., adding" and "and said".

    Right after a quotation ('"...," Police Chief Ana Ruiz said') the noun phrase between
    the quotation and the cue is the speaker whatever the parse says. A subject inside
    quotation marks is a misparse; then the phrase after an inverted cue ("said James
    Acton") is taken. "footage of Trump saying" gives "Trump"; "who said" gives "who" (its
    antecedent is found by ``antecedent``).
    """
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    outside = [c for c in found if not inside_quote(c) and _subject_side(verb, c)]
    if outside and outside[0].i < verb.i:
        return outside[0]
    before = _name_before(verb, inside_quote, after_quote=True)
    if before is not None:
        return before
    if outside:
        return outside[0]
    if found:
        return _name_after(verb, inside_quote)
    current = verb
    for _ in range(3):
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.i < current.i:
            return current.head
        if current.dep_ == "relcl" and current.head.i != current.i:
            return current.head
        if current.dep_ not in _CLIMB or current.head.i == current.i:
            break
        current = current.head
        found = [c for c in current.children if c.dep_ == "nsubj"]
        outside = [c for c in found if not inside_quote(c) and _subject_side(current, c)]
        if outside:
            return outside[0]
        if found:
            return None
    return phrase_near(verb, inside_quote) if current.i == verb.i else None


def _subject_side(verb: Token, child: Token) -> bool:
    """A subject after its verb counts only when inverted: '"...," said Acton', 'Said Ellis'."""
    if child.i < verb.i:
        return True
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    return before is None or before.is_punct or before.is_sent_start or verb.is_sent_start


def antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun stands for: "an architect who said" -> "architect"."""
    if token.lower_ not in ("who", "that", "which"):
        return None
    clause = token.head
    if clause.dep_ == "relcl" and clause.head.i != clause.i:
        return clause.head
    return None


def phrase_near(verb: Token, inside_quote: Callable[[Token], bool]) -> Token | None:
    """The noun phrase between a quotation and its cue, or right after an inverted cue."""
    return _name_before(verb, inside_quote, after_quote=False) or _name_after(verb, inside_quote)


def _name_before(
    verb: Token, inside_quote: Callable[[Token], bool], *, after_quote: bool
) -> Token | None:
    """The noun phrase just before a cue; with ``after_quote``, only if a quotation precedes it."""
    doc = verb.doc
    j = verb.i - 1
    while (
        j >= 0
        and not inside_quote(doc[j])
        and (doc[j].dep_ in ("aux", "neg", "advmod") or doc[j].text == ",")
    ):
        j -= 1
    if j < 0 or inside_quote(doc[j]) or doc[j].pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    lo = j
    while lo > 0 and not inside_quote(doc[lo - 1]) and doc[lo - 1].text not in _CLOSERS:
        lo -= 1
    if after_quote and not (lo > 0 and (doc[lo - 1].text in _CLOSERS or inside_quote(doc[lo - 1]))):
        return None
    if after_quote and j - lo > 16:
        return None
    # the first phrase of the window: "Flynn, a top Trump surrogate, said"; its last noun
    end = next((t.i for t in doc[lo : j + 1] if t.text in (",", "(", "—", "–")), j + 1)
    nouns = [t for t in doc[lo:end] if t.pos_ in ("PROPN", "NOUN", "PRON")]
    return nouns[-1] if nouns else doc[j]


def _name_after(verb: Token, inside_quote: Callable[[Token], bool]) -> Token | None:
    """The noun phrase right after an inverted cue: '"...," said engineer Tomas Varga'."""
    doc = verb.doc
    last_noun = None
    for t in doc[verb.i + 1 : min(len(doc), verb.i + 8)]:
        if inside_quote(t) or t.ent_type_ in ("DATE", "TIME"):
            break
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            last_noun = t
            if t.pos_ == "PRON":
                break
        elif t.is_punct and t.text not in (".", "-"):
            break
        elif t.pos_ not in ("DET", "ADJ", "NUM", "PART") and last_noun is not None:
            break  # a role word the tagger took for a verb may precede the name
    return last_noun


def content(verb: Token, lemma: str) -> tuple[list[Range], str]:
    """What a cue says was said, as token ranges, with the name of the rule that found it.

    A cue that interrupts its content ("Lenox, he said, was a juggernaut") gives two ranges.
    """
    ccomps = [c for c in verb.children if c.dep_ == "ccomp"]
    if ccomps:
        right = [c for c in ccomps if c.i > verb.i]
        chosen = right or ccomps
        return [(chosen[0].left_edge.i, chosen[-1].right_edge.i + 1)], "ccomp"
    rights = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj")]
    if any(c.lower_ in _WH and c.dep_ in ("dobj", "nsubj") for c in verb.children):
        return [], "wh"  # "what he called tribalism": the content is elsewhere
    found = _objects(verb, lemma, rights)
    if found is not None:
        return [found], "object"
    prep = _preposition(verb, lemma, rights)
    if prep is not None:
        return [prep], "prep"
    if _parenthetical(verb, lemma):
        return _around(verb.head, subtree_range(verb)), "interrupt"
    return [], ""


def _parenthetical(verb: Token, lemma: str) -> bool:
    """Whether the cue is a bare "he said" set into (or after) the clause it reports."""
    head = verb.head
    if verb.dep_ not in ("parataxis", "ccomp", "advcl") or head.i == verb.i:
        return False
    if not is_verb(head) or lemma not in SPEECH_VERBS or lemma in DIRECT_ONLY_VERBS:
        return False
    if verb.dep_ == "advcl" and verb.i > head.i:
        return False  # "..., saying": its own cue, and only with a complement
    if any(c.dep_ in _COMPLEMENTS for c in verb.children):
        return False
    a, b = subtree_range(verb)
    return b - a <= 14


def _objects(verb: Token, lemma: str, rights: list[Token]) -> Range | None:
    objects = [c for c in rights if c.dep_ in ("dobj", "xcomp", "oprd", "dative", "ccomp")]
    if lemma == "call":
        # "called on X to ...": the hearer and the request
        on = next((c for c in rights if c.dep_ == "prep" and c.lower_ == "on"), None)
        if on is not None and any(c.dep_ == "xcomp" for c in rights):
            return _tail(on, rights)
    if not objects:
        return None
    if lemma in TELL_VERBS:
        objects = [c for c in objects if c.dep_ not in ("dative", "dobj")]
        if not objects:
            return None
    first = objects[0]
    kinds = {c.dep_ for c in objects}
    if "xcomp" in kinds:
        if lemma not in XCOMP_VERBS:
            return None
    elif lemma in OBJECT_VERBS:
        if lemma == "call" and not kinds & {"oprd", "ccomp"} and len(objects) < 2:
            return None  # "called Alicia Machado": a telephone call
    elif not (lemma in SAY_VERBS and first.right_edge.i - first.left_edge.i >= 3):
        return None
    return _tail(first, rights)


def _tail(first: Token, rights: list[Token]) -> Range | None:
    """From ``first`` to the end of the cue's last complement, leaving out asides."""
    tail = [c for c in rights if c.i >= first.i and c.dep_ not in ("advcl", "npadvmod")]
    a = first.left_edge.i if first.dep_ != "prep" else first.i + 1
    b = max(c.right_edge.i for c in tail) + 1 if tail else first.right_edge.i + 1
    return (a, b) if b - a >= 2 else None


def _preposition(verb: Token, lemma: str, rights: list[Token]) -> Range | None:
    """ "called for X", "warned against X", "likened them to X"."""
    wanted = PREPOSITION_CUES.get(lemma)
    if not wanted:
        return None
    for child in rights:
        if child.dep_ == "prep" and child.lower_ in wanted:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return objects[0].left_edge.i, child.right_edge.i + 1
    return None


def _around(head: Token, cut: Range) -> list[Range]:
    """The clause of ``head`` without the range ``cut``: one or two ranges."""
    a, b = subtree_range(head)
    ca, cb = cut
    if ca <= a:
        return [(cb, b)] if b - cb >= 2 else []
    if cb >= b:
        return [(a, ca)] if ca - a >= 2 else []
    before = (a, ca)
    after = (cb, b)
    doc = head.doc
    # keep the part before the cue only if it is a clause's own words, not "Too often, he said"
    if any(t.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for t in doc[a:ca]) or head.i < ca:
        return [before, after]
    return [after]


def according(token: Token) -> tuple[Token | None, list[Range], int]:
    """Speaker, content ranges and cue end of "according to X"."""
    doc = token.doc
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
    head = token.head
    while not is_verb(head) and head.head.i != head.i:
        head = head.head
    if head.i in (token.i, to.i):
        return source, [], to.i + 1
    cut = (token.left_edge.i, max(token.right_edge.i, to.right_edge.i) + 1)
    # "According to X, Y": the source's phrase may hang off "to" or "according"
    if source is not None:
        cut = (min(cut[0], token.i), max(cut[1], source.right_edge.i + 1))
    sent = token.sent
    rest = [t for t in doc[cut[1] : sent.end] if not t.is_punct and not t.is_space]
    if not rest and cut[0] - sent.start >= 2:
        # "..., according to X." at the end: the whole sentence before it
        return source, [(sent.start, cut[0])], to.i + 1
    return source, _around(head, cut), to.i + 1


def clip(doc: Any, part: Range, cue_i: int) -> Range:
    """Keep a content range to its cue's clause: cut at a colon or semicolon on the far side."""
    a, b = part
    for t in doc[a:b]:
        if t.text in _CLAUSE_BREAKS and t.i < cue_i and t.i + 1 < b:
            a = t.i + 1
    if a > cue_i:
        for t in doc[a:b]:
            if t.text == ";":
                b = t.i
                break
    return a, b


def speaker_span(token: Token) -> tuple[int, int]:
    """Character span (in the doc) of the speaker phrase, without clauses or asides."""
    if token.lower_ in PRONOUNS or token.tag_ in ("PRP", "WP"):
        return token.idx, token.idx + len(token.text)
    doc = token.doc
    left = token.left_edge
    for t in doc[left.i : token.i]:
        if t.text in (",", "(", "—", "–", ":", ";", "“", '"'):
            left = doc[t.i + 1]
    right = token
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod") or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            right = child.right_edge
        else:
            break
    return left.idx, right.idx + len(right.text)


def apposition(token: Token) -> tuple[int, int] | None:
    """Character span of the apposition or list after a speaker: "two allies, Russia and Iran"."""
    for child in token.rights:
        if child.dep_ in ("appos", "conj"):
            a, b = subtree_range(child)
            doc = token.doc
            return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
    return None


def cue_span(verb: Token) -> tuple[int, int]:
    """Character span of a cue verb with its auxiliaries and particle ("has said")."""
    first, last = verb, verb
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg") and verb.i - 3 <= child.i < verb.i:
            first = child if child.i < first.i else first
        if child.dep_ == "prt" and child.i == last.i + 1:
            last = child
    return first.idx, last.idx + len(last.text)


def clause_subject(token: Token) -> Token | None:
    """The subject of the main clause a token is in (for "X made this comment: ...")."""
    root = token.sent.root
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
