"""Full-text search over the library, ranked by bm25, with snippets and filters.

Ranking strategy (bounded candidates):
    bm25 costs about 3 µs per matching row, so ranking every match of a common word at 100k
    articles takes 90-150 ms, while FTS5 hands out matches in rowid order almost for free
    (``ORDER BY rowid DESC LIMIT n`` stops after ``n`` rows). A query therefore ranks at most
    :data:`CANDIDATES` matches: the most recently imported ones (highest ids), taken in rowid
    order, scored with bm25 (title weighted over text and notes), and the best ``limit`` of
    them get snippets. When a query matches fewer than :data:`CANDIDATES` articles (every
    rare word, most phrases and most filtered searches) the ranking is exact. When it matches
    more, the results are the best among the newest :data:`CANDIDATES` matches: an older
    article that bm25 would rank higher can be missed. That is the trade-off, chosen because a
    word in tens of thousands of articles ranks poorly anyway and a newer article is the
    likelier one a reader wants; :func:`count` stays exact, so the reader sees how many there
    are and can narrow the query.

    Filters (entity, speaker, tag, dates, format) become a ``+rowid IN (...)`` condition on
    the FTS5 scan, so the candidate bound applies to articles that pass the filters. The unary
    ``+`` matters: on a bare ``rowid IN (...)`` FTS5 runs the whole query once per filtered
    article (101 ms for a common word filtered to 548 articles of 10k); as a plain condition it
    streams the matches once and tests each against the filter set (2 ms).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from desktop.storage.database import execute
from desktop.types import MATCH_END, MATCH_START, SearchHit

CANDIDATES = 2000
SNIPPET_TOKENS = 24
#: bm25 weights of the columns title, text, notes_text.
WEIGHTS = (8.0, 1.0, 2.0)
ELLIPSIS = "…"
#: How an unlinked speaker is matched by name; ``quote_detail_speaker_text`` indexes it.
SPEAKER_TEXT = "lower(ifnull(q.speaker_resolved, q.speaker))"
_LISTING_SNIPPET = 200


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Restrictions on which articles a search returns; ``None`` leaves a field open.

    ``entity_ids``/``speaker_ids``/``tag_ids`` are the ids the user's names resolved to: an
    empty tuple means the name matched nothing, so nothing can be found.
    """

    entity_ids: tuple[int, ...] | None = None
    speaker_ids: tuple[int, ...] | None = None
    speaker_texts: tuple[str, ...] | None = None
    tag_ids: tuple[int, ...] | None = None
    since: str | None = None
    until: str | None = None
    format: str | None = None

    def is_empty(self) -> bool:
        """Whether no filter is set."""
        return self == SearchFilters()

    def impossible(self) -> bool:
        """Whether a name filter matched nothing, so no article can pass."""
        speakers_empty = self.speaker_ids == () and not self.speaker_texts
        return (
            self.entity_ids == ()
            or self.tag_ids == ()
            or (self.speaker_ids is not None and speakers_empty)
        )


