"""Importing files and folders in the background, with progress, cancel and a summary.

The import runs on the database worker (``Library.import_files`` stores in batches, each
batch one transaction), so the window stays live; progress reaches the GUI thread as queued
signals. Cancelling stops before the next file: every batch stored so far stays, nothing is
half-written. The new articles go to the analysis process afterwards, as opened files do.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.types import ImportOutcome
from desktop.ui.analysis_worker import AnalysisWorker
from desktop.ui.database_worker import DatabaseWorker

if TYPE_CHECKING:
    from desktop.core import Library

#: Progress signals at most this often (seconds): a folder of small files imports fast.
PROGRESS_INTERVAL = 0.05


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """How an import went: the files found, what happened to each reached, and a cancel."""

    found: int
    outcomes: tuple[ImportOutcome, ...]
    cancelled: bool

    @property
    def imported(self) -> list[ImportOutcome]:
        """Files that became new articles."""
        return [o for o in self.outcomes if o.status == "imported"]

    @property
    def duplicates(self) -> list[ImportOutcome]:
        """Files whose text the library held already."""
        return [o for o in self.outcomes if o.status == "duplicate"]

    @property
    def refused(self) -> list[ImportOutcome]:
        """Files that could not be read, each with its reason."""
        return [o for o in self.outcomes if o.status == "refused"]

    def headline(self) -> str:
        """One line: imported, duplicates, refused (and where a cancel stopped)."""
        parts = [f"{len(self.imported):,} imported"]
        parts.append(f"{len(self.duplicates):,} already in the library")
        parts.append(f"{len(self.refused):,} refused")
        text = ", ".join(parts)
        if self.cancelled:
            text = f"Cancelled after {len(self.outcomes):,} of {self.found:,} files: {text}"
        return text

    def refused_lines(self) -> list[str]:
        """One line per refused file: its path and the reason."""
        return [f"{o.path}: {o.reason or 'refused'}" for o in self.refused]


class _Progress(QObject):
    """Carries progress from the database thread to the GUI thread (queued)."""

    moved = Signal(int, int)


class ImportRunner(QObject):
    """Imports files and folders on the database worker, one import at a time.

    Signals:
        started: An import began.
        progress: ``(done, total)`` files; ``total`` is 0 while folders are being searched.
        finished: The import ended (the :class:`ImportSummary`), cancelled or not.
        failed: The import could not run (a one-line reason).
    """

    started = Signal()
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self, database: DatabaseWorker, analysis: AnalysisWorker, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._analysis = analysis
        self._cancel = threading.Event()
        self._running = False
        self._relay = _Progress(self)
        self._relay.moved.connect(self.progress)

    @property
    def running(self) -> bool:
        """Whether an import is under way."""
        return self._running

    def start(self, paths: Sequence[Path]) -> bool:
        """Import ``paths`` (files, and folders searched recursively); False if one runs."""
        if self._running or not paths:
            return False
        self._running = True
        self._cancel = threading.Event()
        cancel = self._cancel
        relay = self._relay
        targets = [Path(p) for p in paths]

        def run(library: Library) -> ImportSummary:
            relay.moved.emit(0, 0)
            files = library.discover(targets)
            relay.moved.emit(0, len(files))
            last = [0.0]

            def moved(done: int, total: int, _path: Path) -> None:
                now = time.monotonic()
                if now - last[0] >= PROGRESS_INTERVAL or done == total:
                    last[0] = now
                    relay.moved.emit(done, total)

            outcomes = library.import_files(
                files, analyze=False, progress=moved, cancelled=cancel.is_set
            )
            return ImportSummary(len(files), tuple(outcomes), cancel.is_set())

        self.started.emit()
        self._database.submit(run, on_success=self._done, on_failure=self._failed)
        return True

    def cancel(self) -> None:
        """Stop after the file being read; what was stored stays."""
        self._cancel.set()

    def _done(self, summary: ImportSummary) -> None:
        self._running = False
        fresh = [o.article_id for o in summary.imported if o.article_id is not None]
        if fresh:
            self._analysis.enqueue(fresh)
        self.finished.emit(summary)

    def _failed(self, error: BaseException) -> None:
        from desktop.ui.database_worker import error_message

        self._running = False
        self.failed.emit(error_message(error))
