"""Tool outputs: pydantic models (they become the tools' structured content) and the
converters from library objects. Every item carries `type` and `ids`, so it can be passed
back to a write tool as it is."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from traktkit.api.resolve import ResolvedItem
from traktkit.api.writes import WriteReport
from traktkit.models import (
    CollectionMovie,
    CollectionShow,
    Episode,
    HistoryItem,
    Ids,
    Movie,
    RatingItem,
    Season,
    Show,
    WatchlistItem,
    format_datetime,
)

__all__ = [
    "CollectionEntry",
    "CollectionList",
    "DiscoverEntry",
    "DiscoverList",
    "HistoryEntry",
    "HistoryList",
    "IdsOut",
    "ItemDetails",
    "MediaRef",
    "RatingEntry",
    "RatingsList",
    "SearchHit",
    "SearchResults",
    "Source",
    "WatchlistEntry",
    "WatchlistList",
    "WriteOutcome",
    "WriteResult",
    "media_ref",
    "stamp",
    "wrapper_ref",
    "write_result",
]

Source = Literal["mirror", "trakt"]
Media = Movie | Show | Season | Episode


def stamp(value: datetime | date | str | None) -> str | None:
    """A timestamp as the API writes it (`2024-01-15T20:00:00.000Z`), dates as ISO."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return format_datetime(value)
    return value.isoformat()


class IdsOut(BaseModel):
    trakt: int | None = None
    slug: str | None = None
    imdb: str | None = None
    tmdb: int | None = None
    tvdb: int | None = None

    @classmethod
    def of(cls, ids: Ids | None) -> IdsOut:
        return cls.model_validate(ids.known()) if ids is not None else cls()


class MediaRef(BaseModel):
    """A movie, show, season or episode: what it is and its ids (pass it back as an item)."""

    type: str = Field(description="movie, show, season or episode.")
    label: str = Field(description="For people: 'Breaking Bad (2008) S01E01 Pilot'.")
    title: str | None = Field(None, description="The movie's or show's title.")
    year: int | None = None
    season: int | None = None
    episode: int | None = None
    episode_title: str | None = None
    ids: IdsOut = Field(description="The item's own ids.")
    show_ids: IdsOut | None = Field(None, description="The show's ids (seasons, episodes).")


def _label(title: str | None, year: int | None, season: int | None, episode: int | None) -> str:
    text = title or "?"
    if year:
        text += f" ({year})"
    if season is not None:
        text += f" S{season:02d}"
        if episode is not None:
            text += f"E{episode:02d}"
    return text


def _id_name(media: Media | None, show: Show | None) -> str | None:
    """`imdb:tt1375666`: an item known by ids only (the show's for a season/episode)."""
    known = (show.ids.known() if show is not None else {}) or (
        media.ids.known() if media is not None else {}
    )
    return next((f"{k}:{v}" for k, v in known.items()), None)


def media_ref(
    kind: str | None,
    media: Media | None,
    show: Show | None = None,
    *,
    season: int | None = None,
    episode: int | None = None,
) -> MediaRef:
    """A `MediaRef` from a media object (and the show of a season or an episode)."""
    episode_title = None
    if isinstance(media, Movie | Show):
        title, year = media.title, media.year
        kind = kind or ("movie" if isinstance(media, Movie) else "show")
    else:
        title = show.title if show is not None else None
        year = show.year if show is not None else None
        if isinstance(media, Season):
            kind = kind or "season"
            season = media.number if media.number is not None else season
            episode_title = None
        elif isinstance(media, Episode):
            kind = kind or "episode"
            season = media.season if media.season is not None else season
            episode = media.number if media.number is not None else episode
            episode_title = media.title
    name = title or _id_name(media, show if kind in ("season", "episode") else None)
    label = _label(name, year, season, episode if kind == "episode" else None)
    if episode_title:
        label += f" {episode_title}"
    return MediaRef(
        type=kind or "unknown",
        label=label,
        title=title,
        year=year,
        season=season if kind in ("season", "episode") else None,
        episode=episode if kind == "episode" else None,
        episode_title=episode_title,
        ids=IdsOut.of(media.ids if media is not None else None),
        show_ids=IdsOut.of(show.ids)
        if show is not None and kind in ("season", "episode")
        else None,
    )


