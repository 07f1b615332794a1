"""Ratings (REFERENCE §8.7) and their `/users/{id}/ratings` mirrors (§12.4).

Decisions where the reference is silent:
* every level that carries its own `rating` is rated (a show entry with `rating` and
  `seasons: [{"number": 1, "rating": 9}]` rates both); an item with no `rating` at any
  level answers 422; `rating` outside 1..10 -> 422, not an integer -> 400;
* re-rating overwrites the rating and `rated_at` and counts under `added` (the response has
  no `existing`/`updated`, as in the Apiary and 2026 contracts); `rated_at` defaults to now;
* removal follows the named level: a show without `seasons` removes the show's rating,
  `seasons: [{"number"}]` those seasons' ratings, `episodes` those episodes' ratings;
  an item that has no rating counts nowhere;
* `GET …/{type}/{rating}`: `type` is movies, shows, seasons, episodes or all (else 400),
  `rating` a comma list of 1..10 (else 400); newest `rated_at` first;
* 420 when new ratings would pass `limits.ratings` (10,000 free, 20,000 VIP).
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import MediaRef, RatingEntry
from traktkit.sandbox.matching import PLURAL, counts, leaves, match_body, nodes
from traktkit.sandbox.mutations import bump, check_limit
from traktkit.sandbox.pagination import RATINGS
from traktkit.sandbox.routes.sync_watchlist import LIST_TYPES
from traktkit.sandbox.routes.users import subject
from traktkit.sandbox.routing import Ctx, Listing, Reply, route
from traktkit.sandbox.validation import RATING_FIELDS, invalid
from traktkit.sandbox.views import rating_json


def _ratings_filter(raw: str | None) -> frozenset[int] | None:
    if raw is None or raw == "":
        return None
    try:
        values = frozenset(int(part) for part in raw.split(","))
    except ValueError:
        raise ApiError(400, "invalid_parameter", "rating must be 1..10 or a comma list") from None
    if not values or not all(1 <= v <= 10 for v in values):
        raise ApiError(400, "invalid_parameter", "rating must be 1..10 or a comma list")
    return values


@route("GET", "/sync/ratings", auth="required", page=RATINGS)
@route("GET", "/sync/ratings/{type}", auth="required", page=RATINGS)
@route("GET", "/sync/ratings/{type}/{rating}", auth="required", page=RATINGS)
@route("GET", "/users/{id}/ratings", auth="optional", page=RATINGS)
@route("GET", "/users/{id}/ratings/{type}", auth="optional", page=RATINGS)
@route("GET", "/users/{id}/ratings/{type}/{rating}", auth="optional", page=RATINGS)
def ratings(ctx: Ctx) -> Any:
    user = subject(ctx)
    kind = ctx.params.get("type", "all")
    if kind != "all" and kind not in LIST_TYPES:
        raise ApiError(400, "invalid_type", "type must be movies, shows, seasons, episodes or all")
    wanted = _ratings_filter(ctx.params.get("rating"))
    found = [
        entry
        for entry in user.library.ratings.values()
        if (kind == "all" or entry.ref.kind == LIST_TYPES[kind])
        and (wanted is None or entry.rating in wanted)
    ]
    found.sort(key=lambda e: (e.rated_at, e.ref.kind, e.ref.trakt), reverse=True)
    state, full = ctx.state, ctx.full
    return Listing(found, lambda entry: rating_json(state, entry, full=full))


@route("POST", "/sync/ratings", auth="required")
def add(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    now = state.now()
    matched = match_body(state, ctx.body, RATING_FIELDS)
    rated: list[tuple[MediaRef, int, float]] = []
    for target in matched.targets:
        before = len(rated)
        for node in nodes(target):
            if "rating" in node.own:
                at = node.own.get("rated_at", node.fields.get("rated_at", now))
                rated.append((node.ref, node.own["rating"], at))
        if len(rated) == before:
            raise invalid(target.path, "rating is required (1..10)")
    lib = user.library
    fresh = {ref for ref, _, _ in rated if ref not in lib.ratings}
    check_limit(user, "ratings", user.limits.ratings, len(lib.ratings), len(fresh))
    added = counts()
    for ref, rating, at in rated:
        lib.ratings[ref] = RatingEntry(ref, rating, at)
        added[PLURAL[ref.kind]] += 1
    bump(user, (ref.kind for ref, _, _ in rated), "rated_at", now)
    return Reply({"added": added, "not_found": matched.not_found}, status=201)


@route("POST", "/sync/ratings/remove", auth="required")
def remove(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    matched = match_body(state, ctx.body, frozenset())
    deleted = counts()
    for target in matched.targets:
        for leaf in leaves(target):
            if user.library.ratings.pop(leaf.ref, None) is not None:
                deleted[PLURAL[leaf.ref.kind]] += 1
    gone = [kind for kind, plural in PLURAL.items() if deleted.get(plural)]
    bump(user, gone, "rated_at", state.now())
    return {"deleted": deleted, "not_found": matched.not_found}
