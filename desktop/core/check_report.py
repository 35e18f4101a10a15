"""The result of ``Library.check``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What a check of the library found, and where its fresh backup is."""

    ok: bool
    problems: tuple[str, ...]
    backup: Path
