"""The Library tab: search as you type, filters, saved searches, sorting, deleting, tagging."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desktop.core import Library
from desktop.types import MATCH_END, MATCH_START, Document, Metadata
from desktop.ui.library_query import SearchRequest
from desktop.ui.library_table_model import DATE, MATCH, SNIPPET_ROLE, TAGS, TITLE
from desktop.ui.snippet_delegate import snippet_html, trim_lead_in
from tests.ui.fake_nlp import Analyzer

pytestmark = pytest.mark.gui

COUNCIL = "Council approves river library"
BUDGET = "Budget vote delayed again"
FERRY = "Harbour ferry keeps running"
OPENING = "Library opening draws a crowd"
MAYOR = "Mayor Lopez visits the reading room"

ARTICLES = [
    (
        COUNCIL,
        "txt",
        "2005-03-10",
        "Daily River",
        'The council voted to build a library. "We owe the children a place to read", '
        "Maria Lopez said. The library will open in two years.",
    ),
    (
        BUDGET,
        "html",
        "2005-06-02",
        "Evening Post",
        'The vote on the budget was delayed. "The library money is safe", Daniel Weber said. '
        "Councillors will meet again in July.",
    ),
    (
        FERRY,
        "md",
        "2004-11-20",
        "Harbour News",
        'The ferry will keep running through the winter. "The pier is sound", Helena Brandt '
        "said after the inspection.",
    ),
    (
        OPENING,
        "md",
        "2005-09-01",
        "Daily River",
        "Hundreds came to the opening of the new library on Saturday. Maria Lopez cut the "
        "ribbon while children queued for their first library cards.",
    ),
    (
        MAYOR,
        "txt",
        "2005-10-15",
        "Evening Post",
        "Mayor Lopez spent the morning in the reading room and praised the staff.",
    ),
]


@pytest.fixture
def library_db(db_path: Path) -> Path:
    """A library of five analysed articles; "Mayor Lopez" merged into "Maria Lopez"."""
    docs = [
        Document(
            text=f"{title}\n\n{body}\n",
            title=title,
            format=fmt,
            metadata=Metadata(date=date, site=site),
        )
        for title, fmt, date, site, body in ARTICLES
    ]
    with Library.open(db_path, analyzer=Analyzer(), daily_backup=False) as library:
        library.import_documents(docs)
        maria = library.find_entity("Maria Lopez")
        mayor = library.find_entity("Mayor Lopez")
        assert maria is not None and mayor is not None
        library.merge_entities(maria.id, [mayor.id])
        tag = library.create_tag("budget")
        budget_id = next(s.id for s in library.list_articles() if s.title == BUDGET)
        library.tag_article(budget_id, tag.id)
    return db_path


@pytest.fixture
def window(make_window, library_db: Path):
    window = make_window()
    window.main_tabs.setCurrentWidget(window.library_tab)
    return window


def settle(qtbot, tab) -> None:
    """Wait for the debounce, the search, and every row's list entry."""
    qtbot.waitUntil(lambda: not tab._debounce.isActive() and tab.model.loaded)
    model = tab.model
    for row in range(model.rowCount()):
        model.index(row, TITLE).data()  # asks for the rows a view would show
    qtbot.waitUntil(lambda: all(model.summary(r) for r in range(model.rowCount())))


def titles(qtbot, tab) -> list[str]:
    settle(qtbot, tab)
    return [tab.model.index(r, TITLE).data() for r in range(tab.model.rowCount())]


def test_tab_lists_every_article_newest_first(window, qtbot, qtmodeltester) -> None:
    tab = window.library_tab
    assert window.main_tabs.tabText(window.main_tabs.indexOf(tab)) == "Library"
    assert sorted(titles(qtbot, tab)) == sorted([MAYOR, OPENING, FERRY, BUDGET, COUNCIL])
    ids = [tab.model.article_id(r) for r in range(5)]
    assert ids == sorted(ids, reverse=True)  # newest import first
    assert "5 articles" in tab.status.text()
    assert tab.table.isColumnHidden(MATCH)
    qtmodeltester.check(tab.model)
    row = titles(qtbot, tab).index(BUDGET)
    assert tab.model.index(row, TAGS).data() == "budget"
    assert tab.model.index(row, DATE).data() == "2005-06-02"


def test_typing_shows_ranked_hits_with_marked_snippets(window, qtbot, qtmodeltester) -> None:
    tab = window.library_tab
    settle(qtbot, tab)
    qtbot.keyClicks(tab.filters.search, "library")
    found = titles(qtbot, tab)
    # Title matches weigh most; the ferry and the mayor's visit do not say "library".
    assert set(found) == {COUNCIL, BUDGET, OPENING}
    assert found[0] in (COUNCIL, OPENING)
    assert not tab.table.isColumnHidden(MATCH)
    snippet = tab.model.index(0, MATCH).data(SNIPPET_ROLE)
    assert MATCH_START in snippet
    assert "<b>library</b>" in snippet_html(snippet).lower()
    assert MATCH_START not in tab.model.index(0, MATCH).data()  # plain text for display
    assert "3 results" in tab.status.text()
    qtmodeltester.check(tab.model)
    # Changing the query replaces the hits; clearing it lists the library again.
    tab.filters.search.clear()
    qtbot.keyClicks(tab.filters.search, "ferry")
    assert titles(qtbot, tab) == [FERRY]
    tab.filters.search.clear()
    assert len(titles(qtbot, tab)) == 5
    assert tab.table.isColumnHidden(MATCH)


