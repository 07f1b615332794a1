"""Personal lists (REFERENCE §12.4): the user's lists, their items, create / delete, add /
remove / reorder items; plus `reorder_ranked`, the shared `{"rank": [ids]}` reorder of the
ranked containers (watchlist, favorites, list items).

Writes of media items go through the shared write engine (resolve first, 250 per POST,
per-item outcomes); people, which the engine does not model, are sent by id in batches of
250 with `add_people`. Lists are addressed by Trakt id or slug, always the logged-in
user's (`/users/me/...`).
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final

from traktkit.api.errors import InvalidInput
from traktkit.api.listing import check_max_items, paged, ranked_path
from traktkit.api.payload import DEFAULT_CHUNK_SIZE, chunk_items
from traktkit.api.validate import (
    validate_choice,
    validate_notes,
    validate_sort,
    validate_sort_how,
)
from traktkit.api.writes import (
    ItemInput,
    SyncWriter,
    WriteHooks,
    WriteItem,
    WriteReport,
    with_fields,
)
from traktkit.http.client import AuthMode, HttpClient, PageInfo
from traktkit.models import ListInfo, ReorderResult, SyncResult, WatchlistItem

__all__ = ["LIST_NAME_MAX", "PRIVACY", "ListsApi", "check_list_id", "reorder_ranked"]

PRIVACY: Final = ("private", "link", "friends", "public")
LIST_NAME_MAX: Final = 255
_SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)


def check_list_id(value: int | str) -> str:
    """A list's Trakt id (positive whole number) or slug, for a path."""
    text = str(value).strip()
    valid = int(text) > 0 if text.isdigit() else bool(_SLUG.fullmatch(text))
    if isinstance(value, bool) or not valid:
        raise InvalidInput(f"a list is named by its Trakt id or slug; got {value!r}")
    return text


def reorder_ranked(http: HttpClient, path: str, ids: Sequence[int]) -> ReorderResult:
    """`POST {path} {"rank": [list item ids]}`: the named ids first, in this order."""
    rank = [int(i) for i in ids]
    if not rank:
        raise InvalidInput("give at least one list item id to reorder")
    data = http.post(path, {"rank": rank}, idempotent=True).data
    return ReorderResult.model_validate(data or {})


def list_fields(
    *,
    name: str | None = None,
    description: str | None = None,
    privacy: str | None = None,
    display_numbers: bool | None = None,
    allow_comments: bool | None = None,
    sort_by: str | None = None,
    sort_how: str | None = None,
) -> dict[str, Any]:
    """The validated body of a list create / update (None values left out)."""
    body: dict[str, Any] = {}
    if name is not None:
        if not isinstance(name, str) or not name.strip():
            raise InvalidInput("a list needs a name")
        if len(name.strip()) > LIST_NAME_MAX:
            raise InvalidInput(f"a list name is at most {LIST_NAME_MAX} characters")
        body["name"] = name.strip()
    if description is not None:
        if not isinstance(description, str):
            raise InvalidInput("a list description must be text")
        body["description"] = description
    if privacy is not None:
        body["privacy"] = validate_choice(privacy, PRIVACY, option="privacy")
    for key, flag in (("display_numbers", display_numbers), ("allow_comments", allow_comments)):
        if flag is not None:
            if not isinstance(flag, bool):
                raise InvalidInput(f"{key} must be true or false")
            body[key] = flag
    if sort_by is not None:
        body["sort_by"] = validate_sort(sort_by, option="sort_by")
    if sort_how is not None:
        body["sort_how"] = validate_sort_how(sort_how, option="sort_how")
    return body


