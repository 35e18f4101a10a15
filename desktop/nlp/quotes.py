"""Quote attribution over a parsed text: cues, content, speakers, and quotation marks.

The rules, in order:

1. Speech cues are verbs of the lexicon in ``cues`` (outside quotation marks) and the phrase
   "according to". What was said is the cue's clausal complement in the dependency parse
   (``ccomp``), or for some verbs its object or infinitive ("called the plan a disaster",
   "vowed to fight"), or the clause the cue interrupts ("The plan, he said, will fail").
   The speaker is the cue's subject, found through ``conj``/``advcl``/``xcomp`` links for
   "..., adding", "and said", and through the antecedent of "who".
2. A content that lies (almost) wholly inside quotation marks is a direct quote with the
   marks' span; one that only contains quoted words is mixed; otherwise it is reported
   (indirect) speech.
3. Quotations in marks that no cue claimed are direct quotes when they read like speech
   (not scare quotes or titles); they take a cue in their sentence, or else the speaker of
   the adjacent attribution ("...," he said. "And more.").

Everything here works on a ``Doc`` for one chunk of the article and returns plain values in
article offsets, so results survive ``memory_zone`` and chunking.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.nlp.cues import (
    HEARER_VERBS,
    OBJECT_VERBS,
    SPEECH_VERBS,
    THOUGHT_VERBS,
    cue_lemma,
    words,
)
from desktop.nlp.marks import MarkedQuote

if TYPE_CHECKING:
    from collections.abc import Sequence

Token = Any  # spacy.tokens.Token; spaCy is imported only inside functions
Doc = Any

PRONOUNS = words("he she they it we i you him her them who that which")
PERSONAL = words("he she him her")
_SUBJECT_DEPS = ("nsubj",)
_CLIMB_DEPS = ("conj", "advcl", "xcomp")
TELL_VERBS = frozenset(("tell", "inform", "remind", "assure", "reassure"))
_TRIM = " \t\n,.;:—–-"
_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class RawQuote:
    """A quote in article offsets before speaker resolution."""

    start: int
    end: int
    kind: str
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_head: int | None = None  # offset of the speaker's head word
    pronoun: bool = False  # the speaker is a personal pronoun ("he", "she")
    window_start: int = 0  # where to look back for a pronoun's antecedent
    appos: tuple[int, int] | None = None  # apposition naming the speaker ("allies, X and Y")
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.5
    group: int = -1  # segments of one quotation over several paragraphs
    marks: list[int] = field(default_factory=list)  # indices of the marked quotes it claims


@dataclass(slots=True)
class _Cue:
    token_i: int
    start: int
    end: int
    speaker: Token | None
    content: tuple[int, int] | None  # token range [a, b)
    speech: bool
    used: bool = False


@dataclass(slots=True)
class ChunkQuotes:
    """What one parsed chunk yields: quotes and the facts resolution needs."""

    quotes: list[RawQuote]
    subjects: list[tuple[int, int]]  # spans of grammatical subjects, for antecedents


def _is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.pos_ in ("VERB", "AUX")


def _subject(verb: Token) -> Token | None:
    """The subject of a cue, climbing through "..., adding" and "and said"."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                    return current.head
                return child
        if current.dep_ in _CLIMB_DEPS and current.head is not current:
            current = current.head
            continue
        if current.dep_ == "relcl" and current.head is not current:
            return current.head
        return None
    return None


def _span_of(tokens: Sequence[Token]) -> tuple[int, int]:
    return min(t.i for t in tokens), max(t.i for t in tokens) + 1


def _subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _content(verb: Token, lemma: str) -> tuple[int, int] | None:
    """The token range of what the cue says was said."""
    ccomps = [c for c in verb.children if c.dep_ == "ccomp"]
    if ccomps:
        # "said X, and Y": prefer the complements after the cue
        right = [c for c in ccomps if c.i > verb.i]
        chosen = right or ccomps
        return chosen[0].left_edge.i, chosen[-1].right_edge.i + 1
    if lemma in THOUGHT_VERBS and lemma not in SPEECH_VERBS:
        return None
    rights = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj")]
    objects = [c for c in rights if c.dep_ in ("dobj", "xcomp", "oprd", "dative")]
    if lemma in HEARER_VERBS:
        # "told reporters (that) ...", "urged voters to ...": the object is the hearer
        objects = [c for c in objects if c.dep_ != "dative"]
        if objects and objects[0].dep_ == "dobj" and len(objects) > 1:
            objects = objects[1:]
        elif objects and objects[0].dep_ == "dobj" and lemma in TELL_VERBS:
            return None
    if objects:
        first = objects[0]
        long_object = first.right_edge.i - first.left_edge.i >= 3
        if lemma in OBJECT_VERBS or first.dep_ == "xcomp" or long_object:
            tail = [c for c in rights if c.i >= first.i and c.dep_ not in ("advcl", "npadvmod")]
            b = max(c.right_edge.i for c in tail) + 1 if tail else first.right_edge.i + 1
            return first.left_edge.i, b
    head = verb.head
    if verb.dep_ in ("parataxis", "ccomp") and head is not verb and _is_verb(head):
        # "The plan, he said, will fail": the cue interrupts (or follows) the content
        a, b = _subtree_range(head)
        va, vb = _subtree_range(verb)
        if va <= a:
            a = vb
        if vb >= b:
            b = va
        if b - a >= 2:
            return a, b
    return None


