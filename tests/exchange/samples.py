"""An article written for these tests, with annotations of every kind, and ways to compare.

The text mixes what breaks offset arithmetic: an astral emoji (two UTF-16 code units), a
letter with a combining accent (two code points, one glyph), Hebrew and Arabic (right to
left), a quote running over a line break and a double space.
"""

from __future__ import annotations

from typing import Any

from desktop.exchange.records import DocumentRecord
from desktop.types import (
    Annotation,
    Article,
    ArticleAnnotations,
    Entity,
    Metadata,
    Note,
    QuoteDetails,
)

TEXT = (
    "Harbour talks resume 🤝 in Port Ellis\n\n"
    "Mayor Helena Brandt met Zoe\u0308 Ashford  in Tel Aviv on Tuesday. "
    '"We will build the bridge together," Brandt said after the meeting. '
    "A banner on the quay read \u201c\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd\u201d "
    "beside \u0645\u0631\u062d\u0628\u0627 \U0001f6a7.\n\n"
    '"Nobody told the fishermen anything,\nnot once," said Ashford. '
    "Brandt told reporters that the work would begin in spring."
)
TITLE = "Harbour talks resume"
URL = "https://news.example.org/harbour-talks"


def at(needle: str, nth: int = 0, text: str = TEXT) -> tuple[int, int]:
    """The offsets of the ``nth`` occurrence of ``needle``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _annotation(
    ident: int,
    needle: str,
    layer: str,
    label: str,
    *,
    nth: int = 0,
    entity: tuple[int, str] | None = None,
    tag_id: int | None = None,
    quote: QuoteDetails | None = None,
    source: str = "manual",
    status: str = "active",
) -> Annotation:
    start, end = at(needle, nth)
    return Annotation(
        id=ident,
        article_id=7,
        start=start,
        end=end,
        layer=layer,  # type: ignore[arg-type]
        label=label,
        exact=TEXT[start:end],
        prefix=TEXT[max(0, start - 32) : start],
        suffix=TEXT[end : end + 32],
        source=source,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        entity_id=entity[0] if entity else None,
        entity_name=entity[1] if entity else None,
        tag_id=tag_id,
        quote=quote,
    )


def _quote_details(
    speaker: str, nth: int, cue: str, cue_nth: int, *, name: str, entity_id: int
) -> QuoteDetails:
    speaker_start, speaker_end = at(speaker, nth)
    cue_start, cue_end = at(cue, cue_nth)
    return QuoteDetails(
        kind="direct",
        speaker=speaker,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
        speaker_entity_id=entity_id,
        speaker_name=name,
        cue=cue,
        cue_start=cue_start,
        cue_end=cue_end,
        confidence=0.9,
    )


BRANDT = (1, "Helena Brandt")
ASHFORD = (2, "Zoe\u0308 Ashford")
TEL_AVIV = (3, "Tel Aviv")
HEBREW = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"


def article_annotations() -> ArticleAnnotations:
    """The sample article as the library would hand it to an export."""
    article = Article(
        id=7,
        title=TITLE,
        text=TEXT,
        text_hash="0" * 64,
        format="txt",
        metadata=Metadata(url=URL, date="2024-05-01", site="Harbour Herald"),
        source_path=None,
        imported="2024-05-02T10:00:00",
        tags=("harbour", "local politics"),
    )
    annotations = (
        _annotation(10, "Helena Brandt", "entity", "PERSON", entity=BRANDT, source="auto"),
        _annotation(11, "Zoe\u0308 Ashford", "entity", "PERSON", entity=ASHFORD),
        _annotation(12, "Tel Aviv", "entity", "GPE", entity=TEL_AVIV),
        _annotation(13, "Brandt", "entity", "PERSON", nth=1, entity=BRANDT),
        _annotation(14, "Ashford", "entity", "PERSON", nth=1, entity=ASHFORD),
        _annotation(15, "Port Ellis", "entity", "GPE", status="rejected"),
        _annotation(
            20,
            '"We will build the bridge together,"',
            "quote",
            "QUOTE",
            quote=_quote_details("Brandt", 1, "said", 0, name="Helena Brandt", entity_id=1),
        ),
        _annotation(
            21,
            '"Nobody told the fishermen anything,\nnot once,"',
            "quote",
            "QUOTE",
            quote=_quote_details("Ashford", 1, "said", 1, name="Zoe\u0308 Ashford", entity_id=2),
        ),
        _annotation(22, HEBREW, "tag", "sign text", tag_id=5),
        _annotation(23, "\U0001f6a7", "tag", "emoji", tag_id=6),
        _annotation(24, "Port Ellis", "tag", "local politics", tag_id=7),
    )
    notes = (
        Note(id=1, article_id=7, body="Follow up with the harbour office.\n\n- call\n- write"),
        Note(id=2, article_id=7, body="Said twice? Check \\ the recording.", annotation_id=20),
        Note(id=3, article_id=7, body="Rejected spans carry no notes", annotation_id=15),
    )
    entities = tuple(
        Entity(id=i, name=n, label="GPE" if n == "Tel Aviv" else "PERSON")
        for i, n in (BRANDT, ASHFORD, TEL_AVIV)
    )
    return ArticleAnnotations(
        article=article, annotations=annotations, notes=notes, entities=entities
    )


def normalized(record: DocumentRecord) -> dict[str, Any]:
    """What a record says, independent of its span keys: for comparing round trips."""
    text = record.text or ""
    spans = {s.key: s for s in record.spans}

    def where(key: str | None) -> Any:
        if key is None:
            return None
        span = spans[key]
        return (span.role, span.label, span.start, span.end)

    return {
        "spans": sorted(
            (
                s.role,
                s.label,
                s.start,
                s.end,
                s.exact,
                s.entity_name,
                s.kind,
                s.speaker_name,
            )
            for s in record.spans
        ),
        "relations": sorted((r.label, where(r.head), where(r.child)) for r in record.relations),
        "notes": sorted((n.body, str(where(n.target))) for n in record.notes),
        "tags": sorted(record.tags),
        "text": text,
    }
