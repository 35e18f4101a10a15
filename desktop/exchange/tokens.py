"""Tokens that every exported span starts and ends on, for Prodigy and spaCy.

Prodigy's span format and spaCy's ``Doc`` need spans made of whole tokens. Tokens come from
spaCy's rule-based English tokenizer (``spacy.blank("en")``, no model needed), and a token is
split further wherever a span starts or ends inside it: an entity "U.S" in "U.S.", or a span a
reader selected with a leading space. Rebuilding a ``Doc`` from these tokens gives back the
article text exactly, and ``Doc.char_span(start, end)`` of every span returns the tokens
``token_start`` to ``token_end`` (inclusive, as Prodigy counts).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Token:
    """A token: ``[start, end)`` in the text, and whether one space follows it."""

    text: str
    start: int
    end: int
    ws: bool


@dataclass(frozen=True, slots=True)
class Tokenization:
    """The tokens of a text and where each span boundary falls among them."""

    tokens: tuple[Token, ...]
    starts: dict[int, int]  # character offset -> index of the token starting there
    ends: dict[int, int]  # character offset -> index of the token ending there

    def token_span(self, start: int, end: int) -> tuple[int, int]:
        """``(token_start, token_end)`` of the span ``[start, end)``, token_end inclusive."""
        return self.starts[start], self.ends[end]

    @property
    def words(self) -> list[str]:
        """The token texts, for ``spacy.tokens.Doc(vocab, words=..., spaces=...)``."""
        return [token.text for token in self.tokens]

    @property
    def spaces(self) -> list[bool]:
        """Whether a space follows each token."""
        return [token.ws for token in self.tokens]


@lru_cache(maxsize=1)
def blank_english() -> Any:
    """spaCy's blank English pipeline (tokenizer only), loaded once."""
    import spacy

    return spacy.blank("en")


def tokenize(text: str, spans: Iterable[tuple[int, int]]) -> Tokenization:
    """Tokens of ``text`` on which every ``(start, end)`` span begins and ends."""
    span_list = [(s, e) for s, e in spans if 0 <= s < e <= len(text)]
    span_starts = {s for s, _ in span_list}
    span_ends = {e for _, e in span_list}
    ordered = sorted(span_starts | span_ends)
    # The tokenizer itself, not make_doc: it has no max_length, and long PDFs pass 1M chars.
    doc = blank_english().tokenizer(text)
    pieces: list[Token] = []
    for token in doc:
        start, end = token.idx, token.idx + len(token.text)
        inner = ordered[bisect_right(ordered, start) : bisect_left(ordered, end)]
        bounds = [start, *inner, end]
        for i in range(len(bounds) - 1):
            pieces.append(Token(text[bounds[i] : bounds[i + 1]], bounds[i], bounds[i + 1], False))
        if token.whitespace_:
            # The space after a token stays attached to it unless a span begins with that
            # space or ends just after it: then it must be a token of its own.
            if end in span_starts or end + 1 in span_ends:
                pieces.append(Token(text[end : end + 1], end, end + 1, False))
            else:
                last = pieces[-1]
                pieces[-1] = Token(last.text, last.start, last.end, True)
    tokens = tuple(pieces)
    return Tokenization(
        tokens=tokens,
        starts={t.start: i for i, t in enumerate(tokens)},
        ends={t.end: i for i, t in enumerate(tokens)},
    )
