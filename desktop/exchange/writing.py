"""Writing export files safely: a failed export never leaves half a file behind."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from desktop.errors import ExchangeError


@contextmanager
def atomic_text(out: Path, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text stream that replaces ``out`` only once everything is written."""
    # newline="" keeps "\n" as is on every platform, so offsets match the file.
    with _temporary(out) as temp, temp.open("w", encoding=encoding, newline="") as stream:
        yield stream


@contextmanager
def atomic_binary(out: Path) -> Iterator[IO[bytes]]:
    """A binary stream that replaces ``out`` only once everything is written."""
    with _temporary(out) as temp, temp.open("wb") as stream:
        yield stream


@contextmanager
def _temporary(out: Path) -> Iterator[Path]:
    if out.is_dir():
        raise ExchangeError(f"{out}: is a folder; this format writes one file")
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        # mkstemp makes the file private; an export is an ordinary file for the user.
        temp.chmod(out.stat().st_mode & 0o777 if out.exists() else 0o644)
        temp.replace(out)
    finally:
        temp.unlink(missing_ok=True)


def output_folder(out: Path) -> Path:
    """``out`` as a folder to write into, created when missing."""
    if out.exists() and not out.is_dir():
        raise ExchangeError(f"{out}: is a file; this format writes a folder of files")
    out.mkdir(parents=True, exist_ok=True)
    return out


def file_stem(article_id: int | None, title: str, *, taken: set[str]) -> str:
    """A portable file name stem for an article: ``0012-harbour-talks-resume``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:60].rstrip("-")
    base = "-".join(p for p in (f"{article_id:04d}" if article_id is not None else "", slug) if p)
    base = base or "article"
    stem, n = base, 2
    while stem.lower() in taken:
        stem, n = f"{base}-{n}", n + 1
    taken.add(stem.lower())
    return stem
