"""The sections a sync mirrors, what moves them, and how each one is fetched and stored.

Each section is fetched completely (every page at 250) and written in ONE transaction
together with its `sync_state` row (the `last_activities` timestamps it now matches), so
an interrupted sync leaves every section either old or new, never half-written. History
is special (incremental, see `traktkit.mirror.history`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from traktkit.mirror.history import sync_history
from traktkit.mirror.media import dumps, upsert_media
from traktkit.mirror.report import SectionReport
from traktkit.mirror.rows import (
    Rows,
    collection_movie_rows,
    collection_show_rows,
    list_item_rows,
    list_rows,
    playback_rows,
    rating_rows,
    watched_movie_rows,
    watched_show_rows,
)
from traktkit.mirror.schema import LIBRARY_TABLES
from traktkit.mirror.tables import Changes, replace_rows, write_state

if TYPE_CHECKING:
    from traktkit.mirror.sync import Run
    from traktkit.mirror.tables import SectionState

__all__ = ["SECTIONS", "Section"]

Stamps = Mapping[str, str | None]
Runner = Callable[["Run", str, Stamps, "SectionState | None"], SectionReport]
FULL = {"extended": "full"}


@dataclass(frozen=True)
class Section:
    """`name`, the `last_activities` keys (`section.field`) whose change means "re-fetch",
    and the function that fetches and stores it."""

    name: str
    stamps: tuple[str, ...]
    run: Runner


def _simple(
    table: str,
    keys: tuple[str, ...],
    path: str,
    build: Callable[[Any], Rows],
    params: Mapping[str, Any] | None = None,
    scope: tuple[str, tuple[Any, ...]] = ("1", ()),
) -> Runner:
    """A section stored in one table, replaced as a whole (within `scope`)."""

    def run(run: Run, name: str, stamps: Stamps, state: SectionState | None) -> SectionReport:
        rows = build(run.fetch.pages(name, path, params))
        with run.mirror.transaction() as conn:
            changes = replace_rows(conn, table, keys, rows.main, scope=scope[0], args=scope[1])
            upsert_media(conn, rows.media)
            write_state(conn, name, status="ok", activities=stamps, item_count=changes.total)
        return SectionReport(name, "full", changes, skipped=rows.skipped)

    return run


def _nested(
    parent: str, child: str, path: str, build: Callable[[Any], Rows], params: Mapping[str, Any]
) -> Runner:
    """Shows with nested episodes (collection, watched): a show table and an episode table."""

    def run(run: Run, name: str, stamps: Stamps, state: SectionState | None) -> SectionReport:
        rows = build(run.fetch.pages(name, path, params))
        with run.mirror.transaction() as conn:
            changes = replace_rows(conn, parent, ("show_trakt",), rows.main)
            replace_rows(conn, child, ("show_trakt", "season", "number"), rows.children)
            upsert_media(conn, rows.media)
            if parent == "watched_shows":
                seasons = any(row["has_seasons"] for row in rows.main)
                if rows.main:
                    _set_meta(conn, "watched_seasons", "1" if seasons else "0")
            write_state(conn, name, status="ok", activities=stamps, item_count=changes.total)
        return SectionReport(name, "full", changes, skipped=rows.skipped)

    return run


def _set_meta(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _settings(run: Run, name: str, stamps: Stamps, state: SectionState | None) -> SectionReport:
    data = run.fetch.get("/users/settings").data
    user = data.get("user") if isinstance(data, dict) else None
    username = user.get("username") if isinstance(user, dict) else None
    with run.mirror.transaction() as conn:
        old = conn.execute("SELECT username, json FROM settings WHERE id = 1").fetchone()
        if old is not None and old[0] and username and old[0] != username:
            _wipe(conn)  # another account: start over
            run.full = True
        text = dumps(data)
        conn.execute(
            "INSERT OR REPLACE INTO settings (id, username, json) VALUES (1, ?, ?)",
            (username, text),
        )
        _set_meta(conn, "username", username)
        write_state(conn, name, status="ok", activities=stamps, item_count=1)
    changed = old is None or old[1] != text
    changes = Changes(added=int(old is None), updated=int(changed and old is not None), total=1)
    return SectionReport(name, "full", changes)


def _wipe(conn: sqlite3.Connection) -> None:
    for table in (*LIBRARY_TABLES, "sync_state"):
        conn.execute(f"DELETE FROM {table}")


def _lists(run: Run, name: str, stamps: Stamps, state: SectionState | None) -> SectionReport:
    rows = list_rows(run.fetch.pages(name, "/users/me/lists"))
    conn = run.mirror.conn
    stored = {
        r[0]: (r[1], r[2], r[3])
        for r in conn.execute("SELECT trakt, updated_at, item_count, items_synced FROM lists")
    }
    fetched: dict[int, Rows] = {}
    for row in rows.main:
        before = stored.get(row["trakt"])
        if run.full or before != (row["updated_at"], row["item_count"], 1):
            path = f"/users/me/lists/{row['trakt']}/items"
            fetched[row["trakt"]] = list_item_rows(run.fetch.pages(name, path, FULL), row["trakt"])
        row["items_synced"] = 1
    with run.mirror.transaction() as conn:
        changes = replace_rows(conn, "lists", ("trakt",), rows.main)
        kept = [row["trakt"] for row in rows.main]
        marks = ", ".join("?" for _ in kept) or "NULL"
        conn.execute(f"DELETE FROM list_items WHERE list_trakt NOT IN ({marks})", kept)
        skipped = rows.skipped
        for trakt, items in fetched.items():
            scope = ("list_trakt = ?", (trakt,))
            changes += replace_rows(
                conn, "list_items", ("id",), items.main, scope=scope[0], args=scope[1]
            )
            upsert_media(conn, items.media)
            skipped += items.skipped
        write_state(conn, name, status="ok", activities=stamps, item_count=len(rows.main))
    changes.total = len(rows.main)
    return SectionReport(name, "full", changes, skipped=skipped)


def _ratings(plural: str, kind: str) -> Section:
    return Section(
        f"ratings.{plural}",
        (f"{plural}.rated_at",),
        _simple(
            "ratings",
            ("kind", "trakt"),
            f"/sync/ratings/{plural}",
            rating_rows,
            FULL,
            ("kind = ?", (kind,)),
        ),
    )


SECTIONS: tuple[Section, ...] = (
    Section("settings", ("account.settings_at",), _settings),
    Section("history", ("movies.watched_at", "episodes.watched_at"), sync_history),
    Section(
        "watched.movies",
        ("movies.watched_at",),
        _simple("watched_movies", ("trakt",), "/sync/watched/movies", watched_movie_rows, FULL),
    ),
    Section(
        "watched.shows",
        ("episodes.watched_at",),
        _nested(
            "watched_shows",
            "watched_episodes",
            "/sync/watched/shows",
            watched_show_rows,
            {"extended": "progress"},
        ),
    ),
    _ratings("movies", "movie"),
    _ratings("shows", "show"),
    _ratings("seasons", "season"),
    _ratings("episodes", "episode"),
    Section(
        "watchlist",
        (
            "watchlist.updated_at",
            "movies.watchlisted_at",
            "shows.watchlisted_at",
            "seasons.watchlisted_at",
            "episodes.watchlisted_at",
        ),
        _simple("watchlist", ("id",), "/sync/watchlist", list_item_rows, FULL),
    ),
    Section(
        "favorites",
        ("favorites.updated_at", "movies.favorited_at", "shows.favorited_at"),
        _simple("favorites", ("id",), "/sync/favorites", list_item_rows, FULL),
    ),
    Section(
        "collection.movies",
        ("movies.collected_at",),
        _simple(
            "collection_movies",
            ("trakt",),
            "/sync/collection/movies",
            collection_movie_rows,
            {"extended": "full,metadata"},
        ),
    ),
    Section(
        "collection.shows",
        ("episodes.collected_at",),
        _nested(
            "collection_shows",
            "collection_episodes",
            "/sync/collection/shows",
            collection_show_rows,
            {"extended": "full,metadata"},
        ),
    ),
    Section(
        "playback",
        ("movies.paused_at", "episodes.paused_at"),
        _simple("playback", ("id",), "/sync/playback", playback_rows, FULL),
    ),
    Section("lists", ("lists.updated_at",), _lists),
)
"""In run order: settings first (an account switch restarts everything), history before
watched (a history resync invalidates watched)."""
