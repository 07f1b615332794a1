"""`/sync/last_activities` (REFERENCE §8.2) and watched (§8.5, with `/users/{id}/watched`).

Watched, 2026 profile: paginated (default 100); shows carry `seasons` only with
`extended=progress` (page size capped at 100); `extended=full` returns the full show without
seasons; the minimal show carries `aired_episodes`; specials (season 0) only with
`specials=true`. Classic profile: everything at once and `seasons` unless
`extended=noseasons`. Sorted by plays (most first), then the latest play.
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.catalogue import Episode
from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import HistoryEntry
from traktkit.sandbox.matching import aired
from traktkit.sandbox.pagination import WATCHED, WATCHED_PROGRESS
from traktkit.sandbox.render import show_json
from traktkit.sandbox.routes.users import subject
from traktkit.sandbox.routing import Ctx, Listing, route
from traktkit.sandbox.state import SandboxState
from traktkit.sandbox.timeutil import iso
from traktkit.sandbox.views import media


@route("GET", "/sync/last_activities", auth="required")
def last_activities(ctx: Ctx) -> Any:
    return ctx.require_user().last_activities.to_json()


def _summary(plays: list[HistoryEntry]) -> dict[str, Any]:
    return {
        "plays": len(plays),
        "last_watched_at": iso(max(p.watched_at for p in plays)),
        "last_updated_at": iso(max(p.added_at or p.watched_at for p in plays)),
    }


def _order(groups: dict[int, list[HistoryEntry]]) -> list[tuple[int, list[HistoryEntry]]]:
    return sorted(
        groups.items(), key=lambda g: (-len(g[1]), -max(p.watched_at for p in g[1]), g[0])
    )


@route("GET", "/sync/watched/{type}", auth="required", page=WATCHED)
@route("GET", "/users/{id}/watched/{type}", auth="optional", page=WATCHED)
def watched(ctx: Ctx) -> Any:
    user = subject(ctx)
    kind = ctx.params["type"]
    if kind not in ("movies", "shows"):
        raise ApiError(400, "invalid_type", "type must be movies or shows")
    state, full = ctx.state, ctx.full
    cat = state.catalogue
    groups: dict[int, list[HistoryEntry]] = {}
    if kind == "movies":
        for play in user.library.history:
            if play.ref.kind == "movie":
                groups.setdefault(play.ref.trakt, []).append(play)

        def movie_row(group: tuple[int, list[HistoryEntry]]) -> Any:
            return {**_summary(group[1]), **media(state, group[1][0].ref, full=full)}

        return Listing(_order(groups), movie_row)

    specials = ctx.q("specials") == "true"
    for play in user.library.history:
        if play.ref.kind == "episode":
            show, ep = cat.episodes[play.ref.trakt]
            if specials or ep.season > 0:
                groups.setdefault(show.trakt, []).append(play)
    classic = state.config.pagination_profile == "classic"
    progress = "progress" in ctx.extended
    with_seasons = progress or (classic and "noseasons" not in ctx.extended)
    now = state.now()

    def show_row(group: tuple[int, list[HistoryEntry]]) -> Any:
        show = cat.shows[group[0]]
        shown = show_json(show, full=full and not progress, now=now)
        shown.setdefault("aired_episodes", sum(1 for e in show.episodes() if _aired(e, now)))
        row: dict[str, Any] = {**_summary(group[1]), "reset_at": None, "show": shown}
        if with_seasons:
            row["seasons"] = _seasons(state, group[1])
        return row

    return Listing(_order(groups), show_row, page=WATCHED_PROGRESS if progress else None)


def _aired(episode: Episode, now: float) -> bool:
    return episode.season > 0 and aired(episode, now)


def _seasons(state: SandboxState, plays: list[HistoryEntry]) -> list[dict[str, Any]]:
    per_episode: dict[tuple[int, int], list[HistoryEntry]] = {}
    for play in plays:
        ep = state.catalogue.episodes[play.ref.trakt][1]
        per_episode.setdefault((ep.season, ep.number), []).append(play)
    seasons: dict[int, list[dict[str, Any]]] = {}
    for (season, number), group in sorted(per_episode.items()):
        row = {
            "number": number,
            "plays": len(group),
            "last_watched_at": iso(max(p.watched_at for p in group)),
        }
        seasons.setdefault(season, []).append(row)
    return [{"number": n, "episodes": eps} for n, eps in seasons.items()]
