"""File > Export annotations: which format, which articles, and where to write.

The dialog only asks; :class:`~desktop.ui.annotation_exchange.AnnotationExchange` runs the
export on the database worker. The scope is a list of article ids (the article shown, the
articles selected in a list) or the whole library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.catalog import EXPORT_FORMATS, ExportFormat, export_format

if TYPE_CHECKING:
    from desktop.core import Library


@dataclass(frozen=True, slots=True)
class SearchScope:
    """The articles a search finds, as a scope: what the dialog says, and how to list them."""

    label: str  # "Articles the Library search finds (12)"
    find_ids: Callable[[Library], list[int]]  # runs on the database worker


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export: a format name, the file or folder, and the articles.

    ``article_ids`` None and no ``find_ids``: the whole library. ``find_ids`` (on the
    database worker) lists the articles when they are known only there (a search's).
    """

    fmt: str
    out: Path
    article_ids: tuple[int, ...] | None
    find_ids: Callable[[Library], list[int]] | None = None


@dataclass(frozen=True, slots=True)
class CurrentArticle:
    """The article shown in the Reader, as the dialog names it."""

    id: int
    title: str


def default_target(fmt: ExportFormat, folder: Path, stem: str) -> Path:
    """A file ``stem.suffix`` (file formats) or a folder ``stem-name`` in ``folder``."""
    if fmt.target == "file":
        return folder / f"{stem}{fmt.suffix}"
    return folder / f"{stem}-{fmt.name}"


class ExportDialog(QDialog):
    """Choose a format, the articles and the target of an annotation export.

    Args:
        current: The article shown, if any ("Current article").
        selected: Ids of the articles selected in a list, if any ("Selected articles").
        search: The articles a search finds, if one is shown.
        folder: Where the target is suggested.
    """

    def __init__(
        self,
        *,
        current: CurrentArticle | None,
        selected: Sequence[int] = (),
        search: SearchScope | None = None,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export annotations")
        self._current = current
        self._selected = tuple(dict.fromkeys(selected))
        self._search = search
        self._folder = folder or Path.home()
        self._edited = False  # the user typed or chose a target: do not replace it

        self.format_box = QComboBox()
        for fmt in EXPORT_FORMATS:
            self.format_box.addItem(fmt.title, fmt.name)
        self.format_box.currentIndexChanged.connect(self._format_changed)

        self.current_button = QRadioButton(
            f"Current article: {current.title or '(untitled)'}"
            if current is not None
            else "Current article (none is open)"
        )
        self.current_button.setEnabled(current is not None)
        count = len(self._selected)
        self.selected_button = QRadioButton(
            f"Selected articles ({count})" if count else "Selected articles (none selected)"
        )
        self.selected_button.setEnabled(bool(count))
        self.search_button = QRadioButton(
            search.label if search is not None else "Articles a search finds (no search shown)"
        )
        self.search_button.setEnabled(search is not None)
        self.library_button = QRadioButton("Whole library")
        self.scope = QButtonGroup(self)
        for button in self._scope_buttons():
            self.scope.addButton(button)
        if count:
            self.selected_button.setChecked(True)
        elif current is not None:
            self.current_button.setChecked(True)
        else:
            self.library_button.setChecked(True)
        self.scope.buttonToggled.connect(lambda _b, _on: self._suggest())

        self.target = QLineEdit()
        self.target.textEdited.connect(self._target_edited)
        self.target.textChanged.connect(lambda _text: self._update_ok())
        self.browse = QPushButton("Choose…")
        self.browse.clicked.connect(self._browse)
        self.target_hint = QLabel()
        self.target_hint.setWordWrap(True)

        scope = QVBoxLayout()
        for button in self._scope_buttons():
            scope.addWidget(button)
        target = QHBoxLayout()
        target.addWidget(self.target, 1)
        target.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        form.addRow("Articles:", scope)
        form.addRow("Save to:", target)
        form.addRow("", self.target_hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._format_changed()

    # --- public --------------------------------------------------------------------------

    def format(self) -> ExportFormat:
        """The format chosen."""
        return export_format(str(self.format_box.currentData()))

    def set_format(self, name: str) -> None:
        """Choose a format by name (jsonl, brat, spacy, w3c, csv, markdown)."""
        self.format_box.setCurrentIndex(self.format_box.findData(export_format(name).name))

    def article_ids(self) -> tuple[int, ...] | None:
        """The articles chosen; None for the whole library."""
        if self.current_button.isChecked() and self._current is not None:
            return (self._current.id,)
        if self.selected_button.isChecked() and self._selected:
            return self._selected
        return None

    def request(self) -> ExportRequest:
        """What the dialog asks for."""
        search = self._search if self.search_button.isChecked() else None
        return ExportRequest(
            self.format().name,
            Path(self.target.text().strip()).expanduser(),
            self.article_ids(),
            search.find_ids if search is not None else None,
        )

    # --- internals -----------------------------------------------------------------------

    def _scope_buttons(self) -> tuple[QRadioButton, ...]:
        return (
            self.current_button,
            self.selected_button,
            self.search_button,
            self.library_button,
        )

    def _stem(self) -> str:
        if self.current_button.isChecked() and self._current is not None:
            return "article-annotations"
        if self.selected_button.isChecked():
            return "selected-annotations"
        if self.search_button.isChecked():
            return "search-annotations"
        return "library-annotations"

    def _suggest(self) -> None:
        if not self._edited:
            self.target.setText(str(default_target(self.format(), self._folder, self._stem())))

    def _format_changed(self) -> None:
        fmt = self.format()
        if self._edited:
            # Keep the user's place and name; only the kind of target follows the format.
            typed = Path(self.target.text().strip())
            if typed.name:
                base = typed.with_suffix("") if typed.suffix else typed
                self.target.setText(
                    str(base.with_suffix(fmt.suffix)) if fmt.target == "file" else str(base)
                )
        self._suggest()
        self.target_hint.setText(
            f"A {fmt.suffix} file."
            if fmt.target == "file"
            else f"A folder; one {fmt.suffix} file per article or table goes in it."
        )
        self._update_ok()

    def _target_edited(self, _text: str) -> None:
        self._edited = True

    def _browse(self) -> None:
        fmt = self.format()
        start = self.target.text().strip() or str(self._folder)
        if fmt.target == "file":
            name, _ = QFileDialog.getSaveFileName(
                self, "Export to", start, f"{fmt.title} (*{fmt.suffix});;All files (*)"
            )
        else:
            name = QFileDialog.getExistingDirectory(self, "Export into the folder", start)
        if name:
            self._edited = True
            self.target.setText(name)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.target.text().strip())
        )
