"""The user's own annotations: add, change, reject, restore, delete and undo."""

from __future__ import annotations

import pytest

from desktop.core import Library
from desktop.errors import InvalidInputError, NotFoundError
from tests.core.fakes import document, span

TEXT = 'Dr Ines Moreau told the panel: "Prices will fall." Nobody else spoke.'


@pytest.fixture
def article_id(library: Library) -> int:
    found = library.import_document(document(TEXT, "Panel"), analyze=False).article_id
    assert found is not None
    return found


def test_manual_entity_has_anchor_and_entity(library: Library, article_id: int) -> None:
    start, end = span(TEXT, "Ines Moreau")
    added = library.add_entity(article_id, start, end, "person")
    assert (added.exact, added.label, added.source, added.status) == (
        "Ines Moreau",
        "PERSON",
        "manual",
        "active",
    )
    assert added.prefix == TEXT[:start]
    assert added.suffix == TEXT[end : end + 32]
    assert added.entity_name == "Ines Moreau"
    assert library.list_articles()[0].entity_count == 1


def test_manual_quote_with_speaker_and_cue(library: Library, article_id: int) -> None:
    q_start, q_end = span(TEXT, '"Prices will fall."')
    s_start, s_end = span(TEXT, "Ines Moreau")
    c_start, c_end = span(TEXT, "told")
    quote = library.add_quote(
        article_id,
        q_start,
        q_end,
        speaker_start=s_start,
        speaker_end=s_end,
        cue_start=c_start,
        cue_end=c_end,
    )
    assert quote.quote is not None
    assert (quote.quote.speaker, quote.quote.cue, quote.quote.speaker_name) == (
        "Ines Moreau",
        "told",
        "Ines Moreau",
    )
    cleared = library.update_annotation(quote.id, clear_speaker=True, kind="mixed")
    assert cleared.quote is not None
    assert (cleared.quote.speaker, cleared.quote.speaker_entity_id, cleared.quote.kind) == (
        None,
        None,
        "mixed",
    )
    assert library.list_articles()[0].quote_count == 1


def test_a_quotes_cue_can_be_moved_and_cleared(library: Library, article_id: int) -> None:
    quote = library.add_quote(article_id, *span(TEXT, '"Prices will fall."'))
    assert quote.quote is not None and quote.quote.cue is None
    c_start, c_end = span(TEXT, "told the panel")
    moved = library.update_annotation(quote.id, cue_start=c_start, cue_end=c_end)
    assert moved.quote is not None
    assert (moved.quote.cue, moved.quote.cue_start, moved.quote.cue_end) == (
        "told the panel",
        c_start,
        c_end,
    )
    assert moved.quote.kind == "direct" and moved.source == "manual"
    [book] = library.quotes()
    assert book.cue == "told the panel"
    with pytest.raises(InvalidInputError, match="both"):
        library.update_annotation(quote.id, cue_start=c_start)
    with pytest.raises(InvalidInputError):
        library.update_annotation(quote.id, cue_start=0, cue_end=len(TEXT) + 5)
    cleared = library.update_annotation(quote.id, clear_cue=True)
    assert cleared.quote is not None
    assert (cleared.quote.cue, cleared.quote.cue_start, cleared.quote.cue_end) == (None, None, None)
    entity = library.add_entity(article_id, *span(TEXT, "Ines Moreau"), "PERSON")
    with pytest.raises(InvalidInputError, match="only a quote"):
        library.update_annotation(entity.id, cue_start=c_start, cue_end=c_end)


def test_bad_offsets_and_labels_are_refused(library: Library, article_id: int) -> None:
    with pytest.raises(InvalidInputError):
        library.add_entity(article_id, 5, 5, "PERSON")
    with pytest.raises(InvalidInputError):
        library.add_entity(article_id, 0, len(TEXT) + 1, "PERSON")
    with pytest.raises(InvalidInputError):
        library.add_entity(article_id, 0, 2, "not a label!")
    with pytest.raises(InvalidInputError):
        library.add_quote(article_id, 0, 5, kind="sarcastic")
    with pytest.raises(InvalidInputError):
        library.add_quote(article_id, 0, 5, speaker_start=1)
    with pytest.raises(NotFoundError):
        library.add_entity(article_id + 100, 0, 2, "PERSON")
    with pytest.raises(NotFoundError):
        library.add_tag_span(article_id, 0, 2, 999)
    entity = library.add_entity(article_id, 0, 2, "PERSON")
    with pytest.raises(InvalidInputError):
        library.update_annotation(entity.id, kind="direct")
    assert len(library.annotations(article_id)) == 1


