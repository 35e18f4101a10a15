"""Notes: one per article and one per annotation, in Markdown, saved as the user types.

A save goes to the database half a second after the last keystroke, and at once when the
note is switched or the window closes; each save is one committed transaction, so a note is
safe a second after typing stops, even if the app is killed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.types import Annotation, Note
from desktop.ui.database_worker import DatabaseWorker
from desktop.ui.markdown_preview import MarkdownPreview

if TYPE_CHECKING:
    from desktop.core import Library

AUTOSAVE_MS = 500
EXCERPT = 40


class NotesPanel(QWidget):
    """Edits the note of the article, or of one of its annotations.

    Signals:
        saved: A note was written (article id).
    """

    saved = Signal(int)

    def __init__(self, database: DatabaseWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._article_id: int | None = None
        self._annotation_id: int | None = None
        self._dirty = False
        self._generation = 0

        self.heading = QLabel("No article")
        self.heading.setWordWrap(True)
        self.back_button = QPushButton("Article note")
        self.back_button.setToolTip("Back to the note on the whole article")
        self.back_button.clicked.connect(self._back_to_article)
        self.back_button.hide()
        self.state_label = QLabel("")
        self.state_label.setObjectName("noteState")

        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setPlaceholderText("Write a note in Markdown. It saves as you type.")
        self.editor.setFont(QFont("monospace"))
        self.editor.textChanged.connect(self._edited)
        self.preview = MarkdownPreview()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.editor, "Write")
        self.tabs.addTab(self.preview, "Preview")
        self.tabs.currentChanged.connect(self._tab_changed)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addWidget(self.state_label)
        self.editor.setEnabled(False)

    @property
    def target(self) -> tuple[int | None, int | None]:
        """``(article_id, annotation_id)`` of the note being edited."""
        return self._article_id, self._annotation_id

    def show_article_note(self, article_id: int | None) -> None:
        """Edit the note of an article (None: no article)."""
        self._switch(article_id, None, "Note on this article")

    def show_annotation_note(self, annotation: Annotation) -> None:
        """Edit the note of one annotation."""
        words = " ".join(annotation.exact.split())
        if len(words) > EXCERPT:
            words = words[: EXCERPT - 1] + "…"
        what = {"entity": "mention", "quote": "quote", "tag": "tagged passage"}[annotation.layer]
        self._switch(annotation.article_id, annotation.id, f"Note on the {what} “{words}”")

    def flush(self) -> None:
        """Save now if there are unsaved changes."""
        self._timer.stop()
        if not self._dirty or self._article_id is None:
            return
        self._dirty = False
        article_id, annotation_id = self._article_id, self._annotation_id
        body = self.editor.toPlainText()

        def save(library: Library) -> None:
            library.save_note(article_id, body, annotation_id=annotation_id)

        self.state_label.setText("Saving…")
        self._database.submit(
            save,
            on_success=lambda _: self._saved(article_id),
            on_failure=lambda error: self._save_failed((article_id, annotation_id), error),
        )

    # --- internals -----------------------------------------------------------------------

    def _switch(self, article_id: int | None, annotation_id: int | None, heading: str) -> None:
        if (article_id, annotation_id) == (self._article_id, self._annotation_id):
            return
        self.flush()
        self._article_id, self._annotation_id = article_id, annotation_id
        self._generation += 1
        generation = self._generation
        self.back_button.setVisible(annotation_id is not None)
        self._set_text("")
        self.editor.setEnabled(False)
        if article_id is None:
            self.heading.setText("No article")
            self.state_label.setText("")
            return
        self.heading.setText(heading)
        self.state_label.setText("")

        def load(library: Library) -> Note | None:
            return library.get_note(article_id, annotation_id=annotation_id)

        self._database.submit(load, on_success=lambda note: self._loaded(generation, note))

    def _loaded(self, generation: int, note: Note | None) -> None:
        if generation != self._generation:
            return
        self._set_text(note.body if note is not None else "")
        self.editor.setEnabled(True)
        self.state_label.setText(f"Saved {note.updated[:16].replace('T', ' ')}" if note else "")

    def _set_text(self, text: str) -> None:
        blocked = self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(blocked)
        self._dirty = False
        if self.tabs.currentWidget() is self.preview:
            self.preview.show_markdown(text)

    def _edited(self) -> None:
        self._dirty = True
        self.state_label.setText("Edited")
        self._timer.start()

    def _saved(self, article_id: int) -> None:
        if not self._dirty:
            self.state_label.setText("Saved")
        self.saved.emit(article_id)

    def _save_failed(self, target: tuple[int, int | None], error: BaseException) -> None:
        # Keep the text and try again on the next keystroke or switch.
        if target == self.target:
            self._dirty = True
        self.state_label.setText("Not saved!")
        self._database.report(error)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.preview:
            self.preview.show_markdown(self.editor.toPlainText())

    def _back_to_article(self) -> None:
        self.show_article_note(self._article_id)
