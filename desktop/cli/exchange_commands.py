"""``newsdesk export`` and ``newsdesk import-annotations``: annotations in and out."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from desktop.cli.group import fail, main, open_library, user_errors
from desktop.exchange.catalog import EXPORT_FORMATS, export_format

if TYPE_CHECKING:
    from desktop.core.exchange_use_cases import AnnotationImportReport

FORMAT_HELP = "; ".join(f"{f.name}: {f.title}, OUT is a {f.target}" for f in EXPORT_FORMATS)


@main.command("export")
@click.option("--format", "fmt", required=True, metavar="F", help=f"The format. {FORMAT_HELP}.")
@click.option("--query", default=None, help="Export only the articles this search finds.")
@click.option(
    "--article",
    "article_ids",
    multiple=True,
    type=int,
    metavar="ID",
    help="Export this article (repeat for several; with --query, those the search finds).",
)
@click.argument("out", type=click.Path(path_type=Path))
@click.pass_context
def export(
    ctx: click.Context, fmt: str, query: str | None, article_ids: tuple[int, ...], out: Path
) -> None:
    """Export the annotations of the library (or of some articles) to OUT."""
    from desktop.core.exchange_use_cases import export_annotations

    with user_errors():
        export_format(fmt)  # a wrong format fails before the library is opened
    with open_library(ctx) as library:
        report = export_annotations(
            library, fmt, out, article_ids=list(article_ids) or None, query=query
        )
    click.echo(
        f"Exported {_count(report.articles, 'article')} with {_count(report.spans, 'span')} "
        f"as {report.format} to {out}"
    )
    for line in report.skipped:
        click.echo(f"  left out {line}")


@main.command("import-annotations")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.pass_context
def import_annotations_(ctx: click.Context, file: Path, as_json: bool) -> None:
    """Add the annotations in FILE (JSONL, brat .ann or folder, W3C JSON-LD, .spacy).

    Each article in FILE goes to the library article with the same text, or with the same
    title or URL (its spans re-anchored to the current text); an article that is not in the
    library is added when FILE carries its text. Spans come in as manual annotations; those
    that cannot be placed are listed with the reason.
    """
    from desktop.core.exchange_use_cases import import_annotations

    if not file.exists():
        fail(f"{file}: no such file or folder")
    with open_library(ctx) as library:
        report = import_annotations(library, file)
    if as_json:
        click.echo(json.dumps(_report_json(report), ensure_ascii=False))
    else:
        _print_report(report)
    if not report.articles:
        fail(f"{file.name}: no annotated articles found")
    if not (report.placed or report.updated or report.already_present) and report.unplaced:
        raise SystemExit(1)


def _print_report(report: AnnotationImportReport) -> None:
    created = sum(1 for a in report.articles if a.how == "created")
    click.echo(
        f"Placed {_count(report.placed, 'annotation')} in "
        f"{_count(report.articles_matched, 'article')}"
        + (f" ({created} added to the library)" if created else "")
        + (f"; {report.updated} updated" if report.updated else "")
        + f"; {report.already_present} already there; {_count(report.notes, 'note')} saved; "
        f"{len(report.unplaced)} could not be placed"
    )
    for match in report.articles:
        where = f"article {match.article_id}" if match.article_id is not None else "no article"
        click.echo(f"  {match.title}: {where} ({match.how})")
    for miss in report.unplaced:
        text = " ".join(miss.text.split())
        text = text if len(text) <= 50 else text[:49] + "…"
        click.echo(f"  not placed: {miss.article}: {miss.label} {text!r}: {miss.reason}")
    for problem in report.problems:
        click.echo(f"  note: {problem}")


def _report_json(report: AnnotationImportReport) -> dict[str, Any]:
    data = asdict(report)
    data["path"] = str(report.path)
    data["articles_matched"] = report.articles_matched
    return data


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
