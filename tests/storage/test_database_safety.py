"""The database file is never damaged: refused files stay untouched, commits survive crashes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.core import Library
from desktop.errors import DatabaseCorruptError, DatabaseTooNewError
from desktop.storage.database import database, execute
from desktop.storage.migrations import SCHEMA_VERSION
from desktop.types import Document

REPO = Path(__file__).resolve().parents[2]


def test_new_library_has_pragmas_and_version(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "deep" / "folder" / "lib.sqlite3")
    try:
        assert library.count_articles() == 0  # binds this thread to the library
        pragma = {
            name: execute(database, f"PRAGMA {name}").fetchone()[0]
            for name in ("journal_mode", "foreign_keys", "busy_timeout", "user_version")
        }
        assert pragma == {
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": 5000,
            "user_version": SCHEMA_VERSION,
        }
    finally:
        library.close()


def test_newer_database_is_refused_untouched(filled: Path) -> None:
    connection = sqlite3.connect(filled)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before = filled.read_bytes()
    with pytest.raises(DatabaseTooNewError, match="newer Newsdesk"):
        Library.open(filled)
    assert filled.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"just some text, not a database\n", b"SQLite format 3\x00" + b"\xff" * 4000, b"\x00" * 100],
    ids=["text", "garbage-after-header", "zeros"],
)
def test_non_sqlite_or_damaged_file_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "lib.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseCorruptError) as caught:
        Library.open(path)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == content


def test_other_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseCorruptError, match="another program"):
        Library.open(path)
    assert path.read_bytes() == before


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code)]


def test_committed_edit_survives_kill_9(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    code = f"""
        import sys, time
        from pathlib import Path
        from desktop.core import Library
        from desktop.types import Document
        library = Library.open(Path({str(path)!r}))
        outcome = library.import_document(
            Document(text="Ferry timetable changes.", title="Ferry", format="txt"),
            analyze=False)
        library.save_note(outcome.article_id, "ask the port authority")
        tag = library.create_tag("ferries")
        library.tag_article(outcome.article_id, tag.id)
        print("committed", flush=True)
        time.sleep(60)
    """
    child = subprocess.Popen(_python(code), cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "committed"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    library = Library.open(path)
    try:
        [summary] = library.list_articles()
        assert summary.tags == ("ferries",)
        note = library.get_note(summary.id)
        assert note is not None and note.body == "ask the port authority"
        assert [h.article_id for h in library.search("port authority")] == [summary.id]
        assert library.check().ok
    finally:
        library.close()


def test_two_processes_read_then_write_without_failures(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    library = Library.open(path)
    outcome = library.import_document(
        Document(text="Counter article.", title="Counter", format="txt"), analyze=False
    )
    other = library.import_document(
        Document(text="Scratch article.", title="Scratch", format="txt"), analyze=False
    )
    library.close()
    rounds = 150
    code = f"""
        from pathlib import Path
        from desktop.core import Library
        from desktop.storage.database import database, execute, write_transaction
        library = Library.open(Path({str(path)!r}))
        library.count_articles()
        failures = 0
        for i in range({rounds}):
            try:
                # Read, then write what was read: the pattern that fails with deferred
                # transactions when the other process writes in between.
                with write_transaction(database.obj):
                    note = execute(database, "SELECT body FROM note").fetchone()
                    value = int(note[0]) if note else 0
                    if note:
                        execute(database, "UPDATE note SET body = ?", [str(value + 1)])
                    else:
                        execute(database, "INSERT INTO note (article_id, body, updated) "
                                "VALUES ({outcome.article_id}, '1', '')")
                # The library's own read-then-write (save_note) on another article.
                library.save_note({other.article_id}, f"round {{i}}")
            except Exception as error:
                failures += 1
                print("failure:", error, flush=True)
        library.close()
        print("failures", failures, flush=True)
    """
    children = [
        subprocess.Popen(_python(code), cwd=REPO, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=300)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    assert all(out.strip().endswith("failures 0") for out in outputs), outputs
    library = Library.open(path)
    try:
        note = library.get_note(outcome.article_id)
        assert note is not None and note.body == str(2 * rounds)
    finally:
        library.close()