def _clip(doc: Doc, a: int, b: int, cue_i: int) -> tuple[int, int]:
    """Keep the content to the clause of its cue: cut at a colon or semicolon on the far side."""
    for t in doc[a:b]:
        if t.text in (":", ";", "—") and t.i < cue_i and t.i + 1 < b:
            a = t.i + 1
    if a > cue_i:
        for t in doc[a:b]:
            if t.text == ";":
                b = t.i
                break
    return a, b


def _according(token: Token) -> tuple[Token | None, tuple[int, int] | None, int]:
    """Speaker, content and cue end of "according to X"."""
    doc = token.doc
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
    head = token.head
    while head.dep_ == "prep" and head.head is not head:
        head = head.head
    if head is token or head is to:
        return source, None, to.i + 1
    a, b = _subtree_range(head)
    ca, cb = token.left_edge.i, max(token.right_edge.i, to.right_edge.i) + 1
    if ca <= a:
        a = cb
    if cb >= b:
        b = ca
    if b - a < 2:
        return source, None, to.i + 1
    return source, (a, b), to.i + 1


def _speaker_span(token: Token) -> tuple[int, int]:
    """Character span of the speaker phrase: the noun phrase, without clauses or asides."""
    if token.lower_ in PRONOUNS or token.tag_ in ("PRP", "WP"):
        return token.idx, token.idx + len(token.text)
    left = token.left_edge
    for t in token.subtree:
        if t.i >= token.i:
            break
        if t.text in (",", "(", "—", "–", ":", ";"):
            left = t.doc[t.i + 1]
    right = token
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod") or (
            child.dep_ == "prep" and child.lower_ == "of"
        ):
            right = child.right_edge
        else:
            break
    start, end = left.idx, right.idx + len(right.text)
    return start, end


def _appos(token: Token) -> tuple[int, int] | None:
    """The apposition or list after a speaker: "two allies, Russia and Iran"."""
    for child in token.rights:
        if child.dep_ in ("appos", "conj"):
            a, b = _subtree_range(child)
            doc = token.doc
            return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
    return None


def _cue_span(verb: Token) -> tuple[int, int]:
    first, last = verb, verb
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg") and child.i < verb.i and child.i >= verb.i - 3:
            first = min(first, child, key=lambda t: t.i)
        if child.dep_ == "prt" and child.i == last.i + 1:
            last = child
    return first.idx, last.idx + len(last.text)


def _trim_chars(text: str, start: int, end: int, keep_marks: bool) -> tuple[int, int]:
    strip = _TRIM if keep_marks else _TRIM + "\"“”‘’'«»„"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def _quote_like(text: str, mark: MarkedQuote) -> bool:
    """Whether a quotation in marks reads like speech rather than a scare quote or title."""
    inner = text[mark.inner_start : mark.inner_end].strip()
    words = len(inner.split())
    if words >= 5:
        return True
    return words >= (2 if mark.double else 3) and inner[-1:] in ",.!?…"


