"""What the library needs from a language analyser (``desktop.nlp.Analyzer`` is one)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from desktop.types import Analysis


class Analyzer(Protocol):
    """Finds entities and quotes in texts; tests use fakes with fixed results."""

    @property
    def model_name(self) -> str:
        """E.g. "en_core_web_sm"; "" when no pipeline is installed."""
        ...

    @property
    def model_version(self) -> str:
        """The pipeline's version; "" when no pipeline is installed."""
        ...

    def analyze(self, text: str) -> Analysis:
        """Entities and quotes of one text."""
        ...

    def analyze_many(self, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Analysis]:
        """Entities and quotes of each text, in order."""
        ...
