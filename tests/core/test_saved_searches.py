"""Saved searches (smart collections): saved as typed, run like a search, renamed, deleted."""

from __future__ import annotations

import pytest

from desktop.core import Library
from desktop.errors import InvalidInputError, NotFoundError
from tests.core.fakes import FakeAnalyzer, document


@pytest.fixture
def ids(library: Library) -> list[int]:
    library.analyzer = FakeAnalyzer()
    found = []
    for title, text, date in (
        ("Budget talks", '"Rates will rise", Ann Lee said. Bob Hart spoke on rates.', "2005-01-10"),
        ("Rates again", "Bob Hart wrote about rates and the harbour.", "2005-03-02"),
        ("Harbour", "The harbour reopened with no word on rates.", "2004-06-01"),
    ):
        outcome = library.import_document(document(text, title, date=date))
        assert outcome.article_id is not None
        found.append(outcome.article_id)
    return found


def hit_ids(hits) -> list[int]:
    return [h.article_id for h in hits]


def test_a_saved_search_finds_what_the_search_finds(library: Library, ids: list[int]) -> None:
    saved = library.save_search("Hart on rates", "rates", entity="Bob Hart", since="2005-01-01")
    assert saved.id > 0 and saved.created
    assert (saved.query, saved.entity, saved.since, saved.speaker) == (
        "rates",
        "Bob Hart",
        "2005-01-01",
        None,
    )
    expected = library.search("rates", entity="Bob Hart", since="2005-01-01")
    assert hit_ids(library.run_saved_search(saved.id)) == hit_ids(expected) != []
    assert hit_ids(library.run_saved_search(saved.id, limit=1, offset=1)) == hit_ids(expected)[1:2]


def test_every_filter_is_kept(library: Library, ids: list[int]) -> None:
    tag = library.create_tag("economy")
    library.tag_article(ids[0], tag.id)
    saved = library.save_search(
        "all filters",
        "rates",
        entity="Bob Hart",
        speaker="Ann Lee",
        tag="economy",
        since="2005",
        until="2005-12-31",
        format="TXT",
    )
    [listed] = library.saved_searches()
    assert listed == saved
    assert hit_ids(library.run_saved_search(saved.id)) == [ids[0]]


def test_listed_by_name_ignoring_case(library: Library, ids: list[int]) -> None:
    for name in ("beta", "Alpha", "gamma"):
        library.save_search(name, "rates")
    assert [s.name for s in library.saved_searches()] == ["Alpha", "beta", "gamma"]


def test_saving_under_an_existing_name_replaces_its_filters(
    library: Library, ids: list[int]
) -> None:
    first = library.save_search("Watch", "harbour", since="2005-01-01", entity="Bob Hart")
    again = library.save_search("  WATCH ", "rates", speaker="Ann Lee")
    assert again.id == first.id and again.created == first.created
    assert (again.name, again.query, again.speaker, again.entity, again.since) == (
        "WATCH",
        "rates",
        "Ann Lee",
        None,
        None,
    )
    assert len(library.saved_searches()) == 1
    assert hit_ids(library.run_saved_search(first.id)) == [ids[0]]


def test_bad_input_is_refused_and_nothing_is_saved(library: Library, ids: list[int]) -> None:
    with pytest.raises(InvalidInputError, match="name"):
        library.save_search("   ", "rates")
    with pytest.raises(InvalidInputError, match="date"):
        library.save_search("later", "rates", since="last week")
    assert library.saved_searches() == []


def test_blank_filters_filter_nothing(library: Library, ids: list[int]) -> None:
    saved = library.save_search("plain", "rates", entity="", speaker=" ", tag=None)
    assert (saved.entity, saved.speaker, saved.tag) == (None, None, None)
    assert set(hit_ids(library.run_saved_search(saved.id))) == set(ids)


def test_rename_and_delete(library: Library, ids: list[int]) -> None:
    one = library.save_search("one", "rates")
    two = library.save_search("two", "harbour")
    renamed = library.rename_saved_search(one.id, " First  one ")
    assert renamed.name == "First one" and renamed.query == "rates"
    assert library.rename_saved_search(two.id, "TWO").name == "TWO"  # only the case changes
    with pytest.raises(InvalidInputError, match="already a saved search called 'TWO'"):
        library.rename_saved_search(one.id, "two")
    with pytest.raises(InvalidInputError):
        library.rename_saved_search(one.id, "")
    library.delete_saved_search(two.id)
    assert [s.name for s in library.saved_searches()] == ["First one"]
    assert library.find_saved_search("first ONE") == renamed
    assert library.find_saved_search("two") is None


def test_unknown_ids_are_not_found(library: Library) -> None:
    for call in (
        lambda: library.run_saved_search(99),
        lambda: library.rename_saved_search(99, "x"),
        lambda: library.delete_saved_search(99),
    ):
        with pytest.raises(NotFoundError, match="no saved search 99"):
            call()


def test_a_saved_entity_filter_follows_a_later_merge(library: Library) -> None:
    library.analyzer = FakeAnalyzer()
    first = library.import_document(document("Anna Berg opened the bridge.", "A")).article_id
    second = library.import_document(document("Minister Berg spoke at the bridge.", "B"))
    saved = library.save_search("Berg", "bridge", entity="Anna Berg")
    assert hit_ids(library.run_saved_search(saved.id)) == [first]
    anna = library.find_entity("Anna Berg")
    minister = library.find_entity("Minister Berg")
    assert anna is not None and minister is not None
    library.merge_entities(anna.id, [minister.id])
    assert set(hit_ids(library.run_saved_search(saved.id))) == {first, second.article_id}


def test_saved_searches_survive_reopening(library: Library, ids: list[int]) -> None:
    saved = library.save_search("keep", "rates", since="2005", until="2005-02-01")
    path = library.path
    library.close()
    with Library.open(path) as again:
        assert again.saved_searches() == [saved]
        assert hit_ids(again.run_saved_search(saved.id)) == [ids[0]]
