"""The use cases the command line and the GUI share: :class:`Library` and its parts."""

from desktop.core.analyzer import Analyzer
from desktop.core.check_report import CheckReport
from desktop.core.hashing import text_hash
from desktop.core.library import Library

__all__ = ["Analyzer", "CheckReport", "Library", "text_hash"]
