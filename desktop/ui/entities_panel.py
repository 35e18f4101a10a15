"""The entities panel: who and what the article names, grouped by type, with edits."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.types import Entity
from desktop.ui import highlight_palette as hp
from desktop.ui.entity_filter_proxy import EntityFilterProxy
from desktop.ui.entity_tree_model import LABEL_ROLE, EntityTreeModel

if TYPE_CHECKING:
    from desktop.ui.edit_controller import EditController
    from desktop.ui.reader_state import ReaderState


class EntitiesPanel(QWidget):
    """Entities of the article: click one to select its first mention, then walk the rest.

    Signals:
        span_requested: ``(start, end)`` of a mention to select in the text.
        speaker_quotes_requested: An entity's name, for its quotes across the library.
    """

    span_requested = Signal(int, int)
    speaker_quotes_requested = Signal(str)

    def __init__(
        self, state: ReaderState, controller: EditController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._controller = controller
        self._entity_id: int | None = None
        self._mention = -1

        self.model = EntityTreeModel(self)
        self.proxy = EntityFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name or alias")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)

        self.tree = QTreeView()
        self.tree.setObjectName("entityTree")
        self.tree.setModel(self.proxy)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSortingEnabled(False)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 170)
        self.tree.setColumnWidth(1, 70)
        self.tree.clicked.connect(self._clicked)
        self.tree.activated.connect(self._clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)

        self.previous_button = self._tool("◀", "Previous mention (Shift+F3)", self.previous_mention)
        self.next_button = self._tool("▶", "Next mention (F3)", self.next_mention)
        self.position = QLabel("")
        self.edit_button = QToolButton()
        self.edit_button.setText("Edit")
        self.edit_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.edit_button.setMenu(QMenu(self.edit_button))
        self.edit_button.menu().aboutToShow.connect(self._fill_edit_menu)

        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.position)
        bar.addStretch(1)
        bar.addWidget(self.edit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        layout.addLayout(bar)

        for keys, slot in (("F3", self.next_mention), ("Shift+F3", self.previous_mention)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        state.annotations_changed.connect(self._reload)
        self._update_position()

    # --- public --------------------------------------------------------------------------

    def selected_entities(self) -> list[Entity]:
        """The entities selected in the tree, the current one first."""
        current = self.model.entity(self.proxy.mapToSource(self.tree.currentIndex()))
        chosen = [current] if current is not None else []
        for index in self.tree.selectionModel().selectedRows(0):
            entity = self.model.entity(self.proxy.mapToSource(index))
            if entity is not None and all(entity.id != e.id for e in chosen):
                chosen.append(entity)
        return chosen

    def select_entity(self, entity_id: int) -> None:
        """Make an entity current and select its first mention."""
        source = self.model.index_of(entity_id)
        if not source.isValid():
            return
        index = self.proxy.mapFromSource(source)
        if index.isValid():
            self.tree.setCurrentIndex(index)
        self._entity_id = entity_id
        self._mention = -1
        self.next_mention()

    def next_mention(self) -> None:
        """Select the next mention of the current entity (wrapping around)."""
        self._step(+1)

    def previous_mention(self) -> None:
        """Select the previous mention of the current entity (wrapping around)."""
        self._step(-1)

    # --- internals -----------------------------------------------------------------------

    def _tool(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _reload(self) -> None:
        current = self._entity_id
        # An entity whose every mention here was rejected has nothing left to show.
        shown = [e for e in self._state.entities if e.mention_count > 0]
        self.model.set_entities(shown, dark=hp.is_dark(self.palette()))
        self._expand()
        if current is not None and self.model.index_of(current).isValid():
            self.tree.setCurrentIndex(self.proxy.mapFromSource(self.model.index_of(current)))
        else:
            self._entity_id = None
            self._mention = -1
        self._update_position()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._expand()

    def _expand(self) -> None:
        # Names are open; dates and numbers stay folded unless a filter is typed.
        filtering = bool(self.filter.text().strip())
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            label = self.proxy.data(index, LABEL_ROLE)
            self.tree.setExpanded(index, filtering or label not in hp.QUIET_LABELS)

    def _clicked(self, index: QModelIndex) -> None:
        entity = self.model.entity(self.proxy.mapToSource(index))
        if entity is None:
            return
        self._entity_id = entity.id
        self._mention = -1
        self.next_mention()

    def _step(self, delta: int) -> None:
        if self._entity_id is None:
            entities = self.selected_entities()
            if not entities:
                return
            self._entity_id = entities[0].id
        mentions = self._state.mentions(self._entity_id)
        if not mentions:
            self._update_position()
            return
        if self._mention < 0:
            self._mention = 0 if delta > 0 else len(mentions) - 1
        else:
            self._mention = (self._mention + delta) % len(mentions)
        mention = mentions[self._mention]
        self.span_requested.emit(mention.start, mention.end)
        self._update_position()

    def _update_position(self) -> None:
        count = len(self._state.mentions(self._entity_id)) if self._entity_id is not None else 0
        enabled = count > 0
        self.previous_button.setEnabled(enabled)
        self.next_button.setEnabled(enabled)
        self.position.setText(
            f"{self._mention + 1} / {count}"
            if enabled and self._mention >= 0
            else (f"{count} mentions" if enabled else "")
        )

    def _context_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        self._fill(menu)
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _fill_edit_menu(self) -> None:
        menu = self.edit_button.menu()
        menu.clear()
        self._fill(menu)

    def _fill(self, menu: QMenu) -> None:
        entities = self.selected_entities()
        if not entities:
            action = menu.addAction("Select an entity first")
            action.setEnabled(False)
            return
        entity = entities[0]
        menu.addAction(f"Rename “{entity.name}”…", lambda: self._rename(entity))
        types = menu.addMenu("Change type")
        for label in hp.HAND_LABELS:
            action = types.addAction(f"{hp.label_style(label).name} ({label})")
            action.setEnabled(label != entity.label)
            action.triggered.connect(
                lambda _=False, lb=label: self._controller.set_entity_label(entity, lb)
            )
        if len(entities) > 1:
            others = entities[1:]
            menu.addAction(
                f"Merge {len(others)} selected into “{entity.name}”",
                lambda: self._controller.merge_entities(entity, others),
            )
        else:
            menu.addAction("Merge into…", lambda: self._merge_into(entity))
        aliases = [a for a in entity.aliases if a != entity.name]
        split = menu.addMenu("Split off alias")
        split.setEnabled(bool(aliases))
        for alias in aliases:
            split.addAction(alias, partial(self._controller.split_alias, entity, alias))
        menu.addSeparator()
        menu.addAction(
            "All quotes by this speaker",
            partial(self.speaker_quotes_requested.emit, entity.name),
        )
        menu.addAction(
            "Reject in this article",
            lambda: self._controller.reject_entity(entity, self._state.mentions(entity.id)),
        )

    def _rename(self, entity: Entity) -> None:
        name, ok = QInputDialog.getText(
            self, "Rename entity", "Canonical name:", QLineEdit.EchoMode.Normal, entity.name
        )
        if ok and name.strip() and name.strip() != entity.name:
            self._controller.rename_entity(entity, name.strip())

    def _merge_into(self, entity: Entity) -> None:
        targets = [e for e in self._state.entities if e.id != entity.id]
        if not targets:
            return
        names = [f"{e.name} ({e.label})" for e in targets]
        choice, ok = QInputDialog.getItem(
            self, "Merge entity", f"Merge “{entity.name}” into:", names, 0, False
        )
        if ok and choice in names:
            self._controller.merge_entities(targets[names.index(choice)], [entity])
