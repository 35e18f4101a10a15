"""Choosing the reader for a file, and the limits every file goes through first.

Whatever a file holds, :func:`read_document` returns a ``Document`` or raises a
``FormatError`` with a one-line reason: library errors are caught here, at the boundary.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from pathlib import Path

from desktop.errors import (
    BrokenFileError,
    FileTooLargeError,
    FormatError,
    UnsupportedFormatError,
)
from desktop.types import Document

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# suffix -> (format name, module, function); modules are imported when first needed.
_READERS: dict[str, tuple[str, str, str]] = {
    ".txt": ("txt", "desktop.formats.txt", "read_txt"),
    ".md": ("md", "desktop.formats.txt", "read_md"),
    ".markdown": ("md", "desktop.formats.txt", "read_md"),
    ".html": ("html", "desktop.formats.html", "read_html"),
    ".htm": ("html", "desktop.formats.html", "read_html"),
    ".pdf": ("pdf", "desktop.formats.pdf", "read_pdf"),
    ".epub": ("epub", "desktop.formats.epub", "read_epub"),
    ".docx": ("docx", "desktop.formats.docx", "read_docx"),
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS)

Reader = Callable[..., Document]


def read_document(
    path: Path, *, password: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read an article file into a ``Document`` with its canonical text and metadata.

    Args:
        path: the file; its suffix chooses the reader.
        password: for encrypted PDF files.
        max_bytes: files larger than this are refused (and, for EPUB and DOCX, archives
            that would unpack to more than four times this).

    Returns:
        The document: canonical text, title, format and what the file says about itself.

    Raises:
        UnsupportedFormatError: the suffix is not one Newsdesk reads.
        FileTooLargeError: the file (or what it unpacks to) is over the limit.
        BinaryFileError: a text or HTML file holds binary data.
        EncryptedFileError: the PDF is encrypted and no password, or a wrong one, was given.
        BrokenFileError: the file is missing, empty, damaged or holds no text.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    entry = _READERS.get(suffix)
    if entry is None:
        kind = f"'{suffix}'" if suffix else "without a suffix"
        raise UnsupportedFormatError(
            path, f"unsupported file type {kind}: Newsdesk reads {', '.join(SUPPORTED_SUFFIXES)}"
        )
    label, module_name, function_name = entry
    data = _load(path, max_bytes=max_bytes)
    try:
        reader: Reader = getattr(importlib.import_module(module_name), function_name)
        # Libraries warn about the damage they work around; that is not the reader's concern.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = reader(path, data, password=password, max_bytes=max_bytes)
    except FormatError:
        raise
    except Exception as error:  # the boundary: no library error reaches a user
        raise BrokenFileError(
            path, f"damaged or unreadable {label.upper()} file ({_brief(error)})"
        ) from error
    if not document.text.strip():
        raise BrokenFileError(path, "no text found in the file")
    return document


def _load(path: Path, *, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise BrokenFileError(path, "this is a folder, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise FileTooLargeError(
                path, f"file too large ({_megabytes(size)}; the limit is {_megabytes(max_bytes)})"
            )
        if size == 0:
            raise BrokenFileError(path, "empty file")
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise BrokenFileError(path, "file not found") from error
    except PermissionError as error:
        raise BrokenFileError(path, "cannot open the file: permission denied") from error
    except OSError as error:
        raise BrokenFileError(path, f"cannot read the file ({error.strerror or error})") from error
    if len(data) > max_bytes:  # it grew since stat
        raise FileTooLargeError(path, f"file too large (over {_megabytes(max_bytes)})")
    if not data:
        raise BrokenFileError(path, "empty file")
    return data


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MB"


def _brief(error: BaseException) -> str:
    """A one-line description of a library error."""
    message = " ".join(str(error).split())
    if len(message) > 160:
        message = message[:157] + "..."
    name = type(error).__name__
    return f"{name}: {message}" if message else name
