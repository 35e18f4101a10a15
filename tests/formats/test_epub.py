"""EPUB books: spine order, title and author, and the many ways a ZIP can be wrong."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop.errors import BrokenFileError, FileTooLargeError
from desktop.formats import read_document
from tests.formats.builders import write_epub

CHAPTERS = {
    "b-second.xhtml": "<h2>Chapter Two</h2><p>The ferry left at dawn.</p>",
    "a-first.xhtml": "<h1>Chapter One</h1><p>The harbour was quiet.</p><p>Gulls circled.</p>",
    "c-third.xhtml": "<h2>Chapter Three</h2><p>Nobody came <b>back</b>.<br/>Not one.</p>",
}
SPINE = ["a-first.xhtml", "b-second.xhtml", "c-third.xhtml"]


def test_chapters_follow_the_spine_not_the_archive(tmp_path: Path) -> None:
    path = write_epub(
        tmp_path / "book.epub",
        CHAPTERS,
        spine=SPINE,
        title="Tides",
        author="Ana Ruiz",
        language="en-GB",
    )
    document = read_document(path)
    assert document.format == "epub"
    assert document.text.split("\n\n") == [
        "Chapter One",
        "The harbour was quiet.",
        "Gulls circled.",
        "Chapter Two",
        "The ferry left at dawn.",
        "Chapter Three",
        "Nobody came back.\nNot one.",
    ]
    assert document.title == "Tides"
    assert document.metadata.author == "Ana Ruiz"
    assert document.metadata.language == "en"


def test_styles_and_scripts_are_not_text(tmp_path: Path) -> None:
    chapters = {"one.xhtml": "<script>var x = 'SCRIPTED';</script><p>Only this.</p>"}
    document = read_document(write_epub(tmp_path / "b.epub", chapters, spine=["one.xhtml"]))
    assert document.text == "Only this."


def test_without_container_a_lone_package_document_still_works(tmp_path: Path) -> None:
    path = write_epub(tmp_path / "b.epub", CHAPTERS, spine=SPINE, container=False)
    assert read_document(path).text.startswith("Chapter One")


def test_image_renamed_epub(tmp_path: Path) -> None:
    path = tmp_path / "cover.epub"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 200)
    with pytest.raises(BrokenFileError, match=r"not an EPUB file.*JPEG"):
        read_document(path)


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.95])
def test_truncated_epub(tmp_path: Path, keep: float) -> None:
    data = write_epub(tmp_path / "full.epub", CHAPTERS, spine=SPINE).read_bytes()
    path = tmp_path / "cut.epub"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(BrokenFileError, match="truncated or broken"):
        read_document(path)


def test_zip_without_a_book(tmp_path: Path) -> None:
    path = tmp_path / "other.epub"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a book")
    with pytest.raises(BrokenFileError, match="no package document"):
        read_document(path)


def test_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    bomb = {"OEBPS/padding.xhtml": b"\x00" * (8 * 1024 * 1024)}
    path = write_epub(tmp_path / "bomb.epub", CHAPTERS, spine=SPINE, extra=bomb)
    assert path.stat().st_size < 100_000
    with pytest.raises(FileTooLargeError, match="zip bomb"):
        read_document(path)


def test_archive_that_unpacks_beyond_the_limit_is_refused_before_extracting(
    tmp_path: Path,
) -> None:
    filler = {"OEBPS/image.bin": bytes(range(256)) * 400}  # 100 KB that barely compresses
    path = write_epub(tmp_path / "big.epub", CHAPTERS, spine=SPINE, extra=filler)
    with pytest.raises(FileTooLargeError, match="unpack"):
        read_document(path, max_bytes=path.stat().st_size + 1000)


def test_entities_in_the_package_document_are_not_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    chapters = {"one.xhtml": "<p>Plain chapter text.</p>"}
    path = write_epub(tmp_path / "xxe.epub", chapters, spine=["one.xhtml"], title="&leak;")
    data = path.read_bytes()
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    opf = parts["OEBPS/content.opf"].replace(
        b"?>", f'?><!DOCTYPE package [<!ENTITY leak SYSTEM "file://{secret}">]>'.encode(), 1
    )
    parts["OEBPS/content.opf"] = opf
    with zipfile.ZipFile(path, "w") as target:
        for name, content in parts.items():
            target.writestr(name, content)
    assert data != path.read_bytes()
    document = read_document(path)
    assert "TOP SECRET" not in document.title
    assert "TOP SECRET" not in document.text
