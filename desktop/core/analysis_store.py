"""Storing an analysis so that automatic and manual annotations never fight.

A new analysis replaces only *untouched* automatic annotations: automatic, active, and without
a note. Everything else is the user's:

- a rejected automatic span stays rejected, and the same span from a new run is not added;
- a span the user edited became manual; the analyser's original span (kept in ``auto_*``)
  does not come back beside it;
- a manual annotation is never changed, and an automatic span on exactly its place is not
  added;
- an automatic span the user deleted (``suppressed_span``) is not added again.

An untouched automatic annotation that the new run finds again keeps its id (the GUI and undo
history refer to ids); the others are deleted and the new spans inserted.

Call inside a write transaction.
"""

from __future__ import annotations

import logging
import time

from desktop.core.anchoring import anchor
from desktop.core.annotation_rows import recount_article
from desktop.core.entity_linker import EntityLinker
from desktop.storage.records import (
    AnnotationRecord,
    ArticleRecord,
    NoteRecord,
    QuoteDetailRecord,
    SuppressedSpanRecord,
)
from desktop.types import Analysis, EntityMention, QuoteSpan

log = logging.getLogger(__name__)

Signature = tuple[str, int, int, str]
QUOTE_LABEL = "QUOTE"


def model_string(analysis: Analysis) -> str | None:
    """``"en_core_web_sm 3.8.0"``, or ``None`` without a pipeline."""
    text = f"{analysis.model} {analysis.model_version}".strip()
    return text or None


def store_analysis(article: ArticleRecord, analysis: Analysis, *, now: str) -> set[int]:
    """Store ``analysis`` for ``article``; return the ids of entities that lost mentions."""
    text: str = article.text
    model = model_string(analysis)
    noted = {
        row.annotation_id
        for row in NoteRecord.select(NoteRecord.annotation).where(
            (NoteRecord.article == article.id) & NoteRecord.annotation.is_null(False)
        )
    }
    untouched: dict[Signature, AnnotationRecord] = {}
    extra: list[AnnotationRecord] = []
    protected: set[Signature] = set()
    protected_spans: set[tuple[str, int, int]] = set()
    for record in AnnotationRecord.select().where(
        (AnnotationRecord.article == article.id) & (AnnotationRecord.layer != "tag")
    ):
        signature = (record.layer, record.start, record.end, record.label)
        if record.source == "auto" and record.status == "active" and record.id not in noted:
            if signature in untouched:
                extra.append(record)
            else:
                untouched[signature] = record
            continue
        protected.add(signature)
        if record.source == "manual" and record.status == "active":
            protected_spans.add((record.layer, record.start, record.end))
        if record.auto_start is not None and record.auto_end is not None:
            protected.add(
                (record.layer, record.auto_start, record.auto_end, record.auto_label or "")
            )
    for row in SuppressedSpanRecord.select().where(SuppressedSpanRecord.article == article.id):
        protected.add((row.layer, row.start, row.end, row.label))

    run = _Run(article, untouched=untouched, linker=EntityLinker(now=now), model=model, now=now)
    kept = run.kept
    lost_entities: set[int] = set()

    def wanted(signature: Signature) -> bool:
        layer, start, end, _ = signature
        if not 0 <= start < end <= len(text):
            log.warning(
                "analysis span %d-%d outside the text of article %s", start, end, article.id
            )
            return False
        return signature not in protected and (layer, start, end) not in protected_spans

    # Full names first, so that bare surnames later in the same text find them.
    mentions = sorted(analysis.entities, key=lambda m: (" " not in m.canonical.strip(), m.start))
    for count, mention in enumerate(mentions, 1):
        if count % _YIELD_EVERY == 0:
            # Pure-Python work holds the GIL; a window sharing the interpreter would stutter.
            time.sleep(0)
        signature = ("entity", mention.start, mention.end, mention.label)
        if not wanted(signature):
            continue
        protected.add(signature)  # the same span twice in one analysis is stored once
        run.store_mention(mention, signature)
    for quote in analysis.quotes:
        signature = ("quote", quote.start, quote.end, QUOTE_LABEL)
        if not wanted(signature):
            continue
        protected.add(signature)
        run.store_quote(quote, signature)
    run.flush()

    stale = [r for r in untouched.values() if r.id not in kept] + extra
    for record in stale:
        if record.entity_id is not None:
            lost_entities.add(int(record.entity_id))
    if stale:
        stale_ids = [r.id for r in stale]
        for chunk in _chunks(stale_ids, 500):
            AnnotationRecord.delete().where(AnnotationRecord.id.in_(chunk)).execute()
    recount_article(article.id)
    return lost_entities


