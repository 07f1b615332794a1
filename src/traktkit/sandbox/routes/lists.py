"""Personal lists (REFERENCE §12.4): `/users/{id}/lists[/{list_id}]`, list reorder and the
public `/lists/{id}`. The items live in `list_items`; lookup, privacy, slugs and field
validation in `userlists`.

Decisions where the reference is silent:
* `GET /users/{id}/lists` pages (2026: 100 by default) in the owner's order (creation order
  until `POST …/lists/reorder`); other users see only `public` lists;
* `GET` of a list sends `X-Sort-By`/`X-Sort-How` (the list's own sort);
* writes need the path's user to be the token's (`me`, the username or its slug); another
  user's lists answer 401, as Trakt does for editing someone else's comment; an unknown user
  or list answers 404;
* `POST` validates like sync bodies: a wrong JSON type -> 400, a missing `name` or a value
  not allowed (`privacy` not private|link|friends|public, an unknown `sort_by`) -> 422;
  420 (`X-Account-Limit`) when the user already has `limits.list_count` lists (5 free,
  100 VIP, overridable by `POST /_sandbox/users {"limits": {"list_count": N}}`);
* `PUT` changes only the fields sent and keeps the slug; create, update, delete and reorder
  move the list's `updated_at` and `lists.updated_at` in last_activities.
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import PersonalList
from traktkit.sandbox.listitems import parse_rank, reordered
from traktkit.sandbox.mutations import check_limit
from traktkit.sandbox.pagination import LISTS
from traktkit.sandbox.render import list_json
from traktkit.sandbox.routes.users import target_user
from traktkit.sandbox.routing import Ctx, Listing, Reply, route
from traktkit.sandbox.userlists import (
    can_read,
    find_list,
    find_list_anywhere,
    list_fields,
    private_list,
    touch,
    unique_slug,
)
from traktkit.sandbox.users import UserState


def owned_user(ctx: Ctx) -> UserState:
    """The token's user, when the path names them (writes)."""
    user = ctx.require_user()
    ident = ctx.params["id"]
    if ident.lower() == "me":
        return user
    named = ctx.state.find_user(ident)
    if named is None:
        raise ApiError(404, "not_found", f"User {ident!r} not found.")
    if named.username != user.username:
        raise ApiError(401, "unauthorized", "Only the owner can change these lists.")
    return user


def owned_list(ctx: Ctx) -> tuple[UserState, PersonalList]:
    user = owned_user(ctx)
    plist = find_list(user, ctx.params["list_id"])
    if plist is None:
        raise ApiError(404, "not_found", f"No list {ctx.params['list_id']!r}.")
    return user, plist


def readable_list(ctx: Ctx) -> tuple[UserState, PersonalList]:
    """The list of a read: `/users/{id}/lists/{list_id}…` or `/lists/{id}…` (integer id)."""
    if ctx.path.startswith("/lists/"):
        ident = ctx.params["id"]
        found = find_list_anywhere(ctx.state, int(ident)) if ident.isdigit() else None
        if found is None:
            raise ApiError(404, "not_found", f"No list {ident!r}.")
        owner, plist = found
    else:
        owner = target_user(ctx, ctx.params["id"])
        plist_or_none = find_list(owner, ctx.params["list_id"])
        if plist_or_none is None:
            raise ApiError(404, "not_found", f"No list {ctx.params['list_id']!r}.")
        plist = plist_or_none
    if not can_read(owner, plist, ctx.user):
        raise private_list()
    return owner, plist


def _sort_headers(plist: PersonalList) -> dict[str, str]:
    return {"X-Sort-By": plist.sort_by, "X-Sort-How": plist.sort_how}


@route("GET", "/users/{id}/lists", auth="optional", page=LISTS)
def lists(ctx: Ctx) -> Any:
    owner = target_user(ctx, ctx.params["id"])
    own = ctx.user is not None and ctx.user.username == owner.username
    shown = [p for p in owner.library.lists if own or p.privacy == "public"]
    return Listing(shown, lambda plist: list_json(owner, plist))


@route("POST", "/users/{id}/lists", auth="required")
def create(ctx: Ctx) -> Any:
    user = owned_user(ctx)
    fields = list_fields(ctx.body_dict(), creating=True)
    mine = user.library.lists
    check_limit(user, "list", user.limits.list_count, len(mine), 1)
    now = ctx.state.now()
    trakt = ctx.state.next_id("list")
    slug = unique_slug(user, fields["name"])
    plist = PersonalList(trakt, slug, created_at=now, updated_at=now, **fields)
    mine.append(plist)
    touch(user, plist, now)
    return Reply(list_json(user, plist), status=201)


@route("POST", "/users/{id}/lists/reorder", auth="required")
def reorder_lists(ctx: Ctx) -> Any:
    user = owned_user(ctx)
    mine = user.library.lists
    order, skipped = reordered(mine, parse_rank(ctx.body_dict()), lambda p: p.trakt)
    updated = sum(1 for old, new in zip(mine, order, strict=True) if old is not new)
    mine[:] = order
    if updated:
        user.bump("lists", "updated_at", ctx.state.now())
    return {"updated": updated, "skipped_ids": skipped}


@route("GET", "/users/{id}/lists/{list_id}", auth="optional")
@route("GET", "/lists/{id}", auth="optional")
def one(ctx: Ctx) -> Any:
    owner, plist = readable_list(ctx)
    return Reply(list_json(owner, plist), headers=_sort_headers(plist))


@route("PUT", "/users/{id}/lists/{list_id}", auth="required")
def update(ctx: Ctx) -> Any:
    user, plist = owned_list(ctx)
    for name, value in list_fields(ctx.body_dict(), creating=False).items():
        setattr(plist, name, value)
    touch(user, plist, ctx.state.now())
    return list_json(user, plist)


@route("DELETE", "/users/{id}/lists/{list_id}", auth="required")
def delete(ctx: Ctx) -> Any:
    user, plist = owned_list(ctx)
    user.library.lists.remove(plist)
    user.bump("lists", "updated_at", ctx.state.now())
    return Reply(status=204)
