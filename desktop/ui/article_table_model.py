"""The library list: a table over article ids whose rows are fetched when first shown.

The model holds only ids in the current sort order (Anki's browser table does the same);
summaries are read in blocks through the database worker when a view asks for a row, so a
library of 100,000 articles opens as fast as one of ten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal

from desktop.types import ArticleSummary
from desktop.ui.database_worker import DatabaseWorker
from desktop.ui.lazy_article_rows import ID_ROLE, LazyArticleRows
from desktop.ui.read_only_table import ROOT, Index


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


class ArticleTableModel(LazyArticleRows):
    """Articles of the library, sorted by the core, fetched lazily.

    Signals:
        reloaded: The id list was read again (rows may have moved).
    """

    headers = tuple(column.header for column in COLUMNS)

    reloaded = Signal()

    def __init__(self, database: DatabaseWorker, parent: Any = None) -> None:
        super().__init__(database, parent)
        self._order = "imported"
        self._descending = True
        self._sort_column = -1

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
        self._clear_rows()
        super()._set_ids(ids)
        self.endResetModel()
        self.reloaded.emit()

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
        summary = self._summary_or_placeholder(index.row(), article_id)
        if isinstance(summary, str):
            return summary if column == 0 and role == Qt.ItemDataRole.DisplayRole else None
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
