"""(X)HTML trees to plain text paragraphs, and a parser that never reaches outside the file.

Shared by the HTML reader (its fallback when main-text extraction finds nothing) and the
EPUB reader (its chapters are XHTML).
"""

from __future__ import annotations

import re
from typing import Any


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


_BLOCK_TAGS = _tags(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li "
    "main nav ol p pre section summary table tbody tfoot thead tr ul"
)
_SKIPPED_TAGS = _tags(
    "head script style noscript template svg canvas iframe object embed audio video "
    "button select option textarea input title meta link"
)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u200b]+")
_HUGE_ATTRIBUTE = re.compile(r"""(=\s*)(?:"[^"]{100000,}"|'[^']{100000,}')""")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>", re.IGNORECASE)


def parse_html(text: str) -> Any:
    """Parse HTML or XHTML text with lxml, loading nothing the markup refers to.

    Returns:
        The root element (an ``lxml.html.HtmlElement``).

    Raises:
        ValueError: the text holds no markup lxml can build a tree from.
    """
    import lxml.html

    parser = lxml.html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        default_doctype=False,
        collect_ids=False,
    )
    # lxml refuses str input that carries an encoding declaration; the text is decoded already.
    text = _XML_DECLARATION.sub("", text, count=1)
    # libxml2 gives up on attribute values over 10 MB, losing the rest of the page with them.
    text = _HUGE_ATTRIBUTE.sub(r'\1""', text)
    if not text.strip():
        raise ValueError("no markup")
    root = lxml.html.document_fromstring(text, parser=parser)
    if root is None:
        raise ValueError("no markup")
    return root


def element_paragraphs(root: Any) -> list[str]:
    """The text of an element as paragraphs, one per block element, without markup.

    Scripts, styles, forms and other non-text elements are skipped; ``<br>`` breaks a line
    inside a paragraph; table cells of a row are separated by tabs.
    """
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        joined = "".join(current)
        current.clear()
        lines = [_SPACES.sub(" ", line).strip() for line in joined.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in _SKIPPED_TAGS or not isinstance(element.tag, str):
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if tag == "br":
            current.append("\n")
        elif tag in {"td", "th"} and current:
            current.append("\t")
        if element.text and tag != "br":
            current.append(_collapse(element.text, pre=tag == "pre"))
        for child in element:
            walk(child)
            if child.tail:
                current.append(_collapse(child.tail, pre=tag == "pre"))
        if block:
            flush()

    walk(root)
    flush()
    return paragraphs


def _collapse(text: str, *, pre: bool) -> str:
    if pre:
        return text
    return re.sub(r"\s+", " ", text)
