"""Offsets between code points (Newsdesk's unit) and UTF-16 code units (browsers, JavaScript).

Newsdesk counts in code points, as Python ``str`` indices do, and so do every format it
writes: Prodigy, doccano and brat are Python tools, spaCy's ``Doc.char_span`` takes ``str``
indices, and the W3C Web Annotation model says selections "MUST be in terms of unicode code
points ... not in terms of code units". Tools running in a browser (Hypothesis, Apache
Annotator, Label Studio's front end) count UTF-16 code units instead, so an astral character
such as an emoji counts twice. :class:`Utf16Index` converts both ways, for readers that meet
such offsets.
"""

from __future__ import annotations

from bisect import bisect_right


class Utf16Index:
    """Converts offsets into one text between code points and UTF-16 code units."""

    def __init__(self, text: str) -> None:
        # Code point positions of the astral characters: each adds one code unit after it.
        self._astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
        self._length = len(text)
        # The same positions in code units, for the reverse direction.
        self._astral_units = [i + n for n, i in enumerate(self._astral)]

    @property
    def has_astral(self) -> bool:
        """Whether the two units differ anywhere in this text."""
        return bool(self._astral)

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of code point ``offset``."""
        return offset + bisect_right(self._astral, offset - 1)

    def from_utf16(self, offset: int) -> int | None:
        """The code point offset of UTF-16 ``offset``; None inside a surrogate pair."""
        before = bisect_right(self._astral_units, offset - 1)
        if before and self._astral_units[before - 1] == offset - 1:
            return None  # between the two halves of a surrogate pair
        return offset - before


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
