"""The quote book in pages: newest first, undated last, the same order whichever filter."""

from __future__ import annotations

import pytest

from desktop.core import Library
from desktop.errors import InvalidInputError
from tests.core.fakes import FakeAnalyzer, document

# (date, quotes by speaker); each quote is '"Words N", Name said.'
ARTICLES = [
    ("2005-03-01", ["Ann Lee", "Bob Hart"]),
    (None, ["Ann Lee"]),
    ("2004-07-12", ["Bob Hart", "Ann Lee", "Cy Dunn"]),
    ("2005-03-01", ["Cy Dunn"]),
    (None, ["Bob Hart", "Bob Hart"]),
    ("2005-11-30", ["Ann Lee"]),
]


@pytest.fixture
def library_with_quotes(library: Library) -> Library:
    library.analyzer = FakeAnalyzer()
    number = 0
    for index, (date, speakers) in enumerate(ARTICLES):
        parts = []
        for name in speakers:
            number += 1
            parts.append(f'"Words number {number} on rates", {name} said.')
        library.import_document(document(" ".join(parts), f"Article {index}", date=date))
    return library


def expected_order(library: Library) -> list[int]:
    """Annotation ids in the documented order, worked out from the articles themselves."""
    keyed = []
    for quote in library.quotes(article_id=None, speaker=None, limit=None):
        date = quote.article_date
        keyed.append(((date is None, "" if date is None else date, quote.article_id), quote))
    # Dated first, newest date first; then newest article first; then text order.
    ordered = sorted(keyed, key=lambda item: (item[0][0], item[1].start))
    ordered = sorted(ordered, key=lambda item: (item[0][1], item[0][2]), reverse=True)
    ordered = sorted(ordered, key=lambda item: item[0][0])
    return [quote.annotation_id for _, quote in ordered]


def test_every_page_continues_the_one_before(library_with_quotes: Library) -> None:
    library = library_with_quotes
    everything = library.quotes()
    assert len(everything) == library.count_quotes() == 10
    assert [q.annotation_id for q in everything] == expected_order(library)
    dates = [q.article_date for q in everything]
    assert dates[:7] == sorted(dates[:7], reverse=True) and dates[7:] == [None] * 3
    for size in (1, 3, 4, 7):
        pages = []
        for offset in range(0, 12, size):
            pages.extend(library.quotes(limit=size, offset=offset))
        assert pages == everything, size
    assert library.quotes(offset=8) == everything[8:]
    assert library.quotes(offset=20) == []


def test_filters_page_the_same_way(library_with_quotes: Library) -> None:
    library = library_with_quotes
    bob = library.quotes(speaker="Bob Hart")
    assert len(bob) == library.count_quotes(speaker="bob hart") == 4
    assert library.quotes(speaker="Bob Hart", limit=2, offset=2) == bob[2:]
    words = library.quotes(text="number 1")  # 1 and 10
    assert {q.text.split()[2] for q in words} == {"1", "10"}
    assert library.count_quotes(text="number 1") == 2
    assert library.quotes(text="rates", limit=3, offset=6) == library.quotes()[6:9]
    first = library.quotes()[0]
    in_article = library.quotes(article_id=first.article_id)
    assert library.count_quotes(article_id=first.article_id) == len(in_article)


def test_negative_pages_are_refused(library: Library) -> None:
    with pytest.raises(InvalidInputError):
        library.quotes(limit=-1)
    with pytest.raises(InvalidInputError):
        library.quotes(offset=-1)
