"""Pagination: per-route page specs, the two profiles, and the X-Pagination-* headers.

Profiles (REFERENCE §3):

* `2026` (default): every paginated route pages by default with its own default limit
  (search 50, history/watchlist/lists/trending 100, comments 10, ...); `limit` above the
  route's maximum (250, or 100 for recommendations/updates) is clamped, not rejected.
* `classic`: default limit 10, and "pagination optional" routes return everything unless
  the request sends `page` or `limit`.

Bad values (`page=abc`, `limit=0`, `page=-1`) answer 400. A page past the end is an empty
list with correct headers. `X-Pagination-Page-Count` is at least 1 (an empty listing has
one, empty, page).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from traktkit.sandbox.errors import ApiError

T = TypeVar("T")

MAX_LIMIT = 250
CLASSIC_DEFAULT = 10


@dataclass(frozen=True)
class PageSpec:
    """How one route pages: `default` limit (2026 profile), `max_limit`, `optional`."""

    default: int = 10
    max_limit: int = MAX_LIMIT
    optional: bool = False  # classic profile: everything unless page/limit is sent
    headers: tuple[str, ...] = ("Page", "Limit", "Page-Count", "Item-Count")


@dataclass(frozen=True)
class PageWindow:
    page: int
    limit: int


def _positive_int(query: Mapping[str, str], name: str) -> int | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "invalid_parameter", f"{name} must be a positive integer") from None
    if value < 1:
        raise ApiError(400, "invalid_parameter", f"{name} must be a positive integer")
    return value


def resolve(spec: PageSpec, query: Mapping[str, str], profile: str) -> PageWindow | None:
    """The page/limit to serve, or None to return everything (classic optional routes)."""
    page = _positive_int(query, "page")
    limit = _positive_int(query, "limit")
    if profile == "classic":
        if spec.optional and page is None and limit is None:
            return None
        default = min(CLASSIC_DEFAULT, spec.max_limit)
    else:
        default = spec.default
    return PageWindow(page=page or 1, limit=min(limit or default, spec.max_limit))


def slice_page(
    items: Sequence[T], window: PageWindow | None, spec: PageSpec
) -> tuple[Sequence[T], dict[str, str]]:
    """The items of the requested page and the X-Pagination-* headers to send."""
    total = len(items)
    if window is None:
        return items, {}
    start = (window.page - 1) * window.limit
    chunk = items[start : start + window.limit] if start < total else items[0:0]
    values = {
        "Page": window.page,
        "Limit": window.limit,
        "Page-Count": max(1, math.ceil(total / window.limit)),
        "Item-Count": total,
    }
    headers = {f"X-Pagination-{name}": str(values[name]) for name in spec.headers}
    return chunk, headers


# Per-route page specs, 2026 defaults measured on the real API (REFERENCE §3.2); `optional`
# marks the Apiary "pagination optional" routes (everything by default in `classic`).
SEARCH = PageSpec(default=50)
TRENDING = PageSpec(default=100)  # trending, popular, anticipated, favorited, played, ...
HISTORY = PageSpec(default=100)
WATCHLIST = PageSpec(default=100, optional=True)  # also favorites
LISTS = PageSpec(default=100, optional=True)  # user lists, list items, /movies/{id}/lists
COLLECTION = PageSpec(default=100, optional=True)
WATCHED = PageSpec(default=100, optional=True)
WATCHED_PROGRESS = PageSpec(default=100, max_limit=100, optional=True)
RATINGS = PageSpec(default=100, optional=True)
PLAYBACK = PageSpec(default=100, optional=True)
HIDDEN = PageSpec(default=100)
COMMENTS = PageSpec(default=10)
UPDATES = PageSpec(default=10, max_limit=100)
RECOMMENDATIONS = PageSpec(default=10, max_limit=100, headers=("Page", "Limit"))
