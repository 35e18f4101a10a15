"""A fresh library in a temporary folder for each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core import Library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    lib = Library.open(tmp_path / "library" / "newsdesk.sqlite3")
    yield lib
    lib.close()
