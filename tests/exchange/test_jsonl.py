"""JSONL spans: what Prodigy and doccano read, checked with spaCy, and read back."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.exchange.jsonl import read_jsonl, write_jsonl
from desktop.exchange.records import article_record
from desktop.exchange.tokens import blank_english
from tests.exchange.samples import TEXT, TITLE, article_annotations, normalized


def _written(tmp_path: Path) -> tuple[Path, dict]:  # type: ignore[type-arg]
    record = article_record(article_annotations()).record
    out = tmp_path / "spans.jsonl"
    count = write_jsonl([record, record], out)
    assert count == 2 * len(record.spans)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    return out, json.loads(lines[0])


def test_spans_are_doc_spans_over_the_given_tokens(tmp_path: Path) -> None:
    from spacy.tokens import Doc

    _, task = _written(tmp_path)
    assert task["text"] == TEXT
    words = [t["text"] for t in task["tokens"]]
    spaces = [t["ws"] for t in task["tokens"]]
    doc = Doc(blank_english().vocab, words=words, spaces=spaces)
    assert doc.text == TEXT
    for token, entry in zip(doc, task["tokens"], strict=True):
        assert (token.idx, token.idx + len(token.text)) == (entry["start"], entry["end"])
    for span in task["spans"]:
        assert TEXT[span["start"] : span["end"]] == span["text"]
        made = doc.char_span(span["start"], span["end"], label=span["label"])
        assert made is not None, span
        assert (made.start, made.end - 1) == (span["token_start"], span["token_end"])
        assert (span["start_offset"], span["end_offset"]) == (span["start"], span["end"])


def test_the_blank_english_tokenizer_agrees_on_these_spans(tmp_path: Path) -> None:
    _, task = _written(tmp_path)
    doc = blank_english()(task["text"])
    for span in task["spans"]:
        made = doc.char_span(span["start"], span["end"])
        assert made is not None, span["text"]
        assert (made.start, made.end - 1) == (span["token_start"], span["token_end"])


def test_relations_go_from_speaker_and_cue_to_the_quote_prodigy_style(tmp_path: Path) -> None:
    _, task = _written(tmp_path)
    speakers = [r for r in task["relations"] if r["label"] == "SPEAKER"]
    assert len(speakers) == 2
    for relation in task["relations"]:
        assert relation["child_span"]["label"] == "QUOTE"
        assert relation["head"] == relation["head_span"]["token_end"]
        assert relation["child"] == relation["child_span"]["token_end"]
        head = relation["head_span"]
        assert TEXT[head["start"] : head["end"]] in {"Brandt", "Ashford", "said"}
    assert task["meta"]["title"] == TITLE
    assert task["meta"]["tags"] == ["harbour", "local politics"]
    assert task["meta"]["note"].startswith("Follow up")


def test_read_back_gives_the_same_record(tmp_path: Path) -> None:
    out, _ = _written(tmp_path)
    records, problems = read_jsonl(out)
    assert problems == []
    assert len(records) == 2
    assert normalized(records[0]) == normalized(article_record(article_annotations()).record)
    assert records[0].text_hash == "0" * 64
    assert records[0].url and records[0].date == "2024-05-01"


def test_prodigy_and_doccano_exports_are_read(tmp_path: Path) -> None:
    text = "Ellen Park told the council that the budget was fair."
    lines = [
        {  # Prodigy db-out, rejected: skipped
            "text": text,
            "spans": [{"start": 0, "end": 10, "label": "PERSON"}],
            "answer": "reject",
        },
        {  # Prodigy, accepted, relation written quote -> speaker
            "text": text,
            "spans": [
                {"start": 0, "end": 10, "label": "SPEAKER"},
                {"start": 33, "end": 52, "label": "QUOTE"},
            ],
            "relations": [
                {
                    "head": 9,
                    "child": 1,
                    "head_span": {"start": 33, "end": 52, "label": "QUOTE"},
                    "child_span": {"start": 0, "end": 10, "label": "SPEAKER"},
                    "label": "SAID_BY",
                }
            ],
            "answer": "accept",
        },
        {"text": text, "label": [[0, 10, "PERSON"], [20, 27, "ORG"]]},  # doccano
        {  # doccano relation extraction
            "text": text,
            "entities": [
                {"id": 4, "start_offset": 0, "end_offset": 10, "label": "Speaker"},
                {"id": 5, "start_offset": 33, "end_offset": 52, "label": "Quote"},
            ],
            "relations": [{"id": 1, "from_id": 4, "to_id": 5, "type": "speaker"}],
        },
        "not json at all",
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    records, problems = read_jsonl(path)
    assert len(records) == 3
    assert any("reject" in p for p in problems)
    assert any("not JSON" in p for p in problems)
    for record in (records[0], records[2]):
        (relation,) = record.relations
        assert record.span(relation.head).exact == "Ellen Park"  # type: ignore[union-attr]
        assert record.span(relation.child).exact == "the budget was fair"  # type: ignore[union-attr]
    assert {(s.role, s.label, s.exact) for s in records[1].spans} == {
        ("entity", "PERSON", "Ellen Park"),
        ("entity", "ORG", "council"),
    }


def test_spans_outside_the_text_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps({"text": "short", "spans": [{"start": 2, "end": 40, "label": "X"}]}) + "\n",
        encoding="utf-8",
    )
    records, problems = read_jsonl(path)
    assert records[0].spans == ()
    assert "outside the text" in problems[0]
