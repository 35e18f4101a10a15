"""The ``newsdesk`` command group, its global options and the helpers every command uses."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from desktop.errors import NewsdeskError
from desktop.paths import default_db_path

if TYPE_CHECKING:
    from desktop.core import Library
    from desktop.nlp import Analyzer


@dataclass
class Settings:
    """What the global options say, handed to every command through the click context."""

    db_path: Path
    model: str | None
    direct_only: bool = False


def fail(message: str, code: int = 1) -> NoReturn:
    """Print a one-line message on stderr and exit non-zero."""
    click.echo(f"newsdesk: {message}", err=True)
    sys.exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn Newsdesk errors into a one-line message and a non-zero exit, never a traceback."""
    try:
        yield
    except NewsdeskError as error:
        fail(str(error))
    except OSError as error:
        fail(f"{error.filename or ''}: {error.strerror or error}".lstrip(": "))


def settings(ctx: click.Context) -> Settings:
    """The global options of this invocation."""
    return ctx.find_object(Settings) or Settings(db_path=default_db_path(), model=None)


def make_analyzer(ctx: click.Context) -> Analyzer:
    """The analyzer for ``--model`` (or the default pipeline); it loads lazily."""
    from desktop.nlp import Analyzer

    options = settings(ctx)
    return Analyzer(options.model, reported_speech=not options.direct_only)


@contextmanager
def open_library(ctx: click.Context, *, analyze: bool = False) -> Iterator[Library]:
    """Open the library named by ``--db`` / ``NEWSDESK_DB``, closing it afterwards."""
    from desktop.core import Library

    with user_errors():
        library = Library.open(
            settings(ctx).db_path, analyzer=make_analyzer(ctx) if analyze else None
        )
    try:
        with user_errors():
            yield library
    finally:
        library.close()


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NEWSDESK_DB",
    help="Library database file (default: the platform's user data folder).",
)
@click.option("--model", default=None, help="spaCy pipeline to analyse with (any installed one).")
@click.option(
    "--quotes",
    "quote_mode",
    type=click.Choice(["all", "direct"]),
    default="all",
    show_default=True,
    help="Quotes to find: direct and reported speech, or only quotations in marks.",
)
@click.version_option(package_name="newsdesk", prog_name="newsdesk")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, model: str | None, quote_mode: str) -> None:
    """Newsdesk: who is named and who said what, in a library on your own disk.

    With no command, the desktop app starts.
    """
    ctx.obj = Settings(
        db_path=db_path or default_db_path(), model=model, direct_only=quote_mode == "direct"
    )
    if ctx.invoked_subcommand is None:
        ctx.exit(start_gui(ctx.obj, files=[]))


def start_gui(options: Settings, *, files: list[Path]) -> int:
    """Hand over to the GUI's composition root (imported only now: the CLI stays Qt-free)."""
    if os.environ.get("NEWSDESK_NO_GUI"):
        fail("the desktop app is disabled here (NEWSDESK_NO_GUI is set)")
    import importlib

    app = importlib.import_module("desktop.app")
    code: int = app.run_gui(
        db_path=options.db_path,
        model=options.model,
        files=files,
        direct_only=True if options.direct_only else None,
    )
    return code
