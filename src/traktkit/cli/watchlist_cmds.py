"""`trakt watchlist list|add|remove`."""

from __future__ import annotations

import typer

from traktkit.cli.common import (
    EPISODE_OPTION,
    FROM_OPTION,
    ITEMS_ARGUMENT,
    JSON_OPTION,
    LIMIT_HELP,
    LIVE_OPTION,
    OFFLINE_OPTION,
    SEASON_OPTION,
    TYPE_OPTION,
    YEAR_OPTION,
    collect_items,
    int_option,
    library,
    run_write,
    when_text,
)
from traktkit.cli.context import open_trakt
from traktkit.cli.errors import handle_errors
from traktkit.cli.group import Group
from traktkit.cli.output import Output
from traktkit.cli.render import id_cell, ids_of, title_of, year_of

watchlist_app = typer.Typer(
    help="Your watchlist: list, add, remove.", no_args_is_help=True, cls=Group
)


@watchlist_app.command("list")
@handle_errors
def list_(
    type: str = typer.Option("all", "--type", "-t", help="movies, shows, seasons, episodes, all."),
    sort: str = typer.Option(None, "--sort", help="rank, added, title, released, ..."),
    sort_how: str = typer.Option(None, "--sort-how", help="asc or desc."),
    limit: str = typer.Option(None, "--limit", "-n", help=LIMIT_HELP),
    offline: bool = OFFLINE_OPTION,
    live: bool = LIVE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List the watchlist (every page, or the local mirror when it is fresh)."""
    from traktkit.api.validate import validate_list_type, validate_sort, validate_sort_how

    out = Output(as_json)
    kind = validate_list_type(type)
    by = validate_sort(sort) if sort is not None else None
    how = validate_sort_how(sort_how) if sort_how is not None else None
    max_items = int_option(limit, "--limit")
    with open_trakt(out) as trakt:
        source = library(trakt, out, "watchlist", offline=offline, live=live)
        items = source.watchlist(kind, sort_by=by, sort_how=how, limit=max_items)
    if as_json:
        out.json([item.to_api() for item in items])
        return
    out.table(
        ["rank", "type", "title", "year", "id", "added"],
        (
            (i.rank, i.type, title_of(i), year_of(i), id_cell(ids_of(i)), when_text(i.listed_at))
            for i in items
        ),
        empty="Your watchlist is empty.",
    )


@watchlist_app.command("add")
@handle_errors
def add(
    items: list[str] = ITEMS_ARGUMENT,
    source: str = FROM_OPTION,
    type: str = TYPE_OPTION,
    year: str = YEAR_OPTION,
    season: str = SEASON_OPTION,
    episode: str = EPISODE_OPTION,
    notes: str = typer.Option(None, "--notes", help="A note on every item (VIP)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add ITEMs to the watchlist (batched; already listed items are reported)."""
    from traktkit.api.validate import validate_notes

    out = Output(as_json)
    refs = collect_items(items, source, type=type, year=year, season=season, episode=episode)
    note = validate_notes(notes) if notes is not None else None
    run_write(out, lambda trakt, hooks: trakt.watchlist.add(refs, notes=note, hooks=hooks))


@watchlist_app.command("remove")
@handle_errors
def remove(
    items: list[str] = ITEMS_ARGUMENT,
    source: str = FROM_OPTION,
    type: str = TYPE_OPTION,
    year: str = YEAR_OPTION,
    season: str = SEASON_OPTION,
    episode: str = EPISODE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Remove ITEMs from the watchlist."""
    out = Output(as_json)
    refs = collect_items(items, source, type=type, year=year, season=season, episode=episode)
    run_write(out, lambda trakt, hooks: trakt.watchlist.remove(refs, hooks=hooks))


def register(app: typer.Typer) -> None:
    app.add_typer(watchlist_app, name="watchlist")
