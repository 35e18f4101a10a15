"""The user's own annotation edits: add, change, reject, restore, delete, undo a delete.

Editing an automatic annotation makes it manual, and the analyser's original span and label
are kept (``auto_*``) so a new analysis does not add it again beside the edit. Deleting an
automatic annotation records its span in ``suppressed_span`` for the same reason. Call these
inside a write transaction.
"""

from __future__ import annotations

from desktop.core.anchoring import anchor
from desktop.core.annotation_rows import delete_orphan_entities, recount_article
from desktop.core.entity_linker import EntityLinker, label_family
from desktop.errors import InvalidInputError, NotFoundError
from desktop.storage.records import (
    AnnotationRecord,
    ArticleRecord,
    EntityRecord,
    QuoteDetailRecord,
    SuppressedSpanRecord,
    TagRecord,
)
from desktop.types import Annotation

QUOTE_KINDS = ("direct", "indirect", "mixed")


def article_text(article_id: int) -> str:
    """The canonical text of an article."""
    row = ArticleRecord.select(ArticleRecord.text).where(ArticleRecord.id == article_id).first()
    if row is None:
        raise NotFoundError(f"there is no article {article_id}")
    text: str = row.text
    return text


def annotation_record(annotation_id: int) -> AnnotationRecord:
    """The record of an annotation."""
    record = AnnotationRecord.get_or_none(AnnotationRecord.id == annotation_id)
    if record is None:
        raise NotFoundError(f"there is no annotation {annotation_id}")
    return record


def entity_label(label: str) -> str:
    """A label as stored (upper case), checked."""
    clean = label.strip().upper()
    if not clean or not clean.replace("_", "").isalnum():
        raise InvalidInputError(f"{label!r} is not an entity label (such as PERSON or ORG)")
    return clean


def _check_kind(kind: str) -> str:
    if kind not in QUOTE_KINDS:
        raise InvalidInputError(f"{kind!r} is not a quote kind; use direct, indirect or mixed")
    return kind


def _optional_span(
    text: str, start: int | None, end: int | None, what: str
) -> tuple[int | None, int | None]:
    if start is None and end is None:
        return None, None
    if start is None or end is None:
        raise InvalidInputError(f"give both the start and the end of the {what}")
    anchor(text, start, end)  # raises when out of range
    return start, end


def _entity(entity_id: int | None) -> EntityRecord | None:
    if entity_id is None:
        return None
    record = EntityRecord.get_or_none(EntityRecord.id == entity_id)
    if record is None:
        raise NotFoundError(f"there is no entity {entity_id}")
    return record


def add_entity(article_id: int, start: int, end: int, label: str, *, now: str) -> int:
    """A manual entity mention, linked to a library-wide entity by its text."""
    text = article_text(article_id)
    spot = anchor(text, start, end)
    clean = entity_label(label)
    entity = EntityLinker(now=now).link(spot.exact, clean)
    record = AnnotationRecord.create(
        article=article_id,
        layer="entity",
        start=start,
        end=end,
        exact=spot.exact,
        prefix=spot.prefix,
        suffix=spot.suffix,
        label=clean,
        source="manual",
        status="active",
        canonical=spot.exact,
        entity=entity,
        created=now,
        updated=now,
    )
    recount_article(article_id)
    return int(record.id)


def add_quote(
    article_id: int,
    start: int,
    end: int,
    *,
    kind: str,
    speaker_start: int | None,
    speaker_end: int | None,
    speaker_entity_id: int | None,
    cue_start: int | None,
    cue_end: int | None,
    now: str,
) -> int:
    """A manual quote with its speaker and cue spans."""
    text = article_text(article_id)
    spot = anchor(text, start, end)
    _check_kind(kind)
    speaker_start, speaker_end = _optional_span(text, speaker_start, speaker_end, "speaker")
    cue_start, cue_end = _optional_span(text, cue_start, cue_end, "cue")
    speaker = text[speaker_start:speaker_end] if speaker_start is not None else None
    speaker_entity = _entity(speaker_entity_id)
    if speaker_entity is None and speaker:
        speaker_entity = EntityLinker(now=now).link_speaker(speaker)
    record = AnnotationRecord.create(
        article=article_id,
        layer="quote",
        start=start,
        end=end,
        exact=spot.exact,
        prefix=spot.prefix,
        suffix=spot.suffix,
        label="QUOTE",
        source="manual",
        status="active",
        created=now,
        updated=now,
    )
    QuoteDetailRecord.create(
        annotation=record.id,
        kind=kind,
        speaker=speaker,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
        speaker_entity=speaker_entity,
        cue=text[cue_start:cue_end] if cue_start is not None else None,
        cue_start=cue_start,
        cue_end=cue_end,
        confidence=1.0,
    )
    recount_article(article_id)
    return int(record.id)


