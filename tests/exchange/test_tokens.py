"""Tokens every span starts and ends on, checked against spaCy's own ``Doc.char_span``."""

from __future__ import annotations

import pytest

from desktop.exchange.tokens import blank_english, tokenize
from tests.exchange.samples import TEXT


def _doc(text: str, spans: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc

    tokens = tokenize(text, spans)
    return tokens, Doc(blank_english().vocab, words=tokens.words, spaces=tokens.spaces)


@pytest.mark.parametrize(
    "needle",
    [
        "U.S",  # inside the token "U.S."
        " the",  # a span starting with a space
        "deal ",  # a span ending with a space
        "\n",  # half of a whitespace token
        "ite",  # inside a word
        "🤝",
        "deal with the U.S.",
    ],
)
def test_a_span_anywhere_becomes_whole_tokens(needle: str) -> None:
    text = "A deal with the U.S. was in sight 🤝.\n\nWhite House officials agreed."
    start = text.index(needle)
    end = start + len(needle)
    tokens, doc = _doc(text, [(start, end)])
    assert doc.text == text
    made = doc.char_span(start, end)
    assert made is not None and made.text == needle
    token_start, token_end = tokens.token_span(start, end)
    assert (made.start, made.end - 1) == (token_start, token_end)


def test_aligned_spans_keep_spacy_tokenization() -> None:
    spans = [(TEXT.index("Helena Brandt"), TEXT.index("Helena Brandt") + 13)]
    tokens, _ = _doc(TEXT, spans)
    plain = blank_english()(TEXT)
    assert [t.text for t in tokens.tokens] == [t.text for t in plain]
    start, end = spans[0]
    assert plain.char_span(start, end) is not None
