"""``newsdesk extract`` and ``newsdesk analyze``: read and analyse files without the library."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from desktop.cli.group import main, make_analyzer, user_errors
from desktop.errors import NewsdeskError
from desktop.types import Document

FILES = click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False)
)
PASSWORD = click.option("--password", default=None, help="Password for encrypted PDF files.")
MAX_MB = click.option(
    "--max-mb",
    type=click.FloatRange(min=0.001),
    default=50.0,
    show_default=True,
    help="Refuse files larger than this many megabytes.",
)


def _read(path: Path, password: str | None, max_mb: float) -> Document:
    from desktop.formats import read_document

    return read_document(path, password=password, max_bytes=int(max_mb * 1024 * 1024))


def _emit(record: dict[str, Any]) -> None:
    click.echo(json.dumps(record, ensure_ascii=False))


def _error_record(path: Path, error: Exception) -> dict[str, Any]:
    return {"path": str(path), "error": str(error).splitlines()[0] if str(error) else repr(error)}


def document_record(doc: Document, path: Path) -> dict[str, Any]:
    """The ``extract --json`` record of one document (the command-line contract)."""
    return {
        "path": str(path),
        "title": doc.title,
        "text": doc.text,
        "format": doc.format,
        "metadata": asdict(doc.metadata),
    }


@main.command()
@FILES
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
@PASSWORD
@MAX_MB
def extract(files: tuple[Path, ...], as_json: bool, password: str | None, max_mb: float) -> None:
    """Read FILES and print their text and metadata, without analysing them."""
    failures = 0
    for path in files:
        try:
            doc = _read(path, password, max_mb)
        except NewsdeskError as error:
            failures += 1
            if as_json:
                _emit(_error_record(path, error))
            else:
                click.echo(f"newsdesk: {error}", err=True)
            continue
        if as_json:
            _emit(document_record(doc, path))
        else:
            click.echo(f"# {doc.title}\n\n{doc.text}\n")
    if failures:
        raise SystemExit(1)


@main.command()
@FILES
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
@PASSWORD
@MAX_MB
@click.pass_context
def analyze(
    ctx: click.Context, files: tuple[Path, ...], as_json: bool, password: str | None, max_mb: float
) -> None:
    """Find entities and quotes in FILES, without touching the library."""
    analyzer = make_analyzer(ctx)
    docs: list[tuple[Path, Document]] = []
    failures = 0
    for path in files:
        try:
            docs.append((path, _read(path, password, max_mb)))
        except NewsdeskError as error:
            failures += 1
            if as_json:
                _emit(_error_record(path, error))
            else:
                click.echo(f"newsdesk: {error}", err=True)
    with user_errors():
        analyses = analyzer.analyze_many(doc.text for _, doc in docs)
        for (path, doc), analysis in zip(docs, analyses, strict=True):
            record = {
                "path": str(path),
                "title": doc.title,
                "text": doc.text,
                "entities": [
                    {"start": e.start, "end": e.end, "text": e.text, "label": e.label}
                    for e in analysis.entities
                ],
                "quotes": [
                    {
                        "start": q.start,
                        "end": q.end,
                        "text": q.text,
                        "kind": q.kind,
                        "speaker": q.speaker,
                        "speaker_start": q.speaker_start,
                        "speaker_end": q.speaker_end,
                        "speaker_resolved": q.speaker_resolved,
                        "cue": q.cue,
                        "cue_start": q.cue_start,
                        "cue_end": q.cue_end,
                        "confidence": round(q.confidence, 3),
                    }
                    for q in analysis.quotes
                ],
            }
            if as_json:
                _emit(record)
            else:
                _print_analysis(record)
    if failures:
        raise SystemExit(1)


def _print_analysis(record: dict[str, Any]) -> None:
    click.secho(record["title"] or record["path"], bold=True)
    names = sorted({(e["label"], e["text"]) for e in record["entities"]})
    for label, name in names:
        click.echo(f"  {label:<8} {name}")
    for quote in record["quotes"]:
        who = quote["speaker_resolved"] or quote["speaker"] or "?"
        click.echo(f"  {who}: {quote['text'][:120]!r}")
