"""The exchange formats: which writes a file and which a folder, and one entry to each.

Writers and readers live in one module per format; this module picks the right one, so the
use cases (and the GUI's file dialogs, through :data:`EXPORT_FORMATS`) need not know them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from desktop.errors import ExchangeError
from desktop.exchange.records import DocumentRecord


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """An export format as a user picks it."""

    name: str  # what --format takes
    title: str  # for menus and dialogs
    target: Literal["file", "folder"]
    suffix: str  # of the file, or of the files in the folder
    importable: bool


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("jsonl", "JSONL spans (Prodigy, doccano)", "file", ".jsonl", True),
    ExportFormat("brat", "brat standoff (brat, INCEpTION)", "folder", ".ann", True),
    ExportFormat("spacy", "spaCy DocBin (training data)", "file", ".spacy", True),
    ExportFormat("w3c", "W3C Web Annotation (JSON-LD)", "file", ".jsonld", True),
    ExportFormat("csv", "CSV tables (spreadsheets)", "folder", ".csv", False),
    ExportFormat("markdown", "Markdown notes (one file per article)", "folder", ".md", False),
)
FORMAT_NAMES = tuple(f.name for f in EXPORT_FORMATS)
IMPORT_SUFFIXES = (".jsonl", ".ndjson", ".ann", ".txt", ".json", ".jsonld", ".spacy")


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What a writer wrote."""

    files: tuple[Path, ...]
    spans: int


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What a reader found: one record per article, and what it had to leave out."""

    records: tuple[DocumentRecord, ...]
    problems: tuple[str, ...]


def export_format(name: str) -> ExportFormat:
    """The format called ``name``; ``ExchangeError`` naming the choices otherwise."""
    for fmt in EXPORT_FORMATS:
        if fmt.name == name.lower():
            return fmt
    raise ExchangeError(f"unknown export format {name!r}; choose one of {', '.join(FORMAT_NAMES)}")


def write_records(name: str, records: Iterable[DocumentRecord], out: Path) -> WriteResult:
    """Write ``records`` in format ``name`` to ``out`` (a file or a folder, as it needs)."""
    fmt = export_format(name)
    if fmt.name == "jsonl":
        from desktop.exchange.jsonl import write_jsonl

        return WriteResult((out,), write_jsonl(records, out))
    if fmt.name == "spacy":
        from desktop.exchange.docbin import write_docbin

        return WriteResult((out,), write_docbin(records, out))
    if fmt.name == "w3c":
        from desktop.exchange.w3c import write_w3c

        return WriteResult((out,), write_w3c(records, out))
    if fmt.name == "brat":
        from desktop.exchange.brat import write_brat

        files, spans = write_brat(records, out)
    elif fmt.name == "csv":
        from desktop.exchange.csv_tables import write_csv

        files, spans = write_csv(records, out)
    else:
        from desktop.exchange.markdown_notes import write_markdown

        files, spans = write_markdown(records, out)
    return WriteResult(tuple(files), spans)


def read_annotations(path: Path) -> ReadResult:
    """Read an annotation file (or a brat folder), choosing the reader by its name and content.

    ``.jsonl``/``.ndjson``: JSONL spans; ``.ann`` (or a ``.txt`` with an ``.ann`` beside it, or
    a folder of them): brat; ``.json``/``.jsonld``: W3C Web Annotation (or a JSONL file that
    happens to be named ``.json``); ``.spacy``: a spaCy DocBin.
    """
    if not path.exists():
        raise ExchangeError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if (
        path.is_dir()
        or suffix == ".ann"
        or (suffix == ".txt" and path.with_suffix(".ann").exists())
    ):
        from desktop.exchange.brat import read_brat

        records, problems = read_brat(path)
    elif suffix in {".jsonl", ".ndjson"} or (suffix == ".json" and _looks_like_lines(path)):
        from desktop.exchange.jsonl import read_jsonl

        records, problems = read_jsonl(path)
    elif suffix in {".json", ".jsonld"}:
        from desktop.exchange.w3c import read_w3c

        records, problems = read_w3c(path)
    elif suffix == ".spacy":
        from desktop.exchange.docbin import read_docbin

        records, problems = read_docbin(path)
    else:
        raise ExchangeError(
            f"{path.name}: not an annotation file Newsdesk reads "
            "(.jsonl, brat .ann, W3C .jsonld/.json, spaCy .spacy)"
        )
    return ReadResult(tuple(records), tuple(problems))


def _looks_like_lines(path: Path) -> bool:
    """A ``.json`` file that is really JSON Lines of texts (doccano names its exports so)."""
    import json

    try:
        with path.open(encoding="utf-8-sig") as stream:
            first = json.loads(stream.readline())
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(first, dict) and isinstance(first.get("text"), str)
