"""The plain structure every exchange format is written from and read into.

A :class:`DocumentRecord` is one article's annotations as a file sees them: its text (or only
its text hash, for formats that do not carry the text), and spans that each know their
``exact`` text with a short prefix and suffix (the W3C TextQuoteSelector), so that a reader can
place them on a library article whose text has changed. Writers work on records built from
the library (:func:`article_record`); readers return records that
``desktop.core.exchange_use_cases`` places on library articles.

Offsets are code points into ``DocumentRecord.text`` (or into the text the file was written
from, when the file does not carry it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from desktop.types import Annotation, ArticleAnnotations, QuoteKind

Role = Literal["entity", "quote", "speaker", "cue", "tag"]
ROLES: tuple[Role, ...] = ("entity", "quote", "speaker", "cue", "tag")

QUOTE_LABEL = "QUOTE"
SPEAKER_LABEL = "SPEAKER"
CUE_LABEL = "CUE"

CONTEXT_CHARS = 32  # prefix and suffix length, enough to tell repeated words apart

# Entity labels of the common spaCy pipelines (OntoNotes) and of CoNLL-style corpora: a span
# read from a file that says nothing else about its layer is an entity when its label is one
# of these, part of a quote when it is QUOTE/SPEAKER/CUE, and a user tag otherwise.
ENTITY_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
        "DATE",
        "TIME",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "ORDINAL",
        "CARDINAL",
        "PER",
        "MISC",
    }
)
KINDS: tuple[QuoteKind, ...] = ("direct", "indirect", "mixed")


@dataclass(frozen=True, slots=True)
class SpanRecord:
    """One span of a document: an entity mention, a quote, a speaker, a cue or a tag span."""

    key: str  # unique within its document; relations and notes refer to it
    role: Role
    label: str  # entity label, "QUOTE", "SPEAKER", "CUE", or the tag name
    exact: str
    start: int | None = None  # None when the file gives only a quote selector
    end: int | None = None
    prefix: str = ""
    suffix: str = ""
    entity_name: str | None = None  # entities and speakers: the canonical entity
    kind: QuoteKind | None = None  # quotes only
    speaker_name: str | None = None  # quotes only: the resolved speaker
    confidence: float | None = None  # quotes only
    source: str | None = None  # "auto" or "manual" where known


@dataclass(frozen=True, slots=True)
class RelationRecord:
    """A speaker or a cue of a quote: ``head`` is the speaker/cue span, ``child`` the quote."""

    label: str  # SPEAKER_LABEL or CUE_LABEL
    head: str
    child: str


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """A Markdown note on the article (``target`` None) or on one of its spans."""

    body: str
    target: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One article's annotations as written to, or read from, an exchange file."""

    title: str
    text: str | None  # None for formats that do not carry the text (W3C)
    text_hash: str | None = None
    spans: tuple[SpanRecord, ...] = ()
    relations: tuple[RelationRecord, ...] = ()
    notes: tuple[NoteRecord, ...] = ()
    tags: tuple[str, ...] = ()  # document-level tags
    url: str | None = None
    date: str | None = None
    site: str | None = None
    article_id: int | None = None  # in the library it was exported from
    origin: str = ""  # where it was read from, for reports ("file.jsonl line 3")

    def span(self, key: str) -> SpanRecord | None:
        """The span with this key, or None."""
        for span in self.spans:
            if span.key == key:
                return span
        return None


@dataclass(frozen=True, slots=True)
class RecordBuild:
    """An article turned into a record, with the spans that could not be exported and why."""

    record: DocumentRecord
    skipped: tuple[str, ...] = field(default=())


