"""PDF files through pypdf: text in reading order, pages separated by blank lines."""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.errors import BrokenFileError, EncryptedFileError
from desktop.formats.language import guess_language
from desktop.types import Document, Metadata

# pypdf reports every repair it makes to a damaged file as a logging warning; an application
# that configured no logging would print them on stderr.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

NEED_PASSWORD = "encrypted: give a password with --password"
WRONG_PASSWORD = "encrypted: wrong password, give the right one with --password"
# "exam-\nple" -> "example": a hyphen at a line end between two lower-case letters.
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zà-ÿ])")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_MAX_TITLE = 300
# "Binder1.pdf", "10811.exe": the name of the file the PDF was made from, not a title.
_FILE_NAME = re.compile(r"\S+\.[a-z0-9]{2,4}")


def read_pdf(
    path: Path, data: bytes, *, password: str | None = None, max_bytes: int = 0
) -> Document:
    """Read a PDF already loaded as ``data``, decrypting it with ``password`` if needed.

    Raises:
        EncryptedFileError: it is encrypted and the password is missing or wrong.
        BrokenFileError: it is not a PDF, is damaged beyond repair, or has no text layer.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    if not data.lstrip()[:1024].find(b"%PDF") >= 0:
        raise BrokenFileError(path, "not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except PdfReadError as error:
        raise BrokenFileError(path, f"damaged PDF file ({error})") from error
    if reader.is_encrypted:
        _decrypt(path, reader, password)
    try:
        pages = [_page_text(page) for page in reader.pages]
    except FileNotDecryptedError as error:
        raise EncryptedFileError(path, NEED_PASSWORD) from error
    except DependencyError as error:
        raise BrokenFileError(path, f"cannot decrypt this PDF here ({error})") from error
    text = "\n\n".join(page for page in pages if page)
    if not text.strip():
        raise BrokenFileError(
            path, "no text in this PDF (scanned pages without a text layer cannot be read)"
        )
    info = _info(reader)
    title = info.get("title") or _first_line(text) or path.stem
    metadata = Metadata(
        author=info.get("author"), date=info.get("date"), language=guess_language(text)
    )
    return Document(text=text, title=title, format="pdf", metadata=metadata, path=path)


def _decrypt(path: Path, reader: Any, password: str | None) -> None:
    from pypdf.errors import DependencyError

    try:
        # Files with only an owner password open with the empty user password.
        if reader.decrypt(password or ""):
            return
        if password and reader.decrypt(""):
            return
    except DependencyError as error:
        raise BrokenFileError(path, f"cannot decrypt this PDF here ({error})") from error
    except (ValueError, NotImplementedError, KeyError) as error:
        raise BrokenFileError(path, f"unsupported PDF encryption ({error})") from error
    raise EncryptedFileError(path, WRONG_PASSWORD if password else NEED_PASSWORD)


def _page_text(page: Any) -> str:
    text = page.extract_text() or ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = _TRAILING_SPACE.sub("\n", text)
    text = _LINE_END_HYPHEN.sub("", text)
    # A page's own blank lines would read as page breaks; keep them to single blank lines.
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _info(reader: Any) -> dict[str, str]:
    """Title, author and creation date from the document information dictionary."""
    try:
        info = reader.metadata
    except Exception:  # a damaged info dictionary only costs the metadata
        logging.getLogger(__name__).debug("unreadable PDF metadata", exc_info=True)
        return {}
    if info is None:
        return {}
    found: dict[str, str] = {}
    for key, attribute in (("title", "title"), ("author", "author")):
        try:
            value = getattr(info, attribute)
        except Exception:  # as above
            logging.getLogger(__name__).debug("unreadable PDF %s", key, exc_info=True)
            continue
        value = " ".join(str(value).split()) if value else ""
        if value and not _placeholder(value):
            found[key] = value[:_MAX_TITLE]
    try:
        created = info.creation_date
    except Exception:  # as above
        created = None
    if isinstance(created, datetime):
        found["date"] = created.isoformat()
    return found


def _placeholder(value: str) -> bool:
    """Titles that word processors fill in by themselves ("untitled", "Microsoft Word - x")."""
    lowered = value.lower()
    return (
        lowered in {"untitled", "title", "unknown", "()"}
        or lowered.startswith("microsoft word - ")
        or _FILE_NAME.fullmatch(lowered) is not None
    )


def _first_line(text: str) -> str:
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if len(line) > 1:
            return line[:_MAX_TITLE]
    return ""
