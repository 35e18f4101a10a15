"""ZIP containers (EPUB, DOCX), opened only after their declared sizes are checked.

A zip bomb declares, in its central directory, sizes far beyond what a document needs, or
compresses a member a thousandfold. Both are refused before anything is extracted; reading a
member stops at its declared size, so a member that lies about it cannot run away either.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from desktop.errors import BrokenFileError, FileTooLargeError

UNPACKED_FACTOR = 4  # an archive may unpack to this many times the file size limit
MAX_RATIO = 100  # compressed -> uncompressed, for members over _RATIO_FLOOR bytes
_RATIO_FLOOR = 1024 * 1024


def open_archive(path: Path, data: bytes, *, kind: str, max_bytes: int) -> zipfile.ZipFile:
    """Open ``data`` as a ZIP archive after checking what it declares.

    Args:
        path: the file, for messages.
        data: its bytes.
        kind: "EPUB" or "DOCX", for messages.
        max_bytes: the file size limit; the archive may unpack to four times this.

    Raises:
        BrokenFileError: not a ZIP archive (truncated, empty, or another kind of file).
        FileTooLargeError: it declares more unpacked data, or a higher compression ratio,
            than a document has.
    """
    if not data.startswith(b"PK"):
        article = "an" if kind[:1] in "AEIOU" else "a"
        raise BrokenFileError(
            path, f"not {article} {kind} file: it is not a ZIP archive{_sniff(data)}"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise BrokenFileError(
            path, f"damaged {kind} file: the ZIP archive is truncated or broken ({error})"
        ) from error
    limit = max(max_bytes, 1) * UNPACKED_FACTOR
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if total > limit:
            raise FileTooLargeError(
                path,
                f"{kind} file would unpack to over {limit // (1024 * 1024)} MB "
                "(a zip bomb?); refused before extracting",
            )
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise FileTooLargeError(
                path,
                f"{kind} file member {info.filename!r} is compressed "
                f"{info.file_size // max(info.compress_size, 1)}:1 (a zip bomb?); "
                "refused before extracting",
            )
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """The bytes of one member, never more than it declares.

    Raises:
        KeyError: no such member.
        zipfile.BadZipFile: the member is damaged or longer than declared.
    """
    info = archive.getinfo(name)
    with archive.open(info) as stream:
        data = stream.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise zipfile.BadZipFile(f"{name} is longer than its declared size")
    return data


def _sniff(data: bytes) -> str:
    """What the bytes look like instead, to make the message useful."""
    signatures = (
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF file"),
        (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
        (b"Rar!", "a RAR archive"),
        (b"\x1f\x8b", "a gzip file"),
        (b"<", "a text or markup file"),
    )
    head = data.lstrip()[:8]
    for signature, name in signatures:
        if head.startswith(signature):
            return f"; it looks like {name}"
    return ""
