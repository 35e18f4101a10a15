"""Commands over the library: open, import, list, show, search, quotes, check."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from desktop.cli.group import main, open_library, settings, start_gui
from desktop.types import MATCH_END, MATCH_START, ImportOutcome, SearchHit


def _emit(record: dict[str, Any]) -> None:
    click.echo(json.dumps(record, ensure_ascii=False))


@main.command("open")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.pass_context
def open_(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Start the desktop app with FILES open (each is added to the library)."""
    ctx.exit(start_gui(settings(ctx), files=list(files)))


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--analyze/--no-analyze",
    default=True,
    show_default=True,
    help="Find entities and quotes while importing.",
)
@click.option("--password", default=None, help="Password for encrypted PDF files.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file instead.")
@click.pass_context
def import_(
    ctx: click.Context,
    paths: tuple[Path, ...],
    analyze: bool,
    password: str | None,
    as_json: bool,
) -> None:
    """Import files and folders (recursively) into the library."""
    from tqdm import tqdm

    missing = [p for p in paths if not p.exists()]
    for path in missing:
        click.echo(f"newsdesk: {path}: no such file or folder", err=True)
    with open_library(ctx, analyze=analyze) as library:
        files = library.discover([p for p in paths if p.exists()])
        with tqdm(
            total=len(files),
            unit="file",
            disable=as_json or None,
            desc="Importing",
            file=click.get_text_stream("stderr"),
        ) as bar:

            def progress(done: int, total: int, path: Path) -> None:
                bar.total = total
                bar.n = done
                bar.set_postfix_str(path.name[-30:], refresh=False)
                bar.refresh()

            outcomes = library.import_files(
                files, analyze=analyze, password=password, progress=progress
            )
    if as_json:
        for outcome in outcomes:
            _emit(
                {
                    "path": str(outcome.path),
                    "status": outcome.status,
                    "article_id": outcome.article_id,
                    "reason": outcome.reason,
                }
            )
    else:
        _print_summary(outcomes)
    if missing or (outcomes and all(o.status == "refused" for o in outcomes)):
        raise SystemExit(1)


def _print_summary(outcomes: list[ImportOutcome]) -> None:
    counts = Counter(o.status for o in outcomes)
    click.echo(
        f"{counts['imported']} imported, {counts['duplicate']} duplicate, "
        f"{counts['refused']} refused"
    )
    for outcome in outcomes:
        if outcome.status == "refused":
            click.echo(f"  refused {outcome.path}: {outcome.reason}")


@main.command("list")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most N.")
@click.option(
    "--sort",
    "order",
    default="imported",
    show_default=True,
    type=click.Choice(["imported", "title", "date", "site", "format", "entities", "quotes"]),
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
@click.pass_context
def list_(ctx: click.Context, limit: int | None, order: str, as_json: bool) -> None:
    """List the articles in the library, newest first."""
    with open_library(ctx) as library:
        rows = library.list_articles(limit=limit, order=order)
    for row in rows:
        if as_json:
            _emit(asdict(row))
        else:
            date = row.date or "----------"
            click.echo(f"{row.id:>6}  {date[:10]}  {row.format:<4}  {row.title}")


@main.command()
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="The article and its annotations as JSON.")
@click.pass_context
def show(ctx: click.Context, article_id: int, as_json: bool) -> None:
    """Show one article with its entities, quotes, tags and notes."""
    with open_library(ctx) as library:
        article = library.get_article(article_id)
        annotations = library.annotations(article_id)
        notes = library.notes(article_id)
    if as_json:
        _emit(
            {
                **asdict(article),
                "annotations": [asdict(a) for a in annotations],
                "notes": [asdict(n) for n in notes],
            }
        )
        return
    click.secho(article.title, bold=True)
    meta = [m for m in (article.metadata.author, article.metadata.date, article.metadata.site) if m]
    if meta:
        click.echo(" · ".join(meta))
    if article.tags:
        click.echo("Tags: " + ", ".join(article.tags))
    click.echo()
    click.echo(article.text)
    entities = [a for a in annotations if a.layer == "entity"]
    quotes = [a for a in annotations if a.layer == "quote"]
    if entities:
        click.echo()
        click.secho("Entities", bold=True)
        names = Counter((a.label, a.entity_name or a.exact) for a in entities)
        for (label, name), count in sorted(names.items()):
            click.echo(f"  {label:<8} {name} ({count})")
    if quotes:
        click.echo()
        click.secho("Quotes", bold=True)
        for quote in quotes:
            details = quote.quote
            who = (details.speaker_name or details.speaker) if details else None
            click.echo(f"  {who or '?'}: {quote.exact[:160]!r}")
    for note in notes:
        click.echo()
        click.secho("Note" if note.annotation_id is None else "Note on a span", bold=True)
        click.echo(note.body)


