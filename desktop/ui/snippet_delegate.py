"""Paints a search snippet with its matches in bold (the article text is escaped, never HTML)."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.types import MATCH_END, MATCH_START


def snippet_html(snippet: str) -> str:
    """The snippet as HTML: text escaped, matches in ``<b>``, markers left unpaired dropped."""
    parts: list[str] = []
    inside = False
    for piece in _split(snippet):
        if piece == MATCH_START:
            if not inside:
                parts.append("<b>")
                inside = True
        elif piece == MATCH_END:
            if inside:
                parts.append("</b>")
                inside = False
        else:
            parts.append(html.escape(piece, quote=False))
    if inside:
        parts.append("</b>")
    return "".join(parts)


def trim_lead_in(snippet: str, fits: Callable[[str], bool]) -> str:
    """Drop words before the first match until what is left before it ``fits`` (with "…").

    A narrow column then still shows why the article matched.
    """
    first = snippet.find(MATCH_START)
    if first <= 0 or fits(snippet[:first]):
        return snippet
    words = snippet[:first].split(" ")
    while len(words) > 1 and not fits("…" + " ".join(words)):
        words.pop(0)
    return "…" + " ".join(words) + snippet[first:]


def _split(snippet: str) -> list[str]:
    pieces: list[str] = []
    current: list[str] = []
    for char in snippet:
        if char in (MATCH_START, MATCH_END):
            if current:
                pieces.append("".join(current))
                current = []
            pieces.append(char)
        else:
            current.append(char)
    if current:
        pieces.append("".join(current))
    return pieces


class SnippetDelegate(QStyledItemDelegate):
    """Draws the item's ``role`` text (a marked snippet) on one line, matches in bold."""

    def __init__(self, role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._role = role

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        snippet = index.data(self._role)
        if not snippet:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        text_rect = style.subElementRect(
            QStyle.SubElement.SE_ItemViewItemText, option, option.widget
        )
        metrics = QFontMetrics(option.font)
        room = text_rect.width() / 3
        snippet = trim_lead_in(snippet, lambda text: metrics.horizontalAdvance(text) <= room)
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        document.setHtml(f"<span style='white-space: pre'>{snippet_html(snippet)}</span>")
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(group))
        painter.save()
        painter.translate(text_rect.topLeft())
        painter.setClipRect(text_rect.translated(-text_rect.topLeft()))
        top = max(0.0, (text_rect.height() - document.size().height()) / 2)
        painter.translate(0, top)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(min(hint.width(), 600), hint.height())
