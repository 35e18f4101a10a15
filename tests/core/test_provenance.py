"""Automatic and manual annotations never fight: re-analysis keeps what the user did."""

from __future__ import annotations

from desktop.core import Library
from desktop.types import Analysis, EntityMention, QuoteSpan
from tests.core.fakes import FakeAnalyzer, document, span

TEXT = (
    'Maria Lopez met Tom Baker in Leeds. "The plan is sound", Tom Baker said. Carla Diaz disagreed.'
)


def fixed(text: str) -> Analysis:
    mentions = []
    for name in ("Maria Lopez", "Tom Baker", "Carla Diaz"):
        start, end = span(text, name)
        mentions.append(EntityMention(start, end, name, "PERSON", name))
    start, end = span(text, "Leeds")
    mentions.append(EntityMention(start, end, "Leeds", "ORG", "Leeds"))  # wrong label
    q_start, q_end = span(text, '"The plan is sound"')
    s_start, s_end = span(text, "Tom Baker", 1)
    quote = QuoteSpan(
        q_start,
        q_end,
        '"The plan is sound"',
        "direct",
        speaker="Tom Baker",
        speaker_start=s_start,
        speaker_end=s_end,
        speaker_resolved="Tom Baker",
    )
    return Analysis(entities=tuple(mentions), quotes=(quote,))


def by_exact(library: Library, article_id: int, *, rejected: bool = True) -> dict[str, list]:
    found: dict[str, list] = {}
    for annotation in library.annotations(article_id, include_rejected=rejected):
        found.setdefault(annotation.exact, []).append(annotation)
    return found


def test_reanalysis_keeps_edit_rejection_and_manual_span(library: Library) -> None:
    library.analyzer = FakeAnalyzer(fixed)
    article_id = library.import_document(document(TEXT, "Plan")).article_id
    assert article_id is not None
    spans = by_exact(library, article_id)
    assert {a.source for group in spans.values() for a in group} == {"auto"}

    # The user corrects the label of Leeds, rejects Carla Diaz and adds "plan" by hand.
    leeds = spans["Leeds"][0]
    edited = library.update_annotation(leeds.id, label="GPE")
    assert edited.source == "manual"
    rejected = library.reject_annotation(spans["Carla Diaz"][0].id)
    assert rejected.status == "rejected"
    start, end = span(TEXT, "plan")
    manual = library.add_entity(article_id, start, end, "PRODUCT")
    maria_before = spans["Maria Lopez"][0]

    library.analyze_article(article_id)

    after = by_exact(library, article_id)
    # The edit stands, alone: the analyser's ORG for Leeds did not come back beside it.
    assert [(a.label, a.source) for a in after["Leeds"]] == [("GPE", "manual")]
    assert after["Leeds"][0].id == leeds.id
    # The rejection stands: no active Carla Diaz came back.
    assert [(a.status, a.source) for a in after["Carla Diaz"]] == [("rejected", "auto")]
    # The manual span is untouched.
    assert [(a.id, a.label, a.source) for a in after["plan"]] == [(manual.id, "PRODUCT", "manual")]
    # Untouched automatic spans found again keep their ids.
    assert [a.id for a in after["Maria Lopez"]] == [maria_before.id]
    active_quotes = library.annotations(article_id, layer="quote")
    assert len(active_quotes) == 1


def test_new_run_replaces_only_untouched_automatic_spans(library: Library) -> None:
    article_id = library.import_document(document(TEXT, "Plan"), analyze=False).article_id
    assert article_id is not None
    library.store_analysis(article_id, Analysis(entities=fixed(TEXT).entities, model="a"))
    start, end = span(TEXT, "Maria Lopez")
    library.add_entity(article_id, start, end, "PERSON")  # manual copy of an auto span

    # The new run finds only Tom Baker.
    start, end = span(TEXT, "Tom Baker")
    second = Analysis(
        entities=(EntityMention(start, end, "Tom Baker", "PERSON", "Tom Baker"),), model="b"
    )
    library.store_analysis(article_id, second)

    spans = by_exact(library, article_id)
    assert set(spans) == {"Maria Lopez", "Tom Baker"}
    assert [a.source for a in spans["Maria Lopez"]] == ["manual"]
    assert spans["Tom Baker"][0].model == "b"


def test_deleted_automatic_span_does_not_return(library: Library) -> None:
    library.analyzer = FakeAnalyzer(fixed)
    article_id = library.import_document(document(TEXT, "Plan")).article_id
    assert article_id is not None
    carla = by_exact(library, article_id)["Carla Diaz"][0]
    library.delete_annotation(carla.id)
    library.analyze_article(article_id)
    assert "Carla Diaz" not in by_exact(library, article_id)
    # Undo of the delete brings it back, and then it is an ordinary span again.
    restored = library.restore_deleted(carla)
    assert restored.id == carla.id
    library.analyze_article(article_id)
    assert len(by_exact(library, article_id)["Carla Diaz"]) == 1


def test_annotation_with_a_note_survives_reanalysis(library: Library) -> None:
    library.analyzer = FakeAnalyzer(fixed)
    article_id = library.import_document(document(TEXT, "Plan")).article_id
    assert article_id is not None
    maria = by_exact(library, article_id)["Maria Lopez"][0]
    library.save_note(article_id, "check her title", annotation_id=maria.id)
    library.store_analysis(article_id, Analysis(model="empty"))
    assert [a.id for a in by_exact(library, article_id)["Maria Lopez"]] == [maria.id]
    note = library.get_note(article_id, annotation_id=maria.id)
    assert note is not None
    assert note.body == "check her title"


def test_edited_quote_speaker_is_kept(library: Library) -> None:
    library.analyzer = FakeAnalyzer(fixed)
    article_id = library.import_document(document(TEXT, "Plan")).article_id
    assert article_id is not None
    quote = library.annotations(article_id, layer="quote")[0]
    start, end = span(TEXT, "Maria Lopez")
    changed = library.update_annotation(quote.id, speaker_start=start, speaker_end=end)
    assert changed.quote is not None
    assert changed.quote.speaker_name == "Maria Lopez"
    library.analyze_article(article_id)
    quotes = library.annotations(article_id, layer="quote")
    assert len(quotes) == 1
    assert quotes[0].quote is not None
    assert quotes[0].quote.speaker == "Maria Lopez"
    assert quotes[0].source == "manual"
