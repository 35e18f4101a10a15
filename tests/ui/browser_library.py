"""A two-article library built through the core, for the Entities and Quote book tabs.

Maria Lopez is quoted in both articles; "Mayor Lopez" is a separate entity until merged;
Daniel Weber is quoted in the first only. The fake core analyser (tests.core.fakes) makes two
capitalised words a PERSON and ``"...", Name Name said`` a quote.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core import Library
from tests.core.fakes import FakeAnalyzer, document

COUNCIL_TITLE = "Council votes for a new library"
SCHOOL_TITLE = "School reading week begins"
COUNCIL = (
    f"{COUNCIL_TITLE}\n\nMaria Lopez spoke at the council on Monday. "
    '"We will build the library," Maria Lopez said. Daniel Weber agreed. '
    '"It opens next year," Daniel Weber said.\n'
)
SCHOOL = (
    f"{SCHOOL_TITLE}\n\nMayor Lopez opened the reading week. "
    '"Children need books more than ever," Maria Lopez said. '
    '"Reading matters to every family," Mayor Lopez said.\n'
)


def build_library(db_path: Path) -> dict[str, int]:
    """Fill a library at ``db_path``; the article ids by title."""
    library = Library.open(db_path, analyzer=FakeAnalyzer())
    try:
        outcomes = library.import_documents(
            [
                document(COUNCIL, COUNCIL_TITLE, date="2024-03-01"),
                document(SCHOOL, SCHOOL_TITLE, date="2024-03-08"),
            ]
        )
    finally:
        library.close()
    ids = [o.article_id for o in outcomes]
    assert all(i is not None for i in ids)
    return {COUNCIL_TITLE: int(ids[0] or 0), SCHOOL_TITLE: int(ids[1] or 0)}


def double_click(qtbot, view, index) -> None:
    """Double-click a cell as a person does: QTest's double-click alone lacks the first press."""
    from PySide6.QtCore import Qt

    point = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
