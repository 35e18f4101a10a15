"""Import speed: the 2,225 BBC articles into a fresh library, against raw SQLite in the same run.

Prints articles/s (median of the runs) for:

- ``library files``: ``Library.import_files`` on the folder (reading with
  ``desktop.formats.read_document``, hashing, duplicate check, insert, FTS5), no analysis;
- ``raw files``: plain ``sqlite3``: read and decode the same files, ``executemany`` into a table
  with the same FTS5 index (same tokenizer and prefix index, kept by a trigger), one transaction;
- ``library documents`` / ``raw insert``: the same two with the texts already in memory, so
  only storing is timed.

The ratios library/raw are the figures to watch (goal: 0.8 or more).

    python tests/bench/bench_import.py [RUNS]
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core import Library
from desktop.formats import read_document
from tests.bench.library_builder import SHARED_DATA

RAW_SCHEMA = (
    "CREATE TABLE doc (id INTEGER PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL, "
    "text_hash TEXT NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE doc_fts USING fts5(title, text, content='doc', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    "CREATE TRIGGER doc_ai AFTER INSERT ON doc BEGIN INSERT INTO doc_fts (rowid, title, text) "
    "VALUES (new.id, new.title, new.text); END",
)


def raw_store(folder: Path, texts: list[tuple[str, str]]) -> int:
    connection = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    connection.execute("PRAGMA journal_mode = wal")
    connection.execute("PRAGMA synchronous = normal")
    for statement in RAW_SCHEMA:
        connection.execute(statement)
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT OR IGNORE INTO doc (title, text, text_hash) VALUES (?, ?, ?)",
        [(t, x, hashlib.sha256(x.encode()).hexdigest()) for t, x in texts],
    )
    connection.execute("COMMIT")
    count = int(connection.execute("SELECT count(*) FROM doc").fetchone()[0])
    connection.close()
    return count


def raw_read(files: list[Path]) -> list[tuple[str, str]]:
    texts = []
    for path in files:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        text = text.replace("\r\n", "\n")
        texts.append((text.split("\n", 1)[0], text))
    return texts


def run(step: Callable[[Path], int], runs: int) -> tuple[float, int]:
    times = []
    count = 0
    for _ in range(runs):
        folder = Path(tempfile.mkdtemp(prefix="newsdesk-bench-import-"))
        try:
            started = time.perf_counter()
            count = step(folder)
            times.append(time.perf_counter() - started)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return statistics.median(times), count


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    news = SHARED_DATA / "news"
    files = sorted(news.glob("*.txt"))
    documents = [read_document(path, max_bytes=50 * 1024 * 1024) for path in files]
    texts = [(d.title, d.text) for d in documents]

    def library_files(folder: Path) -> int:
        library = Library.open(folder / "lib.sqlite3")
        try:
            outcomes = library.import_files(library.discover([news]), analyze=False)
            return sum(o.status == "imported" for o in outcomes)
        finally:
            library.close()

    def library_documents(folder: Path) -> int:
        library = Library.open(folder / "lib.sqlite3")
        try:
            outcomes = library.import_documents(documents, analyze=False)
            return sum(o.status == "imported" for o in outcomes)
        finally:
            library.close()

    results = {
        "library files": run(library_files, runs),
        "raw files": run(lambda folder: raw_store(folder, raw_read(files)), runs),
        "library documents": run(library_documents, runs),
        "raw insert": run(lambda folder: raw_store(folder, texts), runs),
    }
    print(f"{len(files)} files, median of {runs} runs")
    for name, (seconds, count) in results.items():
        print(
            f"{name:<18} {count:>5} articles  {seconds:6.2f} s  {count / seconds:8.0f} articles/s"
        )
    for ours, raw in (("library files", "raw files"), ("library documents", "raw insert")):
        ratio = (results[ours][1] / results[ours][0]) / (results[raw][1] / results[raw][0])
        print(f"ratio {ours} / {raw}: {ratio:.2f}")


if __name__ == "__main__":
    main()
