"""The search box and the filter row of the Library tab: query, entity, speaker, tag, dates, format.

It only edits a :class:`~desktop.ui.library_query.SearchRequest`; the tab decides when to run
it. Entity and speaker complete over the library's names and aliases, loaded the first time
one of the two fields is used (reading every entity of a big library takes a moment).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QDate, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.types import FORMATS
from desktop.ui.library_query import SearchRequest

#: The date shown as "any": no bound on that side.
NO_DATE = QDate(1800, 1, 1)
DATE_FORMAT = "yyyy-MM-dd"
ANY_TAG = "Any tag"
ANY_FORMAT = "Any format"


class LibraryFilterBar(QWidget):
    """The search box above a row of filters.

    Signals:
        edited: The user changed the query or a filter.
        names_wanted: Entity or speaker completion is about to be used and has no names yet.
    """

    edited = Signal()
    names_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names_asked = False
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText('Search the library (words, "a phrase", prefix*)…')
        self.search.setClearButtonEnabled(True)
        self.entity = self._name_field("Entity or alias")
        self.speaker = self._name_field("Speaker")
        self._entity_names = QStringListModel(self)
        self._speaker_names = QStringListModel(self)
        self.entity.setCompleter(_completer(self._entity_names, self))
        self.speaker.setCompleter(_completer(self._speaker_names, self))
        self.tag = QComboBox()
        self.tag.setObjectName("libraryTag")
        self.tag.addItem(ANY_TAG, "")
        self.since = _date_edit("From")
        self.until = _date_edit("To")
        self.format = QComboBox()
        self.format.setObjectName("libraryFormat")
        self.format.addItem(ANY_FORMAT, "")
        for name in FORMATS:
            self.format.addItem(name, name)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            ("Entity", self.entity),
            ("Speaker", self.speaker),
            ("Tag", self.tag),
            ("From", self.since),
            ("To", self.until),
            ("Format", self.format),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)

        self.search.textEdited.connect(lambda _text: self.edited.emit())
        # The clear button changes the text without an edit signal.
        self.search.textChanged.connect(lambda text: None if text else self.edited.emit())
        for field in (self.entity, self.speaker):
            field.textEdited.connect(lambda _text: self.edited.emit())
            field.textChanged.connect(lambda text: None if text else self.edited.emit())
            field.installEventFilter(self)
        self.tag.activated.connect(lambda _index: self.edited.emit())
        self.format.activated.connect(lambda _index: self.edited.emit())
        for edit in (self.since, self.until):
            edit.dateChanged.connect(lambda _date: self.edited.emit())
            edit.installEventFilter(self)

    def _name_field(self, placeholder: str) -> QLineEdit:
        field = QLineEdit()
        field.setPlaceholderText(placeholder)
        field.setClearButtonEnabled(True)
        field.setMinimumWidth(120)
        return field

    # --- the request ---------------------------------------------------------------------

    def request(self) -> SearchRequest:
        """The query and filters as shown."""
        return SearchRequest(
            query=self.search.text(),
            entity=self.entity.text(),
            speaker=self.speaker.text(),
            tag=self.tag.currentData() or "",
            since=_date_text(self.since),
            until=_date_text(self.until),
            format=self.format.currentData() or "",
        )

    def set_request(self, request: SearchRequest) -> None:
        """Show ``request`` in the fields (without announcing edits)."""
        widgets = (self.search, self.entity, self.speaker, self.tag, self.since, self.until)
        for widget in (*widgets, self.format):
            widget.blockSignals(True)
        try:
            self.search.setText(request.query)
            self.entity.setText(request.entity)
            self.speaker.setText(request.speaker)
            if request.tag and self.tag.findData(request.tag) < 0:
                self.tag.addItem(request.tag, request.tag)  # a tag not (yet) in the list
            self.tag.setCurrentIndex(max(0, self.tag.findData(request.tag)))
            self.since.setDate(_parse_date(request.since))
            self.until.setDate(_parse_date(request.until))
            self.format.setCurrentIndex(max(0, self.format.findData(request.format)))
        finally:
            for widget in (*widgets, self.format):
                widget.blockSignals(False)

    # --- choices -------------------------------------------------------------------------

    def set_tags(self, names: Iterable[str]) -> None:
        """The user's tags, offered in the tag filter (the choice is kept when it still exists)."""
        current = self.tag.currentData() or ""
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(ANY_TAG, "")
        for name in names:
            self.tag.addItem(name, name)
        self.tag.setCurrentIndex(max(0, self.tag.findData(current)))
        self.tag.blockSignals(False)
        if current and self.tag.currentData() != current:
            self.edited.emit()  # the chosen tag went away

    def set_names(self, entities: list[str], speakers: list[str]) -> None:
        """Names and aliases to complete the entity and speaker fields with."""
        self._entity_names.setStringList(entities)
        self._speaker_names.setStringList(speakers)

    def forget_names(self) -> None:
        """Load the names again when next needed (entities were merged, renamed, added)."""
        self._names_asked = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QDateEdit):
            if (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            ):
                watched.setDate(NO_DATE)  # no way to type "no date"; this is it
                return True
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.FocusIn and not self._names_asked:
            self._names_asked = True
            self.names_wanted.emit()
        return super().eventFilter(watched, event)


def _completer(model: QStringListModel, parent: QObject) -> QCompleter:
    completer = QCompleter(model, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setMaxVisibleItems(12)
    return completer


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(f"library{name}")
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("any")  # shown while the date is the minimum: no bound
    edit.setDate(NO_DATE)
    edit.setToolTip(f'{name} this date ("any": no bound); Delete clears it')
    return edit


def _date_text(edit: QDateEdit) -> str:
    return "" if edit.date() == NO_DATE else edit.date().toString(DATE_FORMAT)


def _parse_date(text: str) -> QDate:
    """A saved date: a day, or a month or year (taken at its start); anything else is "any"."""
    text = text.strip()
    for form, pad in (("yyyy-MM-dd", ""), ("yyyy-MM", "-01"), ("yyyy", "-01-01")):
        date = QDate.fromString(text + pad, "yyyy-MM-dd") if pad else QDate.fromString(text, form)
        if len(text) == len(form) and date.isValid():
            return date
    return NO_DATE
