"""Quote attribution over a parsed text: cues, content, speakers, and quotation marks.

The rules, in order:

1. Speech cues are verbs of the lexicon in ``cues`` (outside quotation marks) and the phrase
   "according to". What was said is the cue's clausal complement in the dependency parse,
   or for some verbs its object, infinitive or prepositional object ("called the plan a
   disaster", "vowed to fight", "called for talks"), or the clause the cue interrupts ("The
   plan, he said, will fail"). The speaker is the cue's subject, found through
   ``conj``/``advcl``/``xcomp`` links for "..., adding" and "and said", and through the
   antecedent of "who" (``syntax``).
   A quotation that ends right before the cue's speaker ('"...," she said of the vote') is
   what the cue reports, whatever the parse hangs on it; "said A, adding B" gives two
   quotes, and a content ends before ", according to".
2. A content that lies wholly inside quotation marks is a direct quote with the marks' span;
   one that only contains quoted words is mixed; otherwise it is reported (indirect) speech.
   Attributions nested in another quote's content ("He said the agency announced that ...")
   are part of the outer one; reported speech with no one reporting it is dropped.
3. Quotations in marks that no cue claimed are direct quotes when they read like speech
   (not scare quotes, titles, or a phrase quoted in mid-sentence). They take a cue in their
   sentence; a transcript's "NAME:"; a trailing "― Name"; the speaker of a sentence that
   introduces them with a colon; or else the speaker of the adjacent attribution ("...,"
   he said. "And more.").

Everything here works on a ``Doc`` for one chunk of the article and returns plain values in
article offsets, so results survive ``memory_zone`` and chunking.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.nlp import syntax
from desktop.nlp.cues import DIRECT_ONLY_VERBS, PARTICLE_VERBS, SPEECH_VERBS, cue_lemma, words
from desktop.nlp.marks import MarkedQuote

Token = Any  # spacy.tokens.Token; spaCy is imported only inside functions
Doc = Any

_TRIM = " \t\n\xa0,.;:—–-"
_WORD = re.compile(r"\w+")
_SMALL_WORDS = words("a an and the of in on at for to by with from or vs")
_TITLE_CONTEXT = re.compile(
    r"(?:called|titled|entitled|dubbed|named|nicknamed|on|in|of|and|’s|'s)\s*$", re.IGNORECASE
)
_DASH_SPEAKER = re.compile(
    r"[ \t\xa0]*[―—–][ \t\xa0]*([A-Z][^\n―—–“”\"]{1,60}?)[ \t\xa0.]*(?:\n|$)"
)
_TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’ -]{1,30}[A-Z.]):[ \t\xa0]+")


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
    rule: str = ""  # which rule found it, for evaluation and debugging


@dataclass(slots=True)
class _Cue:
    token_i: int
    start: int  # character span of the cue words, in the doc
    end: int
    speaker: Token | None
    parts: list[tuple[int, int]]  # token ranges of what was said
    speech: bool
    rule: str
    used: bool = False


@dataclass(slots=True)
class ChunkQuotes:
    """What one parsed chunk yields: quotes and the facts resolution needs."""

    quotes: list[RawQuote]
    subjects: list[tuple[int, int]]  # spans of grammatical subjects, for antecedents


class _Marks:
    """The marked quotations that fall in one chunk, with fast lookups."""

    def __init__(self, marks: Sequence[MarkedQuote], first: int, end: int) -> None:
        self.all = marks
        self.ids: list[int] = []
        k = first
        while k < len(marks) and marks[k].start < end:
            self.ids.append(k)
            k += 1
        self.starts = [marks[m].start for m in self.ids]

    def at(self, offset: int) -> int:
        """Index of the quotation whose interior holds ``offset``, or -1."""
        j = bisect.bisect_right(self.starts, offset) - 1
        if j >= 0:
            m = self.all[self.ids[j]]
            if m.inner_start <= offset < m.inner_end:
                return self.ids[j]
        return -1

    def within(self, start: int, end: int) -> list[int]:
        """Indices of the quotations whose interiors overlap ``[start, end)``."""
        j = max(0, bisect.bisect_left(self.starts, start) - 1)
        out = []
        while j < len(self.ids):
            m = self.all[self.ids[j]]
            if m.start >= end:
                break
            if m.inner_end > start and m.inner_start < end:
                out.append(self.ids[j])
            j += 1
        return out


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
    chunk_marks = _Marks(marks, first_mark, base + len(doc.text))

    def inside_quote(token: Token) -> bool:
        return chunk_marks.at(token.idx + base) >= 0

    cues, subjects = _find_cues(doc, base, inside_quote)
    _quotation_before_cue(doc, base, text, cues, chunk_marks)
    _split_coattributions(doc, cues)
    _cut_at_according(doc, cues)
    quotes: list[RawQuote] = []
    claimed: set[int] = set()
    for cue in cues:
        for part in cue.parts:
            quotes.extend(
                _quotes_of_part(doc, base, text, cue, part=part, marks=chunk_marks, claimed=claimed)
            )
    quotes = _drop_nested(quotes)
    for m in chunk_marks.ids:
        if m in claimed:
            continue
        quote = _unclaimed(doc, base, text, marks[m], cues)
        if quote is not None:
            claimed.add(m)
            quotes.append(quote)
    quotes.sort(key=lambda q: q.start)
    _adjacent_speakers(text, quotes)
    return ChunkQuotes(quotes=quotes, subjects=subjects)


def _find_cues(doc: Doc, base: int, inside_quote: Any) -> tuple[list[_Cue], list[tuple[int, int]]]:
    cues: list[_Cue] = []
    subjects: list[tuple[int, int]] = []
    for token in doc:
        if token.dep_ in ("nsubj", "nsubjpass"):
            a, b = syntax.speaker_span(token)
            subjects.append((a + base, b + base))
        low = token.lower_
        if low == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            if inside_quote(token):
                continue
            source, parts, cue_end = syntax.according(token)
            parts = [syntax.clip(doc, part, token.i) for part in parts]
            end_token = doc[cue_end - 1]
            cue_end_char = end_token.idx + len(end_token.text)
            cues.append(_Cue(token.i, token.idx, cue_end_char, source, parts, True, "according"))
            continue
        lemma = cue_lemma(low)
        if lemma is None or not syntax.is_verb(token) or inside_quote(token):
            continue
        particle = PARTICLE_VERBS.get(lemma)
        if particle is not None and not any(
            c.dep_ in ("prt", "dobj") and c.lower_ == particle for c in token.children
        ):
            continue
        if token.dep_ == "acl" and token.tag_ == "VBN":
            continue  # "a group called X", "veterans invited to": no one speaking
        if any(c.dep_ == "auxpass" for c in token.children):
            continue  # "steps have been agreed", "it was reported": no speaker to find
        speaker = syntax.subject(token, inside_quote)
        if lemma in DIRECT_ONLY_VERBS:
            parts, rule = [], "direct-only"
        else:
            parts, rule = syntax.content(token, lemma)
            parts = [syntax.clip(doc, part, token.i) for part in parts]
        if not parts and (speaker is None or lemma not in SPEECH_VERBS | DIRECT_ONLY_VERBS):
            continue
        a, b = syntax.cue_span(token)
        cues.append(_Cue(token.i, a, b, speaker, parts, lemma in SPEECH_VERBS, rule))
    return cues, subjects


def _quotation_before_cue(doc: Doc, base: int, text: str, cues: list[_Cue], marks: _Marks) -> None:
    """'"...," she said of the vote, ...': a quotation right before a cue is what it reports.

    The parse may hang a later clause on the cue, but a quotation that ends just before
    the speaker (or before an inverted "said Obama") is what the cue attributes.
    """
    for cue in cues:
        verb = doc[cue.token_i]
        speaker = cue.speaker
        lead = speaker.left_edge if speaker is not None and speaker.i < verb.i else verb
        if speaker is not None and speaker.i < verb.i and verb.i - speaker.i > 12:
            continue
        at = lead.idx + base
        j = bisect.bisect_right(marks.starts, at) - 1
        if j < 0:
            continue
        mark = marks.all[marks.ids[j]]
        gap = text[mark.end : at]
        if mark.end > at or len(gap) > 3 or gap.strip(" ,\xa0") or not mark.closed:
            continue
        if not _quote_like(text, mark) or not _starts_sentence(text, mark.start):
            continue
        span = doc.char_span(mark.start - base, mark.end - base, alignment_mode="expand")
        if span is not None and len(span) > 0:
            later = [part for part in cue.parts if part[0] > verb.i]
            cue.parts = [(span.start, span.end), *later]
            cue.rule = cue.rule or "quote-before-cue"


def _starts_sentence(text: str, offset: int) -> bool:
    """Whether ``offset`` begins a paragraph or follows the end of a sentence or quotation."""
    line_start = text.rfind("\n", 0, offset) + 1
    before = text[line_start:offset].rstrip(" \t\xa0")
    return not before or before.endswith((".", "?", "!", ":", "”", '"', "’", "'", "»", "—"))


def _continues_or_long(text: str, mark: MarkedQuote) -> bool:
    """A second part ('"...," he said, "and more."') or a long passage in mid-sentence."""
    if len(text[mark.inner_start : mark.inner_end].split()) >= 8:
        return True
    line_start = text.rfind("\n", 0, mark.start) + 1
    before = text[max(line_start, mark.start - 80) : mark.start].rstrip(" \t\xa0")
    return before.endswith(",") and any(c in before for c in "”\"'»")


def _cut_at_according(doc: Doc, cues: list[_Cue]) -> None:
    """ "said A, according to the Times": A is what was said, the source is not part of it."""
    for cue in cues:
        if cue.rule == "according":
            continue
        parts = []
        for a, b in cue.parts:
            cut = next(
                (
                    t.i
                    for t in doc[a:b]
                    if t.lower_ == "according" and t.i > max(cue.token_i, a + 1)
                ),
                b,
            )
            parts.append((a, cut))
        cue.parts = parts


def _split_coattributions(doc: Doc, cues: list[_Cue]) -> None:
    """End a content where the same speaker's next cue begins: "said A, adding B"."""
    by_token = sorted(cues, key=lambda c: c.token_i)
    positions = [c.token_i for c in by_token]
    for cue in cues:
        if cue.speaker is None:
            continue
        parts = []
        for a, end in cue.parts:
            b = end
            j = bisect.bisect_left(positions, a)
            while j < len(by_token) and by_token[j].token_i < b:
                inner = by_token[j]
                j += 1
                verb = doc[inner.token_i]
                if inner is cue or verb.dep_ not in ("advcl", "conj") or not inner.parts:
                    continue
                if verb.dep_ == "advcl" and verb.tag_ != "VBG":
                    continue
                k = inner.token_i - 1
                while k > a and doc[k].dep_ in ("advmod", "aux", "neg"):
                    k -= 1
                if doc[k].lower_ in (",", "and", ";"):
                    b = k
                    inner.speaker = cue.speaker
                    break
            parts.append((a, b))
        cue.parts = parts


