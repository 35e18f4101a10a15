"""Rotating backups with SQLite's backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core import Library
from desktop.storage.backups import backups_dir, list_backups, make_backup


def test_backups_rotate_and_hold_the_data(filled: Path) -> None:
    source = sqlite3.connect(filled)
    try:
        made = [make_backup(source, filled, keep=5) for _ in range(7)]
    finally:
        source.close()
    kept = list_backups(filled)
    assert kept == made[-5:]
    assert all(p.parent == backups_dir(filled) for p in kept)
    copy = sqlite3.connect(kept[-1])
    try:
        assert copy.execute("SELECT count(*) FROM article").fetchone()[0] == 2
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        copy.close()
    assert not list(backups_dir(filled).glob("*.part"))


def test_open_makes_a_daily_backup(filled: Path) -> None:
    before = len(list_backups(filled))
    Library.open(filled).close()
    assert len(list_backups(filled)) == before + 1
    Library.open(filled).close()  # the same day: no second one
    assert len(list_backups(filled)) == before + 1


def test_check_reports_ok_and_backs_up(filled: Path) -> None:
    library = Library.open(filled)
    try:
        report = library.check()
        assert report.ok
        assert report.problems == ()
        assert report.backup.exists()
        library.backup()
        assert len(list_backups(filled)) >= 2
    finally:
        library.close()


def test_check_finds_broken_links_and_a_stale_index(filled: Path) -> None:
    connection = sqlite3.connect(filled)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("UPDATE annotation SET article_id = 999 WHERE id = 1")
    # Change the text behind the index's back (as a buggy writer without triggers would).
    connection.execute("DROP TRIGGER article_fts_update")
    connection.execute("UPDATE article SET text = 'entirely different words' WHERE id = 2")
    connection.commit()
    connection.close()
    library = Library.open(filled)
    try:
        report = library.check()
        assert not report.ok
        assert any("annotation" in p and "article" in p for p in report.problems)
        assert any("search index" in p for p in report.problems)
        assert [h.article_id for h in library.search("entirely different")] == [2]
    finally:
        library.close()
