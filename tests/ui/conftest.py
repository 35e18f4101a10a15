"""Fixtures for GUI tests: offscreen Qt, isolated settings, a temporary library per test.

``QT_QPA_PLATFORM`` is set before anything imports Qt; a CI environment may set it already.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, QThread
from PySide6.QtWidgets import QApplication

from desktop.app import build_window, start
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import Preferences

HERE = Path(__file__).resolve().parent

# The offscreen platform plugin warns on every top-level window whose size hints change
# ("This plugin does not support propagateSizeHints()"); it says nothing about our code.
OFFSCREEN_SIZE_HINTS = r"This plugin does not support propagateSizeHints\(\)"

FAKE_PROVIDER = "tests.ui.fake_nlp"
SETTLE_MS = 15_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_SIZE_HINTS))


@pytest.fixture(autouse=True)
def _no_dangling_threads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a QThread or one of our Python threads running."""
    started: list[QThread] = []
    original = QThread.start

    def recording_start(self: QThread, *args: object) -> None:
        started.append(self)
        original(self, *args)

    monkeypatch.setattr(QThread, "start", recording_start)
    yield
    running = [t.objectName() or repr(t) for t in started if t.isRunning()]
    ours = [t.name for t in threading.enumerate() if t.name.startswith("newsdesk")]
    assert not running, f"QThreads still running after the test: {running}"
    assert not ours, f"threads still running after the test: {ours}"


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    """Settings in a temporary INI file, never the user's own."""
    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A library database that does not exist yet."""
    return tmp_path / "library" / "library.sqlite3"


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot, db_path: Path, preferences: Preferences) -> Iterator[WindowFactory]:
    """Build and start windows; each is closed (and its workers stopped) after the test.

    Keyword arguments: ``files``, ``provider`` (default the fake analyzer), ``in_process``,
    ``analyse``, ``db`` and ``prefs`` (another database or settings).
    """
    windows: list[MainWindow] = []

    def make(
        *,
        files: Sequence[Path] = (),
        provider: str = FAKE_PROVIDER,
        in_process: bool = True,
        analyse: bool = True,
        db: Path | None = None,
        prefs: Preferences | None = None,
        settle: bool = True,
    ) -> MainWindow:
        window = build_window(
            db_path=db or db_path,
            model=None,
            preferences=prefs or preferences,
            provider=provider,
            in_process=in_process,
        )
        windows.append(window)
        start(window, files, analyse=analyse)
        qtbot.waitExposed(window)
        if settle:
            wait_settled(qtbot, window)
        return window

    yield make
    for window in windows:
        window.close()
        # Delete it too: every window left alive is re-polished by the next window's
        # application style sheet, and the suite slows down test by test.
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def wait_settled(qtbot, window: MainWindow, *, timeout: int = SETTLE_MS) -> None:
    """Wait until the database queue is empty and no article awaits analysis."""

    def settled() -> bool:
        return (
            window.startup_done
            and window.database.pending == 0
            and (
                window.analysis.state in ("stopped", "failed")
                or (window.analysis.state == "ready" and not window.analysis.busy)
            )
        )

    qtbot.waitUntil(settled, timeout=timeout)


def write(path: Path, text: str) -> Path:
    """Write an article file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


ARTICLE = """Council approves new library for the river district

The council voted on Monday to build a new library. "We owe the children of this district a place to read," Maria Lopez said. Her deputy, Daniel Weber, agreed.

"It will open in two years," Daniel Weber said. Maria Lopez thanked the volunteers.
"""
