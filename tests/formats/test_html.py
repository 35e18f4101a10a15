"""Web pages: the article's text, its title and what the page says about itself."""

from __future__ import annotations

import json
import socket
import urllib.request
from pathlib import Path

import pytest

from desktop.errors import BinaryFileError, BrokenFileError
from desktop.formats import read_document

STORY = [
    "The harbour authority said on Tuesday that the northern pier would reopen in May, "
    "after two winters of repairs that cost far more than the town had planned.",
    "Fishermen, who have moored their boats in the next village since the storm, welcomed "
    "the news but warned that the fees announced last week would drive many of them away.",
    "\u201cWe have waited long enough,\u201d said Maria Lopes, who runs the largest of the "
    "three trawlers still working out of the port. \u201cNow they want us to pay for it.\u201d",
    "The council will vote on the fees at its next meeting, on the fourteenth of April, and "
    "a public consultation is open until the end of the month.",
]


def page(
    *,
    head: str = "<title>Pier to reopen in May - The Coast Gazette</title>",
    before: str = "",
    after: str = "",
    paragraphs: list[str] | None = None,
    lang: str = "en",
) -> str:
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or STORY))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>'
        '<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>'
        f"{before}<article><h1>Pier to reopen in May</h1>{body}</article>{after}"
        "<footer><p>Copyright The Coast Gazette. All rights reserved.</p></footer>"
        "</body></html>"
    )


