"""Search latency at 10k and 100k articles: rare words, common words, phrases, prefixes.

Prints p50/p95 (ms) of ``Library.search(query, limit=20)`` (bm25 ranking and snippets
included) per query class, alone and with an entity filter, and the quote book of the most
quoted speaker. Libraries are built once from the BBC articles and cached in /tmp (see
``library_builder.py``).

    python tests/bench/bench_search.py            # 10k and 100k
    python tests/bench/bench_search.py 10000      # one size
"""

from __future__ import annotations

import random
import re
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
        print(f"{'class':<8} {'filter':<7} {'p50 ms':>8} {'p95 ms':>8} {'mean matches':>13}")
        for name, queries in classes.items():
            for label, filter_entity in (("none", None), ("entity", entity)):
                p50, p95, matches = measure(library, queries, filter_entity)
                print(f"{name:<8} {label:<7} {p50:>8.1f} {p95:>8.1f} {matches:>13,}")
        speakers = Counter(q.speaker_name for q in library.quotes(limit=20000) if q.speaker_name)
        if speakers:
            speaker, _ = speakers.most_common(1)[0]
            library.quotes(speaker=speaker)
            times = [timed(lambda: library.quotes(speaker=speaker)) for _ in range(5)]
            count = len(library.quotes(speaker=speaker))
            print(
                f"quote book of {speaker!r}: {count} quotes, "
                f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms"
            )
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
