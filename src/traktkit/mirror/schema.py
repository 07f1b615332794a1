"""The mirror's SQLite schema: ordered migrations tracked by `PRAGMA user_version`.

Design (see `traktkit.mirror` for the big picture):

* `media` holds every movie, show, season, episode and person once, keyed by
  `(kind, trakt)`, with the columns questions need (title, year, external ids, runtime,
  air/release date, parent show) and `json`, the richest API object seen for it
  (`extended=full` when the sync asked for it). `media_genres` indexes genres.
* Each library section has its own table (`plays`, `ratings`, `watchlist`, `favorites`,
  `collection_movies`, `collection_shows` + `collection_episodes`, `watched_movies`,
  `watched_shows` + `watched_episodes`, `playback`, `lists` + `list_items`, `settings`).
  Shows in the collection and in watched arrive as nested seasons/episodes known only by
  numbers, so their episode rows are keyed by `(show_trakt, season, number)`. A row keeps its
  key facts as columns (ids, timestamps, rating, metadata, rank...) plus `json`: the API
  item exactly as received, with each embedded media object replaced by a reference
  `{"$m": trakt}` (reads substitute the object back from `media`).
* Every item row names its media by `kind`, `trakt` and (seasons, episodes)
  `show_trakt`.
* Timestamps are stored as the API writes them (`2014-09-01T09:10:11.000Z`): UTC, fixed
  width, so text order is time order and `substr(ts, 1, 7)` is the month.
* `sync_state` records per section the `last_activities` timestamps its data matches,
  when it was synced, its item count and whether the server offered it; `meta` holds
  mirror-wide facts (`last_sync_at`, `username`).

A migration is a list of SQL statements; `migrate()` runs the pending ones in order, each
in its own transaction together with the `user_version` bump.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "LIBRARY_TABLES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SchemaTooNew",
    "connect",
    "migrate",
    "user_version",
]

LIBRARY_TABLES: tuple[str, ...] = (
    "plays",
    "ratings",
    "watchlist",
    "favorites",
    "collection_movies",
    "collection_shows",
    "collection_episodes",
    "watched_movies",
    "watched_shows",
    "watched_episodes",
    "playback",
    "lists",
    "list_items",
)
"""The tables of one user's library sections (not `media`, `media_genres`, `settings`,
`meta` or `sync_state`)."""

_V1: tuple[str, ...] = (
    """CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT
    )""",
    """CREATE TABLE sync_state (
        section TEXT PRIMARY KEY,
        status TEXT NOT NULL,               -- ok | unavailable
        activities TEXT,                    -- JSON {"movies.watched_at": "...", ...}
        synced_at TEXT NOT NULL,
        item_count INTEGER,
        detail TEXT
    )""",
    """CREATE TABLE media (
        kind TEXT NOT NULL,                 -- movie | show | season | episode | person
        trakt INTEGER NOT NULL,
        slug TEXT,
        imdb TEXT,
        tmdb INTEGER,
        tvdb INTEGER,
        title TEXT,                         -- person: name
        year INTEGER,
        show_trakt INTEGER,                 -- season / episode: its show
        season INTEGER,                     -- season: its number; episode: its season
        number INTEGER,                     -- episode number (season: same as season)
        runtime INTEGER,                    -- minutes, when known (extended=full)
        released TEXT,                      -- movie `released`, else `first_aired`
        key_count INTEGER NOT NULL,         -- keys in json: richer objects win
        json TEXT NOT NULL,
        PRIMARY KEY (kind, trakt)
    ) WITHOUT ROWID""",
    "CREATE INDEX media_imdb ON media (imdb) WHERE imdb IS NOT NULL",
    "CREATE INDEX media_tmdb ON media (kind, tmdb) WHERE tmdb IS NOT NULL",
    "CREATE INDEX media_tvdb ON media (kind, tvdb) WHERE tvdb IS NOT NULL",
    "CREATE INDEX media_slug ON media (kind, slug) WHERE slug IS NOT NULL",
    "CREATE INDEX media_show ON media (show_trakt, season, number) WHERE show_trakt IS NOT NULL",
    """CREATE TABLE media_genres (
        kind TEXT NOT NULL,
        trakt INTEGER NOT NULL,
        genre TEXT NOT NULL,
        PRIMARY KEY (kind, trakt, genre)
    ) WITHOUT ROWID""",
    "CREATE INDEX media_genres_genre ON media_genres (genre)",
    """CREATE TABLE plays (
        id INTEGER PRIMARY KEY,             -- history id; < 0 = provisional (local write)
        watched_at TEXT,                    -- null when watched at an unknown date
        action TEXT,
        type TEXT NOT NULL,                 -- movie | episode
        kind TEXT NOT NULL,
        trakt INTEGER NOT NULL,
        show_trakt INTEGER,
        json TEXT NOT NULL
    )""",
    "CREATE INDEX plays_watched_at ON plays (watched_at)",
    "CREATE INDEX plays_item ON plays (kind, trakt)",
    "CREATE INDEX plays_show ON plays (show_trakt) WHERE show_trakt IS NOT NULL",
    """CREATE TABLE ratings (
        kind TEXT NOT NULL,                 -- movie | show | season | episode
        trakt INTEGER NOT NULL,
        show_trakt INTEGER,
        rating INTEGER NOT NULL,
        rated_at TEXT,
        type TEXT NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (kind, trakt)
    ) WITHOUT ROWID""",
    "CREATE INDEX ratings_rating ON ratings (rating)",
    "CREATE INDEX ratings_rated_at ON ratings (rated_at)",
    """CREATE TABLE watchlist (
        id INTEGER PRIMARY KEY,             -- list-item id; < 0 = provisional
        rank INTEGER,
        listed_at TEXT,
        notes TEXT,
        type TEXT NOT NULL,
        kind TEXT NOT NULL,
        trakt INTEGER NOT NULL,
        show_trakt INTEGER,
        position INTEGER,                   -- order received (the server's default sort)
        json TEXT NOT NULL
    )""",
    "CREATE INDEX watchlist_item ON watchlist (kind, trakt)",
    """CREATE TABLE favorites (
        id INTEGER PRIMARY KEY,
        rank INTEGER,
        listed_at TEXT,
        notes TEXT,
        type TEXT NOT NULL,
        kind TEXT NOT NULL,
        trakt INTEGER NOT NULL,
        show_trakt INTEGER,
        position INTEGER,
        json TEXT NOT NULL
    )""",
    "CREATE INDEX favorites_item ON favorites (kind, trakt)",
    """CREATE TABLE collection_movies (
        trakt INTEGER PRIMARY KEY,
        collected_at TEXT,
        updated_at TEXT,
        media_type TEXT,
        resolution TEXT,
        hdr TEXT,
        audio TEXT,
        audio_channels TEXT,
        three_d TEXT,                       -- JSON value of metadata.3d
        position INTEGER,                   -- order received (ties of collected_at)
        json TEXT NOT NULL
    )""",
    "CREATE INDEX collection_movies_collected_at ON collection_movies (collected_at)",
    """CREATE TABLE collection_shows (
        show_trakt INTEGER PRIMARY KEY,
        last_collected_at TEXT,
        last_updated_at TEXT,
        position INTEGER,
        json TEXT NOT NULL                  -- the show item, `seasons` left out
    )""",
    """CREATE TABLE collection_episodes (
        show_trakt INTEGER NOT NULL,
        season INTEGER NOT NULL,
        number INTEGER NOT NULL,
        collected_at TEXT,
        media_type TEXT,
        resolution TEXT,
        hdr TEXT,
        audio TEXT,
        audio_channels TEXT,
        three_d TEXT,
        json TEXT NOT NULL,                 -- the episode entry {"number", "collected_at", ...}
        PRIMARY KEY (show_trakt, season, number)
    ) WITHOUT ROWID""",
    """CREATE TABLE watched_movies (
        trakt INTEGER PRIMARY KEY,
        plays INTEGER NOT NULL,
        last_watched_at TEXT,
        last_updated_at TEXT,
        json TEXT NOT NULL
    )""",
    """CREATE TABLE watched_shows (
        show_trakt INTEGER PRIMARY KEY,
        plays INTEGER NOT NULL,
        last_watched_at TEXT,
        last_updated_at TEXT,
        reset_at TEXT,
        has_seasons INTEGER NOT NULL,       -- 0: the server did not send seasons
        json TEXT NOT NULL                  -- the show item, `seasons` left out
    )""",
    """CREATE TABLE watched_episodes (
        show_trakt INTEGER NOT NULL,
        season INTEGER NOT NULL,
        number INTEGER NOT NULL,
        plays INTEGER NOT NULL,
        last_watched_at TEXT,
        json TEXT NOT NULL,                 -- the episode entry {"number", "plays", ...}
        PRIMARY KEY (show_trakt, season, number)
    ) WITHOUT ROWID""",
    """CREATE TABLE playback (
        id INTEGER PRIMARY KEY,
        progress REAL,
        paused_at TEXT,
        type TEXT NOT NULL,
        kind TEXT NOT NULL,
        trakt INTEGER NOT NULL,
        show_trakt INTEGER,
        json TEXT NOT NULL
    )""",
    """CREATE TABLE lists (
        trakt INTEGER PRIMARY KEY,
        slug TEXT,
        name TEXT,
        privacy TEXT,
        updated_at TEXT,
        item_count INTEGER,
        items_synced INTEGER NOT NULL DEFAULT 0,  -- 1: list_items match updated_at
        position INTEGER NOT NULL,
        json TEXT NOT NULL
    )""",
    """CREATE TABLE list_items (
        id INTEGER PRIMARY KEY,             -- list-item id
        list_trakt INTEGER NOT NULL,
        rank INTEGER,
        listed_at TEXT,
        notes TEXT,
        type TEXT NOT NULL,
        kind TEXT NOT NULL,
        trakt INTEGER NOT NULL,
        show_trakt INTEGER,
        position INTEGER,
        json TEXT NOT NULL
    )""",
    "CREATE INDEX list_items_list ON list_items (list_trakt, rank)",
    """CREATE TABLE settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        username TEXT,
        json TEXT NOT NULL
    )""",
)

MIGRATIONS: tuple[Sequence[str], ...] = (_V1,)
"""Migration n (1-based) brings the schema from version n-1 to n. Append, never edit."""

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(RuntimeError):
    """The file was written by a newer traktkit (its user_version is above ours)."""


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) the mirror database: WAL, autocommit, migrated."""
    if str(path) != ":memory:":
        file = Path(path)
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # a viewing history is private: create the file 0600 (SQLite gives its -wal and
        # -shm files the same mode)
        os.close(os.open(file, os.O_CREAT | os.O_RDWR, 0o600))
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Sequence[str]] = MIGRATIONS) -> int:
    """Apply the pending migrations in order; returns the resulting version."""
    version = user_version(conn)
    if version > len(migrations):
        raise SchemaTooNew(
            f"the mirror database has schema version {version}, newer than this traktkit "
            f"({len(migrations)}): upgrade traktkit or delete the mirror file"
        )
    for number in range(version + 1, len(migrations) + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if user_version(conn) >= number:  # another process migrated meanwhile
                conn.execute("ROLLBACK")
                continue
            for statement in migrations[number - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return user_version(conn)