class ListsApi:
    def __init__(self, http: HttpClient, writer: SyncWriter) -> None:
        self._http = http
        self._writer = writer

    # -- lists ---------------------------------------------------------------------------

    def iter(
        self, user: str = "me", *, on_page: Callable[[PageInfo], None] | None = None
    ) -> Iterator[ListInfo]:
        """`GET /users/{user}/lists` (all pages): the user's personal lists, in their order."""
        auth: AuthMode = "required" if user == "me" else "optional"
        return paged(
            self._http,
            f"/users/{user}/lists",
            ListInfo.model_validate,
            auth=auth,
            on_page=on_page,
        )

    def list(self, user: str = "me") -> builtins.list[ListInfo]:
        return builtins.list(self.iter(user))

    def create(self, name: str, **fields: Any) -> ListInfo:
        """`POST /users/me/lists`: a new list (`description`, `privacy`, `display_numbers`,
        `allow_comments`, `sort_by`, `sort_how`); 420 beyond the account's list count."""
        body = list_fields(name=name, **fields)
        return ListInfo.model_validate(self._http.post("/users/me/lists", body).data or {})

    def delete(self, list_id: int | str) -> None:
        """`DELETE /users/me/lists/{id}` with its items."""
        self._http.delete(f"/users/me/lists/{check_list_id(list_id)}")

    # -- items ---------------------------------------------------------------------------

    def items(
        self,
        list_id: int | str,
        *,
        user: str = "me",
        sort_by: str | None = None,
        sort_how: str | None = None,
        limit: int | None = None,
        on_page: Callable[[PageInfo], None] | None = None,
    ) -> Iterator[WatchlistItem]:
        """`GET /users/{user}/lists/{id}/items[/all/{sort_by}/{sort_how}]` (all pages):
        list-item wrappers (movies, shows, seasons, episodes, people)."""
        base = f"/users/{user}/lists/{check_list_id(list_id)}/items"
        path = ranked_path(base, "all", sort_by, sort_how)
        auth: AuthMode = "required" if user == "me" else "optional"
        return paged(
            self._http,
            path,
            WatchlistItem.model_validate,
            limit=check_max_items(limit),
            auth=auth,
            on_page=on_page,
        )

    def add_items(
        self,
        list_id: int | str,
        items: Sequence[ItemInput],
        *,
        notes: str | None = None,
        hooks: WriteHooks | None = None,
    ) -> WriteReport:
        """`POST /users/me/lists/{id}/items` in batches (`notes`: VIP only)."""
        defaults = {"notes": validate_notes(notes)} if notes is not None else {}
        resolved = self._writer.resolve_all(items, hooks)
        prepared = with_fields(resolved, defaults, ("notes",))
        return self.add_prepared(list_id, prepared, hooks=hooks)

    def add_prepared(
        self, list_id: int | str, items: Sequence[WriteItem], *, hooks: WriteHooks | None = None
    ) -> WriteReport:
        """Add items already resolved, each with its own `notes`."""
        path = f"/users/me/lists/{check_list_id(list_id)}/items"
        prepared = with_fields(items, {}, ("notes",))
        return self._writer.write(path, prepared, idempotent=True, hooks=hooks)

    def add_people(self, list_id: int | str, people: Sequence[Mapping[str, Any]]) -> SyncResult:
        """Add people (`{"ids": {...}, "notes"?: ...}` entries, ids required) in batches
        of 250; the merged answer (`not_found.people` echoes the unknown ones)."""
        path = f"/users/me/lists/{check_list_id(list_id)}/items"
        entries = []
        for person in people:
            ids = person.get("ids")
            if not isinstance(ids, Mapping) or not any(v not in (None, "") for v in ids.values()):
                raise InvalidInput("a person on a list needs ids")
            entry: dict[str, Any] = {"ids": {k: v for k, v in ids.items() if v not in (None, "")}}
            if person.get("notes") is not None:
                entry["notes"] = validate_notes(person["notes"], option="notes")
            entries.append(entry)
        merged = SyncResult()
        for chunk in chunk_items(entries, DEFAULT_CHUNK_SIZE):
            merged = merged.merge(self._writer.post(path, {"people": chunk}, idempotent=True))
        return merged

    def remove_items(
        self, list_id: int | str, items: Sequence[ItemInput], *, hooks: WriteHooks | None = None
    ) -> WriteReport:
        """`POST /users/me/lists/{id}/items/remove` in batches."""
        path = f"/users/me/lists/{check_list_id(list_id)}/items/remove"
        resolved = with_fields(self._writer.resolve_all(items, hooks), {}, ())
        return self._writer.write(path, resolved, idempotent=True, hooks=hooks)

    def reorder_items(self, list_id: int | str, ids: Sequence[int]) -> ReorderResult:
        """`POST /users/me/lists/{id}/items/reorder`: these list-item ids first."""
        path = f"/users/me/lists/{check_list_id(list_id)}/items/reorder"
        return reorder_ranked(self._http, path, ids)

    def reorder_watchlist(self, ids: Sequence[int]) -> ReorderResult:
        """`POST /sync/watchlist/reorder` (the watchlist is the built-in ranked list)."""
        return reorder_ranked(self._http, "/sync/watchlist/reorder", ids)