def test_reject_restore_and_listing(library: Library, article_id: int) -> None:
    start, end = span(TEXT, "panel")
    added = library.add_entity(article_id, start, end, "ORG")
    library.reject_annotation(added.id)
    assert library.annotations(article_id) == []
    assert [a.status for a in library.annotations(article_id, include_rejected=True)] == [
        "rejected"
    ]
    assert library.list_articles()[0].entity_count == 0
    assert library.restore_annotation(added.id).status == "active"
    assert library.list_articles()[0].entity_count == 1


def test_update_span_reanchors(library: Library, article_id: int) -> None:
    start, end = span(TEXT, "Ines")
    added = library.add_entity(article_id, start, end, "PERSON")
    start, end = span(TEXT, "Ines Moreau")
    moved = library.update_annotation(added.id, end=end)
    assert moved.exact == "Ines Moreau"
    assert moved.suffix.startswith(" told")


def test_delete_and_undo_keep_fields(library: Library, article_id: int) -> None:
    tag = library.create_tag("economy")
    start, end = span(TEXT, "Prices will fall")
    tagged = library.add_tag_span(article_id, start, end, tag.id)
    assert tagged.label == "economy"
    library.delete_annotation(tagged.id)
    with pytest.raises(NotFoundError):
        library.get_annotation(tagged.id)
    back = library.restore_deleted(tagged)
    assert (back.id, back.start, back.end, back.tag_id, back.label) == (
        tagged.id,
        start,
        end,
        tag.id,
        "economy",
    )


def test_annotations_sorted_by_start_and_filtered_by_layer(
    library: Library, article_id: int
) -> None:
    later = span(TEXT, "Nobody")
    earlier = span(TEXT, "Ines Moreau")
    library.add_entity(article_id, *later, "PERSON")
    library.add_entity(article_id, *earlier, "PERSON")
    q = span(TEXT, '"Prices will fall."')
    library.add_quote(article_id, *q)
    assert [a.exact for a in library.annotations(article_id)] == [
        "Ines Moreau",
        '"Prices will fall."',
        "Nobody",
    ]
    assert [a.layer for a in library.annotations(article_id, layer="quote")] == ["quote"]
    with pytest.raises(InvalidInputError):
        library.annotations(article_id, layer="colour")


def test_export_bundle_has_everything(library: Library, article_id: int) -> None:
    entity = library.add_entity(article_id, *span(TEXT, "Ines Moreau"), "PERSON")
    rejected = library.add_entity(article_id, *span(TEXT, "panel"), "ORG")
    library.reject_annotation(rejected.id)
    library.save_note(article_id, "article note")
    library.save_note(article_id, "span note", annotation_id=entity.id)
    bundle = library.article_annotations(article_id)
    assert bundle.article.text == TEXT
    assert {a.status for a in bundle.annotations} == {"active", "rejected"}
    assert {n.body for n in bundle.notes} == {"article note", "span note"}
    assert {e.name for e in bundle.entities} == {"Ines Moreau", "panel"}
    assert library.find_article_by_hash(bundle.article.text_hash) == article_id
    assert library.find_article_by_hash("0" * 64) is None


def test_find_articles_by_url(library: Library) -> None:
    from desktop.types import Document, Metadata

    doc = Document(
        text="Bridge closed.",
        title="Bridge",
        format="html",
        metadata=Metadata(url="https://example.org/bridge"),
    )
    article_id = library.import_document(doc).article_id
    assert library.find_articles_by_url(" https://example.org/bridge ") == [article_id]
    assert library.find_articles_by_url("https://example.org/other") == []
    assert library.find_articles_by_url("") == []