def _in_list(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def filter_sql(filters: SearchFilters, column: str) -> tuple[str, list[Any]]:
    """SQL conditions (ANDed) restricting ``column`` (an article id) to the filters."""
    parts: list[str] = []
    params: list[Any] = []
    if filters.entity_ids:
        parts.append(
            # Only entity mentions carry an entity_id; annotation_entity covers this query.
            f"{column} IN (SELECT article_id FROM annotation WHERE entity_id IN "
            f"({_in_list(filters.entity_ids)}) AND status = 'active')"
        )
        params.extend(filters.entity_ids)
    if filters.speaker_ids is not None or filters.speaker_texts:
        ors: list[str] = []
        if filters.speaker_ids:
            ors.append(f"q.speaker_entity_id IN ({_in_list(filters.speaker_ids)})")
            params.extend(filters.speaker_ids)
        if filters.speaker_texts:
            ors.append(
                f"(q.speaker_entity_id IS NULL AND {SPEAKER_TEXT}"
                f" IN ({_in_list(filters.speaker_texts)}))"
            )
            params.extend(filters.speaker_texts)
        parts.append(
            f"{column} IN (SELECT a.article_id FROM quote_detail AS q JOIN annotation AS a "
            f"ON a.id = q.annotation_id WHERE a.status = 'active' AND ({' OR '.join(ors)}))"
        )
    if filters.tag_ids:
        marks = _in_list(filters.tag_ids)
        parts.append(
            f"({column} IN (SELECT article_id FROM article_tag WHERE tag_id IN ({marks})) OR "
            f"{column} IN (SELECT article_id FROM annotation WHERE layer = 'tag' "
            f"AND status = 'active' AND tag_id IN ({marks})))"
        )
        params.extend(filters.tag_ids)
        params.extend(filters.tag_ids)
    article_parts: list[str] = []
    if filters.since:
        article_parts.append("date >= ?")
        params.append(filters.since)
    if filters.until:
        # Any timestamp on the day sorts before the day followed by U+FFFF; the index helps.
        article_parts.append("date <= ?")
        params.append(filters.until + "\uffff")
    if filters.format:
        article_parts.append("format = ?")
        params.append(filters.format)
    if article_parts:
        parts.append(f"{column} IN (SELECT id FROM article WHERE {' AND '.join(article_parts)})")
    return " AND ".join(parts), params


def _where(match: str | None, filters: SearchFilters, column: str) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if match is not None:
        conditions.append("article_fts MATCH ?")
        params.append(match)
    sql, extra = filter_sql(filters, column)
    if sql:
        conditions.append(sql)
        params.extend(extra)
    return (" AND ".join(conditions) or "1"), params


def count(db: peewee.SqliteDatabase, match: str | None, filters: SearchFilters) -> int:
    """How many articles the query and filters find (exact)."""
    if filters.impossible():
        return 0
    if match is None:
        where, params = _where(None, filters, "id")
        return int(execute(db, f"SELECT count(*) FROM article WHERE {where}", params).fetchone()[0])
    where, params = _where(match, filters, "+rowid")
    sql = f"SELECT count(*) FROM article_fts WHERE {where}"
    return int(execute(db, sql, params).fetchone()[0])


def search(
    db: peewee.SqliteDatabase,
    match: str | None,
    filters: SearchFilters,
    *,
    limit: int,
    offset: int,
) -> list[SearchHit]:
    """The best ``limit`` hits after ``offset``: ranked for a query, newest first without."""
    if filters.impossible() or limit <= 0:
        return []
    if match is None:
        return _listing(db, filters, limit=limit, offset=offset)
    where, params = _where(match, filters, "+rowid")
    candidates = max(CANDIDATES, offset + limit)
    weights = ", ".join(str(w) for w in WEIGHTS)
    ranked = execute(
        db,
        f"SELECT id, score FROM (SELECT rowid AS id, bm25(article_fts, {weights}) AS score "
        f"FROM article_fts WHERE {where} ORDER BY rowid DESC LIMIT ?) "
        "ORDER BY score, id DESC LIMIT ? OFFSET ?",
        [*params, candidates, limit, offset],
    ).fetchall()
    if not ranked:
        return []
    ids = [int(row[0]) for row in ranked]
    snippets = _snippets(db, match, ids)
    meta = {
        int(row[0]): (str(row[1]), row[2])
        for row in execute(
            db, f"SELECT id, title, date FROM article WHERE id IN ({_in_list(ids)})", ids
        ).fetchall()
    }
    hits: list[SearchHit] = []
    for article_id, score in ranked:
        title, date = meta[int(article_id)]
        hits.append(
            SearchHit(
                article_id=int(article_id),
                title=title,
                snippet=snippets.get(int(article_id), ""),
                date=date,
                score=-float(score),
            )
        )
    return hits


def _snippets(db: peewee.SqliteDatabase, match: str, ids: list[int]) -> dict[int, str]:
    """Snippets of the text, or of the notes or title when only they match, for each id.

    With ``rowid IN (ids)`` FTS5 evaluates the query once per id, seeking in each term's
    list: cheap for words and phrases, but a prefix query merges the lists of every term with
    that prefix each time (30 ms for 20 snippets at 100k). Prefix queries therefore take
    ``+rowid``: one pass over all matches, testing membership (a phrase of two common words
    costs more that way, 9 ms against 3).
    """
    args = f"?, ?, '{ELLIPSIS}', {SNIPPET_TOKENS}"
    rows = execute(
        db,
        f"SELECT rowid, snippet(article_fts, 1, {args}), snippet(article_fts, 2, {args}), "
        f"snippet(article_fts, 0, {args}) FROM article_fts "
        f"WHERE article_fts MATCH ? AND {'+' if '*' in match else ''}rowid IN ({_in_list(ids)})",
        [MATCH_START, MATCH_END, MATCH_START, MATCH_END, MATCH_START, MATCH_END, match, *ids],
    ).fetchall()
    result: dict[int, str] = {}
    for rowid, text, notes, title in rows:
        chosen = text
        if MATCH_START not in (text or ""):
            for other in (notes, title):
                if other and MATCH_START in other:
                    chosen = other
                    break
        result[int(rowid)] = _one_line(chosen or "")
    return result


def _one_line(snippet: str) -> str:
    return re.sub(r"\s+", " ", snippet).strip()


def _listing(
    db: peewee.SqliteDatabase, filters: SearchFilters, *, limit: int, offset: int
) -> list[SearchHit]:
    where, params = _where(None, filters, "id")
    rows = execute(
        db,
        f"SELECT id, title, date, substr(text, 1, {_LISTING_SNIPPET}) FROM article "
        f"WHERE {where} ORDER BY id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    hits = []
    for article_id, title, date, head in rows:
        snippet = _one_line(head)
        if len(head) >= _LISTING_SNIPPET:
            snippet += ELLIPSIS
        hits.append(SearchHit(article_id=int(article_id), title=title, snippet=snippet, date=date))
    return hits
