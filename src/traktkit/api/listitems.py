"""The ranked list-item containers under `/sync` (watchlist, favorites): one read path
(`GET {path}[/{type}[/{sort_by}/{sort_how}]]`, list-item wrappers, all pages) and one
write path (`POST {path}` with optional `notes`, `POST {path}/remove`), both idempotent
(an item already there counts as `existing`)."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterator, Sequence
from typing import ClassVar

from traktkit.api.listing import check_max_items, paged, ranked_path
from traktkit.api.validate import validate_list_type, validate_notes
from traktkit.api.writes import (
    ItemInput,
    SyncWriter,
    WriteHooks,
    WriteItem,
    WriteReport,
    with_fields,
)
from traktkit.http.client import HttpClient, PageInfo
from traktkit.models import WatchlistItem

__all__ = ["ListItemsApi"]


class ListItemsApi:
    """Shared by `WatchlistApi` and `FavoritesApi`; subclasses set `path` and may narrow
    the accepted types (`_list_type`) and items (`_check`)."""

    path: ClassVar[str]

    def __init__(self, http: HttpClient, writer: SyncWriter) -> None:
        self._http = http
        self._writer = writer

    def _list_type(self, value: str) -> str:
        """The `type` to list, validated (movies, shows, seasons, episodes or all)."""
        return validate_list_type(value)

    def _check(self, items: Sequence[WriteItem]) -> None:
        """Rejects (InvalidInput) resolved items this container cannot hold."""

    def iter(
        self,
        type: str = "all",
        *,
        sort_by: str | None = None,
        sort_how: str | None = None,
        limit: int | None = None,
        on_page: Callable[[PageInfo], None] | None = None,
    ) -> Iterator[WatchlistItem]:
        """Every item (list-item wrappers, all pages), optionally of one type, sorted by
        the server.

        `type`: movies, shows, ... or all; `sort_by`: rank, added, title, released, ...;
        `sort_how`: asc or desc (default asc when `sort_by` is given).
        """
        kind = self._list_type(type)
        max_items = check_max_items(limit)
        path = ranked_path(self.path, kind, sort_by, sort_how)
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
        """`POST {path}` in batches; `notes` apply to every item (an item's own notes, from
        a `--from` file, win)."""
        defaults = {"notes": validate_notes(notes)} if notes is not None else {}
        resolved = self._writer.resolve_all(items, hooks)
        return self._write(self.path, with_fields(resolved, defaults, ("notes",)), hooks)

    def remove(self, items: Sequence[ItemInput], *, hooks: WriteHooks | None = None) -> WriteReport:
        """`POST {path}/remove` in batches."""
        resolved = with_fields(self._writer.resolve_all(items, hooks), {}, ())
        return self._write(f"{self.path}/remove", resolved, hooks)

    def _write(
        self, path: str, items: Sequence[WriteItem], hooks: WriteHooks | None
    ) -> WriteReport:
        self._check(items)
        return self._writer.write(path, items, idempotent=True, hooks=hooks)
