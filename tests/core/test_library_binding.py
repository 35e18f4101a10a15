"""Libraries and threads: two libraries at once, a library used from a worker thread."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.core import Library
from desktop.errors import DatabaseBusyError, StorageError
from tests.core.fakes import document


def test_two_libraries_open_at_once_stay_apart(tmp_path: Path) -> None:
    first = Library.open(tmp_path / "a.sqlite3")
    second = Library.open(tmp_path / "b.sqlite3")
    try:
        first.import_document(document("Only in the first.", "A"))
        second.import_document(document("Only in the second.", "B"))
        first.import_document(document("Also in the first.", "C"))
        assert first.count_articles() == 2
        assert second.count_articles() == 1
        assert [h.title for h in second.search("second")] == ["B"]
        assert first.search("second") == []
    finally:
        first.close()
        second.close()


def test_library_opened_here_works_on_a_worker_thread(library: Library) -> None:
    results: list[object] = []

    def work() -> None:
        try:
            library.import_document(document("Written by the worker.", "W"))
            results.append(library.count_articles())
        except Exception as error:  # reported to the test thread below
            results.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert results == [1]
    assert library.count_articles() == 1


def test_closed_library_says_so(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib.sqlite3")
    library.close()
    library.close()  # twice is fine
    with pytest.raises(StorageError, match="closed"):
        library.count_articles()


def test_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="library folder"):
        Library.open(blocker / "lib.sqlite3")


@pytest.mark.slow
def test_writer_held_up_too_long_gets_busy_error(library: Library) -> None:
    other = sqlite3.connect(library.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusyError, match="busy"):
            library.create_tag("waiting")
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert library.create_tag("waiting").name == "waiting"