def attribute_chunk(
    doc: Doc, base: int, text: str, marks: Sequence[MarkedQuote], first_mark: int
) -> ChunkQuotes:
    """Find quotes in one parsed chunk.

    Args:
        doc: The parsed chunk; token ``idx`` plus ``base`` is the article offset.
        base: Offset of the chunk in the article.
        text: The whole article text.
        marks: All marked quotations of the article.
        first_mark: Index of the first mark at or after ``base``.

    Returns:
        The chunk's quotes, in article offsets.
    """
    end_of_chunk = base + len(doc.text)
    mark_ids = []
    k = first_mark
    while k < len(marks) and marks[k].start < end_of_chunk:
        mark_ids.append(k)
        k += 1
    mark_starts = [marks[m].start for m in mark_ids]

    def mark_at(offset: int) -> int:
        """Index into ``marks`` of the quotation whose interior holds ``offset``, or -1."""
        j = bisect.bisect_right(mark_starts, offset) - 1
        if j >= 0:
            m = marks[mark_ids[j]]
            if m.inner_start <= offset < m.inner_end:
                return mark_ids[j]
        return -1

    cues: list[_Cue] = []
    subjects: list[tuple[int, int]] = []
    for token in doc:
        if token.dep_ in ("nsubj", "nsubjpass"):
            a, b = _speaker_span(token)
            subjects.append((a + base, b + base))
        low = token.lower_
        if low == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            if mark_at(token.idx + base) >= 0:
                continue
            source, content, cue_end = _according(token)
            if content is not None:
                content = _clip(doc, *content, token.i)
            end_tok = doc[cue_end - 1]
            cues.append(
                _Cue(token.i, token.idx, end_tok.idx + len(end_tok.text), source, content, True)
            )
            continue
        lemma = cue_lemma(low)
        if lemma is None or not _is_verb(token):
            continue
        if mark_at(token.idx + base) >= 0:
            continue  # a cue inside a quotation is part of what was quoted
        if any(c.dep_ == "auxpass" for c in token.children):
            continue  # "steps have been agreed", "it was reported": no speaker to find
        speaker = _subject(token)
        content = _content(token, lemma)
        if content is not None:
            content = _clip(doc, *content, token.i)
        if speaker is None and content is None:
            continue
        a, b = _cue_span(token)
        cues.append(_Cue(token.i, a, b, speaker, content, lemma in SPEECH_VERBS))

    quotes: list[RawQuote] = []
    claimed: dict[int, RawQuote] = {}
    for cue in cues:
        if cue.content is None:
            continue
        ta, tb = cue.content
        if tb <= ta:
            continue
        span_start = doc[ta].idx + base
        last = doc[tb - 1]
        span_end = last.idx + len(last.text) + base
        span_start, span_end = _trim_chars(text, span_start, span_end, keep_marks=True)
        if span_end - span_start < 2:
            continue
        inside = _marks_within(marks, mark_ids, mark_starts, span_start, span_end)
        inside = [m for m in inside if m not in claimed]
        quote = _make_quote(doc, base, cue)
        if inside:
            if _words_outside(text, span_start, span_end, [marks[m] for m in inside]) <= 1:
                for m in inside:
                    mq = marks[m]
                    q = _copy_quote(quote, mq.start, mq.end, "direct", 0.9)
                    q.group = mq.group
                    q.marks = [m]
                    quotes.append(q)
                    claimed[m] = q
                cue.used = True
                continue
            quote.start = min(span_start, *(marks[m].start for m in inside))
            quote.end = max(span_end, *(marks[m].end for m in inside))
            quote.kind = "mixed"
            quote.confidence = 0.8
            quote.marks = inside
            for m in inside:
                claimed[m] = quote
        else:
            quote.start, quote.end = span_start, span_end
            quote.kind = "indirect"
            quote.confidence = 0.7 if cue.speech else 0.5
        cue.used = True
        quotes.append(quote)

    # quotations in marks that no cue claimed
    for m in mark_ids:
        if m in claimed:
            continue
        mq = marks[m]
        if not _quote_like(text, mq):
            continue
        near = _nearest_cue(doc, base, mq, cues)
        if near is not None:
            q = _make_quote(doc, base, near)
            q.start, q.end, q.kind, q.confidence = mq.start, mq.end, "direct", 0.8
            near.used = True
        else:
            q = RawQuote(mq.start, mq.end, "direct", confidence=0.3)
        q.group = mq.group
        q.marks = [m]
        claimed[m] = q
        quotes.append(q)
    quotes.sort(key=lambda q: q.start)
    _adjacent_speakers(text, quotes)
    return ChunkQuotes(quotes=quotes, subjects=subjects)


def _words_outside(text: str, start: int, end: int, inside: list[MarkedQuote]) -> int:
    """How many words of ``text[start:end]`` lie outside the given quotations."""
    count = 0
    position = start
    for m in inside:
        if m.start > position:
            count += len(_WORD.findall(text, position, m.start))
        position = max(position, m.end)
    if end > position:
        count += len(_WORD.findall(text, position, end))
    return count


def _marks_within(
    marks: Sequence[MarkedQuote], ids: list[int], starts: list[int], start: int, end: int
) -> list[int]:
    lo = bisect.bisect_left(starts, start) - 1
    out = []
    for j in range(max(0, lo), len(ids)):
        m = marks[ids[j]]
        if m.start >= end:
            break
        if m.end > start and m.inner_end > start and m.inner_start < end:
            out.append(ids[j])
    return out


