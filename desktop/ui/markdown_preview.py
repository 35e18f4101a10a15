"""A Markdown preview that never loads anything: no images, no files, no links followed.

Qt text widgets fetch every resource a document names, and ``<img src="file:///dev/zero">``
aborted the process here even when ``loadResource`` returned None; returning an empty
byte array (or image) is what stops it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget


class InertDocument(QTextDocument):
    """A text document whose resources are all empty."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        if kind == QTextDocument.ResourceType.ImageResource:
            return QImage()
        return QByteArray()


class MarkdownPreview(QTextBrowser):
    """Renders a note's Markdown read-only; links are shown, never opened or fetched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(InertDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        if kind == QTextDocument.ResourceType.ImageResource:
            return QImage()
        return QByteArray()

    def show_markdown(self, text: str) -> None:
        """Render ``text`` as Markdown (raw HTML in it is not interpreted)."""
        self.document().setMarkdown(
            text,
            QTextDocument.MarkdownFeature.MarkdownNoHTML
            | QTextDocument.MarkdownFeature.MarkdownDialectGitHub,
        )
