"""spaCy DocBin: loads with ``DocBin().from_disk()`` and gives back the same spans."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from desktop.exchange.docbin import read_docbin, write_docbin
from desktop.exchange.records import SpanRecord, article_record, context
from desktop.exchange.tokens import blank_english
from tests.exchange.samples import TEXT, article_annotations, at, normalized


def _load(path: Path) -> list:  # type: ignore[type-arg]
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(blank_english().vocab))


def test_spacy_loads_the_docs_with_entities_and_span_groups(tmp_path: Path) -> None:
    record = article_record(article_annotations()).record
    out = tmp_path / "train.spacy"
    assert write_docbin([record], out) == len(record.spans)
    (doc,) = _load(out)
    assert doc.text == TEXT
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Helena Brandt", "PERSON", "Helena Brandt"),
        ("Zoe\u0308 Ashford", "PERSON", "Zoe\u0308 Ashford"),
        ("Tel Aviv", "GPE", "Tel Aviv"),
        ("Brandt", "PERSON", "Helena Brandt"),
        ("Ashford", "PERSON", "Zoe\u0308 Ashford"),
    ]
    quotes = doc.spans["quotes"]
    assert [q.text for q in quotes] == [
        '"We will build the bridge together,"',
        '"Nobody told the fishermen anything,\nnot once,"',
    ]
    assert [q.kb_id_ for q in quotes] == ["Helena Brandt", "Zoe\u0308 Ashford"]
    assert [s.text for s in doc.spans["speakers"]] == ["Brandt", "Ashford"]
    assert [s.text for s in doc.spans["cues"]] == ["said", "said"]
    assert {(s.label_, s.text) for s in doc.spans["tags"]} == {
        ("sign text", TEXT[slice(*at("\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"))]),
        ("emoji", "\U0001f6a7"),
        ("local politics", "Port Ellis"),
    }
    assert doc.cats == {"harbour": 1.0, "local politics": 1.0}
    for group in doc.spans.values():
        for span in group:
            assert TEXT[span.start_char : span.end_char] == span.text


def test_overlapping_entities_keep_the_longest_in_ents_and_all_in_a_group(tmp_path: Path) -> None:
    record = article_record(article_annotations()).record
    start, end = at("Mayor Helena Brandt")
    prefix, suffix = context(TEXT, start, end)
    wider = SpanRecord(
        key="wide",
        role="entity",
        label="PERSON",
        exact=TEXT[start:end],
        start=start,
        end=end,
        prefix=prefix,
        suffix=suffix,
    )
    out = tmp_path / "overlap.spacy"
    write_docbin([replace(record, spans=(*record.spans, wider))], out)
    (doc,) = _load(out)
    assert "Mayor Helena Brandt" in {e.text for e in doc.ents}
    assert "Helena Brandt" not in {e.text for e in doc.ents}
    assert {"Mayor Helena Brandt", "Helena Brandt"} <= {s.text for s in doc.spans["entities"]}


def test_read_back_gives_the_same_record(tmp_path: Path) -> None:
    record = article_record(article_annotations()).record
    out = tmp_path / "round.spacy"
    write_docbin([record, record], out)
    records, problems = read_docbin(out)
    assert problems == []
    assert len(records) == 2
    assert normalized(records[1]) == normalized(record)
    assert records[0].title == record.title and records[0].text_hash == record.text_hash


def test_a_docbin_from_elsewhere_gives_entities_and_labelled_spans(tmp_path: Path) -> None:
    from spacy.tokens import DocBin

    doc = blank_english()("Ellen Park said the budget was fair.")
    doc.ents = [doc.char_span(0, 10, label="PERSON")]
    doc.spans["sc"] = [doc.char_span(16, 35, label="CLAIM")]
    DocBin(docs=[doc]).to_disk(tmp_path / "other.spacy")
    (record,), _ = read_docbin(tmp_path / "other.spacy")
    assert {(s.role, s.label, s.exact) for s in record.spans} == {
        ("entity", "PERSON", "Ellen Park"),
        ("tag", "CLAIM", "the budget was fair"),
    }
