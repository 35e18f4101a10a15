"""Export and import of annotations: the use cases behind ``newsdesk export``,
``newsdesk import-annotations`` and the GUI's File > Export and File > Import annotations.

Two functions, both taking an open :class:`~desktop.core.library.Library`::

    export_annotations(library, "brat", Path("out"), article_ids=[3, 4])  -> ExportReport
    export_annotations(library, "jsonl", Path("kerry.jsonl"), query="Kerry")
    import_annotations(library, Path("corrected.jsonl"))                  -> AnnotationImportReport

Formats are in ``desktop.exchange.EXPORT_FORMATS`` (name, title, whether the target is a file
or a folder, its suffix). Both run on the caller's thread and make many small writes: the GUI
calls them on its database worker.

Importing attaches each article of the file to a library article: the one with the same text
(by text hash), else one with the same title or URL, or a near-identical text, on which each
span is re-anchored by its quote selector; when the file carries the text and no article fits,
the article is added to the library. Imported spans are manual annotations. A span that cannot
be placed is listed with its reason, never put somewhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

from desktop.core.hashing import text_hash
from desktop.core.library import Library
from desktop.errors import ExchangeError, NewsdeskError
from desktop.exchange.anchoring import PlacedSpan, Placement, UnplacedSpan, place_spans
from desktop.exchange.catalog import export_format, read_annotations, write_records
from desktop.exchange.records import (
    SPEAKER_LABEL,
    DocumentRecord,
    SpanRecord,
    article_record,
)
from desktop.types import Annotation, Document, Metadata

SEARCH_PAGE = 200
SIMILAR_TEXT = 0.6  # share of word 4-grams two texts must have in common to be one article

Progress = Callable[[int, int], None]
_Key = tuple[str, int, int, str]  # layer, start, end, label: one annotation of an article


# --- reports -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export wrote."""

    format: str
    out: Path
    files: tuple[Path, ...]  # every file written (a folder format writes several)
    articles: int
    spans: int
    skipped: tuple[str, ...] = ()  # annotations left out, one line each with the reason


@dataclass(frozen=True, slots=True)
class UnplacedAnnotation:
    """A span of the file that was not imported, and why."""

    article: str  # the article's title as the file gives it
    label: str
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class ArticleMatch:
    """Which library article one article of the file went to, and how."""

    title: str  # as the file gives it
    article_id: int | None  # None: no article fits
    how: Literal["text hash", "re-anchored", "created", "not found"]
    placed: int = 0
    updated: int = 0
    already_present: int = 0
    unplaced: int = 0


@dataclass(frozen=True, slots=True)
class AnnotationImportReport:
    """What an annotation import did."""

    path: Path
    placed: int  # new annotations (all manual)
    updated: int  # annotations already there that took the file's label, kind or speaker
    already_present: int  # spans the article already had, unchanged
    notes: int  # notes saved
    unplaced: tuple[UnplacedAnnotation, ...]
    articles: tuple[ArticleMatch, ...]
    problems: tuple[str, ...] = ()  # parts of the file that were left out, and warnings

    @property
    def articles_matched(self) -> int:
        """How many articles of the file found their library article (or were added)."""
        return sum(1 for a in self.articles if a.article_id is not None)


# --- export --------------------------------------------------------------------------------


