"""The collection (2026: "library"): list with metadata, add with metadata, remove
(REFERENCE §8.4). Re-adding an item updates its metadata (`updated`)."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from traktkit.api.errors import InvalidInput
from traktkit.api.listing import check_max_items, paged
from traktkit.api.validate import METADATA_FIELDS, parse_when, validate_metadata
from traktkit.api.writes import ItemInput, SyncWriter, WriteHooks, WriteReport, with_fields
from traktkit.http.client import HttpClient, PageInfo
from traktkit.models import CollectionMovie, CollectionShow, format_datetime

__all__ = ["COLLECTION_TYPES", "CollectionApi", "CollectionEntry"]

CollectionEntry = CollectionMovie | CollectionShow
COLLECTION_TYPES: Final = ("movies", "shows", "all")
_FIELDS: Final = ("collected_at", *METADATA_FIELDS)


def _collection_type(value: str) -> str:
    kind = value.strip().lower() if isinstance(value, str) else value
    kind = {"movie": "movies", "show": "shows"}.get(kind, kind)
    if kind not in COLLECTION_TYPES:
        raise InvalidInput(f"--type must be one of movies, shows, all; got {value!r}")
    return kind


class CollectionApi:
    def __init__(self, http: HttpClient, writer: SyncWriter) -> None:
        self._http = http
        self._writer = writer

    def iter(
        self,
        type: str = "all",
        *,
        metadata: bool = True,
        full: bool = False,
        limit: int | None = None,
        on_page: Callable[[PageInfo], None] | None = None,
    ) -> Iterator[CollectionEntry]:
        """`GET /sync/collection/{movies|shows}` (all pages; `all` = movies then shows),
        with `extended=metadata` by default."""
        kind = _collection_type(type)
        max_items = check_max_items(limit)
        extended = ",".join(x for x, on in (("metadata", metadata), ("full", full)) if on)
        params = {"extended": extended or None}
        kinds = ("movies", "shows") if kind == "all" else (kind,)

        def run() -> Iterator[CollectionEntry]:
            left = max_items
            for section in kinds:
                if left is not None and left <= 0:
                    return
                model: Callable[[Any], CollectionEntry] = (
                    CollectionMovie.model_validate
                    if section == "movies"
                    else CollectionShow.model_validate
                )
                path = f"/sync/collection/{section}"
                for entry in paged(
                    self._http, path, model, params=params, limit=left, on_page=on_page
                ):
                    yield entry
                    if left is not None:
                        left -= 1

        return run()

    def list(
        self, type: str = "all", *, metadata: bool = True, limit: int | None = None
    ) -> builtins.list[CollectionEntry]:
        return builtins.list(self.iter(type, metadata=metadata, limit=limit))

    def add(
        self,
        items: Sequence[ItemInput],
        *,
        metadata: Mapping[str, Any] | None = None,
        collected_at: str | datetime | None = None,
        hooks: WriteHooks | None = None,
    ) -> WriteReport:
        """`POST /sync/collection` in batches. `metadata`: `media_type`, `resolution`,
        `hdr`, `audio`, `audio_channels`, `3d` (validated against the allowed values);
        `collected_at`: a datetime, ISO text, `now` or `released` (server default: now)."""
        defaults: dict[str, Any] = validate_metadata(metadata or {})
        if isinstance(collected_at, datetime):
            defaults["collected_at"] = format_datetime(collected_at)
        elif collected_at is not None:
            defaults["collected_at"] = parse_when(collected_at, option="--collected-at")
        resolved = self._writer.resolve_all(items, hooks)
        prepared = with_fields(resolved, defaults, _FIELDS)
        return self._writer.write("/sync/collection", prepared, idempotent=True, hooks=hooks)

    def remove(self, items: Sequence[ItemInput], *, hooks: WriteHooks | None = None) -> WriteReport:
        """`POST /sync/collection/remove` in batches."""
        resolved = with_fields(self._writer.resolve_all(items, hooks), {}, ())
        return self._writer.write("/sync/collection/remove", resolved, idempotent=True, hooks=hooks)
