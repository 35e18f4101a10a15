"""Speaker resolution: from the speaker as written to the full name the article gives."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from desktop.nlp.quotes import RawQuote
from desktop.types import EntityMention, QuoteKind, QuoteSpan

_NAMED = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


def _kind(value: str) -> QuoteKind:
    if value == "direct":
        return "direct"
    if value == "mixed":
        return "mixed"
    return "indirect"


class _Index:
    """Entity mentions sorted by start, for overlap and look-back queries."""

    def __init__(self, entities: Sequence[EntityMention]) -> None:
        self.entities = sorted(entities, key=lambda e: e.start)
        self.starts = [e.start for e in self.entities]

    def overlapping(self, start: int, end: int) -> list[EntityMention]:
        j = bisect.bisect_left(self.starts, end)
        out = []
        for e in reversed(self.entities[max(0, j - 20) : j]):
            if e.end > start:
                out.append(e)
        out.reverse()
        return out

    def between(self, start: int, end: int) -> list[EntityMention]:
        i = bisect.bisect_left(self.starts, start)
        j = bisect.bisect_left(self.starts, end)
        return self.entities[i:j]


def _in_any(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    j = bisect.bisect_right(starts, offset) - 1
    while j >= 0 and starts[j] >= offset - 200:
        if spans[j][0] <= offset < spans[j][1]:
            return True
        j -= 1
    return False


def resolve_speakers(
    text: str,
    quotes: Sequence[RawQuote],
    entities: Sequence[EntityMention],
    subjects: Sequence[tuple[int, int]],
) -> list[QuoteSpan]:
    """Turn raw quotes into ``QuoteSpan`` with the resolved speaker where the article allows.

    A named speaker resolves to the canonical name of the entity at its head word (or, for
    "two allies, Russia and Iran", of the entities in its apposition). "He"/"she" resolves
    to the nearest person before it, in its own or the previous sentence, who is the subject
    of a clause or the speaker of a quote; otherwise it stays unresolved.
    """
    index = _Index([e for e in entities if e.label in _NAMED])
    surnames: dict[str, list[tuple[int, str]]] = {}
    for e in index.entities:
        if e.label == "PERSON" and " " in e.canonical:
            surnames.setdefault(e.canonical.split()[-1], []).append((e.start, e.canonical))
    subject_spans = sorted(subjects)
    subject_starts = [s for s, _ in subject_spans]
    resolved_at: dict[int, str] = {}  # speaker start -> a person's name, for later pronouns
    out: list[QuoteSpan] = []
    for q in sorted(quotes, key=lambda q: q.start):
        speaker = resolved = None
        if q.speaker_start is not None and q.speaker_end is not None:
            speaker = text[q.speaker_start : q.speaker_end]
            person = False
            if q.pronoun:
                resolved = _antecedent(q, index, subject_spans, subject_starts, resolved_at)
                person = resolved is not None
            else:
                resolved, person = _named(q, index)
                if resolved is None:
                    resolved = _by_surname(speaker, q.speaker_start, surnames)
                    person = resolved is not None
            if resolved is not None and person:
                resolved_at[q.speaker_start] = resolved
        out.append(
            QuoteSpan(
                start=q.start,
                end=q.end,
                text=text[q.start : q.end],
                kind=_kind(q.kind),
                speaker=speaker,
                speaker_start=q.speaker_start,
                speaker_end=q.speaker_end,
                speaker_resolved=resolved,
                cue=None if q.cue_start is None else text[q.cue_start : q.cue_end],
                cue_start=q.cue_start,
                cue_end=q.cue_end,
                confidence=q.confidence,
            )
        )
    return out


def _named(q: RawQuote, index: _Index) -> tuple[str | None, bool]:
    """The canonical name of a named speaker, and whether it is a person."""
    assert q.speaker_start is not None and q.speaker_end is not None
    head = q.speaker_head if q.speaker_head is not None else q.speaker_end - 1
    for e in index.overlapping(head, head + 1):
        if e.start <= head < e.end:
            return e.canonical, e.label == "PERSON"
    if q.appos is not None:
        names: list[str] = []
        for e in index.between(*q.appos):
            if e.end <= q.appos[1] and e.canonical not in names:
                names.append(e.canonical)
        if names:
            return " and ".join(names), False
    return None, False


def _antecedent(
    q: RawQuote,
    index: _Index,
    subject_spans: list[tuple[int, int]],
    subject_starts: list[int],
    resolved_at: dict[int, str],
) -> str | None:
    assert q.speaker_start is not None
    best: tuple[int, str] | None = None
    for e in index.between(q.window_start, q.speaker_start):
        if e.label == "PERSON" and _in_any(subject_spans, subject_starts, e.start):
            best = (e.start, e.canonical)
    for start, name in resolved_at.items():
        if q.window_start <= start < q.speaker_start and (best is None or start > best[0]):
            best = (start, name)
    return best[1] if best is not None else None


def _by_surname(speaker: str, at: int, surnames: dict[str, list[tuple[int, str]]]) -> str | None:
    """A speaker the tagger missed ("Okafor told") that is a person's surname in the article."""
    words = [w.strip(".,’'") for w in speaker.split()]
    names = [w for w in words if w[:1].isupper()]
    if not names or names[-1] != words[-1]:
        return None
    candidates = surnames.get(names[-1])
    if not candidates:
        return None
    before = [name for start, name in candidates if start < at]
    return before[-1] if before else candidates[0][1]
