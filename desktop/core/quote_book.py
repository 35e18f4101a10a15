"""The quote book: quotes across the library, with the sentence around each."""

from __future__ import annotations

import re
from typing import Any

from desktop.core.entity_linker import fold
from desktop.core.entity_ops import entity_ids_named
from desktop.core.tags_notes import typed
from desktop.errors import InvalidInputError
from desktop.storage.database import database, execute
from desktop.storage.search import SPEAKER_TEXT
from desktop.types import QuoteRecord

_WINDOW = 400  # characters of the article read on each side of a quote for its context
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"'”’»)\]]*\s)|\n")


def context_around(window: str, start: int, end: int) -> str:
    """The sentence(s) of ``window`` holding ``window[start:end]``, on one line."""
    before = window[:start]
    cut = 0
    for match in _SENTENCE_END.finditer(before):
        cut = match.end()
    after_match = _SENTENCE_END.search(window, end)
    stop = after_match.end() if after_match else len(window)
    return " ".join(window[cut:stop].split())


def quote_book(
    *,
    speaker: str | None = None,
    text: str | None = None,
    article_id: int | None = None,
    limit: int | None = None,
) -> list[QuoteRecord]:
    """Active quotes, newest articles first and in text order within an article."""
    if limit is not None and limit < 0:
        raise InvalidInputError("limit cannot be negative")
    speaker = None if speaker is None else typed(speaker)
    text = None if text is None else typed(text)
    conditions = ["a.status = 'active'"]
    params: list[Any] = []
    if speaker is not None:
        ids = entity_ids_named(speaker)
        # Two index lookups (linked speakers, unlinked ones by name) rather than an OR.
        chosen = (
            "SELECT annotation_id FROM quote_detail AS q WHERE q.speaker_entity_id IS NULL "
            f"AND {SPEAKER_TEXT} = ?"
        )
        params.append(fold(speaker))
        if ids:
            chosen += (
                " UNION ALL SELECT annotation_id FROM quote_detail WHERE speaker_entity_id IN "
                f"({', '.join('?' for _ in ids)})"
            )
            params.extend(ids)
        conditions.append(f"q.annotation_id IN ({chosen})")
    if text:
        for word in text.split():
            conditions.append("instr(lower(a.exact), ?) > 0")
            params.append(word.lower())
    if article_id is not None:
        conditions.append("a.article_id = ?")
        params.append(article_id)
    sql = f"""
        SELECT a.id, a.article_id, ar.title, ar.date, a.exact, a.start, a."end", q.kind,
               q.speaker, se.name,  q.cue,
               max(0, a.start - {_WINDOW}) AS window_start,
               substr(ar.text, max(0, a.start - {_WINDOW}) + 1,
                      a."end" - max(0, a.start - {_WINDOW}) + {_WINDOW}) AS window
        FROM quote_detail AS q
        JOIN annotation AS a ON a.id = q.annotation_id
        JOIN article AS ar ON ar.id = a.article_id
        LEFT JOIN entity AS se ON se.id = q.speaker_entity_id
        WHERE {" AND ".join(conditions)}
        ORDER BY ar.date IS NULL, ar.date DESC, a.article_id DESC, a.start
        LIMIT ?
    """
    rows = execute(database, sql, [*params, -1 if limit is None else limit]).fetchall()
    records: list[QuoteRecord] = []
    for (
        ident,
        art_id,
        title,
        date,
        exact,
        start,
        end,
        kind,
        who,
        name,
        cue,
        window_start,
        window,
    ) in rows:
        local_start = int(start) - int(window_start)
        local_end = int(end) - int(window_start)
        records.append(
            QuoteRecord(
                annotation_id=int(ident),
                article_id=int(art_id),
                article_title=title,
                article_date=date,
                text=exact,
                start=int(start),
                end=int(end),
                kind=kind,
                speaker=who,
                speaker_name=name,
                cue=cue,
                context=context_around(window, local_start, local_end),
            )
        )
    return records
