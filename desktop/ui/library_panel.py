"""The library list on the left: every article, sortable; selecting one opens it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.article_table_model import ArticleTableModel


class LibraryPanel(QWidget):
    """A table of the library's articles.

    Signals:
        article_selected: The user picked an article (its id).
        delete_requested: "Delete" was chosen for an article.
        reanalyse_requested: "Analyse again" was chosen for an article.
    """

    article_selected = Signal(int)
    delete_requested = Signal(int)
    reanalyse_requested = Signal(int)

    def __init__(self, model: ArticleTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._wanted: int | None = None
        self._heading = QLabel("Library")
        self._heading.setObjectName("panelHeading")
        self.table = QTableView()
        self.table.setObjectName("libraryTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._heading)
        layout.addWidget(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        model.reloaded.connect(self._reloaded)
        model.modelReset.connect(self._count_changed)

    def select_article(self, article_id: int) -> None:
        """Select an article's row (now, or when the list next reloads with it)."""
        self._wanted = article_id
        row = self.model.row_of(article_id)
        if row is None:
            return
        index = self.model.index(row, 0)
        if self.table.currentIndex().row() != row:
            # _wanted is already this article, so the change is not announced back.
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self.table.scrollTo(index)

    def _reloaded(self) -> None:
        if self._wanted is not None:
            self.select_article(self._wanted)

    def _count_changed(self) -> None:
        count = self.model.rowCount()
        self._heading.setText(f"Library · {count} article{'s' if count != 1 else ''}")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = self.model.article_id(current.row())
        if article_id is not None and article_id != self._wanted:
            self._wanted = article_id
            self.article_selected.emit(article_id)

    def _menu(self, point: QPoint) -> None:
        article_id = self.model.article_id(self.table.indexAt(point).row())
        if article_id is None:
            return
        menu = QMenu(self)
        menu.addAction("Analyse again", lambda: self.reanalyse_requested.emit(article_id))
        menu.addSeparator()
        menu.addAction("Delete from library…", lambda: self.delete_requested.emit(article_id))
        menu.exec(self.table.viewport().mapToGlobal(point))
        menu.deleteLater()
