"""The Entities tab on a library with tens of thousands of entities, and the quote book.

    python tests/bench/bench_entity_browser.py          # 30,000 entities
    python tests/bench/bench_entity_browser.py 60000

Builds a library of synthetic articles (ten distinct two-word names and one quote each, the
fake analyser of the core tests), then times:

1. ``Library.entities()`` (runs on the database worker, off the GUI thread);
2. on the GUI thread: filling the table model, one filter keystroke, sorting by name and by
   mentions, and a repaint of the visible rows;
3. the quote book query for one speaker and for all quotes (first 5,000).

Prints figures; asserts nothing.
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tu", "vo", "zel", "bri", "dan", "fe", "gor", "hal")
PER_ARTICLE = 10


def _names(count: int) -> list[str]:
    words = ["".join(p).capitalize() for p in itertools.product(SYLLABLES, repeat=3)]
    pairs = itertools.product(words, words)
    return [f"{a} {b}" for a, b in itertools.islice(pairs, count)]


def build(db_path: Path, entities: int) -> float:
    """A library holding ``entities`` entities; the seconds it took."""
    from desktop.core import Library
    from tests.core.fakes import FakeAnalyzer, document

    names = _names(entities)
    docs = []
    for n in range(0, len(names), PER_ARTICLE):
        group = names[n : n + PER_ARTICLE]
        body = " and ".join(group)
        text = f'Article {n}\n\nWe met {body} today. "It went well," {group[0]} said.\n'
        docs.append(document(text, f"Article {n}", date=f"2024-{1 + n % 12:02d}-01"))
    started = time.perf_counter()
    library = Library.open(db_path, analyzer=FakeAnalyzer(), daily_backup=False)
    try:
        library.import_documents(docs)
    finally:
        library.close()
    return time.perf_counter() - started


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main(entities: int) -> None:
    from PySide6.QtWidgets import QApplication, QTableView

    from desktop.core import Library
    from desktop.ui.entity_browser_model import NAME, EntityBrowserModel
    from desktop.ui.quote_book_model import QuoteBookModel

    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "library.sqlite3"
        print(f"building a library with {entities} entities…", flush=True)
        print(f"  built in {build(db_path, entities):.1f} s")
        library = Library.open(db_path, daily_backup=False)
        times = []
        for _ in range(3):
            started = time.perf_counter()
            listed = library.entities()
            times.append(time.perf_counter() - started)
        print(
            f"Library.entities() (database worker): {len(listed)} entities, "
            f"median {_ms(statistics.median(times))}"
        )

        app = QApplication.instance() or QApplication([])
        model = EntityBrowserModel()
        view = QTableView()
        view.setModel(model)
        view.resize(900, 700)
        view.show()
        started = time.perf_counter()
        model.set_entities(listed)
        app.processEvents()
        print(f"GUI thread, fill the model and paint: {_ms(time.perf_counter() - started)}")
        for text in ("k", "ka", "kal", "kalo"):
            started = time.perf_counter()
            model.set_filter(text, None)
            app.processEvents()
            print(
                f"GUI thread, filter {text!r} -> {model.rowCount()} rows: "
                f"{_ms(time.perf_counter() - started)}"
            )
        model.set_filter("", None)
        for column, what in ((NAME, "name"), (2, "mentions")):
            started = time.perf_counter()
            model.sort(column)
            app.processEvents()
            print(f"GUI thread, sort by {what}: {_ms(time.perf_counter() - started)}")

        speaker = listed[0].name
        for who in (speaker, None):
            started = time.perf_counter()
            quotes = library.quotes(speaker=who, limit=5001)
            query = time.perf_counter() - started
            started = time.perf_counter()
            QuoteBookModel().set_records(quotes[:5000])
            print(
                f"quote book {'for ' + who if who else 'all'}: {len(quotes)} rows, query "
                f"{_ms(query)} (worker), model {_ms(time.perf_counter() - started)} (GUI)"
            )
        view.close()
        library.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000)
