"""The query translator: whatever a person types becomes a valid FTS5 query."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.storage.fts_query import MAX_TERMS, Term, parse, sanitize, to_fts_query

DOCS = [
    "Talks on the trade deal resumed in Geneva.",
    "Learning C++ isn't easy; don't rush it.",
    "The minister's trade talks collapsed.",
    "Café owners protest AND march.",
]


@pytest.fixture(scope="module")
def fts() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE VIRTUAL TABLE doc USING fts5(body, tokenize='unicode61 remove_diacritics 2', "
        "prefix='2 3')"
    )
    connection.executemany("INSERT INTO doc (body) VALUES (?)", [(d,) for d in DOCS])
    yield connection
    connection.close()


def matches(connection: sqlite3.Connection, query: str) -> list[int]:
    match = to_fts_query(query)
    if match is None:
        return []
    rows = connection.execute(
        "SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY rowid", (match,)
    ).fetchall()
    return [r[0] - 1 for r in rows]


def test_words_phrases_and_prefixes_are_parsed() -> None:
    assert parse('trade "deal resumed" gen* "mini"*') == [
        Term("trade"),
        Term("deal resumed", phrase=True),
        Term("gen", prefix=True),
        Term("mini", prefix=True, phrase=True),
    ]
    assert to_fts_query('say "hi"') == '"say" AND "hi"'
    assert to_fts_query('a"b') == '"a" AND "b"'
    assert to_fts_query("   ") is None
    assert to_fts_query("+++ --- ***") is None


def test_sanitize_removes_what_sqlite_cannot_take() -> None:
    assert sanitize("a\x00b\ud800c") == "a b c"


def test_query_meaning(fts: sqlite3.Connection) -> None:
    assert matches(fts, "trade talks") == [0, 2]
    assert matches(fts, '"trade talks"') == [2]
    assert matches(fts, '"trade deal"') == [0]
    assert matches(fts, "tra*") == [0, 2]
    assert matches(fts, "C++") == [1]
    assert matches(fts, "don't") == [1]
    assert matches(fts, "AND") == [3]  # a word, not an operator
    assert matches(fts, "cafe") == [3]
    assert matches(fts, "minister's") == [2]
    assert matches(fts, '"unbalanced trade') == []
    assert matches(fts, 'trade "talks') == [0, 2]


def test_many_terms_are_capped() -> None:
    assert len(parse(" ".join(f"w{i}" for i in range(200)))) == MAX_TERMS


@settings(max_examples=1000, deadline=None)
@given(st.text())
def test_any_text_is_a_valid_query(text: str) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE doc USING fts5(body, prefix='2 3')")
    connection.execute("INSERT INTO doc (body) VALUES ('some words here')")
    match = to_fts_query(text)
    if match is not None:
        connection.execute("SELECT count(*) FROM doc WHERE doc MATCH ?", (match,)).fetchall()
    connection.close()


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                '"',
                "*",
                "(",
                ")",
                ":",
                "^",
                "-",
                "+",
                "AND",
                "OR",
                "NOT",
                "NEAR",
                " ",
                "x",
                "'",
                "\x00",
                "\ud800",
                "é",
                "{",
                "}",
                ",",
            ]
        ),
        max_size=20,
    )
)
def test_operator_soup_is_a_valid_query(parts: list[str]) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE doc USING fts5(a, b)")
    match = to_fts_query("".join(parts))
    if match is not None:
        connection.execute("SELECT count(*) FROM doc WHERE doc MATCH ?", (match,)).fetchall()
    connection.close()
