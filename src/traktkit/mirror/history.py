"""The history section: incremental by default, a full resync when counts disagree.

Incremental run: page `GET /sync/history` newest first and stop at the first play older
than the newest mirrored one (usually one request), add the plays not yet mirrored (by
history id), then compare the server's `X-Pagination-Item-Count` with the mirrored count.
Equal: done. Different (a play was removed, or added with an old date): resync the whole
section. Watched counts of the affected movies and episodes are recomputed from the plays
in the same transaction, so `watched.*` stay consistent without a request.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from traktkit.http.types import PageInfo
from traktkit.mirror.media import dumps, iso, upsert_media
from traktkit.mirror.report import SectionReport
from traktkit.mirror.rows import SEASONS_KEY, play_rows
from traktkit.mirror.tables import (
    Changes,
    insert_rows,
    now_iso,
    read_state,
    replace_rows,
    write_state,
)

if TYPE_CHECKING:
    from traktkit.mirror.sync import Run
    from traktkit.mirror.tables import SectionState

__all__ = ["WATCHED_SECTIONS", "recompute_watched", "sync_history"]

PARAMS = {"extended": "full"}
WATCHED_SECTIONS = {
    "movie": ("watched.movies", "movies.watched_at"),
    "episode": ("watched.shows", "episodes.watched_at"),
}

Item = tuple[str, int, int | None]  # (kind, trakt, show_trakt) of a play


class _CountMismatch(Exception):
    pass


def sync_history(
    run: Run, name: str, stamps: Mapping[str, str | None], state: SectionState | None
) -> SectionReport:
    if run.full or state is None or state.status != "ok":
        return _full(run, name, stamps, None)
    newest = run.mirror.conn.execute("SELECT max(watched_at) FROM plays WHERE id > 0").fetchone()[0]
    if newest is None:
        return _full(run, name, stamps, None)
    try:
        return _incremental(run, name, stamps, state, newest)
    except _CountMismatch as exc:
        return _full(run, name, stamps, str(exc))


def _incremental(
    run: Run,
    name: str,
    stamps: Mapping[str, str | None],
    state: SectionState,
    newest: str,
) -> SectionReport:
    pages: list[PageInfo] = []
    fresh: list[Any] = []
    for item in run.fetch.pages(name, "/sync/history", PARAMS, on_page=pages.append):
        watched_at = iso(item.get("watched_at")) if isinstance(item, dict) else None
        if watched_at is None or watched_at < newest:
            break
        fresh.append(item)
    server_count = pages[0].item_count if pages else None
    rows = play_rows(fresh)
    with run.mirror.transaction() as conn:
        affected = _drop_provisional(conn)
        known = {r[0] for r in conn.execute("SELECT id FROM plays")}
        new = [row for row in rows.main if row["id"] not in known]
        new = list({row["id"]: row for row in new}.values())
        insert_rows(conn, "plays", new, replace=False)
        upsert_media(conn, rows.media)
        total = int(conn.execute("SELECT count(*) FROM plays").fetchone()[0])
        if server_count is not None and total != server_count:
            raise _CountMismatch(
                f"the server has {server_count} plays, the mirror {total}: resynced"
            )
        affected |= {(r["kind"], r["trakt"], r["show_trakt"]) for r in new}
        recompute_watched(conn, affected)
        _advance_watched(conn, state.activities, stamps)
        write_state(conn, name, status="ok", activities=stamps, item_count=total)
    changes = Changes(added=len(new), total=total)
    return SectionReport(name, "incremental", changes, skipped=rows.skipped)


def _full(
    run: Run, name: str, stamps: Mapping[str, str | None], detail: str | None
) -> SectionReport:
    rows = play_rows(run.fetch.pages(name, "/sync/history", PARAMS))
    with run.mirror.transaction() as conn:
        _drop_provisional(conn)
        changes = replace_rows(conn, "plays", ("id",), rows.main)
        upsert_media(conn, rows.media)
        # plays changed in ways history alone cannot tell: watched must be fetched again
        conn.execute("DELETE FROM sync_state WHERE section IN ('watched.movies', 'watched.shows')")
        write_state(conn, name, status="ok", activities=stamps, item_count=changes.total)
    return SectionReport(name, "full", changes, skipped=rows.skipped, detail=detail)


def _drop_provisional(conn: sqlite3.Connection) -> set[Item]:
    """Remove plays recorded locally after a write (the server's own ones replace them)."""
    rows = conn.execute("SELECT kind, trakt, show_trakt FROM plays WHERE id < 0").fetchall()
    conn.execute("DELETE FROM plays WHERE id < 0")
    return {(r[0], r[1], r[2]) for r in rows}


def _advance_watched(
    conn: sqlite3.Connection,
    before: Mapping[str, str | None],
    after: Mapping[str, str | None],
) -> None:
    """Mark watched.* as matching the new timestamps when they matched the old ones."""
    for section, key in WATCHED_SECTIONS.values():
        state = read_state(conn, section)
        if state is None or state.status != "ok" or state.activities != {key: before.get(key)}:
            continue
        table = "watched_movies" if section == "watched.movies" else "watched_shows"
        count = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        write_state(conn, section, status="ok", activities={key: after.get(key)}, item_count=count)


def recompute_watched(conn: sqlite3.Connection, items: Iterable[Item]) -> None:
    """Set the watched rows of these movies/episodes (and their shows) from the plays."""
    stamp = now_iso()
    shows: set[int] = set()
    for kind, trakt, show in set(items):
        if kind == "movie":
            _watched_movie(conn, trakt, stamp)
        elif kind == "episode" and show is not None:
            _watched_episode(conn, trakt, show)
            shows.add(show)
    for show in shows:
        _watched_show(conn, show, stamp)


def _plays(conn: sqlite3.Connection, where: str, args: tuple[Any, ...]) -> tuple[int, str | None]:
    row = conn.execute(
        f"SELECT count(*), max(watched_at) FROM plays WHERE {where}", args
    ).fetchone()
    return int(row[0]), row[1]


def _merge(text: str | None, fields: Mapping[str, Any], tail: Mapping[str, Any]) -> str:
    """The stored skeleton with `fields` updated (a new one: fields then tail)."""
    data: dict[str, Any] = json.loads(text) if text else {}
    if not data:
        data.update(fields)
        data.update(tail)
    else:
        for key, value in fields.items():
            if key in data:
                data[key] = value
    return dumps(data)


def _watched_movie(conn: sqlite3.Connection, trakt: int, stamp: str) -> None:
    plays, last = _plays(conn, "kind = 'movie' AND trakt = ?", (trakt,))
    if plays == 0:
        conn.execute("DELETE FROM watched_movies WHERE trakt = ?", (trakt,))
        return
    old = conn.execute("SELECT json FROM watched_movies WHERE trakt = ?", (trakt,)).fetchone()
    fields = {"plays": plays, "last_watched_at": last, "last_updated_at": stamp}
    text = _merge(old[0] if old else None, fields, {"movie": {"$m": trakt}})
    conn.execute(
        "INSERT OR REPLACE INTO watched_movies "
        "(trakt, plays, last_watched_at, last_updated_at, json) VALUES (?, ?, ?, ?, ?)",
        (trakt, plays, last, stamp, text),
    )


def _watched_episode(conn: sqlite3.Connection, trakt: int, show: int) -> None:
    found = conn.execute(
        "SELECT season, number FROM media WHERE kind = 'episode' AND trakt = ?", (trakt,)
    ).fetchone()
    if found is None or found[0] is None or found[1] is None:
        return
    season, number = int(found[0]), int(found[1])
    has = conn.execute(
        "SELECT has_seasons FROM watched_shows WHERE show_trakt = ?", (show,)
    ).fetchone()
    seasons_known = bool(has[0]) if has else _seasons_supported(conn)
    plays, last = _plays(conn, "kind = 'episode' AND trakt = ?", (trakt,))
    key = (show, season, number)
    if plays == 0 or not seasons_known:
        conn.execute(
            "DELETE FROM watched_episodes WHERE show_trakt = ? AND season = ? AND number = ?", key
        )
        return
    old = conn.execute(
        "SELECT json FROM watched_episodes WHERE show_trakt = ? AND season = ? AND number = ?", key
    ).fetchone()
    fields = {"number": number, "plays": plays, "last_watched_at": last}
    text = _merge(old[0] if old else None, fields, {})
    conn.execute(
        "INSERT OR REPLACE INTO watched_episodes "
        "(show_trakt, season, number, plays, last_watched_at, json) VALUES (?, ?, ?, ?, ?, ?)",
        (*key, plays, last, text),
    )


def _seasons_supported(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM meta WHERE key = 'watched_seasons'").fetchone()
    return row is not None and row[0] == "1"


def _watched_show(conn: sqlite3.Connection, show: int, stamp: str) -> None:
    plays, last = _plays(conn, "kind = 'episode' AND show_trakt = ?", (show,))
    if plays == 0:
        conn.execute("DELETE FROM watched_shows WHERE show_trakt = ?", (show,))
        conn.execute("DELETE FROM watched_episodes WHERE show_trakt = ?", (show,))
        return
    old = conn.execute(
        "SELECT json, reset_at, has_seasons FROM watched_shows WHERE show_trakt = ?", (show,)
    ).fetchone()
    has_seasons = int(old[2]) if old else int(_seasons_supported(conn))
    fields = {"plays": plays, "last_watched_at": last, "last_updated_at": stamp}
    tail: dict[str, Any] = {"reset_at": None, "show": {"$m": show}}
    if has_seasons:
        tail["seasons"] = SEASONS_KEY
    text = _merge(old[0] if old else None, fields, tail)
    conn.execute(
        "INSERT OR REPLACE INTO watched_shows (show_trakt, plays, last_watched_at, "
        "last_updated_at, reset_at, has_seasons, json) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (show, plays, last, stamp, old[1] if old else None, has_seasons, text),
    )
