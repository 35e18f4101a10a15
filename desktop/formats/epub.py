"""EPUB books: chapters in spine order, title and author from the package document.

container.xml names the package document (OPF); its spine orders the XHTML chapters.
Every XML part is parsed without loading DTDs, entities or anything over the network.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from desktop.errors import BrokenFileError
from desktop.formats.archive import open_archive, read_member
from desktop.formats.encoding import DecodeError, decode_text
from desktop.formats.language import guess_language, normalize_language
from desktop.formats.markup import element_paragraphs, parse_html
from desktop.types import Document, Metadata

_CONTAINER = "META-INF/container.xml"
_DC = "{http://purl.org/dc/elements/1.1/}"
_OPF = "{http://www.idpf.org/2007/opf}"
_XML_ENCODING = re.compile(rb"""\A[^>]{0,200}encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_CHAPTER_TYPES = {"application/xhtml+xml", "text/html", "application/xml", "text/xml", ""}


def read_epub(
    path: Path, data: bytes, *, password: str | None = None, max_bytes: int = 0
) -> Document:
    """Read an EPUB already loaded as ``data`` (``password`` does not apply).

    Raises:
        BrokenFileError: not an EPUB (not a ZIP, no package document), or no text in it.
        FileTooLargeError: it declares more unpacked data than a book has (a zip bomb).
    """
    with open_archive(path, data, kind="EPUB", max_bytes=max_bytes) as archive:
        names = _member_names(archive)
        opf_name = _package_name(archive, names)
        if opf_name is None:
            raise BrokenFileError(path, "not an EPUB book: no package document (OPF) inside")
        package = _parse_xml(read_member(archive, names[opf_name]))
        chapters = _spine(package, base=posixpath.dirname(opf_name))
        paragraphs: list[str] = []
        missing = 0
        for href in chapters:
            member = names.get(href)
            if member is None:
                missing += 1
                continue
            paragraphs.extend(_chapter_paragraphs(read_member(archive, member)))
    if not paragraphs:
        reason = "its chapters are missing" if missing else "no text in its chapters"
        raise BrokenFileError(path, f"damaged EPUB book: {reason}")
    text = "\n\n".join(paragraphs)
    info = _dublin_core(package)
    metadata = Metadata(
        author=info.get("author"),
        date=info.get("date"),
        language=normalize_language(info.get("language")) or guess_language(text),
        site=info.get("publisher"),
    )
    title = info.get("title") or paragraphs[0][:200]
    return Document(text=text, title=title, format="epub", metadata=metadata, path=path)


def _member_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Member names by the name a book's links use: as stored, and repaired from cp437.

    ZIP tools that do not flag UTF-8 names make Python read them as cp437; the package
    document spells them in UTF-8.
    """
    names: dict[str, str] = {}
    for info in archive.infolist():
        names.setdefault(info.filename, info.filename)
        if not info.flag_bits & 0x800:
            try:
                repaired = info.filename.encode("cp437").decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            names.setdefault(repaired, info.filename)
    return names


def _package_name(archive: zipfile.ZipFile, names: dict[str, str]) -> str | None:
    if _CONTAINER in names:
        container = _parse_xml(read_member(archive, names[_CONTAINER]))
        for rootfile in container.iter("{*}rootfile"):
            full_path = unquote(rootfile.get("full-path") or "").lstrip("/")
            if full_path in names:
                return full_path
    # Without a usable container.xml, a lone package document is still the book.
    opfs = [name for name in names if name.lower().endswith(".opf")]
    return opfs[0] if len(opfs) == 1 else None


def _spine(package: Any, *, base: str) -> list[str]:
    """Member names of the chapters, in reading order."""
    manifest: dict[str, tuple[str, str]] = {}
    for item in package.iter(f"{_OPF}item", "item"):
        href = item.get("href")
        if item.get("id") and href:
            href = unquote(href.split("#", 1)[0])
            media_type = (item.get("media-type") or "").strip().lower()
            manifest[item.get("id")] = (posixpath.normpath(posixpath.join(base, href)), media_type)
    chapters: list[str] = []
    for itemref in package.iter(f"{_OPF}itemref", "itemref"):
        if (itemref.get("linear") or "").strip().lower() == "no":
            continue  # notes and covers outside the reading order
        entry = manifest.get(itemref.get("idref") or "")
        if entry is not None and entry[1] in _CHAPTER_TYPES and entry[0] not in chapters:
            chapters.append(entry[0])
    return chapters


def _chapter_paragraphs(data: bytes) -> list[str]:
    declared = _XML_ENCODING.match(data)
    try:
        text, _ = decode_text(data, declared=declared.group(1).decode() if declared else None)
        root = parse_html(text)
    except (DecodeError, ValueError):
        return []
    body = root.find("body")
    return element_paragraphs(body if body is not None else root)


def _dublin_core(package: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    creators: list[str] = []
    for element in package.iter(
        f"{_DC}title", f"{_DC}creator", f"{_DC}language", f"{_DC}date", f"{_DC}publisher"
    ):
        value = " ".join("".join(element.itertext()).split())
        if not value:
            continue
        key = element.tag.rsplit("}", 1)[-1]
        if key == "creator":
            role = element.get(f"{_OPF}role") or element.get("role") or "aut"
            if role == "aut":
                creators.append(value)
        else:
            found.setdefault(key, value)
    if creators:
        found["author"] = ", ".join(dict.fromkeys(creators))
    return found


def _parse_xml(data: bytes) -> Any:
    """Parse an XML part, loading no DTD, entity or network resource it names."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
    )
    root = etree.fromstring(data, parser=parser)
    if root is None:
        raise BrokenFileError(None, "damaged EPUB book: an XML part is empty or unreadable")
    return root
