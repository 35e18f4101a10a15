"""The Entities tab: every entity of the library, its edits, and the articles that mention it.

Edits go through the reader's :class:`~desktop.ui.edit_controller.EditController`, so each is
one command on the window's undo stack and the Reader's panels and highlights reload when the
core has saved it. The list itself reloads (off the GUI thread) whenever the undo stack moves,
or when it is next shown if another tab is in front.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.types import Annotation, ArticleSummary, Entity
from desktop.ui import highlight_palette as hp
from desktop.ui.entity_articles_model import EntityArticlesModel
from desktop.ui.entity_browser_model import MENTIONS, NAMES, EntityBrowserModel
from desktop.ui.entity_commands import (
    MergeEntitiesCommand,
    RenameEntityCommand,
    SetEntityLabelCommand,
    SplitAliasCommand,
)

if TYPE_CHECKING:
    from desktop.core import Library
    from desktop.ui.database_worker import DatabaseWorker
    from desktop.ui.edit_controller import EditController

FILTER_DELAY_MS = 150
NAMES_ITEM = "Names (no dates or numbers)"
LATER_MS = 1000  # coalesces reloads while many articles are analysed or imported
ENTITY_COMMANDS = (
    MergeEntitiesCommand,
    RenameEntityCommand,
    SetEntityLabelCommand,
    SplitAliasCommand,
)
SPEAKER_LABELS = frozenset(("PERSON", "ORG", "NORP", "GPE"))


def first_mention(library: Library, article_id: int, entity_id: int) -> tuple[int, int] | None:
    """Where an entity first shows in an article: a mention, else a quote it said."""
    spans: list[Annotation] = library.annotations(article_id)
    for annotation in spans:
        if annotation.layer == "entity" and annotation.entity_id == entity_id:
            return annotation.start, annotation.end
    for annotation in spans:
        quote = annotation.quote
        if quote is not None and quote.speaker_entity_id == entity_id:
            return annotation.start, annotation.end
    return None


class EntityBrowser(QWidget):
    """Every entity of the library, with merge, split, rename and type edits.

    Signals:
        open_requested: ``(article_id, start, end)`` to show in the Reader.
        quotes_requested: A speaker's name, for the quote book.
        entities_edited: An entity edit (or its undo) was submitted; lists that show
            entities or counts should reload.
        loaded: The entity list was read again.
    """

    open_requested = Signal(int, int, int)
    quotes_requested = Signal(str)
    entities_edited = Signal()
    loaded = Signal()

    def __init__(
        self,
        database: DatabaseWorker,
        controller: EditController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._controller = controller
        self._generation = 0
        self._stale = True
        self._current_id: int | None = None
        self._stack_index = controller.undo_stack.index()

        self.model = EntityBrowserModel(self)
        self.articles_model = EntityArticlesModel(self)

        self.filter = QLineEdit()
        self.filter.setObjectName("entityBrowserFilter")
        self.filter.setPlaceholderText("Filter by name or alias")
        self.filter.setClearButtonEnabled(True)
        self.type_box = QComboBox()
        self.type_box.setObjectName("entityBrowserType")
        self.type_box.addItem(NAMES_ITEM, NAMES)
        self.type_box.addItem("All types", None)
        self.count_label = QLabel("Loading…")
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.type_box.currentIndexChanged.connect(lambda _row: self._apply_filter())

        self.table = QTableView()
        self.table.setObjectName("entityBrowserTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().lineSpacing() + 6
        )
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MENTIONS, Qt.SortOrder.DescendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((240, 90, 80, 70)):
            self.table.setColumnWidth(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.edit_button = QToolButton()
        self.edit_button.setText("Edit")
        self.edit_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.edit_button.setMenu(QMenu(self.edit_button))
        self.edit_button.menu().aboutToShow.connect(
            lambda: self._fill(self.edit_button.menu(), clear=True)
        )

        self.articles_heading = QLabel("Choose an entity to see the articles that mention it")
        self.articles_heading.setWordWrap(True)
        self.articles_table = QTableView()
        self.articles_table.setObjectName("entityArticlesTable")
        self.articles_table.setModel(self.articles_model)
        self.articles_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.articles_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.articles_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.articles_table.setShowGrid(False)
        self.articles_table.verticalHeader().hide()
        self.articles_table.verticalHeader().setDefaultSectionSize(
            self.articles_table.fontMetrics().lineSpacing() + 6
        )
        self.articles_table.setWordWrap(False)
        self.articles_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.articles_table.activated.connect(self._article_activated)

        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.type_box)
        bar.addWidget(self.edit_button)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addLayout(bar)
        left_column.addWidget(self.table, 1)
        left_column.addWidget(self.count_label)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.articles_heading)
        right_column.addWidget(self.articles_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(LATER_MS)
        self._later.timeout.connect(self.mark_stale)
        controller.undo_stack.indexChanged.connect(self._stack_moved)

    # --- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every entity again (on the database worker)."""
        self._stale = False
        self._generation += 1
        generation = self._generation
        self._database.submit(
            lambda library: library.entities(),
            on_success=lambda entities: self._loaded(generation, entities),
        )

    def mark_stale(self) -> None:
        """The library changed: reload now if shown, else when next shown."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def mark_stale_soon(self) -> None:
        """Like :meth:`mark_stale`, at most once a second (while a batch is analysed)."""
        if not self._later.isActive():
            self._later.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _loaded(self, generation: int, entities: list[Entity]) -> None:
        if generation != self._generation:
            return
        current = self._current_id
        selected = {e.id for e in self.selected_entities()}
        self.model.set_entities(entities)
        self._fill_types()
        self._restore_selection(current, selected)
        self._update_count()
        if current is not None:
            row = self.model.row_of(current)
            self._show_articles(self.model.entity(row) if row is not None else None)
        self.loaded.emit()

    def _fill_types(self) -> None:
        wanted = self.type_box.currentData()
        labels = self.model.labels()
        self.type_box.blockSignals(True)
        self.type_box.clear()
        # Names first: dates and numbers ("Wednesday", "a third") crowd out the people.
        self.type_box.addItem(NAMES_ITEM, NAMES)
        self.type_box.addItem("All types", None)
        for label in labels:
            self.type_box.addItem(f"{hp.label_style(label).name} ({label})", label)
        row = self.type_box.findData(wanted) if wanted is not None else 1
        self.type_box.setCurrentIndex(max(row, 0))
        self.type_box.blockSignals(False)
        self._apply_filter()  # a no-op when the model shows this filter already

    def _restore_selection(self, current: int | None, selected: set[int]) -> None:
        selection = self.table.selectionModel()
        rows = QItemSelectionModel.SelectionFlag.Rows
        if current is not None:
            row = self.model.row_of(current)
            if row is not None:
                selection.setCurrentIndex(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | rows,
                )
        for entity_id in selected - {current}:
            row = self.model.row_of(entity_id)
            if row is not None:
                selection.select(
                    self.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select | rows
                )

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(self.filter.text(), self.type_box.currentData())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count_label.setText(
            f"{total} entities" if shown == total else f"{shown} of {total} entities"
        )

    # --- selection and the articles list -------------------------------------------------

    def selected_entities(self) -> list[Entity]:
        """The entities selected in the table, the current one first."""
        chosen: list[Entity] = []
        current = self.model.entity(self.table.currentIndex().row())
        if current is not None and self.table.selectionModel().isRowSelected(
            self.table.currentIndex().row(), QModelIndex()
        ):
            chosen.append(current)
        for index in self.table.selectionModel().selectedRows(0):
            entity = self.model.entity(index.row())
            if entity is not None and all(entity.id != e.id for e in chosen):
                chosen.append(entity)
        return chosen

    def select_entity(self, entity_id: int) -> bool:
        """Make an entity current (clearing the filter if it hides it); False if unknown."""
        if self.model.row_of(entity_id) is None and (
            self.filter.text() or self.type_box.currentIndex()
        ):
            self.filter.clear()
            self.type_box.setCurrentIndex(0)
            self._apply_filter()
        row = self.model.row_of(entity_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entity = self.model.entity(current.row())
        if entity is None or entity.id == self._current_id:
            return
        self._show_articles(entity)

    def _show_articles(self, entity: Entity | None) -> None:
        self._current_id = entity.id if entity is not None else None
        if entity is None:
            self.articles_model.set_articles([])
            self.articles_heading.setText("Choose an entity to see the articles that mention it")
            return
        entity_id = entity.id
        self.articles_heading.setText(f"Articles that mention “{entity.name}”")

        def shown(articles: list[ArticleSummary]) -> None:
            if self._current_id == entity_id:
                self.articles_model.set_articles(articles)
                count = len(articles)
                self.articles_heading.setText(
                    f"{count} article{'' if count == 1 else 's'} mention “{entity.name}”"
                    " · double-click to read one"
                )

        self._database.submit(
            lambda library: library.entity_articles(entity_id),
            on_success=shown,
            on_failure=lambda _error: None,  # merged away meanwhile: the reload follows
        )

    def _article_activated(self, index: QModelIndex) -> None:
        article = self.articles_model.article(index.row())
        entity_id = self._current_id
        if article is None or entity_id is None:
            return
        self.open_article(article.id, entity_id)

    def open_article(self, article_id: int, entity_id: int) -> None:
        """Ask the Reader to show an article at the entity's first mention there."""

        def found(span: tuple[int, int] | None) -> None:
            start, end = span if span is not None else (0, 0)
            self.open_requested.emit(article_id, start, end)

        self._database.submit(
            lambda library: first_mention(library, article_id, entity_id), on_success=found
        )

    # --- edits ---------------------------------------------------------------------------

    def rename(self, entity: Entity, name: str) -> None:
        """Give an entity another canonical name (undoable)."""
        name = name.strip()
        if name and name != entity.name:
            self._controller.rename_entity(entity, name)

    def set_label(self, entity: Entity, label: str) -> None:
        """Change an entity's type everywhere (undoable)."""
        if label != entity.label:
            self._controller.set_entity_label(entity, label)

    def merge(self, keep: Entity, others: Sequence[Entity]) -> None:
        """Merge ``others`` into ``keep`` (undoable as one step)."""
        others = [e for e in others if e.id != keep.id]
        if others:
            # The kept entity stays current when the list reloads without the others.
            self._current_id = keep.id
            self._controller.merge_entities(keep, others)

    def split_alias(self, entity: Entity, alias: str) -> None:
        """Split an alias off into an entity of its own (undoable)."""
        self._controller.split_alias(entity, alias)

    def ask_merge(self) -> None:
        """Merge the selected entities, asking which one to keep."""
        entities = self.selected_entities()
        if len(entities) < 2:
            return
        ranked = sorted(entities, key=lambda e: (-e.mention_count, e.name.casefold()))
        names = [f"{e.name} ({e.label}, {e.mention_count} mentions)" for e in ranked]
        choice, ok = QInputDialog.getItem(
            self,
            "Merge entities",
            "Keep this one (the others become its aliases):",
            names,
            0,
            False,
        )
        if ok and choice in names:
            keep = ranked[names.index(choice)]
            self.merge(keep, [e for e in ranked if e.id != keep.id])

    def ask_rename(self, entity: Entity) -> None:
        """Ask for a new canonical name."""
        name, ok = QInputDialog.getText(
            self, "Rename entity", "Canonical name:", QLineEdit.EchoMode.Normal, entity.name
        )
        if ok:
            self.rename(entity, name)

    def _context_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        self._fill(menu)
        menu.exec(self.table.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _fill(self, menu: QMenu, *, clear: bool = False) -> None:
        if clear:
            menu.clear()
        entities = self.selected_entities()
        if not entities:
            menu.addAction("Select an entity first").setEnabled(False)
            return
        entity = entities[0]
        if len(entities) > 1:
            menu.addAction(f"Merge {len(entities)} selected…", self.ask_merge)
            menu.addSeparator()
        menu.addAction(f"Rename “{entity.name}”…", partial(self.ask_rename, entity))
        types = menu.addMenu("Change type")
        labels = list(dict.fromkeys((*hp.HAND_LABELS, entity.label)))
        for label in labels:
            action = types.addAction(f"{hp.label_style(label).name} ({label})")
            action.setEnabled(label != entity.label)
            action.triggered.connect(partial(self.set_label, entity, label))
        aliases = [a for a in entity.aliases if a != entity.name]
        split = menu.addMenu("Split off alias")
        split.setEnabled(bool(aliases))
        for alias in aliases:
            split.addAction(alias, partial(self.split_alias, entity, alias))
        menu.addSeparator()
        quotes = menu.addAction(
            "All quotes by this speaker", partial(self.quotes_requested.emit, entity.name)
        )
        quotes.setEnabled(entity.label in SPEAKER_LABELS)

    def _stack_moved(self, index: int) -> None:
        # The command just done is below the new index; the one just undone is at it.
        stack = self._controller.undo_stack
        if not shiboken6.isValid(stack) or not shiboken6.isValid(self):
            return  # the window is being torn down and the stack clears itself
        moved = stack.command(index - 1 if index > self._stack_index else index)
        self._stack_index = index
        if isinstance(moved, ENTITY_COMMANDS):
            self.entities_edited.emit()
        # Any edit can change counts (an added mention, a rejected one).
        self.mark_stale()
