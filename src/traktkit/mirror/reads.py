"""Reads: rebuild API-shaped items (plain dicts) from the mirror's rows.

Every function takes an open connection and returns items exactly as the API sends them
(`full=True`: media objects as stored, normally `extended=full`; else the minimal objects
of REFERENCE §7.1). Orders follow the API's defaults.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from traktkit.mirror.media import MediaCache, iso
from traktkit.mirror.rows import SEASONS_KEY
from traktkit.models.dates import format_datetime

__all__ = [
    "collection_movies",
    "collection_shows",
    "history",
    "list_items",
    "lists",
    "personal_list_items",
    "playback",
    "ratings",
    "settings",
    "sort_items",
    "watched_movies",
    "watched_shows",
]

Item = dict[str, Any]

_KINDS: dict[str, tuple[str, ...]] = {
    "movies": ("movie",),
    "movie": ("movie",),
    "shows": ("show",),
    "show": ("show",),
    "seasons": ("season",),
    "season": ("season",),
    "episodes": ("episode",),
    "episode": ("episode",),
    "people": ("person",),
    "person": ("person",),
}
_DESC_BY_DEFAULT = frozenset({"added", "released", "runtime", "listed_at"})
_ARTICLES = ("the ", "a ", "an ")


def kinds_for(type: str | None, *, history: bool = False) -> tuple[str, ...] | None:
    """The media kinds a `type` filter selects (None: everything)."""
    if type is None or type in ("", "all"):
        return None
    key = type.strip().lower()
    if history and key in ("shows", "show", "seasons", "season", "episodes", "episode"):
        return ("episode",)
    kinds = tuple(k for part in key.split(",") for k in _KINDS.get(part.strip(), ()))
    if not kinds:
        raise ValueError(f"unknown type {type!r}: use movies, shows, seasons or episodes")
    return kinds


def _in(column: str, values: Sequence[Any]) -> str:
    return f"{column} IN ({', '.join('?' for _ in values)})"


def _stamp(value: datetime | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return format_datetime(value)
    stamp = iso(value)
    if stamp is None:
        raise ValueError(f"not an ISO-8601 timestamp: {value!r}")
    return stamp


def _assemble(conn: sqlite3.Connection, rows: Sequence[Sequence[Any]], full: bool) -> list[Item]:
    cache = MediaCache(conn, full=full)
    if len(rows) > 500:
        cache.preload(("movie", "show", "episode"))
    return [cache.assemble(row[0]) for row in rows]


def history(
    conn: sqlite3.Connection,
    type: str | None = None,
    *,
    start_at: datetime | str | None = None,
    end_at: datetime | str | None = None,
    limit: int | None = None,
    full: bool = False,
) -> list[Item]:
    """Plays newest first (unknown dates last), like `GET /sync/history`."""
    where: list[str] = ["1"]
    args: list[Any] = []
    kinds = kinds_for(type, history=True)
    if kinds:
        where.append(_in("kind", kinds))
        args += list(kinds)
    if (start := _stamp(start_at)) is not None:
        where.append("watched_at >= ?")
        args.append(start)
    if (end := _stamp(end_at)) is not None:
        where.append("watched_at <= ?")
        args.append(end)
    sql = f"SELECT json FROM plays WHERE {' AND '.join(where)} ORDER BY watched_at DESC, id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _assemble(conn, conn.execute(sql, args).fetchall(), full)


def ratings(
    conn: sqlite3.Connection,
    type: str | None = None,
    *,
    rating: int | Sequence[int] | None = None,
    limit: int | None = None,
    full: bool = False,
) -> list[Item]:
    """Ratings newest first, like `GET /sync/ratings/{type}/{rating}`."""
    where: list[str] = ["1"]
    args: list[Any] = []
    kinds = kinds_for(type)
    if kinds:
        where.append(_in("kind", kinds))
        args += list(kinds)
    if rating is not None:
        wanted = [rating] if isinstance(rating, int) else list(rating)
        where.append(_in("rating", wanted))
        args += wanted
    order = "rated_at DESC, kind DESC, trakt DESC"
    sql = f"SELECT json FROM ratings WHERE {' AND '.join(where)} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _assemble(conn, conn.execute(sql, args).fetchall(), full)


def _normalize(text: str) -> str:
    """Title sort form: no accents, case or punctuation, no leading article."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    value = " ".join("".join(c if c.isalnum() else " " for c in plain).split())
    for article in _ARTICLES:
        if value.startswith(article):
            return value[len(article) :]
    return value


@dataclass(frozen=True)
class Listed:
    """A list item with the facts it can be sorted by."""

    item: Item
    rank: int | None
    listed_at: str | None
    title: str | None
    released: str | None


def _listed(row: Sequence[Any], item: Item) -> Listed:
    _, rank, listed_at, kind, title, released, season, number, show_title = row
    if kind in ("season", "episode"):
        title = f"{show_title or ''} {season or 0:04d}"
        if kind == "episode":
            title += f" {number or 0:04d}"
    if isinstance(released, str) and len(released) == 10:  # a movie's release date
        released += "T00:00:00.000Z"
    return Listed(item, rank, listed_at, _normalize(title) if title else None, released)


