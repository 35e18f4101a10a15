"""Web pages: the article's main text through trafilatura, its title and metadata.

The page is parsed here, once, with a parser that loads nothing the page refers to (no
images, scripts, frames or external entities); trafilatura gets the tree, never a URL.
The title follows the strategy of Mozilla's Readability, which readers know from their
browsers' reader views: JSON-LD ``headline``, then ``dc:title``/``og:title``/``twitter:title``
meta tags, then the ``<title>`` without its site name ("Story - Site", "Site | Story").
"""

from __future__ import annotations

import copy
import email.utils
import html as html_escapes
import json
import logging
import re
from pathlib import Path
from typing import Any

from desktop.errors import BinaryFileError, BrokenFileError
from desktop.formats.encoding import DecodeError, decode_text
from desktop.formats.language import guess_language, normalize_language
from desktop.formats.markup import element_paragraphs, parse_html
from desktop.types import Document, Metadata

for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SEPARATORS = r"\|\-–—\\/>»"
_SEPARATOR = re.compile(rf"\s[{_SEPARATORS}]\s")
_HIERARCHICAL = re.compile(r"\s[\\/>»]\s")
_ARTICLE_TYPES = re.compile(
    r"^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|"
    r"BackgroundNewsArticle|BlogPosting|DiscussionForumPosting|LiveBlogPosting|"
    r"OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|"
    r"ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|TechArticle)$"
)
_META_PROPERTY = re.compile(
    r"\s*(article|dc|dcterm|og|twitter)\s*:\s*"
    r"(author|creator|description|published_time|title|site_name)\s*",
    re.IGNORECASE,
)
_META_NAME = re.compile(
    r"^\s*(?:(dc|dcterm|og|twitter|parsely|weibo:(article|webpage))\s*[-.:]\s*)?"
    r"(author|creator|pub-date|description|title|site_name)\s*$",
    re.IGNORECASE,
)
_MAX_TITLE = 300
_TEASER_WORDS = 100
_MAX_ELEMENTS = 100_000
_CONTAINERS = ("body", "article", "main", "h1")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?")


def read_html(
    path: Path, data: bytes, *, password: str | None = None, max_bytes: int = 0
) -> Document:
    """Read a web page already loaded as ``data`` (``password``, ``max_bytes`` do not apply).

    Raises:
        BinaryFileError: the file holds binary data.
        BrokenFileError: it holds no markup or no text.
    """
    declared = _CHARSET.search(data[:4096])
    try:
        text, _encoding = decode_text(
            data, declared=declared.group(1).decode("ascii") if declared else None
        )
    except DecodeError as error:
        raise BinaryFileError(path, f"not a web page: {error}") from error
    try:
        root = parse_html(text)
    except ValueError as error:
        raise BrokenFileError(path, "the page holds no HTML") from error

    _recover_math(root)
    pristine = copy.deepcopy(root)  # for the last resort, should pruning leave nothing
    _prune_galleries(root)
    _keep_captions(root)
    meta = _page_metadata(root)
    paragraphs, extracted = _main_text(root, pristine)
    if not paragraphs:
        raise BrokenFileError(path, "the page holds no text")
    declared_title = meta.get("title") or _first_heading(root)
    title = _one_line(declared_title or paragraphs[0])
    if declared_title and len(paragraphs) > 1 and _repeats_title(paragraphs[0], title):
        # The headline is the document's title; like a browser's reader view, the text
        # starts below it rather than repeating it.
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    metadata = Metadata(
        author=meta.get("author") or extracted.get("author"),
        date=meta.get("date") or extracted.get("date"),
        url=meta.get("url") or _absolute(extracted.get("url")),
        language=meta.get("language") or guess_language(body),
        site=meta.get("site") or extracted.get("site"),
    )
    return Document(text=body, title=title, format="html", metadata=metadata, path=path)


# --- main text ------------------------------------------------------------------------------


