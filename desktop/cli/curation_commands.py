"""Commands that curate the library: tags, notes, entities, deleting articles."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from desktop.cli.group import fail, main, open_library
from desktop.errors import NotFoundError


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per tag.")
@click.pass_context
def tags(ctx: click.Context, as_json: bool) -> None:
    """List your tags."""
    with open_library(ctx) as library:
        rows = library.tags()
    for tag in rows:
        if as_json:
            click.echo(json.dumps(asdict(tag), ensure_ascii=False))
        else:
            key = f"  [{tag.shortcut}]" if tag.shortcut else ""
            click.echo(f"{tag.name}  {tag.color}{key}")


@main.command()
@click.argument("article_id", type=int)
@click.argument("names", nargs=-1, required=True)
@click.option("--remove", is_flag=True, help="Take the tags off instead.")
@click.pass_context
def tag(ctx: click.Context, article_id: int, names: tuple[str, ...], remove: bool) -> None:
    """Tag an article (tags that do not exist yet are created)."""
    with open_library(ctx) as library:
        library.get_article(article_id)
        existing = {t.name.casefold(): t for t in library.tags()}
        for name in names:
            found = existing.get(name.casefold())
            if remove:
                if found is None:
                    fail(f"no tag named {name!r}")
                library.untag_article(article_id, found.id)
            else:
                found = found or library.create_tag(name)
                library.tag_article(article_id, found.id)
        click.echo(", ".join(library.get_article(article_id).tags) or "(no tags)")


@main.command()
@click.argument("article_id", type=int)
@click.argument("body", required=False)
@click.pass_context
def note(ctx: click.Context, article_id: int, body: str | None) -> None:
    """Show the note on an article, or replace it with BODY (Markdown; "" deletes it)."""
    with open_library(ctx) as library:
        library.get_article(article_id)
        if body is not None:
            library.save_note(article_id, body)
        current = library.get_note(article_id)
    if current is not None:
        click.echo(current.body)


@main.command()
@click.argument("article_ids", type=int, nargs=-1, required=True)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def delete(ctx: click.Context, article_ids: tuple[int, ...], yes: bool) -> None:
    """Delete articles with their annotations and notes."""
    with open_library(ctx) as library:
        titles = [library.get_article(i).title for i in article_ids]
        if not yes:
            listing = "\n".join(f"  {t}" for t in titles)
            click.confirm(f"Delete these articles?\n{listing}\n", abort=True, err=True)
        deleted = library.delete_articles(article_ids)  # all of them or, on failure, none
    click.echo(f"{deleted} deleted")


@main.command()
@click.option("--label", default=None, help="Only this type (PERSON, ORG, GPE, ...).")
@click.option("--query", default=None, help="Only names or aliases containing this.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entity.")
@click.pass_context
def entities(ctx: click.Context, label: str | None, query: str | None, as_json: bool) -> None:
    """Every entity in the library with its aliases and counts."""
    with open_library(ctx) as library:
        rows = library.entities(label=label, query=query)
    for entity in rows:
        if as_json:
            click.echo(json.dumps(asdict(entity), ensure_ascii=False))
        else:
            aliases = [a for a in entity.aliases if a != entity.name]
            also = f"  (also {', '.join(aliases)})" if aliases else ""
            click.echo(
                f"{entity.id:>6}  {entity.label:<8} {entity.name}{also}  "
                f"{entity.mention_count} mentions in {entity.article_count} articles"
            )


@main.command()
@click.argument("keep", type=int)
@click.argument("others", type=int, nargs=-1, required=True)
@click.pass_context
def merge(ctx: click.Context, keep: int, others: tuple[int, ...]) -> None:
    """Merge entities OTHERS into KEEP: their names become aliases of KEEP."""
    with open_library(ctx) as library:
        merged = library.merge_entities(keep, list(others))
    click.echo(f"{merged.name}: {', '.join(merged.aliases)}")


@main.command()
@click.argument("entity_id", type=int)
@click.argument("name")
@click.pass_context
def rename(ctx: click.Context, entity_id: int, name: str) -> None:
    """Give an entity a new canonical name."""
    with open_library(ctx) as library:
        try:
            renamed = library.rename_entity(entity_id, name)
        except NotFoundError as error:
            fail(str(error))
    click.echo(renamed.name)


@main.command()
@click.argument("entity_id", type=int)
@click.argument("alias")
@click.pass_context
def split(ctx: click.Context, entity_id: int, alias: str) -> None:
    """Split ALIAS off an entity into an entity of its own."""
    with open_library(ctx) as library:
        entity = library.split_alias(entity_id, alias)
    click.echo(f"{entity.id}  {entity.name}")
