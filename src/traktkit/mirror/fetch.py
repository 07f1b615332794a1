"""Fetching for the sync engine: counts requests, reports progress, spots missing routes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from traktkit.http.client import HttpClient
from traktkit.http.errors import NotFound, TraktError
from traktkit.http.types import PageInfo

__all__ = ["PAGE_LIMIT", "Fetcher", "ProgressHook", "SyncProgress", "Unavailable"]

PAGE_LIMIT = 250  # the API's maximum page size (REFERENCE §3.2)

ProgressPhase = Literal["start", "page", "done", "unchanged", "unavailable"]


@dataclass(frozen=True)
class SyncProgress:
    """A progress event: a section starts, receives a page, ends (or is skipped)."""

    section: str
    phase: ProgressPhase
    page: int = 0
    pages: int | None = None  # known after the first page
    items: int | None = None  # the section's item count, when the server says


ProgressHook = Callable[[SyncProgress], None]


class Unavailable(Exception):
    """The server has no such route (404): the section cannot be mirrored there."""

    def __init__(self, path: str) -> None:
        super().__init__(f"the server has no {path} (404)")
        self.path = path


class Fetcher:
    """GETs with the user's token; counts every request it makes."""

    def __init__(self, http: HttpClient, progress: ProgressHook | None = None) -> None:
        self.http = http
        self.progress = progress
        self.requests = 0

    def emit(self, event: SyncProgress) -> None:
        if self.progress is not None:
            self.progress(event)

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        self.requests += 1
        try:
            return self.http.get(path, params=params, auth="required")
        except NotFound:
            raise Unavailable(path) from None

    def pages(
        self,
        section: str,
        path: str,
        params: Mapping[str, Any] | None = None,
        *,
        limit: int = PAGE_LIMIT,
        on_page: Callable[[PageInfo], None] | None = None,
    ) -> Iterator[Any]:
        """Every item of every page (see `HttpClient.paginate`), reporting each page."""

        def page_done(info: PageInfo) -> None:
            self.requests += 1
            self.emit(SyncProgress(section, "page", info.page, info.page_count, info.item_count))
            if on_page is not None:
                on_page(info)

        iterator = self.http.paginate(
            path, params=params, auth="required", limit=limit, on_page=page_done
        )
        try:
            yield from iterator
        except NotFound:
            self.requests += 1  # the failed page was not reported by on_page
            raise Unavailable(path) from None
        except TraktError:
            self.requests += 1
            raise
