"""File > Export annotations and File > Import annotations, run on the database worker.

Both use cases (:mod:`desktop.core.exchange_use_cases`) make many small reads and writes, so
they run on the worker like every other library call; their progress callbacks cross back to
the GUI thread through a queued signal. An import ends with a report: what was placed, and
what was not and why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.catalog import IMPORT_SUFFIXES
from desktop.ui.database_worker import error_message
from desktop.ui.export_dialog import CurrentArticle, ExportDialog, ExportRequest, SearchScope

if TYPE_CHECKING:
    from desktop.core import Library
    from desktop.core.exchange_use_cases import AnnotationImportReport, ExportReport
    from desktop.ui.database_worker import DatabaseWorker
    from desktop.ui.reader_state import ReaderState

IMPORT_FILTER = f"Annotation files ({' '.join('*' + s for s in IMPORT_SUFFIXES)});;All files (*)"
MAX_LISTED = 500  # lines of the report listed in full
SEARCH_PAGE = 500


def search_article_ids(
    library: Library, query: str, filters: Mapping[str, str | None]
) -> list[int]:
    """Every article a search finds (query and filters as ``Library.search`` takes them)."""
    found: list[int] = []
    while True:
        hits = library.search(query, **filters, limit=SEARCH_PAGE, offset=len(found))
        found.extend(hit.article_id for hit in hits)
        if len(hits) < SEARCH_PAGE:
            return list(dict.fromkeys(found))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def export_summary(report: ExportReport) -> str:
    """One line for the status bar."""
    return (
        f"Exported {_count(report.articles, 'article')} with {_count(report.spans, 'span')} "
        f"as {report.format} to {report.out}"
        + (f" ({len(report.skipped)} left out)" if report.skipped else "")
    )


def import_headline(report: AnnotationImportReport) -> str:
    """What an import did, in one sentence."""
    created = sum(1 for a in report.articles if a.how == "created")
    return (
        f"Placed {_count(report.placed, 'annotation')} in "
        f"{_count(report.articles_matched, 'article')}"
        + (f" ({created} added to the library)" if created else "")
        + (f"; {report.updated} updated" if report.updated else "")
        + f"; {report.already_present} already there; {_count(report.notes, 'note')} saved; "
        f"{len(report.unplaced)} could not be placed."
    )


def import_details(report: AnnotationImportReport) -> list[str]:
    """The report's lines: each article of the file, then each span not placed and why."""
    lines: list[str] = []
    for match in report.articles:
        where = f"article {match.article_id}" if match.article_id is not None else "no article"
        lines.append(
            f"{match.title or '(untitled)'}: {where} ({match.how}), "
            f"{match.placed} placed, {match.unplaced} not placed"
        )
    if report.unplaced:
        lines.append("")
        lines.append("Not placed:")
    for miss in report.unplaced[:MAX_LISTED]:
        text = " ".join(miss.text.split())
        text = text if len(text) <= 60 else text[:59] + "…"
        lines.append(f"  {miss.article}: {miss.label} “{text}”: {miss.reason}")
    if len(report.unplaced) > MAX_LISTED:
        lines.append(f"  … and {len(report.unplaced) - MAX_LISTED} more")
    if report.problems:
        lines.append("")
        lines.append("Notes:")
        lines.extend(f"  {problem}" for problem in report.problems)
    return lines


class ImportReportDialog(QDialog):
    """The report of an annotation import: a headline and every line of detail."""

    def __init__(self, report: AnnotationImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Imported annotations from {report.path.name}")
        self.headline = QLabel(import_headline(report))
        self.headline.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(import_details(report)))
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(680, 420)


class _Progress(QObject):
    """Emitted on the worker thread, delivered on the GUI thread (a queued connection)."""

    moved = Signal(int, int)


