"""The watchlist: `GET /sync/watchlist[/{type}[/{sort_by}/{sort_how}]]`, add and remove
(REFERENCE §8.8). Adds are idempotent (an item already there counts as `existing`);
a free account over its limit gets 420 (`AccountLimitExceeded`, never retried)."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterator, Sequence

from traktkit.api.listing import check_max_items, paged
from traktkit.api.validate import (
    validate_list_type,
    validate_notes,
    validate_sort,
    validate_sort_how,
)
from traktkit.api.writes import ItemInput, SyncWriter, WriteHooks, WriteReport, with_fields
from traktkit.http.client import HttpClient, PageInfo
from traktkit.models import WatchlistItem

__all__ = ["WatchlistApi"]


class WatchlistApi:
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
        """Every watchlist item (all pages), optionally of one type, sorted by the server.

        `type`: movies, shows, seasons, episodes or all; `sort_by`: rank, added, title,
        released, ...; `sort_how`: asc or desc (default asc when `sort_by` is given).
        """
        kind = validate_list_type(type)
        max_items = check_max_items(limit)
        path = "/sync/watchlist"
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
        """`POST /sync/watchlist` in batches; `notes` (VIP) apply to every item."""
        defaults = {"notes": validate_notes(notes)} if notes is not None else {}
        resolved = self._writer.resolve_all(items, hooks)
        prepared = with_fields(resolved, defaults, ("notes",))
        return self._writer.write("/sync/watchlist", prepared, idempotent=True, hooks=hooks)

    def remove(self, items: Sequence[ItemInput], *, hooks: WriteHooks | None = None) -> WriteReport:
        """`POST /sync/watchlist/remove` in batches."""
        resolved = with_fields(self._writer.resolve_all(items, hooks), {}, ())
        return self._writer.write("/sync/watchlist/remove", resolved, idempotent=True, hooks=hooks)
