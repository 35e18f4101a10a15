"""A fake analysis provider for GUI tests: the interface of ``desktop.nlp``, no spaCy.

The analysis service imports it by name (``provider="tests.ui.fake_nlp"``), in a thread of
the test process, so tests of the window run in milliseconds. At least one test uses the
real pipeline in a spawned process instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from desktop.types import Analysis, EntityMention, QuoteSpan

NAME = r"[A-Z][a-z]+ [A-Z][a-z]+"


def installed_pipelines() -> list[str]:
    """The pipelines this fake offers."""
    return ["fake_model"]


class Analyzer:
    """Two capitalised words are a PERSON; ``"...", Name Name said`` is a direct quote, and
    ``Name Name said that ...`` an indirect one (unless ``reported_speech`` is off)."""

    def __init__(self, model: str | None = None, *, reported_speech: bool = True) -> None:
        self.reported_speech = reported_speech
        self.model_name = model or "fake_model"
        self.model_version = "1.0"
        self.status = f"{self.model_name} {self.model_version} loaded"

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str) -> Analysis:
        """Entities and quotes by the rules above."""
        entities = tuple(
            EntityMention(m.start(), m.end(), m.group(0), "PERSON", m.group(0))
            for m in re.finditer(rf"\b{NAME}\b", text)
        )
        quotes = tuple(
            QuoteSpan(
                start=m.start(),
                end=m.end(1) + 1,
                text=text[m.start() : m.end(1) + 1],
                kind="direct",
                speaker=m.group(2),
                speaker_start=m.start(2),
                speaker_end=m.end(2),
                speaker_resolved=m.group(2),
                cue="said",
                cue_start=m.start(3),
                cue_end=m.end(3),
                confidence=0.9,
            )
            for m in re.finditer(rf'"([^"]+)",? ({NAME}) (said)', text)
        )
        if self.reported_speech:
            quotes += tuple(
                QuoteSpan(
                    start=m.start(3),
                    end=m.end(3),
                    text=m.group(3),
                    kind="indirect",
                    speaker=m.group(1),
                    speaker_start=m.start(1),
                    speaker_end=m.end(1),
                    speaker_resolved=m.group(1),
                    cue="said",
                    cue_start=m.start(2),
                    cue_end=m.end(2),
                    confidence=0.7,
                )
                for m in re.finditer(rf"({NAME}) (said) (that [^.]+)", text)
            )
        return Analysis(entities, quotes, model=self.model_name, model_version="1.0")

    def analyze_many(self, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Analysis]:
        """One analysis per text."""
        for text in texts:
            yield self.analyze(text)
