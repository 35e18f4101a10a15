"""The one serial thread that owns the library database.

Every database call of the GUI goes through here, in order: an operation is a function of the
:class:`~desktop.core.Library`; it runs on the worker thread, and its success or failure
callback runs on the GUI thread. SQLite connections belong to one thread, so the Library is
opened on the worker and never touched anywhere else (Anki's ``taskman`` does the same).
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QThread, Signal

if TYPE_CHECKING:
    from desktop.core import Library

log = logging.getLogger(__name__)

T = TypeVar("T")
Operation = Callable[["Library"], Any]
Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


@dataclass(slots=True)
class _Job:
    operation: Operation
    on_success: Success | None
    on_failure: Failure | None
    ok: bool = False
    value: Any = None
    error: BaseException | None = None


_STOP = object()


class _Relay(QObject):
    """Lives on the GUI thread: a signal emitted from the worker is queued to it."""

    done = Signal(object)


class _DatabaseThread(QThread):
    def __init__(self, opener: Callable[[], Library], jobs: queue.Queue[Any], relay: _Relay):
        super().__init__()
        self.setObjectName("newsdesk-database")
        self._opener = opener
        self._jobs = jobs
        self._relay = relay

    def run(self) -> None:
        library: Library | None = None
        open_error: BaseException | None = None
        try:
            library = self._opener()
        except Exception as error:  # reported to every job, and through the first one
            open_error = error
        try:
            while True:
                job = self._jobs.get()
                if job is _STOP:
                    break
                if library is None:
                    job.error = open_error
                else:
                    try:
                        job.value = job.operation(library)
                        job.ok = True
                    except Exception as error:  # delivered to the failure callback
                        job.error = error
                self._relay.done.emit(job)
        finally:
            if library is not None:
                library.close()


class DatabaseWorker(QObject):
    """Runs library operations one at a time on a dedicated thread.

    Args:
        opener: Opens the Library; called on the worker thread before the first operation.
        parent: Qt parent.

    Signals:
        failed: A failure that had no failure callback: the one-line message and the error.
        settled: The queue ran empty after the last callback.
    """

    failed = Signal(str, object)
    settled = Signal()

    def __init__(self, opener: Callable[[], Library], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: queue.Queue[Any] = queue.Queue()
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)
        self._thread = _DatabaseThread(opener, self._jobs, self._relay)
        self._pending = 0
        self._stopped = False

    @property
    def pending(self) -> int:
        """Operations submitted whose callbacks have not run yet."""
        return self._pending

    def start(self) -> None:
        """Start the thread; the library opens on it."""
        self._thread.start()

    def submit(
        self,
        operation: Operation,
        *,
        on_success: Success | None = None,
        on_failure: Failure | None = None,
    ) -> None:
        """Queue ``operation(library)``; its callback runs on the GUI thread when it is done."""
        if self._stopped:
            log.warning("database operation submitted after shutdown was dropped")
            return
        self._pending += 1
        self._jobs.put(_Job(operation, on_success, on_failure))

    def stop(self, *, timeout_ms: int = 30_000) -> None:
        """Finish the queued operations, close the library and end the thread.

        Callbacks of operations still queued do not run: the window they would update is
        going away.
        """
        if self._stopped:
            return
        self._stopped = True
        self._jobs.put(_STOP)
        if self._thread.isRunning() and not self._thread.wait(timeout_ms):
            log.error("database worker did not stop within %d ms", timeout_ms)

    def report(self, error: BaseException) -> None:
        """Announce a failure through :attr:`failed`, as an operation without a callback does."""
        if not _is_user_error(error):
            log.error("database operation failed", exc_info=error)
        self.failed.emit(error_message(error), error)

    def _deliver(self, job: _Job) -> None:
        if self._stopped:
            return
        try:
            if job.ok:
                if job.on_success is not None:
                    job.on_success(job.value)
            else:
                assert job.error is not None
                if job.on_failure is not None:
                    job.on_failure(job.error)
                else:
                    self.report(job.error)
        finally:
            self._pending -= 1
            if self._pending == 0:
                self.settled.emit()


def _is_user_error(error: BaseException) -> bool:
    from desktop.errors import NewsdeskError

    return isinstance(error, NewsdeskError | OSError)


def error_message(error: BaseException) -> str:
    """A one-line message for a person; programming errors say so rather than hide."""
    if isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror}"
    if _is_user_error(error):
        return str(error)
    return f"Internal error ({type(error).__name__}): {error}"
