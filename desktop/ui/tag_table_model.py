"""The user's tag set: name, colour and shortcut key, for the tag manager."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.types import Tag

TAG_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Tag", "Colour", "Key")

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, as a default argument


class TagTableModel(QAbstractTableModel):
    """One row per tag, sorted by name."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tags: list[Tag] = []

    def set_tags(self, tags: Sequence[Tag]) -> None:
        """Show this tag set."""
        self.beginResetModel()
        self._tags = sorted(tags, key=lambda t: t.name.casefold())
        self.endResetModel()

    def tag(self, row: int) -> Tag | None:
        """The tag at ``row``."""
        return self._tags[row] if 0 <= row < len(self._tags) else None

    def row_of(self, tag_id: int) -> int | None:
        """The row of a tag."""
        for row, tag in enumerate(self._tags):
            if tag.id == tag_id:
                return row
        return None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._tags)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

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
