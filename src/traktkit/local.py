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
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from traktkit.api.writes import WriteItem, WriteReport
from traktkit.config import ConfigError, Settings
from traktkit.mirror import Mirror, WriteKind, entries_from_outcomes
from traktkit.models import CollectionMovie, CollectionShow, HistoryItem, RatingItem, WatchlistItem

if TYPE_CHECKING:
    from traktkit.client import Trakt

logger = logging.getLogger("traktkit.mirror")

KIND_BY_PATH: dict[str, WriteKind] = {
    f"/sync/{area}{suffix}": f"{area}.{verb}"  # type: ignore[misc]
    for area in ("history", "watchlist", "collection", "ratings", "favorites")
    for suffix, verb in (("", "add"), ("/remove", "remove"))
}


class MirrorNotSynced(ConfigError):
    """`--offline` without a synced mirror (exit code 2)."""


class MirrorLink:
    """Opens the mirror lazily and keeps it in step with writes (a `WriteObserver`)."""

    def __init__(self, settings: Settings) -> None:
        self._path = settings.mirror_path
        self.max_age = settings.mirror_max_age
        self._mirror: Mirror | None = None

    def existing(self) -> Mirror | None:
        """The mirror when its file exists (never creates one)."""
        if self._mirror is None and self._path.exists():
            self._mirror = Mirror(self._path)
        return self._mirror

    def open(self) -> Mirror:
        """The mirror, created on first use (for `trakt sync`)."""
        if self._mirror is None:
            self._mirror = Mirror(self._path)
        return self._mirror

    def for_reading(self, *, offline: bool = False, live: bool = False) -> Mirror | None:
        """The mirror when it should answer a read, else None (ask the API)."""
        if offline and live:
            raise ConfigError("--offline and --live contradict each other: choose one")
        if live:
            return None
        mirror = self.existing()
        synced = mirror is not None and mirror.last_sync_at() is not None
        if offline:
            if not synced:
                raise MirrorNotSynced("no local mirror yet: run `trakt sync` first")
            return mirror
        if synced and self.max_age > 0 and mirror is not None and mirror.is_fresh(self.max_age):
            return mirror
        return None

    # -- WriteObserver -----------------------------------------------------------------

    def written(self, path: str, items: Sequence[WriteItem], report: WriteReport) -> None:
        mirror = self.existing()
        kind = KIND_BY_PATH.get(path)
        if mirror is None or kind is None or mirror.last_sync_at() is None:
            return
        fields = {id(w.item): w.fields for w in items}
        entries = entries_from_outcomes(report.outcomes, lambda item: fields.get(id(item), {}))
        deleted = [play for play, status in report.plays if status == "deleted"]
        try:
            mirror.apply_write(kind, entries, report.result, history_ids=deleted)
        except (sqlite3.Error, ValueError) as exc:
            logger.warning("could not update the local mirror (%s); it will resync", exc)
            self.failed(path)

    def failed(self, path: str) -> None:
        mirror = self.existing()
        if mirror is not None:
            try:
                mirror.mark_stale()
            except sqlite3.Error as exc:
                logger.warning("could not mark the local mirror stale: %s", exc)

    def close(self) -> None:
        if self._mirror is not None:
            self._mirror.close()
            self._mirror = None


class LibraryReader:
    """The user's lists, from the mirror or the API (`source` says which)."""

    def __init__(self, trakt: Trakt, mirror: Mirror | None) -> None:
        self._trakt = trakt
        self._mirror = mirror
        self.source: Literal["mirror", "api"] = "mirror" if mirror is not None else "api"

    def watchlist(
        self,
        type: str = "all",
        *,
        sort_by: str | None = None,
        sort_how: str | None = None,
        limit: int | None = None,
    ) -> list[WatchlistItem]:
        if self._mirror is not None:
            return self._mirror.watchlist(type, sort_by=sort_by, sort_how=sort_how, limit=limit)
        return self._trakt.watchlist.list(type, sort_by=sort_by, sort_how=sort_how, limit=limit)

    def history(
        self,
        type: str = "all",
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> list[HistoryItem]:
        if self._mirror is not None:
            return self._mirror.history(type, since=since, until=until, limit=limit)
        return self._trakt.history.list(type, since=since, until=until, limit=limit)

    def ratings(
        self, type: str = "all", *, ratings: Iterable[int] = (), limit: int | None = None
    ) -> list[RatingItem]:
        if self._mirror is not None:
            return self._mirror.ratings(type, ratings=tuple(ratings), limit=limit)
        return self._trakt.ratings.list(type, ratings=tuple(ratings), limit=limit)

    def collection(
        self, type: str = "all", *, limit: int | None = None
    ) -> list[CollectionMovie | CollectionShow]:
        if self._mirror is not None:
            return self._mirror.collection(type, limit=limit)
        return list(self._trakt.collection.list(type, limit=limit))
