"""Public discovery lists for movies and shows (REFERENCE §10): trending, popular,
anticipated, and played / watched / collected by period. One page of `limit` (1..250)."""

from __future__ import annotations

from typing import Any, Final, Literal

from traktkit.api.errors import InvalidInput
from traktkit.api.validate import Period, validate_discovery_limit, validate_period
from traktkit.http.client import HttpClient
from traktkit.models import AnticipatedItem, Movie, PlayedItem, Show, TrendingItem

__all__ = ["MEDIA_KINDS", "STAT_KINDS", "DiscoverApi", "MediaKind", "StatKind", "media_kind"]

MediaKind = Literal["movies", "shows"]
StatKind = Literal["played", "watched", "collected"]
MEDIA_KINDS: Final[tuple[str, ...]] = ("movies", "shows")
STAT_KINDS: Final[tuple[str, ...]] = ("played", "watched", "collected")


def media_kind(value: object, *, option: str = "TYPE") -> MediaKind:
    """`movies` or `shows` (singular forms accepted)."""
    if isinstance(value, str):
        kind = value.strip().lower()
        kind = {"movie": "movies", "show": "shows"}.get(kind, kind)
        if kind == "movies":
            return "movies"
        if kind == "shows":
            return "shows"
    raise InvalidInput(f"{option} must be movies or shows; got {value!r}")


class DiscoverApi:
    def __init__(self, http: HttpClient) -> None:
        self._http = http

    def _page(self, path: str, limit: object, **params: Any) -> list[Any]:
        size = validate_discovery_limit(limit)
        data = self._http.get(path, params={**params, "page": 1, "limit": size}).data
        return list(data or [])[:size]

    def trending(self, type: str, *, limit: int = 10) -> list[TrendingItem]:
        """`GET /{movies|shows}/trending`: `{"watchers", "movie"|"show"}`."""
        kind = media_kind(type)
        return [TrendingItem.model_validate(x) for x in self._page(f"/{kind}/trending", limit)]

    def popular(self, type: str, *, limit: int = 10) -> list[Movie | Show]:
        """`GET /{movies|shows}/popular`: bare movies or shows."""
        kind = media_kind(type)
        build = Movie.model_validate if kind == "movies" else Show.model_validate
        return [build(x) for x in self._page(f"/{kind}/popular", limit)]

    def anticipated(self, type: str, *, limit: int = 10) -> list[AnticipatedItem]:
        """`GET /{movies|shows}/anticipated`: `{"list_count", "movie"|"show"}`."""
        kind = media_kind(type)
        page = self._page(f"/{kind}/anticipated", limit)
        return [AnticipatedItem.model_validate(x) for x in page]

    def stats(
        self, stat: str, type: str, *, period: str = "weekly", limit: int = 10
    ) -> list[PlayedItem]:
        """`GET /{movies|shows}/{played|watched|collected}/{period}`."""
        if stat not in STAT_KINDS:
            raise InvalidInput(f"unknown list {stat!r}; expected one of {', '.join(STAT_KINDS)}")
        kind = media_kind(type)
        when: Period = validate_period(period)
        page = self._page(f"/{kind}/{stat}/{when}", limit)
        return [PlayedItem.model_validate(x) for x in page]

    def played(self, type: str, *, period: str = "weekly", limit: int = 10) -> list[PlayedItem]:
        return self.stats("played", type, period=period, limit=limit)

    def watched(self, type: str, *, period: str = "weekly", limit: int = 10) -> list[PlayedItem]:
        return self.stats("watched", type, period=period, limit=limit)

    def collected(self, type: str, *, period: str = "weekly", limit: int = 10) -> list[PlayedItem]:
        return self.stats("collected", type, period=period, limit=limit)
