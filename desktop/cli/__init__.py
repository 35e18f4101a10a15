"""The command line: every use case that needs no window, over the same core API as the GUI.

The contract (stable; other tools rely on it) is in the README and ../shared/DESIGN.md.
"""

from __future__ import annotations

from desktop.cli import (
    analysis_commands,
    curation_commands,
    exchange_commands,
    library_commands,
    saved_search_commands,
)
from desktop.cli.group import main

__all__ = [
    "analysis_commands",
    "curation_commands",
    "exchange_commands",
    "library_commands",
    "main",
    "saved_search_commands",
]