def wrapper_ref(item: Any) -> MediaRef:
    """From any wrapper with `type` and `movie`/`show`/`season`/`episode` attributes."""
    kind = getattr(item, "type", None)
    show = getattr(item, "show", None)
    media: Media | None
    if kind == "movie" or (kind is None and getattr(item, "movie", None) is not None):
        media = item.movie
    elif kind == "episode" and getattr(item, "episode", None) is not None:
        media = item.episode
    elif kind == "season" and getattr(item, "season", None) is not None:
        media = item.season
    else:
        media = show
        show = None
    return media_ref(kind, media, show)


def resolved_ref(item: ResolvedItem) -> MediaRef:
    return media_ref(item.type, item.media, item.show, season=item.season, episode=item.episode)


# --- lists --------------------------------------------------------------------------------


class ListMeta(BaseModel):
    source: Source = Field(description="mirror: the local copy (fresh); trakt: live API.")
    mirror_synced_at: str | None = Field(
        None, description="When the local mirror was last synced (source mirror)."
    )
    count: int = Field(description="Entries returned.")
    more: bool = Field(description="True when more entries exist than `limit` returned.")


class WatchlistEntry(BaseModel):
    rank: int | None = None
    listed_at: str | None = None
    notes: str | None = None
    item: MediaRef


class WatchlistList(ListMeta):
    items: list[WatchlistEntry]


def watchlist_entry(entry: WatchlistItem) -> WatchlistEntry:
    return WatchlistEntry(
        rank=entry.rank,
        listed_at=stamp(entry.listed_at),
        notes=entry.notes,
        item=wrapper_ref(entry),
    )


class HistoryEntry(BaseModel):
    history_id: int | None = Field(None, description="The play's id in the history.")
    watched_at: str | None = None
    action: str | None = Field(None, description="watch, scrobble or checkin.")
    item: MediaRef


class HistoryList(ListMeta):
    items: list[HistoryEntry]


def history_entry(play: HistoryItem) -> HistoryEntry:
    return HistoryEntry(
        history_id=play.id,
        watched_at=stamp(play.watched_at),
        action=play.action,
        item=wrapper_ref(play),
    )


class RatingEntry(BaseModel):
    rating: int | None = None
    rated_at: str | None = None
    item: MediaRef


class RatingsList(ListMeta):
    items: list[RatingEntry]


def rating_entry(entry: RatingItem) -> RatingEntry:
    return RatingEntry(rating=entry.rating, rated_at=stamp(entry.rated_at), item=wrapper_ref(entry))


class CollectionEntry(BaseModel):
    collected_at: str | None = Field(None, description="When it was (last) collected.")
    item: MediaRef
    metadata: dict[str, Any] | None = Field(
        None, description="media_type, resolution, hdr, audio, audio_channels, 3d (movies)."
    )
    episodes: int | None = Field(None, description="Episodes collected (shows).")
    seasons: list[int] | None = Field(None, description="Season numbers collected (shows).")


class CollectionList(ListMeta):
    items: list[CollectionEntry]


def collection_entry(entry: CollectionMovie | CollectionShow) -> CollectionEntry:
    if isinstance(entry, CollectionMovie):
        meta = (
            entry.metadata.model_dump(by_alias=True, exclude_none=True) if entry.metadata else None
        )
        return CollectionEntry(
            collected_at=stamp(entry.collected_at),
            item=media_ref("movie", entry.movie),
            metadata=meta or None,
        )
    seasons = entry.seasons or []
    return CollectionEntry(
        collected_at=stamp(entry.last_collected_at),
        item=media_ref("show", entry.show),
        episodes=sum(len(s.episodes or []) for s in seasons),
        seasons=[s.number for s in seasons if s.number is not None],
    )