def add_tag_span(article_id: int, start: int, end: int, tag_id: int, *, now: str) -> int:
    """A span tagged with one of the user's tags."""
    text = article_text(article_id)
    spot = anchor(text, start, end)
    tag = TagRecord.get_or_none(TagRecord.id == tag_id)
    if tag is None:
        raise NotFoundError(f"there is no tag {tag_id}")
    record = AnnotationRecord.create(
        article=article_id,
        layer="tag",
        start=start,
        end=end,
        exact=spot.exact,
        prefix=spot.prefix,
        suffix=spot.suffix,
        label=tag.name,
        source="manual",
        status="active",
        tag=tag.id,
        created=now,
        updated=now,
    )
    return int(record.id)


def update(
    annotation_id: int,
    *,
    start: int | None,
    end: int | None,
    label: str | None,
    kind: str | None,
    speaker_start: int | None,
    speaker_end: int | None,
    speaker_entity_id: int | None,
    clear_speaker: bool,
    now: str,
    cue_start: int | None = None,
    cue_end: int | None = None,
    clear_cue: bool = False,
) -> None:
    """Change an annotation; it becomes manual, remembering what the analyser had said."""
    record = annotation_record(annotation_id)
    text = article_text(record.article_id)
    is_quote = record.layer == "quote"
    if not is_quote and (
        kind is not None
        or speaker_start is not None
        or speaker_end is not None
        or speaker_entity_id is not None
        or clear_speaker
        or cue_start is not None
        or cue_end is not None
        or clear_cue
    ):
        raise InvalidInputError("only a quote has a kind, a speaker and a cue")
    if label is not None and record.layer != "entity":
        raise InvalidInputError("only an entity mention has a label to change")
    if record.source == "auto" and record.auto_start is None:
        record.auto_start, record.auto_end, record.auto_label = (
            record.start,
            record.end,
            record.label,
        )
    new_start = record.start if start is None else start
    new_end = record.end if end is None else end
    spot = anchor(text, new_start, new_end)
    record.start, record.end = spot.start, spot.end
    record.exact, record.prefix, record.suffix = spot.exact, spot.prefix, spot.suffix
    record.anchored = True
    lost: set[int] = set()
    if label is not None:
        clean = entity_label(label)
        if label_family(clean) != label_family(record.label):
            if record.entity_id is not None:
                lost.add(int(record.entity_id))
            record.entity = EntityLinker(now=now).link(record.canonical or spot.exact, clean)
        record.label = clean
    record.source = "manual"
    record.updated = now
    record.save()
    if is_quote:
        details = QuoteDetailRecord.get_or_none(QuoteDetailRecord.annotation == record.id)
        is_new = details is None
        if details is None:
            details = QuoteDetailRecord(annotation=record.id, kind="direct", confidence=1.0)
        if kind is not None:
            details.kind = _check_kind(kind)
        if clear_speaker:
            if details.speaker_entity_id is not None:
                lost.add(int(details.speaker_entity_id))
            details.speaker = details.speaker_start = details.speaker_end = None
            details.speaker_resolved = None
            details.speaker_entity = None
        if speaker_start is not None or speaker_end is not None:
            s_start, s_end = _optional_span(text, speaker_start, speaker_end, "speaker")
            details.speaker_start, details.speaker_end = s_start, s_end
            details.speaker = text[s_start:s_end] if s_start is not None else None
            details.speaker_resolved = None
            if speaker_entity_id is None and details.speaker:
                if details.speaker_entity_id is not None:
                    lost.add(int(details.speaker_entity_id))
                details.speaker_entity = EntityLinker(now=now).link_speaker(details.speaker)
        if speaker_entity_id is not None:
            if details.speaker_entity_id is not None:
                lost.add(int(details.speaker_entity_id))
            details.speaker_entity = _entity(speaker_entity_id)
        if clear_cue:
            details.cue = details.cue_start = details.cue_end = None
        if cue_start is not None or cue_end is not None:
            c_start, c_end = _optional_span(text, cue_start, cue_end, "cue")
            details.cue_start, details.cue_end = c_start, c_end
            details.cue = text[c_start:c_end] if c_start is not None else None
        details.confidence = 1.0
        details.save(force_insert=is_new)
    recount_article(record.article_id)
    delete_orphan_entities(lost)


