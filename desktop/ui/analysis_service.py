"""The analysis loop that runs in its own process: load a pipeline, then analyse texts.

Nothing here imports Qt, so the spawned process pays only for spaCy. The GUI talks to it over
a ``multiprocessing`` pipe with plain tuples:

parent -> child: ``("analyze", job_id, text)``, ``("stop",)``
child -> parent: ``("pipelines", [names])``, ``("status", state, detail)`` where state is
``"loading"``, ``"ready"``, ``"degraded"`` (no pipeline: quotation marks only) or
``"failed"``; ``("result", job_id, Analysis)``, ``("error", job_id, message)``.
"""

from __future__ import annotations

import importlib
import logging
import os
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_PROVIDER = "desktop.nlp"


def serve(
    conn: Any, model: str | None, provider: str = DEFAULT_PROVIDER, direct_only: bool = False
) -> None:
    """Answer analysis requests on ``conn`` until told to stop or the other end goes away.

    Args:
        conn: One end of a ``multiprocessing.Pipe``.
        model: The pipeline to load; ``None`` for the provider's default.
        provider: A module with ``Analyzer(model)`` and ``installed_pipelines()``, as
            ``desktop.nlp`` has; tests pass a fake one.
        direct_only: Only quotations in quotation marks (no reported speech).
    """
    try:
        _serve(conn, model, provider, direct_only)
    except (EOFError, BrokenPipeError, ConnectionResetError):
        log.info("the window closed the analysis pipe; stopping")
    finally:
        conn.close()


def lower_priority() -> None:
    """Let the window's thread win the CPU when both want it (a no-op where unsupported)."""
    if hasattr(os, "nice"):
        try:
            os.nice(5)
        except OSError as error:
            log.info("could not lower the analysis priority: %s", error)


def _serve(conn: Any, model: str | None, provider_name: str, direct_only: bool) -> None:
    provider = importlib.import_module(provider_name)
    try:
        conn.send(("pipelines", list(provider.installed_pipelines())))
    except Exception as error:  # a broken install must not stop the loop; it says so instead
        log.warning("could not list pipelines: %s", error)
        conn.send(("pipelines", []))
    analyzer = provider.Analyzer(model, reported_speech=not direct_only)
    conn.send(("status", "loading", model or ""))
    ready = False
    try:
        analyzer.load()
        ready = True
        if analyzer.model_name:
            detail = f"{analyzer.model_name} {analyzer.model_version}".strip()
            conn.send(("status", "ready", detail))
        else:
            # No pipeline: quotation marks are still found; the status says what is missing.
            conn.send(("status", "degraded", _one_line_text(analyzer.status)))
    except Exception as error:  # the reason goes to the status bar, one line
        conn.send(("status", "failed", _one_line(error)))
    while True:
        message = conn.recv()
        if message[0] == "stop":
            return
        _, job_id, text = message
        if not ready:
            conn.send(("error", job_id, "no spaCy pipeline is loaded"))
            continue
        try:
            conn.send(("result", job_id, analyzer.analyze(text)))
        except Exception as error:  # one bad text must not end the service
            conn.send(("error", job_id, _one_line(error)))


def process_main(
    conn: Any, model: str | None, provider: str = DEFAULT_PROVIDER, direct_only: bool = False
) -> None:
    """Entry point of the spawned process."""
    lower_priority()
    serve(conn, model, provider, direct_only)


def _one_line(error: BaseException) -> str:
    return _one_line_text(str(error)) or type(error).__name__


def _one_line_text(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""
