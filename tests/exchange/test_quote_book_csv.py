"""The quote book as CSV: every awkward cell reads back, formulas are shown, not run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop.exchange.quote_book_csv import (
    QUOTE_BOOK_COLUMNS,
    write_quote_book_csv,
    write_quote_book_file,
)
from desktop.types import QuoteRecord


def record(text: str, **changes: object) -> QuoteRecord:
    fields: dict[str, object] = {
        "annotation_id": 7,
        "article_id": 3,
        "article_title": "Harbour talks, day 2",
        "article_date": "2005-03-31",
        "text": text,
        "start": 10,
        "end": 10 + len(text),
        "kind": "direct",
        "speaker": "Brandt",
        "speaker_name": "Helena Brandt",
        "cue": "said",
        "context": f"Before. {text} After.",
    }
    fields.update(changes)
    return QuoteRecord(**fields)  # type: ignore[arg-type]


AWKWARD = [
    record('We will, "in time", rebuild it'),
    record("First line\nsecond line", speaker=None, speaker_name=None, cue=None),
    record('=HYPERLINK("http://example.org")', article_title="+cmd", context="-2+3"),
    record("@SUM(A1)", article_date=None, kind="indirect"),
]


def test_rows_read_back_with_the_csv_module() -> None:
    out = io.StringIO(newline="")
    assert write_quote_book_csv(AWKWARD, out) == 4
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(rows[0]) == QUOTE_BOOK_COLUMNS
    assert QUOTE_BOOK_COLUMNS == (
        "speaker",
        "speaker_resolved",
        "quote",
        "kind",
        "cue",
        "article_title",
        "article_date",
        "context",
        "article_id",
        "start",
        "end",
    )
    body = [dict(zip(QUOTE_BOOK_COLUMNS, row, strict=True)) for row in rows[1:]]
    assert body[0]["quote"] == 'We will, "in time", rebuild it'
    assert body[0]["speaker"] == "Brandt" and body[0]["speaker_resolved"] == "Helena Brandt"
    assert body[0]["article_title"] == "Harbour talks, day 2"
    assert (body[0]["article_id"], body[0]["start"], body[0]["end"]) == ("3", "10", "40")
    assert body[1]["quote"] == "First line\nsecond line"
    assert (body[1]["speaker"], body[1]["cue"]) == ("", "")
    # Text that a spreadsheet would run as a formula starts with an apostrophe.
    assert body[2]["quote"] == '\'=HYPERLINK("http://example.org")'
    assert body[2]["article_title"] == "'+cmd" and body[2]["context"] == "'-2+3"
    assert body[3]["quote"] == "'@SUM(A1)" and body[3]["article_date"] == ""
    assert body[3]["kind"] == "indirect"


def test_no_quotes_is_a_header_alone() -> None:
    out = io.StringIO(newline="")
    assert write_quote_book_csv([], out) == 0
    assert out.getvalue() == ",".join(QUOTE_BOOK_COLUMNS) + "\r\n"


def test_file_has_a_byte_order_mark_for_excel(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    assert write_quote_book_file(iter(AWKWARD), path) == 4
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["quote"] for r in rows][:2] == [AWKWARD[0].text, AWKWARD[1].text]
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
