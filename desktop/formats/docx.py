"""Word documents through python-docx: paragraphs, tables and text boxes in document order.

What the reader of the finished document sees is the text: tracked insertions count,
tracked deletions (``w:del``, ``w:moveFrom``) do not, nor do comments, field codes or the
fallback copies Word keeps of text boxes and symbols for older readers.
"""

from __future__ import annotations

import io
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.errors import BrokenFileError
from desktop.formats.archive import open_archive
from desktop.formats.language import guess_language, normalize_language
from desktop.types import Document, Metadata

logging.getLogger("docx").addHandler(logging.NullHandler())

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIPPED = frozenset(
    {
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "delInstrText",
        "rPr",
        "pPr",
        "tblPr",
        "trPr",
        "tcPr",
        "sectPr",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "annotationRef",
        "fldData",
    }
)
_TITLE_STYLES = ("title", "heading 1", "heading1", "heading 2", "heading2")
_MAX_TITLE = 300


def read_docx(
    path: Path, data: bytes, *, password: str | None = None, max_bytes: int = 0
) -> Document:
    """Read a ``.docx`` already loaded as ``data`` (``password`` does not apply).

    Raises:
        BrokenFileError: not a Word document, damaged, or holding no text.
        FileTooLargeError: it declares more unpacked data than a document has (a zip bomb).
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    with open_archive(path, data, kind="DOCX", max_bytes=max_bytes) as archive:
        names = set(archive.namelist())
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise BrokenFileError(path, "not a Word document: no word/document.xml inside")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise BrokenFileError(path, f"not a Word document ({error})") from error
    styles = _style_names(document)
    walker = _BodyWalker(styles)
    walker.block(document.element.body)
    paragraphs = [text for text, _style in walker.paragraphs if text.strip()]
    if not paragraphs:
        raise BrokenFileError(path, "no text in this Word document")
    text = "\n\n".join(paragraphs)
    core = _core_properties(document)
    title = core.get("title") or _heading(walker.paragraphs) or paragraphs[0]
    metadata = Metadata(
        author=core.get("author"),
        date=core.get("date"),
        language=normalize_language(core.get("language")) or guess_language(text),
    )
    return Document(text=text, title=_one_line(title), format="docx", metadata=metadata, path=path)


class _BodyWalker:
    """Collects ``(text, style name)`` paragraphs from a WordprocessingML body."""

    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.paragraphs: list[tuple[str, str]] = []

    def block(self, element: Any) -> None:
        """Paragraphs, tables and containers of paragraphs, in order."""
        for child in element:
            tag = _local(child)
            if tag == "p":
                self.paragraph(child)
            elif tag == "tbl":
                self.table(child)
            elif tag == "AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    self.block(branch)
            elif tag not in _SKIPPED and len(child):
                self.block(child)  # sdt, sdtContent, customXml, ins, moveTo, ...

    def paragraph(self, element: Any) -> None:
        parts: list[str] = []
        boxes: list[Any] = []
        _inline(element, parts, boxes)
        style = element.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(f"{_W}val") if style is not None else None
        text = "".join(parts).strip()
        self.paragraphs.append((text, self.styles.get(style_id or "", style_id or "")))
        for box in boxes:
            self.block(box)

    def table(self, element: Any) -> None:
        rows: list[str] = []
        for row in element.iter(f"{_W}tr"):
            if row.getparent() is not element and _local(row.getparent()) != "tbl":
                continue
            cells: list[str] = []
            for cell in row.findall(f"{_W}tc"):
                inner = _BodyWalker(self.styles)
                inner.block(cell)
                cells.append(" ".join(t for t, _ in inner.paragraphs if t))
            if any(cells):
                rows.append("\t".join(cells))
        if rows:
            self.paragraphs.append(("\n".join(rows), "table"))


def _inline(element: Any, parts: list[str], boxes: list[Any]) -> None:
    for child in element:
        tag = _local(child)
        if tag in _SKIPPED:
            continue
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "tab":
            parts.append("\t")
        elif tag in {"br", "cr"}:
            parts.append("\n")
        elif tag == "noBreakHyphen":
            parts.append("-")
        elif tag == "txbxContent":
            boxes.append(child)
        elif tag == "symEx":
            parts.append(_symbol(child))
        elif tag == "AlternateContent":
            branch = _branch(child)
            if branch is not None:
                _inline(branch, parts, boxes)
        elif len(child):
            _inline(child, parts, boxes)


def _branch(alternate: Any) -> Any | None:
    """The branch of ``mc:AlternateContent`` to read: the first choice holding text.

    Word writes a text box twice (DrawingML choice, VML fallback); an emoji as a symbol
    reference in the choice and as text in the fallback.
    """
    choices = alternate.findall(f"{_MC}Choice")
    for choice in choices:
        if choice.find(f".//{_W}t") is not None or choice.find(f".//{_W}txbxContent") is not None:
            return choice
    fallback = alternate.find(f"{_MC}Fallback")
    if fallback is not None:
        return fallback
    return choices[0] if choices else None


def _symbol(element: Any) -> str:
    for name, value in element.attrib.items():
        if name.endswith("}char"):
            try:
                return chr(int(value, 16))
            except ValueError:
                return ""
    return ""


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _style_names(document: Any) -> dict[str, str]:
    try:
        return {style.style_id: (style.name or "") for style in document.styles}
    except (KeyError, ValueError, AttributeError):
        return {}


def _heading(paragraphs: list[tuple[str, str]]) -> str | None:
    for wanted in _TITLE_STYLES:
        for text, style in paragraphs:
            if text and style.lower() == wanted:
                return text
    return None


def _core_properties(document: Any) -> dict[str, str]:
    try:
        core = document.core_properties
        found = {
            "title": (core.title or "").strip(),
            "author": (core.author or "").strip(),
            "language": (core.language or "").strip(),
        }
        created = core.created
    except (KeyError, ValueError, AttributeError):
        return {}
    if isinstance(created, datetime) and created.year > 1601:
        found["date"] = created.isoformat()
    return {k: v for k, v in found.items() if v}


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    if len(line) > _MAX_TITLE:
        line = line[:_MAX_TITLE].rsplit(" ", 1)[0] + "…"
    return line
