"""Watchlist (REFERENCE §8.8) and its `/users/{id}/watchlist` mirrors (§12.4).

Decisions where the reference is silent:
* `{type}` is `movies`, `shows`, `seasons`, `episodes`, `all` or a comma list of them;
  anything else answers 400, as does an unknown sort (see `sorting`);
* without a sort in the path the user's preferred sort applies (`X-Sort-By`/`X-Sort-How`
  = preference, `X-Applied-Sort-*` = what was applied; the preference is `rank asc`
  unless `POST /_sandbox/users {"watchlist_sort"}` changed it);
* `notes` (<= 500 characters) are kept for VIP users only and ignored for free users;
  re-adding an item that is already there counts under `existing` and changes nothing;
* removing an item that is not on the watchlist counts nowhere (`not_found` is only for
  items that match nothing in the catalogue); ranks are renumbered 1..n after removals;
* 420 (`X-Account-Limit`, `X-Upgrade-URL`, `X-VIP-User`) when the additions would take the
  watchlist past the user's limit (`limits.watchlist`, overridable by the control route);
  nothing is added then;
* reorder: `updated` counts the items whose rank changed; ids not on the watchlist are
  `skipped_ids`; items not named keep their relative order after the named ones.
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.listitems import (
    WATCHLIST_KEYS,
    WATCHLIST_TYPES,
    append,
    classify,
    parse_rank,
    parse_types,
    plural_counts,
    reorder,
    sorted_listing,
)
from traktkit.sandbox.matching import leaves, match_body
from traktkit.sandbox.mutations import (
    bump,
    check_limit,
    remove_from_watchlist,
    watchlist_summary,
)
from traktkit.sandbox.pagination import WATCHLIST
from traktkit.sandbox.routes.users import subject
from traktkit.sandbox.routing import Ctx, Reply, route
from traktkit.sandbox.validation import LIST_ITEM_FIELDS

LIST_TYPES = WATCHLIST_TYPES


def parse_list_types(raw: str | None) -> frozenset[str]:
    """`movies,shows` -> {"movie", "show"}; None or `all` -> every kind."""
    return parse_types(raw, WATCHLIST_TYPES)


@route("GET", "/sync/watchlist", auth="required", page=WATCHLIST)
@route("GET", "/sync/watchlist/{type}", auth="required", page=WATCHLIST)
@route("GET", "/sync/watchlist/{type}/{sort}", auth="required", page=WATCHLIST)
@route("GET", "/sync/watchlist/{type}/{sort_by}/{sort_how}", auth="required", page=WATCHLIST)
@route("GET", "/users/{id}/watchlist", auth="optional", page=WATCHLIST)
@route("GET", "/users/{id}/watchlist/{type}", auth="optional", page=WATCHLIST)
@route("GET", "/users/{id}/watchlist/{type}/{sort}", auth="optional", page=WATCHLIST)
@route("GET", "/users/{id}/watchlist/{type}/{sort_by}/{sort_how}", auth="optional", page=WATCHLIST)
def watchlist(ctx: Ctx) -> Any:
    user = subject(ctx)
    kinds = parse_list_types(ctx.params.get("type"))
    items = (item for item in user.library.watchlist if item.ref.kind in kinds)
    return sorted_listing(ctx, user, items, user.watchlist_sort)


@route("POST", "/sync/watchlist", auth="required")
def add(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    now = state.now()
    matched = match_body(state, ctx.body, LIST_ITEM_FIELDS)
    lib = user.library
    targets = (leaf for target in matched.targets for leaf in leaves(target))
    adds = classify(lib.watchlist, targets, WATCHLIST_KEYS, notes=user.vip)
    check_limit(user, "watchlist", user.limits.watchlist, len(lib.watchlist), len(adds.new))
    append(state, lib.watchlist, adds.new)
    if adds.new:
        bump(user, (ref.kind for ref, _ in adds.new), "watchlisted_at", now)
        user.bump("watchlist", "updated_at", now)
    body = {
        "added": adds.added,
        "existing": adds.existing,
        "not_found": matched.not_found,
        "list": watchlist_summary(user),
    }
    return Reply(body, status=201)


@route("POST", "/sync/watchlist/remove", auth="required")
def remove(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    matched = match_body(state, ctx.body, LIST_ITEM_FIELDS)
    refs = {leaf.ref for target in matched.targets for leaf in leaves(target)}
    removed = remove_from_watchlist(user, refs, state.now())
    deleted = plural_counts(removed, WATCHLIST_KEYS)
    return {"deleted": deleted, "not_found": matched.not_found, "list": watchlist_summary(user)}


@route("POST", "/sync/watchlist/reorder", auth="required")
def reorder_(ctx: Ctx) -> Any:
    user = ctx.require_user()
    updated, skipped = reorder(user.library.watchlist, parse_rank(ctx.body_dict()))
    if updated:
        user.bump("watchlist", "updated_at", ctx.state.now())
    return {"updated": updated, "skipped_ids": skipped, "list": watchlist_summary(user)}
