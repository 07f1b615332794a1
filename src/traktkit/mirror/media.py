"""Media objects in and out of the mirror: split API items into a skeleton plus media rows,
and put them back together.

An API item such as `{"id": 1, "watched_at": "…", "type": "episode", "episode": {…},
"show": {…}}` is stored as its skeleton `{"id": 1, …, "episode": {"$m": 73640},
"show": {"$m": 1388}}` (key order kept) and one `media` row per embedded object. Reading
substitutes the objects back: the stored (richest) object with `full=True`, else its
minimal form (§7.1: `title`, `year`, `ids` for movies and shows; `season`, `number`,
`title`, `ids` for episodes; `number`, `ids` for seasons; `name`, `ids` for people).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from traktkit.models.dates import format_datetime, parse_datetime

__all__ = [
    "MEDIA_KEYS",
    "MINIMAL_KEYS",
    "MediaCache",
    "MediaRow",
    "dumps",
    "iso",
    "media_row",
    "minimal",
    "split_item",
    "upsert_media",
]

MEDIA_KEYS: tuple[str, ...] = ("movie", "show", "season", "episode", "person")
MINIMAL_KEYS: dict[str, tuple[str, ...]] = {
    "movie": ("title", "year", "ids"),
    "show": ("title", "year", "ids"),
    "season": ("number", "ids"),
    "episode": ("season", "number", "title", "ids"),
    "person": ("name", "ids"),
}
REF = "$m"


def dumps(value: Any) -> str:
    """Compact JSON, as stored."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def iso(value: Any) -> str | None:
    """A timestamp in the API's fixed-width form, or None (unparsable values too)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return format_datetime(parse_datetime(value))
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value != "" else None


def trakt_id(obj: Any) -> int | None:
    """`obj["ids"]["trakt"]` when it is an integer."""
    if not isinstance(obj, Mapping):
        return None
    ids = obj.get("ids")
    return _int(ids.get("trakt")) if isinstance(ids, Mapping) else None


@dataclass(frozen=True)
class MediaRow:
    kind: str
    trakt: int
    obj: Mapping[str, Any]
    show_trakt: int | None = None

    def columns(self) -> tuple[Any, ...]:
        obj, ids = self.obj, self.obj.get("ids") or {}
        kind = self.kind
        title = obj.get("name") if kind == "person" else obj.get("title")
        season = obj.get("number") if kind == "season" else obj.get("season")
        number = obj.get("number") if kind in ("episode", "season") else None
        released = obj.get("released") if kind == "movie" else obj.get("first_aired")
        if kind != "movie":
            released = iso(released)
        return (
            kind,
            self.trakt,
            _str(ids.get("slug")),
            _str(ids.get("imdb")),
            _int(ids.get("tmdb")),
            _int(ids.get("tvdb")),
            _str(title),
            _int(obj.get("year")),
            self.show_trakt,
            _int(season),
            _int(number),
            _int(obj.get("runtime")),
            _str(released),
            len(obj),
            dumps(obj),
        )

    def genres(self) -> list[str]:
        raw = self.obj.get("genres")
        if not isinstance(raw, list):
            return []
        return sorted({g for g in raw if isinstance(g, str) and g})


def media_row(kind: str, obj: Any, show_trakt: int | None = None) -> MediaRow | None:
    trakt = trakt_id(obj)
    if trakt is None or not isinstance(obj, Mapping):
        return None
    parent = show_trakt if kind in ("season", "episode") else None
    return MediaRow(kind, trakt, obj, parent)


def split_item(
    item: Mapping[str, Any], keep: tuple[str, ...] = ()
) -> tuple[dict[str, Any], list[MediaRow]]:
    """The item's skeleton (media replaced by `{"$m": trakt}`) and its media rows.

    Objects without a Trakt id stay inline in the skeleton. `keep` names fields of the
    objects that belong to this listing rather than to the object (watched shows carry
    `aired_episodes` even when minimal): they stay in the reference and come back on read.
    """
    show_trakt = trakt_id(item.get("show"))
    skeleton: dict[str, Any] = {}
    rows: list[MediaRow] = []
    for key, value in item.items():
        row = media_row(key, value, show_trakt) if key in MEDIA_KEYS else None
        if row is None:
            skeleton[key] = value
        else:
            skeleton[key] = {REF: row.trakt, **{k: value[k] for k in keep if k in value}}
            rows.append(row)
    return skeleton, rows


_UPSERT = """
INSERT INTO media (kind, trakt, slug, imdb, tmdb, tvdb, title, year, show_trakt, season,
                   number, runtime, released, key_count, json)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (kind, trakt) DO UPDATE SET
    slug = excluded.slug, imdb = excluded.imdb, tmdb = excluded.tmdb, tvdb = excluded.tvdb,
    title = excluded.title, year = excluded.year,
    show_trakt = coalesce(excluded.show_trakt, media.show_trakt),
    season = excluded.season, number = excluded.number,
    runtime = excluded.runtime, released = excluded.released,
    key_count = excluded.key_count, json = excluded.json