# --- catalogue ----------------------------------------------------------------------------


class SearchHit(BaseModel):
    score: float | None = Field(None, description="Search relevance (none for id lookups).")
    item: MediaRef


class SearchResults(BaseModel):
    query: str
    results: list[SearchHit]


class DiscoverEntry(BaseModel):
    rank: int
    item: MediaRef
    watchers: int | None = Field(None, description="People watching now (trending).")


class DiscoverList(BaseModel):
    name: str = Field(description="trending, popular or recommendations.")
    type: str = Field(description="movies or shows.")
    items: list[DiscoverEntry]


_DETAIL_KEYS = (
    "tagline",
    "overview",
    "released",
    "first_aired",
    "runtime",
    "certification",
    "country",
    "language",
    "status",
    "network",
    "rating",
    "votes",
    "aired_episodes",
    "episode_count",
    "trailer",
    "homepage",
)


class ItemDetails(BaseModel):
    item: MediaRef
    show: MediaRef | None = Field(None, description="The show of a season or an episode.")
    genres: list[str] = Field(default_factory=list)
    details: dict[str, Any] = Field(
        default_factory=dict,
        description="overview, released/first_aired, runtime, rating, votes, status, ...",
    )


def item_details(kind: str, media: Media, show: Show | None) -> ItemDetails:
    data = media.to_api()
    details = {k: data[k] for k in _DETAIL_KEYS if data.get(k) not in (None, "", [])}
    genres = data.get("genres") or []
    return ItemDetails(
        item=media_ref(kind, media, show),
        show=media_ref("show", show) if show is not None else None,
        genres=[str(g) for g in genres] if isinstance(genres, list) else [],
        details=details,
    )


# --- writes -------------------------------------------------------------------------------


class WriteOutcome(BaseModel):
    status: str = Field(
        description=(
            "added, existing, updated, deleted, not_found or unchanged; when Trakt's counts "
            "mix statuses without naming the items, what is known: added_or_existing, "
            "added_or_updated, deleted_or_absent, ..."
        )
    )
    exact: bool = Field(
        description=(
            "False when the status comes from Trakt's counts rather than the item itself "
            "(a mixed status, or a show counted as its episodes)."
        )
    )
    item: MediaRef


class WriteResult(BaseModel):
    action: str
    summary: str = Field(description="One line for the user.")
    counts: dict[str, int] = Field(description="Items per status.")
    trakt_counts: dict[str, dict[str, int]] = Field(
        description="Trakt's own counts (a show or season counts as its episodes)."
    )
    items: list[WriteOutcome]


_STATUS_TEXT = {
    "added": "added",
    "updated": "updated",
    "existing": "already there",
    "deleted": "removed",
    "not_found": "not found on Trakt",
    "unchanged": "unchanged",
}


def _status_text(status: str) -> str:
    """`already there`; `added_or_existing` as `added or already there`."""
    parts = status.split("_or_")
    names = ["not there" if p == "absent" else _STATUS_TEXT.get(p, p) for p in parts]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def write_result(action: str, report: WriteReport) -> WriteResult:
    counts: dict[str, int] = {}
    for outcome in report.outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    parts = [f"{n} {_status_text(status)}" for status, n in counts.items()]
    summary = ", ".join(parts) or "nothing changed"
    if counts.get("not_found"):
        summary += " (check the ids of the items not found, e.g. with search)"
    api = report.result.to_api()
    trakt_counts: dict[str, dict[str, int]] = {}
    for key in ("added", "existing", "updated", "deleted"):
        found = {k: v for k, v in (api.get(key) or {}).items() if isinstance(v, int) and v}
        if found:
            trakt_counts[key] = found
    return WriteResult(
        action=action,
        summary=summary + ".",
        counts=counts,
        trakt_counts=trakt_counts,
        items=[
            WriteOutcome(status=o.status, exact=o.exact, item=resolved_ref(o.item))
            for o in report.outcomes
        ],
    )