def set_status(annotation_id: int, status: str, *, now: str) -> None:
    """Reject or restore an annotation."""
    record = annotation_record(annotation_id)
    record.status = status
    record.updated = now
    record.save()
    recount_article(record.article_id)


def delete(annotation_id: int) -> None:
    """Delete an annotation; an automatic one is remembered so analysis does not re-add it."""
    record = annotation_record(annotation_id)
    if record.source == "auto" or record.auto_start is not None:
        original = (
            (record.auto_start, record.auto_end, record.auto_label)
            if record.auto_start is not None
            else (record.start, record.end, record.label)
        )
        SuppressedSpanRecord.insert(
            article=record.article_id,
            layer=record.layer,
            start=original[0],
            end=original[1],
            label=original[2],
        ).on_conflict_ignore().execute()
    lost: set[int] = set()
    if record.entity_id is not None:
        lost.add(int(record.entity_id))
    details = QuoteDetailRecord.get_or_none(QuoteDetailRecord.annotation == record.id)
    if details is not None and details.speaker_entity_id is not None:
        lost.add(int(details.speaker_entity_id))
    article_id = int(record.article_id)
    record.delete_instance()
    recount_article(article_id)
    delete_orphan_entities(lost)


def restore_deleted(annotation: Annotation, *, now: str) -> int:
    """Re-create a deleted annotation (undo); it keeps its id when the id is free."""
    text = article_text(annotation.article_id)
    spot = anchor(text, annotation.start, annotation.end)
    entity_id = annotation.entity_id
    if entity_id is not None and EntityRecord.get_or_none(EntityRecord.id == entity_id) is None:
        entity_id = None
    if annotation.layer == "entity" and entity_id is None:
        linked = EntityLinker(now=now).link(spot.exact, annotation.label)
        entity_id = int(linked.id) if linked is not None else None
    tag_id = annotation.tag_id
    if annotation.layer == "tag" and (
        tag_id is None or TagRecord.get_or_none(TagRecord.id == tag_id) is None
    ):
        raise NotFoundError("the tag of this span was deleted; it cannot be restored")
    fields = {
        "article": annotation.article_id,
        "layer": annotation.layer,
        "start": spot.start,
        "end": spot.end,
        "exact": spot.exact,
        "prefix": spot.prefix,
        "suffix": spot.suffix,
        "label": annotation.label,
        "source": annotation.source,
        "status": annotation.status,
        "model": annotation.model,
        "canonical": spot.exact if annotation.layer == "entity" else None,
        "entity": entity_id,
        "tag": tag_id,
        "created": now,
        "updated": now,
    }
    if AnnotationRecord.get_or_none(AnnotationRecord.id == annotation.id) is None:
        fields["id"] = annotation.id
    new_id = int(AnnotationRecord.insert(**fields).execute())
    SuppressedSpanRecord.delete().where(
        (SuppressedSpanRecord.article == annotation.article_id)
        & (SuppressedSpanRecord.layer == annotation.layer)
        & (SuppressedSpanRecord.start == annotation.start)
        & (SuppressedSpanRecord.end == annotation.end)
        & (SuppressedSpanRecord.label == annotation.label)
    ).execute()
    if annotation.layer == "quote":
        details = annotation.quote
        speaker_entity = details.speaker_entity_id if details else None
        if (
            speaker_entity is not None
            and EntityRecord.get_or_none(EntityRecord.id == speaker_entity) is None
        ):
            speaker_entity = None
        QuoteDetailRecord.create(
            annotation=new_id,
            kind=details.kind if details else "direct",
            speaker=details.speaker if details else None,
            speaker_start=details.speaker_start if details else None,
            speaker_end=details.speaker_end if details else None,
            speaker_entity=speaker_entity,
            cue=details.cue if details else None,
            cue_start=details.cue_start if details else None,
            cue_end=details.cue_end if details else None,
            confidence=details.confidence if details else 1.0,
        )
    recount_article(annotation.article_id)
    return new_id
