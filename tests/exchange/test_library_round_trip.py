"""Export from one library, import into a fresh one: the same annotations come back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core import Library, text_hash
from desktop.core.exchange_use_cases import export_annotations, import_annotations
from desktop.errors import ExchangeError, NotFoundError
from desktop.exchange import read_annotations
from desktop.types import Analysis, Document, EntityMention, Metadata, QuoteSpan
from tests.exchange.samples import HEBREW, TEXT, TITLE, URL, at

IMPORTABLE = ["jsonl", "brat", "spacy", "w3c"]
TARGET = {"jsonl": "a.jsonl", "brat": "brat", "spacy": "a.spacy", "w3c": "a.jsonld"}


def _open(path: Path) -> Library:
    return Library.open(path)


@pytest.fixture
def source(tmp_path: Path) -> Iterator[tuple[Library, int]]:
    """A library holding the sample article with entities, quotes, tags and notes."""
    library = _open(tmp_path / "source" / "newsdesk.sqlite3")
    outcome = library.import_document(
        Document(
            text=TEXT,
            title=TITLE,
            format="txt",
            metadata=Metadata(url=URL, date="2024-05-01"),
        ),
        analyze=False,
    )
    assert outcome.article_id is not None
    article = outcome.article_id
    # Two automatic mentions, one of which the reader rejected.
    start, end = at("Helena Brandt")
    ellis = at("Port Ellis")
    library.store_analysis(
        article,
        Analysis(
            entities=(
                EntityMention(start, end, "Helena Brandt", "PERSON", "Helena Brandt"),
                EntityMention(*ellis, "Port Ellis", "GPE", "Port Ellis"),
            ),
            model="fake",
            model_version="1",
        ),
    )
    rejected = next(a for a in library.annotations(article) if a.exact == "Port Ellis")
    library.reject_annotation(rejected.id)
    library.add_entity(article, *at("Zoe\u0308 Ashford"), "PERSON")
    library.add_entity(article, *at("Tel Aviv"), "GPE")
    library.add_entity(article, *at("Brandt", 1), "PERSON")
    library.add_entity(article, *at("Ashford", 1), "PERSON")
    brandt = library.find_entity("Helena Brandt")
    ashford = library.find_entity("Zoe\u0308 Ashford")
    assert brandt is not None and ashford is not None
    library.rename_entity(brandt.id, "Mayor Helena Brandt")  # a name that is not in the text
    bridge = library.add_quote(
        article,
        *at('"We will build the bridge together,"'),
        speaker_start=at("Brandt", 1)[0],
        speaker_end=at("Brandt", 1)[1],
        speaker_entity_id=brandt.id,
        cue_start=at("said")[0],
        cue_end=at("said")[1],
    )
    library.add_quote(
        article,
        *at('"Nobody told the fishermen anything,\nnot once,"'),
        speaker_start=at("Ashford", 1)[0],
        speaker_end=at("Ashford", 1)[1],
        speaker_entity_id=ashford.id,
        cue_start=at("said", 1)[0],
        cue_end=at("said", 1)[1],
    )
    library.add_quote(
        article, *at("the work would begin in spring"), kind="indirect", speaker_entity_id=brandt.id
    )
    sign = library.create_tag("sign text")
    library.add_tag_span(article, *at(HEBREW), sign.id)
    library.add_tag_span(article, *at("\U0001f6a7"), library.create_tag("emoji").id)
    library.tag_article(article, library.create_tag("harbour").id)
    library.save_note(article, "Follow up with the harbour office.\n\n- call\n- write 🚧")
    library.save_note(article, "Said twice?\tCheck \\ the recording.", annotation_id=bridge.id)
    yield library, article
    library.close()


def snapshot(library: Library, article_id: int) -> dict[str, Any]:
    """What a reader sees of an article's annotations, without ids or provenance."""
    annotations = library.annotations(article_id)

    def quote(a: Any) -> Any:
        q = a.quote
        if q is None:
            return None
        return (q.kind, q.speaker_start, q.speaker_end, q.speaker_name, q.cue_start, q.cue_end)

    by_id = {a.id: a for a in annotations}
    return {
        "annotations": sorted(
            (a.layer, a.start, a.end, a.label, a.exact, a.entity_name, quote(a))
            for a in annotations
        ),
        "notes": sorted(
            (n.body, by_id[n.annotation_id].exact if n.annotation_id else None)
            for n in library.notes(article_id)
        ),
        "tags": sorted(library.get_article(article_id).tags),
    }


