"""Favorites (REFERENCE §8.9) and their `/users/{id}/favorites` mirrors (§12.4).

Decisions where the reference is silent (the list-item bookkeeping is `listitems`'):
* `{type}` is `movies`, `shows`, `all` or `movies,shows` (else 400); sorts as the watchlist
  (`sorting`); without a sort in the path the order is `rank asc` (`X-Sort-*`);
* only `movies` and `shows` are read from write bodies (a show entry with `seasons` still
  means the show); the other arrays are ignored, `not_found` has `movies` and `shows`;
* `notes` (<= 500 characters) are kept for every user (favorites are not VIP-enhanced);
* 420 when the additions would take the favorites past `limits.favorites` (50 for free and
  VIP users alike; `POST /_sandbox/users {"limits": {"favorites": N}}` overrides it);
* writes that change something bump `movies|shows.favorited_at` (per kind touched) and
  `favorites.updated_at`; a reorder that moves something bumps `favorites.updated_at`.
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.listitems import (
    FAVORITE_KEYS,
    FAVORITE_TYPES,
    append,
    classify,
    parse_rank,
    parse_types,
    plural_counts,
    remove_refs,
    reorder,
    sorted_listing,
    summary,
)
from traktkit.sandbox.matching import Matched, match_body
from traktkit.sandbox.mutations import bump, check_limit
from traktkit.sandbox.pagination import WATCHLIST
from traktkit.sandbox.routes.users import subject
from traktkit.sandbox.routing import Ctx, Reply, route
from traktkit.sandbox.users import UserState
from traktkit.sandbox.validation import LIST_ITEM_FIELDS

PAGE = WATCHLIST  # favorites page like the watchlist (2026: 100 by default)


def _summary(user: UserState) -> dict[str, Any]:
    updated = user.last_activities.values["favorites"]["updated_at"]
    return summary(len(user.library.favorites), updated)


def _not_found(matched: Matched) -> dict[str, list[Any]]:
    return {key: matched.not_found[key] for key in FAVORITE_KEYS}


@route("GET", "/sync/favorites", auth="required", page=PAGE)
@route("GET", "/sync/favorites/{type}", auth="required", page=PAGE)
@route("GET", "/sync/favorites/{type}/{sort}", auth="required", page=PAGE)
@route("GET", "/sync/favorites/{type}/{sort_by}/{sort_how}", auth="required", page=PAGE)
@route("GET", "/users/{id}/favorites", auth="optional", page=PAGE)
@route("GET", "/users/{id}/favorites/{type}", auth="optional", page=PAGE)
@route("GET", "/users/{id}/favorites/{type}/{sort}", auth="optional", page=PAGE)
@route("GET", "/users/{id}/favorites/{type}/{sort_by}/{sort_how}", auth="optional", page=PAGE)
def favorites(ctx: Ctx) -> Any:
    user = subject(ctx)
    kinds = parse_types(ctx.params.get("type"), FAVORITE_TYPES)
    items = (item for item in user.library.favorites if item.ref.kind in kinds)
    return sorted_listing(ctx, user, items, ("rank", "asc"))


@route("POST", "/sync/favorites", auth="required")
def add(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    now = state.now()
    matched = match_body(state, ctx.body, LIST_ITEM_FIELDS, FAVORITE_KEYS)
    favs = user.library.favorites
    adds = classify(favs, matched.targets, FAVORITE_KEYS, notes=True)
    check_limit(user, "favorites", user.limits.favorites, len(favs), len(adds.new))
    append(state, favs, adds.new)
    if adds.new:
        bump(user, (ref.kind for ref, _ in adds.new), "favorited_at", now)
        user.bump("favorites", "updated_at", now)
    body = {
        "added": adds.added,
        "existing": adds.existing,
        "not_found": _not_found(matched),
        "list": _summary(user),
    }
    return Reply(body, status=201)


@route("POST", "/sync/favorites/remove", auth="required")
def remove(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    now = state.now()
    matched = match_body(state, ctx.body, LIST_ITEM_FIELDS, FAVORITE_KEYS)
    removed = remove_refs(user.library.favorites, {t.ref for t in matched.targets})
    if removed:
        bump(user, removed, "favorited_at", now)
        user.bump("favorites", "updated_at", now)
    deleted = plural_counts(removed, FAVORITE_KEYS)
    return {"deleted": deleted, "not_found": _not_found(matched), "list": _summary(user)}


@route("POST", "/sync/favorites/reorder", auth="required")
def reorder_(ctx: Ctx) -> Any:
    user = ctx.require_user()
    updated, skipped = reorder(user.library.favorites, parse_rank(ctx.body_dict()))
    if updated:
        user.bump("favorites", "updated_at", ctx.state.now())
    return {"updated": updated, "skipped_ids": skipped, "list": _summary(user)}
