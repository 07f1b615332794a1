"""`trakt trending|popular|anticipated TYPE`, `trakt played|watched|collected TYPE
--period P` and `trakt recommendations movies|shows|hide`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import typer

from traktkit.cli.common import (
    JSON_OPTION,
    TYPE_OPTION,
    YEAR_OPTION,
    int_option,
    item_id,
    require_login,
)
from traktkit.cli.context import open_trakt
from traktkit.cli.errors import handle_errors
from traktkit.cli.group import Group
from traktkit.cli.output import Output
from traktkit.cli.render import id_cell

if TYPE_CHECKING:
    from traktkit.client import Trakt
    from traktkit.models import Movie, Show
    from traktkit.models.base import TraktModel

TYPE_ARGUMENT = typer.Argument(..., metavar="TYPE", help="movies or shows.")
LIMIT_OPTION = typer.Option("10", "--limit", "-n", help="How many (1-250).")


def _media(item: TraktModel) -> Movie | Show | None:
    from traktkit.models import Movie, Show

    if isinstance(item, Movie | Show):
        return item
    found = getattr(item, "movie", None) or getattr(item, "show", None)
    return found if isinstance(found, Movie | Show) else None


def _render(
    out: Output,
    items: Sequence[TraktModel],
    columns: Sequence[str],
    extra: Callable[[Any], Sequence[Any]],
    empty: str,
) -> None:
    if out.as_json:
        out.json([item.to_api() for item in items])
        return
    rows = []
    for rank, item in enumerate(items, 1):
        media = _media(item)
        title = media.title if media else ""
        year = media.year if media else None
        ids = id_cell(media.ids) if media else ""
        rows.append((rank, *extra(item), title, year, ids))
    out.table(["#", *columns, "title", "year", "id"], rows, empty=empty)


def _listing(
    name: str,
    fetch: Callable[[Trakt, str, int], Sequence[TraktModel]],
    columns: Sequence[str],
    extra: Callable[[Any], Sequence[Any]],
    doc: str,
) -> Callable[..., None]:
    @handle_errors
    def command(
        type: str = TYPE_ARGUMENT,
        limit: str = LIMIT_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        from traktkit.api.discovery import media_kind
        from traktkit.api.validate import validate_discovery_limit

        out = Output(as_json)
        kind = media_kind(type)
        size = validate_discovery_limit(int_option(limit, "--limit"))
        with open_trakt(out) as trakt:
            items = fetch(trakt, kind, size)
        _render(out, items, columns, extra, f"No {name} {kind}.")

    command.__doc__ = doc
    command.__name__ = name
    return command


def _stats_listing(stat: str) -> Callable[..., None]:
    @handle_errors
    def command(
        type: str = TYPE_ARGUMENT,
        period: str = typer.Option(
            "weekly", "--period", "-p", help="daily, weekly, monthly, yearly or all."
        ),
        limit: str = LIMIT_OPTION,
        as_json: bool = JSON_OPTION,
    ) -> None:
        from traktkit.api.discovery import media_kind
        from traktkit.api.validate import validate_discovery_limit, validate_period

        out = Output(as_json)
        kind = media_kind(type)
        when = validate_period(period)
        size = validate_discovery_limit(int_option(limit, "--limit"))
        with open_trakt(out) as trakt:
            items = trakt.discover.stats(stat, kind, period=when, limit=size)
        _render(
            out,
            items,
            ["watchers", "plays", "collected"],
            lambda i: (i.watcher_count, i.play_count, i.collected_count),
            f"No {stat} {kind}.",
        )

    command.__doc__ = f"The most {stat} movies or shows of a period (Trakt's public stats)."
    command.__name__ = stat
    return command


# --- recommendations --------------------------------------------------------------------

recommendations_app = typer.Typer(
    help="Personal recommendations: movies, shows, and hiding one.", no_args_is_help=True, cls=Group
)


def _recommendations(kind: str) -> Callable[..., None]:
    @handle_errors
    def command(
        ignore_collected: bool = typer.Option(
            False, "--ignore-collected", help="Leave out what you collected."
        ),
        ignore_watchlisted: bool = typer.Option(
            False, "--ignore-watchlisted", help="Leave out what is on your watchlist."
        ),
        limit: str = typer.Option("10", "--limit", "-n", help="How many (1-100)."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        from traktkit.api.validate import validate_recommendation_limit

        out = Output(as_json)
        size = validate_recommendation_limit(int_option(limit, "--limit"))
        with open_trakt(out) as trakt:
            require_login(trakt)
            items = trakt.recommendations.get(
                kind,
                ignore_collected=ignore_collected,
                ignore_watchlisted=ignore_watchlisted,
                limit=size,
            )
        _render(out, items, [], lambda i: (), f"No recommended {kind}.")

    command.__doc__ = f"{kind.capitalize()} recommended for you."
    command.__name__ = kind
    return command


@recommendations_app.command("hide")
@handle_errors
def hide(
    item: list[str] = typer.Argument(..., metavar="ITEM", help="A movie or show."),
    type: str = TYPE_OPTION,
    year: str = YEAR_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Never recommend this movie or show again."""
    from traktkit.api.items import parse_item

    out = Output(as_json)
    ref = parse_item(" ".join(item), type=type, year=int_option(year, "--year"))
    with open_trakt(out) as trakt:
        require_login(trakt)
        hidden = trakt.recommendations.hide(ref)
    if as_json:
        out.json({"hidden": hidden.to_dict()})
    else:
        out.line(f"Hidden from recommendations: {hidden.label} ({item_id(hidden)}).")


recommendations_app.command("movies")(_recommendations("movies"))
recommendations_app.command("shows")(_recommendations("shows"))


def register(app: typer.Typer) -> None:
    app.command("trending")(
        _listing(
            "trending",
            lambda t, kind, n: t.discover.trending(kind, limit=n),
            ["watchers"],
            lambda i: (i.watchers,),
            "Movies or shows being watched right now.",
        )
    )
    app.command("popular")(
        _listing(
            "popular",
            lambda t, kind, n: t.discover.popular(kind, limit=n),
            [],
            lambda i: (),
            "The most popular movies or shows (rating and votes).",
        )
    )
    app.command("anticipated")(
        _listing(
            "anticipated",
            lambda t, kind, n: t.discover.anticipated(kind, limit=n),
            ["lists"],
            lambda i: (i.list_count,),
            "The most anticipated movies or shows (on the most lists).",
        )
    )
    for stat in ("played", "watched", "collected"):
        app.command(stat)(_stats_listing(stat))
    app.add_typer(recommendations_app, name="recommendations")
