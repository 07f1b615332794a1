"""Sync responses (REFERENCE §8): POST results and `last_activities`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from traktkit.models.base import TraktModel
from traktkit.models.dates import TraktDateTime

__all__ = [
    "COUNT_KEYS",
    "LastActivities",
    "ListStatus",
    "ReorderResult",
    "SyncCounts",
    "SyncNotFound",
    "SyncResult",
]

COUNT_KEYS: tuple[str, ...] = ("movies", "shows", "seasons", "episodes", "people", "users")


class SyncCounts(TraktModel):
    """`added` / `existing` / `updated` / `deleted`: counts per type (each a subset)."""

    movies: int | None = None
    shows: int | None = None
    seasons: int | None = None
    episodes: int | None = None
    people: int | None = None
    users: int | None = None

    def get(self, key: str) -> int:
        """The count for `key` (`movies`, ...), 0 when absent."""
        value = getattr(self, key, None) if key in COUNT_KEYS else None
        return value if isinstance(value, int) else 0

    @property
    def total(self) -> int:
        return sum(self.get(key) for key in COUNT_KEYS)


class SyncNotFound(TraktModel):
    """`not_found`: the unmatched entries echoed exactly as sent; `ids` for history ids."""

    movies: list[dict[str, Any]] | None = None
    shows: list[dict[str, Any]] | None = None
    seasons: list[dict[str, Any]] | None = None
    episodes: list[dict[str, Any]] | None = None
    people: list[dict[str, Any]] | None = None
    users: list[dict[str, Any]] | None = None
    ids: list[int] | None = None

    def entries(self, key: str) -> list[dict[str, Any]]:
        """The echoed entries under `key` (`movies`, ...), [] when absent."""
        value = getattr(self, key, None) if key in COUNT_KEYS else None
        return list(value) if isinstance(value, list) else []

    @property
    def total(self) -> int:
        return sum(len(self.entries(key)) for key in COUNT_KEYS) + len(self.ids or [])


class ListStatus(TraktModel):
    item_count: int | None = None
    updated_at: TraktDateTime | None = None


class SyncResult(TraktModel):
    """The body of a sync POST: every endpoint returns a subset of these keys."""

    added: SyncCounts | None = None
    existing: SyncCounts | None = None
    updated: SyncCounts | None = None
    deleted: SyncCounts | None = None
    not_found: SyncNotFound | None = None
    list_: ListStatus | None = Field(default=None, alias="list")

    def merge(self, other: SyncResult) -> SyncResult:
        """Both results added together (for a write split into several POSTs)."""
        data: dict[str, Any] = {}
        for name in ("added", "existing", "updated", "deleted"):
            mine: SyncCounts | None = getattr(self, name)
            theirs: SyncCounts | None = getattr(other, name)
            if mine is None and theirs is None:
                continue
            counts: dict[str, int] = {}
            for key in COUNT_KEYS:
                present = [c for c in (mine, theirs) if c is not None and key in c.model_fields_set]
                if present:
                    counts[key] = sum(c.get(key) for c in present)
            data[name] = counts
        if self.not_found is not None or other.not_found is not None:
            nf: dict[str, list[Any]] = {}
            for key in (*COUNT_KEYS, "ids"):
                parts = [
                    n for n in (self.not_found, other.not_found) if n and key in n.model_fields_set
                ]
                if parts:
                    nf[key] = [e for n in parts for e in (getattr(n, key) or [])]
            data["not_found"] = nf
        last = other.list_ if other.list_ is not None else self.list_
        if last is not None:
            data["list"] = last
        return SyncResult.model_validate(data)


class ReorderResult(TraktModel):
    """`POST …/reorder`: `{"updated": N, "skipped_ids": [...], "list": {...}}`."""

    updated: int | None = None
    skipped_ids: list[int] | None = None
    list_: ListStatus | None = Field(default=None, alias="list")


_SECTIONS = (
    "movies",
    "episodes",
    "shows",
    "seasons",
    "comments",
    "lists",
    "watchlist",
    "favorites",
    "recommendations",
    "collaborations",
    "account",
    "saved_filters",
    "notes",
)


class LastActivities(TraktModel):
    """`GET /sync/last_activities` (REFERENCE §8.2): `all` plus sections of timestamps.

    Sections are loose `{key: datetime | None}` maps so that keys the API adds later
    (it added `favorited_at`, `reacted_at`, `dropped_at`, ...) are kept.
    """

    all: TraktDateTime | None = None
    movies: dict[str, TraktDateTime | None] | None = None
    episodes: dict[str, TraktDateTime | None] | None = None
    shows: dict[str, TraktDateTime | None] | None = None
    seasons: dict[str, TraktDateTime | None] | None = None
    comments: dict[str, TraktDateTime | None] | None = None
    lists: dict[str, TraktDateTime | None] | None = None
    watchlist: dict[str, TraktDateTime | None] | None = None
    favorites: dict[str, TraktDateTime | None] | None = None
    recommendations: dict[str, TraktDateTime | None] | None = None
    collaborations: dict[str, TraktDateTime | None] | None = None
    account: dict[str, TraktDateTime | None] | None = None
    saved_filters: dict[str, TraktDateTime | None] | None = None
    notes: dict[str, TraktDateTime | None] | None = None

    def get(self, section: str, key: str) -> datetime | None:
        """`activities.get("movies", "watched_at")`; None when absent."""
        if section not in _SECTIONS:
            return None
        values: dict[str, datetime | None] | None = getattr(self, section)
        return None if values is None else values.get(key)
