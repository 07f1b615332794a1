"""`Mirror`: the local SQLite copy of one user's Trakt library.

The file is opened on first use (creating and migrating it), not in the constructor.
One `Mirror` may be shared between threads (calls are serialised); several processes may
use the same file (WAL mode; writers wait up to 30 s for each other).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from traktkit.mirror import reads
from traktkit.mirror.schema import LIBRARY_TABLES, connect
from traktkit.mirror.tables import SectionState, now_iso, read_state
from traktkit.models import (
    CollectionMovie,
    CollectionShow,
    HistoryItem,
    ListInfo,
    RatingItem,
    UserSettings,
    WatchedMovie,
    WatchedShow,
    WatchlistItem,
)
from traktkit.models.dates import parse_datetime

if TYPE_CHECKING:
    from traktkit.config import Settings
    from traktkit.mirror.stats import Stats
    from traktkit.mirror.writes import ApplyReport, WriteEntry, WriteKind
    from traktkit.models import SyncResult

__all__ = ["Mirror"]

COUNTED_TABLES: tuple[str, ...] = (*LIBRARY_TABLES, "media")


def _sort(sort_by: str | None, sort_how: str | None) -> tuple[str | None, str | None]:
    """The live API's rule: no sort asked -> the server's order; else sort_by/sort_how
    with `rank` and `asc` as defaults."""
    if sort_by is None and sort_how is None:
        return None, None
    return sort_by or "rank", sort_how or "asc"


class Mirror:
    """A user's library in SQLite: written by `traktkit.mirror.sync`, read here."""

    def __init__(self, path: Path | str) -> None:
        self.path = path if str(path) == ":memory:" else Path(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Mirror:
        """The mirror under `TRAKTKIT_HOME` (`settings.mirror_path`)."""
        return cls(settings.mirror_path)

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection (the file is created and migrated on first use)."""
        with self._lock:
            if self._conn is None:
                self._conn = connect(self.path)
            return self._conn

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Mirror:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back on error."""
        with self._lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for a multi-query read."""
        with self._lock:
            conn = self.conn
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")

    # -- state -----------------------------------------------------------------------------

    def state(self, section: str) -> SectionState | None:
        with self._lock:
            return read_state(self.conn, section)

    def states(self) -> list[SectionState]:
        with self._lock:
            names = [r[0] for r in self.conn.execute("SELECT section FROM sync_state ORDER BY 1")]
            return [s for s in (read_state(self.conn, n) for n in names) if s is not None]

    def meta(self, key: str) -> str | None:
        with self._lock:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            return None if row is None else str(row[0]) if row[0] is not None else None

    def last_sync_at(self) -> datetime | None:
        """When the last complete sync finished (None: never)."""
        value = self.meta("last_sync_at")
        try:
            return parse_datetime(value) if value else None
        except ValueError:
            return None  # a damaged value: as if never synced

    def mark_stale(self) -> None:
        """Something changed on the server that the mirror could not record (a write that
        failed part-way): answer live until the next complete sync."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('stale_since', ?)", (now_iso(),)
            )

    def is_fresh(self, max_age: float | timedelta, *, now: datetime | None = None) -> bool:
        """True when a complete sync finished less than `max_age` (seconds) ago."""
        last = self.last_sync_at()
        if last is None or self.meta("stale_since") is not None:
            return False
        age = max_age if isinstance(max_age, timedelta) else timedelta(seconds=max_age)
        return (now or datetime.now(UTC)) - last <= age

    def counts(self) -> dict[str, int]:
        """Rows per table (plays, ratings, watchlist, ...)."""
        with self.reading() as conn:
            return {
                t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in COUNTED_TABLES
            }

    # -- reads (the same item shapes as the live API) -----------------------------------------

    def history(
        self,
        type: str = "all",
        *,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
        limit: int | None = None,
        full: bool = False,
    ) -> list[HistoryItem]:
        """Plays, newest first, like `trakt.history.list`: `type` all, movies, shows,
        seasons or episodes; `since`/`until` datetimes or ISO text (inclusive)."""
        with self.reading() as conn:
            raw = reads.history(conn, type, start_at=since, end_at=until, limit=limit, full=full)
        return [HistoryItem.model_validate(item) for item in raw]

    def ratings(
        self,
        type: str = "all",
        *,
        ratings: Iterable[int] | int = (),
        limit: int | None = None,
        full: bool = False,
    ) -> list[RatingItem]:
        """Ratings, newest first, like `trakt.ratings.list`: `type` all, movies, shows,
        seasons or episodes; `ratings` keeps only those values (1-10)."""
        wanted = [ratings] if isinstance(ratings, int) else list(ratings)
        with self.reading() as conn:
            raw = reads.ratings(conn, type, rating=wanted or None, limit=limit, full=full)
        return [RatingItem.model_validate(item) for item in raw]

    def watchlist(
        self,
        type: str = "all",
        *,
        sort_by: str | None = None,
        sort_how: str | None = None,
        limit: int | None = None,
        full: bool = False,
    ) -> list[WatchlistItem]:
        """Watchlist items, like `trakt.watchlist.list`: in the server's default order (the
        user's preferred sort, as last synced), or by `sort_by` rank, added, title or
        released and `sort_how` asc (the default when either is given) or desc."""
        return self._ranked("watchlist", type, sort_by, sort_how, limit, full)

    def favorites(
        self,
        type: str = "all",
        *,
        sort_by: str | None = None,
        sort_how: str | None = None,
        limit: int | None = None,
        full: bool = False,
    ) -> list[WatchlistItem]:
        """Favorites (list-item wrappers), like the watchlist."""
        return self._ranked("favorites", type, sort_by, sort_how, limit, full)

    def _ranked(
        self,
        table: str,
        type: str,
        sort_by: str | None,
        sort_how: str | None,
        limit: int | None,
        full: bool,
    ) -> list[WatchlistItem]:
        with self.reading() as conn:
            sort, order = _sort(sort_by, sort_how)
            raw = reads.list_items(conn, table, type, sort=sort, order=order, full=full)
        return [WatchlistItem.model_validate(item) for item in raw[:limit]]

    def collection(
        self, type: str = "all", *, limit: int | None = None, full: bool = False
    ) -> list[CollectionMovie | CollectionShow]:
        """Like `trakt.collection.list`: `movies` (CollectionMovie items), `shows`
        (CollectionShow items) or `all` (movies then shows); newest first, with metadata."""
        kind = (type or "all").lower()
        if kind not in ("all", "movies", "movie", "shows", "show"):
            raise ValueError(f"collection type must be all, movies or shows, not {type!r}")
        items: list[CollectionMovie | CollectionShow] = []
        if kind in ("all", "movies", "movie"):
            items += self.collection_movies(full=full)
        if kind in ("all", "shows", "show"):
            items += self.collection_shows(full=full)
        return items[:limit]

    def collection_movies(self, *, full: bool = False) -> list[CollectionMovie]:
        with self.reading() as conn:
            raw = reads.collection_movies(conn, full=full)
        return [CollectionMovie.model_validate(item) for item in raw]

    def collection_shows(self, *, full: bool = False) -> list[CollectionShow]:
        with self.reading() as conn:
            raw = reads.collection_shows(conn, full=full)
        return [CollectionShow.model_validate(item) for item in raw]

    def watched_movies(self, *, full: bool = False) -> list[WatchedMovie]:
        with self.reading() as conn:
            raw = reads.watched_movies(conn, full=full)
        return [WatchedMovie.model_validate(item) for item in raw]

    def watched_shows(self, *, full: bool = False) -> list[WatchedShow]:
        with self.reading() as conn:
            raw = reads.watched_shows(conn, full=full)
        return [WatchedShow.model_validate(item) for item in raw]

    def playback(self, type: str | None = None, *, full: bool = False) -> list[dict[str, Any]]:
        """Paused playbacks (`{"progress","paused_at","id","type",...}`), newest first."""
        with self.reading() as conn:
            return reads.playback(conn, type, full=full)

    def lists(self) -> list[ListInfo]:
        """The user's personal lists, in the server's order."""
        with self.reading() as conn:
            raw = reads.lists(conn)
        return [ListInfo.model_validate(item) for item in raw]

    def list_items(self, list_id: int | str, *, full: bool = False) -> list[WatchlistItem]:
        """The items of one personal list (by Trakt id or slug), by rank."""
        with self.reading() as conn:
            raw = reads.personal_list_items(conn, list_id, full=full)
        return [WatchlistItem.model_validate(item) for item in raw]

    def settings(self) -> UserSettings | None:
        with self.reading() as conn:
            raw = reads.settings(conn)
        return None if raw is None else UserSettings.model_validate(raw)

    # -- questions and local writes ---------------------------------------------------------

    def stats(self, year: int | None = None) -> Stats:
        from traktkit.mirror.stats import compute_stats

        with self.reading() as conn:
            return compute_stats(conn, year)

    def apply_write(
        self,
        kind: WriteKind,
        entries: Sequence[WriteEntry],
        result: SyncResult | None = None,
        *,
        history_ids: Sequence[int] = (),
    ) -> ApplyReport:
        """Update the mirror from a write Trakt accepted (see `traktkit.mirror.writes`)."""
        from traktkit.mirror.writes import apply_write

        with self.transaction() as conn:
            return apply_write(conn, kind, entries, result, history_ids=history_ids)
