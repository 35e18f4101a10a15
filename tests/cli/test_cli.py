"""The command line as scripts and users meet it: the contract, summaries and clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from desktop.cli import main

ARTICLE = """Council approves the new river bridge

The council voted on Tuesday to rebuild the bridge. "We listened to everyone," Mayor Ana Ruiz said.
"""


def run(*args: str, db: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "lib" / "library.sqlite3"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "bridge.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested" / "copy.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested" / "school.md").write_text(
        "# Schools open late\n\nThe Greywater schools will open until eight.\n", encoding="utf-8"
    )
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return folder


def test_extract_prints_the_contract_record(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    code, out, _ = run("extract", "--json", str(path), db=db)
    assert code == 0
    record = json.loads(out)
    assert record["path"] == str(path)
    assert record["title"] == "Council approves the new river bridge"
    assert record["text"] == ARTICLE  # CRLF became LF, nothing else changed
    assert record["format"] == "txt"
    assert set(record["metadata"]) >= {"author", "date", "url", "language"}


def test_extract_reports_unreadable_files_and_exits_non_zero(tmp_path: Path, db: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "data.bin"
    bad.write_bytes(b"\x00\x01\x02")
    code, out, _ = run("extract", "--json", str(bad), str(good), db=db)
    assert code == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["path"] == str(bad)
    assert first["error"] and "\n" not in first["error"]
    assert second["title"] == "Council approves the new river bridge"


def test_import_summarises_imported_duplicate_and_refused(articles: Path, db: Path) -> None:
    code, out, _ = run("import", "--no-analyze", str(articles), db=db)
    assert code == 0
    assert "2 imported, 1 duplicate, 1 refused" in out
    assert "photo.txt" in out  # the refused file is named with its reason

    code, out, _ = run("import", "--no-analyze", str(articles), db=db)
    assert "0 imported, 3 duplicate, 1 refused" in out


def test_list_show_and_search_find_the_imported_article(articles: Path, db: Path) -> None:
    run("import", "--no-analyze", str(articles), db=db)
    code, out, _ = run("list", "--json", db=db)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert sorted(r["title"] for r in rows) == [
        "Council approves the new river bridge",
        "Schools open late",
    ]
    bridge = next(r["id"] for r in rows if r["title"].startswith("Council"))

    code, out, _ = run("show", str(bridge), db=db)
    assert code == 0
    assert "We listened to everyone" in out

    code, out, _ = run("search", "bridge", "--json", db=db)
    hits = [json.loads(line) for line in out.splitlines()]
    assert [h["article_id"] for h in hits] == [bridge]
    assert "[bridge]" in hits[0]["snippet"].lower()


@pytest.mark.parametrize("query", ['"unbalanced', "C++", "AND", "(((", "don't", "\x00", "*"])
def test_any_typed_query_is_answered_without_error(articles: Path, db: Path, query: str) -> None:
    run("import", "--no-analyze", str(articles), db=db)
    code, _, err = run("search", query, db=db)
    assert code == 0, err


def test_missing_article_gives_one_line_and_non_zero_exit(db: Path) -> None:
    code, out, err = run("show", "999", db=db)
    assert code != 0
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "999" in err


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite3"
    db.write_bytes(b"these are my notes, not a database\n" * 100)
    before = db.read_bytes()
    code, _, err = run("list", db=db)
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert db.read_bytes() == before


def test_command_line_never_loads_qt_or_spacy_for_library_commands(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from desktop.cli import main\n"
        "try:\n"
        "    main(['--db', sys.argv[1], 'list'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in ('PySide6', 'spacy', 'desktop.ui') if m in sys.modules]\n"
        "print(','.join(loaded) or 'none')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "db.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "none"


def test_real_entry_point_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(tmp_path / "x.sqlite3"), "show", "abc"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
