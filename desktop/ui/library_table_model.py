"""The Library tab's table: every article, or the results of a search, fetched lazily.

The model holds ids in display order and reads list rows in blocks through the database
worker when a view first asks for them, so 100,000 articles list as quickly as ten. Without
a query or filter it lists the library in the core's sort order; with one it shows ranked
results page by page (``fetchMore`` as the view scrolls), each with its marked snippet.

Every request carries a generation number: a job whose request was superseded while it
waited in the worker's queue does nothing, and an answer to an old request is dropped, so
typing fast never shows stale results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal

from desktop.types import MATCH_END, MATCH_START, ArticleSummary, SearchHit
from desktop.ui.database_worker import DatabaseWorker, error_message
from desktop.ui.lazy_article_rows import ID_ROLE, PENDING, LazyArticleRows
from desktop.ui.library_query import (
    FIRST_ROWS,
    PAGE,
    SORT_LIMIT,
    FirstRows,
    ResultPage,
    SearchRequest,
    count_results,
    search_page,
    sorted_by_tags,
    tags_key,
)
from desktop.ui.read_only_table import ROOT, Index

if TYPE_CHECKING:
    from desktop.core import Library

#: The snippet with its MATCH_START / MATCH_END markers, for the painting delegate.
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True, slots=True)
class Column:
    """One column: header, the core's sort key (None: sorted here) and a local sort key."""

    header: str
    order: str | None
    key: Callable[[ArticleSummary], Any]
    numeric: bool = False


COLUMNS = (
    Column("Title", "title", lambda s: (s.title or "").casefold()),
    Column("Date", "date", lambda s: s.date or ""),
    Column("Site", "site", lambda s: (s.site or "").casefold()),
    Column("Format", "format", lambda s: s.format),
    Column("Entities", "entities", lambda s: s.entity_count, numeric=True),
    Column("Quotes", "quotes", lambda s: s.quote_count, numeric=True),
    Column("Tags", None, tags_key),
    Column("Imported", "imported", lambda s: s.id),
    Column("Match", None, lambda s: 0),
)
TITLE, DATE, SITE, FORMAT, ENTITIES, QUOTES, TAGS, IMPORTED, MATCH = range(len(COLUMNS))


