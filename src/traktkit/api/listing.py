"""Shared helpers of the list endpoints: all pages (or the first `limit` items) as models,
and path ids. No HTTP of its own: it drives `HttpClient.paginate`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from itertools import islice
from typing import Any, Final, TypeVar

from traktkit.api.errors import InvalidInput
from traktkit.api.validate import parse_since, validate_limit, validate_sort, validate_sort_how
from traktkit.http.client import AuthMode, HttpClient, PageInfo
from traktkit.models import Ids, format_datetime

__all__ = [
    "MAX_ITEMS",
    "PAGE_SIZE",
    "as_bound",
    "check_max_items",
    "paged",
    "path_id",
    "ranked_path",
]

M = TypeVar("M")

PAGE_SIZE: Final = 250  # the API's clamp (REFERENCE §3.2)
MAX_ITEMS: Final = 10_000_000


def check_max_items(limit: object | None, *, option: str = "--limit") -> int | None:
    """A maximum number of items to return (None = all), validated."""
    return None if limit is None else validate_limit(limit, maximum=MAX_ITEMS, option=option)


def paged(
    http: HttpClient,
    path: str,
    build: Callable[[Any], M],
    *,
    params: Mapping[str, Any] | None = None,
    limit: int | None = None,
    auth: AuthMode = "required",
    on_page: Callable[[PageInfo], None] | None = None,
) -> Iterator[M]:
    """Every item of every page as `model`, lazily; stops after `limit` items without
    asking for another page (the page size is then at most `limit`)."""
    size = min(PAGE_SIZE, limit) if limit else PAGE_SIZE
    raw: Iterator[Any] = http.paginate(path, params=params, auth=auth, limit=size, on_page=on_page)
    if limit is not None:
        raw = islice(raw, limit)
    for item in raw:
        yield build(item)


def ranked_path(path: str, kind: str, sort_by: str | None, sort_how: str | None) -> str:
    """`{path}[/{kind}[/{sort_by}/{sort_how}]]` of a ranked list (watchlist, favorites, list
    items): sorting (rank / asc unless given) names the kind, even `all`."""
    if sort_by is not None or sort_how is not None:
        by = validate_sort(sort_by or "rank")
        how = validate_sort_how(sort_how or "asc")
        return f"{path}/{kind}/{by}/{how}"
    return path if kind == "all" else f"{path}/{kind}"


def as_bound(value: datetime | str | None, option: str) -> str | None:
    """A `--since`/`--until` value (datetime or text) in the API's timestamp format."""
    if value is None:
        return None
    when = parse_since(value, option=option) if isinstance(value, str) else value
    return format_datetime(when)


def path_id(ids: Ids, what: str) -> str:
    """The id to put in a `/movies/{id}`-style path: Trakt id, slug or IMDb id."""
    for key in ("trakt", "slug", "imdb"):
        value = getattr(ids, key)
        if value not in (None, ""):
            return str(value)
    raise InvalidInput(f"{what} has no Trakt id, slug or IMDb id to look it up by")
