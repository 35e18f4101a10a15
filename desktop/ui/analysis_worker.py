"""Analysis off the GUI thread: the spaCy pipeline lives in a spawned process.

With the model loading in a thread the worst GUI stall measured here was 129 ms (the GIL);
in a separate process it is the pickling of results only. Texts are read and results stored
through the :class:`DatabaseWorker`, so the library is still touched by one thread only.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import threading
from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal

from desktop.ui import analysis_service
from desktop.ui.database_worker import DatabaseWorker, error_message

if TYPE_CHECKING:
    from desktop.core import Library
    from desktop.types import Analysis

log = logging.getLogger(__name__)


class _Receiver(QThread):
    """Blocks on the pipe and relays each message to the GUI thread."""

    received = Signal(int, object)

    def __init__(self, conn: Any, generation: int) -> None:
        super().__init__()
        self.setObjectName("newsdesk-analysis-receiver")
        self._conn = conn
        self._generation = generation

    def run(self) -> None:
        while True:
            try:
                message = self._conn.recv()
            except (EOFError, OSError):
                self.received.emit(self._generation, ("closed",))
                return
            self.received.emit(self._generation, message)


class AnalysisWorker(QObject):
    """Loads the pipeline in another process and analyses library articles there, in turn.

    Args:
        database: The worker that owns the library (texts in, results out).
        model: The pipeline name; ``None`` for the default one.
        provider: The module that provides ``Analyzer`` (``desktop.nlp``; fakes in tests).
        in_process: Run the service in a thread of this process instead of spawning one
            (for fast tests with a fake analyzer only: a real model would stall the GUI).

    Signals:
        state_changed: ``(state, text)``; state is ``starting``, ``loading``, ``ready``,
            ``failed`` or ``stopped``; text is the one-line status for the status bar.
        progress: ``(done, total)`` for the articles queued since the queue was last empty.
        analysed: An article's analysis is stored.
        analysis_failed: ``(article_id, message)``.
        pipelines_changed: The installed pipeline names, as the service found them.
    """

    state_changed = Signal(str, str)
    progress = Signal(int, int)
    analysed = Signal(int)
    analysis_failed = Signal(int, str)
    pipelines_changed = Signal(list)

    def __init__(
        self,
        database: DatabaseWorker,
        *,
        model: str | None,
        direct_only: bool = False,
        provider: str = analysis_service.DEFAULT_PROVIDER,
        in_process: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._database = database
        self._model = model
        self._direct_only = direct_only
        self._provider = provider
        self._in_process = in_process
        self._state = "stopped"
        self._status = "Analysis not started"
        self._pipelines: list[str] = []
        self._loaded = ""  # "en_core_web_sm 3.8.0" once the service is ready
        self._degraded = False  # ready, but without a pipeline
        self._queue: deque[int] = deque()
        self._in_flight: dict[int, int] = {}  # job id -> article id
        self._job_ids = itertools.count(1)
        self._done = 0
        self._total = 0
        self._conn: Any = None
        self._process: Any = None
        self._thread: threading.Thread | None = None
        self._receiver: _Receiver | None = None
        self._generation = 0

    # --- state ---------------------------------------------------------------------------

    @property
    def state(self) -> str:
        """``starting``, ``loading``, ``ready``, ``failed`` or ``stopped``."""
        return self._state

    @property
    def status(self) -> str:
        """The one-line status shown in the status bar."""
        return self._status

    @property
    def model(self) -> str | None:
        """The pipeline asked for (``None``: the default one)."""
        return self._model

    @property
    def direct_only(self) -> bool:
        """Whether only quotations in quotation marks are found (no reported speech)."""
        return self._direct_only

    @property
    def pipelines(self) -> list[str]:
        """Installed pipelines, once the service has reported them."""
        return list(self._pipelines)

    @property
    def busy(self) -> bool:
        """Articles are waiting or being analysed."""
        return bool(self._queue or self._in_flight)

    # --- control -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the service; the pipeline begins loading at once."""
        if self._conn is not None:
            return
        parent_conn, child_conn = multiprocessing.Pipe()
        self._conn = parent_conn
        if self._in_process:
            self._thread = threading.Thread(
                target=analysis_service.serve,
                args=(child_conn, self._model, self._provider, self._direct_only),
                name="newsdesk-analysis",
                daemon=True,
            )
            self._thread.start()
        else:
            context = multiprocessing.get_context("spawn")
            self._process = context.Process(
                target=analysis_service.process_main,
                args=(child_conn, self._model, self._provider, self._direct_only),
                name="newsdesk-analysis",
                daemon=True,
            )
            self._process.start()
            # Only the child holds this end now, so its exit reaches the receiver as EOF.
            child_conn.close()
        # Messages of an earlier service may still be queued; the generation tells them apart.
        self._generation += 1
        self._receiver = _Receiver(parent_conn, self._generation)
        self._receiver.received.connect(self._on_message)
        self._receiver.start()
        self._set_state("starting", "Starting the analysis process…")
        # Articles queued while no service ran go now.
        for job_id in list(self._in_flight):
            self._queue.appendleft(self._in_flight.pop(job_id))
        self._pump()

    def stop(self, *, timeout_s: float = 3.0) -> None:
        """Stop the service and wait for it (and the receiver thread) to end."""
        if self._conn is None:
            return
        try:
            self._conn.send(("stop",))
        except OSError as error:
            log.info("analysis pipe already closed: %s", error)
        if self._process is not None:
            self._process.join(timeout_s)
            if self._process.is_alive():
                # A long analysis does not listen; the window is closing, so end it.
                self._process.terminate()
                self._process.join(timeout_s)
            self._process.close()
            self._process = None
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None
        if self._receiver is not None:
            self._receiver.received.disconnect(self._on_message)
            self._receiver.wait()
            self._receiver = None
        self._conn.close()
        self._conn = None
        self._set_state("stopped", "Analysis stopped")

    def restart(self, model: str | None, *, direct_only: bool | None = None) -> None:
        """Load another pipeline: stop the service and start it again with ``model``.

        ``direct_only`` changes which quotes are found, when given.
        """
        self.stop()
        self._model = model
        if direct_only is not None:
            self._direct_only = direct_only
        self.start()

    def enqueue(self, article_ids: Iterable[int]) -> None:
        """Analyse these articles (again, if they were); each is done once if queued twice."""
        queued = set(self._queue) | set(self._in_flight.values())
        fresh = [article_id for article_id in article_ids if article_id not in queued]
        if not fresh:
            return
        if not self.busy:
            self._done = 0
            self._total = 0
        self._queue.extend(fresh)
        self._total += len(fresh)
        self._emit_progress()
        self._pump()

    # --- the pipeline of one article: read text -> analyse -> store ------------------------

    def _pump(self) -> None:
        if self._in_flight or not self._queue or self._conn is None:
            return
        if self._state in ("failed", "stopped"):
            return
        article_id = self._queue.popleft()
        job_id = next(self._job_ids)
        self._in_flight[job_id] = article_id
        if self._state == "ready":
            self._set_state("ready", self._ready_text())

        def read(library: Library) -> str:
            return library.get_article(article_id).text

        self._database.submit(
            read,
            on_success=lambda text: self._send(job_id, text),
            on_failure=lambda error: self._finish(job_id, error_message(error)),
        )

    def _send(self, job_id: int, text: str) -> None:
        if self._conn is None or job_id not in self._in_flight:
            return
        try:
            self._conn.send(("analyze", job_id, text))
        except OSError as error:
            self._finish(job_id, f"the analysis process is gone ({error})")

    def _store(self, job_id: int, analysis: Analysis) -> None:
        article_id = self._in_flight.get(job_id)
        if article_id is None:
            return

        def store(library: Library) -> None:
            library.store_analysis(article_id, analysis)

        self._database.submit(
            store,
            on_success=lambda _: self._finish(job_id, None),
            on_failure=lambda error: self._finish(job_id, error_message(error)),
        )

    def _finish(self, job_id: int, failure: str | None) -> None:
        article_id = self._in_flight.pop(job_id, None)
        if article_id is None:
            return
        self._done += 1
        if failure is None:
            self.analysed.emit(article_id)
        else:
            log.warning("analysis of article %d failed: %s", article_id, failure)
            self.analysis_failed.emit(article_id, failure)
        self._emit_progress()
        if self._state == "ready":
            self._set_state("ready", self._ready_text())
        self._pump()

    # --- messages from the service -------------------------------------------------------

    def _on_message(self, generation: int, message: tuple[Any, ...]) -> None:
        if generation != self._generation or self._conn is None:
            return
        kind = message[0]
        if kind == "pipelines":
            self._pipelines = list(message[1])
            self.pipelines_changed.emit(self.pipelines)
        elif kind == "status":
            state, detail = message[1], message[2]
            if state == "loading":
                self._set_state("loading", f"Loading {detail or 'the language model'}…")
            elif state in ("ready", "degraded"):
                # Degraded still analyses (quotation marks only); the detail says why.
                self._loaded = detail
                self._degraded = state == "degraded"
                self._set_state("ready", self._ready_text())
                self._pump()
            else:
                self._set_state("failed", f"Analysis off: {detail}")
                self._fail_all(detail)
        elif kind == "result":
            self._store(message[1], message[2])
        elif kind == "error":
            self._finish(message[1], message[2])
        elif kind == "closed" and self._state not in ("stopped", "failed"):
            self._set_state("failed", "Analysis off: the analysis process ended unexpectedly")
            self._fail_all("the analysis process ended")

    def _fail_all(self, reason: str) -> None:
        for job_id in list(self._in_flight):
            self._finish(job_id, reason)
        while self._queue:
            article_id = self._queue.popleft()
            self._done += 1
            self.analysis_failed.emit(article_id, reason)
        self._emit_progress()

    def _ready_text(self) -> str:
        loaded = self._loaded or "language model"
        if self.busy:
            return f"{loaded} · analysing {self._done + 1} of {self._total}…"
        return loaded if self._degraded else f"{loaded} ready"

    def _emit_progress(self) -> None:
        self.progress.emit(self._done, self._total)

    def _set_state(self, state: str, text: str) -> None:
        self._state = state
        self._status = text
        self.state_changed.emit(state, text)
