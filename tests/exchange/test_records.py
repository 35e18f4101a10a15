"""From a library article to the record every writer works on."""

from __future__ import annotations

from dataclasses import replace

from desktop.exchange.records import article_record, role_for_label
from tests.exchange.samples import TEXT, article_annotations, at


def test_every_active_span_is_exported_with_its_text_at_its_offsets() -> None:
    built = article_record(article_annotations())
    record = built.record
    assert record.text == TEXT
    for span in record.spans:
        assert span.start is not None and span.end is not None
        assert TEXT[span.start : span.end] == span.exact
        assert TEXT[max(0, span.start - 32) : span.start] == span.prefix
        assert TEXT[span.end : span.end + 32] == span.suffix
    roles = sorted(s.role for s in record.spans)
    # 5 entities (the rejected one left out), 2 quotes, 2 speakers, 2 cues, 3 tag spans
    assert roles.count("entity") == 5
    assert roles.count("quote") == 2
    assert roles.count("speaker") == 2
    assert roles.count("cue") == 2
    assert roles.count("tag") == 3
    assert "Port Ellis" not in {s.exact for s in record.spans if s.role == "entity"}


def test_quotes_link_to_their_speaker_and_cue() -> None:
    record = article_record(article_annotations()).record
    spans = {s.key: s for s in record.spans}
    links = {(r.label, spans[r.head].exact, spans[r.child].exact) for r in record.relations}
    assert ("SPEAKER", "Brandt", '"We will build the bridge together,"') in links
    assert ("CUE", "said", '"We will build the bridge together,"') in links
    assert ("SPEAKER", "Ashford", '"Nobody told the fishermen anything,\nnot once,"') in links
    quote = next(s for s in record.spans if s.role == "quote" and "bridge" in s.exact)
    assert quote.speaker_name == "Helena Brandt"
    assert quote.kind == "direct"


def test_notes_follow_their_span_and_notes_on_left_out_spans_are_reported() -> None:
    built = article_record(article_annotations())
    spans = {s.key: s for s in built.record.spans}
    targets = {n.body: (spans[n.target].exact if n.target else None) for n in built.record.notes}
    assert targets["Follow up with the harbour office.\n\n- call\n- write"] is None
    assert targets["Said twice? Check \\ the recording."].startswith('"We will build')
    assert "Rejected spans carry no notes" not in targets
    assert any("note" in line for line in built.skipped)


def test_an_annotation_whose_offsets_no_longer_fit_is_skipped_with_a_reason() -> None:
    item = article_annotations()
    broken = replace(item.annotations[0], start=len(TEXT) - 2, end=len(TEXT) + 5)
    lost = replace(item.annotations[1], anchored=False)
    item = replace(item, annotations=(broken, lost, *item.annotations[2:]))
    built = article_record(item)
    assert {s.exact for s in built.record.spans if s.role == "entity"} == {
        "Tel Aviv",
        "Brandt",
        "Ashford",
    }
    assert len([line for line in built.skipped if "outside the text" in line]) == 1
    assert len([line for line in built.skipped if "lost its place" in line]) == 1


def test_speaker_spans_shared_by_two_quotes_are_written_once() -> None:
    item = article_annotations()
    first = item.annotations[6]
    assert first.quote is not None
    start, end = at("We will")
    second = replace(first, id=99, start=start, end=end, exact=TEXT[start:end])
    record = article_record(replace(item, annotations=(*item.annotations, second))).record
    speakers = [s for s in record.spans if s.role == "speaker" and s.exact == "Brandt"]
    assert len(speakers) == 1
    assert sum(1 for r in record.relations if r.head == speakers[0].key) == 2


def test_labels_from_other_tools_map_to_layers() -> None:
    assert role_for_label("PERSON") == "entity"
    assert role_for_label("org") == "entity"
    assert role_for_label("Quote") == "quote"
    assert role_for_label("SPEAKER") == "speaker"
    assert role_for_label("cue") == "cue"
    assert role_for_label("needs checking") == "tag"
