"""Entity, tag and settings edits through the panels' controller, each undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core import Library
from desktop.ui import highlight_palette as hp
from desktop.ui.settings_dialog import SettingsChoice, SettingsDialog
from desktop.ui.tag_manager_dialog import TagManagerDialog
from tests.ui.conftest import ARTICLE, wait_settled, write

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window, tmp_path: Path):
    return make_window(files=[write(tmp_path / "a" / "library-vote.txt", ARTICLE)])


def named(window, name: str):
    return next((e for e in window.state.entities if e.name == name), None)


def undo(qtbot, window) -> None:
    window.controller.undo_stack.undo()
    wait_settled(qtbot, window)


def redo(qtbot, window) -> None:
    window.controller.undo_stack.redo()
    wait_settled(qtbot, window)


def test_rename_entity_and_undo(window, qtbot) -> None:
    entity = named(window, "Maria Lopez")
    window.controller.rename_entity(entity, "Mayor Maria Lopez")
    wait_settled(qtbot, window)
    assert named(window, "Mayor Maria Lopez") is not None
    assert window.entities_panel.model.index_of(entity.id).data() == "Mayor Maria Lopez"
    undo(qtbot, window)
    assert named(window, "Maria Lopez") is not None


def test_merge_split_and_their_undo(window, qtbot) -> None:
    maria, daniel = named(window, "Maria Lopez"), named(window, "Daniel Weber")
    window.controller.merge_entities(maria, [daniel])
    wait_settled(qtbot, window)
    merged = named(window, "Maria Lopez")
    assert named(window, "Daniel Weber") is None
    assert "Daniel Weber" in merged.aliases
    assert merged.mention_count == maria.mention_count + daniel.mention_count
    undo(qtbot, window)
    again = named(window, "Daniel Weber")
    assert again is not None and again.mention_count == daniel.mention_count
    assert named(window, "Maria Lopez").mention_count == maria.mention_count
    redo(qtbot, window)
    merged = named(window, "Maria Lopez")
    window.controller.split_alias(merged, "Daniel Weber")
    wait_settled(qtbot, window)
    split = named(window, "Daniel Weber")
    assert split is not None and split.mention_count == daniel.mention_count
    undo(qtbot, window)
    assert named(window, "Daniel Weber") is None


def test_change_entity_type_and_reject_it_here(window, qtbot) -> None:
    daniel = named(window, "Daniel Weber")
    window.controller.set_entity_label(daniel, "ORG")
    wait_settled(qtbot, window)
    assert named(window, "Daniel Weber").label == "ORG"
    window.controller.reject_entity(daniel, window.state.mentions(daniel.id))
    wait_settled(qtbot, window)
    assert not window.entities_panel.model.index_of(daniel.id).isValid()
    assert not [a for a in window.state.active("entity") if a.exact == "Daniel Weber"]
    undo(qtbot, window)
    assert len(window.state.mentions(daniel.id)) == 2


def test_tag_manager_create_rename_recolour_delete_and_undo(
    window, qtbot, monkeypatch, db_path
) -> None:
    dialog = TagManagerDialog(window.state, window.controller, window)
    qtbot.addWidget(dialog)
    window.controller.create_tag("Claim", hp.YELLOW, "2")
    wait_settled(qtbot, window)
    assert dialog.model.rowCount() == 1
    dialog.table.selectRow(0)
    tag = dialog.current()
    window.controller.update_tag(tag, name="Claims")
    wait_settled(qtbot, window)
    window.controller.update_tag(window.state.tags[0], color="#0072b2")
    wait_settled(qtbot, window)
    assert (window.state.tags[0].name, window.state.tags[0].color) == ("Claims", "#0072b2")
    text = window.view.text
    start = text.index("It will open")
    window.view.select_range(start, start + 12)
    window.controller.add_tag(window.state.tags[0])
    wait_settled(qtbot, window)
    assert [a.label for a in window.state.active("tag")] == ["Claims"]
    dialog.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.delete()
    wait_settled(qtbot, window)
    assert window.state.tags == () and window.state.active("tag") == []
    undo(qtbot, window)
    assert [t.name for t in window.state.tags] == ["Claims"]
    assert [(a.start, a.label) for a in window.state.active("tag")] == [(start, "Claims")]
    with Library.open(db_path) as library:
        assert [t.shortcut for t in library.tags()] == ["2"]


def test_settings_apply_font_theme_and_model(window, qtbot, preferences) -> None:
    dialog = SettingsDialog(
        SettingsChoice(None, "DejaVu Serif", 13.0, "system"), ["fake_model", "other"], window
    )
    qtbot.addWidget(dialog)
    assert dialog.model_box.count() == 3
    dialog.size_box.setValue(17)
    dialog.theme_box.setCurrentIndex(2)
    dialog.model_box.setCurrentText("other")
    choice = dialog.choice()
    assert choice.theme == "dark" and choice.model == "other"
    with qtbot.waitSignal(window.analysis.state_changed) as blocker:
        window.apply_settings(choice)
    assert blocker.args[0] in ("stopped", "starting")
    wait_settled(qtbot, window)
    assert window.view.reading_font_size() == 17
    assert hp.is_dark(window.view.palette())
    assert "other" in window.model_label.text()
    assert (preferences.font_size, preferences.theme, preferences.model) == (17.0, "dark", "other")
    window.apply_settings(SettingsChoice("other", "DejaVu Serif", 13.0, "light"))
    assert not hp.is_dark(window.view.palette())


def test_font_size_keys(window) -> None:
    size = window.view.reading_font_size()
    window.change_font_size(+1)
    assert window.view.reading_font_size() == size + 1
    window.change_font_size(0)
    assert window.view.reading_font_size() == 13


def test_delete_article_after_asking(window, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.ask_delete(window.state.article_id)
    wait_settled(qtbot, window)
    assert window.state.article is None
    assert window.articles.rowCount() == 0


def test_direct_quotes_only_setting_leaves_out_reported_speech(
    make_window, tmp_path: Path, qtbot, preferences
) -> None:
    text = ARTICLE + "\nMaria Lopez said that the shelves would be full by spring.\n"
    window = make_window(files=[write(tmp_path / "b" / "reported.txt", text)])
    assert {q.quote.kind for q in window.state.active("quote")} == {"direct", "indirect"}
    dialog = SettingsDialog(
        SettingsChoice(None, "DejaVu Serif", 13.0, "system"), ["fake_model"], window
    )
    qtbot.addWidget(dialog)
    assert not dialog.direct_box.isChecked()
    dialog.direct_box.setChecked(True)
    window.apply_settings(dialog.choice())
    assert preferences.direct_only and window.analysis.direct_only
    with qtbot.waitSignal(window.analysis.analysed, timeout=10_000):
        window.reanalyse_current()
    wait_settled(qtbot, window)
    assert {q.quote.kind for q in window.state.active("quote")} == {"direct"}
