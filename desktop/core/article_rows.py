"""Reading articles: the full article, list rows (summaries) and orderings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from desktop.errors import InvalidInputError, NotFoundError
from desktop.storage.database import database, execute
from desktop.types import Article, ArticleSummary, Metadata

#: The ``order`` names of the library list, and the SQL each sorts by.
ORDERS: dict[str, str] = {
    "title": "title COLLATE NOCASE",
    "date": "date",
    "site": "site COLLATE NOCASE",
    "format": "format",
    "imported": "id",
    "entities": "entity_count",
    "quotes": "quote_count",
}
_CHUNK = 500


def order_clause(order: str, *, descending: bool) -> str:
    """``ORDER BY`` terms for a list order; rows without a value sort last either way."""
    try:
        column = ORDERS[order]
    except KeyError:
        names = ", ".join(sorted(ORDERS))
        raise InvalidInputError(f"unknown sort order {order!r}; use one of {names}") from None
    direction = "DESC" if descending else "ASC"
    if column == "id":
        return f"id {direction}"
    return f"{column} IS NULL, {column} {direction}, id {direction}"


def tags_of(article_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The document-level tag names of each article, sorted."""
    found: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(article_ids), _CHUNK):
        chunk = list(article_ids[start : start + _CHUNK])
        marks = ", ".join("?" for _ in chunk)
        rows = execute(
            database,
            f"SELECT at.article_id, t.name FROM article_tag AS at JOIN tag AS t "
            f"ON t.id = at.tag_id WHERE at.article_id IN ({marks}) ORDER BY t.name COLLATE NOCASE",
            chunk,
        ).fetchall()
        for article_id, name in rows:
            found[int(article_id)].append(name)
    return {key: tuple(value) for key, value in found.items()}


def get_article(article_id: int) -> Article:
    """One article with its text and tags."""
    row = execute(
        database,
        "SELECT id, title, text, text_hash, format, author, date, url, language, site, "
        "source_path, imported, analysed, model FROM article WHERE id = ?",
        [article_id],
    ).fetchone()
    if row is None:
        raise NotFoundError(f"there is no article {article_id}")
    (
        ident,
        title,
        text,
        digest,
        fmt,
        author,
        date,
        url,
        language,
        site,
        source_path,
        imported,
        analysed,
        model,
    ) = row
    return Article(
        id=int(ident),
        title=title,
        text=text,
        text_hash=digest,
        format=fmt,
        metadata=Metadata(author=author, date=date, url=url, language=language, site=site),
        source_path=source_path,
        imported=imported,
        analysed=analysed,
        model=model,
        tags=tags_of([int(ident)]).get(int(ident), ()),
    )


_SUMMARY = "SELECT id, title, format, date, site, imported, entity_count, quote_count FROM article"


def _summary(row: tuple[Any, ...], tags: dict[int, tuple[str, ...]]) -> ArticleSummary:
    ident, title, fmt, date, site, imported, entities, quotes = row
    return ArticleSummary(
        id=int(ident),
        title=title,
        format=fmt,
        date=date,
        site=site,
        imported=imported,
        entity_count=int(entities),
        quote_count=int(quotes),
        tags=tags.get(int(ident), ()),
    )


def summaries(ids: Sequence[int]) -> list[ArticleSummary]:
    """List rows for ``ids``, in the same order; ids that no longer exist are left out."""
    rows: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        marks = ", ".join("?" for _ in chunk)
        for row in execute(database, f"{_SUMMARY} WHERE id IN ({marks})", chunk).fetchall():
            rows[int(row[0])] = row
    tags = tags_of(list(rows))
    return [_summary(rows[i], tags) for i in ids if i in rows]


def list_summaries(
    *,
    limit: int | None,
    offset: int,
    order: str,
    descending: bool,
    where: str = "1",
    params: Sequence[Any] = (),
) -> list[ArticleSummary]:
    """A page of the library list."""
    if offset < 0 or (limit is not None and limit < 0):
        raise InvalidInputError("limit and offset cannot be negative")
    sql = f"{_SUMMARY} WHERE {where} ORDER BY {order_clause(order, descending=descending)}"
    sql += " LIMIT ? OFFSET ?"
    rows = execute(database, sql, [*params, -1 if limit is None else limit, offset]).fetchall()
    tags = tags_of([int(row[0]) for row in rows])
    return [_summary(row, tags) for row in rows]


def ordered_ids(*, order: str, descending: bool) -> list[int]:
    """Every article id in a list order."""
    sql = f"SELECT id FROM article ORDER BY {order_clause(order, descending=descending)}"
    return [int(row[0]) for row in execute(database, sql).fetchall()]
