"""The Library tab's sidebar: "All articles" and the saved searches (smart collections).

Clicking an entry runs it; the context menu renames or deletes a saved search; the button
saves what the search box and filters hold now. The sidebar only shows and asks: the tab
does the database work.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.types import SavedSearch
from desktop.ui.library_query import SearchRequest

SAVED_ROLE = Qt.ItemDataRole.UserRole + 1
ALL_ARTICLES = "All articles"


class SavedSearchSidebar(QWidget):
    """ "All articles" over the saved searches, and a button to save the current search.

    Signals:
        all_chosen: "All articles" was clicked.
        saved_chosen: A saved search was clicked (the SavedSearch).
        save_requested: "Save search…" was pressed.
        rename_requested: Rename was chosen for a saved search.
        delete_requested: Delete was chosen for a saved search.
    """

    all_chosen = Signal()
    saved_chosen = Signal(object)
    save_requested = Signal()
    rename_requested = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("Collections")
        heading.setObjectName("panelHeading")
        self.list = QListWidget()
        self.list.setObjectName("savedSearches")
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemClicked.connect(self._clicked)
        self.list.itemActivated.connect(self._clicked)
        self.save_button = QPushButton("Save search…")
        self.save_button.setObjectName("saveSearch")
        self.save_button.setToolTip("Keep the query and filters as a collection in this list")
        self.save_button.clicked.connect(self.save_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.save_button)
        self._all = QListWidgetItem(ALL_ARTICLES)
        self.list.addItem(self._all)
        self.list.setCurrentItem(self._all)

    def set_saved(self, searches: list[SavedSearch]) -> None:
        """Show these saved searches under "All articles" (the current one stays current)."""
        current = self.current_saved()
        current_id = current.id if current is not None else None
        self.list.blockSignals(True)
        while self.list.count() > 1:
            self.list.takeItem(1)
        for saved in searches:
            item = QListWidgetItem(saved.name)
            item.setData(SAVED_ROLE, saved)
            item.setToolTip(SearchRequest.from_saved(saved).describe())
            self.list.addItem(item)
            if saved.id == current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def saved(self) -> list[SavedSearch]:
        """The saved searches listed, in order."""
        return [self.list.item(row).data(SAVED_ROLE) for row in range(1, self.list.count())]

    def item_of(self, search_id: int) -> QListWidgetItem | None:
        """The list item of a saved search."""
        for row in range(1, self.list.count()):
            item = self.list.item(row)
            if item.data(SAVED_ROLE).id == search_id:
                return item
        return None

    def current_saved(self) -> SavedSearch | None:
        """The saved search highlighted, if one is."""
        item = self.list.currentItem()
        return None if item is None else item.data(SAVED_ROLE)

    def show_all(self) -> None:
        """Highlight "All articles" (the search was edited away from a collection)."""
        self.list.setCurrentItem(self._all)

    def clear_highlight(self) -> None:
        """Highlight nothing: what is shown is neither everything nor a saved search."""
        self.list.setCurrentRow(-1)
        self.list.clearSelection()

    def _clicked(self, item: QListWidgetItem) -> None:
        saved = item.data(SAVED_ROLE)
        if saved is None:
            self.all_chosen.emit()
        else:
            self.saved_chosen.emit(saved)

    def _menu(self, point: QPoint) -> None:
        item = self.list.itemAt(point)
        saved = None if item is None else item.data(SAVED_ROLE)
        if saved is None:
            return
        menu = QMenu(self)
        menu.addAction("Rename…", lambda: self.rename_requested.emit(saved))
        menu.addAction("Delete…", lambda: self.delete_requested.emit(saved))
        menu.exec(self.list.viewport().mapToGlobal(point))
        menu.deleteLater()
