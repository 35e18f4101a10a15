"""The user's tag set: name, colour and shortcut key, for the tag manager."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.types import Tag
from desktop.ui.read_only_table import Index, ListTableModel

TAG_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Tag", "Colour", "Key")


class TagTableModel(ListTableModel):
    """One row per tag, sorted by name."""

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Tag] = []

    def set_tags(self, tags: Sequence[Tag]) -> None:
        """Show this tag set."""
        self._reset_rows(sorted(tags, key=lambda t: t.name.casefold()))

    def tag(self, row: int) -> Tag | None:
        """The tag at ``row``."""
        return self._row(row)

    def row_of(self, tag_id: int) -> int | None:
        """The row of a tag."""
        for row, tag in enumerate(self._rows):
            if tag.id == tag_id:
                return row
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tag = self.tag(index.row())
        if tag is None:
            return None
        column = index.column()
        if role == TAG_ROLE:
            return tag
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return tag.name
            if column == 1:
                return tag.color
            return tag.shortcut or ""
        if role == Qt.ItemDataRole.DecorationRole and column in (0, 1):
            return QColor(tag.color)
        return None
