"""W3C Web Annotation: both selectors on every span, purposes, and annotations from others."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from desktop.exchange.anchoring import place_spans
from desktop.exchange.offsets import Utf16Index
from desktop.exchange.records import article_record
from desktop.exchange.w3c import read_w3c, write_w3c
from tests.exchange.samples import TEXT, URL, article_annotations, normalized


def _written(tmp_path: Path) -> dict:  # type: ignore[type-arg]
    record = article_record(article_annotations()).record
    out = tmp_path / "annotations.jsonld"
    assert write_w3c([record], out) == len(record.spans)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection"
    assert "http://www.w3.org/ns/anno.jsonld" in data["@context"]
    return data


def test_every_span_has_a_position_and_a_quote_selector_that_agree(tmp_path: Path) -> None:
    items = _written(tmp_path)["first"]["items"]
    span_items = [i for i in items if "selector" in i["target"]]
    assert len(span_items) == len(article_record(article_annotations()).record.spans)
    for item in items:
        assert item["type"] == "Annotation"
        assert item["id"].startswith("urn:newsdesk:")
    for item in span_items:
        assert item["target"]["source"]["id"] == URL
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        position, quote = selectors["TextPositionSelector"], selectors["TextQuoteSelector"]
        # Positions are code points (the model says so), so they index the text directly.
        assert TEXT[position["start"] : position["end"]] == quote["exact"]
        assert TEXT[: position["start"]].endswith(quote["prefix"])
        assert TEXT[position["end"] :].startswith(quote["suffix"])


def test_tags_are_tagging_bodies_and_notes_commenting_bodies(tmp_path: Path) -> None:
    items = _written(tmp_path)["first"]["items"]
    purposes = {(b["purpose"], b["value"]) for i in items for b in _bodies(i) if "value" in b}
    assert ("tagging", "sign text") in purposes
    assert ("tagging", "harbour") in purposes  # a document tag, on the whole article
    assert ("classifying", "PERSON") in purposes
    assert ("identifying", "Helena Brandt") in purposes
    assert ("classifying", "QUOTE") in purposes
    comments = [b for i in items for b in _bodies(i) if b["purpose"] == "commenting"]
    assert {c["format"] for c in comments} == {"text/markdown"}
    assert len(comments) == 2
    whole = [i for i in items if "selector" not in i["target"]]
    assert {i["motivation"] for i in whole} == {"commenting", "tagging"}


def test_quotes_link_to_their_speaker_and_cue_annotations(tmp_path: Path) -> None:
    items = _written(tmp_path)["first"]["items"]
    by_id = {i["id"]: i for i in items}
    quote = next(i for i in items if i.get("nd:layer") == "quote")
    links = [b for b in _bodies(quote) if b.get("purpose") == "linking"]
    assert {b["nd:role"] for b in links} == {"speaker", "cue"}
    for link in links:
        assert link["source"] in by_id


def test_read_back_gives_the_same_record_without_the_text(tmp_path: Path) -> None:
    _written(tmp_path)
    (record,), problems = read_w3c(tmp_path / "annotations.jsonld")
    assert problems == []
    assert record.text is None
    want = article_record(article_annotations()).record
    assert record.text_hash == want.text_hash
    assert record.url == URL and record.title == want.title
    assert normalized(replace(record, text=TEXT)) == normalized(want)


def test_annotations_from_a_browser_tool_with_utf16_positions_are_placed(tmp_path: Path) -> None:
    # As a web client would write them: positions in UTF-16 code units, a comment, a tag.
    target = TEXT.index("\u0645\u0631\u062d\u0628\u0627")  # after 🤝: one unit off
    units = Utf16Index(TEXT).to_utf16(target)
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "bodyValue": "Arabic greeting on the banner",
        "body": [{"type": "TextualBody", "purpose": "tagging", "value": "languages"}],
        "target": {
            "source": URL,
            "selector": [
                {"type": "TextPositionSelector", "start": units, "end": units + 5},
                {"type": "TextQuoteSelector", "exact": "\u0645\u0631\u062d\u0628\u0627"},
            ],
        },
    }
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps([annotation]), encoding="utf-8")
    (record,), problems = read_w3c(path)
    assert problems == []
    (span,) = record.spans
    assert (span.role, span.label) == ("tag", "languages")
    assert record.notes[0].target == span.key
    placement = place_spans(record, TEXT)
    (placed,) = placement.placed
    assert (placed.start, placed.end) == (target, target + 5)


def test_a_comment_with_no_label_becomes_a_note_span(tmp_path: Path) -> None:
    annotation = {
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "Check this", "purpose": "commenting"},
        "target": {
            "source": URL,
            "selector": {"type": "TextQuoteSelector", "exact": "Tel Aviv"},
        },
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(annotation), encoding="utf-8")
    (record,), _ = read_w3c(path)
    assert [(s.role, s.label, s.exact) for s in record.spans] == [("tag", "note", "Tel Aviv")]
    assert record.notes[0].body == "Check this"


def _bodies(item: dict) -> list[dict]:  # type: ignore[type-arg]
    body = item["body"]
    return body if isinstance(body, list) else [body]
