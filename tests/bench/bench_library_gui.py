"""The Library tab on a big library: start-up to a filled table, typed queries, memory.

    python tests/bench/bench_library_gui.py                  # 100k articles, 3 start-ups
    python tests/bench/bench_library_gui.py --articles 10000 --starts 2

1. Process start -> Library tab shown with the table filled: a fresh Python process builds
   the window through the composition root with the Library tab current, and reports when
   the window is exposed and when every visible row of the table holds its article. Timed
   from ``Popen``; "view" is exposed -> filled (goal <= 0.5 s).
2. A typed query to results on screen: the request the search box's debounce would run,
   from ``run_search`` to the first page of ranked rows shown (the 250 ms debounce comes on
   top, by design), per query class (rare/common word, phrase, prefix), alone and with an
   entity filter (the most mentioned person); median and p95. The exact number of results
   is counted right after the rows show; the time until it shows is printed too.
3. Peak RSS of the app process with that library open, after the queries (the analysis
   process is not started: it is a separate process with its own memory).

The library comes from ``library_builder.py`` (cached under /tmp; built on first use). The
app opens it without its daily backup (a 1 GB copy would swamp the figures). Runs offscreen
unless QT_QPA_PLATFORM says otherwise. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

VIEW_GOAL_S = 0.5
TIMEOUT_S = 600


def most_mentioned_person(path: Path) -> str:
    """The PERSON entity with the most mentions (read-only; the library API has no ranking)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT e.name FROM annotation AS a JOIN entity AS e ON e.id = a.entity_id "
            "WHERE e.label = 'PERSON' GROUP BY a.entity_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    return str(row[0]) if row else ""


# --- the child: one app process ------------------------------------------------------------


