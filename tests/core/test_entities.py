"""Library-wide entities: linking across articles, and the user's rename, merge and split."""

from __future__ import annotations

import pytest

from desktop.core import Library
from desktop.errors import InvalidInputError, NotFoundError
from desktop.types import Analysis, EntityMention, QuoteSpan
from tests.core.fakes import FakeAnalyzer, document, span


def mention(text: str, written: str, canonical: str, label: str = "PERSON", nth: int = 0):
    start, end = span(text, written, nth)
    return EntityMention(start, end, written, label, canonical)


def add(library: Library, text: str, *mentions: tuple[str, str] | tuple[str, str, str]) -> int:
    article_id = library.import_document(document(text), analyze=False).article_id
    assert article_id is not None
    found = [mention(text, *m) for m in mentions]
    library.store_analysis(article_id, Analysis(entities=tuple(found), model="fake"))
    return article_id


def test_surname_in_another_article_links_to_the_full_name(library: Library) -> None:
    add(library, "John Kerry flew to Oslo.", ("John Kerry", "John Kerry"))
    add(library, "Later, Kerry spoke again.", ("Kerry", "Kerry"))
    people = library.entities(label="PERSON")
    assert [(e.name, e.article_count) for e in people] == [("John Kerry", 2)]
    assert set(people[0].aliases) == {"John Kerry", "Kerry"}


def test_ambiguous_surname_stays_apart(library: Library) -> None:
    add(
        library,
        "Anna Smith and Ben Smith met.",
        ("Anna Smith", "Anna Smith"),
        ("Ben Smith", "Ben Smith"),
    )
    add(library, "Smith left early.", ("Smith", "Smith"))
    names = sorted(e.name for e in library.entities(label="PERSON"))
    assert names == ["Anna Smith", "Ben Smith", "Smith"]


def test_full_name_takes_over_an_earlier_bare_surname(library: Library) -> None:
    add(library, "Kerry arrived first.", ("Kerry", "Kerry"))
    add(library, "John Kerry arrived.", ("John Kerry", "John Kerry"))
    assert [e.name for e in library.entities(label="PERSON")] == ["John Kerry"]


def test_same_name_different_family_is_two_entities(library: Library) -> None:
    add(
        library,
        "Jordan scored. Jordan signed a treaty.",
        ("Jordan", "Jordan", "PERSON"),
        ("Jordan", "Jordan", "GPE", 1),
    )
    assert sorted(e.label for e in library.entities()) == ["GPE", "PERSON"]


def test_entity_filter_matches_every_alias(library: Library) -> None:
    first = add(
        library,
        "John Kerry flew to Oslo. Kerry was tired.",
        ("John Kerry", "John Kerry"),
        ("Kerry", "John Kerry"),
    )
    add(library, "Nobody of note flew to Oslo.")
    assert [h.article_id for h in library.search("Oslo", entity="kerry")] == [first]
    assert [h.article_id for h in library.search("Oslo", entity="JOHN KERRY")] == [first]
    assert library.search("Oslo", entity="Someone Else") == []


def test_rename_is_kept_by_later_imports(library: Library) -> None:
    add(library, "Bill Gates spoke.", ("Bill Gates", "Bill Gates"))
    entity = library.find_entity("bill gates")
    assert entity is not None
    renamed = library.rename_entity(entity.id, "William H. Gates")
    assert renamed.name == "William H. Gates"
    add(library, "Bill Gates spoke again.", ("Bill Gates", "Bill Gates"))
    people = library.entities(label="PERSON")
    assert [(e.id, e.name, e.article_count) for e in people] == [(entity.id, "William H. Gates", 2)]


def test_merge_is_kept_by_reanalysis_and_later_imports(library: Library) -> None:
    text = "Vladimir Putin and the Russian President met."
    article_id = add(
        library,
        text,
        ("Vladimir Putin", "Vladimir Putin"),
        ("Russian President", "Russian President"),
    )
    putin = library.find_entity("Vladimir Putin")
    title = library.find_entity("Russian President")
    assert putin is not None and title is not None
    merged = library.merge_entities(putin.id, [title.id])
    assert merged.mention_count == 2
    assert "Russian President" in merged.aliases
    with pytest.raises(NotFoundError):
        library.get_entity(title.id)
    # Re-analysis of the same article and a later import follow the merge.
    library.store_analysis(
        article_id,
        Analysis(entities=(mention(text, "Russian President", "Russian President"),), model="x"),
    )
    add(library, "The Russian President spoke.", ("Russian President", "Russian President"))
    people = library.entities(label="PERSON")
    assert [(e.id, e.article_count) for e in people] == [(putin.id, 2)]


def test_split_alias_moves_its_mentions_and_is_kept(library: Library) -> None:
    text = "George Bush met George W. Bush."
    add(library, text, ("George Bush", "George Bush"), ("George W. Bush", "George Bush"))
    bush = library.find_entity("George Bush")
    assert bush is not None
    assert bush.mention_count == 2
    son = library.split_alias(bush.id, "George W. Bush")
    assert son.name == "George W. Bush"
    assert son.mention_count == 1
    assert library.get_entity(bush.id).mention_count == 1
    add(library, "George W. Bush spoke.", ("George W. Bush", "George W. Bush"))
    assert library.get_entity(son.id).article_count == 2
    assert library.get_entity(bush.id).article_count == 1


def test_split_refuses_the_own_name_and_unknown_aliases(library: Library) -> None:
    add(library, "Ada Byron wrote.", ("Ada Byron", "Ada Byron"))
    ada = library.find_entity("Ada Byron")
    assert ada is not None
    with pytest.raises(InvalidInputError):
        library.split_alias(ada.id, "ada byron")
    with pytest.raises(NotFoundError):
        library.split_alias(ada.id, "Lovelace")


