"""The articles that mention one entity, for the entity browser: title, date and source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop.types import ArticleSummary
from desktop.ui.read_only_table import Index, ListTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Title", "Date", "Source")


class EntityArticlesModel(ListTableModel):
    """Article summaries in the order the core gives them (newest first)."""

    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleSummary] = []

    def set_articles(self, articles: Sequence[ArticleSummary]) -> None:
        """Show these articles."""
        self._reset_rows(list(articles))

    def article(self, row: int) -> ArticleSummary | None:
        """The article at ``row``."""
        return self._row(row)

    def row_of(self, article_id: int) -> int | None:
        """The row of an article, if listed."""
        for row, article in enumerate(self._rows):
            if article.id == article_id:
                return row
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        article = self.article(index.row()) if index.isValid() else None
        if article is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return article.title or "(untitled)"
            if column == 1:
                return (article.date or article.imported or "")[:10]
            return article.site or article.format
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return (
                f"{article.title or '(untitled)'}\n"
                f"{article.entity_count} entities, {article.quote_count} quotes"
                "\nDouble-click to read it at the first mention"
            )
        if role == ID_ROLE:
            return article.id
        return None
