"""Filters the entity tree by what a person types: any word of the name or an alias."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from desktop.ui.entity_tree_model import SEARCH_ROLE, SORT_ROLE


class EntityFilterProxy(QSortFilterProxyModel):
    """Keeps the entities whose name or an alias contains the filter text (case-folded).

    A type row stays while any of its entities matches (recursive filtering).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setSortRole(SORT_ROLE)
        self._needle = ""

    def set_filter_text(self, text: str) -> None:
        """Filter by ``text``; an empty string shows everything."""
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._needle:
            return True
        source = self.sourceModel()
        index = source.index(source_row, 0, source_parent)
        haystack = source.data(index, SEARCH_ROLE) or ""
        return self._needle in str(haystack).casefold()
