"""Catalogue routes: movies, shows, seasons, episodes, people (REFERENCE §10)."""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.catalogue import Season, Show
from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.render import episode_json, movie_json, person_json, season_json, show_json
from traktkit.sandbox.routing import Ctx, route


def find_show(ctx: Ctx) -> Show:
    show = ctx.state.catalogue.show(ctx.params["id"])
    if show is None:
        raise ApiError(404, "not_found", f"Show {ctx.params['id']!r} not found.")
    return show


def find_season(ctx: Ctx, show: Show) -> Season:
    raw = ctx.params["season"]
    season = show.season(int(raw)) if raw.isdigit() else None
    if season is None:
        raise ApiError(404, "not_found", f"Season {raw!r} not found.")
    return season


@route("GET", "/movies/{id}")
def movie(ctx: Ctx) -> Any:
    found = ctx.state.catalogue.movie(ctx.params["id"])
    if found is None:
        raise ApiError(404, "not_found", f"Movie {ctx.params['id']!r} not found.")
    return movie_json(found, full=ctx.full)


@route("GET", "/shows/{id}")
def show(ctx: Ctx) -> Any:
    return show_json(find_show(ctx), full=ctx.full, now=ctx.state.now())


@route("GET", "/shows/{id}/seasons")
def seasons(ctx: Ctx) -> Any:
    found = find_show(ctx)
    nested = "episodes" in ctx.extended
    return [
        season_json(
            found, s, full=ctx.full, episodes=nested, episodes_full=ctx.full, now=ctx.state.now()
        )
        for s in found.seasons
    ]


@route("GET", "/shows/{id}/seasons/{season}")
def season(ctx: Ctx) -> Any:
    found = find_show(ctx)
    return [episode_json(e, full=ctx.full) for e in find_season(ctx, found).episodes]


@route("GET", "/shows/{id}/seasons/{season}/episodes/{episode}")
def episode(ctx: Ctx) -> Any:
    found = find_show(ctx)
    chosen = find_season(ctx, found)
    raw = ctx.params["episode"]
    ep = next((e for e in chosen.episodes if raw.isdigit() and e.number == int(raw)), None)
    if ep is None:
        raise ApiError(404, "not_found", f"Episode {raw!r} not found.")
    return episode_json(ep, full=ctx.full)


@route("GET", "/people/{id}")
def person(ctx: Ctx) -> Any:
    found = ctx.state.catalogue.person(ctx.params["id"])
    if found is None:
        raise ApiError(404, "not_found", f"Person {ctx.params['id']!r} not found.")
    return person_json(found, full=ctx.full)
