"""Round trips on real news text (../shared/data): quote gold from PolNeAR and entity spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core import Library
from desktop.core.exchange_use_cases import export_annotations, import_annotations
from desktop.exchange.jsonl import read_jsonl
from desktop.types import Document
from tests.exchange.test_library_round_trip import IMPORTABLE, TARGET, snapshot

ARTICLES = 6  # enough real articles to meet odd quoting, without a long test


@pytest.fixture
def gold_library(shared_data: Path, tmp_path: Path) -> Library:
    """A library with real articles and their gold quotes, speakers and cues as annotations."""
    library = Library.open(tmp_path / "gold" / "newsdesk.sqlite3")
    path = shared_data / "quotes" / "polnear-dev.jsonl"
    with path.open(encoding="utf-8") as stream:
        articles = [json.loads(line) for _, line in zip(range(ARTICLES), stream, strict=False)]
    for article in articles:
        outcome = library.import_document(
            Document(text=article["text"], title=article["id"], format="txt"), analyze=False
        )
        assert outcome.article_id is not None
        seen: set[tuple[int, int]] = set()
        for quote in article["quotes"]:
            span = (quote["quote_start"], quote["quote_end"])
            if span in seen:
                continue  # several attributions of one span: the library keeps one quote
            seen.add(span)
            library.add_quote(
                outcome.article_id,
                *span,
                kind=quote["kind"],
                speaker_start=quote["speaker_start"],
                speaker_end=quote["speaker_end"],
                cue_start=quote["cue_start"],
                cue_end=quote["cue_end"],
            )
    return library


@pytest.mark.parametrize("fmt", IMPORTABLE)
def test_real_articles_with_gold_quotes_round_trip(
    gold_library: Library, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / TARGET[fmt]
    report = export_annotations(gold_library, fmt, out)
    assert report.articles == ARTICLES and report.skipped == ()
    fresh = Library.open(tmp_path / "fresh" / "newsdesk.sqlite3")
    try:
        if fmt == "w3c":  # W3C carries no text: give the fresh library the articles
            for article_id in gold_library.article_ids(descending=False):
                article = gold_library.get_article(article_id)
                fresh.import_document(
                    Document(text=article.text, title=article.title, format="txt"), analyze=False
                )
        imported = import_annotations(fresh, out)
        assert imported.unplaced == ()
        assert len(imported.articles) == ARTICLES
        for match in imported.articles:
            assert match.article_id is not None
            original = next(
                i
                for i in gold_library.article_ids()
                if gold_library.get_article(i).title == match.title
            )
            assert snapshot(fresh, match.article_id) == snapshot(gold_library, original)
    finally:
        fresh.close()
        gold_library.close()


def test_entity_spans_from_other_corpora_are_read_exactly(shared_data: Path) -> None:
    path = shared_data / "ner" / "spans.jsonl"
    records, problems = read_jsonl(path)
    assert problems == []
    with path.open(encoding="utf-8") as stream:
        source = [json.loads(line) for line in stream]
    assert len(records) == len(source)
    for record, original in zip(records, source, strict=True):
        assert record.text == original["text"]
        want = {(e["start"], e["end"], e["type"]) for e in original["entities"]}
        assert {(s.start, s.end, s.label) for s in record.spans} == want
        for span in record.spans:
            assert span.start is not None and span.end is not None
            assert original["text"][span.start : span.end] == span.exact
