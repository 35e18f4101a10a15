"""Rotating backups made with SQLite's online backup API.

The backup API copies a consistent snapshot even while the library is open in WAL mode (a
file copy could catch the database and its WAL at different moments). A backup is written to a
temporary name and renamed, so a crash never leaves a half-written file among the backups.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

KEEP = 5
SUFFIX = ".sqlite3"


def backups_dir(db_path: Path) -> Path:
    """Where the backups of ``db_path`` are kept."""
    return db_path.parent / "backups"


def list_backups(db_path: Path) -> list[Path]:
    """The backups of ``db_path``, oldest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*{SUFFIX}"))


def last_backup_age(db_path: Path) -> float | None:
    """Seconds since the newest backup was written, or ``None`` without one."""
    backups = list_backups(db_path)
    if not backups:
        return None
    return time.time() - backups[-1].stat().st_mtime


def make_backup(source: sqlite3.Connection, db_path: Path, *, keep: int = KEEP) -> Path:
    """Copy the database behind ``source`` into the backups folder; keep the newest ``keep``.

    Returns:
        The path of the new backup.
    """
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}{SUFFIX}"
    partial = target.with_name(target.name + ".part")
    destination = sqlite3.connect(partial)
    try:
        source.backup(destination)
    finally:
        destination.close()
    partial.replace(target)
    for old in list_backups(db_path)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return target