def child(db: str, settings: str, plan_file: str) -> None:
    """Build the window on the Library tab, report fill time, run the planned queries."""
    import resource

    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer

    import desktop.app
    from desktop.ui.library_query import SearchRequest
    from desktop.ui.preferences import Preferences

    def open_without_backup(db_path: Path):  # type: ignore[no-untyped-def]
        from desktop.core import Library

        return Library.open(db_path, daily_backup=False)

    desktop.app.open_library = open_without_backup  # type: ignore[assignment]
    plan = json.loads(Path(plan_file).read_text(encoding="utf-8"))
    app = desktop.app.application()
    prefs = Preferences(QSettings(settings, QSettings.Format.IniFormat))
    window = desktop.app.build_window(db_path=Path(db), model=None, preferences=prefs)
    tab = window.library_tab
    window.main_tabs.setCurrentWidget(tab)
    model, table = tab.model, tab.table
    marks: dict[str, float] = {}
    results: list[dict[str, object]] = []

    def visible_filled() -> bool:
        if not model.loaded or not table.isVisible():
            return False
        if model.rowCount() == 0:
            return True
        first = max(0, table.rowAt(0))
        last = table.rowAt(table.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        return all(model.summary(row) is not None for row in range(first, last + 1))

    class Exposed(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Expose and "shown" not in marks:
                marks["shown"] = time.time()
            return False

    poll = QTimer()
    poll.setInterval(1)

    def check_filled() -> None:
        if "shown" in marks and visible_filled():
            poll.stop()
            app.processEvents()  # the filled rows paint
            marks["filled"] = time.time()
            QTimer.singleShot(0, run_queries)

    poll.timeout.connect(check_filled)
    queue = list(plan)

    def run_queries() -> None:
        if not queue:
            finish()
            return
        item = queue.pop(0)
        request = SearchRequest(query=item["query"], entity=item.get("entity", ""))
        started = time.perf_counter()
        waiting: list[bool] = []

        def shown(total: int, _searching: bool) -> None:
            model.results_changed.disconnect(shown)
            app.processEvents()  # the rows paint
            item["ms"] = (time.perf_counter() - started) * 1000
            results.append(item)
            if model.exact:
                counted(total)
            else:
                waiting.append(True)
                model.counted.connect(counted)

        def counted(total: int) -> None:
            if not model.exact:
                return
            if waiting:
                model.counted.disconnect(counted)
            item["count_ms"] = (time.perf_counter() - started) * 1000
            item["total"] = total
            QTimer.singleShot(0, run_queries)

        model.results_changed.connect(shown)
        tab.show_request(request)

    def finish() -> None:
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(
            "RESULT "
            + json.dumps(
                {
                    "shown": marks["shown"],
                    "filled": marks["filled"],
                    "rows": model.rowCount(),
                    "queries": results,
                    "peak_rss_mb": peak_kb / 1024,
                }
            ),
            flush=True,
        )
        window.close()
        app.quit()

    watcher = Exposed()
    window.winId()
    window.windowHandle().installEventFilter(watcher)
    poll.start()
    desktop.app.start(window, [], analyse=False)
    app.exec()


# --- the parent ----------------------------------------------------------------------------


def run_child(db: Path, plan: list[dict[str, str]]) -> tuple[float, dict[str, object]]:
    with tempfile.TemporaryDirectory() as folder:
        plan_file = Path(folder) / "plan.json"
        plan_file.write_text(json.dumps(plan), encoding="utf-8")
        settings = str(Path(folder) / "s.ini")
        started = time.time()
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(db), settings, str(plan_file)],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
            timeout=TIMEOUT_S,
        )
    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"the app process failed:\n{done.stderr[-3000:]}")
    return started, json.loads(line[len("RESULT ") :])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="library size")
    parser.add_argument("--starts", type=int, default=3, help="start-ups to time")
    args = parser.parse_args()

    from tests.bench.bench_search import query_classes
    from tests.bench.library_builder import cached_library

    db = cached_library(args.articles)
    person = most_mentioned_person(db)
    classes = query_classes()
    print(f"Library tab on {args.articles:,} articles ({db}); entity filter: {person!r}")

    print("1. process start -> Library tab shown with the table filled")
    for run in range(args.starts):
        started, result = run_child(db, [])
        shown = float(result["shown"]) - started  # type: ignore[arg-type]
        filled = float(result["filled"]) - started  # type: ignore[arg-type]
        view = filled - shown
        print(
            f"  start {run}: window shown {shown:.3f} s, table filled {filled:.3f} s "
            f"(view {view:.3f} s, goal <= {VIEW_GOAL_S} s), {result['rows']:,} rows"
        )

    plan = [
        {"class": name, "query": query, **({"entity": person} if with_entity else {})}
        for with_entity in (False, True)
        for name, queries in classes.items()
        for query in queries
    ]
    _, result = run_child(db, plan)
    print("2. typed query -> ranked rows shown (after the 250 ms debounce), ms")
    queries = result["queries"]
    assert isinstance(queries, list)
    for with_entity in (False, True):
        label = f"with entity {person!r}" if with_entity else "alone"
        everything: list[float] = []
        for name in classes:
            times = [
                float(q["ms"])
                for q in queries
                if q["class"] == name and ("entity" in q) == with_entity
            ]
            everything += times
            counts = [
                float(q["count_ms"])
                for q in queries
                if q["class"] == name and ("entity" in q) == with_entity
            ]
            totals = [
                int(q["total"])
                for q in queries
                if q["class"] == name and ("entity" in q) == with_entity
            ]
            print(
                f"  {name:7s} {label:28s} median {statistics.median(times):6.1f}  "
                f"p95 {percentile(times, 0.95):6.1f}  ({len(times)} queries, median "
                f"{statistics.median(totals):,.0f} hits; exact count shown: median "
                f"{statistics.median(counts):.1f}, p95 {percentile(counts, 0.95):.1f})"
            )
        print(
            f"  {'all':7s} {label:28s} median {statistics.median(everything):6.1f}  "
            f"p95 {percentile(everything, 0.95):6.1f}"
        )
    print(f"3. peak RSS of the app process: {float(result['peak_rss_mb']):.0f} MB")  # type: ignore[arg-type]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
    else:
        main()
