"""Library-wide entities: listing them and the user's rename, relabel, merge and split.

Each change also rewrites ``entity_link`` rows with ``by_user = 1`` so that later analyses and
imports link names the way the user decided. Call the changing functions inside a write
transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from desktop.core.annotation_rows import recount_articles_of_entities
from desktop.core.entity_linker import (
    add_alias,
    clean_name,
    fold,
    label_family,
    set_link,
    surname_of,
)
from desktop.errors import InvalidInputError, NotFoundError
from desktop.storage.database import database, execute
from desktop.storage.records import (
    AnnotationRecord,
    EntityAliasRecord,
    EntityLinkRecord,
    EntityRecord,
    QuoteDetailRecord,
)
from desktop.types import Entity


def entity_record(entity_id: int) -> EntityRecord:
    """The record of an entity."""
    record = EntityRecord.get_or_none(EntityRecord.id == entity_id)
    if record is None:
        raise NotFoundError(f"there is no entity {entity_id}")
    return record


def aliases_of(entity_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The aliases of each entity, sorted case-insensitively."""
    found: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(entity_ids), 500):
        chunk = list(entity_ids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        rows = execute(
            database,
            f"SELECT entity_id, alias FROM entity_alias WHERE entity_id IN ({marks}) "
            "ORDER BY alias COLLATE NOCASE",
            chunk,
        ).fetchall()
        for entity_id, alias in rows:
            found[int(entity_id)].append(alias)
    return {key: tuple(value) for key, value in found.items()}


def list_entities(
    *,
    label: str | None = None,
    query: str | None = None,
    article_id: int | None = None,
    ids: Sequence[int] | None = None,
) -> list[Entity]:
    """Entities with aliases and counts, most mentioned first.

    With ``article_id``: the entities of that article (mentioned or quoted there), and
    ``mention_count`` counts its mentions in that article; ``article_count`` is library-wide.
    """
    conditions: list[str] = []
    params: list[Any] = []
    mention_scope = ""
    mention_params: list[Any] = []
    if label is not None:
        conditions.append("e.label = ?")
        params.append(label.strip().upper())
    if query:
        needle = f"%{_like_escape(fold(query))}%"
        conditions.append(
            "(e.folded LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM entity_alias AS al "
            "WHERE al.entity_id = e.id AND al.folded LIKE ? ESCAPE '\\'))"
        )
        params.extend((needle, needle))
    if article_id is not None:
        conditions.append(
            "(e.id IN (SELECT entity_id FROM annotation WHERE article_id = ? AND status = "
            "'active' AND entity_id IS NOT NULL) OR e.id IN (SELECT q.speaker_entity_id FROM "
            "quote_detail AS q JOIN annotation AS a ON a.id = q.annotation_id "
            "WHERE a.article_id = ? AND a.status = 'active'))"
        )
        params.extend((article_id, article_id))
        mention_scope = " AND article_id = ?"
        mention_params.append(article_id)
    if ids is not None:
        if not ids:
            return []
        conditions.append(f"e.id IN ({', '.join('?' for _ in ids)})")
        params.extend(ids)
    where = " AND ".join(conditions) or "1"
    sql = f"""
        SELECT e.id, e.name, e.label,
            (SELECT count(*) FROM annotation WHERE entity_id = e.id AND layer = 'entity'
                AND status = 'active'{mention_scope}) AS mentions,
            (SELECT count(DISTINCT article_id) FROM annotation WHERE entity_id = e.id
                AND layer = 'entity' AND status = 'active') AS articles
        FROM entity AS e WHERE {where}
        ORDER BY mentions DESC, e.name COLLATE NOCASE, e.id
    """
    rows = execute(database, sql, [*mention_params, *params]).fetchall()
    aliases = aliases_of([int(row[0]) for row in rows])
    return [
        Entity(
            id=int(ident),
            name=name,
            label=entity_label,
            aliases=aliases.get(int(ident), ()),
            mention_count=int(mentions),
            article_count=int(articles),
        )
        for ident, name, entity_label, mentions, articles in rows
    ]


def get_entity(entity_id: int) -> Entity:
    """One entity with aliases and counts."""
    found = list_entities(ids=[entity_id])
    if not found:
        raise NotFoundError(f"there is no entity {entity_id}")
    return found[0]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def entity_ids_named(name: str) -> tuple[int, ...]:
    """Every entity whose name or one of whose aliases is ``name`` (case-folded)."""
    folded = fold(name)
    if not folded:
        return ()
    rows = execute(
        database,
        "SELECT id FROM entity WHERE folded = ? UNION "
        "SELECT entity_id FROM entity_alias WHERE folded = ?",
        [folded, folded],
    ).fetchall()
    return tuple(sorted(int(row[0]) for row in rows))


def find_entity_id(name: str) -> int | None:
    """The entity called ``name`` (by name first, then by alias; most mentioned wins)."""
    folded = fold(name)
    if not folded:
        return None
    for sql in (
        "SELECT e.id FROM entity AS e WHERE e.folded = ?",
        "SELECT e.id FROM entity AS e JOIN entity_alias AS al ON al.entity_id = e.id "
        "WHERE al.folded = ?",
    ):
        row = execute(
            database,
            f"{sql} ORDER BY (SELECT count(*) FROM annotation WHERE entity_id = e.id) DESC, "
            "e.id LIMIT 1",
            [folded],
        ).fetchone()
        if row is not None:
            return int(row[0])
    return None


def rename(entity_id: int, name: str) -> None:
    """Give an entity a new name; its old names keep linking to it."""
    record = entity_record(entity_id)
    shown = clean_name(name)
    folded = fold(shown)
    if not folded:
        raise InvalidInputError("an entity name cannot be empty")
    for old in (record.folded, folded):
        holder = EntityLinkRecord.get_or_none(
            (EntityLinkRecord.folded == old) & (EntityLinkRecord.family == record.family)
        )
        if holder is None or holder.entity_id == record.id:
            set_link(old, record.family, record, by_user=True)
    record.name = shown
    record.folded = folded
    record.surname = surname_of(folded)
    record.user_edited = True
    record.save()
    add_alias(record, shown)


def relabel(entity_id: int, label: str) -> None:
    """Change an entity's label; names linked to it keep linking under the new label too."""
    record = entity_record(entity_id)
    new_label = label.strip().upper()
    if not new_label or not new_label.replace("_", "").isalnum():
        raise InvalidInputError(f"{label!r} is not an entity label (such as PERSON or ORG)")
    family = label_family(new_label)
    names = {
        row.folded for row in EntityLinkRecord.select().where(EntityLinkRecord.entity == record.id)
    }
    names.add(record.folded)
    for folded in names:
        holder = EntityLinkRecord.get_or_none(
            (EntityLinkRecord.folded == folded) & (EntityLinkRecord.family == family)
        )
        if holder is None or not holder.by_user:
            set_link(folded, family, record, by_user=True)
    record.label = new_label
    record.family = family
    record.user_edited = True
    record.save()


def merge(keep_id: int, other_ids: Sequence[int]) -> None:
    """Make ``other_ids`` one entity with ``keep_id``: mentions, quotes, aliases and links."""
    keep = entity_record(keep_id)
    others = [entity_record(i) for i in dict.fromkeys(other_ids) if i != keep_id]
    if not others:
        raise InvalidInputError("choose at least one other entity to merge")
    moved: set[int] = {keep.id}
    for other in others:
        AnnotationRecord.update(entity=keep.id).where(AnnotationRecord.entity == other.id).execute()
        QuoteDetailRecord.update(speaker_entity=keep.id).where(
            QuoteDetailRecord.speaker_entity == other.id
        ).execute()
        execute(
            database,
            "INSERT OR IGNORE INTO entity_alias (entity_id, alias, folded) "
            "SELECT ?, alias, folded FROM entity_alias WHERE entity_id = ?",
            [keep.id, other.id],
        )
        add_alias(keep, other.name)
        EntityLinkRecord.update(entity=keep.id, by_user=True).where(
            EntityLinkRecord.entity == other.id
        ).execute()
        set_link(other.folded, other.family, keep, by_user=True)
        other.delete_instance()
    keep.user_edited = True
    keep.save()
    recount_articles_of_entities(moved)


def split(entity_id: int, alias: str, *, now: str) -> int:
    """Move one alias, with the mentions and quotes written so, to a new entity; its id."""
    record = entity_record(entity_id)
    folded = fold(alias)
    if not folded:
        raise InvalidInputError("name the alias to split off")
    alias_row = EntityAliasRecord.get_or_none(
        (EntityAliasRecord.entity == record.id) & (EntityAliasRecord.folded == folded)
    )
    if alias_row is None:
        raise NotFoundError(f"{record.name!r} has no alias {alias!r}")
    if folded == record.folded:
        raise InvalidInputError(
            f"{alias!r} is the entity's own name; rename the entity first, then split"
        )
    new = EntityRecord.create(
        name=alias_row.alias,
        label=record.label,
        folded=folded,
        family=record.family,
        surname=surname_of(folded),
        user_edited=True,
        created=now,
    )
    alias_row.entity = new
    alias_row.save()
    set_link(folded, record.family, new, by_user=True)
    for annotation in AnnotationRecord.select().where(AnnotationRecord.entity == record.id):
        names = {fold(annotation.exact), fold(annotation.canonical or "")}
        if folded in names:
            annotation.entity = new
            annotation.save()
    for details in QuoteDetailRecord.select().where(QuoteDetailRecord.speaker_entity == record.id):
        names = {fold(details.speaker or ""), fold(details.speaker_resolved or "")}
        if folded in names:
            details.speaker_entity = new
            details.save()
    recount_articles_of_entities({record.id, new.id})
    return int(new.id)


def entity_names(labels: Sequence[str] | None = None) -> list[str]:
    """Every entity name and alias (of ``labels`` only, if given), sorted without case.

    What name completers need, without the per-entity counts that make
    :func:`list_entities` take seconds on a large library.
    """
    where = ""
    params: list[Any] = []
    if labels is not None:
        if not labels:
            return []
        wanted = [label.strip().upper() for label in labels]
        where = f" WHERE e.label IN ({', '.join('?' for _ in wanted)})"
        params = wanted
    sql = (
        f"SELECT e.name FROM entity AS e{where} UNION "
        f"SELECT a.alias FROM entity_alias AS a JOIN entity AS e ON e.id = a.entity_id{where}"
    )
    rows = execute(database, sql, [*params, *params]).fetchall()
    return sorted((str(row[0]) for row in rows), key=str.casefold)
