"""The Analyzer on sentences written for these tests."""

from __future__ import annotations

import itertools
import pickle

import pytest

from desktop.errors import ModelError
from desktop.nlp import Analyzer, pipeline
from desktop.nlp.analyzer import chunk_bounds
from desktop.types import Analysis

ARTICLE = (
    "Minister of Fisheries Jane Holloway met the trawler crews on Monday.\n"
    "“We will not close the northern grounds this year,” Holloway told reporters in the harbour.\n"
    "She said the quota would be reviewed in the spring.\n"
    "The boats are old, according to the union, and need repairs."
)


def test_direct_quote_with_surname_speaker_resolves_to_full_name(analyzer: Analyzer) -> None:
    result = analyzer.analyze(ARTICLE)
    direct = [q for q in result.quotes if q.kind == "direct"]
    assert len(direct) == 1
    quote = direct[0]
    assert quote.text == "“We will not close the northern grounds this year,”"
    assert quote.speaker == "Holloway"
    assert quote.speaker_resolved == "Jane Holloway"
    assert quote.cue == "told"
    assert ARTICLE[quote.start : quote.end] == quote.text


def test_reported_speech_with_pronoun_and_according_to(analyzer: Analyzer) -> None:
    result = analyzer.analyze(ARTICLE)
    indirect = {q.text: q for q in result.quotes if q.kind == "indirect"}
    said = indirect["the quota would be reviewed in the spring"]
    assert said.speaker == "She"
    assert said.speaker_resolved == "Jane Holloway"
    union = next(q for q in indirect.values() if q.cue == "according to")
    assert union.speaker == "the union"
    assert "The boats are old" in union.text


def test_entities_have_clean_spans_and_canonical_names(analyzer: Analyzer) -> None:
    result = analyzer.analyze(ARTICLE)
    people = [e for e in result.entities if e.label == "PERSON"]
    assert {e.canonical for e in people} == {"Jane Holloway"}
    assert all(not e.text.endswith(("’s", "'s")) for e in result.entities)


def test_analysis_pickles(analyzer: Analyzer) -> None:
    result = analyzer.analyze(ARTICLE)
    assert pickle.loads(pickle.dumps(result)) == result
    assert result.model == analyzer.model_name and result.model_version


def test_without_pipeline_quotation_marks_are_still_tagged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline, "default_pipeline_name", lambda: None)
    engine = Analyzer()
    result = engine.analyze(ARTICLE)
    assert isinstance(result, Analysis)
    assert [q.text for q in result.quotes] == [
        "“We will not close the northern grounds this year,”"
    ]
    assert result.quotes[0].speaker is None
    assert result.entities == () and result.model == ""
    assert engine.model_name == ""
    assert "No spaCy pipeline installed" in engine.status


def test_a_named_pipeline_that_is_missing_raises_model_error() -> None:
    engine = Analyzer("no_such_pipeline_xyz")
    with pytest.raises(ModelError, match="no_such_pipeline_xyz"):
        engine.load()


def test_text_longer_than_max_length_is_parsed_in_chunks_with_offsets_kept(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraph = (
        "Port director Lena Okafor opened the new terminal.\n"
        "“Ships will dock here from June,” Okafor told reporters.\n"
    )
    text = paragraph * 12
    whole = analyzer.analyze(text)
    monkeypatch.setattr(analyzer.pipeline, "max_length", 300)
    assert len(chunk_bounds(text, 300)) > 1
    chunked = analyzer.analyze(text)
    assert len(chunked.quotes) == 12
    for quote in chunked.quotes:
        assert text[quote.start : quote.end] == quote.text
        assert quote.speaker_resolved == "Lena Okafor"
    assert [(q.start, q.end) for q in chunked.quotes] == [(q.start, q.end) for q in whole.quotes]
    assert [(e.start, e.end) for e in chunked.entities] == [
        (e.start, e.end) for e in whole.entities
    ]


def test_chunk_bounds_cover_the_text_without_gaps() -> None:
    text = ("A sentence without a break. " * 50 + "\n") * 40
    bounds = chunk_bounds(text, 500)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(end - start <= 500 for start, end in bounds)
    unbroken = "x" * 1200
    assert chunk_bounds(unbroken, 500) == [(0, 500), (500, 1000), (1000, 1200)]


def test_a_million_characters_without_pipeline_in_linear_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline, "default_pipeline_name", lambda: None)
    unit = '“It is done,” she said. Don’t stop. " odd mark\n'
    text = unit * (1_000_000 // len(unit))
    result = Analyzer().analyze(text)
    assert len(result.quotes) == text.count("“It is done,”")


def test_analyze_many_keeps_order_across_batches(analyzer: Analyzer) -> None:
    texts = [f"“Item {n} is ready,” clerk Ada Moss said." for n in range(70)]
    results = list(analyzer.analyze_many(texts, batch_size=8))
    assert [r.quotes[0].text for r in results] == [f"“Item {n} is ready,”" for n in range(70)]


@pytest.mark.slow
def test_analyze_many_in_two_processes_gives_the_same_results(analyzer: Analyzer) -> None:
    texts = [ARTICLE, "Nothing quoted here.", ARTICLE]
    two = Analyzer(n_process=2, batch_size=1)
    assert list(two.analyze_many(texts)) == list(analyzer.analyze_many(texts))


def test_without_reported_speech_only_quotes_in_marks_remain() -> None:
    engine = Analyzer(reported_speech=False)
    kinds = {q.kind for q in engine.analyze(ARTICLE).quotes}
    assert kinds == {"direct"}
