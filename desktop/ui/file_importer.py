"""Opening files: each goes into the library (once), then gets analysed and shown.

File > Open, recent files, drag and drop, ``newsdesk open FILE...`` and files forwarded by a
second start all come here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.paths import samples_dir
from desktop.types import ImportOutcome
from desktop.ui.analysis_worker import AnalysisWorker
from desktop.ui.database_worker import DatabaseWorker

if TYPE_CHECKING:
    from desktop.core import Library


class FileImporter(QObject):
    """Imports files through the database worker and queues the new articles for analysis.

    Signals:
        opened: The article to show after an import (the first file that gave one).
        imported: ``(outcomes)`` of an import, after the library took them.
        message: A one-line summary for the status bar.
        refused: ``(lines)``: one line per refused file, with the reason.
    """

    opened = Signal(int)
    imported = Signal(list)
    message = Signal(str)
    refused = Signal(list)

    def __init__(
        self, database: DatabaseWorker, analysis: AnalysisWorker, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._analysis = analysis

    def open_files(self, paths: Sequence[Path]) -> None:
        """Import ``paths`` (files or folders) and show the first article they hold."""
        paths = [Path(p) for p in paths]
        if not paths:
            return
        self.message.emit(f"Opening {_count(len(paths), 'file')}…")

        def run(library: Library) -> list[ImportOutcome]:
            return library.import_files(library.discover(paths), analyze=False)

        self._database.submit(run, on_success=self._done)

    def import_samples_if_empty(self, *, then_open: int | None = None) -> None:
        """On a first start (empty library) import the sample articles and show one.

        Args:
            then_open: The article to show when the library is not empty (the last one read);
                when it is gone, or None, the newest article is shown.
        """

        def run(library: Library) -> tuple[int | None, list[ImportOutcome]]:
            if library.count_articles():
                # The last article read if it is still there, else the newest one.
                ids = library.article_ids(order="imported", descending=True)
                return (then_open if then_open in ids else ids[0]), []
            folder = samples_dir()
            return None, library.import_files(library.discover([folder]), analyze=False)

        def done(result: tuple[int | None, list[ImportOutcome]]) -> None:
            shown, outcomes = result
            if outcomes:
                self._done(outcomes, prefer=_first_sample(outcomes))
            elif shown is not None:
                self.opened.emit(shown)

        self._database.submit(run, on_success=done)

    def _done(self, outcomes: list[ImportOutcome], *, prefer: int | None = None) -> None:
        fresh = [o.article_id for o in outcomes if o.status == "imported" and o.article_id]
        if fresh:
            self._analysis.enqueue(fresh)
        self.imported.emit(outcomes)
        refused = [o for o in outcomes if o.status == "refused"]
        if refused:
            self.refused.emit([f"{o.path.name}: {o.reason}" for o in refused])
        duplicates = sum(1 for o in outcomes if o.status == "duplicate")
        parts = [_count(len(fresh), "new article")]
        if duplicates:
            parts.append(f"{duplicates} already in the library")
        if refused:
            parts.append(f"{len(refused)} refused")
        self.message.emit(", ".join(parts))
        shown = prefer or next((o.article_id for o in outcomes if o.article_id), None)
        if shown is not None:
            self.opened.emit(shown)


def _first_sample(outcomes: list[ImportOutcome]) -> int | None:
    # The plain-text sample reads best as a first impression; any sample will do otherwise.
    ranked = sorted(
        (o for o in outcomes if o.article_id),
        key=lambda o: (o.path.suffix != ".txt", o.path.name),
    )
    return ranked[0].article_id if ranked else None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
