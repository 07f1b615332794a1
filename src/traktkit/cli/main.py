"""The `trakt` command line: `trakt NOUN VERB [ITEM...] [options]`.

Start-up time matters: the command modules are imported only when one of their
commands runs (or its `--help` is shown). `COMMANDS` lists every top-level command with
the module that registers it and the first paragraph of its help, which is all that
`trakt --help` prints; keep it in step with the modules (`lazy_table_mismatches`).
"""

from __future__ import annotations

import sys
from typing import Final

import typer

from traktkit._version import __version__
from traktkit.cli.group import APP_SETTINGS, LazyGroup

_CLI = "traktkit.cli."

# name -> (module, first paragraph of the command's help), in the order of `trakt --help`:
# the commands, then the groups (typer lists a group's commands before its sub-groups).
COMMANDS: Final[dict[str, tuple[str, str]]] = {
    "login": (
        _CLI + "auth_cmds",
        "Sign in to Trakt (device flow: open the URL shown and enter the code).",
    ),
    "logout": (_CLI + "auth_cmds", "Revoke the token at Trakt, then forget it locally."),
    "whoami": (
        _CLI + "auth_cmds",
        "Show the logged-in user and the token's expiry (never the token itself).",
    ),
    "search": (_CLI + "search_cmds", "Search Trakt for movies, shows, episodes, people or lists."),
    "info": (
        _CLI + "info_cmd",
        "Details of a movie, show, season or episode (Trakt's extended=full).",
    ),
    "rate": (
        _CLI + "ratings_cmds",
        "Rate one ITEM from 1 to 10 (shorthand for `trakt ratings add ITEM --rating N`).",
    ),
    "trending": (_CLI + "discovery_cmds", "Movies or shows being watched right now."),
    "popular": (
        _CLI + "discovery_cmds",
        "The most popular movies or shows (rating and votes).",
    ),
    "anticipated": (
        _CLI + "discovery_cmds",
        "The most anticipated movies or shows (on the most lists).",
    ),
    "played": (
        _CLI + "discovery_cmds",
        "The most played movies or shows of a period (Trakt's public stats).",
    ),
    "watched": (
        _CLI + "discovery_cmds",
        "The most watched movies or shows of a period (Trakt's public stats).",
    ),
    "collected": (
        _CLI + "discovery_cmds",
        "The most collected movies or shows of a period (Trakt's public stats).",
    ),
    "sync": (
        _CLI + "sync_cmds",
        "Mirror your Trakt library locally (only the sections that changed since last time).",
    ),
    "stats": (
        _CLI + "stats_cmds",
        "Plays, hours, top genres and shows, ratings, activity by month (from the mirror).",
    ),
    "export": (
        _CLI + "export_cmds",
        "Back up your whole library: history, ratings, watchlist, collection, favorites, "
        "lists (see docs/backup-format.md).",
    ),
    "demo": (
        _CLI + "demo_cmd",
        "Run a guided tour against the built-in sandbox (offline; nothing touches trakt.tv).",
    ),
    "mcp": (
        _CLI + "mcp_cmd",
        "Run the MCP server over stdio, for AI assistants (Claude, OpenClaw, ...).",
    ),
    "watchlist": (_CLI + "watchlist_cmds", "Your watchlist: list, add, remove."),
    "history": (_CLI + "history_cmds", "Your watch history: list, add, remove."),
    "collection": (_CLI + "collection_cmds", "Your collection (library): list, add, remove."),
    "ratings": (_CLI + "ratings_cmds", "Your ratings: list, add, remove."),
    "recommendations": (
        _CLI + "discovery_cmds",
        "Personal recommendations: movies, shows, and hiding one.",
    ),
    "import": (
        _CLI + "import_cmds",
        "Import a traktkit backup, or IMDb / Letterboxd exports.",
    ),
    "sandbox": (
        _CLI + "sandbox_cmds",
        "The local Trakt API sandbox (for tests, demos, offline work).",
    ),
}


class RootGroup(LazyGroup):
    table = COMMANDS


app = typer.Typer(
    name="trakt",
    help="Trakt.tv from the terminal: watchlist, history, collection, ratings, discovery.",
    no_args_is_help=True,
    cls=RootGroup,
    **APP_SETTINGS,
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


def lazy_table_mismatches() -> list[str]:
    """Where `COMMANDS` disagrees with the command modules (empty when in step): imports
    every module, so for tests only."""
    import typer.main

    from traktkit.cli.group import module_commands

    problems: list[str] = []
    real: dict[str, str] = {}
    for module in dict.fromkeys(module for module, _help in COMMANDS.values()):
        for name, command in typer.main.get_group(module_commands(module)).commands.items():
            if name in real:
                problems.append(f"{name}: registered by {real[name]} and {module}")
            real[name] = module
            if name not in COMMANDS:
                problems.append(f"{name}: registered by {module}, missing from COMMANDS")
                continue
            listed = COMMANDS[name]
            if listed[0] != module:
                problems.append(f"{name}: registered by {module}, listed under {listed[0]}")
            if command.hidden:
                problems.append(f"{name}: hidden, but `trakt --help` lists it from COMMANDS")
            first = (command.help or "").split("\n\n")[0].split()
            if first != listed[1].split():
                problems.append(f"{name}: help {' '.join(first)!r} != {listed[1]!r}")
    problems += [f"{name}: in COMMANDS, registered nowhere" for name in COMMANDS.keys() - real]
    return problems


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.stderr.write("interrupted\n")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()
