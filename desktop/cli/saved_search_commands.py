"""``newsdesk searches``: the saved searches (smart collections) the library sidebar shows.

``newsdesk search ... --save NAME`` saves one; this group lists, runs, renames and deletes
them by name (case-insensitive), over the same core API as the GUI.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

import click

from desktop.cli.group import fail, main, open_library
from desktop.cli.library_commands import print_hits
from desktop.types import SavedSearch

if TYPE_CHECKING:
    from desktop.core import Library

_FILTERS = ("entity", "speaker", "tag", "since", "until", "format")


def _named(library: Library, name: str) -> SavedSearch:
    found = library.find_saved_search(name)
    if found is None:
        fail(f"there is no saved search called {name!r}")
    return found


def _describe(saved: SavedSearch) -> str:
    parts = [repr(saved.query)] if saved.query else []
    for field in _FILTERS:
        value = getattr(saved, field)
        if value is not None:
            parts.append(f"--{field} {value!r}")
    return " ".join(parts) or "(everything)"


@main.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per saved search.")
@click.pass_context
def searches(ctx: click.Context, as_json: bool) -> None:
    """List the saved searches; see the commands below to run, rename or delete one."""
    if ctx.invoked_subcommand is not None:
        return
    with open_library(ctx) as library:
        saved = library.saved_searches()
    for item in saved:
        if as_json:
            click.echo(json.dumps(asdict(item), ensure_ascii=False))
        else:
            click.echo(f"{item.name}: {_describe(item)}")
    if not saved and not as_json:
        click.echo("No saved searches (save one with: newsdesk search ... --save NAME).", err=True)


@searches.command("run")
@click.argument("name")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
@click.pass_context
def run_(ctx: click.Context, name: str, limit: int, as_json: bool) -> None:
    """Run the saved search NAME: the same results as typing its search again."""
    with open_library(ctx) as library:
        hits = library.run_saved_search(_named(library, name).id, limit=limit)
    print_hits(hits, as_json=as_json)


@searches.command()
@click.argument("old")
@click.argument("new")
@click.pass_context
def rename(ctx: click.Context, old: str, new: str) -> None:
    """Rename the saved search OLD to NEW."""
    with open_library(ctx) as library:
        saved = library.rename_saved_search(_named(library, old).id, new)
    click.echo(f"Renamed to {saved.name!r}.")


@searches.command()
@click.argument("name")
@click.pass_context
def delete(ctx: click.Context, name: str) -> None:
    """Delete the saved search NAME (the articles it finds stay)."""
    with open_library(ctx) as library:
        saved = _named(library, name)
        library.delete_saved_search(saved.id)
    click.echo(f"Deleted {saved.name!r}.")