def test_stale_results_are_dropped(window, qtbot) -> None:
    tab = window.library_tab
    settle(qtbot, tab)
    # Two requests queued at once: only the last one's rows may show.
    tab.model.set_request(SearchRequest(query="library"))
    tab.model.set_request(SearchRequest(query="ferry"))
    qtbot.waitUntil(lambda: window.database.pending == 0)
    assert titles(qtbot, tab) == [FERRY]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"entity": "Maria Lopez"}, {COUNCIL, OPENING}),
        ({"entity": "Mayor Lopez"}, {COUNCIL, OPENING}),  # an alias after the merge
        ({"speaker": "Daniel Weber"}, {BUDGET}),
        ({"tag": "budget"}, {BUDGET}),
        ({"since": "2005-05-01", "until": "2005-12-31"}, {BUDGET, OPENING}),
        ({"format": "md"}, {OPENING}),
    ],
)
def test_each_filter_combines_with_the_query(window, qtbot, edit, expected) -> None:
    tab = window.library_tab
    bar = tab.filters
    settle(qtbot, tab)
    bar.search.setText("library")
    for field in ("entity", "speaker"):
        if field in edit:
            qtbot.keyClicks(getattr(bar, field), edit[field])
    for field in ("tag", "format"):
        if field in edit:
            combo = getattr(bar, field)
            combo.setCurrentIndex(combo.findData(edit[field]))
            combo.activated.emit(combo.currentIndex())
    for field in ("since", "until"):
        if field in edit:
            getattr(bar, field).setDate(QDate.fromString(edit[field], "yyyy-MM-dd"))
    assert set(titles(qtbot, tab)) == expected
    # The filter alone (no query) lists its articles whatever their words.
    bar.search.clear()
    alone = set(titles(qtbot, tab))
    assert expected <= alone
    if "entity" in edit:
        assert alone == {COUNCIL, OPENING, MAYOR}  # the mayor's visit has no "library"


def test_saved_search_lifecycle_survives_a_new_window(
    make_window, library_db, qtbot, monkeypatch
) -> None:
    window = make_window()
    window.main_tabs.setCurrentWidget(window.library_tab)
    tab = window.library_tab
    settle(qtbot, tab)
    tab.filters.search.setText("library")
    tab.filters.format.setCurrentIndex(tab.filters.format.findData("md"))
    tab.run_search()
    assert titles(qtbot, tab) == [OPENING]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Library pieces", True))
    qtbot.mouseClick(tab.sidebar.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [s.name for s in tab.sidebar.saved()] == ["Library pieces"])
    saved = tab.sidebar.saved()[0]
    assert (saved.query, saved.format) == ("library", "md")

    # "All articles" lists everything; clicking the collection runs it again.
    all_item = tab.sidebar.list.item(0)
    tab.sidebar.list.itemClicked.emit(all_item)
    assert len(titles(qtbot, tab)) == 5
    assert tab.filters.search.text() == ""
    tab.sidebar.list.itemClicked.emit(tab.sidebar.item_of(saved.id))
    assert titles(qtbot, tab) == [OPENING]
    assert tab.filters.search.text() == "library"
    assert tab.filters.format.currentData() == "md"

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Opening day", True))
    tab.sidebar.rename_requested.emit(saved)
    qtbot.waitUntil(lambda: [s.name for s in tab.sidebar.saved()] == ["Opening day"])
    window.close()

    second = make_window()
    second.main_tabs.setCurrentWidget(second.library_tab)
    tab = second.library_tab
    qtbot.waitUntil(lambda: [s.name for s in tab.sidebar.saved()] == ["Opening day"])
    tab.sidebar.list.itemClicked.emit(tab.sidebar.item_of(saved.id))
    assert titles(qtbot, tab) == [OPENING]
    asked: list[str] = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    tab.sidebar.delete_requested.emit(tab.sidebar.saved()[0])
    qtbot.waitUntil(lambda: tab.sidebar.saved() == [])
    assert "Opening day" in asked[0]
    second.close()
    third = make_window()
    third.main_tabs.setCurrentWidget(third.library_tab)
    settle(qtbot, third.library_tab)
    qtbot.waitUntil(lambda: third.database.pending == 0)
    assert third.library_tab.sidebar.saved() == []


