"""traktkit.mirror: the user's whole Trakt library in SQLite, kept fresh cheaply.

    from traktkit.client import Trakt
    from traktkit.mirror import Mirror, sync

    with Trakt.from_env() as trakt, Mirror.from_settings(trakt.settings) as mirror:
        report = sync(trakt.http, mirror)          # first run: everything, 250 per page
        report = sync(trakt.http, mirror)          # nothing changed: 1 request
        for play in mirror.history("movies"):     # the API's own item shapes, offline
            ...
        mirror.stats(year=2025).hours

Sync (`traktkit.mirror.sync`)
-----------------------------
`sync(http, mirror, full=False, progress=None) -> SyncReport` reads
`/sync/last_activities`, then re-fetches only the sections whose timestamps moved
(`traktkit.mirror.sections.SECTIONS`: settings, history, watched.movies, watched.shows,
ratings.{movies,shows,seasons,episodes}, watchlist, favorites, collection.{movies,shows},
playback, lists). History is incremental (new plays only, plus an item-count check that
falls back to a resync). Each section is written in one transaction with the timestamps
it matches, so an interrupted sync leaves a consistent mirror and the next run picks up.
A route the server lacks (404) marks its section `unavailable` without failing the run;
it is tried again when its timestamps move, or with `full=True`.

Reads (`Mirror`), offline, in the live API's item shapes
-------------------------------------------------------
The reads take the arguments of the live API groups (`trakt.history.list`, ...) and return
the same models in the same order, so `item.to_api()` gives the same `--json` output as
the live command. Media objects are minimal (REFERENCE §7.1) unless `full=True` (the
`extended=full` objects the sync stored).

* `history(type="all", since=None, until=None, limit=None, full=False) -> list[HistoryItem]`
  (newest first; type all | movies | shows | seasons | episodes; since/until datetimes or
  ISO text; convert relative forms such as `7d` before calling)
* `ratings(type="all", ratings=(), limit=None, full=False) -> list[RatingItem]`
* `watchlist(type="all", sort_by=None, sort_how=None, limit=None, full=False)
  -> list[WatchlistItem]` (sort_by rank | added | title | released, sort_how asc | desc);
  `favorites(...)` likewise
* `collection(type="all", limit=None, full=False) -> list[CollectionMovie | CollectionShow]`
  (with `metadata`, as `trakt.collection.list` fetches it)
* `watched_movies()`, `watched_shows()`, `playback()`, `lists()`, `list_items(list_id)`,
  `settings()`
* `stats(year=None) -> Stats` (plays, hours, top genres/shows/movies, ratings
  distribution, activity by month; `Stats.to_dict()` for JSON)
* `is_fresh(max_age_seconds) -> bool`, `last_sync_at()`, `state(section)`, `states()`,
  `counts()`

How the CLI list commands use it (`--offline`, freshness): with `--offline` answer from
the mirror (error when it was never synced: `mirror.last_sync_at() is None`); without it,
answer from the mirror when `mirror.is_fresh(max_age)` (a configurable age, e.g. a
`TRAKTKIT_MIRROR_MAX_AGE` variable in seconds), else call the API. Values written through
traktkit are in the mirror right away (see below), so a fresh mirror stays correct after
`watchlist add` and friends.

Writes (`Mirror.apply_write`)
-----------------------------
After a write through traktkit, update the mirror from what the write reported:

    report = trakt.watchlist.add([...])                       # a WriteReport
    mirror.apply_write("watchlist.add", entries_from_outcomes(report.outcomes), report.result)

`kind` is `history|watchlist|favorites|collection|ratings` + `.add|.remove`; entries are
`WriteEntry(type, media, show, season, episode, fields, status)` (or built from outcomes
with `entries_from_outcomes(outcomes, fields_for)`; `fields` carry `watched_at`,
`rating`, `rated_at`, `collected_at`, `notes`, metadata); `history_ids=[...]` removes
single plays. Values only the server knows are provisional until the next `sync()`.

Schema: see `traktkit.mirror.schema`. No SQL lives outside this package.
"""

import sqlite3

from traktkit.mirror.fetch import ProgressHook, SyncProgress
from traktkit.mirror.report import SectionReport, SyncReport
from traktkit.mirror.schema import SCHEMA_VERSION, SchemaTooNew
from traktkit.mirror.sections import SECTIONS
from traktkit.mirror.stats import MonthCount, Stats, TitleCount
from traktkit.mirror.store import Mirror
from traktkit.mirror.sync import sync
from traktkit.mirror.tables import Changes, SectionState
from traktkit.mirror.writes import ApplyReport, WriteEntry, WriteKind, entries_from_outcomes

# What an unusable mirror file raises (damaged, locked, written by a newer traktkit):
# callers treat the mirror as absent and ask the API instead.
MIRROR_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, SchemaTooNew, OSError)

__all__ = [
    "MIRROR_ERRORS",
    "SCHEMA_VERSION",
    "SECTIONS",
    "ApplyReport",
    "Changes",
    "Mirror",
    "MonthCount",
    "ProgressHook",
    "SchemaTooNew",
    "SectionReport",
    "SectionState",
    "Stats",
    "SyncProgress",
    "SyncReport",
    "TitleCount",
    "WriteEntry",
    "WriteKind",
    "entries_from_outcomes",
    "sync",
]
