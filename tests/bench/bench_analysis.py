"""Analysis throughput on the BBC texts, and what Newsdesk's layer costs over raw spaCy.

Run:  python tests/bench/bench_analysis.py [--articles 200] [--rounds 3] [--batch-size 32]
      python tests/bench/bench_analysis.py --all     # every article: RSS growth too

Prints words per CPU-second for ``Analyzer.analyze_many`` and for raw ``nlp.pipe`` of the
same loaded pipeline on the same texts in the same run (rounds alternate, medians shown),
their ratio (goal >= 0.9: the layer adds at most 10 %), and peak RSS. CPU time, not wall
time, because the machine's cores are shared. ``--stock`` adds the package's own full
pipeline (with the lemmatizer Newsdesk leaves out) for reference.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from desktop.nlp import Analyzer  # noqa: E402
from desktop.nlp.pipeline import PARAGRAPH_BREAKS  # noqa: E402

NEWS = Path(os.environ.get("NEWSDESK_SHARED_DATA", REPO.parent / "shared" / "data")) / "news"


def rss_mb() -> float:
    """Current resident set size in MB."""
    with Path("/proc/self/statm").open() as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def load_texts(count: int) -> list[str]:
    """``count`` BBC articles spread evenly over the collection (all when count is 0)."""
    paths = sorted(NEWS.rglob("*.txt"))
    if not paths:
        raise SystemExit(f"no BBC texts under {NEWS}")
    if count and count < len(paths):
        step = len(paths) / count
        paths = [paths[int(i * step)] for i in range(count)]
    return [p.read_bytes().decode("utf-8", errors="replace") for p in paths]


def cpu_seconds(run) -> float:  # type: ignore[no-untyped-def]
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--stock", action="store_true", help="also time the full stock pipeline")
    ap.add_argument("--all", action="store_true", help="analyse every article once: RSS growth")
    args = ap.parse_args()

    analyzer = Analyzer(batch_size=args.batch_size)
    analyzer.load()
    nlp = analyzer.pipeline
    print(f"pipeline: {analyzer.status}; components: {', '.join(nlp.pipe_names)}")

    if args.all:
        texts = load_texts(0)
        words = sum(len(t.split()) for t in texts)
        marks: dict[int, float] = {}
        start = time.process_time()
        for k, _ in enumerate(analyzer.analyze_many(texts), start=1):
            if k in (1, 1000, len(texts)):
                marks[k] = rss_mb()
        cpu = time.process_time() - start
        growth = (marks[len(texts)] - marks[1000]) / marks[1000] * 100
        print(
            f"all {len(texts)} articles, {words} words: {words / cpu:,.0f} words/CPU-s, "
            f"{len(texts) / cpu:.2f} articles/CPU-s"
        )
        print(
            f"RSS after article 1: {marks[1]:.0f} MB, 1000: {marks[1000]:.0f} MB, "
            f"{len(texts)}: {marks[len(texts)]:.0f} MB -> growth from 1000 to end "
            f"{growth:+.1f} % (goal < 10 %); peak {peak_rss_mb():.0f} MB"
        )
        return

    texts = load_texts(args.articles)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} BBC articles, {words} words, batch_size {args.batch_size}")

    def raw() -> None:
        with nlp.select_pipes(disable=[PARAGRAPH_BREAKS]), nlp.memory_zone():
            for _ in nlp.pipe(texts, batch_size=args.batch_size):
                pass

    def ours() -> None:
        for _ in analyzer.analyze_many(texts):
            pass

    analyzer.analyze(texts[0])  # warm up both paths
    raw_times, our_times = [], []
    for _ in range(args.rounds):
        raw_times.append(cpu_seconds(raw))
        our_times.append(cpu_seconds(ours))
    raw_s, our_s = statistics.median(raw_times), statistics.median(our_times)
    print(
        f"raw nlp.pipe (same pipeline): {words / raw_s:,.0f} words/CPU-s "
        f"(median of {args.rounds}: {raw_s:.2f} s)"
    )
    print(
        f"Analyzer.analyze_many:        {words / our_s:,.0f} words/CPU-s "
        f"(median of {args.rounds}: {our_s:.2f} s)"
    )
    print(f"ratio analyzer/raw throughput: {raw_s / our_s:.3f} (goal >= 0.9)")
    if args.stock:
        import importlib

        from desktop.nlp.pipeline import default_pipeline_name

        name = default_pipeline_name()
        stock = importlib.import_module(name).load() if name else None
        if stock is not None:

            def stock_run() -> None:
                with stock.memory_zone():
                    for _ in stock.pipe(texts, batch_size=args.batch_size):
                        pass

            stock_s = statistics.median(cpu_seconds(stock_run) for _ in range(args.rounds))
            print(
                f"stock {name} with lemmatizer: {words / stock_s:,.0f} words/CPU-s; "
                f"Analyzer is {stock_s / our_s:.2f}x that"
            )
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
