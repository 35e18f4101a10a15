"""Entity spans and canonical names."""

from __future__ import annotations

from desktop.nlp import Analyzer
from desktop.nlp.entities import RawMention, canonical_names, clean_span


def test_clean_span_drops_possessives_articles_and_titles() -> None:
    text = "the Smiths’ farm, Kerry's plan, The Guardian and U.S. Secretary of State John Kerry"
    assert clean_span(text, 0, 11, "PERSON") == (4, 10)  # "the Smiths’" -> "Smiths"
    start = text.index("Kerry's")
    assert clean_span(text, start, start + 7, "PERSON") == (start, start + 5)
    start = text.index("The Guardian")
    s, e = clean_span(text, start, start + 12, "ORG") or (0, 0)
    assert text[s:e] == "Guardian"
    start = text.index("Secretary")
    s, e = clean_span(text, start, len(text), "PERSON") or (0, 0)
    assert text[s:e] == "John Kerry"
    start = text.index("U.S.")
    s, e = clean_span(text, start, start + 4, "GPE") or (0, 0)
    assert text[s:e] == "U.S."


def test_surnames_and_first_names_join_the_nearest_full_name() -> None:
    text = "Hillary Clinton met Bill Clinton. Clinton spoke. Later Hillary left. Then Lavrov came."
    spans = [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"), ("Clinton", "PERSON")]
    mentions = []
    cursor = 0
    for surface, label in [*spans, ("Hillary", "PERSON"), ("Lavrov", "GPE")]:
        start = text.index(surface, cursor)
        mentions.append(RawMention(start, start + len(surface), label))
        cursor = start + len(surface)
    result = canonical_names(text, mentions)
    assert [m.canonical for m in result] == [
        "Hillary Clinton",
        "Bill Clinton",
        "Bill Clinton",  # the nearest preceding full name with that surname
        "Hillary Clinton",
        "Lavrov",  # no full name to join: stays as written
    ]


def test_pipeline_entities_with_titles_and_places(analyzer: Analyzer) -> None:
    text = (
        "U.S. Secretary of State John Kerry met Russian Foreign Minister Sergei Lavrov.\n"
        "Kerry's aides said Lavrov was friendly, and the talks in the U.S. went well."
    )
    result = analyzer.analyze(text)
    canon = {(e.text, e.canonical) for e in result.entities if e.label == "PERSON"}
    assert ("John Kerry", "John Kerry") in canon
    assert ("Kerry", "John Kerry") in canon
    assert ("Lavrov", "Sergei Lavrov") in canon
    assert all(not e.text.lower().startswith("the ") for e in result.entities)
    assert any(e.canonical == "United States" for e in result.entities if e.label == "GPE")
    for e in result.entities:
        assert text[e.start : e.end] == e.text


def test_a_titled_name_tagged_as_an_organisation_is_a_person() -> None:
    text = "Mayor Helena Brandt said no. Later Brandt said yes."
    mentions = [RawMention(6, 19, "ORG"), RawMention(35, 41, "ORG")]
    result = canonical_names(text, mentions)
    assert [(m.text, m.label, m.canonical) for m in result] == [
        ("Helena Brandt", "PERSON", "Helena Brandt"),
        ("Brandt", "PERSON", "Helena Brandt"),
    ]


def test_a_surname_tagged_as_a_work_of_art_joins_the_full_name() -> None:
    text = "Helena Brandt spoke. Brandt told reporters."
    mentions = [RawMention(0, 13, "PERSON"), RawMention(21, 27, "WORK_OF_ART")]
    result = canonical_names(text, mentions)
    assert [(m.text, m.label, m.canonical) for m in result][1] == (
        "Brandt",
        "PERSON",
        "Helena Brandt",
    )
