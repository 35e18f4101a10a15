"""Settings: the language model, the reading font and the theme."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from desktop.ui.article_view import reading_family
from desktop.ui.preferences import THEMES

DEFAULT_MODEL = "(default)"


@dataclass(frozen=True, slots=True)
class SettingsChoice:
    """What the dialog was left with."""

    model: str | None
    font_family: str
    font_size: float
    theme: str
    direct_only: bool = False


class SettingsDialog(QDialog):
    """Edits the preferences; the caller applies and stores them.

    Args:
        choice: The current preferences.
        pipelines: Installed spaCy pipelines (as the analysis process found them).
        parent: Qt parent.
    """

    def __init__(
        self, choice: SettingsChoice, pipelines: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.model_box = QComboBox()
        self.model_box.addItem(DEFAULT_MODEL)
        names = list(pipelines)
        if choice.model and choice.model not in names:
            names.append(choice.model)
        for name in names:
            self.model_box.addItem(name)
        if choice.model:
            self.model_box.setCurrentText(choice.model)
        self.font_box = QFontComboBox()
        self.font_box.setCurrentFont(QFont(choice.font_family or reading_family()))
        self.size_box = QDoubleSpinBox()
        self.size_box.setRange(6, 48)
        self.size_box.setSingleStep(1)
        self.size_box.setDecimals(1)
        self.size_box.setSuffix(" pt")
        self.size_box.setValue(choice.font_size)
        self.theme_box = QComboBox()
        for theme in THEMES:
            self.theme_box.addItem(theme.title(), theme)
        self.theme_box.setCurrentIndex(THEMES.index(choice.theme))
        hint = QLabel(
            "Other spaCy pipelines appear here once installed "
            "(for example <code>python -m spacy download en_core_web_md</code>)."
        )
        hint.setWordWrap(True)
        self.direct_box = QCheckBox("Only quotations in quotation marks (no reported speech)")
        self.direct_box.setToolTip(
            "Leaves out “Kerry said that …”; analyse an article again (Ctrl+R) to apply it there."
        )
        self.direct_box.setChecked(choice.direct_only)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Language model", self.model_box)
        form.addRow("", hint)
        form.addRow("Quotes", self.direct_box)
        form.addRow("Reading font", self.font_box)
        form.addRow("Font size", self.size_box)
        form.addRow("Theme", self.theme_box)
        form.addRow(buttons)

    def choice(self) -> SettingsChoice:
        """The settings as the dialog shows them."""
        model = self.model_box.currentText()
        return SettingsChoice(
            model=None if model == DEFAULT_MODEL else model,
            font_family=self.font_box.currentFont().family(),
            font_size=self.size_box.value(),
            theme=str(self.theme_box.currentData()),
            direct_only=self.direct_box.isChecked(),
        )
