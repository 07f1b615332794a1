"""Ratings: list (by type, by rating values), add (1..10), remove (REFERENCE §8.7).
Re-rating overwrites, so adds are idempotent."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, Final

from traktkit.api.errors import InvalidInput
from traktkit.api.items import ItemRef, ItemSpec
from traktkit.api.listing import check_max_items, paged
from traktkit.api.resolve import ResolvedItem
from traktkit.api.validate import parse_when, validate_list_type, validate_rating
from traktkit.api.writes import ItemInput, SyncWriter, WriteHooks, WriteReport, with_fields
from traktkit.http.client import HttpClient, PageInfo
from traktkit.models import RatingItem, format_datetime

__all__ = ["RatingsApi", "parse_rating_filter"]

_FIELDS: Final = ("rating", "rated_at")


def parse_rating_filter(values: Iterable[object]) -> list[int]:
    """Ratings to filter on: numbers or comma lists (`8,9,10`), each 1..10, sorted."""
    out: set[int] = set()
    for value in values:
        parts = str(value).split(",") if isinstance(value, str) else [value]
        for part in parts:
            out.add(
                validate_rating(part.strip() if isinstance(part, str) else part, option="--rating")
            )
    return sorted(out)


def _describe(entry: ItemRef | ItemSpec | ResolvedItem) -> str:
    if isinstance(entry, ItemSpec):
        return entry.ref.describe()
    return entry.describe() if isinstance(entry, ItemRef) else entry.label


class RatingsApi:
    def __init__(self, http: HttpClient, writer: SyncWriter) -> None:
        self._http = http
        self._writer = writer

    def iter(
        self,
        type: str = "all",
        *,
        ratings: Iterable[object] = (),
        limit: int | None = None,
        on_page: Callable[[PageInfo], None] | None = None,
    ) -> Iterator[RatingItem]:
        """`GET /sync/ratings/{type}[/{rating,…}]` (all pages)."""
        kind = validate_list_type(type)
        wanted = parse_rating_filter(ratings)
        max_items = check_max_items(limit)
        path = f"/sync/ratings/{kind}"
        if wanted:
            path += "/" + ",".join(str(r) for r in wanted)
        return paged(self._http, path, RatingItem.model_validate, limit=max_items, on_page=on_page)

    def list(
        self, type: str = "all", *, ratings: Iterable[object] = (), limit: int | None = None
    ) -> builtins.list[RatingItem]:
        return builtins.list(self.iter(type, ratings=ratings, limit=limit))

    def add(
        self,
        items: Sequence[ItemInput],
        rating: int | str | None = None,
        *,
        rated_at: str | datetime | None = None,
        hooks: WriteHooks | None = None,
    ) -> WriteReport:
        """`POST /sync/ratings`: `rating` (1..10) for every item, unless an item brings its
        own (`--from` files); an item without any rating is rejected before sending."""
        defaults: dict[str, Any] = {}
        if rating is not None:
            defaults["rating"] = validate_rating(rating)
        if isinstance(rated_at, datetime):
            defaults["rated_at"] = format_datetime(rated_at)
        elif rated_at is not None:
            defaults["rated_at"] = parse_when(rated_at, option="--rated-at", allow_released=False)
        prepared = self._writer.prepare(items)
        if rating is None:
            for entry in prepared:
                if not (isinstance(entry, ItemSpec) and "rating" in entry.fields):
                    what = _describe(entry)
                    raise InvalidInput(f"no rating for {what}: give a rating from 1 to 10")
        resolved = self._writer.resolve_all(prepared, hooks)
        return self._writer.write(
            "/sync/ratings", with_fields(resolved, defaults, _FIELDS), idempotent=True, hooks=hooks
        )

    def remove(self, items: Sequence[ItemInput], *, hooks: WriteHooks | None = None) -> WriteReport:
        """`POST /sync/ratings/remove` in batches."""
        resolved = with_fields(self._writer.resolve_all(items, hooks), {}, ())
        return self._writer.write("/sync/ratings/remove", resolved, idempotent=True, hooks=hooks)
