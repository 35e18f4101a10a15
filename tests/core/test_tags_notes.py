"""Tags and notes, and notes in full-text search."""

from __future__ import annotations

import pytest

from desktop.core import Library
from desktop.errors import InvalidInputError, NotFoundError
from tests.core.fakes import document


def test_tag_crud_and_article_tags(library: Library) -> None:
    article_id = library.import_document(document("Some text.", "A"), analyze=False).article_id
    assert article_id is not None
    tag = library.create_tag("Follow up", color="#FF0000", shortcut="Ctrl+1")
    assert (tag.name, tag.color, tag.shortcut) == ("Follow up", "#ff0000", "Ctrl+1")
    with pytest.raises(InvalidInputError):
        library.create_tag("follow UP")
    with pytest.raises(InvalidInputError):
        library.create_tag("Other", color="red")
    with pytest.raises(InvalidInputError):
        library.create_tag("Other", shortcut="Ctrl+1")
    library.tag_article(article_id, tag.id)
    library.tag_article(article_id, tag.id)  # twice is once
    assert library.get_article(article_id).tags == ("Follow up",)
    renamed = library.update_tag(tag.id, name="Check", shortcut="")
    assert (renamed.name, renamed.shortcut) == ("Check", None)
    assert library.list_articles()[0].tags == ("Check",)
    assert [h.article_id for h in library.search("", tag="check")] == [article_id]
    library.untag_article(article_id, tag.id)
    assert library.get_article(article_id).tags == ()
    library.delete_tag(tag.id)
    assert library.tags() == []
    with pytest.raises(NotFoundError):
        library.tag_article(article_id, tag.id)


def test_notes_are_saved_found_and_deleted(library: Library) -> None:
    article_id = library.import_document(
        document("Plain body text.", "A"), analyze=False
    ).article_id
    assert article_id is not None
    assert library.get_note(article_id) is None
    library.save_note(article_id, "remember the zeppelin")
    note = library.save_note(article_id, "remember the zeppelin angle")
    assert library.notes(article_id) == [note]
    hits = library.search("zeppelin")
    assert [h.article_id for h in hits] == [article_id]
    assert "\x02zeppelin\x03" in hits[0].snippet
    gone = library.save_note(article_id, "   ")
    assert gone.id == 0
    assert library.get_note(article_id) is None
    assert library.search("zeppelin") == []


def test_note_on_annotation_of_another_article_is_refused(library: Library) -> None:
    first = library.import_document(document("First text.", "A"), analyze=False).article_id
    second = library.import_document(document("Second text.", "B"), analyze=False).article_id
    assert first is not None and second is not None
    span = library.add_entity(first, 0, 5, "ORG")
    with pytest.raises(NotFoundError):
        library.save_note(second, "x", annotation_id=span.id)


def test_deleting_an_article_removes_it_from_search(library: Library) -> None:
    article_id = library.import_document(document("Walrus facts.", "W"), analyze=False).article_id
    assert article_id is not None
    library.save_note(article_id, "walrus note")
    library.delete_article(article_id)
    assert library.search("walrus") == []
    assert library.count_articles() == 0
    assert library.check().ok


def test_typed_text_sqlite_cannot_store_is_dropped(library: Library) -> None:
    article_id = library.import_document(document("Body.", "A"), analyze=False).article_id
    assert article_id is not None
    note = library.save_note(article_id, "half\ud800 a\x00note")
    assert note.body == "half anote"
    tag = library.create_tag("odd\x00\udc80 tag")
    assert tag.name == "odd tag"
