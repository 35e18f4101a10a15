"""What the user sees of a background import: a status-bar bar with Cancel, then a summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from desktop.ui.import_runner import ImportRunner, ImportSummary

#: File types offered by File > Import files (everything may be chosen; odd files are refused).
FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.pdf *.epub *.docx);;All files (*)"
#: Refused files listed in the summary's details at most (the rest are counted).
MAX_REFUSED_LINES = 500


class ImportProgress(QWidget):
    """ "Importing 120 / 2,225" with a bar and a Cancel button, shown while an import runs."""

    def __init__(self, runner: ImportRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProgress")
        self._runner = runner
        self.label = QLabel("Importing…")
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(200)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the import; the files imported so far stay")
        self.cancel_button.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        runner.started.connect(self._started)
        runner.progress.connect(self._moved)
        runner.finished.connect(lambda _summary: self.hide())
        runner.failed.connect(lambda _message: self.hide())
        self.hide()

    def ask_files(self) -> bool:
        """File > Import files: choose files and import them (False if nothing started)."""
        if self._busy():
            return False
        return self._runner.start(ask_files(self.window()))

    def ask_folder(self) -> bool:
        """File > Import folder: choose a folder and import what it holds."""
        if self._busy():
            return False
        return self._runner.start(ask_folder(self.window()))

    def _busy(self) -> bool:
        if self._runner.running:
            QMessageBox.information(
                self.window(), "Import", "An import is running; wait for it or cancel it first."
            )
        return self._runner.running

    def _started(self) -> None:
        self.label.setText("Importing…")
        self.bar.setRange(0, 0)  # busy until the folders have been searched
        self.cancel_button.setEnabled(True)
        self.show()

    def _moved(self, done: int, total: int) -> None:
        if total <= 0:
            self.label.setText("Finding files…")
            self.bar.setRange(0, 0)
            return
        self.label.setText("Importing")
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.bar.setFormat(f"{done:,} / {total:,}")

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText("Cancelling…")
        self._runner.cancel()


def summary_box(summary: ImportSummary, parent: QWidget | None) -> QMessageBox:
    """A non-modal box: the counts, and every refused file with its reason in the details."""
    refused = summary.refused_lines()
    icon = QMessageBox.Icon.Warning if refused else QMessageBox.Icon.Information
    title = "Import cancelled" if summary.cancelled else "Import finished"
    box = QMessageBox(icon, title, summary.headline() + ".", QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("importSummary")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if summary.cancelled:
        box.setInformativeText("Everything imported before the cancel is in the library.")
    if refused:
        shown = refused[:MAX_REFUSED_LINES]
        if len(refused) > len(shown):
            shown.append(f"… and {len(refused) - len(shown):,} more")
        box.setDetailedText("Refused:\n" + "\n".join(shown))
    box.setModal(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def ask_files(parent: QWidget | None) -> list[Path]:
    """File > Import files: the files chosen (none when the dialog was cancelled)."""
    files, _ = QFileDialog.getOpenFileNames(parent, "Import articles", "", FILE_FILTER)
    return [Path(f) for f in files]


def ask_folder(parent: QWidget | None) -> list[Path]:
    """File > Import folder: the folder chosen, searched recursively by the import."""
    folder = QFileDialog.getExistingDirectory(parent, "Import a folder of articles")
    return [Path(folder)] if folder else []