def _main_text(root: Any, pristine: Any) -> tuple[list[str], dict[str, str]]:
    """The article's paragraphs and what trafilatura found about it (author, date, site).

    Recall mode keeps more of long articles. When it finds only a teaser (under 100 words)
    while the default mode finds five times more, the default mode's text is the article;
    when trafilatura finds nothing, every block of the page is.
    """
    import trafilatura

    body = pristine.find("body")
    if body is None:
        body = pristine
    if sum(1 for _ in root.iter()) > _MAX_ELEMENTS:
        # trafilatura takes seconds per 100,000 elements; no article page comes near that.
        return element_paragraphs(body), {}
    options: dict[str, Any] = {
        "include_comments": False,
        "include_tables": True,
        "deduplicate": False,
    }
    result = trafilatura.bare_extraction(
        copy.deepcopy(root), favor_recall=True, with_metadata=True, **options
    )
    paragraphs = _lines(getattr(result, "text", None))
    found = {
        key: value.strip()
        for key, value in (
            ("author", getattr(result, "author", None)),
            ("date", getattr(result, "date", None)),
            ("site", getattr(result, "sitename", None)),
            ("url", getattr(result, "url", None)),
        )
        if isinstance(value, str) and value.strip()
    }
    words = sum(len(p.split()) for p in paragraphs)
    if words < _TEASER_WORDS:
        default = _lines(
            getattr(trafilatura.bare_extraction(copy.deepcopy(root), **options), "text", None)
        )
        if sum(len(p.split()) for p in default) >= 5 * max(words, 1):
            paragraphs = default
    if not paragraphs:
        paragraphs = element_paragraphs(body)
    return paragraphs, found


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def _recover_math(root: Any) -> None:
    """Keep MathML formulas as their characters: extraction drops ``<math>`` otherwise."""
    for math in list(root.iter("math", "{http://www.w3.org/1998/Math/MathML}math")):
        tokens = [t.strip() for t in math.itertext() if t.strip()]
        annotation = [
            e for e in math.iter() if isinstance(e.tag, str) and e.tag.endswith("annotation")
        ]
        for element in annotation:
            if element.text and element.text.strip() in tokens:
                tokens.remove(element.text.strip())
        # MathJax wraps the formula in widgets whose class names ("CtxtMenu") read as
        # navigation to the extractor; the formula replaces the whole widget.
        target = next((a for a in math.iterancestors("mjx-container")), math)
        span = math.makeelement("span", {})
        span.text = " ".join(tokens)
        span.tail = target.tail
        parent = target.getparent()
        if parent is not None:
            parent.replace(target, span)


def _prune_galleries(root: Any) -> None:
    """Drop embedded photo galleries: a run of captions, not the article's own text.

    An element named a gallery that holds the article itself (its headline, an
    ``<article>``) is a page layout, not a gallery, and stays.
    """
    body = root.find("body")
    if body is None:
        return
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element.tag in _CONTAINERS:
            continue
        classes = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if "gallery" not in classes or element.getparent() is None:
            continue
        if any(True for _ in element.iter(*_CONTAINERS)) or element.xpath(
            ".//*[@itemprop='articleBody']"
        ):
            continue
        element.drop_tree()


def _keep_captions(root: Any) -> None:
    """Keep photo captions: extraction drops ``<figure>``, and captions name who is shown."""
    for figure in list(root.iter("figure")):
        captions = list(figure.iter("figcaption"))
        if not captions:
            continue
        figure.tag = "div"
        for caption in captions:
            caption.tag = "p"


# --- title and metadata ---------------------------------------------------------------------


