"""Search as a reader uses it: any string works, ranking, snippets and filters."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import Library
from desktop.errors import InvalidInputError
from desktop.types import MATCH_END, MATCH_START
from tests.core.fakes import FakeAnalyzer, document

ARTICLES = [
    (
        "Harbour tunnel opens",
        "The harbour tunnel opened on Monday. Traffic was light.",
        "2005-01-10",
        "txt",
    ),
    (
        "Council budget",
        "The council debated the budget. The tunnel was mentioned once.",
        "2005-02-20",
        "md",
    ),
    (
        "Programming notes",
        "Learning C++ isn't easy, don't rush. Tunnelling is a C++ idiom.",
        "2005-03-05",
        "html",
    ),
]


@pytest.fixture
def ids(library: Library) -> list[int]:
    found = []
    for title, text, date, fmt in ARTICLES:
        outcome = library.import_document(document(text, title, date=date, fmt=fmt))
        assert outcome.article_id is not None
        found.append(outcome.article_id)
    return found


def hit_ids(hits) -> list[int]:
    return [h.article_id for h in hits]


def test_ranking_prefers_the_title_and_marks_matches(library: Library, ids: list[int]) -> None:
    hits = library.search("tunnel")
    assert hit_ids(hits)[:2] == [ids[0], ids[1]]
    assert f"{MATCH_START}tunnel{MATCH_END}" in hits[0].snippet
    assert hits[0].score > hits[1].score
    assert library.count_search("tunnel") == 2


def test_prefix_and_phrase(library: Library, ids: list[int]) -> None:
    assert set(hit_ids(library.search("tunnel*"))) == set(ids)
    assert hit_ids(library.search('"harbour tunnel"')) == [ids[0]]
    assert hit_ids(library.search('"tunnel harbour"')) == []
    assert hit_ids(library.search('"harbour tun"*')) == [ids[0]]


def test_typed_punctuation_is_text(library: Library, ids: list[int]) -> None:
    assert hit_ids(library.search("C++")) == [ids[2]]
    assert hit_ids(library.search("don't")) == [ids[2]]
    assert hit_ids(library.search("isn't AND")) == []  # "and" is a word here, not an operator
    assert hit_ids(library.search('budget "council')) == [ids[1]]  # unbalanced quote
    assert hit_ids(library.search("(budget")) == [ids[1]]


def test_words_are_anded(library: Library, ids: list[int]) -> None:
    assert hit_ids(library.search("tunnel council")) == [ids[1]]


def test_empty_query_lists_filtered_articles(library: Library, ids: list[int]) -> None:
    assert hit_ids(library.search("")) == ids[::-1]
    assert hit_ids(library.search("", format="md")) == [ids[1]]
    assert hit_ids(library.search("", since="2005-02-01")) == [ids[2], ids[1]]
    assert hit_ids(library.search("", until="2005-02-20")) == [ids[1], ids[0]]
    assert hit_ids(library.search("tunnel", since="2005-02", until="2005-02-28")) == [ids[1]]
    assert library.count_search("", format="html") == 1
    assert hit_ids(library.search("+++")) == []


def test_limit_and_offset(library: Library, ids: list[int]) -> None:
    paged = hit_ids(library.search("the", limit=1)) + hit_ids(library.search("the", offset=1))
    assert paged == hit_ids(library.search("the"))
    assert len(paged) == 2
    assert hit_ids(library.search("the OR")) == []  # "OR" is a word no article has


def test_bad_filters_are_clear_errors(library: Library, ids: list[int]) -> None:
    with pytest.raises(InvalidInputError):
        library.search("x", since="last week")
    with pytest.raises(InvalidInputError):
        library.search("x", limit=-1)


def test_unknown_names_find_nothing(library: Library, ids: list[int]) -> None:
    assert library.search("tunnel", entity="Nobody") == []
    assert library.search("tunnel", speaker="Nobody") == []
    assert library.search("tunnel", tag="none") == []
    assert library.count_search("tunnel", tag="none") == 0


def test_entity_and_speaker_filters(library: Library) -> None:
    library.analyzer = FakeAnalyzer()
    first = library.import_document(
        document('"Rates rise", Ann Lee said. Bob Hart agreed about rates.', "A")
    ).article_id
    second = library.import_document(document("Bob Hart wrote about rates.", "B")).article_id
    assert set(hit_ids(library.search("rates", entity="Bob Hart"))) == {first, second}
    assert hit_ids(library.search("rates", speaker="Ann Lee")) == [first]
    assert hit_ids(library.search("", speaker="Bob Hart")) == []


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text())
def test_any_string_is_a_valid_query(library: Library, query: str) -> None:
    if not library.count_articles():
        for title, text, date, fmt in ARTICLES:
            library.import_document(document(text, title, date=date, fmt=fmt))
    hits = library.search(query)
    assert library.count_search(query) >= len(hits) or not query.strip()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "AND",
        "OR NOT",
        "NEAR(",
        "a:b",
        "^x",
        "-x",
        "x\x00y",
        "\ud800",
        "(((",
        "tunnel)",
        "'",
        "\\",
        "col:tunnel",
        "\u200b",
        "🙂",
        "naïve",
        "*tunnel",
    ],
)
def test_awkward_queries_do_not_fail(library: Library, ids: list[int], query: str) -> None:
    library.search(query)
    library.count_search(query)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(), words=st.text())
def test_any_string_is_a_valid_filter_or_quote_search(
    library: Library, name: str, words: str
) -> None:
    library.search(words, entity=name, speaker=name, tag=name, format=name)
    library.count_search(words, entity=name, speaker=name, tag=name, format=name)
    library.quotes(speaker=name, text=words)
    library.find_entity(name)
    library.entities(query=name)