def _make_quote(doc: Doc, base: int, cue: _Cue) -> RawQuote:
    q = RawQuote(0, 0, "indirect", cue_start=cue.start + base, cue_end=cue.end + base)
    speaker = cue.speaker
    if speaker is not None:
        a, b = _speaker_span(speaker)
        q.speaker_start, q.speaker_end = a + base, b + base
        q.speaker_head = speaker.idx + base
        q.pronoun = speaker.lower_ in PERSONAL
        sent = speaker.sent
        previous = sent.start - 1
        window = doc[previous].sent.start if previous >= 0 else sent.start
        q.window_start = doc[window].idx + base
        q.appos = None if (ap := _appos(speaker)) is None else (ap[0] + base, ap[1] + base)
    return q


def _copy_quote(q: RawQuote, start: int, end: int, kind: str, confidence: float) -> RawQuote:
    return RawQuote(
        start,
        end,
        kind,
        q.speaker_start,
        q.speaker_end,
        q.speaker_head,
        q.pronoun,
        q.window_start,
        q.appos,
        q.cue_start,
        q.cue_end,
        confidence,
    )


def _nearest_cue(doc: Doc, base: int, mark: MarkedQuote, cues: list[_Cue]) -> _Cue | None:
    """A cue with a speaker in the sentence(s) of the quotation, not yet used."""
    local_start = max(0, mark.start - base)
    local_end = min(len(doc.text), mark.end - base)
    first = doc.char_span(local_start, local_start + 1, alignment_mode="expand")
    last = doc.char_span(max(local_start, local_end - 1), local_end, alignment_mode="expand")
    if first is None or last is None or len(first) == 0 or len(last) == 0:
        return None
    s_start = first[0].sent.start
    s_end = last[-1].sent.end
    # a quotation at a sentence start may be introduced by the previous sentence's "X said:"
    if s_start > 0 and doc[s_start - 1].text in (":", ","):
        s_start = doc[s_start - 1].sent.start
    best: _Cue | None = None
    best_distance = 1 << 30
    for cue in cues:
        if cue.used or cue.speaker is None or not s_start <= cue.token_i < s_end:
            continue
        offset = cue.start + base
        distance = mark.start - offset if offset < mark.start else offset - mark.end
        if distance < best_distance:
            best, best_distance = cue, distance
    return best


def _adjacent_speakers(text: str, quotes: list[RawQuote]) -> None:
    """Direct quotes without a cue take the speaker of the neighbouring attribution."""
    by_group: dict[int, RawQuote] = {}
    for q in quotes:
        if q.group >= 0 and q.speaker_start is not None:
            by_group.setdefault(q.group, q)
    for index, q in enumerate(quotes):
        if q.kind != "direct" or q.speaker_start is not None:
            continue
        source = by_group.get(q.group) if q.group >= 0 else None
        if source is None:
            source = _neighbour(text, quotes, index)
        if source is not None:
            _take_speaker(q, source)
            q.confidence = 0.6


def _neighbour(text: str, quotes: list[RawQuote], index: int) -> RawQuote | None:
    q = quotes[index]
    para_start = text.rfind("\n", 0, q.start) + 1
    para_end = text.find("\n", q.end)
    if para_end < 0:
        para_end = len(text)
    for j in range(index - 1, -1, -1):
        p = quotes[j]
        if p.speaker_start is None:
            continue
        if p.start >= para_start:
            return p
        break
    for j in range(index + 1, len(quotes)):
        p = quotes[j]
        if p.start >= para_end:
            break
        if p.speaker_start is not None and p.kind == "direct":
            return p
    # a paragraph that opens with a quotation continues the previous paragraph's speaker
    if text[para_start : q.start].strip() == "" and index > 0:
        p = quotes[index - 1]
        prev_para_start = text.rfind("\n", 0, max(0, para_start - 1)) + 1
        if p.speaker_start is not None and p.start >= prev_para_start and p.kind != "indirect":
            gap = text[p.end : q.start]
            if len(gap) < 200:
                return p
    return None


def _take_speaker(q: RawQuote, source: RawQuote) -> None:
    q.speaker_start, q.speaker_end = source.speaker_start, source.speaker_end
    q.speaker_head, q.pronoun = source.speaker_head, source.pronoun
    q.window_start, q.appos = source.window_start, source.appos
    q.cue_start, q.cue_end = source.cue_start, source.cue_end


def quotes_without_parse(text: str, marks: Sequence[MarkedQuote]) -> list[RawQuote]:
    """Direct quotes from quotation marks alone, for when no pipeline is installed."""
    return [
        RawQuote(m.start, m.end, "direct", confidence=0.3, group=m.group)
        for m in marks
        if _quote_like(text, m)
    ]
