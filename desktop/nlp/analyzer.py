"""The ``Analyzer``: one object the CLI, the core and the GUI's analysis process call."""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from desktop.errors import ModelError
from desktop.nlp import pipeline
from desktop.nlp.entities import RawMention, canonical_names
from desktop.nlp.marks import MarkedQuote, find_marked_quotes
from desktop.nlp.quotes import RawQuote, attribute_chunk, quotes_without_parse
from desktop.nlp.speakers import resolve_speakers
from desktop.types import Analysis

log = logging.getLogger(__name__)

# Longer texts are parsed in chunks of whole paragraphs: the parser's memory grows with the
# length of a text, and an article is rarely longer than this.
CHUNK_CHARS = 100_000
# How many texts share one ``memory_zone``: strings interned while parsing them are freed
# when the zone closes, so memory stays bounded over a long import.
ZONE_BATCHES = 4


def chunk_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Split ``text`` into ``[start, end)`` chunks of at most ``limit`` characters.

    Chunks end at paragraph breaks; a paragraph longer than ``limit`` is cut at a sentence
    end (". ") or, failing that, at a space, so that no offset is lost or shifted.
    """
    if len(text) <= limit:
        return [(0, len(text))]
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        if len(text) - start <= limit:
            bounds.append((start, len(text)))
            break
        window_end = start + limit
        cut = text.rfind("\n", start + 1, window_end)
        if cut <= start:
            cut = text.rfind(". ", start + 1, window_end - 1)
            cut = cut + 2 if cut > start else text.rfind(" ", start + 1, window_end) + 1
        else:
            cut += 1
        if cut <= start:
            cut = window_end
        bounds.append((start, cut))
        start = cut
    return bounds


@dataclass(slots=True)
class _Partial:
    """What the chunks of one text have yielded so far (plain values only)."""

    mentions: list[RawMention] = field(default_factory=list)
    quotes: list[RawQuote] = field(default_factory=list)
    subjects: list[tuple[int, int]] = field(default_factory=list)


class Analyzer:
    """Tags entities and quotes with a spaCy pipeline, loaded on first use.

    Args:
        model: A pipeline name; ``None`` picks the default (``default_pipeline_name()``).
        n_process: Processes for ``analyze_many`` (spaCy's ``n_process``).
        batch_size: Texts per batch in ``analyze_many``; 32 keeps memory near 300 MB.
        reported_speech: Also tag reported speech ("Kerry said that ..."); ``False`` keeps
            only quotes with quotation marks (direct and mixed), for a reader who wants
            verbatim quotes alone.
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        n_process: int = 1,
        batch_size: int = 32,
        reported_speech: bool = True,
    ) -> None:
        self._requested = model
        self._reported_speech = reported_speech
        self._n_process = max(1, n_process)
        self._batch_size = max(1, batch_size)
        self._loaded: pipeline.LoadedPipeline | None = None
        self._tried = False
        self._missing: str | None = None  # why no pipeline is in use

    # --- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Load the pipeline now (the GUI's worker warms up with it).

        Raises:
            ModelError: A pipeline was named and cannot be loaded.
        """
        if self._tried:
            if self._loaded is None and self._requested is not None:
                raise ModelError(self._missing or f"spaCy pipeline {self._requested!r} missing")
            return
        self._tried = True
        name = self._requested or pipeline.default_pipeline_name()
        if name is None:
            self._missing = (
                "No spaCy pipeline installed: only quotation marks are tagged. "
                f"Install {pipeline.INSTALL_HINT}."
            )
            log.warning(self._missing)
            return
        try:
            self._loaded = pipeline.load_pipeline(name)
        except ModelError as error:
            self._missing = str(error)
            if self._requested is not None:
                raise
            log.warning("default pipeline failed to load: %s", error)

    def _nlp(self) -> Any | None:
        if not self._tried:
            self.load()
        return None if self._loaded is None else self._loaded.nlp

    @property
    def pipeline(self) -> Any | None:
        """The loaded spaCy ``Language`` (loading it if needed), or ``None`` without one."""
        return self._nlp()

    @property
    def model_name(self) -> str:
        """The pipeline's package name, or "" when no pipeline is in use."""
        self._nlp()
        return "" if self._loaded is None else self._loaded.name

    @property
    def model_version(self) -> str:
        """The pipeline's version, or "" when no pipeline is in use."""
        self._nlp()
        return "" if self._loaded is None else self._loaded.version

    @property
    def status(self) -> str:
        """A one-line, human-readable account of the pipeline in use (or missing)."""
        try:
            self._nlp()
        except ModelError as error:
            return str(error)
        if self._loaded is None:
            return self._missing or "No spaCy pipeline loaded."
        return f"{self._loaded.name} {self._loaded.version} loaded"

    # --- analysis --------------------------------------------------------------------------

    def analyze(self, text: str) -> Analysis:
        """Entities and quotes of one text."""
        return next(iter(self.analyze_many([text])))

    def analyze_many(
        self, texts: Iterable[str], *, batch_size: int | None = None
    ) -> Iterator[Analysis]:
        """Analyse texts in batches, yielding one ``Analysis`` per text, in order."""
        size = max(1, batch_size or self._batch_size)
        nlp = self._nlp()
        if nlp is None:
            for text in texts:
                yield self._without_pipeline(text)
            return
        block: list[str] = []
        for text in texts:
            block.append(text)
            if len(block) >= size * ZONE_BATCHES:
                yield from self._analyze_block(nlp, block, size)
                block = []
        if block:
            yield from self._analyze_block(nlp, block, size)

    def _analyze_block(self, nlp: Any, texts: list[str], size: int) -> list[Analysis]:
        limit = min(int(nlp.max_length), CHUNK_CHARS)
        marks = [find_marked_quotes(text) for text in texts]
        mark_starts = [[m.start for m in ms] for ms in marks]
        items = [
            (text[start:end], (k, start))
            for k, text in enumerate(texts)
            for start, end in chunk_bounds(text, limit)
        ]
        partials = [_Partial() for _ in texts]
        with nlp.memory_zone():
            docs = nlp.pipe(items, as_tuples=True, batch_size=size, n_process=self._n_process)
            for doc, (k, base) in docs:
                first = bisect.bisect_left(mark_starts[k], base)
                self._collect(
                    doc, base=base, text=texts[k], marks=marks[k], first=first, partial=partials[k]
                )
        loaded = self._loaded
        assert loaded is not None
        analyses = [
            self._finish(text, partial, loaded.name, loaded.version)
            for text, partial in zip(texts, partials, strict=True)
        ]
        if self._reported_speech:
            return analyses
        return [
            replace(a, quotes=tuple(q for q in a.quotes if q.kind != "indirect")) for a in analyses
        ]

    @staticmethod
    def _collect(
        doc: Any,
        *,
        base: int,
        text: str,
        marks: list[MarkedQuote],
        first: int,
        partial: _Partial,
    ) -> None:
        partial.mentions.extend(
            RawMention(ent.start_char + base, ent.end_char + base, ent.label_) for ent in doc.ents
        )
        found = attribute_chunk(doc, base, text, marks, first)
        partial.quotes.extend(found.quotes)
        partial.subjects.extend(found.subjects)

    @staticmethod
    def _finish(text: str, partial: _Partial, model: str, version: str) -> Analysis:
        entities = canonical_names(text, partial.mentions)
        quotes = resolve_speakers(text, partial.quotes, entities, partial.subjects)
        return Analysis(
            entities=tuple(entities), quotes=tuple(quotes), model=model, model_version=version
        )

    @staticmethod
    def _without_pipeline(text: str) -> Analysis:
        raw = quotes_without_parse(text, find_marked_quotes(text))
        return Analysis(quotes=tuple(resolve_speakers(text, raw, [], [])))
