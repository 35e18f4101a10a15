"""Helpers for storage tests: a library file with some rows in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core import Library
from desktop.types import Analysis, Document, EntityMention


def fill(path: Path) -> None:
    """A small library: two articles, entity mentions, a note."""
    library = Library.open(path)
    try:
        for title in ("First story", "Second story"):
            text = f"{title}: Nora Quinn visited Bergen."
            outcome = library.import_document(
                Document(text=text, title=title, format="txt"), analyze=False
            )
            assert outcome.article_id is not None
            start = text.index("Nora Quinn")
            library.store_analysis(
                outcome.article_id,
                Analysis(
                    entities=(
                        EntityMention(start, start + 10, "Nora Quinn", "PERSON", "Nora Quinn"),
                    ),
                    model="fake",
                ),
            )
            library.save_note(outcome.article_id, f"note on {title}")
    finally:
        library.close()


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    path = tmp_path / "lib" / "newsdesk.sqlite3"
    fill(path)
    return path
