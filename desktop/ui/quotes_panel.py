"""The quotes panel: who said what, with the edits a close reader needs."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.types import Annotation
from desktop.ui.quote_table_model import QuoteTableModel

if TYPE_CHECKING:
    from desktop.ui.edit_controller import EditController
    from desktop.ui.reader_state import ReaderState

KINDS = ("direct", "indirect", "mixed")


class QuotesPanel(QWidget):
    """Quotes of the article in text order; a click jumps to the quote.

    Signals:
        span_requested: ``(start, end)`` to select in the text.
        quote_chosen: A quote annotation became current (for its note).
        speaker_quotes_requested: A speaker's name, for their quotes across the library.
    """

    span_requested = Signal(int, int)
    quote_chosen = Signal(object)
    speaker_quotes_requested = Signal(str)

    def __init__(
        self, state: ReaderState, controller: EditController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._controller = controller
        self.model = QuoteTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("quoteTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Two lines of each quote: enough to recognise it without leaving the panel.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # The quote itself gets what the other columns leave; their widths are modest and
        # can be dragged wider.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        for column, width in ((1, 100), (2, 64), (3, 60), (4, 40)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.speaker_button = self._menu_button("Speaker", self._fill_speaker_menu)
        self.kind_button = self._menu_button("Kind", self._fill_kind_menu)
        self.reject_button = QPushButton("Reject")
        self.reject_button.setToolTip("Not a quote: hide it, and keep it hidden on re-analysis")
        self.reject_button.clicked.connect(self._reject)
        self.add_button = QPushButton("Add from selection")
        self.add_button.setToolTip("Make the text selected in the article a quote (Q)")
        self.add_button.clicked.connect(controller.add_quote_from_selection)

        bar = QHBoxLayout()
        for widget in (self.speaker_button, self.kind_button, self.reject_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addLayout(bar)
        state.annotations_changed.connect(self._reload)
        self._update_buttons()

    def current_quote(self) -> Annotation | None:
        """The quote selected in the table."""
        return self.model.quote(self.table.currentIndex().row())

    def speaker_name(self, quote: Annotation | None) -> str:
        """Who said ``quote``: the linked entity's name, else the words in the text."""
        details = quote.quote if quote is not None else None
        if details is None:
            return ""
        return (details.speaker_name or details.speaker or "").strip()

    def select_quote(self, annotation_id: int) -> None:
        """Make a quote current and jump to it."""
        row = self.model.row_of(annotation_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
            self._clicked(self.model.index(row, 0))

    # --- internals -----------------------------------------------------------------------

    def _menu_button(self, text: str, fill: Callable[[QMenu], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(QMenu(button))
        button.menu().aboutToShow.connect(lambda: fill(button.menu()))
        return button

    def _reload(self) -> None:
        current = self.current_quote()
        self.model.set_quotes(self._state.active("quote"))
        self._fit_rows()
        if current is not None:
            row = self.model.row_of(current.id)
            if row is not None:
                self.table.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()

    def _fit_rows(self) -> None:
        height = self.table.fontMetrics().lineSpacing() * 2 + 8
        vertical = self.table.verticalHeader()
        vertical.setDefaultSectionSize(height)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def _update_buttons(self) -> None:
        has = self.current_quote() is not None
        for widget in (self.speaker_button, self.kind_button, self.reject_button):
            widget.setEnabled(has)

    def _clicked(self, index: QModelIndex) -> None:
        quote = self.model.quote(index.row())
        self._update_buttons()
        if quote is None:
            return
        self.span_requested.emit(quote.start, quote.end)
        self.quote_chosen.emit(quote)

    def _context_menu(self, point: QPoint) -> None:
        if self.current_quote() is None:
            return
        menu = QMenu(self)
        self.fill_context_menu(menu)
        menu.exec(self.table.viewport().mapToGlobal(point))
        menu.deleteLater()

    def fill_context_menu(self, menu: QMenu) -> None:
        """The current quote's context menu: speaker, kind, reject, the speaker's quotes."""
        self._fill_speaker_menu(menu.addMenu("Speaker"))
        self._fill_kind_menu(menu.addMenu("Kind"))
        menu.addAction("Reject", self._reject)
        speaker = self.speaker_name(self.current_quote())
        menu.addSeparator()
        every = menu.addAction(
            "All quotes by this speaker", partial(self.speaker_quotes_requested.emit, speaker)
        )
        every.setEnabled(bool(speaker))

    def _fill_speaker_menu(self, menu: QMenu) -> None:
        menu.clear()
        quote = self.current_quote()
        if quote is None:
            return
        use_selection = menu.addAction(
            "Use the selected text", lambda: self._controller.set_speaker_from_selection(quote)
        )
        use_selection.setEnabled(self._controller.selection() is not None)
        menu.addAction("Pick an entity…", lambda: self._pick_speaker(quote))
        clear = menu.addAction("No speaker", lambda: self._controller.clear_speaker(quote))
        clear.setEnabled(
            quote.quote is not None
            and (quote.quote.speaker_start is not None or quote.quote.speaker_entity_id is not None)
        )

    def _fill_kind_menu(self, menu: QMenu) -> None:
        menu.clear()
        quote = self.current_quote()
        if quote is None:
            return
        current = quote.quote.kind if quote.quote is not None else "direct"
        for kind in KINDS:
            action = menu.addAction(kind, partial(self._controller.set_quote_kind, quote, kind))
            action.setCheckable(True)
            action.setChecked(kind == current)

    def _pick_speaker(self, quote: Annotation) -> None:
        people = sorted(
            (e for e in self._state.entities if e.label in ("PERSON", "ORG", "NORP", "GPE")),
            key=lambda e: (e.label != "PERSON", e.name.casefold()),
        )
        if not people:
            return
        names = [f"{e.name} ({e.label})" for e in people]
        choice, ok = QInputDialog.getItem(self, "Speaker", "Who said it?", names, 0, False)
        if ok and choice in names:
            self._controller.set_speaker_entity(quote, people[names.index(choice)])

    def _reject(self) -> None:
        quote = self.current_quote()
        if quote is not None:
            self._controller.reject([quote], text="Reject quote")
