"""Standoff anchors: a span's exact text with a little context on each side.

Like the W3C Web Annotation TextQuoteSelector, each span keeps ``exact``, ``prefix`` and
``suffix`` so that it can be found again when the text of an article changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.errors import InvalidInputError

CONTEXT = 32


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a span is, and what it says."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor of ``text[start:end]``.

    Raises:
        InvalidInputError: the offsets are not a non-empty span inside the text.
    """
    if not (0 <= start < end <= len(text)):
        raise InvalidInputError(
            f"the span {start}-{end} is not inside the text (0-{len(text)}) or is empty"
        )
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def reanchor(text: str, exact: str, prefix: str, suffix: str, *, hint: int = 0) -> Anchor | None:
    """Find a span again in ``text`` (a new version of the article); ``None`` if it is gone.

    Among the places where ``exact`` occurs, the one whose surroundings share the longest
    stretch with ``prefix`` and ``suffix`` wins; ties go to the one nearest ``hint`` (the old
    offset).
    """
    if not exact:
        return None
    best: tuple[int, int, int] | None = None  # (-score, distance, start)
    position = text.find(exact)
    while position >= 0:
        before = text[max(0, position - len(prefix)) : position]
        after = text[position + len(exact) : position + len(exact) + len(suffix)]
        score = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        candidate = (-score, abs(position - hint), position)
        if best is None or candidate < best:
            best = candidate
        position = text.find(exact, position + 1)
    if best is None:
        return None
    return anchor(text, best[2], best[2] + len(exact))


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
