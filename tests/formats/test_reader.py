"""The limits every file goes through, whatever its format."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.errors import (
    BinaryFileError,
    BrokenFileError,
    FileTooLargeError,
    FormatError,
    UnsupportedFormatError,
)
from desktop.formats import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, read_document
from tests.formats.builders import pdf_bytes, write_epub


def test_supported_suffixes_cover_every_format() -> None:
    for suffix in (".txt", ".md", ".html", ".htm", ".pdf", ".epub", ".docx"):
        assert suffix in SUPPORTED_SUFFIXES
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


@pytest.mark.parametrize("name", ["notes.rtf", "picture.png", "README", "archive.tar.gz"])
def test_unknown_suffix_is_refused_with_the_suffixes_newsdesk_reads(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_text("Some words.")
    with pytest.raises(UnsupportedFormatError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message
    assert name in message
    assert ".epub" in message


def test_suffix_case_does_not_matter(tmp_path: Path) -> None:
    path = tmp_path / "SHOUTING.TXT"
    path.write_text("Quiet words.\n")
    assert read_document(path).text == "Quiet words.\n"


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 1000)
    with pytest.raises(FileTooLargeError, match="too large"):
        read_document(path, max_bytes=1000)
    assert read_document(path, max_bytes=10_000).text.startswith("word word")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf", ".epub", ".docx"])
def test_empty_file_gets_a_clear_message(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(BrokenFileError, match="empty file"):
        read_document(path)


def test_missing_file_and_folder_get_clear_messages(tmp_path: Path) -> None:
    with pytest.raises(BrokenFileError, match="not found"):
        read_document(tmp_path / "gone.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(BrokenFileError, match="folder"):
        read_document(folder)


def test_nul_bytes_in_a_text_file_are_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    with pytest.raises(BinaryFileError, match="binary"):
        read_document(path)


def _valid_files(tmp_path: Path) -> dict[str, bytes]:
    import docx

    document = docx.Document()
    document.add_paragraph("A paragraph written for the damage test.")
    docx_path = tmp_path / "valid.docx"
    document.save(str(docx_path))
    epub_path = write_epub(
        tmp_path / "valid.epub", {"one.xhtml": "<p>Chapter text.</p>"}, spine=["one.xhtml"]
    )
    return {
        ".pdf": pdf_bytes([["A line of text.", "Another line."]]),
        ".epub": epub_path.read_bytes(),
        ".docx": docx_path.read_bytes(),
        ".html": b"<html><head><title>T</title></head><body><p>Text here.</p></body></html>",
        ".txt": "Une phrase en français.\n".encode("latin-1"),
    }


def test_damaged_files_give_a_document_or_a_format_error_never_another_exception(
    tmp_path: Path,
) -> None:
    rng = random.Random(20240601)
    outcomes: dict[str, int] = {}
    for suffix, data in _valid_files(tmp_path).items():
        variants = [data[:cut] for cut in range(1, len(data), max(1, len(data) // 25))]
        for _ in range(25):
            damaged = bytearray(data)
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            variants.append(bytes(damaged))
        variants.append(bytes(rng.randrange(256) for _ in range(2000)))
        for index, variant in enumerate(variants):
            path = tmp_path / f"damaged{index}{suffix}"
            path.write_bytes(variant)
            try:
                read_document(path)
                outcomes["read"] = outcomes.get("read", 0) + 1
            except FormatError as error:
                assert "\n" not in str(error)
                outcomes["refused"] = outcomes.get("refused", 0) + 1
    # The sweep must have exercised both paths, or it proves nothing.
    assert outcomes.get("read", 0) > 0
    assert outcomes.get("refused", 0) > 0


def test_importing_the_package_loads_no_heavy_library() -> None:
    code = (
        "import sys, desktop.formats\n"
        "heavy = [m for m in ('trafilatura', 'pypdf', 'docx', 'lxml', 'charset_normalizer')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
