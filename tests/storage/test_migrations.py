"""Forward migrations: foreign keys off while tables are rebuilt, links checked before commit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
import pytest

from desktop.core import Library
from desktop.errors import StorageError
from desktop.storage.backups import list_backups
from desktop.storage.database import APPLICATION_ID, execute, make_database
from desktop.storage.migrations import MIGRATIONS, SCHEMA_VERSION, Migration, migrate
from desktop.storage.schema import SCHEMA_V1


def rebuild_article(db: peewee.SqliteDatabase) -> None:
    """Add a NOT NULL column by rebuilding ``article`` (SQLite's way to change a table)."""
    # Triggers of other tables that name ``article`` would block the rename: drop them first.
    for (name,) in execute(
        db, "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'note'"
    ).fetchall():
        execute(db, f"DROP TRIGGER {name}")
    create = next(s for s in SCHEMA_V1 if "CREATE TABLE article (" in s)
    create = create.replace("CREATE TABLE article (", "CREATE TABLE article_new (")
    execute(
        db,
        create.replace(
            "notes_text TEXT NOT NULL DEFAULT ''",
            "notes_text TEXT NOT NULL DEFAULT '', word_count INTEGER",
        ),
    )
    execute(db, "INSERT INTO article_new SELECT *, NULL FROM article")
    execute(db, "DROP TABLE article")  # with foreign keys on, this would cascade
    execute(db, "ALTER TABLE article_new RENAME TO article")
    # Dropping the old table took its indexes and triggers with it.
    for statement in SCHEMA_V1:
        on_article = "ON article " in statement or "ON article (" in statement
        if (on_article and "INDEX" in statement) or (
            "TRIGGER" in statement and (on_article or " ON note " in statement)
        ):
            execute(db, statement)


def counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("article", "annotation", "note", "entity")
        }
    finally:
        connection.close()


def version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def test_fresh_library_is_at_the_newest_version(tmp_path: Path) -> None:
    path = tmp_path / "lib.sqlite3"
    Library.open(path).close()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    connection.close()


def test_table_rebuild_keeps_child_rows(filled: Path) -> None:
    before = counts(filled)
    assert before["annotation"] == 2 and before["note"] == 2
    db = make_database(filled)
    db.connect()
    steps = (*MIGRATIONS, Migration(SCHEMA_VERSION + 1, "article word count", rebuild_article))
    try:
        assert migrate(db, migrations=steps, before=lambda v: None) == SCHEMA_VERSION
        assert execute(db, "PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        db.close()
    assert counts(filled) == before
    assert version(filled) == SCHEMA_VERSION + 1


def test_the_same_rebuild_with_foreign_keys_on_loses_children(filled: Path) -> None:
    """Why migrations switch foreign keys off: ON DELETE CASCADE empties the child tables."""
    connection = sqlite3.connect(filled, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA legacy_alter_table = ON")  # let the rename ignore the triggers
    connection.execute("BEGIN")
    connection.execute("CREATE TABLE article_new AS SELECT * FROM article")
    connection.execute("DROP TABLE article")
    connection.execute("ALTER TABLE article_new RENAME TO article")
    connection.execute("COMMIT")
    connection.close()
    assert counts(filled)["annotation"] == 0


def test_migration_that_breaks_links_is_rolled_back(filled: Path) -> None:
    before = counts(filled)

    def drop_articles(db: peewee.SqliteDatabase) -> None:
        execute(db, "DELETE FROM article")

    db = make_database(filled)
    db.connect()
    steps = (*MIGRATIONS, Migration(SCHEMA_VERSION + 1, "bad", drop_articles))
    try:
        with pytest.raises(StorageError, match="break"):
            migrate(db, migrations=steps)
    finally:
        db.close()
    assert counts(filled) == before
    assert version(filled) == SCHEMA_VERSION


def test_failing_step_changes_nothing(filled: Path) -> None:
    before = counts(filled)

    def half_done(db: peewee.SqliteDatabase) -> None:
        execute(db, "DELETE FROM note")
        raise RuntimeError("step failed")

    db = make_database(filled)
    db.connect()
    try:
        with pytest.raises(RuntimeError):
            migrate(db, migrations=(*MIGRATIONS, Migration(SCHEMA_VERSION + 1, "x", half_done)))
    finally:
        db.close()
    assert counts(filled) == before


def test_existing_library_is_backed_up_before_migrating(filled: Path) -> None:
    old = set(list_backups(filled))
    db = make_database(filled)
    db.connect()
    taken: list[int] = []
    try:
        migrate(
            db,
            migrations=(*MIGRATIONS, Migration(SCHEMA_VERSION + 1, "noop", lambda db: None)),
            before=taken.append,
        )
    finally:
        db.close()
    assert taken == [SCHEMA_VERSION]
    assert set(list_backups(filled)) == old  # the caller's hook decides what a backup is


def test_version_1_library_is_upgraded_with_a_backup_first(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = make_database(path)
    db.connect()
    migrate(db, migrations=MIGRATIONS[:1])
    execute(
        db,
        "INSERT INTO article (title, text, text_hash, format, url, imported) "
        "VALUES ('Old', 'Old text.', 'h1', 'html', 'https://example.org/old', 'then')",
    )
    db.close()
    assert version(path) == 1
    library = Library.open(path)
    try:
        assert version(path) == SCHEMA_VERSION
        assert library.find_articles_by_url("https://example.org/old") == [1]
        assert [h.title for h in library.search("old")] == ["Old"]
    finally:
        library.close()
    [backup] = list_backups(path)
    assert version(backup) == 1


def test_version_2_library_gains_saved_searches_with_a_backup_first(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    db = make_database(path)
    db.connect()
    migrate(db, migrations=MIGRATIONS[:2])
    execute(
        db,
        "INSERT INTO article (title, text, text_hash, format, date, imported) "
        "VALUES ('Harbour', 'The harbour reopened.', 'h1', 'txt', '2005-01-02', 'then')",
    )
    db.close()
    assert version(path) == 2
    library = Library.open(path)
    try:
        assert version(path) == SCHEMA_VERSION >= 3
        assert library.saved_searches() == []
        saved = library.save_search("Harbour news", "harbour", since="2005-01-01")
        assert [h.title for h in library.run_saved_search(saved.id)] == ["Harbour"]
        assert counts(path)["article"] == 1
    finally:
        library.close()
    [backup] = list_backups(path)
    assert version(backup) == 2
