"""Hidden items (REFERENCE §12.5): `GET|POST /users/hidden/{section}` and `…/remove`.

Sections and the item types they take: calendar (movie, show), progress_watched and
progress_collected (show, season), progress_watched_reset (the same, read only),
recommendations (movie, show), comments (user), dropped (show). An unknown section answers
404; `?type=` other than movie, show, season, user answers 400.

Decisions where the reference is silent:
* items of a type the section does not take are echoed under `not_found` as sent, as are
  users that do not exist; a show entry with `seasons` hides those seasons in the
  sections that take seasons, the show itself elsewhere;
* hiding an item that is already hidden changes nothing and is not counted; the 2026
  per-item `hidden_at` is honoured (default now);
* writes bump `<type>s.hidden_at` (dropped: `shows.dropped_at`; comments:
  `comments.blocked_at`); POST to `progress_watched_reset` answers 400.
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import HiddenItem, MediaRef
from traktkit.sandbox.matching import PLURAL, Target, body_object, entries, leaves, match_body
from traktkit.sandbox.pagination import HIDDEN
from traktkit.sandbox.routing import Ctx, Listing, Reply, route
from traktkit.sandbox.users import UserState
from traktkit.sandbox.validation import HIDDEN_FIELDS, check_fields
from traktkit.sandbox.views import hidden_json

SECTION_TYPES: dict[str, tuple[str, ...]] = {
    "calendar": ("movie", "show"),
    "progress_watched": ("show", "season"),
    "progress_watched_reset": ("show", "season"),
    "progress_collected": ("show", "season"),
    "recommendations": ("movie", "show"),
    "comments": ("user",),
    "dropped": ("show",),
}
KEYS = ("movies", "shows", "seasons", "users")


def _section(ctx: Ctx, *, write: bool = False) -> str:
    section = ctx.params["section"]
    if section not in SECTION_TYPES:
        raise ApiError(404, "not_found", f"No hidden section {section!r}.")
    if write and section == "progress_watched_reset":
        raise ApiError(400, "invalid_section", "progress_watched_reset is read only")
    return section


@route("GET", "/users/hidden/{section}", auth="required", page=HIDDEN)
def hidden(ctx: Ctx) -> Any:
    user = ctx.require_user()
    section = _section(ctx)
    wanted = ctx.q("type")
    if wanted is not None and wanted not in ("movie", "show", "season", "user"):
        raise ApiError(400, "invalid_type", "type must be movie, show, season or user")
    items = [
        item
        for item in user.library.hidden[section]
        if wanted is None
        or (
            (item.username is not None) == (wanted == "user")
            and (wanted == "user" or item.ref.kind == wanted)
        )
    ]
    items.sort(key=lambda item: item.hidden_at, reverse=True)
    state, full = ctx.state, ctx.full
    return Listing(items, lambda item: hidden_json(state, item, full=full))


def _bump(user: UserState, section: str, kinds: set[str], now: float) -> None:
    if section == "dropped" and kinds:
        user.bump("shows", "dropped_at", now)
    elif section == "comments" and kinds:
        user.bump("comments", "blocked_at", now)
    else:
        for kind in kinds:
            user.bump(PLURAL[kind], "hidden_at", now)


def _resolve(ctx: Ctx, section: str) -> tuple[list[HiddenItem], dict[str, list[Any]]]:
    """The items a write names (with their hidden_at) and what matched nothing."""
    state, now = ctx.state, ctx.state.now()
    allowed = SECTION_TYPES[section]
    body = body_object(ctx.body)
    arrays = tuple(PLURAL[k] for k in allowed if k in PLURAL)
    matched = match_body(state, body, HIDDEN_FIELDS, arrays)
    not_found = {key: list(matched.not_found.get(key, [])) for key in KEYS}
    for key in KEYS:
        if key not in arrays and key != "users":
            not_found[key] = list(entries(body, key))
    chosen: list[Target] = []
    for target in matched.targets:
        chosen.extend(leaves(target) if "season" in allowed else [target])
    items = [HiddenItem(t.ref, t.fields.get("hidden_at", now)) for t in chosen]
    for index, raw in enumerate(entries(body, "users")):
        fields = check_fields(raw, f"users[{index}]", HIDDEN_FIELDS)
        ids = raw.get("ids") if isinstance(raw.get("ids"), dict) else {}
        name = (ids or {}).get("slug") or raw.get("username")
        user = state.find_user(name) if isinstance(name, str) and "user" in allowed else None
        if user is None:
            not_found["users"].append(raw)
            continue
        ref = MediaRef("person", user.trakt_id)
        items.append(HiddenItem(ref, fields.get("hidden_at", now), user.username))
    return items, not_found


def _kind(item: HiddenItem) -> str:
    return "user" if item.username is not None else item.ref.kind


@route("POST", "/users/hidden/{section}", auth="required")
def add(ctx: Ctx) -> Any:
    user = ctx.require_user()
    section = _section(ctx, write=True)
    items, not_found = _resolve(ctx, section)
    current = user.library.hidden[section]
    present = {(item.ref, item.username) for item in current}
    added = dict.fromkeys(KEYS, 0)
    for item in items:
        if (item.ref, item.username) in present:
            continue
        present.add((item.ref, item.username))
        current.append(item)
        added[f"{_kind(item)}s"] += 1
    kinds = {_kind(i) for i in items}
    _bump(user, section, {k for k in kinds if added[f"{k}s"]}, ctx.state.now())
    return Reply({"added": added, "not_found": not_found}, status=201)


@route("POST", "/users/hidden/{section}/remove", auth="required")
def remove(ctx: Ctx) -> Any:
    user = ctx.require_user()
    section = _section(ctx, write=True)
    items, not_found = _resolve(ctx, section)
    wanted = {(item.ref, item.username) for item in items}
    current = user.library.hidden[section]
    deleted = dict.fromkeys(KEYS, 0)
    for item in current:
        if (item.ref, item.username) in wanted:
            deleted[f"{_kind(item)}s"] += 1
    user.library.hidden[section] = [i for i in current if (i.ref, i.username) not in wanted]
    _bump(user, section, {k[:-1] for k, n in deleted.items() if n}, ctx.state.now())
    return {"deleted": deleted, "not_found": not_found}
