"""PDF files: text in reading order, passwords, damage."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.errors import BrokenFileError, EncryptedFileError, FormatError
from desktop.formats import read_document
from tests.formats.builders import encrypt_pdf, pdf_bytes

PAGE_ONE = [
    "Harbour to reopen in May",
    "The harbour authority said on Tuesday that the north",
    "pier would reopen after two winters of expensive re-",
    "pairs, and that the fees would be set by the council.",
]
PAGE_TWO = ["Fishermen welcomed the news but feared the new fees."]


def write(tmp_path: Path, data: bytes, name: str = "doc.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pages_in_order_joined_by_a_blank_line(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, pdf_bytes([PAGE_ONE, PAGE_TWO])))
    assert document.format == "pdf"
    first, second = document.text.split("\n\n")
    assert first.startswith("Harbour to reopen in May\nThe harbour authority said")
    assert second == PAGE_TWO[0]


def test_line_end_hyphens_are_joined(tmp_path: Path) -> None:
    text = read_document(write(tmp_path, pdf_bytes([PAGE_ONE]))).text
    assert "expensive repairs, and" in text
    assert "re-\npairs" not in text


def test_title_and_author_from_metadata_else_first_line(tmp_path: Path) -> None:
    with_info = pdf_bytes([PAGE_ONE], title="Harbour report", author="Joan Smith")
    document = read_document(write(tmp_path, with_info))
    assert document.title == "Harbour report"
    assert document.metadata.author == "Joan Smith"
    plain = read_document(write(tmp_path, pdf_bytes([PAGE_ONE]), "plain.pdf"))
    assert plain.title == "Harbour to reopen in May"
    assert plain.metadata.author is None
    assert plain.metadata.language == "en"


def test_file_name_in_title_metadata_is_not_taken_for_a_title(tmp_path: Path) -> None:
    data = pdf_bytes([PAGE_ONE], title="Scan0001.pdf")
    assert read_document(write(tmp_path, data)).title == "Harbour to reopen in May"


def test_encrypted_pdf_needs_its_password(tmp_path: Path) -> None:
    data = encrypt_pdf(pdf_bytes([PAGE_ONE]), user_password="tide", owner_password="harbour")
    path = write(tmp_path, data)
    with pytest.raises(EncryptedFileError) as missing:
        read_document(path)
    assert str(missing.value) == "doc.pdf: encrypted: give a password with --password"
    with pytest.raises(EncryptedFileError, match="wrong password"):
        read_document(path, password="ebb")
    assert "harbour authority" in read_document(path, password="tide").text
    assert "harbour authority" in read_document(path, password="harbour").text


def test_encrypted_with_an_empty_user_password_opens_without_one(tmp_path: Path) -> None:
    data = encrypt_pdf(pdf_bytes([PAGE_ONE]), user_password="", owner_password="harbour")
    assert "harbour authority" in read_document(write(tmp_path, data)).text


def test_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(BrokenFileError, match="not a PDF"):
        read_document(write(tmp_path, b"Just some words in a text file."))


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    with pytest.raises(BrokenFileError, match="no text"):
        read_document(write(tmp_path, pdf_bytes([[]])))


def test_broken_xref_is_repaired_or_refused_clearly(tmp_path: Path) -> None:
    data = pdf_bytes([PAGE_ONE, PAGE_TWO])
    broken = data.replace(b"startxref\n", b"startxref\n9").replace(b"xref\n0", b"xref\n7")
    document = read_document(write(tmp_path, broken))
    assert "harbour authority" in document.text


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_truncated_pdf_gives_text_or_a_clear_message(tmp_path: Path, keep: float) -> None:
    data = pdf_bytes([PAGE_ONE, PAGE_TWO])
    path = write(tmp_path, data[: int(len(data) * keep)])
    try:
        document = read_document(path)
    except FormatError as error:
        assert "\n" not in str(error)
        assert isinstance(error, BrokenFileError)
    else:
        assert document.text.strip()
