"""Versioned forward migrations; the schema version lives in ``PRAGMA user_version``.

Each :class:`Migration` takes the schema from ``version - 1`` to ``version``. All pending steps
run in one ``BEGIN IMMEDIATE`` transaction with foreign keys OFF, and ``PRAGMA
foreign_key_check`` must come back empty before the commit. Foreign keys are off because the
usual way to change a table in SQLite is to rebuild it (create the new table, copy, drop the
old, rename): with foreign keys on, dropping the old table runs its ``ON DELETE CASCADE``
actions and silently deletes every child row. The check afterwards catches a step that really
breaks a link, and the whole migration is rolled back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import peewee

from desktop.errors import DatabaseTooNewError, StorageError
from desktop.storage.database import APPLICATION_ID, execute
from desktop.storage.schema import SAVED_SEARCH_V3, SCHEMA_V1


@dataclass(frozen=True, slots=True)
class Migration:
    """One forward step: ``apply`` turns schema ``version - 1`` into ``version``."""

    version: int
    description: str
    apply: Callable[[peewee.SqliteDatabase], None]


def _create_v1(db: peewee.SqliteDatabase) -> None:
    for statement in SCHEMA_V1:
        execute(db, statement)


def _index_urls(db: peewee.SqliteDatabase) -> None:
    execute(db, "CREATE INDEX IF NOT EXISTS article_url ON article (url) WHERE url IS NOT NULL")


def _add_saved_searches(db: peewee.SqliteDatabase) -> None:
    for statement in SAVED_SEARCH_V3:
        execute(db, statement)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _create_v1),
    Migration(2, "index article URLs (finding an article again by its address)", _index_urls),
    Migration(3, "saved searches (smart collections)", _add_saved_searches),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def schema_version(db: peewee.SqliteDatabase) -> int:
    """The version stored in the database."""
    return int(execute(db, "PRAGMA user_version").fetchone()[0])


def migrate(
    db: peewee.SqliteDatabase,
    *,
    migrations: Sequence[Migration] = MIGRATIONS,
    before: Callable[[int], None] | None = None,
) -> int:
    """Bring the database up to the newest version; return the version it had.

    Args:
        db: an open database (its connection in this thread is used).
        migrations: the steps, in version order (tests pass their own).
        before: called with the current version before an existing library is changed, to
            take a backup.

    Raises:
        DatabaseTooNewError: the database is newer than the newest step; it is not changed.
        StorageError: a step failed or left broken links; nothing was changed.
    """
    latest = migrations[-1].version if migrations else 0
    current = schema_version(db)
    if current > latest:
        raise DatabaseTooNewError(
            f"{db.database}: the library was written by a newer Newsdesk (schema {current}, "
            f"this version reads up to {latest}); it was left untouched"
        )
    pending = [step for step in migrations if step.version > current]
    if not pending:
        return current
    if before is not None and current > 0:
        before(current)
    # foreign_keys cannot change inside a transaction, so it is switched off before BEGIN.
    execute(db, "PRAGMA foreign_keys = OFF")
    try:
        execute(db, "BEGIN IMMEDIATE")
        try:
            for step in pending:
                step.apply(db)
            broken = execute(db, "PRAGMA foreign_key_check").fetchall()
            if broken:
                tables = sorted({str(row[0]) for row in broken})
                raise StorageError(
                    f"{db.database}: updating the library to schema {latest} would break "
                    f"{len(broken)} links in {', '.join(tables)}; nothing was changed"
                )
            execute(db, f"PRAGMA user_version = {int(latest)}")
            execute(db, f"PRAGMA application_id = {APPLICATION_ID}")
        except BaseException:
            execute(db, "ROLLBACK")
            raise
        execute(db, "COMMIT")
    finally:
        execute(db, "PRAGMA foreign_keys = ON")
    return current