def test_multi_select_delete_asks_then_deletes(window, qtbot, monkeypatch) -> None:
    tab = window.library_tab
    settle(qtbot, tab)
    tab.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: tab.model.sort_state() == (TITLE, False))
    assert titles(qtbot, tab)[:2] == [BUDGET, COUNCIL]
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def answer(*args, **kwargs):
        asked.append(args[2])
        return answers[len(asked) - 1]

    monkeypatch.setattr(QMessageBox, "question", answer)
    tab.select_rows([0, 1])
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "these 2 articles" in asked[0]
    qtbot.waitUntil(lambda: window.database.pending == 0)
    assert len(titles(qtbot, tab)) == 5  # "No" kept them
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3)
    assert titles(qtbot, tab) == [FERRY, OPENING, MAYOR]
    qtbot.waitUntil(lambda: window.articles.rowCount() == 3)  # the Reader's list follows


def test_sort_by_any_column(window, qtbot) -> None:
    tab = window.library_tab
    settle(qtbot, tab)
    tab.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: tab.model.sort_state() == (TITLE, False))
    assert titles(qtbot, tab) == sorted(titles(qtbot, tab), key=str.casefold)
    tab.table.sortByColumn(DATE, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: tab.model.sort_state() == (DATE, True))
    assert titles(qtbot, tab) == [MAYOR, OPENING, BUDGET, COUNCIL, FERRY]
    tab.table.sortByColumn(TAGS, Qt.SortOrder.AscendingOrder)  # sorted here, not by the core
    qtbot.waitUntil(lambda: tab.model.sort_state() == (TAGS, False))
    assert titles(qtbot, tab)[0] == BUDGET
    # Search results sort too, and a search starts by relevance again.
    qtbot.keyClicks(tab.filters.search, "library")
    settle(qtbot, tab)
    assert tab.model.sort_state() == (MATCH, False)
    tab.table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: tab.model.sort_state() == (DATE, False))
    assert titles(qtbot, tab) == [COUNCIL, BUDGET, OPENING]


def test_enter_opens_the_article_in_the_reader(window, qtbot) -> None:
    tab = window.library_tab
    settle(qtbot, tab)
    row = titles(qtbot, tab).index(FERRY)
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(row, TITLE))
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.state.article is not None and window.state.article.title == FERRY
    )
    assert window.main_tabs.currentWidget() is window.splitter


def test_add_and_remove_a_document_tag(window, qtbot) -> None:
    tab = window.library_tab
    settle(qtbot, tab)
    qtbot.waitUntil(lambda: bool(tab._tags))
    budget = tab._tags[0]
    tab.table.sortByColumn(TITLE, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: tab.model.sort_state() == (TITLE, True))
    assert titles(qtbot, tab)[:2] == [MAYOR, OPENING]
    tab.select_rows([0, 1])
    ids = tab.selected_ids()
    tab.set_tag(ids, budget, on=True)
    qtbot.waitUntil(lambda: tab.model.index(0, TAGS).data() == "budget")
    assert tab.model.index(1, TAGS).data() == "budget"
    tab.filters.tag.setCurrentIndex(tab.filters.tag.findData("budget"))
    tab.run_search()
    assert set(titles(qtbot, tab)) == {BUDGET, MAYOR, OPENING}
    tab.set_tag([ids[0]], budget, on=False)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    assert set(titles(qtbot, tab)) == {BUDGET, OPENING}


def test_big_lists_come_in_two_steps_and_results_page_in(
    window, qtbot, qtmodeltester, monkeypatch
) -> None:
    # Small steps, so five articles take the path 100,000 do.
    monkeypatch.setattr("desktop.ui.library_table_model.FIRST_ROWS", 2)
    monkeypatch.setattr("desktop.ui.library_table_model.PAGE", 2)
    tab = window.library_tab
    settle(qtbot, tab)
    tab.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    # The count and the first rows first; every id follows, and then every row fills.
    assert titles(qtbot, tab) == sorted(t for t, *_ in ARTICLES)
    qtmodeltester.check(tab.model)
    inserted: list[tuple[int, int]] = []
    tab.model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    qtbot.keyClicks(tab.filters.search, "library")
    # A first page of two; the view, not full, asks for the next page itself.
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3)
    assert inserted == [(2, 2)]
    qtbot.waitUntil(lambda: tab.model.exact)
    assert tab.model.total == 3
    assert not tab.model.canFetchMore()
    qtbot.waitUntil(lambda: tab.status.text().startswith("3 results"))
    qtmodeltester.check(tab.model)
    assert set(titles(qtbot, tab)) == {COUNCIL, BUDGET, OPENING}


def test_a_long_lead_in_is_trimmed_so_the_match_shows_in_a_narrow_column() -> None:
    snippet = (
        f"The council met on a long and rainy Tuesday to discuss the {MATCH_START}bridge{MATCH_END}"
    )
    trimmed = trim_lead_in(snippet, lambda text: len(text) <= 20)
    assert trimmed.startswith("…")
    assert trimmed.endswith(f"{MATCH_START}bridge{MATCH_END}")
    assert len(trimmed[: trimmed.index(MATCH_START)]) <= 20
    assert trim_lead_in(snippet, lambda text: True) == snippet
