"""Placing the spans of a record on an article text, which may differ from the one exported.

A span is placed where its offsets say when the text there is its ``exact`` text. Otherwise
(the article was edited, or comes from another file) it is re-anchored the way the W3C
TextQuoteSelector intends: every occurrence of ``exact`` is a candidate, scored by how well
the text around it matches the recorded ``prefix`` and ``suffix``, with the old offset breaking
ties. A span is placed only when one candidate clearly wins; a span whose text is gone, or
that could equally be in several places, is reported with the reason and never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from desktop.exchange.offsets import Utf16Index
from desktop.exchange.records import DocumentRecord, SpanRecord

MIN_CONTEXT_SCORE = 0.5  # below this the surroundings are too different to trust
TIE_MARGIN = 0.05  # candidates closer than this in score are equally good
MAX_CANDIDATES = 2000  # a span text that occurs more often than this is not worth scoring


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a span goes: ``[start, end)`` in the target text, and how it was found."""

    start: int
    end: int
    how: str  # "offsets" (as recorded) or "re-anchored"


@dataclass(frozen=True, slots=True)
class PlacedSpan:
    """A span of a record with its place in the target text."""

    span: SpanRecord
    start: int
    end: int
    how: str


@dataclass(frozen=True, slots=True)
class UnplacedSpan:
    """A span that could not be placed, with the reason in words."""

    span: SpanRecord
    reason: str


@dataclass(frozen=True, slots=True)
class Placement:
    """The spans of one record on one target text."""

    placed: tuple[PlacedSpan, ...]
    unplaced: tuple[UnplacedSpan, ...]

    def where(self, key: str) -> PlacedSpan | None:
        """The placed span with this key, or None."""
        for placed in self.placed:
            if placed.span.key == key:
                return placed
        return None


def place_spans(record: DocumentRecord, text: str, *, same_text: bool = False) -> Placement:
    """Place every span of ``record`` on ``text``.

    Args:
        record: the spans to place.
        text: the article text to place them on.
        same_text: ``text`` is known to be the text the record was written from (its hash
            matched), so a span given only by offsets, with no ``exact`` text, is placed where
            its offsets say.
    """
    index = Utf16Index(text)
    placed: list[PlacedSpan] = []
    unplaced: list[UnplacedSpan] = []
    for span in record.spans:
        exact = span.exact
        if not exact and same_text and span.start is not None and span.end is not None:
            exact = text[span.start : span.end] if 0 <= span.start < span.end <= len(text) else ""
        result = anchor(
            text,
            exact,
            prefix=span.prefix,
            suffix=span.suffix,
            hint=span.start,
            utf16=index,
        )
        if isinstance(result, str):
            unplaced.append(UnplacedSpan(span, result))
        else:
            placed.append(PlacedSpan(span, result.start, result.end, result.how))
    return Placement(placed=tuple(placed), unplaced=tuple(unplaced))


def anchor(
    text: str,
    exact: str,
    *,
    prefix: str = "",
    suffix: str = "",
    hint: int | None = None,
    utf16: Utf16Index | None = None,
) -> Anchor | str:
    """Find ``exact`` in ``text``; the :class:`Anchor`, or the reason it cannot be placed.

    Args:
        text: the text to place the span on.
        exact: the span's text.
        prefix: the text just before the span where it was recorded ("" if unknown).
        suffix: the text just after it.
        hint: the recorded start offset, in code points (or, for text with astral
            characters, possibly UTF-16 code units: both readings are tried).
        utf16: a prepared index of ``text`` (built when None).
    """
    if not exact:
        return "the span is empty"
    end = None if hint is None else hint + len(exact)
    if (
        hint is not None
        and end is not None
        and hint >= 0
        and text[hint:end] == exact
        and _context_score(text, hint, end, prefix, suffix) >= MIN_CONTEXT_SCORE
    ):
        return Anchor(hint, end, "offsets")
    candidates = _occurrences(text, exact)
    if not candidates:
        return f"its text {_show(exact)} is not in the article"
    if len(candidates) > MAX_CANDIDATES:
        return f"its text {_show(exact)} occurs {len(candidates)} times"
    hints = _hints(hint, text, utf16)
    scored = sorted(
        ((_context_score(text, s, e, prefix, suffix), s, e) for s, e in candidates),
        key=lambda item: -item[0],
    )
    best_score = scored[0][0]
    if best_score < MIN_CONTEXT_SCORE and not (len(scored) == 1 and not prefix and not suffix):
        return f"the text around {_show(exact)} has changed too much to be sure"
    best = [item for item in scored if best_score - item[0] <= TIE_MARGIN]
    if len(best) > 1:
        if not hints:
            return f"its text {_show(exact)} fits {len(best)} places equally well"
        best.sort(key=lambda item: min(abs(item[1] - h) for h in hints))
        first = min(abs(best[0][1] - h) for h in hints)
        second = min(abs(best[1][1] - h) for h in hints)
        if first == second:
            return f"its text {_show(exact)} fits {len(best)} places equally well"
    _, start, stop = best[0]
    return Anchor(start, stop, "offsets" if start == hint and stop == end else "re-anchored")


def _occurrences(text: str, exact: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    at = text.find(exact)
    while at != -1:
        found.append((at, at + len(exact)))
        at = text.find(exact, at + 1)
    if found:
        return found
    # The same words with different spacing (a re-wrapped paragraph, CRLF line ends).
    words = exact.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """How well the text around ``[start, end)`` matches the recorded context, 0 to 1."""
    total = len(prefix) + len(suffix)
    if total == 0:
        return 1.0
    score = 0.0
    if prefix:
        before = text[max(0, start - len(prefix)) : start]
        score += _similarity(before, prefix, from_end=True) * len(prefix)
    if suffix:
        after = text[end : end + len(suffix)]
        score += _similarity(after, suffix, from_end=False) * len(suffix)
    return score / total


def _similarity(found: str, recorded: str, *, from_end: bool) -> float:
    if found == recorded:
        return 1.0
    if not found:
        return 0.0
    # Text at the very start or end of an article is shorter than the recorded context only
    # when the article begins or ends there: compare what there is.
    if len(found) < len(recorded):
        recorded = recorded[-len(found) :] if from_end else recorded[: len(found)]
    return SequenceMatcher(None, found, recorded, autojunk=False).ratio()


def _hints(hint: int | None, text: str, utf16: Utf16Index | None) -> list[int]:
    if hint is None:
        return []
    hints = [hint]
    index = utf16 if utf16 is not None else Utf16Index(text)
    if index.has_astral:
        converted = index.from_utf16(hint)
        if converted is not None and converted != hint:
            hints.append(converted)
    return hints


def _show(exact: str) -> str:
    flat = " ".join(exact.split())
    return repr(flat if len(flat) <= 40 else flat[:39] + "…")
