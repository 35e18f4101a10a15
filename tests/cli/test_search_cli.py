"""``newsdesk search``, ``searches`` and ``quotes --csv``: the same answers as the core API.

The library is filled through :class:`Library` with a fake analyser (no spaCy), then the
command line is asked what the GUI asks ``Library.search``; both must agree.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop.cli import main
from desktop.core import Library
from desktop.types import Analysis, QuoteSpan
from tests.core.fakes import FakeAnalyzer, document, names_and_quotes

ARTICLES = (
    (
        "Budget talks",
        '"Rates will rise", Ann Lee said. Bob Hart spoke on rates.',
        "2005-01-10",
        "txt",
    ),
    ("Rates again", "Bob Hart wrote about rates and the harbour.", "2005-03-02", "md"),
    ("Harbour", "The harbour reopened with no word on rates.", "2004-06-01", "html"),
    ("Minister", "Minister Hart spoke about rates at the harbour.", "2005-05-05", "txt"),
)


def run(*args: str, db: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def hits(out: str) -> list[int]:
    return [json.loads(line)["article_id"] for line in out.splitlines()]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib" / "library.sqlite3"
    with Library.open(path, analyzer=FakeAnalyzer()) as library:
        for title, text, date, fmt in ARTICLES:
            library.import_document(document(text, title, date=date, fmt=fmt))
        tag = library.create_tag("economy")
        library.tag_article(1, tag.id)
        library.tag_article(2, tag.id)
    return path


def core_search(db: Path, query: str, **filters: str) -> list[int]:
    with Library.open(db) as library:
        return [h.article_id for h in library.search(query, **filters)]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"entity": "Bob Hart"},
        {"entity": "bob hart"},
        {"speaker": "Ann Lee"},
        {"tag": "economy"},
        {"tag": "ECONOMY"},
        {"since": "2005-01-01"},
        {"until": "2005-03-02"},
        {"since": "2005", "until": "2005-03"},
        {"format": "md"},
        {"format": ".TXT"},
        {"entity": "Bob Hart", "tag": "economy", "since": "2005-02-01"},
        {"entity": "Nobody"},
        {"tag": "no such tag"},
    ],
)
def test_every_filter_with_a_query_matches_the_core_search(
    db: Path, filters: dict[str, str]
) -> None:
    args = [part for key, value in filters.items() for part in (f"--{key}", value)]
    code, out, err = run("search", "rates", *args, "--json", db=db)
    assert code == 0, err
    assert hits(out) == core_search(db, "rates", **filters)


def test_filters_narrow_the_query_as_a_reader_expects(db: Path) -> None:
    assert sorted(hits(run("search", "rates", "--json", db=db)[1])) == [1, 2, 3, 4]
    assert sorted(hits(run("search", "rates", "--entity", "Bob Hart", "--json", db=db)[1])) == [
        1,
        2,
    ]
    assert hits(run("search", "rates", "--speaker", "Ann Lee", "--json", db=db)[1]) == [1]
    assert hits(run("search", "rates", "--format", "html", "--json", db=db)[1]) == [3]
    assert hits(run("search", "harbour", "--until", "2004-12-31", "--json", db=db)[1]) == [3]


def test_a_bad_date_is_one_line_and_non_zero(db: Path) -> None:
    code, out, err = run("search", "rates", "--since", "last week", db=db)
    assert code != 0 and out == ""
    assert "2005-03-31" in err and len(err.strip().splitlines()) == 1


def test_after_a_merge_the_entity_filter_finds_both_aliases(db: Path) -> None:
    assert hits(run("search", "rates", "--entity", "Minister Hart", "--json", db=db)[1]) == [4]
    with Library.open(db) as library:
        bob = library.find_entity("Bob Hart")
        minister = library.find_entity("Minister Hart")
        assert bob is not None and minister is not None
        library.merge_entities(bob.id, [minister.id])
    for alias in ("Bob Hart", "Minister Hart"):
        out = run("search", "rates", "--entity", alias, "--json", db=db)[1]
        assert sorted(hits(out)) == [1, 2, 4]
        assert hits(out) == core_search(db, "rates", entity=alias)


def test_save_list_run_rename_and_delete_a_search(db: Path) -> None:
    code, out, err = run(
        "search",
        "rates",
        "--entity",
        "Bob Hart",
        "--since",
        "2005",
        "--save",
        "Hart",
        "--json",
        db=db,
    )
    assert code == 0 and "Saved as 'Hart'" in err
    assert sorted(hits(out)) == [1, 2]  # saving still prints the results

    code, out, _ = run("searches", "--json", db=db)
    [listed] = [json.loads(line) for line in out.splitlines()]
    assert (listed["name"], listed["query"], listed["entity"], listed["since"]) == (
        "Hart",
        "rates",
        "Bob Hart",
        "2005",
    )
    assert "Hart: 'rates' --entity 'Bob Hart' --since '2005'" in run("searches", db=db)[1]

    code, out, _ = run("searches", "run", "hart", "--json", db=db)
    assert code == 0
    assert hits(out) == core_search(db, "rates", entity="Bob Hart", since="2005")

    assert run("searches", "rename", "Hart", "Hart on rates", db=db)[0] == 0
    run("search", "harbour", "--save", "Harbour", db=db)
    code, _, err = run("searches", "rename", "harbour", "hart on rates", db=db)
    assert code != 0 and "already a saved search called 'Hart on rates'" in err
    assert run("searches", "delete", "Harbour", db=db)[0] == 0
    names = [json.loads(line)["name"] for line in run("searches", "--json", db=db)[1].splitlines()]
    assert names == ["Hart on rates"]
    code, _, err = run("searches", "run", "Harbour", db=db)
    assert code != 0 and "no saved search called 'Harbour'" in err


def test_searches_with_none_saved_says_so(db: Path) -> None:
    code, out, err = run("searches", db=db)
    assert code == 0 and out == "" and "--save NAME" in err


AWKWARD = 'He said, "fine"\nthen left'


def awkward_quotes(text: str) -> Analysis:
    """The usual fake analysis, plus every text in quotation marks after '=' as a quote."""
    found = names_and_quotes(text)
    start = text.find("=")
    if start < 0:
        return found
    end = len(text.rstrip())
    quote = QuoteSpan(start, end, text[start:end], "direct", speaker="Eve Moss", cue="wrote")
    return Analysis(entities=found.entities, quotes=(*found.quotes, quote))


def test_quote_book_csv_reads_back_with_every_awkward_cell(tmp_path: Path) -> None:
    db = tmp_path / "quotes.sqlite3"
    text = f"Eve Moss, the reviewer, wrote:\n\n={AWKWARD}, +1 -2 @x\n"
    with Library.open(db, analyzer=FakeAnalyzer(awkward_quotes)) as library:
        library.import_document(document(text, 'Title, with "marks"', date="2005-04-01"))
        expected = library.quotes(speaker="Eve Moss")
    out_file = tmp_path / "out" / "book.csv"
    code, _, err = run("quotes", "--speaker", "Eve Moss", "--csv", str(out_file), db=db)
    assert code == 0 and "1 quotes written" in err
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with out_file.open(encoding="utf-8-sig", newline="") as stream:
        [row] = list(csv.DictReader(stream))
    [quote] = expected
    assert "\n" in quote.text and '"' in quote.text and "," in quote.text
    assert row["quote"] == "'" + quote.text  # defused: a spreadsheet shows it as text
    assert row["speaker"] == "Eve Moss"
    assert row["article_title"] == 'Title, with "marks"'
    assert row["article_date"] == "2005-04-01"
    assert row["context"] == "'" + quote.context
    assert (row["article_id"], row["start"], row["end"]) == (
        str(quote.article_id),
        str(quote.start),
        str(quote.end),
    )

    code, out, _ = run("quotes", "--speaker", "Eve Moss", "--csv", "-", db=db)
    assert code == 0
    assert list(csv.DictReader(io.StringIO(out, newline=""))) == [row]


def test_quotes_csv_and_json_are_exclusive(db: Path) -> None:
    code, _, err = run("quotes", "--json", "--csv", "-", db=db)
    assert code != 0 and "--json or --csv" in err


def test_delete_several_articles_at_once(db: Path) -> None:
    code, out, _ = run("delete", "--yes", "1", "3", db=db)
    assert code == 0 and "2 deleted" in out
    assert sorted(hits(run("search", "rates", "--json", db=db)[1])) == [2, 4]
    code, _, err = run("delete", "--yes", "2", "99", db=db)
    assert code != 0 and "99" in err
    assert sorted(hits(run("search", "rates", "--json", db=db)[1])) == [2, 4]  # nothing deleted