WHERE excluded.key_count >= media.key_count
"""


def upsert_media(conn: sqlite3.Connection, rows: Iterable[MediaRow]) -> None:
    """Store media objects; a richer stored object is not replaced by a poorer one."""
    unique: dict[tuple[str, int], MediaRow] = {}
    for row in rows:
        seen = unique.get((row.kind, row.trakt))
        if seen is None or len(row.obj) >= len(seen.obj):
            if seen is not None and row.show_trakt is None and seen.show_trakt is not None:
                row = MediaRow(row.kind, row.trakt, row.obj, seen.show_trakt)
            unique[(row.kind, row.trakt)] = row
    if not unique:
        return
    conn.executemany(_UPSERT, [row.columns() for row in unique.values()])
    with_genres = [row for row in unique.values() if "genres" in row.obj]
    if with_genres:
        conn.executemany(
            "DELETE FROM media_genres WHERE kind = ? AND trakt = ?",
            [(row.kind, row.trakt) for row in with_genres],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO media_genres (kind, trakt, genre) VALUES (?, ?, ?)",
            [(row.kind, row.trakt, genre) for row in with_genres for genre in row.genres()],
        )


def minimal(kind: str, obj: Mapping[str, Any]) -> dict[str, Any]:
    """The minimal (§7.1) form of a stored object, keys in their stored order."""
    wanted = MINIMAL_KEYS.get(kind)
    if wanted is None:
        return dict(obj)
    return {key: value for key, value in obj.items() if key in wanted}


class MediaCache:
    """Media objects for one read: each loaded (and projected) once, parsed per use so that
    every returned item owns its objects."""

    def __init__(self, conn: sqlite3.Connection, *, full: bool) -> None:
        self._conn = conn
        self._full = full
        self._texts: dict[tuple[str, int], str | None] = {}

    def _shape(self, kind: str, text: str) -> str:
        return text if self._full else dumps(minimal(kind, json.loads(text)))

    def text(self, kind: str, trakt: int) -> str | None:
        key = (kind, trakt)
        if key not in self._texts:
            row = self._conn.execute(
                "SELECT json FROM media WHERE kind = ? AND trakt = ?", key
            ).fetchone()
            self._texts[key] = self._shape(kind, row[0]) if row else None
        return self._texts[key]

    def get(self, kind: str, trakt: int) -> dict[str, Any] | None:
        text = self.text(kind, trakt)
        if text is None:
            return None
        obj: dict[str, Any] = json.loads(text)
        return obj

    def preload(self, kinds: Iterable[str]) -> None:
        """Load every object of these kinds at once (for big reads)."""
        for kind in kinds:
            for trakt, text in self._conn.execute(
                "SELECT trakt, json FROM media WHERE kind = ?", (kind,)
            ):
                self._texts[(kind, trakt)] = self._shape(kind, text)

    def assemble(self, skeleton_json: str) -> dict[str, Any]:
        """The API item: the skeleton with its media references resolved."""
        item: dict[str, Any] = json.loads(skeleton_json)
        self.resolve(item)
        return item

    def resolve(self, item: dict[str, Any]) -> None:
        """Replace the media references of `item` in place."""
        for key in MEDIA_KEYS:
            value = item.get(key)
            if isinstance(value, dict) and REF in value:
                trakt = int(value[REF])
                obj = self.get(key, trakt) or {"ids": {"trakt": trakt}}
                obj.update((k, v) for k, v in value.items() if k != REF)
                item[key] = obj
