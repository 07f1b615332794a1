"""Item wrappers returned by list endpoints (search, watchlist, history, ratings, ...).

Each wrapper carries the media object(s) under the API's own keys (`movie`, `show`,
`season`, `episode`, `person`, `list`) plus its own fields. `type` is kept as a plain
string so that an item type the API adds later does not break a whole page.
"""

from __future__ import annotations

from pydantic import Field

from traktkit.models.base import TraktModel
from traktkit.models.dates import TraktDateTime
from traktkit.models.media import Episode, ListInfo, Movie, Person, Season, Show

__all__ = [
    "AnticipatedItem",
    "CollectionEpisode",
    "CollectionMetadata",
    "CollectionMovie",
    "CollectionSeason",
    "CollectionShow",
    "FavoritedItem",
    "HistoryItem",
    "MediaObject",
    "PlayedItem",
    "RatingItem",
    "SearchResult",
    "TrendingItem",
    "WatchedMovie",
    "WatchedShow",
    "WatchlistItem",
]

MediaObject = Movie | Show | Season | Episode | Person | ListInfo


class _Wrapped(TraktModel):
    """Shared accessor for wrappers holding one media object under a `type` key."""

    type: str | None = None
    movie: Movie | None = None
    show: Show | None = None
    season: Season | None = None
    episode: Episode | None = None

    @property
    def media(self) -> Movie | Show | Season | Episode | None:
        """The object named by `type` (the episode/season, not its show), else the first."""
        by_type: dict[str, Movie | Show | Season | Episode | None] = {
            "movie": self.movie,
            "show": self.show,
            "season": self.season,
            "episode": self.episode,
        }
        if self.type in by_type and by_type[self.type] is not None:
            return by_type[self.type]
        return self.episode or self.season or self.movie or self.show


class SearchResult(_Wrapped):
    """`{"type","score","movie"|"show"|"episode"+"show"|"person"|"list"}` (REFERENCE §9).

    `score` is null for id lookups.
    """

    score: float | None = None
    person: Person | None = None
    list_: ListInfo | None = Field(default=None, alias="list")

    @property
    def item(self) -> MediaObject | None:
        """The object named by `type`, people and lists included."""
        if self.type == "person":
            return self.person
        if self.type == "list":
            return self.list_
        return self.media


class WatchlistItem(_Wrapped):
    """The list-item wrapper (REFERENCE §7.4): watchlist, favorites and list items."""

    rank: int | None = None
    id: int | None = None
    listed_at: TraktDateTime | None = None
    notes: str | None = None
    person: Person | None = None


class HistoryItem(_Wrapped):
    """A play: `{"id","watched_at","action","type","movie"|"episode"+"show"}`; `id` is 64-bit."""

    id: int | None = None
    watched_at: TraktDateTime | None = None
    action: str | None = None


class RatingItem(_Wrapped):
    rated_at: TraktDateTime | None = None
    rating: int | None = None


class CollectionMetadata(TraktModel):
    """Collection `metadata` (REFERENCE §8.4); `3d` is a bool for episodes and `1`/null
    for movies since 2026-03, so both are accepted and written back as received."""

    media_type: str | None = None
    resolution: str | None = None
    hdr: str | None = None
    audio: str | None = None
    audio_channels: str | None = None
    three_d: bool | int | None = Field(default=None, alias="3d")


class CollectionMovie(TraktModel):
    collected_at: TraktDateTime | None = None
    updated_at: TraktDateTime | None = None
    movie: Movie | None = None
    metadata: CollectionMetadata | None = None


class CollectionEpisode(TraktModel):
    number: int | None = None
    collected_at: TraktDateTime | None = None
    metadata: CollectionMetadata | None = None


class CollectionSeason(TraktModel):
    number: int | None = None
    episodes: list[CollectionEpisode] | None = None


class CollectionShow(TraktModel):
    last_collected_at: TraktDateTime | None = None
    last_updated_at: TraktDateTime | None = None
    show: Show | None = None
    seasons: list[CollectionSeason] | None = None


class WatchedMovie(TraktModel):
    plays: int | None = None
    last_watched_at: TraktDateTime | None = None
    last_updated_at: TraktDateTime | None = None
    movie: Movie | None = None


class _WatchedEpisode(TraktModel):
    number: int | None = None
    plays: int | None = None
    last_watched_at: TraktDateTime | None = None


class _WatchedSeason(TraktModel):
    number: int | None = None
    episodes: list[_WatchedEpisode] | None = None


class WatchedShow(TraktModel):
    """A watched show; `seasons` is absent unless `extended=progress` (2026): absent
    means unknown, not "nothing watched" (REFERENCE §8.5, §13.7)."""

    plays: int | None = None
    last_watched_at: TraktDateTime | None = None
    last_updated_at: TraktDateTime | None = None
    reset_at: TraktDateTime | None = None
    show: Show | None = None
    seasons: list[_WatchedSeason] | None = None


class TrendingItem(TraktModel):
    watchers: int | None = None
    movie: Movie | None = None
    show: Show | None = None


class PlayedItem(TraktModel):
    """`/movies|shows/{played,watched,collected}/{period}`; shows add `collector_count`."""

    watcher_count: int | None = None
    play_count: int | None = None
    collected_count: int | None = None
    collector_count: int | None = None
    movie: Movie | None = None
    show: Show | None = None


class AnticipatedItem(TraktModel):
    list_count: int | None = None
    movie: Movie | None = None
    show: Show | None = None


class FavoritedItem(TraktModel):
    user_count: int | None = None
    movie: Movie | None = None
    show: Show | None = None
