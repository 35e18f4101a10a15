"""What the Library tab asks the database: a search request and the jobs run for it.

The functions here run on the database worker (they take the :class:`~desktop.core.Library`);
the table model submits them and keeps the answers. Nothing here touches a widget.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from desktop.types import ArticleSummary, SavedSearch, SearchHit

if TYPE_CHECKING:
    from desktop.core import Library

#: Ranked results fetched per page while the user scrolls.
PAGE = 100
#: Rows of the library list read with its count, before all its ids (enough for a screen).
FIRST_ROWS = 128
#: Results sorted by a column other than relevance: the best this many, sorted.
SORT_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """The text query and the filters of the Library tab; empty strings mean "not set"."""

    query: str = ""
    entity: str = ""
    speaker: str = ""
    tag: str = ""
    since: str = ""
    until: str = ""
    format: str = ""

    def is_empty(self) -> bool:
        """Nothing typed or chosen: the whole library is listed."""
        return not any(value.strip() for value in asdict(self).values())

    def filters(self) -> dict[str, str | None]:
        """The keyword arguments of ``Library.search`` besides the query (None when unset)."""
        return {
            name: (value.strip() or None) for name, value in asdict(self).items() if name != "query"
        }

    def describe(self) -> str:
        """A one-line account of the request, for headings and tooltips."""
        parts = [f"“{self.query.strip()}”"] if self.query.strip() else []
        for name, value in self.filters().items():
            if value:
                parts.append(f"{name}: {value}")
        return ", ".join(parts) or "all articles"

    @classmethod
    def from_saved(cls, saved: SavedSearch) -> SearchRequest:
        """The request a saved search holds."""
        return cls(
            query=saved.query or "",
            entity=saved.entity or "",
            speaker=saved.speaker or "",
            tag=saved.tag or "",
            since=saved.since or "",
            until=saved.until or "",
            format=saved.format or "",
        )

    def with_query(self, query: str) -> SearchRequest:
        """The same filters with another text query."""
        return replace(self, query=query)


@dataclass(frozen=True, slots=True)
class ResultPage:
    """Ranked hits (none when browsing) with the list rows of the articles."""

    hits: list[SearchHit]
    summaries: list[ArticleSummary]


@dataclass(frozen=True, slots=True)
class FirstRows:
    """The first answer to a request: ids in display order and what is known of the total.

    ``complete``: ``ids`` are all the ids and ``total`` is exact; otherwise more ids (the
    rest of the library) or the exact count (of a search) are read next.
    """

    ids: list[int]
    page: ResultPage
    total: int
    complete: bool


def search_page(library: Library, request: SearchRequest, offset: int, limit: int) -> ResultPage:
    """One page of ranked results with their list rows."""
    hits = library.search(request.query, **request.filters(), limit=limit, offset=offset)
    return ResultPage(hits, library.summaries([h.article_id for h in hits]))


def count_results(library: Library, request: SearchRequest) -> int:
    """How many articles the request finds."""
    return library.count_search(request.query, **request.filters())


#: Sort keys of list rows for the columns the core cannot order by.
def tags_key(summary: ArticleSummary) -> tuple[Any, ...]:
    """Untagged articles last, then by their tags, case-folded."""
    return (not summary.tags, [t.casefold() for t in summary.tags])


def sorted_by_tags(library: Library, ids: list[int], descending: bool) -> list[int]:
    """``ids`` sorted by their tags (read in one pass; used for the whole library too)."""
    rows = library.summaries(ids)
    tagged = sorted((r for r in rows if r.tags), key=tags_key, reverse=descending)
    return [r.id for r in tagged] + [r.id for r in rows if not r.tags]
