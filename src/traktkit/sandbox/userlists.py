"""Personal lists (REFERENCE §7.3, §12.4): lookup, privacy, slugs and the validation of
the list fields of `POST|PUT /users/{id}/lists[/{list_id}]`.

* a `{list_id}` is the list's Trakt id or its slug (the Trakt id wins);
* slugs come from the name, unique per user (`-2`, `-3`, ... on collisions) and are kept
  when the list is renamed;
* reading another user's list: `public` and `link` lists are readable by anyone; `private`
  and `friends` lists (and every list of a private user) only by their owner (the sandbox
  has no followers) -> 401 with `X-Private-User: true`. `GET /users/{id}/lists` shows
  other users only `public` lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import PersonalList
from traktkit.sandbox.sorting import SORT_BY, SORT_HOW, VIP_SORT_BY
from traktkit.sandbox.synthetic import slugify
from traktkit.sandbox.validation import bad_type, invalid

if TYPE_CHECKING:
    from traktkit.sandbox.state import SandboxState
    from traktkit.sandbox.users import UserState

PRIVACY = ("private", "link", "friends", "public")
READABLE_BY_ANYONE = frozenset({"public", "link"})
NAME_MAX = 255
_TEXT_FIELDS = ("name", "description")
_BOOL_FIELDS = ("display_numbers", "allow_comments")
_CHOICES: dict[str, tuple[str, ...]] = {
    "privacy": PRIVACY,
    "sort_by": SORT_BY + VIP_SORT_BY,
    "sort_how": SORT_HOW,
}


def find_list(user: UserState, ident: str) -> PersonalList | None:
    lists = user.library.lists
    if ident.isdigit():
        found = next((p for p in lists if p.trakt == int(ident)), None)
        if found is not None:
            return found
    return next((p for p in lists if p.slug == ident.lower()), None)


def find_list_anywhere(state: SandboxState, trakt: int) -> tuple[UserState, PersonalList] | None:
    """`/lists/{id}`: a list by Trakt id, whoever owns it."""
    for user in state.users.values():
        for plist in user.library.lists:
            if plist.trakt == trakt:
                return user, plist
    return None


def can_read(owner: UserState, plist: PersonalList, viewer: UserState | None) -> bool:
    if viewer is not None and viewer.username == owner.username:
        return True
    return plist.privacy in READABLE_BY_ANYONE and not owner.private


def private_list() -> ApiError:
    return ApiError(
        401, "private_list", "This list is private.", headers={"X-Private-User": "true"}
    )


def unique_slug(user: UserState, name: str) -> str:
    base = slugify(name) or "list"
    used = {p.slug for p in user.library.lists}
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    return slug


def list_fields(body: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    """The validated list fields sent (400 wrong JSON type, 422 a value not allowed)."""
    out: dict[str, Any] = {}
    if creating and not isinstance(body.get("name"), str):
        if body.get("name") is not None:
            raise bad_type("name", "must be a string")
        raise invalid("name", "is required")
    for name in _TEXT_FIELDS:
        if name not in body:
            continue
        value = body[name]
        if value is None and name == "description":
            out[name] = None
            continue
        if not isinstance(value, str):
            raise bad_type(name, "must be a string")
        if name == "name" and not value.strip():
            raise invalid(name, "must not be empty")
        if name == "name" and len(value) > NAME_MAX:
            raise invalid(name, f"longer than {NAME_MAX} characters")
        out[name] = value.strip() if name == "name" else value
    for name in _BOOL_FIELDS:
        if name in body:
            if not isinstance(body[name], bool):
                raise bad_type(name, "must be a boolean")
            out[name] = body[name]
    for name, allowed in _CHOICES.items():
        if name in body:
            value = body[name]
            if not isinstance(value, str):
                raise bad_type(name, "must be a string")
            if value not in allowed:
                raise invalid(name, f"{value!r} is not one of {', '.join(allowed)}")
            out[name] = value
    return out


def touch(user: UserState, plist: PersonalList, now: float) -> None:
    """The list changed: its `updated_at` and `lists.updated_at` move."""
    plist.updated_at = now
    user.bump("lists", "updated_at", now)


def total_items(user: UserState) -> int:
    return sum(len(p.items) for p in user.library.lists)
