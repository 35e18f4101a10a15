"""The quotes of the article shown, in text order, with speaker, cue, kind and confidence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop.types import Annotation
from desktop.ui.read_only_table import Index, ListTableModel

ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 1

HEADERS = ("Quote", "Speaker", "Cue", "Kind", "Conf.")
EXCERPT = 160


def speaker_of(annotation: Annotation) -> str:
    """Who said it, as a person would read it: the resolved name, else the words in the text."""
    q = annotation.quote
    if q is None:
        return ""
    return q.speaker_name or q.speaker or ""


class QuoteTableModel(ListTableModel):
    """One row per active quote annotation."""

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Annotation] = []

    def set_quotes(self, quotes: Sequence[Annotation]) -> None:
        """Show these quote annotations (kept in text order)."""
        self._reset_rows(sorted(quotes, key=lambda a: (a.start, a.end)))

    def quote(self, row: int) -> Annotation | None:
        """The quote at ``row``."""
        return self._row(row)

    def row_of(self, annotation_id: int) -> int | None:
        """The row of a quote annotation, if shown."""
        for row, quote in enumerate(self._rows):
            if quote.id == annotation_id:
                return row
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        quote = self.quote(index.row())
        if quote is None:
            return None
        if role == ANNOTATION_ROLE:
            return quote
        column = index.column()
        details = quote.quote
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                text = " ".join(quote.exact.split())
                return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"
            if column == 1:
                return speaker_of(quote) or "—"
            if column == 2:
                return (details.cue if details else None) or "—"
            if column == 3:
                return details.kind if details else "direct"
            if quote.source == "manual":
                return "hand"
            return f"{details.confidence:.2f}" if details else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return quote.exact
            if column == 1 and details is not None and details.speaker and details.speaker_name:
                return f"written “{details.speaker}”, resolved to {details.speaker_name}"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
