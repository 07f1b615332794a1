"""The glue between the live client and the local mirror.

* Reads: `LibraryReader` answers the list questions (watchlist, history, ratings,
  collection) from the mirror when asked to (`offline`) or when a synced mirror is fresh
  (`Settings.mirror_max_age`, TRAKTKIT_MIRROR_MAX_AGE), else from the API; both give the
  same item models, so `--json` output does not depend on the source.
* Writes: `MirrorLink` is the write engine's observer; after a write through traktkit it
  updates the mirror from what the write reported, and marks it stale when a write failed
  part-way (the next read goes live until the next `trakt sync`).

The mirror file is only opened when it exists: a user who never ran `trakt sync` pays
nothing for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from traktkit.api.listing import check_max_items
from traktkit.api.writes import WriteItem, WriteReport
from traktkit.config import ConfigError, Settings
from traktkit.mirror import MIRROR_ERRORS, Mirror, WriteKind, entries_from_outcomes
from traktkit.models import CollectionMovie, CollectionShow, HistoryItem, RatingItem, WatchlistItem

if TYPE_CHECKING:
    from traktkit.client import Trakt

logger = logging.getLogger("traktkit.mirror")

KIND_BY_PATH: dict[str, WriteKind] = {
    f"/sync/{area}{suffix}": f"{area}.{verb}"  # type: ignore[misc]
    for area in ("history", "watchlist", "collection", "ratings", "favorites")
    for suffix, verb in (("", "add"), ("/remove", "remove"))
}


# The mirror's sections behind each list question (see traktkit.mirror.SECTIONS).
SECTIONS_FOR = {
    "watchlist": ("watchlist",),
    "history": ("history",),
    "ratings": ("ratings.movies", "ratings.shows", "ratings.seasons", "ratings.episodes"),
    "collection": ("collection.movies", "collection.shows"),
}


class MirrorNotSynced(ConfigError):
    """`--offline` without a usable synced mirror (exit code 2)."""


class MirrorLink:
    """Opens the mirror lazily and keeps it in step with writes (a `WriteObserver`).

    Thread-safe (the MCP server shares one client between worker threads). A mirror
    that cannot be used never fails a write Trakt accepted: it is logged and skipped.
    """

    def __init__(self, settings: Settings) -> None:
        self._path = settings.mirror_path
        self._api_url = settings.api_url.rstrip("/")
        self.max_age = settings.mirror_max_age
        self._mirror: Mirror | None = None
        self._lock = threading.Lock()

    def existing(self) -> Mirror | None:
        """The mirror when its file exists (never creates one)."""
        with self._lock:
            if self._mirror is None and self._path.exists():
                self._mirror = Mirror(self._path)
            return self._mirror

    def open(self) -> Mirror:
        """The mirror, created on first use (for `trakt sync`)."""
        with self._lock:
            if self._mirror is None:
                self._mirror = Mirror(self._path)
            return self._mirror

    def synced(self) -> Mirror | None:
        """The mirror when it exists, is usable, has completed a sync, and holds the
        library of the API this client talks to (a sandbox mirror never answers for
        trakt.tv, nor the other way round)."""
        mirror = self.existing()
        if mirror is None:
            return None
        try:
            if mirror.meta("api_url") != self._api_url:
                return None
            return mirror if mirror.last_sync_at() is not None else None
        except MIRROR_ERRORS as exc:
            logger.warning("the local mirror %s cannot be used: %s", self._path, exc)
            return None

    def _why_unusable(self) -> str:
        """Why `--offline` cannot answer, in one line."""
        mirror = self.existing()
        if mirror is None:
            return "no local mirror yet: run `trakt sync` first"
        try:
            owner = mirror.meta("api_url")
            synced = mirror.last_sync_at()
        except MIRROR_ERRORS as exc:
            return f"the local mirror {self._path} cannot be used ({exc}): run `trakt sync`"
        if synced is None:
            return "the local mirror was never fully synced: run `trakt sync` first"
        if owner != self._api_url:
            return (
                f"the local mirror holds the library of {owner or 'another API'}, not of "
                f"{self._api_url}: run `trakt sync` to mirror this one"
            )
        return "the local mirror cannot answer: run `trakt sync` first"

    def for_reading(
        self, question: str, *, offline: bool = False, live: bool = False
    ) -> Mirror | None:
        """The mirror when it should answer `question` (watchlist, history, ratings,
        collection), else None: ask the API."""
        if offline and live:
            raise ConfigError("--offline and --live contradict each other: choose one")
        if live:
            return None
        mirror = self.synced()
        if offline:
            if mirror is None:
                raise MirrorNotSynced(self._why_unusable())
            return mirror
        if mirror is None or self.max_age <= 0:
            return None
        try:
            fresh = mirror.is_fresh(self.max_age)
            states = [mirror.state(name) for name in SECTIONS_FOR.get(question, ())]
        except MIRROR_ERRORS:
            return None
        # a section the server did not offer at the last sync is asked live
        complete = all(st is not None and st.status == "ok" for st in states)
        return mirror if fresh and complete else None

    # -- WriteObserver -----------------------------------------------------------------

    def written(self, path: str, items: Sequence[WriteItem], report: WriteReport) -> None:
        kind = KIND_BY_PATH.get(path)
        mirror = self.synced() if kind is not None else None
        if mirror is None or kind is None:
            return
        fields = {id(w.item): w.fields for w in items}
        entries = entries_from_outcomes(report.outcomes, lambda item: fields.get(id(item), {}))
        deleted = [play for play, status in report.plays if status == "deleted"]
        try:
            mirror.apply_write(kind, entries, report.result, history_ids=deleted)
        except MIRROR_ERRORS as exc:
            logger.warning("could not update the local mirror (%s); it will resync", exc)
            self.failed(path)

    def failed(self, path: str) -> None:
        mirror = self.existing()
        if mirror is not None:
            try:
                mirror.mark_stale()
            except MIRROR_ERRORS as exc:
                logger.warning("could not mark the local mirror stale: %s", exc)

    def account_changed(self) -> None:
        """A login or logout: the mirror may hold another account's library, so it
        answers nothing until the next `trakt sync` (which starts over for a new user)."""
        self.failed("login")

    def close(self) -> None:
        with self._lock:
            if self._mirror is not None:
                self._mirror.close()
                self._mirror = None


class LibraryReader:
    """The user's lists, each from the mirror or the API (`source_of` says which)."""

    def __init__(self, trakt: Trakt, *, offline: bool = False, live: bool = False) -> None:
        self._trakt = trakt
        self._offline = offline
        self._live = live

    def mirror_for(self, question: str) -> Mirror | None:
        """The mirror that answers `question`, or None for the API."""
        return self._trakt.local.for_reading(question, offline=self._offline, live=self._live)

    def source_of(self, question: str) -> Literal["mirror", "api"]:
        return "mirror" if self.mirror_for(question) is not None else "api"

    def synced_at(self) -> datetime | None:
        """When the mirror last completed a sync (None: never, or unusable)."""
        mirror = self._trakt.local.synced()
        return mirror.last_sync_at() if mirror is not None else None

    def watchlist(
        self,
        type: str = "all",
        *,
        sort_by: str | None = None,
        sort_how: str | None = None,
        limit: int | None = None,
    ) -> list[WatchlistItem]:
        check_max_items(limit)  # the same check on both paths
        if (mirror := self.mirror_for("watchlist")) is not None:
            return mirror.watchlist(type, sort_by=sort_by, sort_how=sort_how, limit=limit)
        return self._trakt.watchlist.list(type, sort_by=sort_by, sort_how=sort_how, limit=limit)

    def history(
        self,
        type: str = "all",
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> list[HistoryItem]:
        check_max_items(limit)  # the same check on both paths
        if (mirror := self.mirror_for("history")) is not None:
            return mirror.history(type, since=since, until=until, limit=limit)
        return self._trakt.history.list(type, since=since, until=until, limit=limit)

    def ratings(
        self, type: str = "all", *, ratings: Iterable[int] = (), limit: int | None = None
    ) -> list[RatingItem]:
        check_max_items(limit)  # the same check on both paths
        if (mirror := self.mirror_for("ratings")) is not None:
            return mirror.ratings(type, ratings=tuple(ratings), limit=limit)
        return self._trakt.ratings.list(type, ratings=tuple(ratings), limit=limit)

    def collection(
        self, type: str = "all", *, limit: int | None = None
    ) -> list[CollectionMovie | CollectionShow]:
        check_max_items(limit)  # the same check on both paths
        if (mirror := self.mirror_for("collection")) is not None:
            return mirror.collection(type, limit=limit)
        return list(self._trakt.collection.list(type, limit=limit))
