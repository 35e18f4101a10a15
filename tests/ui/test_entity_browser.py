"""The Entities tab: every entity of the library, its edits, and the articles naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from desktop.ui import entity_browser
from tests.ui.browser_library import (
    COUNCIL,
    COUNCIL_TITLE,
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
    window.open_in_reader(ids[SCHOOL_TITLE])
    wait_settled(qtbot, window)
    browser = window.entity_browser
    with qtbot.waitSignal(browser.loaded):
        window.main_tabs.setCurrentWidget(browser)
    wait_settled(qtbot, window)
    return window


def rows(browser) -> dict[str, object]:
    model = browser.model
    return {model.entity(r).name: model.entity(r) for r in range(model.rowCount())}


def select(browser, *names: str) -> None:
    selection = browser.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Rows
    for n, name in enumerate(names):
        index = browser.model.index(browser.model.row_of(rows(browser)[name].id), 0)
        mode = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            if n == 0
            else (QItemSelectionModel.SelectionFlag.Select)
        )
        if n == 0:
            selection.setCurrentIndex(index, mode | flags)
        else:
            selection.select(index, mode | flags)


def panel_entity(window, name: str):
    return next((e for e in window.state.entities if e.name == name), None)


def test_lists_every_entity_with_counts(window, qtmodeltester, qtbot) -> None:
    browser = window.entity_browser
    qtmodeltester.check(browser.model)
    shown = rows(browser)
    assert set(shown) == {"Maria Lopez", "Daniel Weber", "Mayor Lopez"}
    maria = shown["Maria Lopez"]
    assert (maria.mention_count, maria.article_count) == (3, 2)
    row = browser.model.row_of(maria.id)
    assert browser.model.index(row, 2).data() == 3
    assert browser.model.index(row, 3).data() == 2
    assert browser.count_label.text() == "3 entities"
    # Most mentioned first; a click on the Name header sorts by name.
    assert browser.model.entity(0).name == "Maria Lopez"
    browser.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [browser.model.entity(r).name for r in range(browser.model.rowCount())]
    assert names == ["Daniel Weber", "Maria Lopez", "Mayor Lopez"]
    qtmodeltester.check(browser.model)

    qtbot.keyClicks(browser.filter, "lopez")
    qtbot.waitUntil(lambda: browser.model.rowCount() == 2)
    assert browser.count_label.text() == "2 of 3 entities"


def test_merge_shows_one_entity_with_both_aliases_everywhere(window, qtbot, monkeypatch) -> None:
    browser = window.entity_browser
    select(browser, "Mayor Lopez", "Maria Lopez")
    # The dialog lists the selection most mentioned first; the user keeps Maria Lopez.
    monkeypatch.setattr(
        entity_browser.QInputDialog,
        "getItem",
        lambda _parent, _title, _label, items, *_a: (
            next(i for i in items if i.startswith("Maria Lopez")),
            True,
        ),
    )
    # The library lists reload too (their entity counts change).
    with qtbot.waitSignals([browser.entities_edited, window.articles.reloaded]):
        browser.ask_merge()
    wait_settled(qtbot, window)
    shown = rows(browser)
    assert set(shown) == {"Maria Lopez", "Daniel Weber"}
    merged = shown["Maria Lopez"]
    assert set(merged.aliases) >= {"Maria Lopez", "Mayor Lopez"}
    assert (merged.mention_count, merged.article_count) == (5, 2)
    # The Reader's entities panel (the school article is open) says the same.
    here = panel_entity(window, "Maria Lopez")
    assert "Mayor Lopez" in here.aliases and here.mention_count == 3
    assert panel_entity(window, "Mayor Lopez") is None
    assert "Mayor Lopez" in window.entities_panel.model.index_of(here.id).siblingAtColumn(2).data()
    highlighted = {a.entity_id for a in window.view.annotations if a.layer == "entity"}
    assert here.id in highlighted and shown["Maria Lopez"].id == here.id

    with qtbot.waitSignal(browser.entities_edited):
        window.controller.undo_stack.undo()
    wait_settled(qtbot, window)
    assert set(rows(browser)) == {"Maria Lopez", "Daniel Weber", "Mayor Lopez"}
    assert panel_entity(window, "Mayor Lopez") is not None


def test_split_rename_and_change_type(window, qtbot, monkeypatch) -> None:
    browser = window.entity_browser
    shown = rows(browser)
    browser.merge(shown["Maria Lopez"], [shown["Mayor Lopez"]])
    wait_settled(qtbot, window)
    browser.split_alias(rows(browser)["Maria Lopez"], "Mayor Lopez")
    wait_settled(qtbot, window)
    shown = rows(browser)
    assert shown["Mayor Lopez"].mention_count == 2
    assert "Mayor Lopez" not in shown["Maria Lopez"].aliases
    assert panel_entity(window, "Mayor Lopez") is not None

    select(browser, "Daniel Weber")
    monkeypatch.setattr(entity_browser.QInputDialog, "getText", lambda *_a: ("Dan Weber", True))
    browser.ask_rename(rows(browser)["Daniel Weber"])
    wait_settled(qtbot, window)
    shown = rows(browser)
    assert "Daniel Weber" not in shown and "Daniel Weber" in shown["Dan Weber"].aliases
    assert browser.articles_heading.text().endswith("“Dan Weber” · double-click to read one")

    browser.set_label(shown["Dan Weber"], "ORG")
    wait_settled(qtbot, window)
    assert rows(browser)["Dan Weber"].label == "ORG"
    browser.type_box.setCurrentIndex(browser.type_box.findData("ORG"))
    assert set(rows(browser)) == {"Dan Weber"}
    assert browser.count_label.text() == "1 of 3 entities"


def test_click_lists_articles_and_double_click_reads_the_first_mention(
    window, ids, qtbot, qtmodeltester
) -> None:
    browser = window.entity_browser
    daniel = rows(browser)["Daniel Weber"]
    rect = browser.table.visualRect(browser.model.index(browser.model.row_of(daniel.id), 0))
    qtbot.mouseClick(browser.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: browser.articles_model.rowCount() == 1)
    qtmodeltester.check(browser.articles_model)
    assert browser.articles_model.index(0, 0).data() == COUNCIL_TITLE

    maria = rows(browser)["Maria Lopez"]
    browser.select_entity(maria.id)
    qtbot.waitUntil(lambda: browser.articles_model.rowCount() == 2)
    titles = [browser.articles_model.index(r, 0).data() for r in range(2)]
    assert titles == [SCHOOL_TITLE, COUNCIL_TITLE]  # newest first
    qtmodeltester.check(browser.articles_model)

    table = browser.articles_table
    double_click(qtbot, table, browser.articles_model.index(1, 0))
    wait_settled(qtbot, window)
    qtbot.waitUntil(lambda: window.state.article_id == ids[COUNCIL_TITLE])
    assert window.main_tabs.currentWidget() is window.splitter
    start = COUNCIL.index("Maria Lopez")
    assert window.view.selected_range() == (start, start + len("Maria Lopez"))


def test_dates_and_numbers_are_left_out_until_all_types_is_chosen(window, qtbot) -> None:
    browser = window.entity_browser
    assert browser.type_box.currentText() == entity_browser.NAMES_ITEM
    daniel = rows(browser)["Daniel Weber"]
    browser.set_label(daniel, "DATE")  # as a small pipeline might tag "Monday"
    wait_settled(qtbot, window)
    assert "Daniel Weber" not in rows(browser)
    browser.type_box.setCurrentIndex(browser.type_box.findData(None))
    assert rows(browser)["Daniel Weber"].label == "DATE"
