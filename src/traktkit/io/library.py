"""A snapshot of a user's whole library, read from the local mirror or from the API.

`read_library` first brings the mirror up to date with an incremental sync (one request
when nothing changed) and reads every section from it: cheap and consistent. When the
mirror cannot be used (`traktkit.mirror.MIRROR_ERRORS`: a damaged file, a mirror written
by a newer traktkit) it pages
the API through the api iterators instead and says why in `LibrarySnapshot.note`.
Sections the server does not offer (404) are listed in `unavailable`, not failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final, Literal, TypeVar

from traktkit.client import Trakt
from traktkit.http.errors import NotFound
from traktkit.mirror import MIRROR_ERRORS, Mirror, ProgressHook, sync
from traktkit.models import (
    CollectionMovie,
    CollectionShow,
    HistoryItem,
    ListInfo,
    RatingItem,
    User,
    WatchlistItem,
)

__all__ = ["SECTIONS", "LibrarySnapshot", "ListSnapshot", "read_from_api", "read_library"]

SECTIONS: Final[tuple[str, ...]] = (
    "history",
    "ratings",
    "watchlist",
    "collection",
    "favorites",
    "lists",
)
T = TypeVar("T")


@dataclass
class ListSnapshot:
    """One personal list with its items (by rank)."""

    info: ListInfo
    items: list[WatchlistItem] = field(default_factory=list)


@dataclass
class LibrarySnapshot:
    """Everything a backup holds, as the API's own models."""

    source: Literal["mirror", "api"]
    user: User | None = None
    history: list[HistoryItem] = field(default_factory=list)
    ratings: list[RatingItem] = field(default_factory=list)
    watchlist: list[WatchlistItem] = field(default_factory=list)
    favorites: list[WatchlistItem] = field(default_factory=list)
    collection_movies: list[CollectionMovie] = field(default_factory=list)
    collection_shows: list[CollectionShow] = field(default_factory=list)
    lists: list[ListSnapshot] = field(default_factory=list)
    unavailable: list[str] = field(default_factory=list)
    requests: int | None = None  # requests the mirror sync took (None: not counted)
    note: str | None = None  # why the API was read instead of the mirror


def read_library(
    trakt: Trakt,
    mirror: Mirror | None,
    *,
    sections: Iterable[str] = SECTIONS,
    progress: ProgressHook | None = None,
) -> LibrarySnapshot:
    """The library from the mirror after an incremental sync, else from the API."""
    wanted = tuple(sections)
    if mirror is not None:
        try:
            return read_from_mirror(trakt, mirror, progress=progress)
        except MIRROR_ERRORS as exc:
            snapshot = read_from_api(trakt, wanted)
            snapshot.note = f"the local mirror cannot be used ({exc}); read from the API instead"
            return snapshot
    return read_from_api(trakt, wanted)


def read_from_mirror(
    trakt: Trakt, mirror: Mirror, *, progress: ProgressHook | None = None
) -> LibrarySnapshot:
    report = sync(trakt.http, mirror, progress=progress)
    settings = mirror.settings()
    unavailable = sorted({name.split(".", 1)[0] for name in report.unavailable} & set(SECTIONS))
    return LibrarySnapshot(
        source="mirror",
        user=settings.user if settings is not None else None,
        history=mirror.history(),
        ratings=mirror.ratings(),
        watchlist=mirror.watchlist(sort_by="rank", sort_how="asc"),
        favorites=mirror.favorites(sort_by="rank", sort_how="asc"),
        collection_movies=mirror.collection_movies(),
        collection_shows=mirror.collection_shows(),
        lists=[
            ListSnapshot(info, mirror.list_items(info.ids.trakt))
            for info in mirror.lists()
            if info.ids.trakt is not None
        ],
        unavailable=unavailable,
        requests=report.requests,
    )


def _section(
    name: str, wanted: tuple[str, ...], unavailable: list[str], read: Callable[[], Iterator[T]]
) -> list[T]:
    if name not in wanted:
        return []
    try:
        return list(read())
    except NotFound:
        unavailable.append(name)
        return []


def read_from_api(trakt: Trakt, sections: Iterable[str] = SECTIONS) -> LibrarySnapshot:
    """Page every wanted section through the api iterators (no mirror involved)."""
    wanted = tuple(sections)
    missing: list[str] = []
    snap = LibrarySnapshot(source="api", user=trakt.users.settings().user)
    snap.history = _section("history", wanted, missing, lambda: trakt.history.iter("all"))
    snap.ratings = _section("ratings", wanted, missing, lambda: trakt.ratings.iter("all"))
    snap.watchlist = _section(
        "watchlist", wanted, missing, lambda: trakt.watchlist.iter(sort_by="rank", sort_how="asc")
    )
    snap.favorites = _section(
        "favorites", wanted, missing, lambda: trakt.favorites.iter(sort_by="rank", sort_how="asc")
    )
    for entry in _section("collection", wanted, missing, lambda: trakt.collection.iter("all")):
        if isinstance(entry, CollectionMovie):
            snap.collection_movies.append(entry)
        else:
            snap.collection_shows.append(entry)
    for info in _section("lists", wanted, missing, lambda: trakt.lists.iter()):
        if info.ids.trakt is None:
            continue
        list_id = info.ids.trakt
        items = trakt.lists.items(list_id, sort_by="rank", sort_how="asc")
        snap.lists.append(ListSnapshot(info, list(items)))
    snap.unavailable = sorted(set(missing))
    return snap
