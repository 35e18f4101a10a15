"""CSV tables for spreadsheets and Markdown pages for note-taking apps."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from desktop.exchange.csv_tables import write_csv
from desktop.exchange.markdown_notes import write_markdown
from desktop.exchange.records import SpanRecord, article_record
from tests.exchange.samples import TEXT, article_annotations


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def test_quote_rows_carry_speaker_resolved_speaker_cue_kind_and_offsets(tmp_path: Path) -> None:
    record = article_record(article_annotations()).record
    files, rows_written = write_csv([record], tmp_path / "tables")
    assert [f.name for f in files] == ["quotes.csv", "entities.csv", "tags.csv"]
    assert files[0].read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM
    quotes = _rows(files[0])
    assert rows_written == 2 + 5 + 3
    bridge = next(q for q in quotes if "bridge" in q["quote"])
    assert bridge["speaker"] == "Brandt"
    assert bridge["speaker_resolved"] == "Helena Brandt"
    assert bridge["cue"] == "said" and bridge["kind"] == "direct"
    assert bridge["article_title"] == "Harbour talks resume"
    assert bridge["note"] == "Said twice? Check \\ the recording."
    for quote in quotes:
        assert TEXT[int(quote["start"]) : int(quote["end"])] == quote["quote"]
        speaker = TEXT[int(quote["speaker_start"]) : int(quote["speaker_end"])]
        assert speaker == quote["speaker"]
    entities = _rows(files[1])
    assert {(e["text"], e["label"], e["entity"]) for e in entities} >= {
        ("Brandt", "PERSON", "Helena Brandt"),
        ("Zoe\u0308 Ashford", "PERSON", "Zoe\u0308 Ashford"),
    }
    for entity in entities:
        assert TEXT[int(entity["start"]) : int(entity["end"])] == entity["text"]
    assert {t["tag"] for t in _rows(files[2])} == {"sign text", "emoji", "local politics"}


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(tmp_path: Path) -> None:
    text = "=HYPERLINK(1) was in the text"
    span = SpanRecord(key="a", role="tag", label="@odd", exact="=HYPERLINK(1)", start=0, end=13)
    record = replace(
        article_record(article_annotations()).record, text=text, spans=(span,), relations=()
    )
    files, _ = write_csv([record], tmp_path / "tables")
    (row,) = _rows(files[2])
    assert row["text"] == "'=HYPERLINK(1)"
    assert row["tag"] == "'@odd"
    assert row["start"] == "0"


def test_markdown_page_has_front_matter_notes_quotes_and_names(tmp_path: Path) -> None:
    record = article_record(article_annotations()).record
    (page,), _ = write_markdown([record], tmp_path / "notes")
    assert page.name == "0007-harbour-talks-resume.md"
    body = page.read_text(encoding="utf-8")
    assert body.startswith('---\ntitle: "Harbour talks resume"\n')
    assert 'tags: ["harbour", "local politics"]' in body
    assert "## Notes\n\nFollow up with the harbour office.\n\n- call\n- write" in body
    assert '> "Nobody told the fishermen anything,\n> not once,"' in body
    assert "> — **Helena Brandt** (Brandt), *said*, direct" in body
    assert "Said twice? Check \\ the recording." in body
    assert "- **sign text**: “" in body
    assert "- Helena Brandt (PERSON) ×2" in body


def test_articles_with_the_same_title_get_their_own_file(tmp_path: Path) -> None:
    record = article_record(article_annotations()).record
    files, _ = write_markdown([record, replace(record, article_id=None)], tmp_path / "notes")
    assert len({f.name for f in files}) == 2