def _page_metadata(root: Any) -> dict[str, str | None]:
    """Title, author, date, url, language and site name, as the page declares them."""
    values: dict[str, str] = {}
    for element in root.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        content = html_escapes.unescape(content)
        prop = element.get("property")
        matched = False
        if prop:
            match = _META_PROPERTY.search(prop)
            if match:
                values[re.sub(r"\s", "", match.group(0).lower())] = content
                matched = True
        name = element.get("name")
        if not matched and name and _META_NAME.match(name):
            values[re.sub(r"\s", "", name.lower()).replace(".", ":")] = content
        itemprop = (element.get("itemprop") or "").lower()
        if itemprop in {"datepublished", "author"}:
            values.setdefault(f"itemprop:{itemprop}", content)
        if prop in {"og:url", "og:locale"} or name in {"language", "content-language"}:
            values.setdefault(prop or name or "", content)
    jsonld = _json_ld(root)
    title = (
        jsonld.get("title")
        or values.get("dc:title")
        or values.get("dcterm:title")
        or values.get("og:title")
        or values.get("weibo:article:title")
        or values.get("weibo:webpage:title")
        or values.get("title")
        or values.get("twitter:title")
        or values.get("parsely-title")
        or _document_title(root, site=jsonld.get("site") or values.get("og:site_name"))
    )
    author = (
        jsonld.get("author")
        or values.get("dc:creator")
        or values.get("dcterm:creator")
        or values.get("author")
        or values.get("parsely-author")
        or values.get("itemprop:author")
    )
    if author and re.match(r"https?://", author):
        author = None  # article:author is often a profile URL, not a name
    date = (
        jsonld.get("date")
        or values.get("article:published_time")
        or values.get("parsely-pub-date")
        or values.get("itemprop:datepublished")
    )
    canonical = next(
        (link.get("href") for link in root.iter("link") if _rel(link) == "canonical"), None
    )
    html_lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return {
        "title": title,
        "author": author,
        "date": _iso_date(date),
        "url": jsonld.get("url") or values.get("og:url") or _absolute(canonical),
        "language": normalize_language(html_lang)
        or normalize_language(values.get("content-language") or values.get("language"))
        or normalize_language(values.get("og:locale")),
        "site": jsonld.get("site") or values.get("og:site_name"),
    }


