"""Quotation-mark pairing, without any pipeline."""

from __future__ import annotations

from desktop.nlp.marks import find_marked_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_marked_quotes(text)]


def test_every_common_style_is_paired() -> None:
    text = (
        '“Curly doubles,” one said. "Straight doubles," said another. ‘Curly singles,’ '
        "a third said. «Guillemets here» and „German style“ and ''Times style'' too."
    )
    assert quoted(text) == [
        "“Curly doubles,”",
        '"Straight doubles,"',
        "‘Curly singles,’",
        "«Guillemets here»",
        "„German style“",
        "''Times style''",
    ]


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "Don’t park at the Smiths’ house; it’s the ’90s and rock 'n' roll won't die."
    assert quoted(text) == []


def test_nested_quotation_stays_inside_the_outer_one() -> None:
    text = "“He told me ‘never again’ and left,” she said."
    assert quoted(text) == ["“He told me ‘never again’ and left,”"]


def test_unclosed_mark_does_not_swallow_the_rest() -> None:
    text = 'An odd " mark here.\nThen “a real quotation” follows.'
    assert quoted(text) == ["“a real quotation”"]


def test_quotation_over_two_paragraphs_is_two_linked_segments() -> None:
    text = "“The first part runs on.\n“The second part ends it,” she said.\nAfter."
    found = find_marked_quotes(text)
    assert [text[q.start : q.end] for q in found] == [
        "“The first part runs on.",
        "“The second part ends it,”",
    ]
    assert found[0].group == found[1].group
    assert not found[0].closed and found[1].closed


def test_a_million_characters_in_linear_time() -> None:
    unit = 'She said “yes” and he didn’t. " '
    text = unit * (1_000_000 // len(unit))
    assert len(find_marked_quotes(text)) == 1_000_000 // len(unit)
