"""Export and import speed of the annotation exchange formats, on real BBC articles.

Exports every article of a cached benchmark library (see ``library_builder.py``) in each
format, then imports the first ``IMPORT`` articles' files into a fresh library (for W3C, a
library that already holds those texts), and prints seconds, articles per second, spans per
second and the size written.

    python tests/bench/bench_exchange.py          # 1,000 articles, 200 imported
    python tests/bench/bench_exchange.py 2000 300
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core import Library
from desktop.core.exchange_use_cases import (
    export_annotations,
    import_annotations,
)
from desktop.types import Document
from tests.bench.library_builder import cached_library

TARGETS = {
    "jsonl": "out.jsonl",
    "brat": "brat",
    "spacy": "out.spacy",
    "w3c": "out.jsonld",
    "csv": "csv",
    "markdown": "md",
}


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def main(count: int, imported: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-exchange-"))
    try:
        db = work / "source.sqlite3"
        shutil.copy(cached_library(count), db)
        library = Library.open(db)
        ids = library.article_ids(order="imported", descending=False)
        subset = ids[:imported]
        print(f"export of {len(ids):,} articles")
        print(f"{'format':10} {'seconds':>8} {'articles/s':>11} {'spans':>8} {'MB':>7}")
        for fmt, name in TARGETS.items():
            out = work / "full" / name
            started = time.perf_counter()
            report = export_annotations(library, fmt, out)
            seconds = time.perf_counter() - started
            print(
                f"{fmt:10} {seconds:8.2f} {len(ids) / seconds:11.0f} {report.spans:8,} "
                f"{_size(out) / 1e6:7.1f}"
            )
        print(f"\nimport of {len(subset):,} articles into a fresh library")
        print(f"{'format':10} {'seconds':>8} {'spans/s':>9} {'placed':>8} {'unplaced':>9}")
        for fmt in ("jsonl", "brat", "spacy", "w3c"):
            out = work / "part" / TARGETS[fmt]
            export_annotations(library, fmt, out, article_ids=subset)
            fresh = Library.open(work / f"fresh-{fmt}.sqlite3")
            if fmt == "w3c":
                for article_id in subset:
                    article = library.get_article(article_id)
                    fresh.import_document(
                        Document(text=article.text, title=article.title, format="txt"),
                        analyze=False,
                    )
            started = time.perf_counter()
            report = import_annotations(fresh, out)
            seconds = time.perf_counter() - started
            fresh.close()
            print(
                f"{fmt:10} {seconds:8.2f} {report.placed / seconds:9.0f} {report.placed:8,} "
                f"{len(report.unplaced):9,}"
            )
        library.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(args[0] if args else 1000, args[1] if len(args) > 1 else 200)
