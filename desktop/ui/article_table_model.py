"""The library list: a table over article ids whose rows are fetched when first shown.

The model holds only ids in the current sort order (Anki's browser table does the same);
summaries are read in blocks through the database worker when a view asks for a row, so a
library of 100,000 articles opens as fast as one of ten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    Qt,
    Signal,
)

from desktop.types import ArticleSummary
from desktop.ui.database_worker import DatabaseWorker
from desktop.ui.read_only_table import ROOT, Index, ReadOnlyTableModel

if TYPE_CHECKING:
    from desktop.core import Library

BLOCK = 64
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header and the core's sort key."""

    header: str
    order: str


COLUMNS = (
    Column("Title", "title"),
    Column("Date", "date"),
    Column("Quotes", "quotes"),
)


class ArticleTableModel(ReadOnlyTableModel):
    """Articles of the library, sorted by the core, fetched lazily.

    Signals:
        reloaded: The id list was read again (rows may have moved).
    """

    headers = tuple(column.header for column in COLUMNS)

    reloaded = Signal()

    def __init__(self, database: DatabaseWorker, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._cache: dict[int, ArticleSummary] = {}
        self._requested: set[int] = set()  # block numbers asked for and not yet back
        self._missing: set[int] = set()
        self._order = "imported"
        self._descending = True
        self._sort_column = -1
        self._generation = 0

    # --- the id list ---------------------------------------------------------------------

    def reload(self) -> None:
        """Read the ids again in the current order (after imports or deletions)."""
        order, descending = self._order, self._descending
        self._database.submit(
            lambda library: library.article_ids(order=order, descending=descending),
            on_success=self._set_ids,
        )

    def _set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._generation += 1
        self._ids = list(ids)
        self._rows = {article_id: row for row, article_id in enumerate(self._ids)}
        self._cache.clear()
        self._requested.clear()
        self._missing.clear()
        self.endResetModel()
        self.reloaded.emit()

    def forget(self, article_ids: Sequence[int]) -> None:
        """Re-read these rows when next shown (their counts or tags changed)."""
        for article_id in article_ids:
            self._cache.pop(article_id, None)
            row = self._rows.get(article_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def article_id(self, row: int) -> int | None:
        """The article at ``row``."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        """The row of an article, if it is listed."""
        return self._rows.get(article_id)

    def summary(self, row: int) -> ArticleSummary | None:
        """The summary of a row, if it was fetched already."""
        article_id = self.article_id(row)
        return self._cache.get(article_id) if article_id is not None else None

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        article_id = self._ids[index.row()]
        if role == ID_ROLE:
            return article_id
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 2:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        summary = self._cache.get(article_id)
        if summary is None and article_id in self._missing:
            return "(gone)" if column == 0 and role == Qt.ItemDataRole.DisplayRole else None
        if summary is None:
            self._fetch(index.row() // BLOCK)
            return "…" if column == 0 and role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(summary) if column == 0 else None
        return _cell(summary, column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column = column
        self._order = COLUMNS[column].order
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # --- lazy rows -----------------------------------------------------------------------

    def _fetch(self, block: int) -> None:
        if block in self._requested:
            return
        self._requested.add(block)
        ids = self._ids[block * BLOCK : (block + 1) * BLOCK]
        generation = self._generation

        def read(library: Library) -> list[ArticleSummary]:
            return library.summaries(ids)

        self._database.submit(
            read,
            on_success=lambda summaries: self._fetched(generation, block, ids, summaries),
            on_failure=lambda error: self._fetch_failed(generation, block, error),
        )

    def _fetched(
        self, generation: int, block: int, ids: list[int], summaries: list[ArticleSummary]
    ) -> None:
        if generation != self._generation:
            return
        self._requested.discard(block)
        for summary in summaries:
            self._cache[summary.id] = summary
        # An article deleted meanwhile (by the command line, say) must not be asked for again
        # on every repaint; it shows as gone until the next reload.
        self._missing.update(set(ids) - {summary.id for summary in summaries})
        rows = [self._rows[i] for i in ids if i in self._rows]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def _fetch_failed(self, generation: int, block: int, error: BaseException) -> None:
        if generation == self._generation:
            self._requested.discard(block)
        self._database.report(error)


def _cell(summary: ArticleSummary, column: int) -> Any:
    if column == 0:
        return summary.title or "(untitled)"
    if column == 1:
        return (summary.date or summary.imported or "")[:10]
    return summary.quote_count


def _tooltip(summary: ArticleSummary) -> str:
    lines = [summary.title or "(untitled)"]
    source = " · ".join(x for x in (summary.site, summary.date, summary.format) if x)
    if source:
        lines.append(source)
    lines.append(f"{summary.entity_count} entities, {summary.quote_count} quotes")
    if summary.tags:
        lines.append("tags: " + ", ".join(summary.tags))
    return "\n".join(lines)
