"""Plain text and Markdown: the canonical text is the file's own text.

After decoding, only line ends change (``\\r\\n`` and ``\\r`` become ``\\n``) and a leading
BOM goes, so offsets into the canonical text are offsets into the file's text for outside
tools.
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop.errors import BinaryFileError, BrokenFileError
from desktop.formats.encoding import DecodeError, decode_text
from desktop.formats.language import guess_language, normalize_language
from desktop.types import Document, Metadata

_MAX_TITLE = 200
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_ATX = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RULE = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")


def canonical_text(data: bytes) -> str:
    """Decode file bytes and normalise line ends; nothing else changes.

    Raises:
        DecodeError: the bytes are binary or fit no encoding.
    """
    text, _encoding = decode_text(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_txt(
    path: Path, data: bytes, *, password: str | None = None, max_bytes: int = 0
) -> Document:
    """Read a ``.txt`` file (``password`` and ``max_bytes`` do not apply)."""
    return read_text(path, data, markdown=False)


def read_md(
    path: Path, data: bytes, *, password: str | None = None, max_bytes: int = 0
) -> Document:
    """Read a Markdown file (``password`` and ``max_bytes`` do not apply)."""
    return read_text(path, data, markdown=True)


def read_text(path: Path, data: bytes, *, markdown: bool) -> Document:
    """Read a ``.txt`` or ``.md`` file already loaded as ``data``.

    Raises:
        BinaryFileError: the file holds NUL bytes.
        BrokenFileError: it holds no text.
    """
    try:
        text = canonical_text(data)
    except DecodeError as error:
        raise BinaryFileError(path, f"not a text file: {error}") from error
    if not text.strip():
        raise BrokenFileError(path, "the file holds no text, only white space")
    fields: dict[str, str] = {}
    body = text
    if markdown:
        match = _FRONT_MATTER.match(text)
        if match:
            fields = {k.lower(): _unquote(v) for k, v in _FIELD.findall(match.group(1))}
            body = text[match.end() :]
    title = fields.get("title") or first_line_title(body, markdown=markdown) or path.stem
    metadata = Metadata(
        author=fields.get("author") or fields.get("authors") or fields.get("byline") or None,
        date=fields.get("date") or fields.get("published") or None,
        url=fields.get("url") or fields.get("source") or None,
        language=normalize_language(fields.get("lang") or fields.get("language"))
        or guess_language(body),
        site=fields.get("site") or fields.get("publisher") or None,
    )
    return Document(
        text=text, title=title, format="md" if markdown else "txt", metadata=metadata, path=path
    )


def first_line_title(text: str, *, markdown: bool) -> str:
    """The first non-empty line, without Markdown heading marks when ``markdown``."""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if markdown:
            heading = _ATX.match(raw)
            if heading:
                line = heading.group(1).strip()
            line = _strip_inline_markdown(line)
            # A Setext heading is its line followed by === or ---; the rule is not the title.
            if _SETEXT_RULE.match(raw):
                continue
        if line:
            return _shorten(line)
    return ""


def _strip_inline_markdown(line: str) -> str:
    line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links and images keep their text
    line = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", line)
    return line.strip()


def _shorten(line: str) -> str:
    if len(line) <= _MAX_TITLE:
        return line
    cut = line[:_MAX_TITLE].rsplit(" ", 1)[0]
    return cut + "…"


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