class _Run:
    """One analysis being stored: the article, what is there, and what was kept."""

    def __init__(
        self,
        article: ArticleRecord,
        *,
        untouched: dict[Signature, AnnotationRecord],
        linker: EntityLinker,
        model: str | None,
        now: str,
    ) -> None:
        self.article = article
        self.text: str = article.text
        self.untouched = untouched
        self.linker = linker
        self.model = model
        self.now = now
        self.kept: set[int] = set()
        self.pending: list[dict[str, object]] = []  # new entity rows, inserted by flush()

    def store_mention(self, mention: EntityMention, signature: Signature) -> None:
        """Keep or insert one entity mention, linked to its library-wide entity."""
        text, now, model = self.text, self.now, self.model
        exact = text[mention.start : mention.end]
        canonical = mention.canonical.strip() or exact
        entity = self.linker.link(canonical, mention.label, alias=exact)
        existing = self.untouched.get(signature)
        if existing is not None:
            existing.model = model
            existing.canonical = canonical
            existing.entity = entity
            existing.updated = now
            existing.save()
            self.kept.add(existing.id)
            return
        spot = anchor(text, mention.start, mention.end)
        self.pending.append(
            {
                "article": self.article.id,
                "layer": "entity",
                "start": spot.start,
                "end": spot.end,
                "exact": spot.exact,
                "prefix": spot.prefix,
                "suffix": spot.suffix,
                "label": mention.label,
                "source": "auto",
                "status": "active",
                "model": model,
                "canonical": canonical,
                "entity": entity,
                "created": now,
                "updated": now,
            }
        )

    def flush(self) -> None:
        """Insert the new entity rows, many per statement.

        One statement per row cost half a second of query building for a 5,000-word
        article, on the database thread the window shares the interpreter with.
        """
        for start in range(0, len(self.pending), _ROWS_PER_INSERT):
            AnnotationRecord.insert_many(self.pending[start : start + _ROWS_PER_INSERT]).execute()
        self.pending.clear()

    def store_quote(self, quote: QuoteSpan, signature: Signature) -> None:
        """Keep or insert one quote with its speaker (linked to an entity) and cue."""
        text, now, model = self.text, self.now, self.model
        speaker_start, speaker_end = _inside(text, quote.speaker_start, quote.speaker_end)
        cue_start, cue_end = _inside(text, quote.cue_start, quote.cue_end)
        speaker = (
            text[speaker_start:speaker_end]
            if speaker_start is not None and speaker_end is not None
            else quote.speaker
        )
        resolved = quote.speaker_resolved or speaker
        speaker_entity = self.linker.link_speaker(resolved, alias=speaker) if resolved else None
        cue = (
            text[cue_start:cue_end] if cue_start is not None and cue_end is not None else quote.cue
        )
        details = {
            "kind": quote.kind if quote.kind in ("direct", "indirect", "mixed") else "direct",
            "speaker": speaker,
            "speaker_start": speaker_start,
            "speaker_end": speaker_end,
            "speaker_resolved": quote.speaker_resolved,
            "speaker_entity": speaker_entity,
            "cue": cue,
            "cue_start": cue_start,
            "cue_end": cue_end,
            "confidence": float(quote.confidence),
        }
        existing = self.untouched.get(signature)
        if existing is not None:
            existing.model = model
            existing.updated = now
            existing.save()
            QuoteDetailRecord.insert(
                annotation=existing.id, **details
            ).on_conflict_replace().execute()
            self.kept.add(existing.id)
            return
        spot = anchor(text, quote.start, quote.end)
        record = AnnotationRecord.create(
            article=self.article.id,
            layer="quote",
            start=spot.start,
            end=spot.end,
            exact=spot.exact,
            prefix=spot.prefix,
            suffix=spot.suffix,
            label=QUOTE_LABEL,
            source="auto",
            status="active",
            model=model,
            created=now,
            updated=now,
        )
        QuoteDetailRecord.insert(annotation=record.id, **details).execute()


_YIELD_EVERY = 20  # mentions stored between two chances for other threads to run
_ROWS_PER_INSERT = 100  # 15 columns each: far below SQLite's limit on bound values


def _inside(text: str, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    """``(start, end)`` when it is a non-empty span of ``text``, else ``(None, None)``."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None, None
    return start, end


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]
