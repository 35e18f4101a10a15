"""Reading annotations into :class:`desktop.types.Annotation`, and the per-article counts."""

from __future__ import annotations

from typing import Any

from desktop.storage.database import database, execute
from desktop.types import Annotation, QuoteDetails

_SELECT = """
SELECT a.id, a.article_id, a.start, a."end", a.layer, a.label, a.exact, a.prefix, a.suffix,
       a.source, a.status, a.model, a.entity_id, e.name, a.tag_id, t.name, a.anchored,
       q.annotation_id, q.kind, q.speaker, q.speaker_start, q.speaker_end,
       q.speaker_entity_id, se.name, q.cue, q.cue_start, q.cue_end, q.confidence
FROM annotation AS a
LEFT JOIN entity AS e ON e.id = a.entity_id
LEFT JOIN tag AS t ON t.id = a.tag_id
LEFT JOIN quote_detail AS q ON q.annotation_id = a.id
LEFT JOIN entity AS se ON se.id = q.speaker_entity_id
"""


def _annotation(row: tuple[Any, ...]) -> Annotation:
    (
        ident,
        article_id,
        start,
        end,
        layer,
        label,
        exact,
        prefix,
        suffix,
        source,
        status,
        model,
        entity_id,
        entity_name,
        tag_id,
        tag_name,
        anchored,
        quote_id,
        kind,
        speaker,
        speaker_start,
        speaker_end,
        speaker_entity_id,
        speaker_name,
        cue,
        cue_start,
        cue_end,
        confidence,
    ) = row
    details = None
    if quote_id is not None:
        details = QuoteDetails(
            kind=kind,
            speaker=speaker,
            speaker_start=speaker_start,
            speaker_end=speaker_end,
            speaker_entity_id=speaker_entity_id,
            speaker_name=speaker_name,
            cue=cue,
            cue_start=cue_start,
            cue_end=cue_end,
            confidence=float(confidence),
        )
    return Annotation(
        id=int(ident),
        article_id=int(article_id),
        start=int(start),
        end=int(end),
        layer=layer,
        label=tag_name if layer == "tag" and tag_name is not None else label,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        source=source,
        status=status,
        model=model,
        entity_id=entity_id,
        entity_name=entity_name,
        tag_id=tag_id,
        quote=details,
        anchored=bool(anchored),
    )


def article_annotation_list(
    article_id: int, *, layer: str | None = None, include_rejected: bool = False
) -> list[Annotation]:
    """The annotations of one article, sorted by start (then end, then id)."""
    conditions = ["a.article_id = ?"]
    params: list[Any] = [article_id]
    if layer is not None:
        conditions.append("a.layer = ?")
        params.append(layer)
    if not include_rejected:
        conditions.append("a.status = 'active'")
    sql = f'{_SELECT} WHERE {" AND ".join(conditions)} ORDER BY a.start, a."end", a.id'
    return [_annotation(row) for row in execute(database, sql, params).fetchall()]


def annotation_by_id(annotation_id: int) -> Annotation | None:
    """One annotation, or ``None`` when there is no such id."""
    row = execute(database, f"{_SELECT} WHERE a.id = ?", [annotation_id]).fetchone()
    return None if row is None else _annotation(row)


def recount_article(article_id: int) -> None:
    """Refresh the entity and quote counts shown in the library list."""
    execute(
        database,
        """
        UPDATE article SET
            entity_count = (
                SELECT count(DISTINCT ifnull(entity_id, -id)) FROM annotation
                WHERE article_id = article.id AND layer = 'entity' AND status = 'active'),
            quote_count = (
                SELECT count(*) FROM annotation
                WHERE article_id = article.id AND layer = 'quote' AND status = 'active')
        WHERE id = ?
        """,
        [article_id],
    )


def recount_articles_of_entities(entity_ids: set[int]) -> None:
    """Refresh the counts of every article that names one of ``entity_ids``."""
    if not entity_ids:
        return
    ids = sorted(entity_ids)
    marks = ", ".join("?" for _ in ids)
    rows = execute(
        database, f"SELECT DISTINCT article_id FROM annotation WHERE entity_id IN ({marks})", ids
    ).fetchall()
    for (article_id,) in rows:
        recount_article(int(article_id))


def delete_orphan_entities(entity_ids: set[int]) -> None:
    """Delete those of ``entity_ids`` nothing refers to any more, unless the user edited them."""
    if not entity_ids:
        return
    ids = sorted(entity_ids)
    marks = ", ".join("?" for _ in ids)
    execute(
        database,
        f"""
        DELETE FROM entity WHERE id IN ({marks}) AND user_edited = 0
        AND NOT EXISTS (SELECT 1 FROM annotation WHERE entity_id = entity.id)
        AND NOT EXISTS (SELECT 1 FROM quote_detail WHERE speaker_entity_id = entity.id)
        """,
        ids,
    )