def _fresh(tmp_path: Path, name: str, *, with_text: bool) -> Library:
    library = _open(tmp_path / name / "newsdesk.sqlite3")
    if with_text:
        library.import_document(Document(text=TEXT, title=TITLE, format="txt"), analyze=False)
    return library


@pytest.mark.parametrize("fmt", IMPORTABLE)
def test_export_then_import_into_a_fresh_library_gives_the_same_annotations(
    source: tuple[Library, int], tmp_path: Path, fmt: str
) -> None:
    library, article = source
    out = tmp_path / "export" / TARGET[fmt]
    report = export_annotations(library, fmt, out)
    assert report.articles == 1 and report.skipped == ()
    # W3C files carry no text: that library must already hold the article.
    fresh = _fresh(tmp_path, f"fresh-{fmt}", with_text=fmt == "w3c")
    try:
        imported = import_annotations(fresh, out)
        assert imported.unplaced == ()
        assert imported.problems == ()
        (match,) = imported.articles
        assert match.how == ("text hash" if fmt == "w3c" else "created")
        assert match.article_id is not None
        copy = fresh.get_article(match.article_id)
        assert copy.text == TEXT  # emoji, combining accent and right-to-left text intact
        assert copy.text_hash == text_hash(TEXT)
        assert snapshot(fresh, match.article_id) == snapshot(library, article)
        assert {a.source for a in fresh.annotations(match.article_id)} == {"manual"}
        # The same file again adds nothing.
        again = import_annotations(fresh, out)
        assert again.placed == 0
        assert again.already_present == imported.placed
        assert snapshot(fresh, match.article_id) == snapshot(library, article)
    finally:
        fresh.close()


@pytest.mark.parametrize("fmt", IMPORTABLE)
def test_every_exported_span_is_the_article_text_at_its_offsets(
    source: tuple[Library, int], tmp_path: Path, fmt: str
) -> None:
    library, article = source
    out = tmp_path / TARGET[fmt]
    export_annotations(library, fmt, out)
    (record,) = read_annotations(out).records
    text = library.get_article(article).text
    assert len(record.spans) == 14  # 5 entities, 3 quotes, 2 speakers, 2 cues, 2 tag spans
    for span in record.spans:
        assert span.start is not None and span.end is not None
        assert text[span.start : span.end] == span.exact


def test_spans_re_anchor_to_an_edited_article_and_lost_ones_are_reported(
    source: tuple[Library, int], tmp_path: Path
) -> None:
    library, _ = source
    out = tmp_path / "a.jsonl"
    export_annotations(library, "jsonl", out)
    edited = "Updated at noon: talks went well.\n\n" + TEXT.replace("in Tel Aviv ", "in Haifa ")
    fresh = _open(tmp_path / "edited" / "newsdesk.sqlite3")
    try:
        fresh.import_document(Document(text=edited, title=TITLE, format="txt"), analyze=False)
        report = import_annotations(fresh, out)
        (match,) = report.articles
        assert match.how == "re-anchored"
        assert fresh.count_articles() == 1  # attached to the edited article, not added anew
        assert [(u.label, u.text) for u in report.unplaced] == [("GPE", "Tel Aviv")]
        assert "not in the article" in report.unplaced[0].reason
        assert match.article_id is not None
        for annotation in fresh.annotations(match.article_id):
            assert edited[annotation.start : annotation.end] == annotation.exact
        quotes = {a.exact: a.quote for a in fresh.annotations(match.article_id, layer="quote")}
        bridge = quotes['"We will build the bridge together,"']
        assert bridge is not None and bridge.speaker == "Brandt" and bridge.cue == "said"
        assert bridge.speaker_start == edited.index("Brandt said")
    finally:
        fresh.close()


