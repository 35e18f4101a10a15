"""Search latency at 10k and 100k articles: rare words, common words, phrases, prefixes.

Prints p50/p95 (ms) of ``Library.search(query, limit=20)`` (bm25 ranking and snippets
included) per query class, alone and with an entity filter (the most mentioned person), each
against the issue's target of p95 <= 50 ms; then the quote book of the most quoted speaker of
the whole library (target <= 100 ms) and the first page of the quote book of every speaker.
Libraries are built once from the BBC articles and cached in /tmp (see
``library_builder.py``); an existing one is reused.

    python tests/bench/bench_search.py            # 10k and 100k
    python tests/bench/bench_search.py 10000      # one size
"""

from __future__ import annotations

import random
import re
import sqlite3
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core import Library
from tests.bench.library_builder import bbc_articles, cached_library

RUNS = 3  # timed runs per query, after one untimed warm-up
PER_CLASS = 15
SEARCH_TARGET_MS = 50.0
QUOTE_BOOK_TARGET_MS = 100.0
QUOTE_BOOK_RUNS = 10
_WORD = re.compile(r"[a-z]+")


def query_classes(seed: int = 11) -> dict[str, list[str]]:
    """Queries drawn from the BBC vocabulary by how many articles hold them."""
    rng = random.Random(seed)
    df: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    for source in bbc_articles():
        words = _WORD.findall(f"{source.title} {source.body}".lower())
        df.update(set(words))
        bigrams.update({f"{a} {b}" for a, b in pairwise(words)})
    rare = sorted(w for w, n in df.items() if n == 2 and len(w) >= 6)
    common = [w for w, _ in df.most_common(60) if len(w) >= 4][:30]
    phrases = sorted(
        p for p, n in bigrams.items() if 30 <= n <= 300 and all(len(w) >= 4 for w in p.split())
    )
    prefixes = sorted({w[:4] + "*" for w, n in df.items() if n >= 200 and len(w) >= 6})
    return {
        "rare": rng.sample(rare, PER_CLASS),
        "common": rng.sample(common, PER_CLASS),
        "phrase": [f'"{p}"' for p in rng.sample(phrases, PER_CLASS)],
        "prefix": rng.sample(prefixes, PER_CLASS),
    }


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(library: Library, queries: list[str], entity: str | None) -> tuple[float, float, int]:
    times: list[float] = []
    hits = 0
    for query in queries:
        library.search(query, entity=entity)
        for _ in range(RUNS):
            times.append(timed(lambda q=query: library.search(q, entity=entity)))
        hits += library.count_search(query, entity=entity)
    return statistics.median(times), percentile(times, 0.95), hits // len(queries)


def verdict(p95: float, target: float) -> str:
    return "ok" if p95 <= target else f"OVER {target:.0f}"


def most_quoted_speaker(path: Path) -> tuple[str, int] | None:
    """The speaker entity with the most active quotes in the whole library, and their count.

    Read through a separate read-only connection: the library API has no such ranking.
    """
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT e.name, count(*) AS n FROM quote_detail AS q "
            "JOIN annotation AS a ON a.id = q.annotation_id AND a.status = 'active' "
            "JOIN entity AS e ON e.id = q.speaker_entity_id "
            "GROUP BY q.speaker_entity_id ORDER BY n DESC LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    return None if row is None else (str(row[0]), int(row[1]))


def quote_book_times(call: Callable[[], object]) -> tuple[float, float]:
    call()  # warm-up
    times = [timed(call) for _ in range(QUOTE_BOOK_RUNS)]
    return statistics.median(times), percentile(times, 0.95)


def bench(size: int, classes: dict[str, list[str]]) -> None:
    path = cached_library(size)
    library = Library.open(path, daily_backup=False)
    try:
        top = library.entities(label="PERSON")[:1]
        entity = top[0].name if top else None
        print(
            f"\n{size:,} articles ({path.stat().st_size / 1e6:.0f} MB); entity filter: "
            f"{entity!r} ({top[0].article_count if top else 0} articles)"
        )
        print(
            f"{'class':<8} {'filter':<7} {'p50 ms':>8} {'p95 ms':>8} {'mean matches':>13}  "
            f"target p95 <= {SEARCH_TARGET_MS:.0f} ms"
        )
        for name, queries in classes.items():
            for label, filter_entity in (("none", None), ("entity", entity)):
                p50, p95, matches = measure(library, queries, filter_entity)
                print(
                    f"{name:<8} {label:<7} {p50:>8.1f} {p95:>8.1f} {matches:>13,}  "
                    f"{verdict(p95, SEARCH_TARGET_MS)}"
                )
        found = most_quoted_speaker(path)
        if found:
            speaker, total = found
            p50, p95 = quote_book_times(lambda: library.quotes(speaker=speaker))
            count = len(library.quotes(speaker=speaker))
            print(
                f"quote book of the most quoted speaker {speaker!r} ({total:,} quotes, "
                f"{count:,} listed): p50 {p50:.1f} ms, p95 {p95:.1f} ms  "
                f"target <= {QUOTE_BOOK_TARGET_MS:.0f} ms: {verdict(p95, QUOTE_BOOK_TARGET_MS)}"
            )
            p50, p95 = quote_book_times(lambda: library.quotes(speaker=speaker, text="the"))
            print(f"  the same, filtered by a word ('the'): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        total = library.count_quotes()
        for offset in (0, total // 2):
            p50, p95 = quote_book_times(lambda o=offset: library.quotes(limit=200, offset=o))
            print(
                f"quote book of every speaker ({total:,} quotes), 200 from {offset:,}: "
                f"p50 {p50:.1f} ms, p95 {p95:.1f} ms"
            )
        p50, p95 = quote_book_times(library.count_quotes)
        print(f"count of every quote: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    finally:
        library.close()


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    classes = query_classes()
    for name, queries in classes.items():
        print(f"{name}: {', '.join(queries[:6])}, ...")
    for size in sizes:
        bench(size, classes)


if __name__ == "__main__":
    main()
