"""``newsdesk export`` and ``newsdesk import-annotations`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop.cli import main
from desktop.core import Library
from desktop.types import Document
from tests.exchange.samples import TEXT, TITLE, at


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "lib" / "newsdesk.sqlite3"
    library = Library.open(path)
    try:
        article = library.import_document(
            Document(text=TEXT, title=TITLE, format="txt"), analyze=False
        ).article_id
        assert article is not None
        library.add_entity(article, *at("Helena Brandt"), "PERSON")
        library.add_quote(article, *at('"We will build the bridge together,"'))
    finally:
        library.close()
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("fmt", "target"),
    [("jsonl", "x.jsonl"), ("brat", "brat"), ("spacy", "x.spacy"), ("w3c", "x.jsonld")],
)
def test_export_then_import_into_another_library(
    db: Path, tmp_path: Path, fmt: str, target: str
) -> None:
    out = tmp_path / target
    code, stdout, _ = run("--db", str(db), "export", "--format", fmt, str(out))
    assert code == 0
    assert stdout.strip() == f"Exported 1 article with 2 spans as {fmt} to {out}"
    other = tmp_path / "other.sqlite3"
    if fmt == "w3c":
        Library.open(other).close()
        code, stdout, _ = run("--db", str(other), "import-annotations", str(out))
        assert code == 1  # nothing could be placed: that library lacks the article
        assert "no article in the library" in stdout
        return
    code, stdout, _ = run("--db", str(other), "import-annotations", "--json", str(out))
    assert code == 0
    report = json.loads(stdout)
    assert report["placed"] == 2
    assert report["articles"][0]["how"] == "created"
    code, stdout, _ = run("--db", str(other), "import-annotations", str(out))
    assert code == 0
    assert stdout.startswith("Placed 0 annotations in 1 article; 2 already there;")


def test_export_of_chosen_articles_and_a_search(db: Path, tmp_path: Path) -> None:
    code, stdout, _ = run(
        "--db",
        str(db),
        "export",
        "--format",
        "csv",
        "--article",
        "1",
        "--query",
        "bridge",
        str(tmp_path / "tables"),
    )
    assert code == 0, stdout
    assert (tmp_path / "tables" / "quotes.csv").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--format", "pdf", "OUT"], "unknown export format 'pdf'"),
        (["export", "--format", "jsonl", "--article", "42", "OUT"], "there is no article 42"),
        (["export", "--format", "jsonl", "--query", "zebra", "OUT"], "no articles to export"),
        (["import-annotations", "missing.jsonl"], "missing.jsonl: no such file or folder"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    db: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [str(tmp_path / a) if a in {"OUT", "missing.jsonl"} else a for a in args]
    code, stdout, stderr = run("--db", str(db), *args)
    assert code != 0
    assert len(stderr.strip().splitlines()) == 1
    assert message in stderr
    assert "Traceback" not in stderr + stdout


def test_an_unreadable_annotation_file_is_one_line(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.jsonld"
    bad.write_text("{not json", encoding="utf-8")
    code, _, stderr = run("--db", str(db), "import-annotations", str(bad))
    assert code == 1
    assert stderr.strip() == (
        "newsdesk: broken.jsonld: not JSON "
        "(Expecting property name enclosed in double quotes, line 1)"
    )
