"""The reading flows: analysis, entity navigation, hand tagging with undo, rejection, notes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core import Library
from tests.ui.conftest import ARTICLE, wait_settled, write

pytestmark = pytest.mark.gui


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    return write(tmp_path / "articles" / "library-vote.txt", ARTICLE)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def entity_named(window, name: str):
    return next(e for e in window.state.entities if e.name == name)


def test_analysis_highlights_entities_and_quotes(make_window, article_file: Path) -> None:
    window = make_window(files=[article_file])
    assert window.state.article is not None and window.state.article.analysed
    names = {e.name for e in window.state.entities}
    assert {"Maria Lopez", "Daniel Weber"} <= names
    # Every active entity and quote is drawn, plus each quote's speaker and cue.
    entities = len(window.state.active("entity"))
    quotes = len(window.state.active("quote"))
    assert quotes == 2
    assert len(window.view.extraSelections()) == entities + quotes * 3
    assert window.quotes_panel.model.rowCount() == 2
    assert window.quotes_panel.model.index(0, 1).data() == "Maria Lopez"
    assert "ready" in window.model_label.text()


def test_layers_toggle_and_legend(make_window, article_file: Path) -> None:
    window = make_window(files=[article_file])
    drawn = len(window.view.extraSelections())
    assert "PERSON" in window.legend.label_boxes
    window.legend.layer_boxes["quote"].setChecked(False)
    assert len(window.view.extraSelections()) == drawn - 2 * 3
    window.legend.label_boxes["PERSON"].setChecked(False)
    assert window.view.extraSelections() == []
    window.legend.layer_boxes["quote"].setChecked(True)
    window.legend.label_boxes["PERSON"].setChecked(True)
    assert len(window.view.extraSelections()) == drawn


def test_tooltip_names_label_entity_and_speaker(make_window, article_file: Path) -> None:
    window = make_window(files=[article_file])
    start, _ = span(ARTICLE, "Maria Lopez")
    tip = window.view._tooltip(start + 2)
    assert "Person" in tip and "Maria Lopez" in tip
    quote_start, _ = span(ARTICLE, "We owe")
    tip = window.view._tooltip(quote_start)
    assert "Quote" in tip and "speaker: Maria Lopez" in tip and "said" in tip


@pytest.mark.model
@pytest.mark.slow
def test_real_pipeline_analyses_in_a_spawned_process(make_window, qtbot, article_file) -> None:
    from desktop.nlp import installed_pipelines

    if not installed_pipelines():
        pytest.skip("no spaCy pipeline installed")
    window = make_window(
        files=[article_file], provider="desktop.nlp", in_process=False, settle=False
    )
    wait_settled(qtbot, window, timeout=180_000)
    process = window.analysis._process
    assert process is not None and process.pid != os.getpid()
    assert window.state.article is not None and window.state.article.model
    people = {e.name for e in window.state.entities if e.label == "PERSON"}
    assert "Maria Lopez" in people
    assert window.view.extraSelections()


def test_click_entity_selects_mentions_in_turn(make_window, qtbot, article_file) -> None:
    window = make_window(files=[article_file])
    panel = window.entities_panel
    entity = entity_named(window, "Daniel Weber")
    index = panel.proxy.mapFromSource(panel.model.index_of(entity.id))
    panel.tree.scrollTo(index)
    qtbot.mouseClick(
        panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=panel.tree.visualRect(index).center()
    )
    first, second = span(ARTICLE, "Daniel Weber"), span(ARTICLE, "Daniel Weber", 1)
    assert window.view.selected_range() == first
    assert window.view.textCursor().selectedText() == "Daniel Weber"
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert window.view.selected_range() == second
    assert panel.position.text() == "2 / 2"
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert window.view.selected_range() == first
    qtbot.mouseClick(panel.previous_button, Qt.MouseButton.LeftButton)
    assert window.view.selected_range() == second


def tag_spans(db: Path, article_id: int) -> list:
    with Library.open(db) as library:
        return library.annotations(article_id, layer="tag")


def test_tag_with_a_key_then_undo_and_redo(make_window, qtbot, db_path, article_file) -> None:
    window = make_window(files=[article_file])
    window.controller.create_tag("Promise", "#cc79a7", "1")
    wait_settled(qtbot, window)
    assert [t.name for t in window.state.tags] == ["Promise"]
    article_id = window.state.article_id
    start, end = span(ARTICLE, "It will open in two years")
    window.view.select_range(start, end)
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    wait_settled(qtbot, window)
    spans = tag_spans(db_path, article_id)
    assert [(s.start, s.end, s.label) for s in spans] == [(start, end, "Promise")]
    assert any(a.layer == "tag" for a in window.view.annotations)

    stack = window.controller.undo_stack
    assert stack.undoText().startswith("Tag")
    stack.undo()
    wait_settled(qtbot, window)
    assert tag_spans(db_path, article_id) == []
    assert not any(a.layer == "tag" for a in window.view.annotations)
    stack.redo()
    wait_settled(qtbot, window)
    again = tag_spans(db_path, article_id)
    assert [(s.start, s.end, s.label) for s in again] == [(start, end, "Promise")]
    assert any(a.layer == "tag" for a in window.view.annotations)


def test_rejected_automatic_entity_stays_rejected_after_reanalysis(
    make_window, qtbot, db_path, article_file
) -> None:
    window = make_window(files=[article_file])
    mention = next(a for a in window.state.active("entity") if a.exact == "Daniel Weber")
    assert mention.source == "auto"
    window.controller.reject([mention])
    wait_settled(qtbot, window)
    assert all(a.start != mention.start for a in window.state.active("entity"))
    with qtbot.waitSignal(window.analysis.analysed, timeout=10_000):
        window.reanalyse_current()
    wait_settled(qtbot, window)
    active = [a for a in window.state.active("entity") if a.start == mention.start]
    assert active == []
    rejected = [
        a for a in window.state.annotations if a.start == mention.start and a.layer == "entity"
    ]
    assert [a.status for a in rejected] == ["rejected"]
    # The other mention of the same name is untouched.
    assert any(a.exact == "Daniel Weber" for a in window.state.active("entity"))


def test_editing_an_automatic_annotation_makes_it_manual_and_undo_restores_it(
    make_window, qtbot, article_file
) -> None:
    window = make_window(files=[article_file])
    mention = next(a for a in window.state.active("entity") if a.exact == "Maria Lopez")
    window.controller.set_label(mention, "ORG")
    wait_settled(qtbot, window)
    changed = window.state.annotation(mention.id)
    assert changed is not None and changed.label == "ORG" and changed.source == "manual"
    window.controller.undo_stack.undo()
    wait_settled(qtbot, window)
    restored = next(a for a in window.state.active("entity") if a.start == mention.start)
    assert (restored.label, restored.source) == ("PERSON", "auto")


def test_fix_a_speaker_from_the_selection(make_window, qtbot, article_file) -> None:
    window = make_window(files=[article_file])
    second = window.quotes_panel.model.quote(1)
    assert second is not None and second.quote is not None
    # Say the reader knows the council's spokesman said it: select "Maria Lopez" instead.
    start, end = span(ARTICLE, "Maria Lopez", 1)
    window.quotes_panel.select_quote(second.id)
    window.view.select_range(start, end)
    window.controller.set_speaker_from_selection(second)
    wait_settled(qtbot, window)
    fixed = window.state.annotation(second.id)
    assert fixed is not None and fixed.quote is not None
    assert (fixed.quote.speaker_start, fixed.quote.speaker_end) == (start, end)
    assert fixed.source == "manual"
    assert window.quotes_panel.model.index(1, 1).data() == "Maria Lopez"
    window.controller.set_quote_kind(fixed, "indirect")
    wait_settled(qtbot, window)
    assert window.state.annotation(second.id).quote.kind == "indirect"


def test_add_quote_and_entity_from_a_selection(make_window, qtbot, article_file) -> None:
    window = make_window(files=[article_file])
    start, end = span(ARTICLE, "Her deputy, Daniel Weber, agreed.")
    window.view.select_range(start, end)
    window.controller.add_quote_from_selection()
    wait_settled(qtbot, window)
    assert window.quotes_panel.model.rowCount() == 3
    start, end = span(ARTICLE, "river district")
    window.view.select_range(start, end)
    window.controller.add_entity("LOC")
    wait_settled(qtbot, window)
    added = [a for a in window.state.active("entity") if a.start == start]
    assert [(a.label, a.source) for a in added] == [("LOC", "manual")]
    assert any(e.label == "LOC" for e in window.state.entities)


def test_note_autosaves_and_survives_a_new_window(
    make_window, qtbot, db_path, preferences, article_file
) -> None:
    window = make_window(files=[article_file])
    article_id = window.state.article_id
    window.show_article_note()
    notes = window.notes_panel
    qtbot.waitUntil(notes.editor.isEnabled)
    qtbot.keyClicks(notes.editor, "Check the *budget* figures")

    # Within a second, without closing anything, another connection sees the note: the
    # app could be killed now and keep it.
    def saved() -> bool:
        with Library.open(db_path) as library:
            note = library.get_note(article_id)
        return note is not None and note.body == "Check the *budget* figures"

    qtbot.waitUntil(saved, timeout=1500)
    window.close()
    again = make_window(db=db_path, prefs=preferences)
    assert again.state.article_id == article_id  # the last article read
    again.show_article_note()
    qtbot.waitUntil(lambda: again.notes_panel.editor.toPlainText() == "Check the *budget* figures")


def test_note_on_an_annotation_is_its_own(make_window, qtbot, db_path, article_file) -> None:
    window = make_window(files=[article_file])
    quote = window.quotes_panel.model.quote(0)
    window.show_annotation_note(quote)
    qtbot.waitUntil(window.notes_panel.editor.isEnabled)
    qtbot.keyClicks(window.notes_panel.editor, "Check this quote")
    window.show_article_note()  # switching saves at once
    wait_settled(qtbot, window)
    with Library.open(db_path) as library:
        assert library.get_note(quote.article_id, annotation_id=quote.id).body == (
            "Check this quote"
        )
        assert library.get_note(quote.article_id) is None


def test_library_list_selection_shows_that_article(make_window, qtbot, article_file) -> None:
    window = make_window()  # the samples
    table = window.library_panel.table
    model = window.articles
    qtbot.waitUntil(lambda: all(model.summary(r) for r in range(model.rowCount())))
    current = window.state.article_id
    row = next(r for r in range(model.rowCount()) if model.article_id(r) != current)
    index = model.index(row, 0)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: window.state.article_id == model.article_id(row))
    assert window.view.text == window.state.article.text
    assert model.summary(row).title in window.windowTitle()


def test_context_menu_offers_tagging_for_a_selection(make_window, qtbot, article_file) -> None:
    from PySide6.QtWidgets import QMenu

    window = make_window(files=[article_file])
    window.controller.create_tag("Check", "#e69f00", None)
    wait_settled(qtbot, window)
    start, end = span(ARTICLE, "Her deputy")
    window.view.select_range(start, end)
    menu = QMenu()
    window.controller.fill_text_menu(menu, span(ARTICLE, "Maria Lopez")[0])
    titles = [a.text() for a in menu.actions()]
    assert "Add entity" in titles and "Add quote" in titles and "Tag" in titles
    assert any(t.startswith("PERSON “Maria Lopez”") for t in titles)
    tag_menu = next(a.menu() for a in menu.actions() if a.text() == "Tag")
    next(a for a in tag_menu.actions() if a.text() == "Check").trigger()
    wait_settled(qtbot, window)
    assert [(a.start, a.label) for a in window.state.active("tag")] == [(start, "Check")]
    menu.deleteLater()


def test_double_click_on_a_quote_shows_it_in_the_quotes_panel(make_window, article_file) -> None:
    window = make_window(files=[article_file])
    quote = window.quotes_panel.model.quote(1)
    window.view.annotation_activated.emit(quote)
    assert window.side_tabs.currentWidget() is window.quotes_panel
    assert window.quotes_panel.current_quote().id == quote.id
    assert window.view.selected_range() == (quote.start, quote.end)


def test_move_an_entity_to_the_selection(make_window, qtbot, article_file) -> None:
    window = make_window(files=[article_file])
    mention = next(a for a in window.state.active("entity") if a.exact == "Maria Lopez")
    start = mention.start + len("Maria ")
    window.view.select_range(start, mention.end)
    window.controller.move_to_selection(mention)
    wait_settled(qtbot, window)
    moved = window.state.annotation(mention.id)
    assert (moved.start, moved.end, moved.exact, moved.source) == (
        start,
        mention.end,
        "Lopez",
        "manual",
    )