def _quotes_of_part(
    doc: Doc,
    base: int,
    text: str,
    cue: _Cue,
    *,
    part: tuple[int, int],
    marks: _Marks,
    claimed: set[int],
) -> list[RawQuote]:
    ta, tb = part
    if tb <= ta:
        return []
    last = doc[tb - 1]
    start, end = _trim(text, doc[ta].idx + base, last.idx + len(last.text) + base)
    if end - start < 2:
        return []
    overlapping = marks.within(start, end)
    if any(
        m in claimed and marks.all[m].start <= start and end <= marks.all[m].end
        for m in overlapping
    ):
        return []  # already part of another cue's quote
    inside = [m for m in overlapping if m not in claimed]
    template = _make_quote(doc, base, cue)
    cue.used = True
    if not inside:
        if cue.speaker is None and cue.rule != "according":
            return []  # reported speech with no one reporting it: mostly not speech at all
        template.start, template.end = start, end
        template.confidence = 0.7 if cue.speech else 0.5
        return [template]
    first = marks.all[inside[0]]
    inner = text[first.inner_start : first.inner_end].rstrip()
    if first.start <= start and inner[-1:] in ",.?!…" and first.end < end:
        # "“That makes me smart,” when Clinton ...": the quotation ends the quoted sentence
        inside, end = inside[:1], first.end
    quoted = [marks.all[m] for m in inside]
    if _words_outside(text, start, end, quoted) <= 1:
        out = []
        for m in inside:
            mq = marks.all[m]
            q = _copy(template, mq.start, mq.end, "direct", 0.9)
            q.group = mq.group
            claimed.add(m)
            out.append(q)
        return out
    template.start = min(start, *(m.start for m in quoted))
    template.end = max(end, *(m.end for m in quoted))
    template.kind, template.confidence = "mixed", 0.8
    claimed.update(inside)
    return [template]


