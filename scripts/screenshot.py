"""Render the main window with an analysed sample article to a PNG (for the README).

    python scripts/screenshot.py [--out docs/screenshot.png] [--theme light|dark] [--tab quotes]
    python scripts/screenshot.py --out docs/library.png --view library --search "council"

Runs offscreen unless QT_QPA_PLATFORM says otherwise, on a throwaway library and settings;
the sample is analysed by the real pipeline in its own process, as in the app.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtTest import QTest

from desktop.app import application, build_window, start
from desktop.paths import samples_dir
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import Preferences

REPO = Path(__file__).resolve().parents[1]
SAMPLE = "harbour-bridge-talks.txt"
TIMEOUT_MS = 180_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--tab", choices=("entities", "quotes", "notes"), default="quotes")
    parser.add_argument(
        "--view", choices=("reader", "library", "entities", "quote-book"), default="reader"
    )
    parser.add_argument("--search", default="", help="words typed in the Library tab's box")
    args = parser.parse_args()

    app = application()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        preferences = Preferences(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
        preferences.theme = args.theme
        preferences.font_size = 12.5
        window = build_window(db_path=tmp / "library.sqlite3", model=None, preferences=preferences)
        window.resize(1480, 880)
        outcome: dict[str, int] = {"code": 1}

        def shoot() -> None:
            pose(window, args.tab)
            if args.view == "library":
                window.main_tabs.setCurrentWidget(window.library_tab)
                # Typed once the tab has loaded its first rows, as a person would.
                QTimer.singleShot(
                    500, lambda: QTest.keyClicks(window.library_tab.filters.search, args.search)
                )
            elif args.view == "entities":
                window.main_tabs.setCurrentWidget(window.entity_browser)
            elif args.view == "quote-book":
                window.main_tabs.setCurrentWidget(window.quote_book)
            # Let the panels settle (they reload on the selection) before the grab.
            QTimer.singleShot(400 if args.view == "reader" else 2500, save)

        def save() -> None:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            if window.grab().save(str(args.out)):
                print(f"wrote {args.out}")
                outcome["code"] = 0
            window.close()
            app.quit()

        def analysed(article_id: int) -> None:
            if article_id == window.state.article_id:
                window.state.annotations_changed.connect(lambda: QTimer.singleShot(200, shoot))

        def give_up() -> None:
            print(f"no analysed article after {TIMEOUT_MS / 1000:.0f} s", file=sys.stderr)
            window.close()
            app.quit()

        def opened(article_id: int) -> None:
            # The whole sample folder goes in; the harbour story is the one to show.
            wanted = samples_dir() / SAMPLE
            for outcome_ in outcomes:
                if outcome_.path.name == wanted.name and outcome_.article_id != article_id:
                    window.show_article(outcome_.article_id)

        outcomes: list = []
        window.importer.imported.connect(outcomes.extend)
        window.importer.opened.connect(opened)
        window.analysis.analysed.connect(analysed)
        QTimer.singleShot(TIMEOUT_MS, give_up)
        start(window, [samples_dir()])
        app.exec()
    return outcome["code"]


def pose(window: MainWindow, tab: str) -> None:
    """Show what the app is for: a quote selected, with its speaker, in the chosen panel."""
    panels = {
        "entities": window.entities_panel,
        "quotes": window.quotes_panel,
        "notes": window.notes_panel,
    }
    window.side_tabs.setCurrentWidget(panels[tab])
    quotes = window.quotes_panel.model
    if quotes.rowCount() > 1:
        window.quotes_panel.select_quote(quotes.quote(1).id)
    window.view.verticalScrollBar().setValue(0)


if __name__ == "__main__":
    sys.exit(main())
