"""The reading view: an article's plain text with its entities, quotes and tags highlighted.

The text is set as plain text and the highlights are extra selections, so no markup an
article carries is ever interpreted and no resource it names is ever loaded. The document
is never changed by highlighting: toggling a layer only redraws.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QHelpEvent,
    QMouseEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from desktop.types import Annotation, Tag
from desktop.ui import highlight_palette as hp
from desktop.ui.text_offsets import TextOffsets

# Word-boundary wrapping is quadratic in the length of an unbroken run of non-space
# characters: a 1M-character run took 34 s here (149 s with the default mode), 100k took
# 0.3 s, 20k 0.01 s. Past this run length the view wraps anywhere instead (0.3 s for 1M).
LONG_RUN = 20_000
_LONG_RUN = re.compile(r"\S{" + str(LONG_RUN) + "}")

LAYERS = ("entity", "quote", "tag")
IDEAL_LINE_CHARS = 74


class ArticleView(QPlainTextEdit):
    """Shows one article's text, read-only, with highlight layers.

    Signals:
        highlighted: The highlights of the current article are drawn (after each change).
        menu_requested: ``(menu, index)``: the context menu is about to show at text index
            ``index`` (a Python string index); connected slots add their actions to it.
        annotation_activated: An annotation was double-clicked.
    """

    highlighted = Signal()
    menu_requested = Signal(QMenu, int)
    annotation_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        # Files dropped here go to the window, which imports them.
        self.setAcceptDrops(False)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        self.document().setDocumentMargin(18)
        self._text = ""
        self._offsets = TextOffsets("")
        self._annotations: list[Annotation] = []
        self._tags: dict[int, Tag] = {}
        self._hidden_layers: set[str] = set()
        self._hidden_labels: set[str] = set(hp.QUIET_LABELS)
        self._focus: tuple[int, int] | None = None
        self._wrap_anywhere = False
        self._reading_font: QFont | None = None
        self.set_placeholder()

    # --- content -------------------------------------------------------------------------

    def set_placeholder(self, text: str = "") -> None:
        """Show no article; ``text`` is a hint for the empty view."""
        self.setPlaceholderText(text or "Open an article (File > Open, or drop a file here).")
        self.show_text("")

    def show_text(self, text: str) -> None:
        """Show ``text`` as plain text, with no highlights yet."""
        self._text = text
        self._offsets = TextOffsets(text)
        self._annotations = []
        self._focus = None
        self._wrap_anywhere = bool(_LONG_RUN.search(text))
        self.setWordWrapMode(
            QTextOption.WrapMode.WrapAnywhere
            if self._wrap_anywhere
            else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
        )
        self.setExtraSelections([])
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    @property
    def text(self) -> str:
        """The text shown."""
        return self._text

    @property
    def wraps_anywhere(self) -> bool:
        """True when the text has a run too long to wrap at word boundaries."""
        return self._wrap_anywhere

    def set_annotations(self, annotations: Sequence[Annotation], tags: Iterable[Tag]) -> None:
        """Highlight these annotations (rejected ones are not shown)."""
        self._annotations = sorted(
            (a for a in annotations if a.status == "active" and a.anchored),
            key=lambda a: (a.start, -a.end),
        )
        self._tags = {tag.id: tag for tag in tags}
        self._redraw()

    @property
    def annotations(self) -> list[Annotation]:
        """The active annotations shown (or hidden by a layer toggle)."""
        return list(self._annotations)

    # --- layers --------------------------------------------------------------------------

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        """Show or hide one layer: ``entity``, ``quote`` or ``tag``."""
        if visible:
            self._hidden_layers.discard(layer)
        else:
            self._hidden_layers.add(layer)
        self._redraw()

    def is_layer_visible(self, layer: str) -> bool:
        """True when ``layer`` is drawn."""
        return layer not in self._hidden_layers

    def set_label_visible(self, label: str, visible: bool) -> None:
        """Show or hide the entities of one label."""
        if visible:
            self._hidden_labels.discard(label)
        else:
            self._hidden_labels.add(label)
        self._redraw()

    # --- selection and navigation ---------------------------------------------------------

    def selected_range(self) -> tuple[int, int] | None:
        """The selected text as ``(start, end)`` string indices, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._offsets.from_qt(cursor.selectionStart())
        end = self._offsets.from_qt(cursor.selectionEnd())
        # Selections made by dragging often catch a space at either end.
        while start < end and self._text[start].isspace():
            start += 1
        while end > start and self._text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        """Select ``[start, end)``, scroll it into view and mark it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._focus = (start, end)
        self._redraw()
        self.centerCursor()

    def clear_focus_mark(self) -> None:
        """Remove the mark left by :meth:`select_range`."""
        if self._focus is not None:
            self._focus = None
            self._redraw()

    def index_at(self, point: QPoint) -> int:
        """The string index under a viewport point."""
        return self._offsets.from_qt(self.cursorForPosition(point).position())

    def annotations_at(self, index: int) -> list[Annotation]:
        """Visible annotations covering string index ``index``, innermost first."""
        found = [a for a in self._annotations if a.start <= index < a.end and self._is_visible(a)]
        return sorted(found, key=lambda a: a.end - a.start)

    # --- typography ----------------------------------------------------------------------

    def set_reading_font(self, family: str, size: float) -> None:
        """Use this font for the text (the window's font stays as it is).

        Args:
            family: A font family; empty for the best serif face installed.
            size: Point size.
        """
        font = QFont(family or reading_family())
        font.setPointSizeF(max(6.0, min(size, 48.0)))
        font.setStyleHint(QFont.StyleHint.Serif, QFont.StyleStrategy.PreferQuality)
        self._reading_font = font
        self.setFont(font)
        self._fit_column()

    def reading_font_size(self) -> float:
        """The point size of the text."""
        return self.font().pointSizeF()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Tints are chosen for the page colour: a theme switch needs them again.
            self._redraw()
        elif (
            event.type() == QEvent.Type.FontChange
            and self._reading_font is not None
            and self.font() != self._reading_font
        ):
            # Polishing under an application style sheet resets fonts set in code.
            self.setFont(self._reading_font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_column()

    def _fit_column(self) -> None:
        # Long lines tire the eye: past about 74 characters, keep the column and centre it.
        width = QFontMetricsF(self.font()).averageCharWidth() * IDEAL_LINE_CHARS + 40
        spare = max(0, int((self.width() - width) / 2))
        self.setViewportMargins(spare, 0, spare, 0)

    # --- events --------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            tip = self._tooltip(self.index_at(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        index = self.index_at(event.pos())
        self.menu_requested.emit(menu, index)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        found = self.annotations_at(self.index_at(event.position().toPoint()))
        if found:
            self.annotation_activated.emit(found[0])
            return
        super().mouseDoubleClickEvent(event)

    # --- drawing -------------------------------------------------------------------------

    def _is_visible(self, annotation: Annotation) -> bool:
        if annotation.layer in self._hidden_layers:
            return False
        return not (annotation.layer == "entity" and annotation.label in self._hidden_labels)

    def _redraw(self) -> None:
        dark = hp.is_dark(self.palette())
        entities: list[QTextEdit.ExtraSelection] = []
        tags: list[QTextEdit.ExtraSelection] = []
        quotes: list[QTextEdit.ExtraSelection] = []
        parts: list[QTextEdit.ExtraSelection] = []
        entity_formats: dict[str, QTextCharFormat] = {}
        for annotation in self._annotations:
            if not self._is_visible(annotation):
                continue
            if annotation.layer == "entity":
                fmt = entity_formats.get(annotation.label)
                if fmt is None:
                    fmt = entity_formats[annotation.label] = hp.entity_format(
                        annotation.label, dark=dark
                    )
                entities.append(self._selection(annotation.start, annotation.end, fmt))
            elif annotation.layer == "tag":
                tag = self._tags.get(annotation.tag_id or -1)
                color = tag.color if tag is not None else hp.GREY
                tags.append(
                    self._selection(
                        annotation.start, annotation.end, hp.tag_format(color, dark=dark)
                    )
                )
            elif annotation.layer == "quote":
                current = self._focus == (annotation.start, annotation.end)
                quotes.append(
                    self._selection(
                        annotation.start,
                        annotation.end,
                        hp.quote_format(dark=dark, current=current),
                    )
                )
                details = annotation.quote
                if details is None:
                    continue
                if details.speaker_start is not None and details.speaker_end is not None:
                    parts.append(
                        self._selection(
                            details.speaker_start, details.speaker_end, hp.speaker_format(dark=dark)
                        )
                    )
                if details.cue_start is not None and details.cue_end is not None:
                    parts.append(
                        self._selection(
                            details.cue_start, details.cue_end, hp.cue_format(dark=dark)
                        )
                    )
        focus = []
        if self._focus is not None:
            focus.append(self._selection(*self._focus, hp.focus_format(self.palette())))
        self.setExtraSelections(entities + tags + quotes + parts + focus)
        self.highlighted.emit()

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _tooltip(self, index: int) -> str:
        lines = []
        for annotation in self.annotations_at(index):
            lines.append(describe(annotation, self._tags))
        return "<hr>".join(lines)


# Faces made for reading long text on screen, best first; the first installed one is used.
READING_FACES = (
    "Source Serif 4",
    "Source Serif Pro",
    "Charter",
    "Georgia",
    "Noto Serif",
    "Literata",
    "DejaVu Serif",
    "Liberation Serif",
    "Times New Roman",
)


def reading_family() -> str:
    """The best reading face installed (the default font's family if none of ours is)."""
    installed = set(QFontDatabase.families())
    for face in READING_FACES:
        if face in installed:
            return face
    return QFont().family()


def describe(annotation: Annotation, tags: dict[int, Tag]) -> str:
    """A short rich-text description of an annotation for a tooltip (all text escaped)."""
    origin = "by hand" if annotation.source == "manual" else f"auto ({annotation.model or '?'})"
    if annotation.layer == "entity":
        style = hp.label_style(annotation.label)
        name = annotation.entity_name or annotation.exact
        return (
            f"<b>{escape(style.name)}</b> ({escape(annotation.label)})<br>"
            f"{escape(name)}<br><small>{escape(origin)}</small>"
        )
    if annotation.layer == "quote":
        q = annotation.quote
        if q is None:
            return f"<b>Quote</b><br><small>{escape(origin)}</small>"
        speaker = q.speaker_name or q.speaker or "unknown speaker"
        extra = f" as “{escape(q.speaker)}”" if q.speaker and q.speaker_name else ""
        cue = f"<br>cue: {escape(q.cue)}" if q.cue else ""
        return (
            f"<b>Quote</b> ({escape(q.kind)}, confidence {q.confidence:.2f})<br>"
            f"speaker: {escape(speaker)}{extra}{cue}<br><small>{escape(origin)}</small>"
        )
    tag = tags.get(annotation.tag_id or -1)
    return f"<b>Tag</b>: {escape(tag.name if tag else annotation.label)}"
