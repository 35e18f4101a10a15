"""The GUI's composition root: arguments -> paths -> database -> QApplication -> window.

Nothing else in the GUI reads the environment or creates folders. spaCy is never imported in
this process: the pipeline loads in the analysis process, after the window is on screen, and
the library (with its readers) is imported and opened on the database thread.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.paths import default_db_path, resources_dir
from desktop.ui.analysis_service import DEFAULT_PROVIDER
from desktop.ui.analysis_worker import AnalysisWorker
from desktop.ui.database_worker import DatabaseWorker, error_message
from desktop.ui.instance_guard import InstanceGuard
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import Preferences
from desktop.ui.themes import apply_theme

if TYPE_CHECKING:
    from desktop.core import Library

log = logging.getLogger(__name__)

APP_NAME = "Newsdesk"


def application() -> QApplication:
    """The QApplication, created once with Newsdesk's names."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("newsdesk")
    icon = resources_dir() / "icons" / "newsdesk.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_library(db_path: Path) -> Library:
    """Open the library (on the database thread: importing the core and readers is slow)."""
    from desktop.core import Library

    return Library.open(db_path)


def build_window(
    *,
    db_path: Path,
    model: str | None,
    preferences: Preferences,
    direct_only: bool | None = None,
    provider: str = DEFAULT_PROVIDER,
    in_process: bool = False,
) -> MainWindow:
    """Create the workers and the window over ``db_path`` (nothing runs until :func:`start`).

    Args:
        db_path: The library database.
        model: The pipeline asked for on the command line (None: the one in Settings).
        preferences: Settings and window state.
        direct_only: Only quotations in marks (None: as in Settings).
        provider: The module providing the analyzer (tests pass a fake one).
        in_process: Analyse in a thread of this process (fast tests with a fake analyzer).
    """
    app = application()
    apply_theme(app, preferences.theme)
    database = DatabaseWorker(lambda: open_library(db_path))
    database.start()
    analysis = AnalysisWorker(
        database,
        model=model or preferences.model,
        direct_only=preferences.direct_only if direct_only is None else direct_only,
        provider=provider,
        in_process=in_process,
    )
    return MainWindow(database, analysis, preferences)


def start(window: MainWindow, files: Sequence[Path], *, analyse: bool = True) -> None:
    """Show the window, then start the analysis and open the files (or the last article).

    Args:
        window: The window from :func:`build_window`.
        files: Files to open; without any, the last article read, or on a first start a
            sample article.
        analyse: Start the analysis process (the screenshot and some tests drive it later).
    """
    window.show()
    database = window.database

    def fatal(error: BaseException) -> None:
        QMessageBox.critical(window, "Newsdesk cannot open the library", error_message(error))
        window.close()

    database.submit(lambda library: library.path, on_failure=fatal)

    def after_show() -> None:
        if analyse:
            window.analysis.start()
        window.articles.reload()
        if files:
            window.open_files(list(files))
        else:
            window.importer.import_samples_if_empty(then_open=window.preferences.last_article)
        if analyse:
            database.submit(
                lambda library: library.pending_analysis(),
                on_success=window.analysis.enqueue,
            )
        window.startup_done = True

    # Once the event loop runs: the window paints first, then the work begins.
    QTimer.singleShot(0, after_show)


def run_gui(
    *,
    db_path: Path,
    model: str | None,
    files: Sequence[Path],
    direct_only: bool | None = None,
) -> int:
    """Start the desktop app over the library at ``db_path``; returns the exit code.

    Args:
        db_path: The library database (created if missing).
        model: The spaCy pipeline to analyse with (None: the one in Settings, else the default).
        files: Files to open and add to the library.
        direct_only: Only quotations in marks for this session (None: as in Settings).
    """
    files = [Path(f).expanduser().resolve() for f in files]
    db_path = Path(db_path).expanduser().resolve()
    app = application()
    guard = InstanceGuard(db_path)
    if not guard.acquire():
        if guard.forward(files):
            what = f"the {len(files)} file(s) were sent to it" if files else "it was brought up"
            print(f"newsdesk: already running with this library; {what}", file=sys.stderr)
            return 0
        pid = guard.owner_pid()
        owner = f" (process {pid})" if pid else ""
        print(
            f"newsdesk: another Newsdesk window{owner} has {db_path} open and does not answer",
            file=sys.stderr,
        )
        return 1
    preferences = Preferences(QSettings())
    window = build_window(
        db_path=db_path, model=model, preferences=preferences, direct_only=direct_only
    )
    guard.files_received.connect(lambda paths: _bring_up(window, paths))
    _close_on_signals(window)
    start(window, files)
    try:
        return app.exec()
    finally:
        window.shutdown()
        guard.release()


def _close_on_signals(window: MainWindow) -> None:
    """Ctrl+C and SIGTERM close the window as the user would: note saved, workers stopped."""
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda _number, _frame: window.close())
    # Python runs signal handlers only between its own bytecodes; a timer lets it in while
    # the Qt event loop waits.
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def _bring_up(window: MainWindow, paths: list[Path]) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()
    window.open_files(paths)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``newsdesk-gui`` entry point: ``newsdesk-gui [--db PATH] [--model NAME] [FILE...]``."""
    parser = argparse.ArgumentParser(prog="newsdesk-gui", description="The Newsdesk window.")
    parser.add_argument("--db", type=Path, default=None, help="library database file")
    parser.add_argument("--model", default=None, help="spaCy pipeline to analyse with")
    parser.add_argument("files", nargs="*", type=Path, help="articles to open")
    args = parser.parse_args(argv)
    env_db = os.environ.get("NEWSDESK_DB")
    db_path = args.db or (Path(env_db) if env_db else default_db_path())
    logging.basicConfig(level=logging.WARNING, format="newsdesk: %(message)s")
    return run_gui(db_path=db_path, model=args.model, files=args.files)


if __name__ == "__main__":
    sys.exit(main())
