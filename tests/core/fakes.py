"""A fake analyser for core tests: fixed results, no spaCy."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from desktop.types import Analysis, Document, EntityMention, Metadata, QuoteSpan


class FakeAnalyzer:
    """Returns what ``rule(text)`` says; counts its calls."""

    def __init__(
        self,
        rule: Callable[[str], Analysis] | None = None,
        *,
        model_name: str = "fake_model",
        model_version: str = "1.0",
    ) -> None:
        self.model_name = model_name
        self.model_version = model_version
        self._rule = rule or names_and_quotes
        self.calls = 0

    def analyze(self, text: str) -> Analysis:
        self.calls += 1
        found = self._rule(text)
        return Analysis(
            entities=found.entities,
            quotes=found.quotes,
            model=self.model_name,
            model_version=self.model_version,
        )

    def analyze_many(self, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Analysis]:
        for text in texts:
            yield self.analyze(text)


def names_and_quotes(text: str) -> Analysis:
    """Two capitalised words make a PERSON; "..." followed by ", NAME said" makes a quote."""
    entities = []
    for match in re.finditer(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b", text):
        entities.append(
            EntityMention(match.start(), match.end(), match.group(0), "PERSON", match.group(0))
        )
    quotes = []
    for match in re.finditer(r'"([^"]+)",? ([A-Z][a-z]+ [A-Z][a-z]+) (said)', text):
        quotes.append(
            QuoteSpan(
                start=match.start(),
                end=match.start(1) + len(match.group(1)) + 1,
                text=match.group(0),
                kind="direct",
                speaker=match.group(2),
                speaker_start=match.start(2),
                speaker_end=match.end(2),
                speaker_resolved=match.group(2),
                cue="said",
                cue_start=match.start(3),
                cue_end=match.end(3),
                confidence=0.9,
            )
        )
    return Analysis(entities=tuple(entities), quotes=tuple(quotes))


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The offsets of the ``nth`` occurrence of ``needle`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def document(text: str, title: str = "", *, date: str | None = None, fmt: str = "txt") -> Document:
    """A document as a reader would return it."""
    return Document(text=text, title=title, format=fmt, metadata=Metadata(date=date))
