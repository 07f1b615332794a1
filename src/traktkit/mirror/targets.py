"""Which mirrored item a write entry names: its Trakt id (directly, through another id,
or a season/episode by its show and numbers), its show and season."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from traktkit.mirror.media import media_row, upsert_media
from traktkit.models import TraktModel

__all__ = ["EntryLike", "Target", "resolve_target"]


class EntryLike(Protocol):
    @property
    def type(self) -> str: ...
    @property
    def media(self) -> TraktModel | Mapping[str, Any]: ...
    @property
    def show(self) -> TraktModel | Mapping[str, Any] | None: ...
    @property
    def season(self) -> int | None: ...
    @property
    def episode(self) -> int | None: ...


def _obj(value: TraktModel | Mapping[str, Any] | None) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, TraktModel):
        return value.to_api()
    return dict(value)


@dataclass(frozen=True)
class Target:
    """A mirrored media item: kind, Trakt id, its show (seasons, episodes) and season."""

    kind: str
    trakt: int
    show: int | None
    season: int | None  # a season's number, an episode's season


def _lookup_ids(conn: sqlite3.Connection, kind: str, obj: Mapping[str, Any]) -> int | None:
    ids = obj.get("ids") or {}
    if isinstance(ids.get("trakt"), int):
        return int(ids["trakt"])
    for name in ("imdb", "tmdb", "tvdb", "slug"):
        value = ids.get(name)
        if value in (None, ""):
            continue
        found = conn.execute(
            f"SELECT trakt FROM media WHERE kind = ? AND {name} = ?", (kind, value)
        ).fetchone()
        if found:
            return int(found[0])
    return None


def resolve_target(conn: sqlite3.Connection, entry: EntryLike) -> Target | None:
    kind = entry.type
    media, show_obj = _obj(entry.media), _obj(entry.show)
    show = _lookup_ids(conn, "show", show_obj) if show_obj else None
    trakt = _lookup_ids(conn, kind, media)
    if trakt is None and kind in ("season", "episode") and show is not None:
        season = (
            entry.season if entry.season is not None else media.get("season", media.get("number"))
        )
        args: tuple[Any, ...]
        if kind == "season":
            sql, args = "kind = 'season' AND show_trakt = ? AND season = ?", (show, season)
        else:
            number = entry.episode if entry.episode is not None else media.get("number")
            sql = "kind = 'episode' AND show_trakt = ? AND season = ? AND number = ?"
            args = (show, season, number)
        found = conn.execute(f"SELECT trakt FROM media WHERE {sql}", args).fetchone()
        trakt = int(found[0]) if found else None
    if trakt is None:
        return None
    row = conn.execute(
        "SELECT show_trakt, season FROM media WHERE kind = ? AND trakt = ?", (kind, trakt)
    ).fetchone()
    if row is not None:
        show = show if show is not None else row[0]
        season = row[1]
    else:
        season = entry.season
    _remember(conn, kind, media, trakt, show)
    if show is not None:
        _remember(conn, "show", show_obj, show, None)
    return Target(kind, trakt, show if kind in ("season", "episode") else None, season)


def _remember(
    conn: sqlite3.Connection, kind: str, obj: Mapping[str, Any], trakt: int, show: int | None
) -> None:
    """Store what the write knew of a media object (a richer stored one is kept)."""
    ids = obj.get("ids")
    if not isinstance(ids, Mapping):
        return
    row = media_row(kind, {**obj, "ids": {**ids, "trakt": trakt}}, show)
    if row is not None:
        upsert_media(conn, [row])