def sort_items(
    items: list[Listed], sort: str | None = "rank", order: str | None = None
) -> list[Item]:
    """List items by `rank`, `added`, `title` or `released` (`order` asc|desc; the default
    is ascending for rank and title, descending otherwise). Missing values come last;
    ties keep rank order (as the API sorts). `sort=None` keeps the order given."""
    if sort is None:
        return [i.item for i in items]
    how = order or ("desc" if sort in _DESC_BY_DEFAULT else "asc")
    if how not in ("asc", "desc"):
        raise ValueError(f"order must be asc or desc, not {order!r}")
    keys: dict[str, Callable[[Listed], Any]] = {
        "rank": lambda i: i.rank,
        "added": lambda i: i.listed_at,
        "listed_at": lambda i: i.listed_at,
        "title": lambda i: i.title,
        "released": lambda i: i.released,
    }
    if sort not in keys:
        raise ValueError(f"sort must be one of rank, added, title, released, not {sort!r}")
    by_rank = sorted(items, key=lambda i: (i.rank is None, i.rank or 0))
    if sort == "rank":
        ordered = by_rank if how == "asc" else by_rank[::-1]
    else:
        key = keys[sort]
        present = [i for i in by_rank if key(i) is not None]
        present.sort(key=key, reverse=how == "desc")
        ordered = present + [i for i in by_rank if key(i) is None]
    return [i.item for i in ordered]


def list_items(
    conn: sqlite3.Connection,
    table: str,
    type: str | None = None,
    *,
    sort: str | None = None,
    order: str | None = None,
    full: bool = False,
    list_trakt: int | None = None,
) -> list[Item]:
    """Watchlist, favorites or personal-list items (list-item wrappers, §7.4): in the
    order the server sent them (its default sort; items added locally last), or sorted by
    `sort` (see `sort_items`)."""
    if table not in ("watchlist", "favorites", "list_items"):
        raise ValueError(f"not a list table: {table}")
    where: list[str] = ["1"]
    args: list[Any] = []
    kinds = kinds_for(type)
    if kinds:
        where.append(_in("t.kind", kinds))
        args += list(kinds)
    if list_trakt is not None:
        where.append("t.list_trakt = ?")
        args.append(list_trakt)
    rows = conn.execute(
        f"""SELECT t.json, t.rank, t.listed_at, t.kind, m.title, m.released, m.season,
                   m.number, s.title
            FROM {table} t
            LEFT JOIN media m ON m.kind = t.kind AND m.trakt = t.trakt
            LEFT JOIN media s ON s.kind = 'show' AND s.trakt = t.show_trakt
            WHERE {" AND ".join(where)}
            ORDER BY t.position IS NULL, t.position, t.rank, t.id""",
        args,
    ).fetchall()
    items = _assemble(conn, rows, full)
    return sort_items(
        [_listed(row, item) for row, item in zip(rows, items, strict=True)], sort, order
    )


def collection_movies(conn: sqlite3.Connection, *, full: bool = False) -> list[Item]:
    rows = conn.execute(
        "SELECT json FROM collection_movies ORDER BY collected_at DESC, position, trakt"
    ).fetchall()
    return _assemble(conn, rows, full)


def _nested(conn: sqlite3.Connection, table: str, show: int) -> list[Item]:
    seasons: dict[int, list[Item]] = {}
    for season, text in conn.execute(
        f"SELECT season, json FROM {table} WHERE show_trakt = ? ORDER BY season, number", (show,)
    ):
        seasons.setdefault(season, []).append(json.loads(text))
    return [{"number": n, "episodes": eps} for n, eps in seasons.items()]


def _shows(conn: sqlite3.Connection, sql: str, child: str, full: bool) -> list[Item]:
    cache = MediaCache(conn, full=full)
    out: list[Item] = []
    for show, text in conn.execute(sql).fetchall():
        item = cache.assemble(text)
        if item.get("seasons") == SEASONS_KEY:
            item["seasons"] = _nested(conn, child, show)
        out.append(item)
    return out


def collection_shows(conn: sqlite3.Connection, *, full: bool = False) -> list[Item]:
    sql = (
        "SELECT show_trakt, json FROM collection_shows "
        "ORDER BY last_collected_at DESC, position, show_trakt"
    )
    return _shows(conn, sql, "collection_episodes", full)


def watched_movies(conn: sqlite3.Connection, *, full: bool = False) -> list[Item]:
    rows = conn.execute(
        "SELECT json FROM watched_movies ORDER BY plays DESC, last_watched_at DESC, trakt"
    ).fetchall()
    return _assemble(conn, rows, full)


def watched_shows(conn: sqlite3.Connection, *, full: bool = False) -> list[Item]:
    sql = (
        "SELECT show_trakt, json FROM watched_shows "
        "ORDER BY plays DESC, last_watched_at DESC, show_trakt"
    )
    return _shows(conn, sql, "watched_episodes", full)


def playback(
    conn: sqlite3.Connection, type: str | None = None, *, full: bool = False
) -> list[Item]:
    where, args = "1", list[Any]()
    kinds = kinds_for(type)
    if kinds:
        where, args = _in("kind", kinds), list(kinds)
    rows = conn.execute(
        f"SELECT json FROM playback WHERE {where} ORDER BY paused_at DESC, id DESC", args
    ).fetchall()
    return _assemble(conn, rows, full)


def lists(conn: sqlite3.Connection) -> list[Item]:
    return [json.loads(r[0]) for r in conn.execute("SELECT json FROM lists ORDER BY position")]


def personal_list_items(
    conn: sqlite3.Connection, list_id: int | str, *, full: bool = False
) -> list[Item]:
    ident = str(list_id)
    row = conn.execute(
        "SELECT trakt FROM lists WHERE trakt = ? OR slug = ?",
        (int(ident) if ident.isdigit() else -1, ident),
    ).fetchone()
    if row is None:
        raise KeyError(f"no list {list_id!r} in the mirror")
    return list_items(conn, "list_items", list_trakt=int(row[0]), full=full)


def settings(conn: sqlite3.Connection) -> Item | None:
    row = conn.execute("SELECT json FROM settings WHERE id = 1").fetchone()
    if row is None:
        return None
    data: Item = json.loads(row[0])
    return data
