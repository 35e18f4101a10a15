"""Every entity of the library as a flat table, filtered and sorted inside the model.

A library can hold tens of thousands of entities. A QSortFilterProxyModel would call back
into Python once per row on every keystroke; this model keeps the whole list and the rows
shown, and filters and sorts them with list operations (a few milliseconds for 50,000).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from desktop.types import Entity
from desktop.ui import highlight_palette as hp
from desktop.ui.read_only_table import ROOT, Index, ReadOnlyTableModel

ENTITY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    numeric: bool = False


COLUMNS = (
    _Column("Name"),
    _Column("Type"),
    _Column("Mentions", numeric=True),
    _Column("Articles", numeric=True),
    _Column("Also called"),
)
NAME, TYPE, MENTIONS, ARTICLES, ALIASES = range(len(COLUMNS))


def _folded_names(entity: Entity) -> str:
    # A line break between names: a filter never matches across two of them.
    return "\n".join((entity.name, *entity.aliases)).casefold()


def _aliases(entity: Entity) -> str:
    return ", ".join(a for a in entity.aliases if a != entity.name)


NAMES = "names"  # a type filter: every label but dates and numbers


def _of_type(entity_label: str, wanted: str | None) -> bool:
    if wanted is None:
        return True
    if wanted == NAMES:
        return entity_label not in hp.QUIET_LABELS
    return entity_label == wanted


def _sort_key(column: int) -> Any:
    if column == TYPE:
        return lambda e: (e.label, e.name.casefold())
    if column == MENTIONS:
        return lambda e: (e.mention_count, e.article_count)
    if column == ARTICLES:
        return lambda e: (e.article_count, e.mention_count)
    if column == ALIASES:
        return lambda e: _aliases(e).casefold()
    return lambda e: e.name.casefold()


class EntityBrowserModel(ReadOnlyTableModel):
    """Library-wide entities: name, type, mention and article counts, aliases."""

    headers = tuple(column.header for column in COLUMNS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[Entity] = []
        self._folded: list[str] = []  # name and aliases, case-folded, parallel to _all
        self._shown: list[Entity] = []
        self._text = ""
        self._label: str | None = None
        self._sort_column = MENTIONS
        self._descending = True

    # --- content -------------------------------------------------------------------------

    def set_entities(self, entities: Sequence[Entity]) -> None:
        """Hold these entities; the filter and the sort order stay as they were."""
        self._all = list(entities)
        self._folded = [_folded_names(e) for e in self._all]
        self._update()

    def set_filter(self, text: str, label: str | None) -> None:
        """Show the entities whose name or an alias holds ``text``, of type ``label``.

        ``label`` None shows every type; :data:`NAMES` every type but dates and numbers.
        """
        text = text.strip().casefold()
        if text == self._text and label == self._label:
            return
        self._text, self._label = text, label
        self._update()

    def labels(self) -> list[str]:
        """The entity types present in the library, in the highlight palette's order."""
        order = list(hp.ENTITY_STYLES)
        present = {e.label for e in self._all}
        return sorted(present, key=lambda x: (order.index(x) if x in order else len(order), x))

    @property
    def total(self) -> int:
        """How many entities the library holds (filtered or not)."""
        return len(self._all)

    def entity(self, row: int) -> Entity | None:
        """The entity shown at ``row``."""
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, entity_id: int) -> int | None:
        """The row of an entity, if it is shown."""
        for row, entity in enumerate(self._shown):
            if entity.id == entity_id:
                return row
        return None

    def _update(self) -> None:
        text, label = self._text, self._label
        rows = [
            entity
            for entity, folded in zip(self._all, self._folded, strict=True)
            if _of_type(entity.label, label) and (not text or text in folded)
        ]
        rows.sort(key=_sort_key(self._sort_column), reverse=self._descending)
        self.beginResetModel()
        self._shown = rows
        self.endResetModel()

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entity = self.entity(index.row()) if index.isValid() else None
        if entity is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return entity.name
            if column == TYPE:
                return entity.label
            if column == MENTIONS:
                return entity.mention_count
            if column == ARTICLES:
                return entity.article_count
            return _aliases(entity)
        if role == Qt.ItemDataRole.ToolTipRole and column in (NAME, ALIASES):
            aliases = _aliases(entity)
            return f"{entity.name} ({entity.label})" + (f"\nalso: {aliases}" if aliases else "")
        if role == Qt.ItemDataRole.ToolTipRole and column == TYPE:
            return hp.label_style(entity.label).name
        if role == Qt.ItemDataRole.DecorationRole and column == TYPE:
            return QColor(hp.label_style(entity.label).color)
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[column].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ENTITY_ROLE:
            return entity.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(self.entity(i.row()), i.column()) for i in persistent]
        self._shown.sort(key=_sort_key(column), reverse=self._descending)
        rows = {id(e): row for row, e in enumerate(self._shown)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(rows[id(entity)], col) if entity is not None else QModelIndex()
                for entity, col in before
            ],
        )
        self.layoutChanged.emit()
