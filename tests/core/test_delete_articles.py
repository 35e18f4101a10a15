"""Deleting a multi-selection of articles: one transaction, search and entities in step."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.core import Library
from desktop.errors import StorageError
from tests.core.fakes import FakeAnalyzer, document


@pytest.fixture
def ids(library: Library) -> list[int]:
    library.analyzer = FakeAnalyzer()
    found = []
    for title, text in (
        ("Harbour one", '"The harbour is open", Rita Mae said. Sam Wood agreed.'),
        ("Harbour two", "Sam Wood toured the harbour. Zed Ray did not."),
        ("Harbour three", "Sam Wood left the harbour."),
        ("Bridge", "Nobody mentioned the bridge."),
    ):
        outcome = library.import_document(document(text, title))
        assert outcome.article_id is not None
        found.append(outcome.article_id)
    return found


def test_deletes_the_selection_with_what_hangs_on_it(library: Library, ids: list[int]) -> None:
    tag = library.create_tag("port")
    library.tag_article(ids[0], tag.id)
    library.save_note(ids[1], "harbour note")
    assert library.delete_articles([ids[1], ids[0], ids[0]]) == 2
    assert library.count_articles() == 2
    assert [h.article_id for h in library.search("harbour")] == [ids[2]]
    assert library.search("note") == []
    assert library.check().ok  # the search index matches the articles left
    # Entities only the deleted articles named are gone; shared ones stay, with new counts.
    assert library.find_entity("Rita Mae") is None
    assert library.find_entity("Zed Ray") is None
    sam = library.find_entity("Sam Wood")
    assert sam is not None and sam.article_count == 1
    assert library.quotes() == []
    assert [t.name for t in library.tags()] == ["port"]  # the tag itself stays


def test_ids_not_in_the_library_are_skipped(library: Library, ids: list[int]) -> None:
    assert library.delete_articles([]) == 0
    assert library.delete_articles([ids[3], 999]) == 1
    assert library.delete_articles([ids[3]]) == 0
    assert library.count_articles() == 3


def test_a_failure_part_way_deletes_nothing(library: Library, ids: list[int]) -> None:
    # Another program's rule refuses to delete the last article: the whole selection stays.
    connection = sqlite3.connect(library.path)
    connection.execute(
        f"CREATE TRIGGER keep_bridge BEFORE DELETE ON article WHEN old.id = {ids[3]} "
        "BEGIN SELECT RAISE(ABORT, 'kept'); END"
    )
    connection.commit()
    connection.close()
    with pytest.raises(StorageError):
        library.delete_articles(ids)
    assert library.count_articles() == 4
    assert library.find_entity("Rita Mae") is not None
    assert len(library.search("harbour")) == 3


def test_a_large_selection_is_deleted_in_one_go(library: Library) -> None:
    docs = [document(f"Story number {i} about the tide.", f"Story {i}") for i in range(1200)]
    outcomes = library.import_documents(docs, analyze=False)
    chosen = [o.article_id for o in outcomes if o.article_id is not None][:1100]
    assert library.delete_articles(chosen) == 1100
    assert library.count_articles() == 100
    assert library.count_search("tide") == 100
    assert library.check().ok
