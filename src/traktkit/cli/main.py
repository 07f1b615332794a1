"""The `trakt` command line: `trakt NOUN VERB [ITEM...] [options]`."""

from __future__ import annotations

import sys

import typer

from traktkit._version import __version__

app = typer.Typer(
    name="trakt",
    help="Trakt.tv from the terminal: watchlist, history, collection, ratings, discovery.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        print(f"traktkit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Trakt.tv from the terminal."""


def _register() -> None:
    from traktkit.cli import auth_cmds, demo_cmd, sandbox_cmds, search_cmds

    auth_cmds.register(app)
    search_cmds.register(app)
    sandbox_cmds.register(app)
    demo_cmd.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.stderr.write("interrupted\n")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
