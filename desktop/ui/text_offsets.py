"""Between Python string indices (the library's offsets) and Qt text positions.

Qt counts UTF-16 code units; Python counts code points. They differ after every character
outside the Basic Multilingual Plane (emoji, some CJK), so each such character before a
position shifts the Qt position by one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class TextOffsets:
    """Converts offsets for one text.

    Args:
        text: The article's canonical text.
    """

    def __init__(self, text: str) -> None:
        # Python indices of astral characters, ascending; empty for nearly every article.
        self._astral = [] if text.isascii() else [i for i, c in enumerate(text) if ord(c) > 0xFFFF]
        self._qt_astral = [index + n for n, index in enumerate(self._astral)]
        self.length = len(text)

    def to_qt(self, index: int) -> int:
        """The Qt position of Python index ``index``."""
        if not self._astral:
            return index
        return index + bisect_left(self._astral, index)

    def from_qt(self, position: int) -> int:
        """The Python index at Qt position ``position`` (inside a surrogate pair: its start)."""
        if not self._astral:
            return position
        # Astral characters that end before this position count fully; a position inside a
        # surrogate pair maps back to the character itself.
        whole = bisect_right(self._qt_astral, position - 2)
        inside = whole < len(self._qt_astral) and self._qt_astral[whole] == position - 1
        return position - whole - (1 if inside else 0)
