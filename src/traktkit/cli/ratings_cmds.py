"""`trakt ratings list|add|remove` and `trakt rate ITEM N`."""

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

ratings_app = typer.Typer(help="Your ratings: list, add, remove.", no_args_is_help=True, cls=Group)


@ratings_app.command("list")
@handle_errors
def list_(
    type: str = typer.Option("all", "--type", "-t", help="movies, shows, seasons, episodes, all."),
    rating: list[str] = typer.Option(
        None, "--rating", "-r", help="Only these ratings: 10, or 8,9,10 (repeatable)."
    ),
    limit: str = typer.Option(None, "--limit", "-n", help=LIMIT_HELP),
    offline: bool = OFFLINE_OPTION,
    live: bool = LIVE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List ratings (every page), best first as Trakt sends them."""
    from traktkit.api.ratings import parse_rating_filter
    from traktkit.api.validate import validate_list_type

    out = Output(as_json)
    kind = validate_list_type(type)
    wanted = parse_rating_filter(rating or [])
    max_items = int_option(limit, "--limit")
    with open_trakt(out) as trakt:
        source = library(trakt, out, "ratings", offline=offline, live=live)
        items = source.ratings(kind, ratings=wanted, limit=max_items)
    if as_json:
        out.json([item.to_api() for item in items])
        return
    out.table(
        ["rating", "rated", "type", "title", "year", "id"],
        (
            (i.rating, when_text(i.rated_at), i.type, title_of(i), year_of(i), id_cell(ids_of(i)))
            for i in items
        ),
        empty="No ratings.",
    )


def _add(
    items: list[str] | None,
    source: str | None,
    rating: str | None,
    *,
    type: str | None,
    year: str | None,
    season: str | None,
    episode: str | None,
    as_json: bool,
) -> None:
    from traktkit.api.errors import InvalidInput
    from traktkit.api.items import ItemSpec
    from traktkit.api.validate import validate_rating

    out = Output(as_json)
    value = validate_rating(rating, option="rating") if rating is not None else None
    refs = collect_items(items, source, type=type, year=year, season=season, episode=episode)
    clash = next(
        (
            r.fields["rating"]
            for r in refs
            if isinstance(r, ItemSpec) and r.fields.get("rating") not in (None, value)
        ),
        None,
    )
    if value is not None and clash is not None:
        raise InvalidInput(
            f"--rating {value} contradicts the ratings in {source} (such as {clash}): "
            "drop --rating to use the file's, or the ratings from the file"
        )
    run_write(out, lambda trakt, hooks: trakt.ratings.add(refs, value, hooks=hooks))


@ratings_app.command("add")
@handle_errors
def add(
    items: list[str] = ITEMS_ARGUMENT,
    source: str = FROM_OPTION,
    rating: str = typer.Option(
        None, "--rating", "-r", help="1 to 10 (optional when --from items carry ratings)."
    ),
    type: str = TYPE_OPTION,
    year: str = YEAR_OPTION,
    season: str = SEASON_OPTION,
    episode: str = EPISODE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Rate ITEMs (re-rating overwrites)."""
    _add(
        items,
        source,
        rating,
        type=type,
        year=year,
        season=season,
        episode=episode,
        as_json=as_json,
    )


@ratings_app.command("remove")
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
    """Remove the ratings of ITEMs."""
    out = Output(as_json)
    refs = collect_items(items, source, type=type, year=year, season=season, episode=episode)
    run_write(out, lambda trakt, hooks: trakt.ratings.remove(refs, hooks=hooks))


@handle_errors
def rate(
    words: list[str] = typer.Argument(
        ...,
        metavar="ITEM N",
        help="The item ('Inception', 'Breaking Bad S01E01'; quotes optional), then 1 to 10.",
    ),
    type: str = TYPE_OPTION,
    year: str = YEAR_OPTION,
    season: str = SEASON_OPTION,
    episode: str = EPISODE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Rate one ITEM from 1 to 10 (shorthand for `trakt ratings add ITEM --rating N`)."""
    if len(words) < 2:
        from traktkit.api.errors import InvalidInput

        raise InvalidInput("rate needs an ITEM and a rating: trakt rate 'The Matrix' 9")
    _add(
        [" ".join(words[:-1])],
        None,
        words[-1],
        type=type,
        year=year,
        season=season,
        episode=episode,
        as_json=as_json,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(ratings_app, name="ratings")
    app.command()(rate)
