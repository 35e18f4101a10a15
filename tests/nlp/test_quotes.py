"""Quote attribution on sentences written for these tests (a pipeline is needed)."""

from __future__ import annotations

import pytest

from desktop.nlp import Analyzer
from desktop.types import QuoteSpan


def quotes_of(analyzer: Analyzer, text: str) -> list[QuoteSpan]:
    found = list(analyzer.analyze(text).quotes)
    for q in found:  # every span indexes the text it came from
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker
        if q.cue_start is not None:
            assert text[q.cue_start : q.cue_end] == q.cue
    return found


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("''", "''"), ('"', "”")],
)
def test_direct_quote_in_every_mark_style(analyzer: Analyzer, opening: str, closing: str) -> None:
    text = (
        "The harbour master Ruth Oyelaran inspected the new pier on Friday.\n"
        f"{opening}The pier will open to ferries next month,{closing} Oyelaran said."
    )
    (quote,) = quotes_of(analyzer, text)
    assert quote.kind == "direct"
    assert quote.text == f"{opening}The pier will open to ferries next month,{closing}"
    assert quote.speaker == "Oyelaran"
    assert quote.speaker_resolved == "Ruth Oyelaran"
    assert quote.cue == "said"


def test_quote_split_by_its_attribution_gives_both_parts_the_speaker(
    analyzer: Analyzer,
) -> None:
    text = "“The bridge is safe,” said engineer Tomas Varga, “but the road needs work.”"
    found = quotes_of(analyzer, text)
    assert [q.text for q in found] == ["“The bridge is safe,”", "“but the road needs work.”"]
    assert all(q.kind == "direct" for q in found)
    assert all(q.speaker_resolved == "Tomas Varga" for q in found)


def test_quote_over_several_paragraphs_keeps_one_speaker(analyzer: Analyzer) -> None:
    text = (
        "Mayor Alice Brandt spoke at length at the council meeting.\n"
        "“We have waited ten years for this library. The children of this town deserve it.\n"
        "“Tonight we finally vote, and I am proud of every one of you,” Brandt said."
    )
    found = [q for q in quotes_of(analyzer, text) if q.kind == "direct"]
    assert len(found) == 2
    assert found[0].text.startswith("“We have waited") and found[0].text.endswith("deserve it.")
    assert {q.speaker_resolved for q in found} == {"Alice Brandt"}


def test_next_quotation_takes_the_speaker_of_the_adjacent_attribution(
    analyzer: Analyzer,
) -> None:
    text = "“Prices will fall,” farmer Ines Kowalczyk said. “They always do after a good harvest.”"
    found = quotes_of(analyzer, text)
    assert len(found) == 2
    assert found[1].text == "“They always do after a good harvest.”"
    assert found[1].speaker == "farmer Ines Kowalczyk"
    assert found[1].speaker_resolved == "Ines Kowalczyk"


def test_reported_speech_with_that_without_that_and_according_to(analyzer: Analyzer) -> None:
    text = (
        "Health Minister Paolo Greco said that the clinic would stay open.\n"
        "Greco said all patients will be moved by Sunday.\n"
        "The wards are overcrowded, according to the nurses' union."
    )
    found = {q.text: q for q in quotes_of(analyzer, text)}
    first = found["that the clinic would stay open"]
    assert (first.kind, first.speaker, first.cue) == (
        "indirect",
        "Health Minister Paolo Greco",
        "said",
    )
    assert first.speaker_resolved == "Paolo Greco"
    second = found["all patients will be moved by Sunday"]
    assert second.speaker_resolved == "Paolo Greco"
    union = next(q for q in found.values() if q.cue == "according to")
    assert union.text == "The wards are overcrowded"
    assert union.speaker is not None and "union" in union.speaker


def test_mixed_quote_and_pronoun_speaker(analyzer: Analyzer) -> None:
    text = (
        "Senator Maria Lindqvist visited the flooded valley on Monday.\n"
        "She said the response had been “slow and badly organised” from the start."
    )
    (quote,) = quotes_of(analyzer, text)
    assert quote.kind == "mixed"
    assert quote.text == "the response had been “slow and badly organised” from the start"
    assert quote.speaker == "She"
    assert quote.speaker_resolved == "Maria Lindqvist"


def test_pronoun_without_a_fitting_antecedent_stays_unresolved(analyzer: Analyzer) -> None:
    text = "The committee met twice.\nHe said the budget was too small."
    (quote,) = quotes_of(analyzer, text)
    assert quote.speaker == "He" and quote.speaker_resolved is None


def test_scare_quotes_titles_and_apostrophes_are_not_quotes(analyzer: Analyzer) -> None:
    text = (
        "Critics called the plan a “bailout” on the radio show “Morning Edition” last week.\n"
        "Don’t expect the ’90s to return, the Smiths’ neighbour joked, and it isn’t over."
    )
    assert [q for q in quotes_of(analyzer, text) if q.kind == "direct"] == []


def test_text_without_quotes_and_odd_marks(analyzer: Analyzer) -> None:
    assert quotes_of(analyzer, "") == []
    assert quotes_of(analyzer, "Rain is expected in the north tomorrow.") == []
    text = 'An odd " mark opens here and never closes.\n“Then a real quotation follows,” she said.'
    found = quotes_of(analyzer, text)
    assert [q.text for q in found] == ["“Then a real quotation follows,”"]


def test_nested_attribution_is_part_of_the_outer_quote(analyzer: Analyzer) -> None:
    text = "Councillor Dev Patel said the auditors had reported that the accounts were late."
    found = quotes_of(analyzer, text)
    assert len(found) == 1
    assert found[0].speaker == "Councillor Dev Patel"
    assert found[0].text.startswith("the auditors had reported")
