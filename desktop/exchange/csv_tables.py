"""CSV tables for spreadsheets: ``quotes.csv``, ``entities.csv`` and ``tags.csv``.

One row per quote, entity mention or tag span, with the article it is in. Files are UTF-8
with a byte-order mark, which Excel needs to read UTF-8 and other tools skip. Offsets are code
points into the article text. A text cell that begins with ``=``, ``+``, ``-``, ``@`` or a tab
gets a leading apostrophe, so that a spreadsheet shows it rather than running it as a formula
(article text comes from the web; the offsets still point at the original text).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop.exchange.records import SPEAKER_LABEL, DocumentRecord, SpanRecord
from desktop.exchange.writing import atomic_text, output_folder

QUOTE_COLUMNS = (
    "article_id",
    "article_title",
    "article_date",
    "speaker",
    "speaker_resolved",
    "cue",
    "kind",
    "quote",
    "start",
    "end",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "source",
    "note",
)
ENTITY_COLUMNS = (
    "article_id",
    "article_title",
    "article_date",
    "text",
    "label",
    "entity",
    "start",
    "end",
    "source",
    "note",
)
TAG_COLUMNS = ("article_id", "article_title", "article_date", "tag", "text", "start", "end", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(records: Iterable[DocumentRecord], out: Path) -> tuple[list[Path], int]:
    """Write the three tables into folder ``out``; the files and the number of rows."""
    folder = output_folder(out)
    quotes: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    for record in records:
        article = {
            "article_id": record.article_id,
            "article_title": record.title,
            "article_date": record.date,
        }
        notes = {n.target: n.body for n in record.notes if n.target}
        by_key = {span.key: span for span in record.spans}
        parts: dict[str, dict[str, SpanRecord]] = {}
        for relation in record.relations:
            if relation.head in by_key:
                role = "speaker" if relation.label == SPEAKER_LABEL else "cue"
                parts.setdefault(relation.child, {})[role] = by_key[relation.head]
        for span in record.spans:
            row = {**article, "start": span.start, "end": span.end, "note": notes.get(span.key)}
            if span.role == "quote":
                speaker = parts.get(span.key, {}).get("speaker")
                cue = parts.get(span.key, {}).get("cue")
                quotes.append(
                    {
                        **row,
                        "speaker": speaker.exact if speaker else None,
                        "speaker_resolved": span.speaker_name,
                        "cue": cue.exact if cue else None,
                        "kind": span.kind,
                        "quote": span.exact,
                        "speaker_start": speaker.start if speaker else None,
                        "speaker_end": speaker.end if speaker else None,
                        "cue_start": cue.start if cue else None,
                        "cue_end": cue.end if cue else None,
                        "source": span.source,
                    }
                )
            elif span.role == "entity":
                entities.append(
                    {
                        **row,
                        "text": span.exact,
                        "label": span.label,
                        "entity": span.entity_name,
                        "source": span.source,
                    }
                )
            elif span.role == "tag":
                tags.append({**row, "tag": span.label, "text": span.exact})
            # Speakers and cues are columns of their quote's row.
    files = []
    for name, columns, rows in (
        ("quotes.csv", QUOTE_COLUMNS, quotes),
        ("entities.csv", ENTITY_COLUMNS, entities),
        ("tags.csv", TAG_COLUMNS, tags),
    ):
        path = folder / name
        with atomic_text(path, encoding="utf-8-sig") as stream:
            writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\r\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({column: spreadsheet_cell(row.get(column)) for column in columns})
        files.append(path)
    return files, len(quotes) + len(entities) + len(tags)


def spreadsheet_cell(value: Any) -> Any:
    """A value as a CSV cell: ``None`` empty, formula-like text defused with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value
