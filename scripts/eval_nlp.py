"""Score ``desktop.nlp.Analyzer`` on quote gold in-process, with per-rule error counts.

Usage:
  python scripts/eval_nlp.py ../shared/data/quotes/polnear-dev.jsonl [--limit N]

The same figures as ``../shared/tools/eval_quotes.py --cmd newsdesk`` (it imports that
folder's ``score_quotes.score``), without a subprocess per batch, plus how many predictions
each attribution rule made and how many of them matched no gold quote: the quickest way to
see which rule to tighten. Reads the gold from the shared data folder; nothing of it is
kept here.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.nlp import Analyzer  # noqa: E402
from desktop.nlp import analyzer as analyzer_module  # noqa: E402
from desktop.nlp.quotes import RawQuote  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--tools", type=Path, default=REPO.parent / "shared" / "tools")
    args = ap.parse_args()
    sys.path.insert(0, str(args.tools))
    import score_quotes  # type: ignore[import-not-found]

    with args.gold.open(encoding="utf-8") as f:
        gold = [json.loads(line) for line in f if line.strip()]
    if args.limit:
        gold = gold[: args.limit]

    rules: dict[tuple[int, int, int], str] = {}
    resolve = analyzer_module.resolve_speakers

    def remember(text, quotes: list[RawQuote], entities, subjects):  # type: ignore[no-untyped-def]
        for q in quotes:
            rules[(id(text), q.start, q.end)] = q.rule
        return resolve(text, quotes, entities, subjects)

    analyzer_module.resolve_speakers = remember  # type: ignore[assignment]
    engine = Analyzer()
    engine.load()
    texts = [article["text"] for article in gold]
    start = time.perf_counter()
    results = list(engine.analyze_many(texts))
    seconds = time.perf_counter() - start

    pred = {}
    made: collections.Counter[str] = collections.Counter()
    unmatched: collections.Counter[str] = collections.Counter()
    for article, text, result in zip(gold, texts, results, strict=True):
        quotes = [
            {
                "quote_start": q.start,
                "quote_end": q.end,
                "speaker": q.speaker,
                "speaker_start": q.speaker_start,
                "speaker_end": q.speaker_end,
                "rule": rules.get((id(text), q.start, q.end), "?"),
            }
            for q in result.quotes
        ]
        pred[article["id"]] = {"id": article["id"], "quotes": quotes}
        _, matched = score_quotes.match(text, article["quotes"], quotes, "overlap", 0.5)
        for i, q in enumerate(quotes):
            made[q["rule"]] += 1
            unmatched[q["rule"]] += i not in matched

    scores = score_quotes.score(gold, pred, 0.5)
    print(f"{len(gold)} articles in {seconds:.1f} s ({engine.status})")
    header = ("match/subset", "gold", "P", "R", "F1", "attr", "e2eF1")
    print(f"{header[0]:16s} " + " ".join(f"{h:>6s}" for h in header[1:]))
    for name, row in scores.items():
        print(
            f"{name:16s} {row['gold']:5d} {row['P'] * 100:6.1f} {row['R'] * 100:6.1f} "
            f"{row['F1'] * 100:6.1f} {row['attr_acc'] * 100:6.1f} {row['e2e_F1'] * 100:6.1f}"
        )
    print("rule: predictions / matching no gold quote")
    for rule, count in made.most_common():
        print(f"  {rule:20s} {count:6d} {unmatched[rule]:6d}")


if __name__ == "__main__":
    main()
