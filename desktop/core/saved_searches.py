"""Saved searches (the smart collections of the library sidebar).

A saved search keeps the query and the filters as the user typed them, not the ids they
resolved to: running it later resolves the names again, so it follows merges, renames and new
articles exactly like typing the same search would. Names are unique regardless of case. Write
functions run inside a write transaction.
"""

from __future__ import annotations

import peewee

from desktop.core.tags_notes import typed
from desktop.errors import InvalidInputError, NotFoundError
from desktop.storage.records import SavedSearchRecord
from desktop.types import SavedSearch

FILTERS = ("entity", "speaker", "tag", "since", "until", "format")


def clean_name(name: str) -> str:
    """The name as stored: typed text with its spaces collapsed; an empty one is refused."""
    clean = " ".join(typed(name).split())
    if not clean:
        raise InvalidInputError("a saved search needs a name")
    return clean


def clean_filter(value: str | None) -> str | None:
    """A filter as stored: ``None`` when blank (a blank field in a form filters nothing)."""
    if value is None:
        return None
    clean = typed(value).strip()
    return clean or None


def saved_search(record: SavedSearchRecord) -> SavedSearch:
    """A record as the shared type."""
    return SavedSearch(
        id=int(record.id),
        name=record.name,
        query=record.query,
        entity=record.entity,
        speaker=record.speaker,
        tag=record.tag,
        since=record.since,
        until=record.until,
        format=record.format,
        created=record.created,
    )


def record_of(search_id: int) -> SavedSearchRecord:
    """The record of a saved search."""
    record = SavedSearchRecord.get_or_none(SavedSearchRecord.id == search_id)
    if record is None:
        raise NotFoundError(f"there is no saved search {search_id}")
    return record


def all_saved() -> list[SavedSearch]:
    """Every saved search, by name (case-insensitive)."""
    query = SavedSearchRecord.select().order_by(
        peewee.fn.lower(SavedSearchRecord.name), SavedSearchRecord.id
    )
    return [saved_search(r) for r in query]


def find_by_name(name: str) -> SavedSearch | None:
    """The saved search called ``name`` (case-insensitive, spaces collapsed), if any."""
    clean = " ".join(typed(name).split())
    # The column is COLLATE NOCASE, so ``=`` ignores ASCII case like the UNIQUE rule does.
    record = SavedSearchRecord.get_or_none(SavedSearchRecord.name == clean)
    return None if record is None else saved_search(record)


def save(name: str, query: str, filters: dict[str, str | None], *, now: str) -> SavedSearch:
    """Store a search; under a name that exists, that search takes the new query and filters.

    The id and creation time of a replaced search stay, so a sidebar entry keeps its place;
    its name takes the spelling just typed. ``filters`` are already validated and cleaned.
    """
    clean = clean_name(name)
    fields = {key: filters.get(key) for key in FILTERS}
    record = SavedSearchRecord.get_or_none(SavedSearchRecord.name == clean)
    if record is None:
        record = SavedSearchRecord.create(
            name=clean, query=typed(query).strip(), created=now, **fields
        )
    else:
        record.name = clean
        record.query = typed(query).strip()
        for key, value in fields.items():
            setattr(record, key, value)
        record.save()
    return saved_search(record)


def rename(search_id: int, name: str) -> SavedSearch:
    """Give a saved search another name (one no other saved search has)."""
    record = record_of(search_id)
    clean = clean_name(name)
    clash = SavedSearchRecord.get_or_none(SavedSearchRecord.name == clean)
    if clash is not None and clash.id != record.id:
        raise InvalidInputError(f"there is already a saved search called {clash.name!r}")
    record.name = clean
    record.save()
    return saved_search(record)


def delete(search_id: int) -> None:
    """Delete a saved search."""
    record_of(search_id).delete_instance()
