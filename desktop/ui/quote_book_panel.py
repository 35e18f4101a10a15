"""The Quote book tab: every quote of the library, or one speaker's, filtered by its words.

Queries run on the database worker, a short pause after the last keystroke; an answer that
comes back after a newer question was asked is dropped, so the table never shows a stale
query. Double-clicking a quote opens its article in the Reader with the quote selected.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.types import QuoteRecord
from desktop.ui.quote_book_model import ARTICLE, DATE, KIND, SPEAKER, QuoteBookModel

if TYPE_CHECKING:
    from desktop.core import Library
    from desktop.ui.database_worker import DatabaseWorker

QUERY_DELAY_MS = 250
LATER_MS = 1000  # coalesces reloads while many articles are analysed or imported
LIMIT = 5000  # rows shown at most; the count says when there are more
SPEAKER_LABELS = frozenset(("PERSON", "ORG", "NORP", "GPE"))


class QuoteBookPanel(QWidget):
    """Quotes across the library.

    Signals:
        open_requested: ``(article_id, start, end)`` of a quote to show in the Reader.
        message: A one-line result for the status bar.
        loaded: A query's rows are shown.
    """

    open_requested = Signal(int, int, int)
    message = Signal(str)
    loaded = Signal()

    def __init__(self, database: DatabaseWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._generation = 0
        self._stale = True
        self._names_stale = True
        self._asked: tuple[str | None, str | None] = (None, None)  # speaker, words shown
        self._total = 0  # quotes matching them, beyond the rows shown too

        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(LATER_MS)
        self._later.timeout.connect(self.mark_stale)

        self.model = QuoteBookModel(self)
        self.names = QStringListModel(self)

        self.speaker = QLineEdit()
        self.speaker.setObjectName("quoteBookSpeaker")
        self.speaker.setPlaceholderText("Any speaker")
        self.speaker.setClearButtonEnabled(True)
        completer = QCompleter(self.names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.speaker.setCompleter(completer)
        completer.activated.connect(lambda _name: self.query())

        self.words = QLineEdit()
        self.words.setObjectName("quoteBookWords")
        self.words.setPlaceholderText("Words in the quote")
        self.words.setClearButtonEnabled(True)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUERY_DELAY_MS)
        self._timer.timeout.connect(self.query)
        self.speaker.textChanged.connect(lambda _text: self._timer.start())
        self.words.textChanged.connect(lambda _text: self._timer.start())
        self.speaker.returnPressed.connect(self.query)
        self.words.returnPressed.connect(self.query)

        self.export_button = QPushButton("Export CSV…")
        self.export_button.setToolTip("Save the quotes listed as a CSV table")
        self.export_button.clicked.connect(self.ask_export)
        self.count_label = QLabel("")

        self.table = QTableView()
        self.table.setObjectName("quoteBookTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().lineSpacing() + 6
        )
        # No column sorted at first: the core's order (newest articles first) until a click.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((SPEAKER, 160), (ARTICLE, 240), (DATE, 90), (KIND, 70)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.context = QLabel("")
        self.context.setObjectName("quoteBookContext")
        self.context.setWordWrap(True)
        self.context.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        bar = QHBoxLayout()
        bar.addWidget(QLabel("Speaker:"))
        bar.addWidget(self.speaker, 1)
        bar.addWidget(QLabel("Words:"))
        bar.addWidget(self.words, 2)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.context)
        layout.addWidget(self.count_label)

    # --- public --------------------------------------------------------------------------

    def show_speaker(self, name: str) -> None:
        """List one speaker's quotes (any words)."""
        self.speaker.blockSignals(True)
        self.words.blockSignals(True)
        self.speaker.setText(name)
        self.words.clear()
        self.speaker.blockSignals(False)
        self.words.blockSignals(False)
        self.query()

    def query(self) -> None:
        """Ask the core for the quotes matching the boxes (on the database worker)."""
        self._timer.stop()
        self._stale = False
        self._generation += 1
        generation = self._generation
        speaker = self.speaker.text().strip() or None
        words = self.words.text().strip() or None

        def read(library: Library) -> tuple[list[QuoteRecord], int]:
            records = library.quotes(speaker=speaker, text=words, limit=LIMIT + 1)
            if len(records) <= LIMIT:
                return records, len(records)
            return records[:LIMIT], library.count_quotes(speaker=speaker, text=words)

        self.count_label.setText("Searching…")
        self._database.submit(
            read,
            on_success=lambda found: self._loaded(generation, (speaker, words), *found),
            on_failure=lambda error: self._failed(generation, error),
        )

    def mark_stale(self) -> None:
        """Quotes or names changed: ask again now if shown, else when next shown."""
        self._names_stale = True
        if self.isVisible():
            self.query()
            self._load_names()
        else:
            self._stale = True

    def mark_stale_soon(self) -> None:
        """Like :meth:`mark_stale`, at most once a second (while a batch is analysed)."""
        if not self._later.isActive():
            self._later.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._names_stale:
            self._load_names()
        if self._stale:
            self.query()

    def export_csv(self, path: Path) -> None:
        """Write the quotes listed to ``path`` (off the GUI thread).

        The rows in the order shown; when the list shows only the first rows of more, every
        quote matching the boxes, in the core's order.
        """
        records = self.model.records()
        speaker, words = self._asked
        everything = self._total > len(records)

        def write(library: Library) -> int:
            from desktop.exchange.quote_book_csv import write_quote_book_file

            rows = library.quotes(speaker=speaker, text=words) if everything else records
            return write_quote_book_file(rows, path)

        def done(count: int) -> None:
            self.message.emit(f"Saved {count} quote{'' if count == 1 else 's'} to {path}")

        self._database.submit(write, on_success=done)

    def ask_export(self) -> None:
        """Export CSV…: ask where, then write."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the quote book", "quotes.csv", "CSV tables (*.csv);;All files (*)"
        )
        if name:
            path = Path(name)
            self.export_csv(path if path.suffix else path.with_suffix(".csv"))

    # --- internals -----------------------------------------------------------------------

    def _load_names(self) -> None:
        self._names_stale = False
        self._database.submit(
            lambda library: library.entity_names(labels=sorted(SPEAKER_LABELS)),
            on_success=self.names.setStringList,
        )

    def _loaded(
        self,
        generation: int,
        asked: tuple[str | None, str | None],
        records: list[QuoteRecord],
        total: int,
    ) -> None:
        if generation != self._generation:
            return  # a newer query was asked meanwhile
        self._asked = asked
        self._total = total
        self.model.set_records(records)
        self.context.clear()
        who = f" by {asked[0]}" if asked[0] else ""
        self.count_label.setText(
            f"The first {len(records)} of {total} quotes{who}"
            if total > len(records)
            else f"{total} quote{'' if total == 1 else 's'}{who}"
        )
        self.export_button.setEnabled(total > 0)
        self.loaded.emit()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.count_label.setText("")
            self._database.report(error)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.model.record(current.row())
        self.context.setText(record.context if record is not None else "")

    def _activated(self, index: QModelIndex) -> None:
        record = self.model.record(index.row())
        if record is not None:
            self.open_requested.emit(record.article_id, record.start, record.end)