def test_an_unrelated_article_with_the_same_title_is_not_taken_for_it(
    source: tuple[Library, int], tmp_path: Path
) -> None:
    library, _ = source
    out = tmp_path / "a.jsonl"
    export_annotations(library, "jsonl", out)
    fresh = _open(tmp_path / "same-title" / "newsdesk.sqlite3")
    try:
        other = "The harbour café reopened with a new menu and longer hours for the summer."
        fresh.import_document(Document(text=other, title=TITLE, format="txt"), analyze=False)
        report = import_annotations(fresh, out)
        (match,) = report.articles
        assert match.how == "created"
        assert report.unplaced == ()
        assert fresh.count_articles() == 2
        assert fresh.annotations(fresh.find_article_by_hash(text_hash(other)) or 0) == []
    finally:
        fresh.close()


def test_w3c_annotations_for_an_article_the_library_lacks_are_reported(
    source: tuple[Library, int], tmp_path: Path
) -> None:
    library, _ = source
    out = tmp_path / "a.jsonld"
    export_annotations(library, "w3c", out)
    fresh = _open(tmp_path / "empty" / "newsdesk.sqlite3")
    try:
        report = import_annotations(fresh, out)
        assert report.placed == 0
        assert report.articles[0].how == "not found"
        assert len(report.unplaced) == 14
        assert fresh.count_articles() == 0
    finally:
        fresh.close()


def test_an_imported_note_never_replaces_the_readers_own(
    source: tuple[Library, int], tmp_path: Path
) -> None:
    library, _ = source
    out = tmp_path / "a.jsonl"
    export_annotations(library, "jsonl", out)
    fresh = _fresh(tmp_path, "notes", with_text=True)
    try:
        article = fresh.article_ids()[0]
        fresh.save_note(article, "My own thoughts.")
        import_annotations(fresh, out)
        note = fresh.get_note(article)
        assert note is not None
        assert note.body.startswith("My own thoughts.\n\nFollow up with the harbour office.")
    finally:
        fresh.close()


def test_export_by_query_and_by_ids(source: tuple[Library, int], tmp_path: Path) -> None:
    library, article = source
    other = library.import_document(
        Document(text="Quiet day at the market.", title="Market", format="txt"), analyze=False
    ).article_id
    assert other is not None
    assert (
        export_annotations(library, "jsonl", tmp_path / "q.jsonl", query="fishermen").articles == 1
    )
    both = export_annotations(library, "jsonl", tmp_path / "all.jsonl")
    assert both.articles == 2
    picked = export_annotations(
        library, "jsonl", tmp_path / "pick.jsonl", article_ids=[other, article], query="market"
    )
    assert picked.articles == 1
    (record,) = read_annotations(tmp_path / "pick.jsonl").records
    assert record.title == "Market"
    with pytest.raises(ExchangeError, match="no articles"):
        export_annotations(library, "jsonl", tmp_path / "none.jsonl", query="zebra")
    with pytest.raises(NotFoundError):
        export_annotations(library, "jsonl", tmp_path / "none.jsonl", article_ids=[999])
    with pytest.raises(ExchangeError, match="unknown export format"):
        export_annotations(library, "docx", tmp_path / "x")
    assert not (tmp_path / "none.jsonl").exists()


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_folder_formats_write_their_files(
    source: tuple[Library, int], tmp_path: Path, fmt: str
) -> None:
    library, _ = source
    report = export_annotations(library, fmt, tmp_path / fmt)
    assert report.files and all(f.parent == tmp_path / fmt and f.exists() for f in report.files)
    assert report.spans > 0


