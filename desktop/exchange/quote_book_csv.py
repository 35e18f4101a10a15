"""The quote book as a CSV table: one row per quote, with its speaker, article and sentence.

The cells are made safe for spreadsheets the way the other CSV tables are (see
:mod:`desktop.exchange.csv_tables`): text starting like a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO, cast

from desktop.exchange.csv_tables import spreadsheet_cell
from desktop.exchange.writing import atomic_text
from desktop.types import QuoteRecord

QUOTE_BOOK_COLUMNS = (
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


def write_quote_book_csv(records: Iterable[QuoteRecord], out: TextIO) -> int:
    """Write a header and one row per quote to ``out``; return the number of quote rows.

    ``out`` should be opened with ``newline=""`` (the csv module writes ``\\r\\n`` itself, and
    quotes and sentences may hold line breaks); :func:`write_quote_book_file` does that.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(QUOTE_BOOK_COLUMNS)
    rows = 0
    for record in records:
        cells = (
            record.speaker,
            record.speaker_name,
            record.text,
            record.kind,
            record.cue,
            record.article_title,
            record.article_date,
            record.context,
            record.article_id,
            record.start,
            record.end,
        )
        writer.writerow([spreadsheet_cell(cell) for cell in cells])
        rows += 1
    return rows


def write_quote_book_file(records: Iterable[QuoteRecord], path: Path) -> int:
    """Write the quote book to ``path`` (replaced only once complete); the number of rows.

    The file is UTF-8 with a byte-order mark, which Excel needs to read UTF-8.
    """
    with atomic_text(Path(path), encoding="utf-8-sig") as stream:
        return write_quote_book_csv(records, cast("TextIO", stream))
