"""Personal recommendations (REFERENCE §11); ranking and exclusions in `recommend`.

`GET /recommendations/{movies|shows}`: OAuth required; `ignore_collected`,
`ignore_watchlisted` (`true`/`false`, default false); `ignore_watched` is accepted but
watched titles are always left out; `limit` default 10, max 100 (clamped); only the
`X-Pagination-Page` / `X-Pagination-Limit` headers. `DELETE /recommendations/{movies|shows}/{id}`
(Trakt id, slug or IMDb id) hides the title in the hidden section `recommendations` and
answers 204 (404 for an unknown title).
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import HiddenItem, MediaRef
from traktkit.sandbox.mutations import bump
from traktkit.sandbox.pagination import RECOMMENDATIONS
from traktkit.sandbox.recommend import recommend
from traktkit.sandbox.render import movie_json, show_json
from traktkit.sandbox.routing import Ctx, Listing, Reply, route

KINDS = {"movies": "movie", "shows": "show"}


def _flag(ctx: Ctx, name: str) -> bool:
    value = (ctx.q(name) or "false").lower()
    if value not in ("true", "false"):
        raise ApiError(400, "invalid_parameter", f"{name} must be true or false")
    return value == "true"


@route("GET", "/recommendations/movies", auth="required", page=RECOMMENDATIONS)
@route("GET", "/recommendations/shows", auth="required", page=RECOMMENDATIONS)
def recommendations(ctx: Ctx) -> Any:
    user = ctx.require_user()
    kind = KINDS[ctx.path.strip("/").split("/")[1]]
    _flag(ctx, "ignore_watched")
    found = recommend(
        ctx.state,
        user,
        kind,
        ignore_collected=_flag(ctx, "ignore_collected"),
        ignore_watchlisted=_flag(ctx, "ignore_watchlisted"),
    )
    full, now = ctx.full, ctx.state.now()

    def render(item: Any) -> Any:
        if kind == "movie":
            return movie_json(item, full=full)
        return show_json(item, full=full, now=now)

    return Listing(found, render)


@route("DELETE", "/recommendations/movies/{id}", auth="required")
@route("DELETE", "/recommendations/shows/{id}", auth="required")
def hide(ctx: Ctx) -> Any:
    user = ctx.require_user()
    kind = KINDS[ctx.path.strip("/").split("/")[1]]
    trakt = ctx.state.catalogue.resolve(kind, ctx.params["id"])
    if trakt is None:
        raise ApiError(404, "not_found", f"No {kind} {ctx.params['id']!r}.")
    ref = MediaRef(kind, trakt)  # type: ignore[arg-type]
    section = user.library.hidden["recommendations"]
    now = ctx.state.now()
    if all(item.ref != ref for item in section):
        section.append(HiddenItem(ref, now))
    bump(user, [kind], "hidden_at", now)
    return Reply(status=204)