def export_annotations(
    library: Library,
    fmt: str,
    out: Path,
    *,
    article_ids: Sequence[int] | None = None,
    query: str | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Write the annotations of some articles to ``out`` in format ``fmt``.

    Args:
        library: the open library.
        fmt: ``jsonl``, ``brat``, ``spacy``, ``w3c``, ``csv`` or ``markdown``.
        out: the file (jsonl, spacy, w3c) or folder (brat, csv, markdown) to write; a folder
            is created when missing and files of the same names in it are replaced.
        article_ids: export these articles (a selection, or one article).
        query: export the articles this search finds (the search box's syntax). With
            ``article_ids`` too: those of them the search finds. With neither: every article.
        progress: called with (articles done, articles in all).

    Raises:
        ExchangeError: unknown format, nothing to export, or the target cannot be written.
        NotFoundError: an id in ``article_ids`` is not in the library.
    """
    name = export_format(fmt).name
    ids = _export_ids(library, article_ids=article_ids, query=query)
    if not ids:
        raise ExchangeError("no articles to export" + (f" match {query!r}" if query else ""))
    skipped: list[str] = []

    def records() -> Iterator[DocumentRecord]:
        for done, article_id in enumerate(ids, start=1):
            built = article_record(library.article_annotations(article_id))
            skipped.extend(built.skipped)
            yield built.record
            if progress is not None:
                progress(done, len(ids))

    try:
        written = write_records(name, records(), out)
    except OSError as error:
        raise ExchangeError(f"{out}: cannot write ({error.strerror or error})") from error
    return ExportReport(
        format=name,
        out=out,
        files=written.files,
        articles=len(ids),
        spans=written.spans,
        skipped=tuple(skipped),
    )


def _export_ids(
    library: Library, *, article_ids: Sequence[int] | None, query: str | None
) -> list[int]:
    if article_ids is not None:
        for article_id in article_ids:
            library.get_article(article_id)  # NotFoundError names a wrong id
    if query is None:
        return (
            list(dict.fromkeys(article_ids))
            if article_ids is not None
            else library.article_ids(order="imported", descending=False)
        )
    found: list[int] = []
    offset = 0
    while True:
        hits = library.search(query, limit=SEARCH_PAGE, offset=offset)
        found.extend(hit.article_id for hit in hits)
        if len(hits) < SEARCH_PAGE:
            break
        offset += SEARCH_PAGE
    if article_ids is None:
        return list(dict.fromkeys(found))
    hit_set = set(found)
    return [i for i in dict.fromkeys(article_ids) if i in hit_set]


# --- import --------------------------------------------------------------------------------


def import_annotations(
    library: Library, path: Path, *, progress: Progress | None = None
) -> AnnotationImportReport:
    """Add the annotations of an annotation file to the library, as manual annotations.

    Args:
        library: the open library.
        path: a JSONL file (Prodigy, doccano or ours), a brat ``.ann`` file or a folder of
            them, a W3C Web Annotation ``.jsonld``/``.json`` file, or a spaCy ``.spacy`` file.
        progress: called with (articles done, articles in the file).

    Raises:
        ExchangeError: the file cannot be read as any of these formats.
    """
    read = read_annotations(path)
    importer = _Importer(library)
    for done, record in enumerate(read.records, start=1):
        importer.add(record)
        if progress is not None:
            progress(done, len(read.records))
    return AnnotationImportReport(
        path=path,
        placed=importer.placed,
        updated=importer.updated,
        already_present=importer.already_present,
        notes=importer.notes,
        unplaced=tuple(importer.unplaced),
        articles=tuple(importer.articles),
        problems=read.problems + tuple(importer.warnings),
    )


@dataclass
class _Tally:
    placed: int = 0
    updated: int = 0
    already_present: int = 0
    unplaced: int = 0


@dataclass
class _Importer:
    """Imports the records of one file, one article after another."""

    library: Library
    placed: int = 0
    updated: int = 0
    already_present: int = 0
    notes: int = 0
    unplaced: list[UnplacedAnnotation] = field(default_factory=list)
    articles: list[ArticleMatch] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _tag_ids: dict[str, int] | None = None
    _urls: dict[str, int] | None = None

    # --- finding the article ---------------------------------------------------------------

    def add(self, record: DocumentRecord) -> None:
        article_id, how = self._find_article(record)
        if article_id is None:
            for span in record.spans:
                self._unplaced(
                    record, span, "no article in the library has this text, title or URL"
                )
            self.articles.append(
                ArticleMatch(record.title, None, "not found", unplaced=len(record.spans))
            )
            return
        text = self.library.get_article(article_id).text
        placement = place_spans(record, text, same_text=how in {"text hash", "created"})
        tally = self._apply(record, article_id, placement)
        self.articles.append(
            ArticleMatch(
                record.title,
                article_id,
                how,
                placed=tally.placed,
                updated=tally.updated,
                already_present=tally.already_present,
                unplaced=tally.unplaced,
            )
        )

    def _find_article(
        self, record: DocumentRecord
    ) -> tuple[int | None, Literal["text hash", "re-anchored", "created", "not found"]]:
        hashes = [h for h in (record.text_hash,) if h]
        if record.text is not None:
            hashes.append(text_hash(record.text))
        for digest in dict.fromkeys(hashes):
            found = self.library.find_article_by_hash(digest)
            if found is not None:
                return found, "text hash"
        candidates = self._candidates(record)
        if candidates:
            best = max(candidates, key=lambda i: self._placeable(record, i))
            return best, "re-anchored"
        if record.text is not None and record.text.strip():
            outcome = self.library.import_document(
                Document(
                    text=record.text,
                    title=record.title,
                    format="txt",
                    metadata=Metadata(url=record.url, date=record.date, site=record.site),
                ),
                analyze=False,
            )
            if outcome.article_id is not None:
                return outcome.article_id, "created"
            self.warnings.append(f"{record.title}: could not be added ({outcome.reason})")
        return None, "not found"

    def _candidates(self, record: DocumentRecord) -> list[int]:
        """Library articles that are plausibly this record's article, with edited text.

        Found by title and by the text's first words. When the file carries the text, such a
        candidate must share most of it (an unrelated article with the same title is not the
        same article); when it does not (W3C), the same title must do. Failing those, the
        article at the same URL is taken: a page's later version is still that article.
        """
        wanted_title = _fold(record.title)
        found: list[int] = []
        queries = [record.title]
        if record.text:
            queries.append(" ".join(record.text.split()[:12]))
        for query in queries:
            if not query.strip():
                continue
            for hit in self.library.search(query, limit=10):
                if hit.article_id not in found and (
                    record.text is not None or (wanted_title and _fold(hit.title) == wanted_title)
                ):
                    found.append(hit.article_id)
        if record.text is not None:
            text = record.text
            found = [
                article_id
                for article_id in found
                if _similarity(text, self.library.get_article(article_id).text) >= SIMILAR_TEXT
            ]
        if not found and record.url:
            # Last resort, as it reads every article once: the same URL.
            url_id = self._by_url().get(record.url.strip())
            if url_id is not None:
                found.append(url_id)
        return found

    def _by_url(self) -> dict[str, int]:
        if self._urls is None:
            self._urls = {}
            for article_id in self.library.article_ids():
                url = self.library.get_article(article_id).metadata.url
                if url:
                    self._urls.setdefault(url.strip(), article_id)
        return self._urls

    def _placeable(self, record: DocumentRecord, article_id: int) -> int:
        return len(place_spans(record, self.library.get_article(article_id).text).placed)

    # --- placing the spans -----------------------------------------------------------------

    def _apply(self, record: DocumentRecord, article_id: int, placement: Placement) -> _Tally:
        tally = _Tally()
        existing = self._existing(article_id)
        created: dict[str, int] = {}  # span key -> annotation id

        def place(
            item: PlacedSpan,
            key: _Key,
            make: Callable[[], Annotation],
            merge: Callable[[Annotation], bool] | None = None,
        ) -> None:
            try:
                if key in existing:
                    found = existing[key]
                    created[item.span.key] = found.id
                    if merge is not None and merge(found):
                        tally.updated += 1
                    else:
                        tally.already_present += 1
                    return
                annotation = make()
            except NewsdeskError as error:
                self._unplaced(record, item.span, str(error), tally)
                return
            existing[key] = annotation
            created[item.span.key] = annotation.id
            tally.placed += 1

        for miss in placement.unplaced:
            self._unplaced(record, miss.span, miss.reason, tally)
        entities = [p for p in placement.placed if p.span.role == "entity"]
        # Full names first, so that a later "Kerry" finds "John Kerry" already there.
        entities.sort(key=lambda p: (p.span.exact != p.span.entity_name, p.start))
        for item in entities:
            place(
                item,
                ("entity", item.start, item.end, ""),
                partial(self._add_entity, article_id, item),
                partial(self._merge_entity, item),
            )
        for item in placement.placed:
            if item.span.role == "tag":
                key = ("tag", item.start, item.end, item.span.label.strip())
                place(item, key, partial(self._add_tag_span, article_id, item))
        found: dict[str, PlacedSpan | UnplacedSpan] = {p.span.key: p for p in placement.placed}
        found.update({u.span.key: u for u in placement.unplaced})
        parts: dict[str, dict[str, PlacedSpan | UnplacedSpan]] = {}
        for relation in record.relations:
            if relation.head in found:
                role = "speaker" if relation.label == SPEAKER_LABEL else "cue"
                parts.setdefault(relation.child, {})[role] = found[relation.head]
        for item in placement.placed:
            if item.span.role == "quote":
                quote_parts = parts.get(item.span.key, {})
                speaker, cue = quote_parts.get("speaker"), quote_parts.get("cue")
                place(
                    item,
                    ("quote", item.start, item.end, ""),
                    partial(self._add_quote, article_id, item, speaker=speaker, cue=cue),
                    partial(self._merge_quote, item, speaker=speaker, cue=cue),
                )
        quoted = {r.head for r in record.relations if r.child in created}
        for item in placement.placed:
            if item.span.role in {"speaker", "cue"} and item.span.key not in quoted:
                has_quote = any(r.head == item.span.key for r in record.relations)
                reason = (
                    "its quote could not be placed"
                    if has_quote
                    else f"a {item.span.role} with no quote"
                )
                self._unplaced(record, item.span, reason, tally)
        self._save_notes(record, article_id, created)
        self._tag_article(record, article_id)
        self.placed += tally.placed
        self.updated += tally.updated
        self.already_present += tally.already_present
        return tally

    def _existing(self, article_id: int) -> dict[_Key, Annotation]:
        """The article's active annotations: an entity or a quote by its span, a tag by span
        and tag (a span can carry several tags, but only one entity label or one quote)."""
        found: dict[_Key, Annotation] = {}
        for annotation in self.library.annotations(article_id):
            label = annotation.label.strip() if annotation.layer == "tag" else ""
            key = (annotation.layer, annotation.start, annotation.end, label)
            found.setdefault(key, annotation)
        return found

    def _merge_entity(self, item: PlacedSpan, found: Annotation) -> bool:
        """Bring an existing mention in line with the file; whether it changed.

        The file's word wins over the analyser's: an automatic mention with another label
        takes the file's label, and one the file confirms becomes manual, so a later analysis
        does not replace it. A span the file itself marks as automatic changes nothing.
        """
        if item.span.source == "auto":
            return False
        label = item.span.label.strip().upper()
        if found.source == "manual" and found.label == label:
            return False
        self.library.update_annotation(found.id, label=None if found.label == label else label)
        return True

    def _merge_quote(
        self,
        item: PlacedSpan,
        found: Annotation,
        *,
        speaker: PlacedSpan | UnplacedSpan | None,
        cue: PlacedSpan | UnplacedSpan | None,
    ) -> bool:
        """Bring an existing quote in line with the file (kind, speaker, cue).

        Returns whether it changed. A quote the file marks as automatic changes nothing.
        """
        if item.span.source == "auto":
            return False
        details = found.quote
        changes: dict[str, Any] = {}
        if item.span.kind and (details is None or details.kind != item.span.kind):
            changes["kind"] = item.span.kind
        if isinstance(speaker, PlacedSpan) and (
            details is None
            or (details.speaker_start, details.speaker_end) != (speaker.start, speaker.end)
        ):
            changes["speaker_start"], changes["speaker_end"] = speaker.start, speaker.end
        entity_id = self._speaker_entity(item.span)
        if entity_id is not None and (details is None or details.speaker_entity_id != entity_id):
            changes["speaker_entity_id"] = entity_id
        if isinstance(cue, PlacedSpan) and (
            details is None or (details.cue_start, details.cue_end) != (cue.start, cue.end)
        ):
            changes["cue_start"], changes["cue_end"] = cue.start, cue.end
        if not changes and found.source == "manual":
            return False
        self._check_speaker(item.span, self.library.update_annotation(found.id, **changes))
        return True

    def _add_entity(self, article_id: int, item: PlacedSpan) -> Annotation:
        annotation = self.library.add_entity(article_id, item.start, item.end, item.span.label)
        wanted = item.span.entity_name
        if (
            not wanted
            or annotation.entity_id is None
            or _fold(annotation.entity_name or "") == (_fold(wanted))
        ):
            return annotation
        current = self.library.get_entity(annotation.entity_id)
        target = self.library.find_entity(wanted)
        if target is not None and target.id == current.id:
            return annotation
        if current.mention_count <= 1 and current.article_count <= 1:
            # A new entity made just for this mention: give it the file's entity.
            if target is not None:
                self.library.merge_entities(target.id, [current.id])
            else:
                self.library.rename_entity(current.id, wanted)
            return self.library.get_annotation(annotation.id)
        self.warnings.append(
            f"{item.span.exact!r} is linked to {current.name!r} in the library; the file says "
            f"{wanted!r}"
        )
        return annotation

    def _add_tag_span(self, article_id: int, item: PlacedSpan) -> Annotation:
        return self.library.add_tag_span(
            article_id, item.start, item.end, self._tag_id(item.span.label)
        )

    def _add_quote(
        self,
        article_id: int,
        item: PlacedSpan,
        *,
        speaker: PlacedSpan | UnplacedSpan | None,
        cue: PlacedSpan | UnplacedSpan | None,
    ) -> Annotation:
        speaker_at = speaker if isinstance(speaker, PlacedSpan) else None
        cue_at = cue if isinstance(cue, PlacedSpan) else None
        annotation = self.library.add_quote(
            article_id,
            item.start,
            item.end,
            kind=item.span.kind or "direct",
            speaker_start=speaker_at.start if speaker_at else None,
            speaker_end=speaker_at.end if speaker_at else None,
            speaker_entity_id=self._speaker_entity(item.span),
            cue_start=cue_at.start if cue_at else None,
            cue_end=cue_at.end if cue_at else None,
        )
        self._check_speaker(item.span, annotation)
        return annotation

    def _speaker_entity(self, span: SpanRecord) -> int | None:
        """The library entity of a quote's resolved speaker, when the file names one."""
        if not span.speaker_name:
            return None
        entity = self.library.find_entity(span.speaker_name)
        return None if entity is None else entity.id

    def _check_speaker(self, span: SpanRecord, annotation: Annotation) -> None:
        """Say so when the library could not give a quote the speaker the file names."""
        got = annotation.quote.speaker_name if annotation.quote else None
        if span.speaker_name and _fold(got or "") != _fold(span.speaker_name):
            self.warnings.append(
                f"the speaker of {_short(span.exact)} is {got or 'unknown'!s} in the library; "
                f"the file says {span.speaker_name!r}, which is not an entity there"
            )

    def _tag_id(self, name: str) -> int:
        if self._tag_ids is None:
            self._tag_ids = {tag.name: tag.id for tag in self.library.tags()}
        clean = name.strip()
        if clean in self._tag_ids:
            return self._tag_ids[clean]
        for existing, tag_id in self._tag_ids.items():
            if existing.casefold() == clean.casefold():
                return tag_id
        tag = self.library.create_tag(clean)
        self._tag_ids[tag.name] = tag.id
        return tag.id

    def _save_notes(self, record: DocumentRecord, article_id: int, created: dict[str, int]) -> None:
        for note in record.notes:
            annotation_id = None
            if note.target is not None:
                annotation_id = created.get(note.target)
                if annotation_id is None or annotation_id < 0:
                    span = record.span(note.target)
                    where = _short(span.exact) if span else "a span"
                    self.warnings.append(
                        f"{record.title}: the note on {where} has no annotation to go on"
                    )
                    continue
            current = self.library.get_note(article_id, annotation_id=annotation_id)
            body = note.body
            if current is not None and current.body.strip():
                if body.strip() in current.body:
                    continue
                body = current.body.rstrip() + "\n\n" + body  # never lose what the user wrote
            self.library.save_note(article_id, body, annotation_id=annotation_id)
            self.notes += 1

    def _tag_article(self, record: DocumentRecord, article_id: int) -> None:
        for name in record.tags:
            if name.strip():
                self.library.tag_article(article_id, self._tag_id(name))

    def _unplaced(
        self, record: DocumentRecord, span: SpanRecord, reason: str, tally: _Tally | None = None
    ) -> None:
        self.unplaced.append(UnplacedAnnotation(record.title, span.label, span.exact, reason))
        if tally is not None:
            tally.unplaced += 1


def _fold(value: str) -> str:
    return " ".join(value.casefold().split())


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= 40 else flat[:39] + "…")


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i : i + 4]) for i in range(max(0, len(words) - 3))}


def _similarity(a: str, b: str) -> float:
    """Share of word 4-grams of the shorter text found in the longer (0 to 1)."""
    left, right = _shingles(a), _shingles(b)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


__all__ = [
    "AnnotationImportReport",
    "ArticleMatch",
    "ExportReport",
    "UnplacedAnnotation",
    "export_annotations",
    "import_annotations",
]
