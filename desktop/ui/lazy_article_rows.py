"""Article lists over ids whose rows are read from the library in blocks, when first shown.

Both the Reader's list and the Library tab hold up to 100,000 ids; reading a summary only
when its row is painted keeps them open in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from desktop.types import ArticleSummary
from desktop.ui.database_worker import DatabaseWorker
from desktop.ui.read_only_table import ReadOnlyTableModel

if TYPE_CHECKING:
    from desktop.core import Library

BLOCK = 64  # rows read per trip to the database
ID_ROLE = Qt.ItemDataRole.UserRole + 1

PENDING = "…"  # shown in the title cell until the row arrives
GONE = "(gone)"  # an article deleted elsewhere since the ids were read


class LazyArticleRows(ReadOnlyTableModel):
    """Ids in display order, summaries fetched by block; a generation drops stale answers."""

    def __init__(self, database: DatabaseWorker, parent: Any = None) -> None:
        super().__init__(parent)
        self._database = database
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._cache: dict[int, ArticleSummary] = {}
        self._requested: set[int] = set()  # block numbers asked for and not yet back
        self._missing: set[int] = set()
        self._generation = 0

    def _set_ids(self, ids: list[int]) -> None:
        self._ids = list(ids)
        self._rows = {article_id: row for row, article_id in enumerate(self._ids)}

    def _clear_rows(self) -> None:
        """Drop every fetched row (bump ``_generation`` too to drop answers on their way)."""
        self._cache.clear()
        self._requested.clear()
        self._missing.clear()

    def forget(self, article_ids: Sequence[int]) -> None:
        """Re-read these rows when next shown (their counts or tags changed)."""
        last = self.columnCount() - 1
        for article_id in article_ids:
            self._cache.pop(article_id, None)
            row = self._rows.get(article_id)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def article_id(self, row: int) -> int | None:
        """The article at ``row``."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        """The row of an article, if it is listed."""
        return self._rows.get(article_id)

    def summary(self, row: int) -> ArticleSummary | None:
        """The list row at ``row``, if it was fetched already."""
        article_id = self.article_id(row)
        return None if article_id is None else self._cache.get(article_id)

    def _summary_or_placeholder(self, row: int, article_id: int) -> ArticleSummary | str:
        """The row's summary, else what its title cell shows while it is read (or gone)."""
        summary = self._cache.get(article_id)
        if summary is not None:
            return summary
        if article_id in self._missing:
            return GONE
        self._fetch(row // BLOCK)
        return PENDING

    def _fetch(self, block: int) -> None:
        if block in self._requested:
            return
        self._requested.add(block)
        ids = self._ids[block * BLOCK : (block + 1) * BLOCK]
        generation = self._generation

        def read(library: Library) -> list[ArticleSummary] | None:
            if generation != self._generation:
                return None  # a newer list replaced this one while the job waited
            return library.summaries(ids)

        self._database.submit(
            read,
            on_success=lambda rows: self._fetched(generation, block, ids, rows),
            on_failure=lambda error: self._fetch_failed(generation, block, error),
        )

    def _fetched(
        self, generation: int, block: int, ids: list[int], rows: list[ArticleSummary] | None
    ) -> None:
        if rows is None or generation != self._generation:
            return
        self._requested.discard(block)
        for summary in rows:
            self._cache[summary.id] = summary
        # Deleted meanwhile (by the command line, say): shown as gone until the next reload,
        # not asked for again on every repaint.
        self._missing.update(set(ids) - {summary.id for summary in rows})
        shown = [self._rows[i] for i in ids if i in self._rows]
        if shown:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(min(shown), 0), self.index(max(shown), last))

    def _fetch_failed(self, generation: int, block: int, error: BaseException) -> None:
        if generation == self._generation:
            self._requested.discard(block)
        self._database.report(error)