def test_relabel_is_kept_by_later_imports(library: Library) -> None:
    add(library, "Apple sued.", ("Apple", "Apple", "PERSON"))
    apple = library.find_entity("Apple")
    assert apple is not None
    library.set_entity_label(apple.id, "ORG")
    add(library, "Apple won.", ("Apple", "Apple", "PERSON"))
    assert [(e.name, e.label, e.article_count) for e in library.entities()] == [("Apple", "ORG", 2)]


def test_quote_speaker_links_to_the_person_and_feeds_the_quote_book(library: Library) -> None:
    library.analyzer = FakeAnalyzer()
    text = 'Jane Cole chaired it. "We start today", Jane Cole said. Then she left.'
    first = library.import_document(document(text, "Start")).article_id
    text2 = '"More tomorrow", Jane Cole said.'
    library.import_document(document(text2, "More"))
    entity = library.find_entity("Jane Cole")
    assert entity is not None
    book = library.quotes(speaker="jane cole")
    assert {q.text for q in book} == {'"We start today"', '"More tomorrow"'}
    assert all(q.speaker_name == "Jane Cole" for q in book)
    own = next(q for q in book if q.article_id == first)
    assert own.context == '"We start today", Jane Cole said.'
    assert library.search("today", speaker="Jane Cole")[0].article_id == first


def test_speaker_pronoun_is_not_an_entity(library: Library) -> None:
    text = '"Fine", he said.'
    article_id = library.import_document(document(text), analyze=False).article_id
    assert article_id is not None
    start, end = span(text, '"Fine"')
    s_start, s_end = span(text, "he")
    quote = QuoteSpan(
        start, end, '"Fine"', "direct", speaker="he", speaker_start=s_start, speaker_end=s_end
    )
    library.store_analysis(article_id, Analysis(quotes=(quote,), model="fake"))
    assert library.entities() == []
    assert library.quotes()[0].speaker == "he"


def test_deleting_an_article_drops_entities_only_it_named(library: Library) -> None:
    only = add(library, "Rita Mae wrote.", ("Rita Mae", "Rita Mae"))
    add(
        library, "Sam Wood wrote. Rita Mae too.", ("Sam Wood", "Sam Wood"), ("Rita Mae", "Rita Mae")
    )
    add(library, "Zed Ray wrote.", ("Zed Ray", "Zed Ray"))
    zed = library.find_entity("Zed Ray")
    assert zed is not None
    library.delete_article(only)
    assert library.find_entity("Rita Mae") is not None
    library.delete_article(library.entity_articles(zed.id)[0].id)
    assert library.find_entity("Zed Ray") is None


def test_entities_of_one_article_count_mentions_there(library: Library) -> None:
    text = "Lena Holt spoke. Lena Holt left."
    first = add(library, text, ("Lena Holt", "Lena Holt"), ("Lena Holt", "Lena Holt", "PERSON", 1))
    add(library, "Lena Holt again.", ("Lena Holt", "Lena Holt"))
    [lena] = library.entities(article_id=first)
    assert (lena.mention_count, lena.article_count) == (2, 2)
    assert [e.mention_count for e in library.entities()] == [3]


def test_entity_names_lists_names_and_aliases_for_completion(library: Library) -> None:
    add(library, "John Kerry flew to Oslo.", ("John Kerry", "John Kerry"), ("Oslo", "Oslo", "GPE"))
    add(library, "Later, Kerry spoke again.", ("Kerry", "Kerry"))
    assert library.entity_names() == ["John Kerry", "Kerry", "Oslo"]
    assert library.entity_names(labels=["person"]) == ["John Kerry", "Kerry"]
    assert library.entity_names(labels=[]) == []


def test_a_pronoun_or_description_resolved_to_a_speaker_is_not_an_alias(library: Library) -> None:
    text = (
        'Jane Cole spoke first. "We start today", she said. '
        '"More tomorrow", the regional minister said. "Done", Mayor Jane Cole said.'
    )
    article_id = add(library, text, ("Jane Cole", "Jane Cole"))
    quotes = []
    for quoted, written in (
        ('"We start today"', "she"),
        ('"More tomorrow"', "the regional minister"),
        ('"Done"', "Mayor Jane Cole"),
    ):
        start, end = span(text, quoted)
        s_start, s_end = span(text, written)
        quotes.append(
            QuoteSpan(
                start,
                end,
                quoted,
                "direct",
                speaker=written,
                speaker_start=s_start,
                speaker_end=s_end,
                speaker_resolved="Jane Cole",
            )
        )
    entity = library.entities(label="PERSON")[0]
    library.store_analysis(
        article_id,
        Analysis(entities=(mention(text, "Jane Cole", "Jane Cole"),), quotes=tuple(quotes)),
    )
    aliases = set(library.get_entity(entity.id).aliases)
    assert aliases == {"Jane Cole", "Mayor Jane Cole"}
    assert len(library.quotes(speaker="Jane Cole")) == 3
    assert library.search("", entity="she") == []


def test_a_speaker_described_not_named_makes_no_new_entity(library: Library) -> None:
    text = '"We will stay open", The library said.'
    article_id = library.import_document(document(text), analyze=False).article_id
    assert article_id is not None
    start, end = span(text, '"We will stay open"')
    s_start, s_end = span(text, "The library")
    quote = QuoteSpan(
        start,
        end,
        '"We will stay open"',
        "direct",
        speaker="The library",
        speaker_start=s_start,
        speaker_end=s_end,
    )
    library.store_analysis(article_id, Analysis(quotes=(quote,), model="fake"))
    assert library.entities() == []
    assert [q.speaker for q in library.quotes(speaker="The library")] == ["The library"]
