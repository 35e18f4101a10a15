"""The vocabulary every layer shares: frozen dataclasses with no behaviour.

Offsets are ``[start, end)`` indices into the article's canonical text, as Python ``str``
indices (code points). Nothing here imports another part of Newsdesk, so ``formats``,
``nlp``, ``storage``, ``exchange``, ``core`` and ``ui`` can all speak it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Layer = Literal["entity", "quote", "tag"]
Source = Literal["auto", "manual"]
Status = Literal["active", "rejected"]
QuoteKind = Literal["direct", "indirect", "mixed"]

FORMATS = ("txt", "md", "html", "pdf", "epub", "docx")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a file says about itself; ``None`` where it says nothing."""

    author: str | None = None
    date: str | None = None  # ISO 8601, "YYYY-MM-DD" or a full timestamp
    url: str | None = None
    language: str | None = None  # ISO 639-1 code such as "en" or "fr"
    site: str | None = None  # outlet or site name


@dataclass(frozen=True, slots=True)
class Document:
    """An article as read from a file, before it enters the library."""

    text: str  # canonical plain text: every offset in Newsdesk indexes this
    title: str
    format: str  # one of FORMATS
    metadata: Metadata = field(default_factory=Metadata)
    path: Path | None = None


# --- analysis results (nlp -> storage) ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityMention:
    """One mention of a named entity found in an article."""

    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, ...
    canonical: str  # the article-level canonical name: "Kerry" -> "John Kerry"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quote found in an article, with who said it and how."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: str | None = None  # the speaker as written near the quote ("He", "Kerry")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_resolved: str | None = None  # the full name when the article allows ("John Kerry")
    cue: str | None = None  # "said", "told reporters", "according to"
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pipeline found in one text, with the pipeline that found it."""

    entities: tuple[EntityMention, ...] = ()
    quotes: tuple[QuoteSpan, ...] = ()
    model: str = ""  # pipeline name, "" when no pipeline was available
    model_version: str = ""


# --- library records (storage/core -> cli, ui, exchange) -----------------------------------


@dataclass(frozen=True, slots=True)
class QuoteDetails:
    """The parts of a quote annotation beyond its own span."""

    kind: QuoteKind
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity_id: int | None = None
    speaker_name: str | None = None  # canonical name of the resolved speaker entity
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Annotation:
    """A standoff span in an article: an entity mention, a quote or a user tag."""

    id: int
    article_id: int
    start: int
    end: int
    layer: Layer
    label: str  # entity label, "QUOTE", or the tag name
    exact: str
    prefix: str
    suffix: str
    source: Source
    status: Status
    model: str | None = None  # "en_core_web_sm 3.8.0" for automatic annotations
    entity_id: int | None = None
    entity_name: str | None = None
    tag_id: int | None = None
    quote: QuoteDetails | None = None
    anchored: bool = True  # False when re-anchoring to edited text failed


@dataclass(frozen=True, slots=True)
class Entity:
    """A library-wide entity: one person, organisation or place across all articles."""

    id: int
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    mention_count: int = 0
    article_count: int = 0


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag of the user's own tag set."""

    id: int
    name: str
    color: str  # "#rrggbb"
    shortcut: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A Markdown note on an article, or on one annotation of it."""

    id: int
    article_id: int
    body: str
    annotation_id: int | None = None
    updated: str = ""  # ISO 8601 timestamp


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the library list."""

    id: int
    title: str
    format: str
    date: str | None
    site: str | None
    imported: str  # ISO 8601 timestamp
    entity_count: int = 0
    quote_count: int = 0
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """An article in the library with its text."""

    id: int
    title: str
    text: str
    text_hash: str
    format: str
    metadata: Metadata
    source_path: str | None
    imported: str
    analysed: str | None = None
    model: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: the article and a snippet with the matches marked."""

    article_id: int
    title: str
    snippet: str  # matches wrapped in MATCH_START / MATCH_END
    date: str | None = None
    score: float = 0.0


MATCH_START = "\x02"  # marks the start of a match in snippets; the UI and CLI render it
MATCH_END = "\x03"


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """A quote in the quote book: the quote with its article and the sentence around it."""

    annotation_id: int
    article_id: int
    article_title: str
    article_date: str | None
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None
    speaker_name: str | None
    cue: str | None
    context: str


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A search the user named (a smart collection): the query and filters of a search."""

    id: int
    name: str
    query: str = ""
    entity: str | None = None
    speaker: str | None = None
    tag: str | None = None
    since: str | None = None  # "YYYY-MM-DD" (or a year, a month)
    until: str | None = None
    format: str | None = None
    created: str = ""  # ISO 8601 timestamp


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one file of an import."""

    path: Path
    status: Literal["imported", "duplicate", "refused"]
    article_id: int | None = None
    reason: str | None = None  # why it was refused, one line


@dataclass(frozen=True, slots=True)
class ArticleAnnotations:
    """An article with all it carries: the unit of export and import of annotations."""

    article: Article
    annotations: tuple[Annotation, ...] = ()
    notes: tuple[Note, ...] = ()
    entities: tuple[Entity, ...] = ()  # the entities its annotations link to, with aliases
