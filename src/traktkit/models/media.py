"""Media objects (REFERENCE §7): ids, movies, shows, seasons, episodes, people, users, lists.

Only the minimal fields and a few common `extended=full` ones are declared; every other
field the API sends is kept as an extra and dumped back unchanged.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from traktkit.models.base import TraktModel
from traktkit.models.dates import TraktDateTime

__all__ = [
    "ID_KEYS",
    "Episode",
    "Ids",
    "ListInfo",
    "Movie",
    "Person",
    "Season",
    "Show",
    "User",
    "UserSettings",
]

ID_KEYS: tuple[str, ...] = ("trakt", "slug", "imdb", "tmdb", "tvdb")
"""The standard id keys (sync matching tries them as trakt, imdb, tmdb, tvdb, slug)."""


class Ids(TraktModel):
    """`ids`: any of them may be null (or `""` for imdb in old data); extras such as
    `tvrage`, `uuid` or `plex` pass through."""

    trakt: int | None = None
    slug: str | None = None
    imdb: str | None = None
    tmdb: int | None = None
    tvdb: int | None = None

    def known(self) -> dict[str, int | str]:
        """The standard ids that have a value, in `ID_KEYS` order (for sync payloads)."""
        out: dict[str, int | str] = {}
        for key in ID_KEYS:
            value = getattr(self, key)
            if value is not None and value != "":
                out[key] = value
        return out


class Movie(TraktModel):
    title: str | None = None
    year: int | None = None
    ids: Ids = Field(default_factory=Ids)
    released: date | None = None
    runtime: int | None = None
    rating: float | int | None = None
    votes: int | None = None
    overview: str | None = None
    updated_at: TraktDateTime | None = None


class Show(TraktModel):
    title: str | None = None
    year: int | None = None
    ids: Ids = Field(default_factory=Ids)
    first_aired: TraktDateTime | None = None
    runtime: int | None = None
    rating: float | int | None = None
    votes: int | None = None
    overview: str | None = None
    network: str | None = None
    aired_episodes: int | None = None
    updated_at: TraktDateTime | None = None


class Episode(TraktModel):
    season: int | None = None
    number: int | None = None
    title: str | None = None
    ids: Ids = Field(default_factory=Ids)
    number_abs: int | None = None
    first_aired: TraktDateTime | None = None
    runtime: int | None = None
    rating: float | int | None = None
    votes: int | None = None
    updated_at: TraktDateTime | None = None


class Season(TraktModel):
    number: int | None = None
    ids: Ids = Field(default_factory=Ids)
    title: str | None = None
    episode_count: int | None = None
    aired_episodes: int | None = None
    first_aired: TraktDateTime | None = None
    updated_at: TraktDateTime | None = None
    episodes: list[Episode] | None = None


class Person(TraktModel):
    name: str | None = None
    ids: Ids = Field(default_factory=Ids)
    updated_at: TraktDateTime | None = None


class User(TraktModel):
    username: str | None = None
    private: bool | None = None
    name: str | None = None
    vip: bool | None = None
    vip_ep: bool | None = None
    ids: Ids = Field(default_factory=Ids)
    joined_at: TraktDateTime | None = None


class UserSettings(TraktModel):
    """`GET /users/settings` (REFERENCE §12.4); sections other than `user` stay loose."""

    user: User | None = None
    account: dict[str, Any] | None = None
    connections: dict[str, Any] | None = None
    sharing_text: dict[str, Any] | None = None
    limits: dict[str, Any] | None = None
    permissions: dict[str, Any] | None = None


class ListInfo(TraktModel):
    """A list object (REFERENCE §7.3)."""

    name: str | None = None
    description: str | None = None
    privacy: str | None = None
    type: str | None = None
    display_numbers: bool | None = None
    allow_comments: bool | None = None
    sort_by: str | None = None
    sort_how: str | None = None
    created_at: TraktDateTime | None = None
    updated_at: TraktDateTime | None = None
    item_count: int | None = None
    comment_count: int | None = None
    likes: int | None = None
    ids: Ids = Field(default_factory=Ids)
    user: User | None = None
