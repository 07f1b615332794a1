"""Discovery lists for movies and shows (REFERENCE §10): trending, popular, anticipated,
played / watched / collected / favorited by period. Public, paginated (default 100),
filters of §4.2 (see `filters`), `extended=full`. Figures come from `stats`.

Decisions where the reference is silent:
* `{period}` is daily, weekly, monthly, yearly or all (default weekly, also when the
  segment is omitted); anything else answers 400 `invalid_period`;
* every list leaves out titles whose figure is 0 (trending: unreleased titles; played /
  watched: nobody in the period; collected: no collector; anticipated: released more than
  a year ago); ties break on votes, then Trakt id;
* `X-Trending-User-Count` is the sum of `watchers` over the whole (filtered) list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from traktkit.sandbox.catalogue import Movie, Show
from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.filters import Filters
from traktkit.sandbox.pagination import TRENDING
from traktkit.sandbox.render import movie_json, show_json
from traktkit.sandbox.routing import Ctx, Listing, route
from traktkit.sandbox.stats import (
    DEFAULT_PERIOD,
    PERIODS,
    PeriodStats,
    list_count,
    period_stats,
    popularity,
    trending_watchers,
)

Media = Movie | Show
KINDS = {"movies": "movie", "shows": "show"}


def _titles(ctx: Ctx, media: str) -> list[Media]:
    cat = ctx.state.catalogue
    pool: list[Media] = list(cat.all_movies() if media == "movies" else cat.all_shows())
    keep = Filters.from_query(ctx.query).predicate()
    return [item for item in pool if keep(item)]


def _renderer(ctx: Ctx) -> Callable[[Media], dict[str, Any]]:
    """`{"movie": …}` or `{"show": …}` for a title."""
    full, now = ctx.full, ctx.state.now()

    def body(item: Media) -> dict[str, Any]:
        if isinstance(item, Movie):
            return {"movie": movie_json(item, full=full)}
        return {"show": show_json(item, full=full, now=now)}

    return body


Ranked = tuple[float, Media, Any]


def _ranked(items: list[Ranked]) -> list[Ranked]:
    """Titles with a positive figure, highest first (ties: votes, then Trakt id)."""
    kept = [row for row in items if row[0] > 0]
    kept.sort(key=lambda row: (-row[0], -row[1].votes, row[1].trakt))
    return kept


def _period(ctx: Ctx) -> str:
    period = ctx.params.get("period", DEFAULT_PERIOD)
    if period not in PERIODS:
        raise ApiError(400, "invalid_period", f"period must be one of {', '.join(PERIODS)}")
    return period


@route("GET", "/movies/trending", page=TRENDING)
@route("GET", "/shows/trending", page=TRENDING)
def trending(ctx: Ctx) -> Any:
    media = ctx.path.strip("/").split("/")[0]
    now = ctx.state.now()
    ranked = _ranked([(trending_watchers(t, now), t, None) for t in _titles(ctx, media)])
    body = _renderer(ctx)
    headers = {"X-Trending-User-Count": str(int(sum(row[0] for row in ranked)))}
    return Listing(ranked, lambda row: {"watchers": int(row[0]), **body(row[1])}, headers)


@route("GET", "/movies/popular", page=TRENDING)
@route("GET", "/shows/popular", page=TRENDING)
def popular(ctx: Ctx) -> Any:
    media = ctx.path.strip("/").split("/")[0]
    ranked = _ranked([(popularity(t), t, None) for t in _titles(ctx, media)])
    body = _renderer(ctx)
    return Listing(ranked, lambda row: next(iter(body(row[1]).values())))


@route("GET", "/movies/anticipated", page=TRENDING)
@route("GET", "/shows/anticipated", page=TRENDING)
def anticipated(ctx: Ctx) -> Any:
    media = ctx.path.strip("/").split("/")[0]
    now = ctx.state.now()
    ranked = _ranked([(list_count(t, now), t, None) for t in _titles(ctx, media)])
    body = _renderer(ctx)
    return Listing(ranked, lambda row: {"list_count": int(row[0]), **body(row[1])})


def _period_list(ctx: Ctx, measure: Callable[[PeriodStats], int]) -> Any:
    parts = ctx.path.strip("/").split("/")
    media = parts[0]
    period, now = _period(ctx), ctx.state.now()
    figures = [(period_stats(t, period, now), t) for t in _titles(ctx, media)]
    ranked = _ranked([(measure(s), t, s) for s, t in figures])
    body = _renderer(ctx)
    if parts[1] == "favorited":
        return Listing(ranked, lambda row: {"user_count": int(row[0]), **body(row[1])})

    def render(row: Ranked) -> Any:
        s: PeriodStats = row[2]
        out: dict[str, Any] = {
            "watcher_count": s.watcher_count,
            "play_count": s.play_count,
            "collected_count": s.collected_count,
        }
        if media == "shows":
            out["collector_count"] = s.collector_count
        return {**out, **body(row[1])}

    return Listing(ranked, render)


@route("GET", "/movies/played", page=TRENDING)
@route("GET", "/movies/played/{period}", page=TRENDING)
@route("GET", "/shows/played", page=TRENDING)
@route("GET", "/shows/played/{period}", page=TRENDING)
def played(ctx: Ctx) -> Any:
    return _period_list(ctx, lambda s: s.play_count)


@route("GET", "/movies/watched", page=TRENDING)
@route("GET", "/movies/watched/{period}", page=TRENDING)
@route("GET", "/shows/watched", page=TRENDING)
@route("GET", "/shows/watched/{period}", page=TRENDING)
def watched(ctx: Ctx) -> Any:
    return _period_list(ctx, lambda s: s.watcher_count)


@route("GET", "/movies/collected", page=TRENDING)
@route("GET", "/movies/collected/{period}", page=TRENDING)
@route("GET", "/shows/collected", page=TRENDING)
@route("GET", "/shows/collected/{period}", page=TRENDING)
def collected(ctx: Ctx) -> Any:
    return _period_list(ctx, lambda s: s.collector_count)


@route("GET", "/movies/favorited", page=TRENDING)
@route("GET", "/movies/favorited/{period}", page=TRENDING)
@route("GET", "/shows/favorited", page=TRENDING)
@route("GET", "/shows/favorited/{period}", page=TRENDING)
def favorited(ctx: Ctx) -> Any:
    return _period_list(ctx, lambda s: s.user_count)