class AnnotationExchange(QObject):
    """Runs annotation exports and imports for the window.

    Attributes:
        selected_articles: Gives the ids of the articles selected in a list (the Library
            tab's); the export dialog offers them as a scope.
        library_search: Gives the search shown in the Library tab, if any, as a scope.

    Signals:
        exported: An :class:`ExportReport`.
        imported: An :class:`AnnotationImportReport`; the library changed.
        failed: A one-line message.
        message: A one-line result for the status bar.
        progress: ``(done, total)`` articles.
    """

    exported = Signal(object)
    imported = Signal(object)
    failed = Signal(str)
    message = Signal(str)
    progress = Signal(int, int)

    def __init__(
        self, database: DatabaseWorker, state: ReaderState, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._state = state
        self._progress = _Progress()
        self._progress.moved.connect(self.progress, Qt.ConnectionType.QueuedConnection)
        self.selected_articles: Callable[[], Sequence[int]] | None = None
        self.library_search: Callable[[], SearchScope | None] | None = None
        self.report_dialog: ImportReportDialog | None = None
        self._folder = Path.home()

    # --- export --------------------------------------------------------------------------

    def export(self, request: ExportRequest) -> None:
        """Write the export the request describes (on the database worker)."""
        from desktop.core.exchange_use_cases import export_annotations

        moved = self._progress.moved

        def run(library: Library) -> ExportReport:
            ids = request.article_ids
            if request.find_ids is not None:
                ids = tuple(request.find_ids(library))
            return export_annotations(
                library, request.fmt, request.out, article_ids=ids, progress=moved.emit
            )

        self.message.emit(f"Exporting annotations to {request.out}…")
        self._database.submit(run, on_success=self._exported, on_failure=self._failed)

    def make_dialog(self, parent: QWidget | None = None) -> ExportDialog:
        """The export dialog for the article shown and the articles selected now."""
        article = self._state.article
        current = CurrentArticle(article.id, article.title) if article is not None else None
        selected = list(self.selected_articles()) if self.selected_articles is not None else []
        search = self.library_search() if self.library_search is not None else None
        return ExportDialog(
            current=current, selected=selected, search=search, folder=self._folder, parent=parent
        )

    def ask_export(self, parent: QWidget | None = None) -> None:
        """File > Export annotations…"""
        dialog = self.make_dialog(parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            request = dialog.request()
            self._folder = request.out.parent
            self.export(request)
        dialog.deleteLater()

    def _exported(self, report: ExportReport) -> None:
        self.progress.emit(0, 0)
        self.message.emit(export_summary(report))
        self.exported.emit(report)

    # --- import --------------------------------------------------------------------------

    def import_file(self, path: Path) -> None:
        """Add the annotations of a file (or brat folder) to the library (on the worker)."""
        from desktop.core.exchange_use_cases import import_annotations

        moved = self._progress.moved
        self.message.emit(f"Importing annotations from {path.name}…")
        self._database.submit(
            lambda library: import_annotations(library, path, progress=moved.emit),
            on_success=self._imported,
            on_failure=self._failed,
        )

    def ask_import(self, parent: QWidget | None = None) -> None:
        """File > Import annotations…: a JSONL, brat .ann, W3C or .spacy file."""
        name, _ = QFileDialog.getOpenFileName(
            parent, "Import annotations", str(self._folder), IMPORT_FILTER
        )
        if name:
            self._folder = Path(name).parent
            self.import_file(Path(name))

    def ask_import_folder(self, parent: QWidget | None = None) -> None:
        """File > Import annotations from folder…: a folder of brat .txt/.ann pairs."""
        name = QFileDialog.getExistingDirectory(
            parent, "Import a folder of brat annotations", str(self._folder)
        )
        if name:
            self._folder = Path(name)
            self.import_file(Path(name))

    def _imported(self, report: AnnotationImportReport) -> None:
        self.progress.emit(0, 0)
        self.message.emit(import_headline(report))
        self._state.refresh()
        parent = self.parent()
        dialog = ImportReportDialog(report, parent if isinstance(parent, QWidget) else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _obj=None: self._forget_dialog(dialog))
        self.report_dialog = dialog
        dialog.show()
        self.imported.emit(report)

    def _forget_dialog(self, dialog: ImportReportDialog) -> None:
        if self.report_dialog is dialog:
            self.report_dialog = None

    def _failed(self, error: BaseException) -> None:
        self.progress.emit(0, 0)
        text = error_message(error)
        self.message.emit(text)
        self.failed.emit(text)
