"""The tag manager: create, rename, recolour, re-key and delete the user's tags.

Each change is an undoable command like any other edit; the list follows the reader state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QKeySequenceEdit,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.types import Tag
from desktop.ui import highlight_palette as hp
from desktop.ui.tag_table_model import TagTableModel

if TYPE_CHECKING:
    from desktop.ui.edit_controller import EditController
    from desktop.ui.reader_state import ReaderState

# New tags take these in turn: the Okabe-Ito colours again, so tags stay distinguishable.
TAG_COLORS = (hp.YELLOW, hp.SKY_BLUE, hp.REDDISH_PURPLE, hp.BLUISH_GREEN, hp.ORANGE, hp.BLUE)


class NewTagDialog(QDialog):
    """Asks for a new tag's name, colour and key."""

    def __init__(self, color: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New tag")
        self.name = QLineEdit()
        self.color = color
        self.color_button = QPushButton(color)
        self.color_button.clicked.connect(self._pick)
        self.key = QKeySequenceEdit()
        self.key.setMaximumSequenceLength(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Colour", self.color_button)
        form.addRow("Shortcut key", self.key)
        form.addRow(buttons)
        self._paint()

    def _pick(self) -> None:
        color = QColorDialog.getColor(QColor(self.color), self, "Tag colour")
        if color.isValid():
            self.color = color.name()
            self._paint()

    def _paint(self) -> None:
        self.color_button.setText(self.color)
        self.color_button.setStyleSheet(f"background-color: {self.color};")

    def shortcut(self) -> str | None:
        """The chosen key, in portable text (None when none)."""
        text = self.key.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        return text or None


class TagManagerDialog(QDialog):
    """Lists the user's tags with buttons to change them."""

    def __init__(
        self, state: ReaderState, controller: EditController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tags")
        self.resize(420, 360)
        self._state = state
        self._controller = controller
        self.model = TagTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        for text, slot in (
            ("New…", self.new_tag),
            ("Rename…", self.rename),
            ("Colour…", self.recolour),
            ("Key…", self.rekey),
            ("Delete", self.delete),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(close)
        state.tags_changed.connect(self._reload)
        self._reload()

    def current(self) -> Tag | None:
        """The selected tag."""
        return self.model.tag(self.table.currentIndex().row())

    def new_tag(self) -> None:
        """Ask for a new tag and create it."""
        dialog = NewTagDialog(TAG_COLORS[len(self._state.tags) % len(TAG_COLORS)], self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.name.text().strip():
            self._controller.create_tag(dialog.name.text().strip(), dialog.color, dialog.shortcut())

    def rename(self) -> None:
        """Rename the selected tag."""
        tag = self.current()
        if tag is None:
            return
        name, ok = QInputDialog.getText(
            self, "Rename tag", "Name:", QLineEdit.EchoMode.Normal, tag.name
        )
        if ok and name.strip() and name.strip() != tag.name:
            self._controller.update_tag(tag, name=name.strip())

    def recolour(self) -> None:
        """Pick another colour for the selected tag."""
        tag = self.current()
        if tag is None:
            return
        color = QColorDialog.getColor(QColor(tag.color), self, f"Colour of {tag.name}")
        if color.isValid() and color.name() != tag.color:
            self._controller.update_tag(tag, color=color.name())

    def rekey(self) -> None:
        """Give the selected tag another shortcut key (empty: none)."""
        tag = self.current()
        if tag is None:
            return
        text, ok = QInputDialog.getText(
            self,
            "Shortcut key",
            f"Key for {tag.name} (for example 1, Ctrl+1; empty for none):",
            QLineEdit.EchoMode.Normal,
            tag.shortcut or "",
        )
        if not ok:
            return
        key = QKeySequence(text.strip()).toString(QKeySequence.SequenceFormat.PortableText)
        if key != (tag.shortcut or ""):
            self._controller.update_tag(tag, shortcut=key)

    def delete(self) -> None:
        """Delete the selected tag and its passages, after asking."""
        tag = self.current()
        if tag is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete tag",
            f"Delete the tag “{tag.name}” and every passage tagged with it? "
            "Edit > Undo brings them back.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._controller.delete_tag(tag)

    def _reload(self) -> None:
        current = self.current()
        self.model.set_tags(self._state.tags)
        if current is not None:
            row = self.model.row_of(current.id)
            if row is not None:
                self.table.selectRow(row)
