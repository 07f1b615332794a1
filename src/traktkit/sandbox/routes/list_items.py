"""Personal list items (REFERENCE §12.4): `/users/{id}/lists/{list_id}/items…` and the
public `/lists/{id}/items…`. Lists themselves are in `lists`; the list-item bookkeeping
(classify, ranks, reorder, sorted reads) is shared with the watchlist in `listitems`.

Decisions where the reference is silent:
* `{type}` is `all` or a comma list of `movie, show, season, episode, person` (the plural
  forms are accepted too), else 400; without a sort in the path the list's own
  `sort_by`/`sort_how` apply (sent as `X-Sort-*`, the applied sort as `X-Applied-Sort-*`);
  sorts that need the library (`my_rating`, `watched`, `collected`) use the owner's;
* writes take `movies`, `shows`, `seasons`, `episodes` and `people`; shows, seasons and
  episodes are listed at the level named (as the watchlist); an item already on the list
  counts under `existing`; `notes` are kept for VIP owners only;
* 420 (`X-Account-Limit`) when the additions would take the list past
  `limits.list_item_count` (250 free, 5,000 VIP) or all the user's lists past
  `limits.list_total_items` (1,000 free, 100,000 VIP); nothing is added then;
* a change moves the list's `updated_at` and `lists.updated_at` (the `list` object of the
  answer is `{item_count, updated_at}` of this list).
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.library import PersonalList
from traktkit.sandbox.listitems import (
    LIST_ITEM_TYPES,
    LIST_KEYS,
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
from traktkit.sandbox.matching import leaves, match_body
from traktkit.sandbox.mutations import check_limit
from traktkit.sandbox.pagination import LISTS
from traktkit.sandbox.routes.lists import owned_list, readable_list
from traktkit.sandbox.routing import Ctx, Reply, route
from traktkit.sandbox.userlists import total_items, touch
from traktkit.sandbox.validation import LIST_ITEM_FIELDS

ITEMS = "/users/{id}/lists/{list_id}/items"
PUBLIC_ITEMS = "/lists/{id}/items"


def _summary(plist: PersonalList) -> dict[str, Any]:
    return summary(len(plist.items), plist.updated_at)


@route("GET", ITEMS, auth="optional", page=LISTS)
@route("GET", ITEMS + "/{type}", auth="optional", page=LISTS)
@route("GET", ITEMS + "/{type}/{sort_by}/{sort_how}", auth="optional", page=LISTS)
@route("GET", PUBLIC_ITEMS, auth="optional", page=LISTS)
@route("GET", PUBLIC_ITEMS + "/{type}", auth="optional", page=LISTS)
@route("GET", PUBLIC_ITEMS + "/{type}/{sort_by}/{sort_how}", auth="optional", page=LISTS)
def items(ctx: Ctx) -> Any:
    owner, plist = readable_list(ctx)
    kinds = parse_types(ctx.params.get("type"), LIST_ITEM_TYPES)
    chosen = (item for item in plist.items if item.ref.kind in kinds)
    return sorted_listing(ctx, owner, chosen, (plist.sort_by, plist.sort_how))


@route("POST", ITEMS, auth="required")
def add(ctx: Ctx) -> Any:
    state = ctx.state
    user, plist = owned_list(ctx)
    matched = match_body(state, ctx.body, LIST_ITEM_FIELDS, LIST_KEYS)
    targets = (leaf for target in matched.targets for leaf in leaves(target))
    adds = classify(plist.items, targets, LIST_KEYS, notes=user.vip)
    adding, limits = len(adds.new), user.limits
    check_limit(user, "list item", limits.list_item_count, len(plist.items), adding)
    check_limit(user, "total list item", limits.list_total_items, total_items(user), adding)
    append(state, plist.items, adds.new)
    if adds.new:
        touch(user, plist, state.now())
    body = {
        "added": adds.added,
        "existing": adds.existing,
        "not_found": matched.not_found,
        "list": _summary(plist),
    }
    return Reply(body, status=201)


@route("POST", ITEMS + "/remove", auth="required")
def remove(ctx: Ctx) -> Any:
    user, plist = owned_list(ctx)
    matched = match_body(ctx.state, ctx.body, LIST_ITEM_FIELDS, LIST_KEYS)
    refs = {leaf.ref for target in matched.targets for leaf in leaves(target)}
    removed = remove_refs(plist.items, refs)
    if removed:
        touch(user, plist, ctx.state.now())
    deleted = plural_counts(removed, LIST_KEYS)
    return {"deleted": deleted, "not_found": matched.not_found, "list": _summary(plist)}


@route("POST", ITEMS + "/reorder", auth="required")
def reorder_items(ctx: Ctx) -> Any:
    user, plist = owned_list(ctx)
    updated, skipped = reorder(plist.items, parse_rank(ctx.body_dict()))
    if updated:
        touch(user, plist, ctx.state.now())
    return {"updated": updated, "skipped_ids": skipped, "list": _summary(plist)}
