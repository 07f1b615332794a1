"""Favorites: `GET /sync/favorites[/{type}[/{sort_by}/{sort_how}]]`, add, remove and
reorder (REFERENCE §8.9). Only movies and shows can be favorites; adds are idempotent
(an item already there counts as `existing`); `notes` are kept for every user; the cap
(50) is the same for free and VIP users (420 beyond it, never retried)."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterator, Sequence
from typing import Final

from traktkit.api.errors import InvalidInput
from traktkit.api.listing import check_max_items, paged
from traktkit.api.lists import reorder_ranked
from traktkit.api.validate import validate_choice, validate_notes, validate_sort, validate_sort_how
from traktkit.api.writes import (
    ItemInput,
    SyncWriter,
    WriteHooks,
    WriteItem,
    WriteReport,
    with_fields,
)
from traktkit.http.client import HttpClient, PageInfo
from traktkit.models import ReorderResult, WatchlistItem

__all__ = ["FAVORITE_TYPES", "FavoritesApi"]

FAVORITE_TYPES: Final = ("movies", "shows", "all")
_SINGULAR: Final = {"movie": "movies", "show": "shows"}


def _favorite_type(value: str) -> str:
    text = value.strip().lower() if isinstance(value, str) else value
    return validate_choice(_SINGULAR.get(text, text), FAVORITE_TYPES, option="--type")


def _check_types(items: Sequence[WriteItem]) -> None:
    for entry in items:
        if entry.item.type not in ("movie", "show"):
            raise InvalidInput(
                f"{entry.item.label} is a {entry.item.type}: only movies and shows can be favorites"
            )


class FavoritesApi:
    def __init__(self, http: HttpClient, writer: SyncWriter) -> None:
        self._http = http
        self._writer = writer

    def iter(
        self,
        type: str = "all",
        *,
        sort_by: str | None = None,
        sort_how: str | None = None,
        limit: int | None = None,
        on_page: Callable[[PageInfo], None] | None = None,
    ) -> Iterator[WatchlistItem]:
        """Every favorite (list-item wrappers, all pages): `type` movies, shows or all;
        `sort_by` rank, added, title, released ...; `sort_how` asc or desc."""
        kind = _favorite_type(type)
        max_items = check_max_items(limit)
        path = "/sync/favorites"
        if sort_by is not None or sort_how is not None:
            by = validate_sort(sort_by or "rank")
            how = validate_sort_how(sort_how or "asc")
            path += f"/{kind}/{by}/{how}"
        elif kind != "all":
            path += f"/{kind}"
        return paged(
            self._http, path, WatchlistItem.model_validate, limit=max_items, on_page=on_page
        )

    def list(
        self,
        type: str = "all",
        *,
        sort_by: str | None = None,
        sort_how: str | None = None,
        limit: int | None = None,
    ) -> builtins.list[WatchlistItem]:
        return builtins.list(self.iter(type, sort_by=sort_by, sort_how=sort_how, limit=limit))

    def add(
        self,
        items: Sequence[ItemInput],
        *,
        notes: str | None = None,
        hooks: WriteHooks | None = None,
    ) -> WriteReport:
        """`POST /sync/favorites` in batches; `notes` apply to every item (an item's own
        notes, from a `--from` file, win)."""
        defaults = {"notes": validate_notes(notes)} if notes is not None else {}
        resolved = self._writer.resolve_all(items, hooks)
        return self.add_prepared(with_fields(resolved, defaults, ("notes",)), hooks=hooks)

    def add_prepared(
        self, items: Sequence[WriteItem], *, hooks: WriteHooks | None = None
    ) -> WriteReport:
        """`POST /sync/favorites` for items already resolved, each with its own `notes`."""
        _check_types(items)
        prepared = with_fields(items, {}, ("notes",))
        return self._writer.write("/sync/favorites", prepared, idempotent=True, hooks=hooks)

    def remove(self, items: Sequence[ItemInput], *, hooks: WriteHooks | None = None) -> WriteReport:
        """`POST /sync/favorites/remove` in batches."""
        resolved = with_fields(self._writer.resolve_all(items, hooks), {}, ())
        _check_types(resolved)
        return self._writer.write("/sync/favorites/remove", resolved, idempotent=True, hooks=hooks)

    def reorder(self, ids: Sequence[int]) -> ReorderResult:
        """`POST /sync/favorites/reorder`: these list-item ids first, in this order."""
        return reorder_ranked(self._http, "/sync/favorites/reorder", ids)
