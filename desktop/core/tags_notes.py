"""The user's tags (with document-level tagging) and notes. Write functions run inside a
write transaction; notes reach full-text search through triggers (``storage/schema.py``)."""

from __future__ import annotations

import re

import peewee

from desktop.errors import InvalidInputError, NotFoundError
from desktop.storage.records import (
    AnnotationRecord,
    ArticleRecord,
    ArticleTagRecord,
    NoteRecord,
    TagRecord,
)
from desktop.types import Note, Tag

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def typed(text: str) -> str:
    """Text a person typed, without what SQLite cannot store (NUL, lone surrogates)."""
    return _UNSTORABLE.sub("", text)


def tag(record: TagRecord) -> Tag:
    """A tag record as the shared type."""
    return Tag(id=int(record.id), name=record.name, color=record.color, shortcut=record.shortcut)


def tag_record(tag_id: int) -> TagRecord:
    """The record of a tag."""
    record = TagRecord.get_or_none(TagRecord.id == tag_id)
    if record is None:
        raise NotFoundError(f"there is no tag {tag_id}")
    return record


def _check(name: str | None, color: str | None, shortcut: str | None, tag_id: int | None) -> None:
    if name is not None:
        if not name:
            raise InvalidInputError("a tag name cannot be empty")
        clash = TagRecord.get_or_none(TagRecord.name == name)
        if clash is not None and clash.id != tag_id:
            raise InvalidInputError(f"there is already a tag called {clash.name!r}")
    if color is not None and not _COLOR.fullmatch(color):
        raise InvalidInputError(f"{color!r} is not a colour like #ffd54f")
    if shortcut:
        clash = TagRecord.get_or_none(TagRecord.shortcut == shortcut)
        if clash is not None and clash.id != tag_id:
            raise InvalidInputError(f"the shortcut {shortcut} is taken by {clash.name!r}")


def all_tags() -> list[Tag]:
    """Every tag, by name (case-insensitive)."""
    return [tag(r) for r in TagRecord.select().order_by(peewee.fn.lower(TagRecord.name))]


def create_tag(name: str, *, color: str, shortcut: str | None) -> Tag:
    """A new tag; names are unique regardless of case."""
    clean = " ".join(typed(name).split())
    _check(clean, color, shortcut, None)
    record = TagRecord.create(name=clean, color=color.lower(), shortcut=shortcut or None)
    return tag(record)


def update_tag(tag_id: int, *, name: str | None, color: str | None, shortcut: str | None) -> Tag:
    """Change a tag; its spans take the new name."""
    record = tag_record(tag_id)
    clean = " ".join(typed(name).split()) if name is not None else None
    _check(clean, color, shortcut, tag_id)
    if clean is not None:
        record.name = clean
        AnnotationRecord.update(label=clean).where(AnnotationRecord.tag == tag_id).execute()
    if color is not None:
        record.color = color.lower()
    if shortcut is not None:
        record.shortcut = shortcut or None
    record.save()
    return tag(record)


def _article_exists(article_id: int) -> None:
    if ArticleRecord.get_or_none(ArticleRecord.id == article_id) is None:
        raise NotFoundError(f"there is no article {article_id}")


def tag_article(article_id: int, tag_id: int) -> None:
    """Tag a whole article (once)."""
    _article_exists(article_id)
    tag_record(tag_id)
    ArticleTagRecord.insert(article=article_id, tag=tag_id).on_conflict_ignore().execute()


def untag_article(article_id: int, tag_id: int) -> None:
    """Remove a document-level tag."""
    ArticleTagRecord.delete().where(
        (ArticleTagRecord.article == article_id) & (ArticleTagRecord.tag == tag_id)
    ).execute()


def note(record: NoteRecord) -> Note:
    """A note record as the shared type."""
    return Note(
        id=int(record.id),
        article_id=int(record.article_id),
        body=record.body,
        annotation_id=record.annotation_id,
        updated=record.updated,
    )


def _note_query(article_id: int, annotation_id: int | None) -> peewee.ModelSelect[NoteRecord]:
    target = (
        NoteRecord.annotation.is_null()
        if annotation_id is None
        else NoteRecord.annotation == annotation_id
    )
    return NoteRecord.select().where((NoteRecord.article == article_id) & target)


def get_note(article_id: int, annotation_id: int | None) -> Note | None:
    """The note on an article or on one of its annotations."""
    record = _note_query(article_id, annotation_id).first()
    return None if record is None else note(record)


def save_note(article_id: int, body: str, annotation_id: int | None, *, now: str) -> Note:
    """Create, update or (for an empty body) delete a note; a deleted note comes back as id 0."""
    body = typed(body)
    _article_exists(article_id)
    if annotation_id is not None:
        owner = AnnotationRecord.get_or_none(AnnotationRecord.id == annotation_id)
        if owner is None or owner.article_id != article_id:
            raise NotFoundError(f"article {article_id} has no annotation {annotation_id}")
    record = _note_query(article_id, annotation_id).first()
    if not body.strip():
        if record is not None:
            record.delete_instance()
        return Note(id=0, article_id=article_id, body="", annotation_id=annotation_id, updated=now)
    if record is None:
        record = NoteRecord.create(
            article=article_id, annotation=annotation_id, body=body, updated=now
        )
    else:
        record.body = body
        record.updated = now
        record.save()
    return note(record)


def article_notes(article_id: int) -> list[Note]:
    """The notes of an article: its own first, then by the position of their annotation."""
    query = (
        NoteRecord.select(NoteRecord)
        .join(AnnotationRecord, peewee.JOIN.LEFT_OUTER)
        .where(NoteRecord.article == article_id)
        .order_by(NoteRecord.annotation.is_null(False), AnnotationRecord.start, NoteRecord.id)
    )
    return [note(r) for r in query]
