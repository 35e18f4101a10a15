"""The Quote book tab: quotes across the library, filtered, opened in the Reader, saved as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from desktop.ui import quote_book_panel
from tests.ui.browser_library import (
    COUNCIL_TITLE,
    SCHOOL,
    SCHOOL_TITLE,
    build_library,
    double_click,
)
from tests.ui.conftest import wait_settled

pytestmark = pytest.mark.gui


@pytest.fixture
def ids(db_path: Path) -> dict[str, int]:
    return build_library(db_path)


@pytest.fixture
def window(make_window, ids, qtbot):
    window = make_window(analyse=False)
    window.open_in_reader(ids[COUNCIL_TITLE])
    wait_settled(qtbot, window)
    return window


def shown(book) -> list[tuple[str, str, str]]:
    model = book.model
    return [
        (model.index(r, 0).data(), model.index(r, 1).data(), model.index(r, 2).data())
        for r in range(model.rowCount())
    ]


def test_every_quote_then_one_speakers_across_articles(window, qtbot, qtmodeltester) -> None:
    book = window.quote_book
    with qtbot.waitSignal(book.loaded):
        window.main_tabs.setCurrentWidget(book)
    qtmodeltester.check(book.model)
    assert len(shown(book)) == 4
    assert book.count_label.text() == "4 quotes"
    # The speaker box completes over the library's entity names.
    qtbot.waitUntil(lambda: book.names.rowCount() == 3)
    assert "Maria Lopez" in book.names.stringList()

    with qtbot.waitSignal(book.loaded):
        book.speaker.setText("Maria Lopez")
    assert shown(book) == [
        (
            '"Children need books more than ever,"',
            "Maria Lopez",
            SCHOOL_TITLE,
        ),
        ('"We will build the library,"', "Maria Lopez", COUNCIL_TITLE),
    ]
    assert book.model.index(0, 3).data() == "2024-03-08"
    qtmodeltester.check(book.model)
    tooltip = book.model.index(0, 0).data(0x03)  # ToolTipRole: the sentence around it
    assert '"Children need books more than ever," Maria Lopez said.' in tooltip

    # Words narrow the list (debounced, off the GUI thread).
    with qtbot.waitSignal(book.loaded):
        qtbot.keyClicks(book.words, "library")
    assert [row[2] for row in shown(book)] == [COUNCIL_TITLE]
    assert book.count_label.text() == "1 quote by Maria Lopez"


def test_double_click_opens_the_article_with_the_quote_selected(window, ids, qtbot) -> None:
    book = window.quote_book
    window.main_tabs.setCurrentWidget(book)
    with qtbot.waitSignal(book.loaded):
        book.show_speaker("Mayor Lopez")
    assert [row[2] for row in shown(book)] == [SCHOOL_TITLE]
    double_click(qtbot, book.table, book.model.index(0, 0))
    wait_settled(qtbot, window)
    qtbot.waitUntil(lambda: window.state.article_id == ids[SCHOOL_TITLE])
    assert window.main_tabs.currentWidget() is window.splitter
    start = SCHOOL.index('"Reading matters')
    end = SCHOOL.index('family,"') + len('family,"')
    assert window.view.selected_range() == (start, end)


def test_csv_export_reads_back(window, qtbot, tmp_path: Path) -> None:
    book = window.quote_book
    window.main_tabs.setCurrentWidget(book)
    with qtbot.waitSignal(book.loaded):
        book.show_speaker("Maria Lopez")
    out = tmp_path / "maria.csv"
    with qtbot.waitSignal(book.message) as said:
        book.export_csv(out)
    assert said.args == [f"Saved 2 quotes to {out}"]
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["speaker_resolved"], r["article_title"]) for r in rows] == [
        ("Maria Lopez", SCHOOL_TITLE),
        ("Maria Lopez", COUNCIL_TITLE),
    ]
    assert rows[1]["quote"] == '"We will build the library,"'


def test_all_quotes_by_this_speaker_from_the_reader(window, qtbot) -> None:
    panel = window.quotes_panel
    daniel = next(
        r
        for r in range(panel.model.rowCount())
        if "opens next year" in panel.model.index(r, 0).data()
    )
    panel.table.setCurrentIndex(panel.model.index(daniel, 0))
    menu = QMenu()
    panel.fill_context_menu(menu)
    action = next(a for a in menu.actions() if a.text() == "All quotes by this speaker")
    book = window.quote_book
    with qtbot.waitSignal(book.loaded):
        action.trigger()
    assert window.main_tabs.currentWidget() is book
    assert book.speaker.text() == "Daniel Weber"
    assert shown(book) == [('"It opens next year,"', "Daniel Weber", COUNCIL_TITLE)]

    # The entities panel offers the same.
    window.main_tabs.setCurrentWidget(window.splitter)
    entities = window.entities_panel
    entities.select_entity(next(e.id for e in window.state.entities if e.name == "Maria Lopez"))
    menu.deleteLater()
    menu = QMenu()
    entities._fill(menu)
    with qtbot.waitSignal(book.loaded):
        next(a for a in menu.actions() if a.text() == "All quotes by this speaker").trigger()
    assert book.speaker.text() == "Maria Lopez"
    assert len(shown(book)) == 2
    menu.deleteLater()


def test_a_long_list_shows_its_first_rows_and_exports_them_all(
    window, qtbot, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(quote_book_panel, "LIMIT", 1)
    book = window.quote_book
    with qtbot.waitSignal(book.loaded):
        window.main_tabs.setCurrentWidget(book)
    assert len(shown(book)) == 1
    assert book.count_label.text() == "The first 1 of 4 quotes"
    out = tmp_path / "all.csv"
    with qtbot.waitSignal(book.message):
        book.export_csv(out)
    with out.open(encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == 4
