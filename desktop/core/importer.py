"""Finding files to import and storing new articles in batches.

Articles are stored in batches, one write transaction each, so a large import commits as it
goes: cancelling keeps what was committed and leaves nothing half-written, and the cost of a
commit is shared by many articles.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from desktop.core.hashing import text_hash
from desktop.storage.database import database, execute
from desktop.types import Document, ImportOutcome

T = TypeVar("T")
R = TypeVar("R")


def now_iso() -> str:
    """The current UTC time, ISO 8601 to the microsecond."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def discover(paths: Sequence[Path], suffixes: frozenset[str]) -> list[Path]:
    """Files under ``paths`` with a supported suffix, plus every file named directly.

    Folders are walked recursively, following symbolic links but never into a folder already
    visited (so a link back up the tree is no loop). Hidden files and folders are skipped
    inside folders. The result is sorted and has no file twice.
    """
    found: dict[Path, Path] = {}
    visited: set[tuple[int, int]] = set()
    for given in paths:
        if given.is_dir():
            for file in _walk(given, suffixes, visited):
                found.setdefault(_identity(file), file)
        elif given.exists() or given.is_symlink():
            found.setdefault(_identity(given), given)
    return sorted(found.values())


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _walk(root: Path, suffixes: frozenset[str], visited: set[tuple[int, int]]) -> Iterable[Path]:
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
        except OSError:
            continue
        key = (info.st_dev, info.st_ino)
        if key in visited:
            continue
        visited.add(key)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                if entry.is_dir(follow_symlinks=True):
                    stack.append(path)
                elif entry.is_file(follow_symlinks=True) and path.suffix.lower() in suffixes:
                    yield path
            except OSError:
                continue


@dataclass(frozen=True, slots=True)
class Stored:
    """The fate of one document of a batch."""

    status: str  # "imported" or "duplicate"
    article_id: int


_INSERT = (
    "INSERT INTO article (title, text, text_hash, format, source_path, author, date, url, "
    "language, site, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def article_title(document: Document) -> str:
    """The title to show: the document's, else its first line, else its file name."""
    title = " ".join(document.title.split())
    if title:
        return title
    for line in document.text.splitlines():
        if line.strip():
            return " ".join(line.split())[:200]
    if document.path is not None:
        return document.path.stem
    return "Untitled"


def store_documents(documents: Sequence[Document]) -> list[Stored]:
    """Store new documents (call inside a write transaction); duplicates point to the old one.

    The text is stored exactly as given; two documents with the same text are one article.
    """
    hashes = [text_hash(document.text) for document in documents]
    known: dict[str, int] = {}
    unique = sorted(set(hashes))
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = execute(
            database, f"SELECT text_hash, id FROM article WHERE text_hash IN ({marks})", chunk
        ).fetchall()
        known.update({digest: int(ident) for digest, ident in rows})
    stored: list[Stored] = []
    cursor = database.cursor()
    imported = now_iso()
    for document, digest in zip(documents, hashes, strict=True):
        if digest in known:
            stored.append(Stored("duplicate", known[digest]))
            continue
        meta = document.metadata
        cursor.execute(
            _INSERT,
            (
                article_title(document),
                document.text,
                digest,
                document.format.lower().lstrip("."),
                str(document.path) if document.path is not None else None,
                meta.author,
                meta.date,
                meta.url,
                meta.language,
                meta.site,
                imported,
            ),
        )
        article_id = int(cursor.lastrowid)
        known[digest] = article_id
        stored.append(Stored("imported", article_id))
    return stored


def outcome(path: Path, stored: Stored) -> ImportOutcome:
    """The outcome of a stored document."""
    if stored.status == "imported":
        return ImportOutcome(path=path, status="imported", article_id=stored.article_id)
    return ImportOutcome(path=path, status="duplicate", article_id=stored.article_id)
