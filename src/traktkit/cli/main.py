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
    from traktkit.cli import (
        auth_cmds,
        collection_cmds,
        demo_cmd,
        discovery_cmds,
        export_cmds,
        history_cmds,
        import_cmds,
        info_cmd,
        mcp_cmd,
        ratings_cmds,
        sandbox_cmds,
        search_cmds,
        stats_cmds,
        sync_cmds,
        watchlist_cmds,
    )

    auth_cmds.register(app)
    search_cmds.register(app)
    info_cmd.register(app)
    watchlist_cmds.register(app)
    history_cmds.register(app)
    collection_cmds.register(app)
    ratings_cmds.register(app)
    discovery_cmds.register(app)
    sync_cmds.register(app)
    stats_cmds.register(app)
    export_cmds.register(app)
    import_cmds.register(app)
    sandbox_cmds.register(app)
    demo_cmd.register(app)
    mcp_cmd.register(app)


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