def test_corrections_from_an_annotation_tool_win_over_automatic_annotations(
    tmp_path: Path,
) -> None:
    """A reader exports, fixes a label and a speaker in Prodigy, and brings the file back."""
    import json

    text = 'Port Ellis voted. "The bridge is ready," Dana Holt said, thanking Sam Reyes.'
    library = _open(tmp_path / "lib" / "newsdesk.sqlite3")
    try:
        article = library.import_document(
            Document(text=text, title="Vote", format="txt"), analyze=False
        ).article_id
        assert article is not None
        quote = at('"The bridge is ready,"', text=text)
        holt, reyes, said = (
            at("Dana Holt", text=text),
            at("Sam Reyes", text=text),
            at("said", text=text),
        )
        library.store_analysis(
            article,
            Analysis(
                entities=(
                    EntityMention(*holt, "Dana Holt", "ORG", "Dana Holt"),
                    EntityMention(*reyes, "Sam Reyes", "PERSON", "Sam Reyes"),
                ),
                quotes=(
                    QuoteSpan(
                        *quote,
                        text=text[slice(*quote)],
                        kind="direct",
                        speaker="Sam Reyes",
                        speaker_start=reyes[0],
                        speaker_end=reyes[1],
                        speaker_resolved="Sam Reyes",
                    ),
                ),
                model="fake",
                model_version="1",
            ),
        )
        task = {
            "text": text,
            "spans": [
                {"start": holt[0], "end": holt[1], "label": "PERSON"},
                {"start": reyes[0], "end": reyes[1], "label": "PERSON"},
                {"start": quote[0], "end": quote[1], "label": "QUOTE"},
                {"start": holt[0], "end": holt[1], "label": "SPEAKER"},
                {"start": said[0], "end": said[1], "label": "CUE"},
            ],
            "relations": [
                {
                    "head_span": {"start": holt[0], "end": holt[1], "label": "SPEAKER"},
                    "child_span": {"start": quote[0], "end": quote[1], "label": "QUOTE"},
                    "label": "SPEAKER",
                },
                {
                    "head_span": {"start": said[0], "end": said[1], "label": "CUE"},
                    "child_span": {"start": quote[0], "end": quote[1], "label": "QUOTE"},
                    "label": "CUE",
                },
            ],
            "answer": "accept",
        }
        path = tmp_path / "reviewed.jsonl"
        path.write_text(json.dumps(task) + "\n", encoding="utf-8")
        report = import_annotations(library, path)
        assert (report.placed, report.updated, report.already_present) == (0, 3, 0)
        assert report.unplaced == ()
        assert not any("cue" in warning for warning in report.problems)
        by_text = {a.exact: a for a in library.annotations(article)}
        assert by_text["Dana Holt"].label == "PERSON"
        assert by_text["Dana Holt"].source == "manual"
        assert by_text["Sam Reyes"].source == "manual"  # confirmed by the reviewer
        fixed = by_text['"The bridge is ready,"']
        assert fixed.source == "manual"
        assert fixed.quote is not None and fixed.quote.speaker == "Dana Holt"
        # The analyser had no cue; the reviewer's comes in with its offsets.
        assert (fixed.quote.cue, fixed.quote.cue_start, fixed.quote.cue_end) == ("said", *said)
        assert len(library.annotations(article)) == 3  # nothing added beside the old spans
    finally:
        library.close()


def test_a_resolved_speaker_the_library_cannot_name_is_reported(tmp_path: Path) -> None:
    import json

    text = '"We are ready," the spokesperson said.'
    quote = at('"We are ready,"', text=text)
    task = {
        "text": text,
        "spans": [
            {"start": quote[0], "end": quote[1], "label": "QUOTE", "speaker_name": "Ida Moss"}
        ],
    }
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(task) + "\n", encoding="utf-8")
    library = _open(tmp_path / "lib" / "newsdesk.sqlite3")
    try:
        report = import_annotations(library, path)
        assert report.placed == 1
        assert [p for p in report.problems if "'Ida Moss'" in p]
    finally:
        library.close()
