"""File > Export annotations and File > Import annotations, through the dialog and the worker."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from desktop.core import Library
from desktop.ui.annotation_exchange import ImportReportDialog
from desktop.ui.export_dialog import CurrentArticle, ExportDialog
from tests.core.fakes import document
from tests.ui.browser_library import COUNCIL, COUNCIL_TITLE, SCHOOL_TITLE, build_library
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


def export(qtbot, window, fmt: str, out: Path, *, scope: str = "current"):
    dialog = window.exchange.make_dialog(window)
    dialog.set_format(fmt)
    {"current": dialog.current_button, "library": dialog.library_button}[scope].setChecked(True)
    dialog.target.setText(str(out))
    request = dialog.request()
    dialog.deleteLater()
    with qtbot.waitSignal(window.exchange.exported, timeout=30_000) as done:
        window.exchange.export(request)
    return done.args[0]


def test_the_dialog_offers_current_selected_and_whole_library(qtbot, tmp_path: Path) -> None:
    dialog = ExportDialog(
        current=CurrentArticle(4, "An article"), selected=[7, 9, 7], folder=tmp_path
    )
    qtbot.addWidget(dialog)
    assert dialog.selected_button.isChecked() and dialog.article_ids() == (7, 9)
    dialog.current_button.setChecked(True)
    assert dialog.article_ids() == (4,)
    dialog.library_button.setChecked(True)
    assert dialog.article_ids() is None
    dialog.set_format("brat")
    assert dialog.request().out == tmp_path / "library-annotations-brat"
    dialog.set_format("spacy")
    assert dialog.request().out == tmp_path / "library-annotations.spacy"
    dialog.target.clear()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()

    nothing_open = ExportDialog(current=None, folder=tmp_path)
    qtbot.addWidget(nothing_open)
    assert not nothing_open.current_button.isEnabled()
    assert nothing_open.library_button.isChecked()


def test_each_format_for_the_current_article(window, qtbot, tmp_path: Path) -> None:
    report = export(qtbot, window, "jsonl", tmp_path / "one.jsonl")
    assert (report.articles, report.format) == (1, "jsonl")
    (line,) = (tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["text"] == COUNCIL
    labels = {(s["label"], COUNCIL[s["start"] : s["end"]]) for s in record["spans"]}
    assert ("PERSON", "Daniel Weber") in labels
    assert record["relations"]

    export(qtbot, window, "spacy", tmp_path / "one.spacy")
    from spacy.tokens import DocBin

    from desktop.exchange.tokens import blank_english

    (doc,) = DocBin().from_disk(tmp_path / "one.spacy").get_docs(blank_english().vocab)
    assert doc.text == COUNCIL
    assert {e.text for e in doc.ents} == {"Maria Lopez", "Daniel Weber"}
    assert len(doc.spans["quotes"]) == 2

    export(qtbot, window, "w3c", tmp_path / "one.jsonld")
    assert json.loads((tmp_path / "one.jsonld").read_text(encoding="utf-8"))

    report = export(qtbot, window, "brat", tmp_path / "brat")
    assert {".ann", ".txt"} <= {p.suffix for p in report.files}
    txt = next(p for p in report.files if p.suffix == ".txt")
    assert txt.read_text(encoding="utf-8") == COUNCIL

    report = export(qtbot, window, "csv", tmp_path / "tables")
    quotes = next(p for p in report.files if "quote" in p.name)
    with quotes.open(encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == 2

    report = export(qtbot, window, "markdown", tmp_path / "notes")
    (md,) = report.files
    assert COUNCIL_TITLE in md.read_text(encoding="utf-8")
    assert window.statusBar().currentMessage().startswith("Exported 1 article with")


def test_whole_library_and_a_refused_target(window, qtbot, tmp_path: Path) -> None:
    report = export(qtbot, window, "jsonl", tmp_path / "all.jsonl", scope="library")
    titles = {
        json.loads(line)["meta"]["title"]
        for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    }
    assert report.articles == 2 and titles == {COUNCIL_TITLE, SCHOOL_TITLE}

    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    dialog = window.exchange.make_dialog(window)
    dialog.set_format("brat")
    dialog.target.setText(str(tmp_path / "a-file"))
    with qtbot.waitSignal(window.exchange.failed) as failed:
        window.exchange.export(dialog.request())
    dialog.deleteLater()
    assert "a-file" in failed.args[0]


def test_import_places_annotations_in_a_fresh_library(
    window, make_window, qtbot, tmp_path: Path
) -> None:
    export(qtbot, window, "jsonl", tmp_path / "council.jsonl")
    fresh_db = tmp_path / "fresh" / "library.sqlite3"
    fresh = Library.open(fresh_db)
    fresh.import_documents([document(COUNCIL, COUNCIL_TITLE)], analyze=False)
    fresh.close()

    other = make_window(analyse=False, db=fresh_db)
    wait_settled(qtbot, other)
    assert not other.state.active("entity")
    with qtbot.waitSignal(other.exchange.imported) as done:
        other.exchange.import_file(tmp_path / "council.jsonl")
    report = done.args[0]
    wait_settled(qtbot, other)
    assert report.placed > 0 and not report.unplaced
    assert [(a.how, a.placed) for a in report.articles] == [("text hash", report.placed)]
    entities = {(a.exact, a.source) for a in other.state.active("entity")}
    assert entities == {("Maria Lopez", "manual"), ("Daniel Weber", "manual")}
    assert len(other.state.active("quote")) == 2
    dialog = other.exchange.report_dialog
    assert isinstance(dialog, ImportReportDialog)
    assert dialog.headline.text().startswith(f"Placed {report.placed} annotations in 1 article")
    assert "(text hash)" in dialog.details.toPlainText()


def test_import_reports_what_it_cannot_place(window, qtbot, tmp_path: Path) -> None:
    # A reviewer's copy of the council article where a name reads differently.
    text = COUNCIL.replace("Daniel Weber", "Dan Webber")
    spans = [
        {"start": text.index(name), "end": text.index(name) + len(name), "label": label}
        for name, label in (("Dan Webber", "PERSON"), ("the council", "ORG"))
    ]
    line = {"text": text, "spans": spans, "meta": {"title": COUNCIL_TITLE}}
    path = tmp_path / "reviewed.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with qtbot.waitSignal(window.exchange.imported) as done:
        window.exchange.import_file(path)
    wait_settled(qtbot, window)
    report = done.args[0]
    assert report.placed == 1
    assert [(u.text, u.reason) for u in report.unplaced] == [
        ("Dan Webber", "its text 'Dan Webber' is not in the article")
    ]
    dialog = window.exchange.report_dialog
    assert dialog.headline.text().endswith("1 could not be placed.")
    details = dialog.details.toPlainText()
    assert "(re-anchored), 1 placed, 1 not placed" in details
    assert "PERSON “Dan Webber”: its text 'Dan Webber' is not in the article" in details
    # The open article shows the placed one at once.
    assert ("the council", "ORG") in {(a.exact, a.label) for a in window.state.active("entity")}


def test_articles_selected_in_the_library_tab_are_a_scope(window, qtbot, tmp_path: Path) -> None:
    tab = window.library_tab
    window.main_tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2)
    tab.select_rows([0, 1])
    dialog = window.exchange.make_dialog(window)
    assert dialog.selected_button.isChecked()
    assert dialog.selected_button.text() == "Selected articles (2)"
    assert sorted(dialog.article_ids() or ()) == sorted(tab.selected_ids())
    dialog.set_format("jsonl")
    dialog.target.setText(str(tmp_path / "selected.jsonl"))
    with qtbot.waitSignal(window.exchange.exported) as done:
        window.exchange.export(dialog.request())
    dialog.deleteLater()
    assert done.args[0].articles == 2


def test_the_library_search_is_a_scope(window, qtbot, tmp_path: Path) -> None:
    from desktop.ui.library_query import SearchRequest

    tab = window.library_tab
    window.main_tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.model.loaded)
    assert not window.exchange.make_dialog(window).search_button.isEnabled()
    tab.show_request(SearchRequest(query="reading"))
    qtbot.waitUntil(lambda: tab.model.loaded and tab.model.searching)
    dialog = window.exchange.make_dialog(window)
    assert dialog.search_button.text() == "Articles the Library search finds (1)"
    dialog.search_button.setChecked(True)
    dialog.set_format("jsonl")
    dialog.target.setText(str(tmp_path / "found.jsonl"))
    with qtbot.waitSignal(window.exchange.exported) as done:
        window.exchange.export(dialog.request())
    dialog.deleteLater()
    assert done.args[0].articles == 1
    (line,) = (tmp_path / "found.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["meta"]["title"] == SCHOOL_TITLE
