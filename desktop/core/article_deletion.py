"""Deleting articles: the rows that cascade with them, and the entities nothing names any more.

Runs inside a write transaction. The search index follows through the ``article_fts_delete``
trigger (``storage/schema.py``), so index and articles change in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from desktop.core.annotation_rows import delete_orphan_entities
from desktop.storage.database import database, execute

#: Ids per statement: well under SQLite's limit on bound parameters, whatever its build.
_CHUNK = 500


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def linked_entities(article_ids: list[int]) -> set[int]:
    """Entities the articles mention or quote (candidates to become orphans)."""
    marks = ", ".join("?" for _ in article_ids)
    rows = execute(
        database,
        f"SELECT entity_id FROM annotation WHERE article_id IN ({marks}) AND entity_id IS NOT "
        "NULL UNION SELECT q.speaker_entity_id FROM quote_detail AS q JOIN annotation AS a ON "
        f"a.id = q.annotation_id WHERE a.article_id IN ({marks}) AND q.speaker_entity_id IS "
        "NOT NULL",
        [*article_ids, *article_ids],
    ).fetchall()
    return {int(row[0]) for row in rows}


def delete_articles(article_ids: Sequence[int]) -> int:
    """Delete the articles (ids not in the library are skipped); return how many went.

    Their annotations, notes, tag links and suppressed spans go by ``ON DELETE CASCADE``;
    entities only they named go too, unless the user edited them.
    """
    ids = sorted({int(i) for i in article_ids})
    deleted = 0
    entities: set[int] = set()
    for chunk in _chunks(ids):
        entities |= linked_entities(chunk)
        marks = ", ".join("?" for _ in chunk)
        deleted += execute(database, f"DELETE FROM article WHERE id IN ({marks})", chunk).rowcount
    for chunk in _chunks(sorted(entities)):
        delete_orphan_entities(set(chunk))
    return deleted
