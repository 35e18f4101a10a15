"""The quote book as a table: quote, speaker, article, date and kind, the sentence as tooltip.

Rows arrive whole from the core (one query, limited); sorting happens here so a click on a
header needs no round trip to the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from desktop.types import QuoteRecord
from desktop.ui.read_only_table import Index, ListTableModel

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Quote", "Speaker", "Article", "Date", "Kind")
QUOTE, SPEAKER, ARTICLE, DATE, KIND = range(len(HEADERS))


def speaker_of(record: QuoteRecord) -> str:
    """The resolved speaker's name, else the words the article used."""
    return record.speaker_name or record.speaker or ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


_SORT_KEYS: dict[int, Callable[[QuoteRecord], Any]] = {
    QUOTE: lambda r: _one_line(r.text).casefold(),
    SPEAKER: lambda r: speaker_of(r).casefold(),
    ARTICLE: lambda r: ((r.article_title or "").casefold(), r.start),
    DATE: lambda r: (r.article_date or "", r.article_id, r.start),
    KIND: lambda r: (r.kind, r.article_id, r.start),
}


class QuoteBookModel(ListTableModel):
    """Quote records in the core's order (newest articles first) until a header is clicked."""

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[QuoteRecord] = []
        self._given: list[QuoteRecord] = []  # in the core's order
        self._sort: tuple[int, bool] | None = None  # column, descending

    def set_records(self, records: Sequence[QuoteRecord]) -> None:
        """Show these quotes (sorted as the view last asked)."""
        self._given = list(records)
        rows = list(self._given)
        if self._sort is not None:
            rows.sort(key=_SORT_KEYS[self._sort[0]], reverse=self._sort[1])
        self._reset_rows(rows)

    def records(self) -> list[QuoteRecord]:
        """Every quote shown, in the order shown."""
        return list(self._rows)

    def record(self, row: int) -> QuoteRecord | None:
        """The quote at ``row``."""
        return self._row(row)

    # --- Qt model ------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row()) if index.isValid() else None
        if record is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == QUOTE:
                return _one_line(record.text)
            if column == SPEAKER:
                return speaker_of(record)
            if column == ARTICLE:
                return record.article_title or "(untitled)"
            if column == DATE:
                return (record.article_date or "")[:10]
            return record.kind
        if role == Qt.ItemDataRole.ToolTipRole:
            said = f"{speaker_of(record) or 'Someone'} {record.cue or 'said'}"
            return f"{said}, in “{record.article_title or '(untitled)'}”:\n{record.context}"
        if role == RECORD_ROLE:
            return record.annotation_id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; column -1 restores the core's order (newest articles first)."""
        if column != -1 and column not in _SORT_KEYS:
            return
        self._sort = None if column == -1 else (column, order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [(self.record(i.row()), i.column()) for i in persistent]
        if self._sort is None:
            self._rows = list(self._given)
        else:
            self._rows.sort(key=_SORT_KEYS[column], reverse=self._sort[1])
        rows = {id(r): row for row, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(rows[id(record)], col) if record is not None else QModelIndex()
                for record, col in before
            ],
        )
        self.layoutChanged.emit()