def context(text: str, start: int, end: int, *, size: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The ``prefix`` and ``suffix`` of ``text[start:end]``, ``size`` code points each."""
    return text[max(0, start - size) : start], text[end : end + size]


def role_for_label(label: str) -> Role:
    """The role of a span known only by its label (files written by other tools)."""
    upper = label.upper()
    if upper in {QUOTE_LABEL, "QUOTATION"}:
        return "quote"
    if upper == SPEAKER_LABEL:
        return "speaker"
    if upper == CUE_LABEL:
        return "cue"
    if upper in ENTITY_LABELS:
        return "entity"
    return "tag"


def quote_relation(
    roles: dict[str, Role], head: str | None, child: str | None
) -> RelationRecord | None:
    """The speaker/cue -> quote relation between two spans, given in either direction."""
    if head is None or child is None:
        return None
    if roles.get(head) == "quote":
        head, child = child, head
    if roles.get(child) != "quote":
        return None
    if roles.get(head) == "speaker":
        return RelationRecord(label=SPEAKER_LABEL, head=head, child=child)
    if roles.get(head) == "cue":
        return RelationRecord(label=CUE_LABEL, head=head, child=child)
    return None


def article_record(item: ArticleAnnotations) -> RecordBuild:
    """The record of one library article: its active, anchored annotations and its notes.

    Speaker and cue spans become spans of their own (one per distinct span, shared by the
    quotes that name it) linked to their quote by relations. Annotations whose text no longer
    matches the article at their offsets are left out and listed in ``skipped``.
    """
    article = item.article
    text = article.text
    builder = _Builder(text)
    skipped: list[str] = []
    keys: dict[int, str] = {}
    for annotation in sorted(item.annotations, key=lambda a: (a.start, a.end, a.id)):
        if annotation.status != "active":
            continue
        problem = _span_problem(text, annotation.start, annotation.end)
        if problem is None and not annotation.anchored:
            problem = "it lost its place when the text changed"
        if problem is not None:
            skipped.append(f"{article.title}: {annotation.label} {annotation.exact!r}: {problem}")
            continue
        if annotation.layer == "quote":
            keys[annotation.id] = builder.add_quote(annotation, skipped, article.title)
        else:
            role: Role = "entity" if annotation.layer == "entity" else "tag"
            keys[annotation.id] = builder.add(
                role,
                annotation.label,
                annotation.start,
                annotation.end,
                entity_name=annotation.entity_name if role == "entity" else None,
                source=annotation.source,
            )
    notes: list[NoteRecord] = []
    for note in sorted(item.notes, key=lambda n: (n.annotation_id is not None, n.id)):
        if not note.body.strip():
            continue
        if note.annotation_id is None:
            notes.append(NoteRecord(body=note.body))
        elif note.annotation_id in keys:
            notes.append(NoteRecord(body=note.body, target=keys[note.annotation_id]))
        else:
            skipped.append(f"{article.title}: a note on an annotation that is not exported")
    record = DocumentRecord(
        title=article.title,
        text=text,
        text_hash=article.text_hash,
        spans=tuple(builder.spans),
        relations=tuple(builder.relations),
        notes=tuple(notes),
        tags=article.tags,
        url=article.metadata.url,
        date=article.metadata.date,
        site=article.metadata.site,
        article_id=article.id,
    )
    return RecordBuild(record=record, skipped=tuple(skipped))


def _span_problem(text: str, start: int | None, end: int | None) -> str | None:
    if start is None or end is None:
        return "it has no offsets"
    if not 0 <= start < end <= len(text):
        return f"its offsets {start}-{end} are outside the text"
    return None


class _Builder:
    """Collects spans with short keys, sharing one speaker or cue span between quotes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[SpanRecord] = []
        self.relations: list[RelationRecord] = []
        self._shared: dict[tuple[Role, int, int], str] = {}

    def add(
        self,
        role: Role,
        label: str,
        start: int,
        end: int,
        *,
        entity_name: str | None = None,
        kind: QuoteKind | None = None,
        speaker_name: str | None = None,
        confidence: float | None = None,
        source: str | None = None,
    ) -> str:
        key = f"s{len(self.spans) + 1}"
        prefix, suffix = context(self.text, start, end)
        self.spans.append(
            SpanRecord(
                key=key,
                role=role,
                label=label,
                exact=self.text[start:end],
                start=start,
                end=end,
                prefix=prefix,
                suffix=suffix,
                entity_name=entity_name,
                kind=kind,
                speaker_name=speaker_name,
                confidence=confidence,
                source=source,
            )
        )
        return key

    def add_quote(self, annotation: Annotation, skipped: list[str], title: str) -> str:
        details = annotation.quote
        key = self.add(
            "quote",
            QUOTE_LABEL,
            annotation.start,
            annotation.end,
            kind=details.kind if details else "direct",
            speaker_name=details.speaker_name if details else None,
            confidence=details.confidence if details else None,
            source=annotation.source,
        )
        if details is None:
            return key
        parts: tuple[tuple[Role, str, int | None, int | None], ...] = (
            ("speaker", SPEAKER_LABEL, details.speaker_start, details.speaker_end),
            ("cue", CUE_LABEL, details.cue_start, details.cue_end),
        )
        for role, label, start, end in parts:
            if start is None and end is None:
                continue
            problem = _span_problem(self.text, start, end)
            if problem is not None or start is None or end is None:
                skipped.append(f"{title}: the {role} of quote {annotation.exact[:40]!r}: {problem}")
                continue
            shared = (role, start, end)
            if shared not in self._shared:
                self._shared[shared] = self.add(
                    role,
                    label,
                    start,
                    end,
                    entity_name=details.speaker_name if role == "speaker" else None,
                    source=annotation.source,
                )
            self.relations.append(RelationRecord(label=label, head=self._shared[shared], child=key))
        return key