def _drop_nested(quotes: list[RawQuote]) -> list[RawQuote]:
    """Drop attributions whose cue lies inside another quote's reported content."""
    outer = sorted(
        ((q.start, q.end) for q in quotes if q.kind != "direct"), key=lambda span: span[0]
    )
    starts = [s for s, _ in outer]
    kept = []
    for q in quotes:
        nested = False
        if q.cue_start is not None and q.kind != "direct":
            j = bisect.bisect_right(starts, q.cue_start) - 1
            while j >= 0 and outer[j][0] >= q.cue_start - 2000:
                s, e = outer[j]
                if (
                    s <= q.cue_start < e
                    and s <= q.start
                    and q.end <= e
                    and (s, e)
                    != (
                        q.start,
                        q.end,
                    )
                ):
                    nested = True
                    break
                j -= 1
        if not nested:
            kept.append(q)
    return kept


def _unclaimed(
    doc: Doc, base: int, text: str, mark: MarkedQuote, cues: list[_Cue]
) -> RawQuote | None:
    """A quotation in marks that no cue's content covered, with a speaker where one is near."""
    start = mark.start
    transcript = _TRANSCRIPT.match(text, mark.inner_start)
    if transcript is not None:
        quote = RawQuote(transcript.end(), mark.end, "direct", confidence=0.7, rule="transcript")
        quote.speaker_start, quote.speaker_end = transcript.span(1)
        quote.speaker_head = quote.speaker_start
        quote.cue_start, quote.cue_end = transcript.end(1), transcript.end(1) + 1
        quote.group = mark.group
        return quote
    if not _quote_like(text, mark):
        return None
    quote = RawQuote(start, mark.end, "direct", confidence=0.3, group=mark.group, rule="marks")
    near = _nearest_cue(doc, base, mark, cues)
    if near is not None:
        _fill(quote, _make_quote(doc, base, near))
        quote.confidence, quote.rule = 0.8, "marks+cue"
        near.used = True
        return quote
    dash = _DASH_SPEAKER.match(text, mark.end)
    if dash is not None:
        quote.speaker_start, quote.speaker_end = dash.span(1)
        quote.speaker_head = dash.end(1) - 1
        quote.cue_start = quote.cue_end = None
        quote.confidence, quote.rule = 0.7, "marks+dash"
        return quote
    intro = _colon_intro(doc, base, text, mark)
    if intro is not None:
        _fill(quote, intro)
        quote.confidence, quote.rule = 0.6, "marks+colon"
    elif not _starts_sentence(text, mark.start) and not _continues_or_long(text, mark):
        return None  # a phrase quoted in mid-sentence with no one saying it: a scare quote
    return quote


