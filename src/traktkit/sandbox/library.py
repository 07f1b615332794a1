"""A user's library: plain containers that the sync/list routes fill.

Items point into the catalogue by `MediaRef(kind, trakt)`; rendering looks them up, so
the library stays small and cheap to generate. Timestamps are epoch seconds (floats);
routes format them with `timeutil.iso`. `watched_at` is always truncated to the minute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from traktkit.sandbox.timeutil import iso_or_none

MediaKind = Literal["movie", "show", "season", "episode", "person"]
HistoryAction = Literal["scrobble", "checkin", "watch"]
HIDDEN_SECTIONS = (
    "calendar",
    "progress_watched",
    "progress_watched_reset",
    "progress_collected",
    "recommendations",
    "comments",
    "dropped",
)

# The full 2026 shape of GET /sync/last_activities (REFERENCE §8.2), "all" excluded.
LAST_ACTIVITY_FIELDS: dict[str, tuple[str, ...]] = {
    "movies": (
        "watched_at",
        "collected_at",
        "rated_at",
        "watchlisted_at",
        "favorited_at",
        "commented_at",
        "paused_at",
        "hidden_at",
    ),
    "episodes": (
        "watched_at",
        "collected_at",
        "rated_at",
        "watchlisted_at",
        "commented_at",
        "paused_at",
    ),
    "shows": (
        "rated_at",
        "watchlisted_at",
        "favorited_at",
        "commented_at",
        "hidden_at",
        "dropped_at",
    ),
    "seasons": ("rated_at", "watchlisted_at", "commented_at", "hidden_at"),
    "comments": ("liked_at", "reacted_at", "blocked_at"),
    "lists": ("liked_at", "reacted_at", "updated_at", "commented_at"),
    "watchlist": ("updated_at",),
    "favorites": ("updated_at",),
    "collaborations": ("updated_at",),
    "account": ("settings_at", "followed_at", "following_at", "pending_at", "requested_at"),
    "saved_filters": ("updated_at",),
    "notes": ("updated_at",),
}


@dataclass(frozen=True, slots=True)
class MediaRef:
    kind: MediaKind
    trakt: int


@dataclass(slots=True)
class ListItem:
    """An entry of a watchlist, favorites or personal list (list-item wrapper §7.4)."""

    id: int
    rank: int
    ref: MediaRef
    listed_at: float
    notes: str | None = None


@dataclass(slots=True)
class HistoryEntry:
    """One play. `id` is a 64-bit history id; `ref.kind` is movie or episode."""

    id: int
    ref: MediaRef
    watched_at: float  # minute precision; 0.0 (the epoch) = watched at an unknown date
    action: HistoryAction = "watch"
    added_at: float | None = None  # when the play was recorded (watched `last_updated_at`)


@dataclass(slots=True)
class CollectionEntry:
    ref: MediaRef  # movie or episode
    collected_at: float
    updated_at: float
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class RatingEntry:
    ref: MediaRef  # movie, show, season or episode
    rating: int
    rated_at: float


@dataclass(slots=True)
class HiddenItem:
    ref: MediaRef  # movie, show, season (or a user, kind "person" unused)
    hidden_at: float
    username: str | None = None  # for the "comments" section (hidden users)


@dataclass(slots=True)
class PlaybackEntry:
    id: int
    ref: MediaRef  # movie or episode
    progress: float
    paused_at: float


@dataclass(slots=True)
class Watching:
    """What a user is watching now (scrobble start; `GET /users/{id}/watching`)."""

    ref: MediaRef  # movie or episode
    started_at: float
    expires_at: float
    progress: float
    action: Literal["scrobble", "checkin"] = "scrobble"


@dataclass
class PersonalList:
    trakt: int
    slug: str
    name: str
    created_at: float
    updated_at: float
    description: str | None = None
    privacy: str = "private"
    display_numbers: bool = False
    allow_comments: bool = True
    sort_by: str = "rank"
    sort_how: str = "asc"
    likes: int = 0
    comment_count: int = 0
    items: list[ListItem] = field(default_factory=list)


@dataclass
class LastActivities:
    """Timestamps per section/field; `bump` also moves `all`."""

    values: dict[str, dict[str, float]]
    all: float

    @classmethod
    def starting_at(cls, ts: float) -> LastActivities:
        values = {sec: dict.fromkeys(names, ts) for sec, names in LAST_ACTIVITY_FIELDS.items()}
        return cls(values, ts)

    def bump(self, section: str, name: str, ts: float) -> None:
        if section not in LAST_ACTIVITY_FIELDS or name not in LAST_ACTIVITY_FIELDS[section]:
            raise KeyError(f"unknown last_activities field {section}.{name}")
        current = self.values[section][name]
        self.values[section][name] = max(current, ts)
        self.all = max(self.all, ts)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"all": iso_or_none(self.all)}
        for section, names in self.values.items():
            out[section] = {name: iso_or_none(value) for name, value in names.items()}
        return out


@dataclass
class Library:
    """Everything a user has: the containers later sync routes read and write."""

    watchlist: list[ListItem] = field(default_factory=list)
    favorites: list[ListItem] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)  # oldest first, newest last
    collection: dict[MediaRef, CollectionEntry] = field(default_factory=dict)
    ratings: dict[MediaRef, RatingEntry] = field(default_factory=dict)
    hidden: dict[str, list[HiddenItem]] = field(
        default_factory=lambda: {section: [] for section in HIDDEN_SECTIONS}
    )
    lists: list[PersonalList] = field(default_factory=list)  # in the user's order
    playback: list[PlaybackEntry] = field(default_factory=list)
    watching: Watching | None = None
    scrobbled: dict[MediaRef, float] = field(default_factory=dict)  # last scrobble (409 window)