class LibraryTableModel(LazyArticleRows):
    """Articles of the library or of a search, in display order, rows fetched lazily.

    Signals:
        results_changed: A new list arrived (``total`` so far, ``searching``); a search's
            exact total follows through ``counted``.
        counted: The exact number of results of the current search.
        search_failed: A request the core refused (a malformed date, say): the message.
    """

    headers = tuple(column.header for column in COLUMNS)

    results_changed = Signal(int, bool)
    counted = Signal(int)
    search_failed = Signal(str)

    def __init__(self, database: DatabaseWorker, parent: Any = None) -> None:
        super().__init__(database, parent)
        self._request = SearchRequest()
        self._hits: dict[int, SearchHit] = {}
        self._total = 0
        self._counted = True
        self._row_count = 0
        self._refresh_due = False  # a refresh was asked for while the first load ran
        self._paging = False  # a next page of ranked results is on its way
        self._loaded = False
        # Browsing starts newest first; a search starts by relevance (the Match column).
        self._browse_sort: tuple[int, bool] = (IMPORTED, True)
        self._search_sort: tuple[int, bool] = (MATCH, False)

    # --- what is shown -------------------------------------------------------------------

    @property
    def request(self) -> SearchRequest:
        """The query and filters shown (empty: the whole library)."""
        return self._request

    @property
    def searching(self) -> bool:
        """Whether the rows are search results rather than the whole library."""
        return not self._request.is_empty()

    @property
    def loaded(self) -> bool:
        """Whether the current request's first rows have arrived."""
        return self._loaded

    @property
    def total(self) -> int:
        """How many articles the current request finds (while not :attr:`exact`: at least)."""
        return self._total

    @property
    def exact(self) -> bool:
        """Whether :attr:`total` is the exact count (a search counts after its first page)."""
        return self._counted

    def sort_state(self) -> tuple[int, bool]:
        """The column the rows are sorted by, and whether descending."""
        return self._search_sort if self.searching else self._browse_sort

    def set_request(self, request: SearchRequest) -> None:
        """Show ``request``'s results (an empty request lists the library)."""
        self._request = request
        self.reload()

    def reload(self) -> None:
        """Read the rows again for the current request and order.

        The first answer brings what the view shows at once: in the library's order, the
        count and the first rows; for a search, the first page of hits. What takes longer
        follows in a second job: every id of the library (150 ms at 100k), or the exact
        number of results.
        """
        self._generation += 1
        self._loaded = False
        generation = self._generation
        request = self._request
        column, descending = self.sort_state()
        order = COLUMNS[column].order

        def run(library: Library) -> FirstRows | None:
            if generation != self._generation:
                return None  # superseded while it waited: skip the work
            if request.is_empty():
                if order is None:
                    all_ids = library.article_ids(order="imported", descending=True)
                    ids = sorted_by_tags(library, all_ids, descending)
                    return FirstRows(ids, ResultPage([], []), len(ids), complete=True)
                total = library.count_articles()
                rows = library.list_articles(limit=FIRST_ROWS, order=order, descending=descending)
                ids = [r.id for r in rows]
                return FirstRows(ids, ResultPage([], rows), total, complete=len(ids) >= total)
            limit = PAGE if column == MATCH else SORT_LIMIT
            page = search_page(library, request, 0, limit)
            ids = [h.article_id for h in page.hits]
            if column != MATCH:
                ranked = sorted(page.summaries, key=COLUMNS[column].key, reverse=descending)
                ids = [r.id for r in ranked]
            # Fewer hits than asked for: that is all of them, no count needed.
            return FirstRows(ids, page, len(ids), complete=len(ids) < limit)

        self._database.submit(
            run,
            on_success=lambda result: self._arrived(generation, result),
            on_failure=lambda error: self._failed(generation, error),
        )

    def _arrived(self, generation: int, first: FirstRows | None) -> None:
        if first is None or generation != self._generation:
            return
        self.beginResetModel()
        self._set_ids(first.ids)
        self._clear_rows()
        self._hits.clear()
        self._paging = False
        self._take(first.page)
        self._total = first.total
        self._counted = first.complete or not self.searching
        self._row_count = first.total if not self.searching else len(first.ids)
        self._loaded = True
        self.endResetModel()
        self.results_changed.emit(self._total, self.searching)
        if not first.complete:
            if self.searching:
                self._count_results(generation)
            else:
                self._read_all_ids(generation)
        if self._refresh_due:
            self._refresh_due = False
            self.refresh()

    def _read_all_ids(self, generation: int) -> None:
        column, descending = self.sort_state()
        order = COLUMNS[column].order or "imported"

        def run(library: Library) -> list[int] | None:
            if generation != self._generation:
                return None
            return library.article_ids(order=order, descending=descending)

        def arrived(ids: list[int] | None) -> None:
            if ids is None or generation != self._generation:
                return
            if len(ids) != self._row_count or ids[: len(self._ids)] != self._ids:
                self._replace_ids(ids)  # the library changed between the two reads
                return
            known = len(self._ids)
            self._set_ids(ids)
            if known < len(ids):
                # Rows past the first ones showed "…"; now they can be fetched.
                last = len(COLUMNS) - 1
                self.dataChanged.emit(self.index(known, 0), self.index(len(ids) - 1, last))

        self._database.submit(
            run,
            on_success=arrived,
            on_failure=lambda error: self._failed(generation, error),
        )

    def _replace_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._set_ids(ids)
        self._row_count = self._total = len(ids)
        self._clear_rows()
        self.endResetModel()
        self.results_changed.emit(self._total, False)

    def refresh(self) -> None:
        """Catch up with changes made elsewhere (imports, deletions, edits).

        Unlike :meth:`reload` it keeps the rows, and so the selection, when the list of ids is
        the same, and a first load still under way is not thrown away: it is checked again
        once it has arrived.
        """
        if not self._loaded:
            self._refresh_due = True
            return
        column, descending = self.sort_state()
        order = COLUMNS[column].order
        if self.searching or order is None:
            self.reload()
            return
        generation = self._generation

        def run(library: Library) -> list[int] | None:
            if generation != self._generation:
                return None
            return library.article_ids(order=order, descending=descending)

        def arrived(ids: list[int] | None) -> None:
            if ids is None or generation != self._generation:
                return
            if ids == self._ids and len(ids) == self._row_count:
                self.forget_all()  # same articles; their counts or tags may have changed
            else:
                self._replace_ids(ids)

        self._database.submit(
            run, on_success=arrived, on_failure=lambda error: self._failed(generation, error)
        )

    def _count_results(self, generation: int) -> None:
        request = self._request

        def run(library: Library) -> int | None:
            if generation != self._generation:
                return None
            return count_results(library, request)

        def arrived(total: int | None) -> None:
            if total is None or generation != self._generation:
                return
            self._total = max(total, len(self._ids))
            self._counted = True
            self.counted.emit(self._total)

        self._database.submit(
            run,
            on_success=arrived,
            on_failure=lambda error: self._failed(generation, error),
        )

    def _take(self, page: ResultPage) -> None:
        for hit in page.hits:
            self._hits[hit.article_id] = hit
        for summary in page.summaries:
            self._cache[summary.id] = summary

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        from desktop.errors import InvalidInputError

        if isinstance(error, InvalidInputError):
            self.search_failed.emit(error_message(error))
        else:
            self._database.report(error)

    def forget_all(self) -> None:
        """Re-read every row when next shown (a tag was renamed or deleted, say)."""
        self._cache.clear()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def hit(self, row: int) -> SearchHit | None:
        """The search hit at ``row`` (None when browsing)."""
        article_id = self.article_id(row)
        return None if article_id is None else self._hits.get(article_id)

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self._row_count

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        if role == Qt.ItemDataRole.ToolTipRole and section == MATCH:
            return "Where the query matches; sort by it for relevance (best first)"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._row_count:
            return None
        column = index.column()
        if index.row() >= len(self._ids):
            # Listed before its id is known (the first moments of a big library).
            return PENDING if column == TITLE and role == Qt.ItemDataRole.DisplayRole else None
        article_id = self._ids[index.row()]
        if role == ID_ROLE:
            return article_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if COLUMNS[column].numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if column == MATCH and role in (
            SNIPPET_ROLE,
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            hit = self._hits.get(article_id)
            if hit is None:
                return None
            return hit.snippet if role == SNIPPET_ROLE else plain_snippet(hit.snippet)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        summary = self._summary_or_placeholder(index.row(), article_id)
        if isinstance(summary, str):
            return summary if column == TITLE and role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return (summary.title or "(untitled)") if column == TITLE else None
        return _cell(summary, column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        wanted = (column, order == Qt.SortOrder.DescendingOrder)
        if wanted == self.sort_state():
            return
        if self.searching:
            self._search_sort = wanted
        elif column != MATCH:
            self._browse_sort = wanted
        else:
            return  # relevance means nothing without a query
        self.reload()

    def canFetchMore(self, parent: Index = ROOT) -> bool:
        if parent.isValid() or not self.searching or not self._loaded:
            return False
        if self.sort_state()[0] != MATCH or self._paging:
            return False
        if self._counted:
            return len(self._ids) < self._total
        return len(self._ids) % PAGE == 0  # every page so far was full: there may be more

    def fetchMore(self, parent: Index = ROOT) -> None:
        if self._paging or not self.canFetchMore(parent):
            return
        self._paging = True
        generation = self._generation
        request = self._request
        offset = len(self._ids)

        def run(library: Library) -> ResultPage | None:
            if generation != self._generation:
                return None
            return search_page(library, request, offset, PAGE)

        self._database.submit(
            run,
            on_success=lambda page: self._more_arrived(generation, page),
            on_failure=lambda error: self._failed(generation, error),
        )

    def _more_arrived(self, generation: int, page: ResultPage | None) -> None:
        if page is None or generation != self._generation:
            return
        self._paging = False
        fresh = [h for h in page.hits if h.article_id not in self._rows]
        if len(page.hits) < PAGE or not fresh:
            # The last page (or the index changed under us): nothing more to fetch.
            self._total = len(self._ids) + len(fresh)
            self._counted = True
        if not fresh:
            return
        first = len(self._ids)
        self.beginInsertRows(ROOT, first, first + len(fresh) - 1)
        for hit in fresh:
            self._rows[hit.article_id] = len(self._ids)
            self._ids.append(hit.article_id)
        self._row_count = len(self._ids)
        self._take(page)
        self.endInsertRows()


def plain_snippet(snippet: str) -> str:
    """A snippet without its match markers."""
    return snippet.replace(MATCH_START, "").replace(MATCH_END, "")


def _cell(summary: ArticleSummary, column: int) -> Any:
    if column == TITLE:
        return summary.title or "(untitled)"
    if column == DATE:
        return (summary.date or "")[:10]
    if column == SITE:
        return summary.site or ""
    if column == FORMAT:
        return summary.format
    if column == ENTITIES:
        return summary.entity_count
    if column == QUOTES:
        return summary.quote_count
    if column == TAGS:
        return ", ".join(summary.tags)
    if column == IMPORTED:
        return summary.imported[:16].replace("T", " ")
    return None
