"""Plain text and Markdown: the canonical text is the file's own, offsets line up."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from desktop.errors import BrokenFileError
from desktop.formats import read_document
from desktop.formats.encoding import alphabet_fit, decode_text

FRENCH = (
    "Le président a déclaré mercredi que la réforme serait votée avant l'été.\n"
    "« C'est un pas décisif », a estimé la ministre, très émue, à la sortie du Sénat.\n"
    "Où est passé le garçon ? Il était là, à côté de la fenêtre.\n"
)


def test_text_is_the_file_text_exactly(tmp_path: Path) -> None:
    source = "  Title with spaces  \n\n\tIndented line\nTrailing spaces   \n\n\nEnd"
    path = tmp_path / "a.txt"
    path.write_bytes(source.encode("utf-8"))
    document = read_document(path)
    assert document.text == source
    assert document.title == "Title with spaces"
    assert document.format == "txt"
    assert document.path == path


def test_line_ends_become_newlines_and_nothing_else_moves(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b"First line\r\nSecond line\rThird line\n\r\nEnd")
    text = read_document(path).text
    assert text == "First line\nSecond line\nThird line\n\nEnd"
    assert text.index("Third") == len("First line\nSecond line\n")


def test_a_leading_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Café au lait.\n".encode())
    assert read_document(path).text == "Café au lait.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(
        FRENCH.encode(encoding)
        if encoding != "utf-16-be"
        else (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"))
    )
    assert read_document(path).text == FRENCH


def test_utf16_without_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Plain English words in UTF-16.\n".encode("utf-16-le"))
    assert read_document(path).text == "Plain English words in UTF-16.\n"


def test_latin1_french_comes_out_as_french(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(FRENCH.encode("latin-1"))
    document = read_document(path)
    assert document.text == FRENCH
    assert document.metadata.language == "fr"


@pytest.mark.parametrize(
    "sentence",
    [
        "Où est passé le garçon ? Il était là à côté de la fenêtre, dit la mère.",
        "Ça coûte cher.",
        "Élève modèle, elle a reçu à Noël un cadeau très spécial près de Besançon.",
    ],
)
def test_short_latin1_french_is_not_read_as_a_baltic_or_central_european_code_page(
    tmp_path: Path, sentence: str
) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes(sentence.encode("latin-1"))
    assert read_document(path).text == sentence


@pytest.mark.parametrize(
    ("sentence", "encoding"),
    [
        ("Předseda vlády řekl, že příští týden bude jednat se zástupci odborů.", "cp1250"),
        ("Prezydent powiedział w środę, że rząd przygotuje nową ustawę.", "cp1250"),
        ("Президент заявил в среду, что правительство подготовит новый закон.", "cp1251"),
        ("Cumhurbaşkanı çarşamba günü hükümetin yeni bir yasa hazırlayacağını söyledi.", "cp1254"),
        ("Die Straßen für Fußgänger werden geöffnet, äußerte der Bürgermeister.", "cp1252"),
    ],
)
def test_other_legacy_code_pages_still_decode(sentence: str, encoding: str) -> None:
    text, _ = decode_text(sentence.encode(encoding))
    assert text == sentence


def test_alphabet_fit_tells_mojibake_from_text() -> None:
    assert alphabet_fit("Le président a déclaré") == 1.0
    assert alphabet_fit("Pøedseda vlády øekl, že pøíští") < 0.8


def test_title_skips_blank_lines_and_language_is_guessed(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_text(
        "\n\n   \nCouncil approves the new budget\n\nThe council said on Monday that the "
        "budget would be published, and that it was the first of its kind. The members "
        "have voted for it in the morning.\n"
    )
    document = read_document(path)
    assert document.title == "Council approves the new budget"
    assert document.metadata.language == "en"


def test_white_space_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t \n")
    with pytest.raises(BrokenFileError, match="no text"):
        read_document(path)


def test_markdown_title_without_heading_marks(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    source = "\n# The *harbour* reopens #\n\nBoats came back on [Sunday](http://x.test).\n"
    path.write_text(source)
    document = read_document(path)
    assert document.title == "The harbour reopens"
    assert document.text == source
    assert document.format == "md"


def test_markdown_front_matter_gives_title_and_metadata_but_stays_in_text(
    tmp_path: Path,
) -> None:
    source = (
        '---\ntitle: "Floods in the valley"\nauthor: Ana Ruiz\ndate: 2024-03-02\n'
        "lang: es\n---\n# A different heading\n\nEl río creció durante la noche.\n"
    )
    path = tmp_path / "front.md"
    path.write_bytes(source.replace("\n", "\r\n").encode())
    document = read_document(path)
    assert document.text == source  # offsets count the front matter too
    assert document.title == "Floods in the valley"
    assert document.metadata.author == "Ana Ruiz"
    assert document.metadata.date == "2024-03-02"
    assert document.metadata.language == "es"


def test_markdown_setext_heading(tmp_path: Path) -> None:
    path = tmp_path / "setext.md"
    path.write_text("Harbour news\n============\n\nText.\n")
    assert read_document(path).title == "Harbour news"
