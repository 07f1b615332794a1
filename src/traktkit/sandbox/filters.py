"""Filters of the movie/show lists (REFERENCE §4.2): query parameters -> a predicate.

Supported: `years` (`2016` or `2010-2020`), `genres`, `languages`, `countries`,
`certifications` (comma lists, OR-ed), `runtimes` (`30-90`), `ratings` (Trakt 0-100),
`votes` (`1000-` style ranges too), and for shows `networks` and `status`. Malformed
ranges answer 400; unknown slugs simply match nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from traktkit.sandbox.catalogue import Movie, Show
from traktkit.sandbox.errors import ApiError


def parse_years(raw: str | None) -> tuple[int, int] | None:
    if raw is None or raw == "":
        return None
    first, sep, last = raw.partition("-")
    try:
        low = int(first)
        high = int(last) if sep else low
    except ValueError:
        raise ApiError(400, "invalid_parameter", "years must be YYYY or YYYY-YYYY") from None
    if low > high:
        raise ApiError(400, "invalid_parameter", "years range is reversed")
    return low, high


def _range(name: str, raw: str | None) -> tuple[float, float] | None:
    if raw is None or raw == "":
        return None
    first, sep, last = raw.partition("-")
    try:
        low = float(first) if first else float("-inf")
        high = (float(last) if last else float("inf")) if sep else low
    except ValueError:
        raise ApiError(400, "invalid_parameter", f"{name} must be N or N-M") from None
    if low > high:
        raise ApiError(400, "invalid_parameter", f"{name} range is reversed")
    return low, high


def _slugs(raw: str | None) -> frozenset[str] | None:
    if raw is None or raw == "":
        return None
    return frozenset(p.strip().lower() for p in raw.split(",") if p.strip())


def _inside(bounds: tuple[float, float] | None, value: float | None) -> bool:
    if bounds is None:
        return True
    return value is not None and bounds[0] <= value <= bounds[1]


def _any(wanted: frozenset[str] | None, values: tuple[str, ...] | list[str]) -> bool:
    return wanted is None or bool(wanted & {v.lower() for v in values})


@dataclass(frozen=True)
class Filters:
    years: tuple[int, int] | None = None
    genres: frozenset[str] | None = None
    languages: frozenset[str] | None = None
    countries: frozenset[str] | None = None
    certifications: frozenset[str] | None = None
    networks: frozenset[str] | None = None
    status: frozenset[str] | None = None
    runtimes: tuple[float, float] | None = None
    ratings: tuple[float, float] | None = None
    votes: tuple[float, float] | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        years = parse_years(query.get("years"))
        return cls(
            years=years,
            genres=_slugs(query.get("genres")),
            languages=_slugs(query.get("languages")),
            countries=_slugs(query.get("countries")),
            certifications=_slugs(query.get("certifications")),
            networks=_slugs(query.get("networks")),
            status=_slugs(query.get("status")),
            runtimes=_range("runtimes", query.get("runtimes")),
            ratings=_range("ratings", query.get("ratings")),
            votes=_range("votes", query.get("votes")),
        )

    def predicate(self) -> Callable[[Movie | Show], bool]:
        def keep(item: Movie | Show) -> bool:
            year = None if self.years is None else item.year
            if self.years is not None and (year is None or not _inside(self.years, year)):
                return False
            network = item.network if isinstance(item, Show) else None
            status = item.status if isinstance(item, Show) else None
            return (
                _any(self.genres, item.genres)
                and _any(self.languages, (item.language,))
                and _any(self.countries, (item.country,))
                and _any(self.certifications, (item.certification or "",))
                and (self.networks is None or _any(self.networks, (network or "",)))
                and (self.status is None or _any(self.status, (status or "",)))
                and _inside(self.runtimes, item.runtime)
                and _inside(self.ratings, item.rating * 10)
                and _inside(self.votes, item.votes)
            )

        return keep
