"""The entities of the article shown, grouped by type: a two-level tree.

Top-level rows are entity types (Person, Organisation, ...); their children are the
library-wide entities mentioned in this article, with aliases and the number of mentions
here. The internal id of an index says its level: 0 for a type, ``1 + type row`` for an
entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.types import Entity
from desktop.ui import highlight_palette as hp

ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3  # name and aliases, for the filter
SORT_ROLE = Qt.ItemDataRole.UserRole + 4

HEADERS = ("Name", "Mentions", "Also called")

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, as a default argument


class EntityTreeModel(QAbstractItemModel):
    """Entities grouped under their label."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._labels: list[str] = []
        self._groups: list[list[Entity]] = []
        self._dark = False

    def set_entities(self, entities: Sequence[Entity], *, dark: bool = False) -> None:
        """Show these entities (mention counts as the core gives them for this article)."""
        by_label: dict[str, list[Entity]] = {}
        for entity in entities:
            by_label.setdefault(entity.label, []).append(entity)
        order = list(hp.ENTITY_STYLES)
        labels = sorted(by_label, key=lambda x: (order.index(x) if x in order else len(order), x))
        self.beginResetModel()
        self._dark = dark
        self._labels = labels
        self._groups = [
            sorted(by_label[label], key=lambda e: (-e.mention_count, e.name.casefold()))
            for label in labels
        ]
        self.endResetModel()

    def entity(self, index: Index) -> Entity | None:
        """The entity at ``index`` (None for a type row)."""
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        return group[index.row()] if index.row() < len(group) else None

    def index_of(self, entity_id: int) -> QModelIndex:
        """The index of an entity, or an invalid index."""
        for group_row, group in enumerate(self._groups):
            for row, entity in enumerate(group):
                if entity.id == entity_id:
                    return self.createIndex(row, 0, group_row + 1)
        return QModelIndex()

    # --- Qt model ------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = ROOT) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()])
        return 0

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(HEADERS)

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
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != 0:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == 0:
            return self._group_data(index.row(), column, role)
        entity = self.entity(index)
        if entity is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return entity.name
            if column == 1:
                return entity.mention_count
            return ", ".join(a for a in entity.aliases if a != entity.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            aliases = [a for a in entity.aliases if a != entity.name]
            seen = f"{entity.article_count} article(s) in the library"
            return (
                f"{entity.name} ({entity.label})"
                + (f"\nalso: {', '.join(aliases)}" if aliases else "")
                + f"\n{seen}"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTITY_ROLE:
            return entity.id
        if role == LABEL_ROLE:
            return entity.label
        if role == SEARCH_ROLE:
            return " ".join((entity.name, *entity.aliases))
        if role == SORT_ROLE:
            return entity.mention_count if column == 1 else entity.name.casefold()
        return None

    def _group_data(self, row: int, column: int, role: int) -> Any:
        if not 0 <= row < len(self._labels):
            return None
        label = self._labels[row]
        style = hp.label_style(label)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{style.name} ({label})"
            if column == 1:
                return sum(e.mention_count for e in self._groups[row])
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(style.color)
        if role == LABEL_ROLE:
            return label
        if role == SEARCH_ROLE:
            return ""
        if role == SORT_ROLE:
            return row if column == 0 else sum(e.mention_count for e in self._groups[row])
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
