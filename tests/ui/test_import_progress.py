"""File > Import folder: progress, a summary of what happened, and a cancel that keeps things whole."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.ui import import_progress
from tests.ui.conftest import ARTICLE, wait_settled, write

pytestmark = pytest.mark.gui

FILES = 30


def folder_of_articles(root: Path) -> Path:
    """``FILES`` distinct articles in nested folders, a copy of one, and an unreadable file."""
    for n in range(FILES):
        sub = root / f"part{n % 3}"
        write(sub / f"story-{n:02d}.txt", f"Story number {n}\n\nThe river rose {n} cm on Monday.\n")
    write(root / "part0" / "zz-copy.txt", "Story number 0\n\nThe river rose 0 cm on Monday.\n")
    (root / "part1" / "broken.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    return root


def summary_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "importSummary" and w.isVisible()
    ]


def test_import_folder_shows_progress_then_a_summary(
    make_window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    folder = folder_of_articles(tmp_path / "news")
    window = make_window(files=[write(tmp_path / "first.txt", ARTICLE)])
    before = window.articles.rowCount()
    monkeypatch.setattr(import_progress, "ask_folder", lambda _parent: [folder])
    steps: list[tuple[int, int]] = []
    window.import_runner.progress.connect(lambda done, total: steps.append((done, total)))
    with qtbot.waitSignal(window.import_runner.finished, timeout=20_000) as finished:
        window.ask_folder()  # File > Import folder…
        assert window.import_progress.isVisible()
    summary = finished.args[0]
    assert steps[-1] == (FILES + 2, FILES + 2)
    assert len(summary.imported) == FILES
    assert [o.path.name for o in summary.duplicates] == ["zz-copy.txt"]
    assert [o.path.name for o in summary.refused] == ["broken.txt"]
    assert summary.refused[0].reason
    assert not summary.cancelled
    box = summary_boxes()[-1]
    assert f"{FILES} imported" in box.text() and "1 refused" in box.text()
    assert "broken.txt" in box.detailedText()
    assert not window.import_progress.isVisible()
    qtbot.waitUntil(lambda: window.articles.rowCount() == before + FILES)
    wait_settled(qtbot, window)  # the new articles were analysed in the analysis worker
    tab = window.library_tab
    window.main_tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.loaded and tab.model.rowCount() == before + FILES)
    box.close()


def test_cancel_keeps_what_was_imported_and_says_so(
    make_window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    folder = folder_of_articles(tmp_path / "news")
    window = make_window(files=[write(tmp_path / "first.txt", ARTICLE)])
    before = window.articles.rowCount()
    runner = window.import_runner
    monkeypatch.setattr(import_progress, "ask_folder", lambda _parent: [folder])
    monkeypatch.setattr("desktop.ui.import_runner.PROGRESS_INTERVAL", 0.0)

    # The import waits after its fifth file until the user has pressed Cancel on the GUI
    # thread, so the test does not race the import.
    pressed = threading.Event()

    def hold(done: int, _total: int) -> None:  # on the database thread
        if done == 5:
            pressed.wait(10)

    def press_cancel(done: int, _total: int) -> None:  # on the GUI thread
        if done == 5:
            qtbot.mouseClick(window.import_progress.cancel_button, Qt.MouseButton.LeftButton)
            pressed.set()

    runner._relay.moved.connect(hold, Qt.ConnectionType.DirectConnection)
    runner.progress.connect(press_cancel)
    with qtbot.waitSignal(runner.finished, timeout=20_000) as finished:
        window.ask_folder()
    summary = finished.args[0]
    assert summary.cancelled
    assert len(summary.outcomes) == 5
    assert summary.headline().startswith(f"Cancelled after 5 of {FILES + 2} files")
    assert "Cancelled" in summary_boxes()[-1].text()
    qtbot.waitUntil(lambda: window.articles.rowCount() == before + len(summary.imported))
    wait_settled(qtbot, window)

    # The library is whole: importing again adds exactly the files the cancel skipped.
    runner._relay.moved.disconnect(hold)
    runner.progress.disconnect(press_cancel)
    with qtbot.waitSignal(runner.finished, timeout=20_000) as again:
        window.ask_folder()
    rest = again.args[0]
    assert not rest.cancelled
    assert len(rest.duplicates) == len(summary.imported) + 1  # the earlier five and the copy
    assert len(summary.imported) + len(rest.imported) == FILES
    qtbot.waitUntil(lambda: window.articles.rowCount() == before + FILES)
    for box in summary_boxes():
        box.close()


def test_a_second_import_waits_for_the_first(make_window, qtbot, tmp_path, monkeypatch) -> None:
    window = make_window()
    folder = folder_of_articles(tmp_path / "news")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(import_progress, "ask_folder", lambda _parent: [folder])
    with qtbot.waitSignal(window.import_runner.finished, timeout=20_000):
        assert window.import_progress.ask_folder()
        assert not window.import_progress.ask_folder()
    assert "running" in told[0]
    for box in summary_boxes():
        box.close()
