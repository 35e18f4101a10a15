"""Opening articles: first start, files, duplicates, drag and drop, recent files, hostile input."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextDocument

from desktop.paths import samples_dir
from desktop.ui.instance_guard import InstanceGuard
from tests.ui.conftest import ARTICLE, wait_settled, write

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]


def test_first_start_shows_a_sample_article(make_window) -> None:
    window = make_window()
    samples = list(samples_dir().iterdir())
    assert window.articles.rowCount() == len(samples)
    article = window.state.article
    assert article is not None
    assert window.view.text == article.text
    assert article.title.split()[0] in window.view.toPlainText()
    assert article.title in window.windowTitle()


def test_open_file_shows_it_and_never_duplicates(make_window, qtbot, tmp_path: Path) -> None:
    path = write(tmp_path / "library-vote.txt", ARTICLE)
    window = make_window(files=[path])
    first = window.state.article
    assert first is not None and first.text == ARTICLE
    count = window.articles.rowCount()
    window.open_files([path])
    wait_settled(qtbot, window)
    assert window.articles.rowCount() == count
    assert window.state.article is not None and window.state.article.id == first.id
    assert window.preferences.recent_files[0] == path


def test_drop_files_imports_them(make_window, qtbot, tmp_path: Path) -> None:
    window = make_window(files=[])
    path = write(tmp_path / "dropped.md", "# Dropped article\n\nA dropped article body.\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(
        lambda: window.state.article is not None and window.state.article.title == "Dropped article"
    )
    assert "A dropped article body." in window.view.toPlainText()


def test_recent_file_reopens_the_article(make_window, qtbot, tmp_path: Path) -> None:
    path = write(tmp_path / "recent.txt", ARTICLE)
    other = write(tmp_path / "other.txt", "Another article\n\nWith another body.\n")
    window = make_window(files=[path])
    article_id = window.state.article_id
    window.open_files([other])
    qtbot.waitUntil(lambda: window.state.article_id not in (None, article_id))
    window._fill_recent()
    action = next(a for a in window.recent_menu.actions() if a.text() == str(path))
    action.trigger()
    qtbot.waitUntil(lambda: window.state.article_id == article_id)


def test_refused_file_is_reported_not_imported(make_window, qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02 not text \x00")
    window = make_window()
    before = window.articles.rowCount()
    with qtbot.waitSignal(window.importer.refused) as blocker:
        window.open_files([bad])
    assert "binary.txt" in blocker.args[0][0]
    wait_settled(qtbot, window)
    assert window.articles.rowCount() == before


HOSTILE = """<!DOCTYPE html>
<html><head><title>Hostile page</title>
<link rel="stylesheet" href="file:///dev/zero">
<script>document.write('<img src="file:///dev/zero">')</script></head>
<body><article>
<h1>Hostile page</h1>
<p>The harbour authority said on Friday that the ferry would keep running through the winter,
despite the storms that closed the port twice last month.</p>
<img src="file:///dev/zero" alt="zero"><img src="file:///dev/urandom">
<iframe src="file:///etc/passwd"></iframe>
<p>Engineers will inspect the pier again in the spring, the authority said in a statement
published on its website and read out to reporters at the quay.</p>
</article></body></html>
"""


def test_hostile_html_shows_text_and_loads_nothing(make_window, tmp_path: Path) -> None:
    path = write(tmp_path / "hostile.html", HOSTILE)
    window = make_window(files=[path])
    shown = window.view.toPlainText()
    assert "ferry would keep running" in shown
    for raw in ("<img", "<script", "dev/zero", "<iframe", "document.write"):
        assert raw not in shown
    # The note preview renders Markdown naming the same resources (a plain QTextBrowser
    # reads /dev/zero until the process is killed), and loads none; raw HTML stays text.
    preview = window.notes_panel.preview
    preview.show_markdown(
        '![zero](file:///dev/zero) <img src="file:///dev/zero"> [link](file:///etc/passwd)'
    )
    preview.grab()
    assert '<img src="file:///dev/zero">' in preview.toPlainText()
    image = preview.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl("file:///dev/zero")
    )
    assert image is None or image.isNull()


def test_huge_unbroken_line_does_not_freeze_the_view(make_window, qtbot, tmp_path: Path) -> None:
    path = write(tmp_path / "huge.txt", "Huge line\n\n" + "x" * 1_000_000 + "\n")
    window = make_window(files=[path], analyse=False)
    assert window.view.wraps_anywhere
    assert len(window.view.toPlainText()) > 1_000_000
    # Painting lays the line out; with word-boundary wrapping this took minutes.
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())
    window.view.viewport().grab()


def test_second_start_hands_its_files_to_the_first(qtbot, tmp_path: Path) -> None:
    db = tmp_path / "lib.sqlite3"
    first = InstanceGuard(db)
    second = InstanceGuard(db)
    try:
        assert first.acquire()
        assert not second.acquire()
        article = write(tmp_path / "a.txt", ARTICLE)
        with qtbot.waitSignal(first.files_received) as blocker:
            assert second.forward([article])
        assert blocker.args[0] == [article.resolve()]
    finally:
        second.release()
        first.release()
    third = InstanceGuard(db)
    assert third.acquire(), "a released library must be free for the next window"
    third.release()


def test_window_shows_before_spacy_is_imported(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from PySide6.QtCore import QSettings, QTimer
        from desktop.app import application, build_window, start
        from desktop.ui.preferences import Preferences

        if __name__ == "__main__":
            app = application()
            prefs = Preferences(QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat))
            window = build_window(db_path=Path({str(tmp_path / "db.sqlite3")!r}), model=None,
                                  preferences=prefs)
            start(window, [], analyse=False)
            def check():
                print("visible", window.isVisible())
                print("spacy", "spacy" in sys.modules)
                print("nlp", "desktop.nlp" in sys.modules)
                window.close()
                app.quit()
            QTimer.singleShot(0, check)
            app.exec()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert "visible True" in lines
    assert "spacy False" in lines
    assert "nlp False" in lines


def test_a_library_filled_elsewhere_opens_on_its_newest_article(make_window, db_path) -> None:
    from desktop.core import Library
    from desktop.types import Document

    with Library.open(db_path) as library:
        library.import_document(Document(text="Older text.", title="Older", format="txt"))
        newest = library.import_document(Document(text="Newer text.", title="Newer", format="txt"))
    window = make_window()
    assert window.articles.rowCount() == 2  # no samples: the library was not empty
    assert window.state.article_id == newest.article_id