def read_page(tmp_path: Path, html: str | bytes, name: str = "page.html"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    if isinstance(html, str):
        path.write_text(html, encoding="utf-8")
    else:
        path.write_bytes(html)
    return read_document(path)


def test_main_text_is_the_article_in_paragraphs_separated_by_blank_lines(
    tmp_path: Path,
) -> None:
    document = read_page(tmp_path, page())
    assert document.format == "html"
    assert document.text.split("\n\n") == STORY
    assert "Sport" not in document.text
    assert "Copyright" not in document.text


def test_title_drops_the_site_name_and_is_not_repeated_in_the_text(tmp_path: Path) -> None:
    document = read_page(tmp_path, page())
    assert document.title == "Pier to reopen in May"
    assert not document.text.startswith("Pier to reopen")


@pytest.mark.parametrize(
    ("head", "title"),
    [
        (
            "<title>Gazette | Pier to reopen in May after repairs</title>",
            "Pier to reopen in May after repairs",
        ),
        (
            "<title>The Coast Gazette | Pier to reopen in May</title>"
            '<meta property="og:site_name" content="The Coast Gazette">',
            "Pier to reopen in May",
        ),
        ("<title>Pier to reopen in May – Gazette</title>", "Pier to reopen in May"),
        (
            '<title>Gazette</title><meta property="og:title" content="Pier reopens, at last">',
            "Pier reopens, at last",
        ),
        (
            '<title>x</title><script type="application/ld+json">{"@context": '
            '"https://schema.org", "@type": "NewsArticle", "headline": "Pier: the long wait"}'
            "</script>",
            "Pier: the long wait",
        ),
        (
            "<title>Pier to reopen in May &raquo; Coast news &raquo; Gazette</title>",
            "Pier to reopen in May » Coast news",
        ),
    ],
)
def test_title_strategies(tmp_path: Path, head: str, title: str) -> None:
    assert read_page(tmp_path, page(head=head)).title == title


def test_metadata_from_meta_tags_and_json_ld(tmp_path: Path) -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Pier to reopen in May",
        "author": [{"@type": "Person", "name": "Joan Smith"}],
        "datePublished": "2024-03-05T08:30:00+00:00",
        "publisher": {"@type": "Organization", "name": "The Coast Gazette"},
    }
    head = (
        "<title>Pier to reopen in May - The Coast Gazette</title>"
        '<link rel="canonical" href="https://gazette.example/pier">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    )
    metadata = read_page(tmp_path, page(head=head, lang="en-GB")).metadata
    assert metadata.author == "Joan Smith"
    assert metadata.date == "2024-03-05T08:30:00+00:00"
    assert metadata.url == "https://gazette.example/pier"
    assert metadata.language == "en"
    assert metadata.site == "The Coast Gazette"


def test_og_and_article_meta_tags(tmp_path: Path) -> None:
    head = (
        "<title>Le port rouvre</title>"
        '<meta property="og:site_name" content="La Gazette">'
        '<meta property="og:url" content="https://gazette.example/port">'
        '<meta name="author" content="Jeanne Martin">'
        '<meta property="article:published_time" content="2023-11-30">'
    )
    metadata = read_page(tmp_path, page(head=head, lang="fr")).metadata
    assert metadata.site == "La Gazette"
    assert metadata.url == "https://gazette.example/port"
    assert metadata.author == "Jeanne Martin"
    assert metadata.date == "2023-11-30"
    assert metadata.language == "fr"


def test_declared_latin1_page_is_decoded(tmp_path: Path) -> None:
    french = [
        "Le président de la région a déclaré mercredi que le port serait rouvert en mai, "
        "après deux hivers de travaux beaucoup plus coûteux que prévu.",
        "Les pêcheurs, qui amarrent leurs bateaux au village voisin depuis la tempête, ont "
        "salué la nouvelle tout en s'inquiétant des tarifs annoncés la semaine dernière.",
    ]
    html = page(paragraphs=french, lang="fr").replace('charset="utf-8"', 'charset="iso-8859-1"')
    document = read_page(tmp_path, html.encode("latin-1"))
    assert "président de la région a déclaré" in document.text
    assert "coûteux" in document.text


def test_photo_captions_are_text_and_galleries_are_not(tmp_path: Path) -> None:
    figure = (
        "<figure><img src='pier.jpg'><figcaption>Maria Lopes on her trawler, the Estrela, "
        "in the harbour on Monday morning.</figcaption></figure>"
    )
    gallery = (
        "<div class='photo-gallery'><ul>"
        + "".join(
            f"<li><h2>{i}/30 Scenes from the coast</h2><p>A photograph of the coast, number {i}, "
            "taken by a reader who sent it to the newsroom this week.</p></li>"
            for i in range(1, 31)
        )
        + "</ul></div>"
    )
    paragraphs = [*STORY[:2], figure, gallery, *STORY[2:]]
    document = read_page(tmp_path, page(paragraphs=paragraphs))
    assert "Maria Lopes on her trawler" in document.text
    assert "Scenes from the coast" not in document.text


def test_mathml_keeps_its_characters(tmp_path: Path) -> None:
    formula = (
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>E</mi><mo>=</mo><mi>m</mi>'
        "<msup><mi>c</mi><mn>2</mn></msup></math>"
    )
    paragraphs = [
        *STORY,
        f"The famous relation {formula} was published in 1905, in a paper "
        "that changed how physicists thought about mass and energy.",
    ]
    text = read_page(tmp_path, page(paragraphs=paragraphs)).text
    assert "relation E = m c 2 was published" in text


def test_hostile_page_gives_clean_text_and_loads_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the reader tried to reach outside the file: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    huge = "x" * 12_000_000  # over libxml2's 10 MB limit for one attribute value
    head = (
        "<title>Pier to reopen in May</title>"
        '<link rel="stylesheet" href="file:///dev/zero">'
        '<script src="file:///dev/zero"></script>'
        "<script>document.write('INJECTED BY SCRIPT')</script>"
        "<style>body::after { content: 'INJECTED BY STYLE' }</style>"
    )
    before = (
        '<img src="file:///dev/zero"><iframe src="file:///dev/zero"></iframe>'
        '<object data="file:///dev/zero"></object>'
        f'<div data-blob="{huge}" onclick="alert(1)"></div>'
        "<noscript>INJECTED BY NOSCRIPT</noscript>"
    )
    html = '<!DOCTYPE html SYSTEM "file:///dev/zero">' + page(head=head, before=before)
    document = read_page(tmp_path, html)
    assert document.text.split("\n\n") == STORY
    assert "INJECTED" not in document.text
    assert "alert" not in document.text
    assert document.title == "Pier to reopen in May"


def test_external_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT")
    html = f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY leak SYSTEM "file://{secret}">]>' + page(
        paragraphs=[*STORY, "Last paragraph of the story: &leak; is all it says."]
    )
    document = read_page(tmp_path, html)
    assert "TOP SECRET" not in document.text


def test_page_with_only_a_layout_table_still_gives_its_text(tmp_path: Path) -> None:
    html = (
        "<html><body><table><tr><td>Menu</td><td>"
        + "<br><br>".join(STORY)
        + "</td></tr></table></body></html>"
    )
    document = read_page(tmp_path, html)
    assert STORY[0] in document.text
    assert STORY[3] in document.text


def test_page_without_text_is_refused(tmp_path: Path) -> None:
    html = "<html><head><script>var words = 'not text';</script></head><body></body></html>"
    with pytest.raises(BrokenFileError, match="no text"):
        read_page(tmp_path, html)


def test_binary_data_named_html_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BinaryFileError):
        read_page(tmp_path, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", name="photo.htm")


def test_huge_element_count_takes_the_fast_path(tmp_path: Path) -> None:
    spans = "<span>x</span>" * 150_000
    html = page(paragraphs=[*STORY, spans])
    document = read_page(tmp_path, html)
    assert STORY[0] in document.text