def _colon_intro(doc: Doc, base: int, text: str, mark: MarkedQuote) -> RawQuote | None:
    """The speaker of "X made this comment:" right before a quotation."""
    before = text[max(0, mark.start - 3) : mark.start].rstrip(" \t\n\xa0")
    if not before.endswith(":"):
        return None
    colon = mark.start - 1
    while colon > 0 and text[colon] != ":":
        colon -= 1
    local = colon - base
    if local < 0:
        return None
    span = doc.char_span(local, local + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    speaker = syntax.clause_subject(span[0])
    if speaker is None or speaker.idx >= local:
        return None
    root = span[0].sent.root
    quote = RawQuote(0, 0, "direct")
    a, b = syntax.speaker_span(speaker)
    quote.speaker_start, quote.speaker_end = a + base, b + base
    quote.speaker_head = speaker.idx + base
    quote.pronoun = speaker.lower_ in syntax.PERSONAL
    quote.window_start = _window_start(doc, base, speaker)
    quote.cue_start, quote.cue_end = (c + base for c in syntax.cue_span(root))
    return quote


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


def _window_start(doc: Doc, base: int, token: Token) -> int:
    sent = token.sent
    previous = sent.start - 1
    window = doc[previous].sent.start if previous >= 0 else sent.start
    return int(doc[window].idx) + base


def _make_quote(doc: Doc, base: int, cue: _Cue) -> RawQuote:
    q = RawQuote(0, 0, "indirect", cue_start=cue.start + base, cue_end=cue.end + base)
    q.rule = cue.rule
    speaker = cue.speaker
    if speaker is not None:
        a, b = syntax.speaker_span(speaker)
        q.speaker_start, q.speaker_end = a + base, b + base
        named = syntax.antecedent(speaker) or speaker
        q.speaker_head = named.idx + base
        q.pronoun = speaker.lower_ in syntax.PERSONAL
        q.window_start = _window_start(doc, base, speaker)
        appos = syntax.apposition(named)
        q.appos = None if appos is None else (appos[0] + base, appos[1] + base)
    return q


def _copy(q: RawQuote, start: int, end: int, kind: str, confidence: float) -> RawQuote:
    out = RawQuote(start, end, kind, confidence=confidence, rule=q.rule)
    _fill(out, q)
    return out


def _fill(q: RawQuote, source: RawQuote) -> None:
    """Give ``q`` the speaker and cue of ``source``."""
    q.speaker_start, q.speaker_end = source.speaker_start, source.speaker_end
    q.speaker_head, q.pronoun = source.speaker_head, source.pronoun
    q.window_start, q.appos = source.window_start, source.appos
    q.cue_start, q.cue_end = source.cue_start, source.cue_end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _quote_like(text: str, mark: MarkedQuote) -> bool:
    """Whether a quotation in marks reads like speech rather than a scare quote or title."""
    inner = text[mark.inner_start : mark.inner_end].strip()
    tokens = inner.split()
    if len(tokens) >= 8:
        return True
    if len(tokens) < (2 if mark.double else 3):
        return False
    if _is_title(tokens) or _TITLE_CONTEXT.search(text, max(0, mark.start - 12), mark.start):
        return False
    return len(tokens) >= 5 or inner[-1:] in ",.!?…"


def _is_title(tokens: list[str]) -> bool:
    """ "Fox and Friends", "State of the Union": every word capitalised but the small ones."""
    for token in tokens:
        word = token.strip("\"“”‘’'.,!?:;()")
        if not word:
            continue
        if word.lower() in _SMALL_WORDS or word[:1].isdigit():
            continue
        if not word[:1].isupper():
            return False
    return True


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
    # '"Who knows?" Graham asked.' is parsed as two sentences; only a bare cue counts there
    core_end = s_end
    if (
        s_end < len(doc)
        and doc[s_end].idx - local_end <= 3
        and "\n" not in doc.text[local_end : doc[s_end].idx]
    ):
        s_end = doc[s_end].sent.end
    if s_start > 0 and local_start - (doc[s_start - 1].idx + len(doc[s_start - 1])) <= 2:
        previous = doc[s_start - 1]
        if previous.text in (":", ","):
            s_start = previous.sent.start
    best: _Cue | None = None
    best_distance = 1 << 30
    for cue in cues:
        if cue.used or cue.speaker is None or not s_start <= cue.token_i < s_end:
            continue
        if cue.token_i >= core_end and cue.parts:
            continue
        offset = cue.start + base
        distance = mark.start - offset if offset < mark.start else offset - mark.end
        if distance < best_distance:
            best, best_distance = cue, distance
    return best


def _adjacent_speakers(text: str, quotes: list[RawQuote]) -> None:
    """Direct quotes without a speaker take the speaker of the neighbouring attribution."""
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
            _fill(q, source)
            q.confidence = 0.6
            q.rule += "+adjacent"


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
        prev_end = para_start - 1
        while prev_end > 0 and text[prev_end - 1] in "\n \t\xa0":
            prev_end -= 1  # skip blank lines between paragraphs
        prev_para_start = text.rfind("\n", 0, prev_end) + 1
        if (
            p.speaker_start is not None
            and p.start >= prev_para_start
            and p.kind != "indirect"
            and len(text[p.end : q.start]) < 200
        ):
            return p
    return None


def quotes_without_parse(text: str, marks: Sequence[MarkedQuote]) -> list[RawQuote]:
    """Direct quotes from quotation marks alone, for when no pipeline is installed."""
    return [
        RawQuote(m.start, m.end, "direct", confidence=0.3, group=m.group, rule="marks")
        for m in marks
        if _quote_like(text, m)
    ]
