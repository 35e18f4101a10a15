"""Every file of ../shared/data/files gives text or a clear message, never a traceback."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from desktop.errors import BrokenFileError, EncryptedFileError, FormatError
from desktop.formats import read_document
from desktop.types import Document

WORD_COUNTS = ("words_extracted_pypdf", "words_in_xhtml", "words_in_body_paragraphs")


def manifest(shared_data: Path) -> list[dict[str, Any]]:
    folder = shared_data / "files"
    with (folder / "manifest.jsonl").open(encoding="utf-8") as lines:
        entries = [json.loads(line) for line in lines if line.strip()]
    return [e for e in entries if e["kind"] != "expected-text"]


def user_password(entry: dict[str, Any]) -> str | None:
    match = re.search(r"user(?: password)? '([^']*)'", entry.get("password") or "")
    return match.group(1) if match else None


def expected_words(entry: dict[str, Any]) -> int:
    checks = entry.get("check_here", {})
    return next((int(checks[key]) for key in WORD_COUNTS if key in checks), 0)


def read(path: Path, password: str | None = None) -> Document | FormatError:
    try:
        return read_document(path, password=password)
    except FormatError as error:
        return error


def test_every_file_gives_text_or_a_one_line_reason(shared_data: Path) -> None:
    entries = manifest(shared_data)
    assert len(entries) >= 30
    for entry in entries:
        path = shared_data / "files" / entry["file"]
        outcome = read(path, user_password(entry))
        if isinstance(outcome, FormatError):
            message = str(outcome)
            assert message.startswith(path.name + ": "), message
            assert "\n" not in message and len(message) < 300, message
            assert "Traceback" not in message
        else:
            assert outcome.text.strip(), entry["file"]
            assert outcome.title.strip(), entry["file"]
            assert outcome.format == entry["format"]


def test_prose_files_give_plausible_text(shared_data: Path) -> None:
    for entry in manifest(shared_data):
        if entry["kind"] != "prose":
            continue
        document = read_document(shared_data / "files" / entry["file"])
        words = len(document.text.split())
        expected = expected_words(entry)
        assert words >= 0.8 * expected, (entry["file"], words, expected)
        assert words <= 1.3 * expected + 50, (entry["file"], words, expected)
        assert "\ufffd" not in document.text
        # Prose, not a heap of glyphs: most tokens are ordinary words.
        tokens = document.text.split()
        wordlike = sum(1 for t in tokens if re.fullmatch(r"[\W\d]*[^\W\d_]{2,}[\W\d]*", t))
        assert wordlike / len(tokens) > 0.6, entry["file"]


def test_encrypted_pdfs_open_with_the_manifest_password(shared_data: Path) -> None:
    opened = 0
    for entry in manifest(shared_data):
        if not entry.get("check_here", {}).get("encrypted"):
            continue
        path = shared_data / "files" / entry["file"]
        password = user_password(entry)
        assert password is not None, entry["file"]
        outcome = read(path, password)
        if expected_words(entry) == 0:  # no text layer: said so, not a password error
            assert isinstance(outcome, BrokenFileError), entry["file"]
            assert "no text" in str(outcome)
            continue
        assert isinstance(outcome, Document), (entry["file"], outcome)
        assert len(outcome.text.split()) >= 0.8 * expected_words(entry)
        opened += 1
        if password:
            wrong = read(path, password + "-wrong")
            without = read(path)
            for result in (wrong, without):
                # Either refused with the password hint, or the file also opens without
                # one (an empty owner password lets anybody in, as in PDF viewers).
                if isinstance(result, FormatError):
                    assert isinstance(result, EncryptedFileError)
                    assert "--password" in str(result)
    assert opened >= 5


def test_encrypted_pdf_without_password_asks_for_one(shared_data: Path) -> None:
    path = shared_data / "files" / "pdf" / "pypdf-r4-aes-user-password.pdf"
    with pytest.raises(EncryptedFileError, match="encrypted: give a password with --password"):
        read_document(path)


def test_broken_archives_get_clear_messages(shared_data: Path) -> None:
    for entry in manifest(shared_data):
        if "open_error" not in entry.get("check_here", {}):
            continue
        outcome = read(shared_data / "files" / entry["file"])
        assert isinstance(outcome, BrokenFileError), entry["file"]
        assert re.search(r"empty file|truncated|not an EPUB", str(outcome)), str(outcome)


def _docx_xml_texts(path: Path, part: str, tag: str) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        if part not in archive.namelist():
            return []
        xml = archive.read(part).decode("utf-8")
    return [t for t in re.findall(rf"<w:{tag}(?: [^>]*)?>([^<]+)</w:{tag}>", xml) if t.strip()]


def test_docx_tracked_deletions_and_comments_are_not_text(shared_data: Path) -> None:
    checked = 0
    for entry in manifest(shared_data):
        if entry["format"] != "docx":
            continue
        path = shared_data / "files" / entry["file"]
        text = read_document(path).text
        kept = " ".join(_docx_xml_texts(path, "word/document.xml", "t"))
        for deleted in _docx_xml_texts(path, "word/document.xml", "delText"):
            # Only deletions whose words appear nowhere else can prove anything.
            if len(deleted.strip()) > 8 and deleted.strip() not in kept:
                assert deleted.strip() not in text, (entry["file"], deleted)
                checked += 1
        for comment in _docx_xml_texts(path, "word/comments.xml", "t"):
            if len(comment.strip()) > 8:
                assert comment.strip() not in text, (entry["file"], comment)
                checked += 1
    assert checked >= 2


def test_crazyones_matches_pypdfs_own_expected_text(shared_data: Path) -> None:
    folder = shared_data / "files" / "pdf"
    expected = (folder / "pypdf-crazyones.expected.txt").read_text(encoding="utf-8").split()
    got = read_document(folder / "pypdf-crazyones.pdf").text.split()
    assert got == expected
