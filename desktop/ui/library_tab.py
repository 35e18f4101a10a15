"""The Library tab: collections on the left, the search box and filters above the article table.

Typing or changing a filter runs the search 250 ms after the last change, on the database
worker; the table model drops answers to superseded requests. Double-click or Enter opens an
article in the Reader; Delete (or the context menu) deletes the selected articles after
asking; the context menu also adds and removes document tags.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.types import SavedSearch, Tag
from desktop.ui.database_worker import DatabaseWorker
from desktop.ui.library_filter_bar import LibraryFilterBar
from desktop.ui.library_query import SearchRequest
from desktop.ui.library_table_model import (
    COLUMNS,
    ENTITIES,
    FORMAT,
    IMPORTED,
    MATCH,
    QUOTES,
    SNIPPET_ROLE,
    TITLE,
    LibraryTableModel,
)
from desktop.ui.saved_search_sidebar import SavedSearchSidebar
from desktop.ui.snippet_delegate import SnippetDelegate

if TYPE_CHECKING:
    from desktop.core import Library

DEBOUNCE_MS = 250


class LibraryTab(QWidget):
    """Search, filter, sort, tag and delete across the whole library.

    Signals:
        open_requested: Show this article in the Reader.
        articles_deleted: These articles were deleted (ids).
        articles_changed: These articles' tags changed (ids).
    """

    open_requested = Signal(int)
    articles_deleted = Signal(list)
    articles_changed = Signal(list)

    def __init__(self, database: DatabaseWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._started = False
        self._tags: list[Tag] = []
        self.model = LibraryTableModel(database, self)
        self.sidebar = SavedSearchSidebar()
        self.filters = LibraryFilterBar()
        self.status = QLabel("")
        self.status.setObjectName("libraryStatus")
        self.table = self._build_table()
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)

        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filters)
        column.addWidget(self.status)
        column.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("librarySplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(main)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 1200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        self.filters.edited.connect(self._debounce.start)
        self.filters.names_wanted.connect(self.refresh_names)
        self.filters.search.returnPressed.connect(self.run_search)
        self.model.results_changed.connect(self._results_changed)
        self.model.counted.connect(lambda _total: self._describe_results())
        self.model.search_failed.connect(self._search_failed)
        self.sidebar.all_chosen.connect(lambda: self.show_request(SearchRequest()))
        self.sidebar.saved_chosen.connect(self.run_saved)
        self.sidebar.save_requested.connect(self.ask_save)
        self.sidebar.rename_requested.connect(self.ask_rename)
        self.sidebar.delete_requested.connect(self.ask_delete_saved)

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("libraryResults")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        # Fixed row heights: the view never measures 100,000 rows.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.setItemDelegateForColumn(MATCH, SnippetDelegate(SNIPPET_ROLE, table))
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        widths = {TITLE: 340, MATCH: 460, FORMAT: 60, ENTITIES: 70, QUOTES: 60, IMPORTED: 130}
        for column in range(len(COLUMNS)):
            header.resizeSection(column, widths.get(column, 90))
        # The snippet says why an article matched: it stands next to the title, not off-screen.
        header.moveSection(header.visualIndex(MATCH), header.visualIndex(TITLE) + 1)
        # The indicator first: enabling sorting sorts by whatever the indicator says.
        column, descending = self.model.sort_state()
        header.setSortIndicator(column, _order(descending))
        table.setSortingEnabled(True)
        table.setColumnHidden(MATCH, True)
        table.activated.connect(self._activated)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._menu)
        delete = QAction("Delete from library…", table)
        delete.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete)])
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(lambda: self.ask_delete(self.selected_ids()))
        table.addAction(delete)
        return table

    # --- starting and reloading ----------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.start()

    def start(self) -> None:
        """Read the list, the tags and the saved searches (once; the tab's first showing)."""
        if self._started:
            return
        self._started = True
        self.model.reload()
        self.refresh_tags()
        self.refresh_saved()

    def reload(self) -> None:
        """Catch up with articles imported, deleted or changed elsewhere."""
        if self._started:
            self.model.refresh()

    def refresh_tags(self) -> None:
        """Read the user's tags again (for the tag filter and the context menu)."""

        def done(tags: list[Tag]) -> None:
            if self._tags and self._tags != tags:
                self.model.forget_all()  # rows show tag names
            self._tags = list(tags)
            self.filters.set_tags(t.name for t in tags)

        self._database.submit(lambda library: library.tags(), on_success=done)

    def refresh_names(self) -> None:
        """Read entity names and aliases for completion (when the fields are first used)."""

        def read(library: Library) -> tuple[list[str], list[str]]:
            return library.entity_names(), library.entity_names(
                labels=["PERSON", "ORG", "NORP", "GPE"]
            )

        self._database.submit(read, on_success=lambda both: self.filters.set_names(*both))

    def refresh_saved(self) -> None:
        """Read the saved searches again."""
        self._database.submit(
            lambda library: library.saved_searches(), on_success=self.sidebar.set_saved
        )

    # --- searching -----------------------------------------------------------------------

    def run_search(self) -> None:
        """Run what the search box and filters hold now (the debounce ends here)."""
        self._debounce.stop()
        request = self.filters.request()
        saved = self.sidebar.current_saved()
        if request.is_empty():
            self.sidebar.show_all()
        elif saved is None or SearchRequest.from_saved(saved) != request:
            self.sidebar.clear_highlight()
        self._show(request)

    def show_request(self, request: SearchRequest) -> None:
        """Put ``request`` in the fields and run it now."""
        self._debounce.stop()
        self.filters.set_request(request)
        if request.is_empty():
            self.sidebar.show_all()
        self._show(request)

    def _show(self, request: SearchRequest) -> None:
        if request == self.model.request and self.model.loaded:
            return
        was_searching = self.model.searching
        self.status.setText("Searching…" if not request.is_empty() else "")
        self.model.set_request(request)
        if self.model.searching != was_searching:
            # Relevance when a search starts; the browsing order back when it ends.
            column, descending = self.model.sort_state()
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(column, _order(descending))
            header.blockSignals(False)
            self.table.setColumnHidden(MATCH, not self.model.searching)

    def _results_changed(self, _total: int, searching: bool) -> None:
        self._describe_results()
        if searching and self.model.rowCount():
            self.table.scrollToTop()

    def _describe_results(self) -> None:
        model = self.model
        total = model.total
        if not model.searching:
            self.status.setText(f"{total:,} article{'' if total == 1 else 's'}")
            return
        shown = model.rowCount()
        what = model.request.describe()
        if not model.exact:
            self.status.setText(f"{shown:,}+ results for {what} (counting…)")
            return
        text = f"{total:,} result{'' if total == 1 else 's'} for {what}"
        if model.sort_state()[0] != MATCH and shown < total:
            text += f" (the best {shown:,}, sorted)"
        self.status.setText(text)

    def _search_failed(self, message: str) -> None:
        self.status.setText(message)

    # --- saved searches ------------------------------------------------------------------

    def run_saved(self, saved: SavedSearch) -> None:
        """Show a saved search's results, its query and filters in the fields."""
        self.show_request(SearchRequest.from_saved(saved))
        item = self.sidebar.item_of(saved.id)
        if item is not None:
            self.sidebar.list.setCurrentItem(item)

    def ask_save(self) -> None:
        """Save the current query and filters under a name the user types."""
        request = self.filters.request()
        if request.is_empty():
            self.status.setText("Type a query or choose a filter to save it as a collection")
            return
        name, ok = QInputDialog.getText(
            self,
            "Save search",
            "Name of the collection:",
            QLineEdit.EchoMode.Normal,
            request.query.strip() or request.describe(),
        )
        if not ok or not name.strip():
            return
        clean = name.strip()

        def save(library: Library) -> list[SavedSearch]:
            library.save_search(clean, request.query, **request.filters())
            return library.saved_searches()

        def saved(searches: list[SavedSearch]) -> None:
            self.sidebar.set_saved(searches)
            found = next((s for s in searches if s.name == clean), None)
            item = None if found is None else self.sidebar.item_of(found.id)
            if item is not None:
                self.sidebar.list.setCurrentItem(item)

        self._database.submit(save, on_success=saved)

    def ask_rename(self, saved: SavedSearch) -> None:
        """Rename a saved search."""
        name, ok = QInputDialog.getText(
            self, "Rename collection", "New name:", QLineEdit.EchoMode.Normal, saved.name
        )
        if not ok or not name.strip() or name.strip() == saved.name:
            return
        clean = name.strip()

        def rename(library: Library) -> list[SavedSearch]:
            library.rename_saved_search(saved.id, clean)
            return library.saved_searches()

        self._database.submit(rename, on_success=self.sidebar.set_saved)

    def ask_delete_saved(self, saved: SavedSearch) -> None:
        """Delete a saved search after asking (the articles stay)."""
        answer = QMessageBox.question(
            self,
            "Delete collection",
            f"Delete the collection “{saved.name}”? The articles it lists stay in the library.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def delete(library: Library) -> list[SavedSearch]:
            library.delete_saved_search(saved.id)
            return library.saved_searches()

        def deleted(searches: list[SavedSearch]) -> None:
            was_current = self.sidebar.current_saved()
            self.sidebar.set_saved(searches)
            if was_current is not None and was_current.id == saved.id:
                self.sidebar.clear_highlight()

        self._database.submit(delete, on_success=deleted)

    # --- rows: open, delete, tag ---------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The articles of the selected rows, in row order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids = [self.model.article_id(row) for row in rows]
        return [i for i in ids if i is not None]

    def select_rows(self, rows: list[int]) -> None:
        """Select these rows (tests and keyboard users)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        for row in rows:
            selection.select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _activated(self, index: QModelIndex) -> None:
        article_id = self.model.article_id(index.row())
        if article_id is not None:
            self.open_requested.emit(article_id)

    def ask_delete(self, ids: list[int]) -> None:
        """Delete these articles with their annotations and notes, after asking."""
        if not ids:
            return
        what = "this article" if len(ids) == 1 else f"these {len(ids):,} articles"
        answer = QMessageBox.question(
            self,
            "Delete articles",
            f"Delete {what} from the library, with annotations and notes? This cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def deleted(count: int) -> None:
            self.status.setText(f"Deleted {count:,} article{'' if count == 1 else 's'}")
            self.model.reload()
            self.articles_deleted.emit(list(ids))

        self._database.submit(lambda library: library.delete_articles(ids), on_success=deleted)

    def set_tag(self, ids: list[int], tag: Tag, *, on: bool) -> None:
        """Add (``on``) or remove a document tag on these articles."""

        def apply(library: Library) -> None:
            for article_id in ids:
                if on:
                    library.tag_article(article_id, tag.id)
                else:
                    library.untag_article(article_id, tag.id)

        def done(_: None) -> None:
            self.model.forget(ids)
            self.articles_changed.emit(list(ids))
            if self.model.request.tag:
                self.model.reload()  # the tag filter may now find more or fewer

        self._database.submit(apply, on_success=done)

    def _menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if not index.isValid():
            return
        if index.row() not in {i.row() for i in self.table.selectionModel().selectedRows()}:
            self.select_rows([index.row()])
        ids = self.selected_ids()
        if not ids:
            return
        menu = QMenu(self)
        first = ids[0]
        menu.addAction("Open in Reader", lambda: self.open_requested.emit(first))
        menu.addSeparator()
        add = menu.addMenu("Add tag")
        remove = menu.addMenu("Remove tag")
        present: set[str] = set()
        for row in (self.model.row_of(i) for i in ids):
            summary = self.model.summary(row) if row is not None else None
            present |= set(summary.tags) if summary is not None else set()
        for tag in self._tags:
            add.addAction(tag.name, partial(self.set_tag, ids, tag, on=True))
            if tag.name in present:
                remove.addAction(tag.name, partial(self.set_tag, ids, tag, on=False))
        add.setEnabled(bool(self._tags))
        remove.setEnabled(bool(present))
        menu.addSeparator()
        count = "" if len(ids) == 1 else f" {len(ids):,} articles"
        menu.addAction(f"Delete{count} from library…", lambda: self.ask_delete(ids))
        menu.exec(self.table.viewport().mapToGlobal(point))
        menu.deleteLater()


def _order(descending: bool) -> Qt.SortOrder:
    return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
