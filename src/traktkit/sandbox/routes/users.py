"""User routes: `/users/settings`, `/users/{id}` (and `me`), `/users/{id}/stats`.

The `/users/{id}/watchlist|favorites|ratings|history|collection|watched` data mirrors are
declared next to their `/sync` twins (same handler, see `subject`); lists are in `lists` and
`list_items`, `watching` in `scrobble`."""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.routing import Ctx, route
from traktkit.sandbox.users import UserState
from traktkit.sandbox.userstats import user_stats


def target_user(ctx: Ctx, ident: str) -> UserState:
    """The user named in a path: `me` is the token's user; private users only to self."""
    if ident.lower() == "me":
        return ctx.require_user()
    user = ctx.state.find_user(ident)
    if user is None:
        raise ApiError(404, "not_found", f"User {ident!r} not found.")
    if user.private and (ctx.user is None or ctx.user.username != user.username):
        raise ApiError(
            401,
            "private_user",
            "This user is private.",
            headers={"X-Private-User": "true"},
        )
    return user


def subject(ctx: Ctx) -> UserState:
    """Whose library a read shows: `/users/{id}/…` names the user, `/sync/…` is the token's."""
    if ctx.path.startswith("/users/"):
        return target_user(ctx, ctx.params["id"])
    return ctx.require_user()


@route("GET", "/users/settings", auth="required")
def settings(ctx: Ctx) -> Any:
    return ctx.require_user().settings_json()


@route("GET", "/users/{id}", auth="optional")
def profile(ctx: Ctx) -> Any:
    user = target_user(ctx, ctx.params["id"])
    return user.to_json(full=ctx.full, vip_fields="vip" in ctx.extended)


@route("GET", "/users/{id}/stats", auth="optional")
def stats(ctx: Ctx) -> Any:
    return user_stats(ctx.state, target_user(ctx, ctx.params["id"]))
