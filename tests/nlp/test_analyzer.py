"""The Analyzer on sentences written for these tests."""

from __future__ import annotations

import pickle

import pytest

from desktop.errors import ModelError
from desktop.nlp import Analyzer, pipeline
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
