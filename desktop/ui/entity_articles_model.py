"""The articles that mention one entity, for the entity browser: title, date and source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.types import ArticleSummary

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Title", "Date", "Source")

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()  # the invisible root, as a default argument


class EntityArticlesModel(QAbstractTableModel):
    """Article summaries in the order the core gives them (newest first)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._articles: list[ArticleSummary] = []

    def set_articles(self, articles: Sequence[ArticleSummary]) -> None:
        """Show these articles."""
        self.beginResetModel()
        self._articles = list(articles)
        self.endResetModel()

    def article(self, row: int) -> ArticleSummary | None:
        """The article at ``row``."""
        return self._articles[row] if 0 <= row < len(self._articles) else None

    def row_of(self, article_id: int) -> int | None:
        """The row of an article, if listed."""
        for row, article in enumerate(self._articles):
            if article.id == article_id:
                return row
        return None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

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