def _render_snippet(snippet: str) -> str:
    return snippet.replace(MATCH_START, "\x1b[1m").replace(MATCH_END, "\x1b[0m")


def _plain_snippet(snippet: str) -> str:
    return snippet.replace(MATCH_START, "[").replace(MATCH_END, "]")


@main.command()
@click.argument("query", default="")
@click.option("--entity", default=None, help="Only articles naming this entity (any alias).")
@click.option("--speaker", default=None, help="Only articles quoting this speaker.")
@click.option("--tag", default=None, help="Only articles with this tag.")
@click.option("--since", default=None, help="Only articles dated on or after (YYYY-MM-DD).")
@click.option("--until", default=None, help="Only articles dated on or before (YYYY-MM-DD).")
@click.option("--format", "format_", default=None, help="Only articles of this file format.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@click.option(
    "--save",
    "save_as",
    default=None,
    metavar="NAME",
    help="Also save this search under NAME (replacing a saved search of that name).",
)
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    entity: str | None,
    speaker: str | None,
    tag: str | None,
    since: str | None,
    until: str | None,
    format_: str | None,
    limit: int,
    as_json: bool,
    save_as: str | None,
) -> None:
    """Full-text search of the library; "quoted phrases" and prefix* work."""
    with open_library(ctx) as library:
        # The GUI's search box calls the same method with the same filters.
        hits = library.search(
            query,
            entity=entity,
            speaker=speaker,
            tag=tag,
            since=since,
            until=until,
            format=format_,
            limit=limit,
        )
        if save_as is not None:
            saved = library.save_search(
                save_as,
                query,
                entity=entity,
                speaker=speaker,
                tag=tag,
                since=since,
                until=until,
                format=format_,
            )
            click.echo(f"Saved as {saved.name!r}.", err=True)
    print_hits(hits, as_json=as_json)


def print_hits(hits: list[SearchHit], *, as_json: bool) -> None:
    """Search results as the ``search`` command prints them."""
    color = click.get_text_stream("stdout").isatty()
    for hit in hits:
        if as_json:
            _emit({**asdict(hit), "snippet": _plain_snippet(hit.snippet)})
        else:
            render = _render_snippet if color else _plain_snippet
            click.echo(f"{hit.article_id:>6}  {hit.title}")
            click.echo(f"        {render(hit.snippet)}")
    if not hits and not as_json:
        click.echo("No matches.", err=True)


@main.command()
@click.option("--speaker", default=None, help="Only this speaker (any alias).")
@click.option("--text", default=None, help="Only quotes containing these words.")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per quote.")
@click.option(
    "--csv",
    "csv_out",
    default=None,
    metavar="OUT",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="Write the quotes as a CSV table to OUT ('-' for standard output).",
)
@click.pass_context
def quotes(
    ctx: click.Context,
    speaker: str | None,
    text: str | None,
    limit: int | None,
    as_json: bool,
    csv_out: Path | None,
) -> None:
    """The quote book: every quote in the library, or one speaker's."""
    from desktop.exchange.quote_book_csv import write_quote_book_csv, write_quote_book_file

    if as_json and csv_out is not None:
        raise click.UsageError("choose --json or --csv, not both")
    with open_library(ctx) as library:
        rows = library.quotes(speaker=speaker, text=text, limit=limit)
        if csv_out is not None:
            # Inside open_library: a file that cannot be written is a one-line error.
            if str(csv_out) == "-":
                write_quote_book_csv(rows, click.get_text_stream("stdout"))
            else:
                written = write_quote_book_file(rows, csv_out)
                click.echo(f"{written} quotes written to {csv_out}", err=True)
            return
    for row in rows:
        if as_json:
            _emit(asdict(row))
        else:
            who = row.speaker_name or row.speaker or "?"
            date = (row.article_date or "")[:10]
            click.echo(f"{who}: \u201c{row.text}\u201d")
            click.echo(f"    {row.article_title} {date} (article {row.article_id})".rstrip())
    if not rows and not as_json:
        click.echo("No quotes.", err=True)


@main.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check the library database for damage and make a backup."""
    with open_library(ctx) as library:
        report = library.check()
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)
    click.echo(f"{'ok' if report.ok else 'damaged'}; backup written to {report.backup}")
    if not report.ok:
        raise SystemExit(1)
