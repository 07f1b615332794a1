"""`trakt history list|add|remove`."""

from __future__ import annotations

from typing import Any

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

history_app = typer.Typer(
    help="Your watch history: list, add, remove.", no_args_is_help=True, cls=Group
)


@history_app.command("list")
@handle_errors
def list_(
    item: list[str] = typer.Argument(
        None, metavar="[ITEM]", help="Only the plays of this movie, show, season or episode."
    ),
    type: str = typer.Option(
        None, "--type", "-t", help="movies, shows, seasons, episodes (or the ITEM's type)."
    ),
    year: str = YEAR_OPTION,
    season: str = SEASON_OPTION,
    episode: str = EPISODE_OPTION,
    since: str = typer.Option(None, "--since", help="From: 2024-01-01, 7d, yesterday, ..."),
    until: str = typer.Option(None, "--until", help="Up to: 2024-12-31T23:59, today, ..."),
    limit: str = typer.Option(None, "--limit", "-n", help=LIMIT_HELP),
    offline: bool = OFFLINE_OPTION,
    live: bool = LIVE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List plays, newest first (every page)."""
    from traktkit.api.errors import InvalidInput
    from traktkit.api.items import parse_item
    from traktkit.api.validate import parse_since, validate_list_type, validate_range

    out = Output(as_json)
    start = parse_since(since, option="--since") if since is not None else None
    end = parse_since(until, option="--until") if until is not None else None
    validate_range(start, end)
    max_items = int_option(limit, "--limit")
    text = " ".join(item or []).strip()
    options: dict[str, Any] = {}
    if text:
        ref = parse_item(
            text,
            type=type,
            year=int_option(year, "--year"),
            season=int_option(season, "--season"),
            episode=int_option(episode, "--episode"),
        )
        options["item"] = ref
        kind = "all"
    else:
        kind = validate_list_type(type or "all")
    if options and offline:
        raise InvalidInput("--offline cannot list the plays of one ITEM yet: drop one of them")
    with open_trakt(out) as trakt:
        if options:
            plays = trakt.history.list(kind, since=start, until=end, limit=max_items, **options)
        else:
            source = library(trakt, out, "history", offline=offline, live=live)
            plays = source.history(kind, since=start, until=end, limit=max_items)
    if as_json:
        out.json([play.to_api() for play in plays])
        return
    out.table(
        ["history id", "watched", "action", "type", "title", "year", "id"],
        (
            (
                p.id,
                when_text(p.watched_at),
                p.action,
                p.type,
                title_of(p),
                year_of(p),
                id_cell(ids_of(p)),
            )
            for p in plays
        ),
        empty="No plays.",
    )


@history_app.command("add")
@handle_errors
def add(
    items: list[str] = ITEMS_ARGUMENT,
    source: str = FROM_OPTION,
    type: str = TYPE_OPTION,
    year: str = YEAR_OPTION,
    season: str = SEASON_OPTION,
    episode: str = EPISODE_OPTION,
    watched_at: str = typer.Option(
        "now", "--watched-at", help="now, released, unknown, or a UTC date/time (ISO)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Mark ITEMs as watched (a show or season adds all its episodes).

    A failed request is checked against your history before anything is re-sent, so
    a play is never added twice.
    """
    from traktkit.api.validate import parse_when

    out = Output(as_json)
    when = parse_when(watched_at, option="--watched-at", allow_unknown=True)
    refs = collect_items(items, source, type=type, year=year, season=season, episode=episode)
    run_write(out, lambda trakt, hooks: trakt.history.add(refs, watched_at=when, hooks=hooks))


@history_app.command("remove")
@handle_errors
def remove(
    items: list[str] = ITEMS_ARGUMENT,
    source: str = FROM_OPTION,
    play_ids: list[str] = typer.Option(
        None, "--id", metavar="HISTORY_ID", help="Remove one play by its history id (repeatable)."
    ),
    type: str = TYPE_OPTION,
    year: str = YEAR_OPTION,
    season: str = SEASON_OPTION,
    episode: str = EPISODE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Remove every play of ITEMs, or single plays with --id (see `trakt history list`)."""
    from traktkit.api.errors import InvalidInput
    from traktkit.api.history import check_play_ids

    out = Output(as_json)
    if play_ids:
        if items or source:
            raise InvalidInput("give either ITEMs or --id, not both")
        ids = check_play_ids(play_ids)
        run_write(out, lambda trakt, _hooks: trakt.history.remove_plays(ids))
    else:
        refs = collect_items(items, source, type=type, year=year, season=season, episode=episode)
        run_write(out, lambda trakt, hooks: trakt.history.remove(refs, hooks=hooks))


def register(app: typer.Typer) -> None:
    app.add_typer(history_app, name="history")