def _json_ld(root: Any) -> dict[str, str]:
    """Title, author, date, url and site of the first schema.org article in JSON-LD."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*<!\[CDATA\[|\]\]>\s*$", "", raw)
        try:
            parsed = json.loads(raw)
        except ValueError:
            continue
        article = _find_article(parsed)
        if article is None:
            continue
        found: dict[str, str] = {}
        name, headline = _string(article.get("name")), _string(article.get("headline"))
        if name and headline and name != headline:
            # Like Readability: sites put their own name in "name" and the story's in
            # "headline"; the headline wins when it alone is close to the page's <title>.
            page_title = _document_title(root) or ""
            found["title"] = (
                headline
                if _similarity(headline, page_title) > 0.75 >= _similarity(name, page_title)
                else name
            )
        elif headline or name:
            found["title"] = name or headline or ""
        author = _names(article.get("author"))
        if author:
            found["author"] = author
        for key, field in (("date", "datePublished"), ("url", "url")):
            value = _string(article.get(field))
            if value:
                found[key] = value
        publisher = article.get("publisher")
        if isinstance(publisher, dict) and _string(publisher.get("name")):
            found["site"] = _string(publisher.get("name")) or ""
        return {k: html_escapes.unescape(v).strip() for k, v in found.items() if v.strip()}
    return {}


def _find_article(parsed: Any) -> dict[str, Any] | None:
    candidates: list[Any] = parsed if isinstance(parsed, list) else [parsed]
    for item in candidates:
        if not isinstance(item, dict):
            continue
        context = item.get("@context")
        context_text = context if isinstance(context, str) else json.dumps(context)
        graph = item.get("@graph")
        if isinstance(graph, list):
            inner = _find_article(
                [{"@context": context, **g} for g in graph if isinstance(g, dict)]
            )
            if inner is not None:
                return inner
        if "schema.org" not in (context_text or ""):
            continue
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and _ARTICLE_TYPES.match(k) for k in kinds):
            return item
    return None


def _names(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _string(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _document_title(root: Any, *, site: str | None = None) -> str | None:
    """The ``<title>``, without the site name that pages add before or after the story's.

    When the page names its site, that name is cut from either end; otherwise Readability's
    rules guess which part of "Story - Site" or "Site | Story" is the story.
    """
    element = root.find(".//title")
    if element is None:
        return None
    original = re.sub(r"\s+", " ", element.text_content() or "").strip()
    if not original:
        return None
    current = original
    hierarchical = False
    separators = list(_SEPARATOR.finditer(original))
    folded_site = " ".join((site or "").lower().split())
    if separators and folded_site:
        last, first = separators[-1], separators[0]
        if " ".join(original[last.end() :].lower().split()) == folded_site:
            return original[: last.start()].strip()
        if " ".join(original[: first.start()].lower().split()) == folded_site:
            return original[first.end() :].strip()
    if separators:
        hierarchical = bool(_HIERARCHICAL.search(original))
        current = original[: separators[-1].start()]
        if _word_count(current) < 3:
            current = re.sub(rf"^[^{_SEPARATORS}]*[{_SEPARATORS}]", "", original)
    elif ": " in current:
        headings = [re.sub(r"\s+", " ", h.text_content()).strip() for h in root.iter("h1", "h2")]
        if original not in headings:
            current = original[original.rfind(":") + 1 :]
            if _word_count(current) < 3:
                current = original[original.find(":") + 1 :]
            elif _word_count(original[: original.find(":")]) > 5:
                current = original
    elif len(current) > 150 or len(current) < 15:
        h1s = list(root.iter("h1"))
        if len(h1s) == 1:
            current = h1s[0].text_content()
    current = re.sub(r"\s+", " ", current).strip()
    words = _word_count(current)
    if words <= 4 and (not hierarchical or words != _word_count(_SEPARATOR.sub("", original)) - 1):
        current = original
    return current


def _repeats_title(paragraph: str, title: str) -> bool:
    folded, folded_title = " ".join(paragraph.lower().split()), " ".join(title.lower().split())
    if folded == folded_title:
        return True
    return len(folded) <= 2 * len(folded_title) and _similarity(folded_title, folded) > 0.75


def _first_heading(root: Any) -> str | None:
    for heading in root.iter("h1", "h2"):
        text = re.sub(r"\s+", " ", heading.text_content()).strip()
        if text:
            return text
    return None


def _word_count(text: str) -> int:
    return len(re.split(r"\s+", text))


def _similarity(a: str, b: str) -> float:
    """Readability's text similarity: share of ``b``'s words also in ``a``."""
    tokens_a = [t for t in re.split(r"\W+", a.lower()) if t]
    tokens_b = [t for t in re.split(r"\W+", b.lower()) if t]
    if not tokens_a or not tokens_b:
        return 0.0
    unique_b = [t for t in tokens_b if t not in tokens_a]
    distance = len(" ".join(unique_b)) / len(" ".join(tokens_b))
    return 1 - distance


def _rel(link: Any) -> str:
    return str(link.get("rel") or "").strip().lower()


def _absolute(url: str | None) -> str | None:
    if url and re.match(r"https?://", url.strip()):
        return url.strip()
    return None


def _iso_date(value: str | None) -> str | None:
    """An ISO 8601 date or timestamp from what a page declares, else ``None``."""
    if not value:
        return None
    value = value.strip()
    match = _ISO.match(value)
    if match:
        return match.group(0).replace(" ", "T")
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.isoformat()


def _one_line(text: str) -> str:
    line = re.sub(r"\s+", " ", text).strip()
    if len(line) > _MAX_TITLE:
        line = line[:_MAX_TITLE].rsplit(" ", 1)[0] + "…"
    return line
