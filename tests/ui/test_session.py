"""The whole session of issue 4's "done when", with the real pipeline in its own process.

Open the sample, see entities and quotes, fix a speaker, tag a passage, write a note, undo
and redo, quit, reopen: everything is as it was left.
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import wait_settled

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.slow]


@pytest.fixture(scope="module")
def pipeline() -> str:
    from desktop.nlp import installed_pipelines

    names = installed_pipelines()
    if not names:
        pytest.skip("no spaCy pipeline installed")
    return names[0]


def test_read_fix_tag_note_undo_quit_reopen(make_window, qtbot, db_path, preferences, pipeline):
    window = make_window(provider="desktop.nlp", in_process=False, settle=False)
    wait_settled(qtbot, window, timeout=180_000)
    article = window.state.article
    assert article is not None and article.analysed, "the sample is shown, analysed"
    text = article.text
    assert window.state.active("entity") and window.state.active("quote")
    assert window.view.extraSelections()

    # Fix a speaker: the reader says the first quote was said by whoever they select.
    quote = window.quotes_panel.model.quote(0)
    speaker_at = text.index("Okafor")
    window.quotes_panel.select_quote(quote.id)
    window.view.select_range(speaker_at, speaker_at + len("Okafor"))
    window.controller.set_speaker_from_selection(quote)
    wait_settled(qtbot, window)
    fixed = window.state.annotation(quote.id)
    assert fixed.quote.speaker_start == speaker_at and fixed.source == "manual"

    # Tag a passage.
    window.controller.create_tag("Follow up", "#56b4e9", None)
    wait_settled(qtbot, window)
    passage = text.index("Not everyone was convinced.")
    window.view.select_range(passage, passage + len("Not everyone was convinced."))
    window.controller.add_tag(window.state.tags[0])
    wait_settled(qtbot, window)
    assert [a.label for a in window.state.active("tag")] == ["Follow up"]

    # Write a note.
    window.show_article_note()
    qtbot.waitUntil(window.notes_panel.editor.isEnabled)
    qtbot.keyClicks(window.notes_panel.editor, "Ask the council for the traffic studies.")

    # Undo and redo the tag.
    stack = window.controller.undo_stack
    stack.undo()
    wait_settled(qtbot, window)
    assert window.state.active("tag") == []
    stack.redo()
    wait_settled(qtbot, window)
    assert [a.label for a in window.state.active("tag")] == ["Follow up"]

    # Quit (the note is saved on close), reopen on the same library and settings.
    window.close()
    again = make_window(
        db=db_path, prefs=preferences, provider="desktop.nlp", in_process=False, settle=False
    )
    wait_settled(qtbot, again, timeout=180_000)
    assert again.state.article_id == article.id
    kept = again.state.annotation(quote.id)
    assert kept.quote.speaker_start == speaker_at and kept.source == "manual"
    assert [(a.start, a.label) for a in again.state.active("tag")] == [(passage, "Follow up")]
    again.show_article_note()
    qtbot.waitUntil(
        lambda: again.notes_panel.editor.toPlainText() == "Ask the council for the traffic studies."
    )
