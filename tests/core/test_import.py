"""Importing files and folders: discovery, duplicates, refusals, cancelling, analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import Library, text_hash
from tests.core.fakes import FakeAnalyzer


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    write(root / "one.txt", "Port strike ends\n\nDock workers returned on Tuesday.\n")
    write(root / "sub" / "two.md", "# Rail fares\n\nFares rise by four percent.\n")
    write(
        root / "sub" / "deeper" / "copy.txt",
        "Port strike ends\n\nDock workers returned on Tuesday.\n",
    )
    write(root / "notes.xyz", "not an article")
    write(root / ".hidden" / "secret.txt", "hidden")
    (root / "sub" / "deeper" / "loop").symlink_to(root, target_is_directory=True)
    return root


def test_discover_recurses_without_loops(library: Library, tree: Path) -> None:
    found = library.discover([tree])
    assert [p.relative_to(tree).as_posix() for p in found] == [
        "one.txt",
        "sub/deeper/copy.txt",
        "sub/two.md",
    ]
    named = library.discover([tree / "notes.xyz", tree])
    assert tree / "notes.xyz" in named
    assert len(named) == 4


def test_import_reports_imported_duplicate_and_refused(library: Library, tree: Path) -> None:
    files = library.discover([tree, tree / "notes.xyz"])
    calls: list[tuple[int, int]] = []
    outcomes = library.import_files(files, progress=lambda d, t, p: calls.append((d, t)))
    status = {o.path.name: o.status for o in outcomes}
    assert status == {
        "one.txt": "imported",
        "copy.txt": "duplicate",
        "two.md": "imported",
        "notes.xyz": "refused",
    }
    by_name = {o.path.name: o.article_id for o in outcomes}
    assert by_name["copy.txt"] == by_name["one.txt"]
    refused = next(o for o in outcomes if o.status == "refused")
    assert refused.reason and "xyz" in refused.reason
    assert calls[-1] == (4, 4)
    assert library.count_articles() == 2
    # Importing again makes nothing new.
    again = library.import_files(files)
    assert [o.status for o in again].count("duplicate") == 3
    assert library.count_articles() == 2


def test_text_is_stored_exactly_and_hashed(library: Library, tmp_path: Path) -> None:
    path = write(tmp_path / "crlf.txt", "Title\r\n\r\nBody line.\r\n")
    [outcome] = library.import_files([path])
    assert outcome.article_id is not None
    article = library.get_article(outcome.article_id)
    assert article.text == "Title\n\nBody line.\n"
    assert article.text_hash == text_hash(article.text)
    assert article.source_path == str(path)


def test_cancel_keeps_what_was_committed(library: Library, tmp_path: Path) -> None:
    files = [
        write(tmp_path / f"a{i:03}.txt", f"Story {i}\n\nBody number {i}.\n") for i in range(450)
    ]
    seen = []

    def cancelled() -> bool:
        return len(seen) >= 300

    outcomes = library.import_files(
        files, progress=lambda d, t, p: seen.append(d), cancelled=cancelled
    )
    assert len(outcomes) == 300
    assert library.count_articles() == 300
    assert library.check().ok


def test_import_analyses_new_articles(library: Library, tmp_path: Path) -> None:
    analyzer = FakeAnalyzer()
    library.analyzer = analyzer
    path = write(tmp_path / "q.txt", 'Quote day\n\n"We are ready", Paul Kent said.\n')
    [outcome] = library.import_files([path])
    assert outcome.article_id is not None
    assert analyzer.calls == 1
    assert library.pending_analysis() == []
    article = library.get_article(outcome.article_id)
    assert article.model == "fake_model 1.0"
    assert [q.speaker_name for q in library.quotes()] == ["Paul Kent"]
    # A duplicate is not analysed again.
    library.import_files([path])
    assert analyzer.calls == 1


def test_without_analysis_articles_stay_pending(library: Library, tmp_path: Path) -> None:
    library.analyzer = FakeAnalyzer()
    path = write(tmp_path / "p.txt", "Pending\n\nText.\n")
    [outcome] = library.import_files([path], analyze=False)
    assert library.pending_analysis() == [outcome.article_id]


def test_list_orders(library: Library, tmp_path: Path) -> None:
    for name, title in (("b.txt", "beta"), ("a.txt", "Alpha"), ("c.txt", "gamma")):
        write(tmp_path / name, f"{title}\n\nText of {title}.\n")
    library.import_files(sorted(tmp_path.glob("*.txt")))
    assert [s.title for s in library.list_articles(order="title", descending=False)] == [
        "Alpha",
        "beta",
        "gamma",
    ]
    ids = library.article_ids(order="title")
    assert [s.title for s in library.summaries(ids)] == ["gamma", "beta", "Alpha"]
    assert len(library.list_articles(limit=2, offset=2)) == 1
    with pytest.raises(Exception, match="sort order"):
        library.list_articles(order="colour")
