"""The backup document (format `traktkit-backup`, version 1; see docs/backup-format.md).

One JSON object: a manifest (format, version, exported_at, generator, source, user,
counts, unavailable sections) and the sections, each a list of items in the Trakt API's
own shapes (minimal media objects: title, year, ids; episodes with their show and
numbers), so that any Trakt tool can read them:

    history     plays, newest first: {id, watched_at, action, type, movie | episode+show}
    ratings     {rated_at, rating, type, movie | show | season+show | episode+show}
    watchlist   by rank: {rank, id, listed_at, notes, type, ...}
    collection  {"movies": [{collected_at, updated_at, movie, metadata}],
                 "shows": [{last_collected_at, show, seasons: [{number, episodes: [...]}]}]}
    favorites   by rank, like the watchlist (movies and shows)
    lists       [{"list": {name, description, privacy, ...}, "items": [list-item wrappers]}]
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from traktkit._version import __version__
from traktkit.io.library import LibrarySnapshot
from traktkit.models import User, format_datetime

__all__ = [
    "BACKUP_FORMAT",
    "BACKUP_VERSION",
    "backup_counts",
    "backup_name",
    "build_backup",
    "manifest_of",
    "write_atomic",
]

BACKUP_FORMAT: Final = "traktkit-backup"
BACKUP_VERSION: Final = 1
MANIFEST_KEYS: Final = (
    "format",
    "version",
    "exported_at",
    "generator",
    "source",
    "user",
    "counts",
    "unavailable",
)


def _user(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    out: dict[str, Any] = {"username": user.username}
    if user.name:
        out["name"] = user.name
    if user.vip is not None:
        out["vip"] = user.vip
    out["ids"] = user.ids.to_api()
    return out


def backup_counts(snap: LibrarySnapshot) -> dict[str, int]:
    episodes = sum(
        len(season.episodes or [])
        for show in snap.collection_shows
        for season in show.seasons or []
    )
    return {
        "history": len(snap.history),
        "ratings": len(snap.ratings),
        "watchlist": len(snap.watchlist),
        "collection_movies": len(snap.collection_movies),
        "collection_shows": len(snap.collection_shows),
        "collection_episodes": episodes,
        "favorites": len(snap.favorites),
        "lists": len(snap.lists),
        "list_items": sum(len(lst.items) for lst in snap.lists),
    }


def build_backup(snap: LibrarySnapshot, *, exported_at: datetime) -> dict[str, Any]:
    """The whole backup document of a snapshot."""
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "exported_at": format_datetime(exported_at),
        "generator": f"traktkit {__version__}",
        "source": snap.source,
        "user": _user(snap.user),
        "counts": backup_counts(snap),
        "unavailable": list(snap.unavailable),
        "history": [play.to_api() for play in snap.history],
        "ratings": [rating.to_api() for rating in snap.ratings],
        "watchlist": [item.to_api() for item in snap.watchlist],
        "collection": {
            "movies": [entry.to_api() for entry in snap.collection_movies],
            "shows": [entry.to_api() for entry in snap.collection_shows],
        },
        "favorites": [item.to_api() for item in snap.favorites],
        "lists": [
            {"list": lst.info.to_api(), "items": [item.to_api() for item in lst.items]}
            for lst in snap.lists
        ],
    }


def manifest_of(backup: dict[str, Any]) -> dict[str, Any]:
    """The manifest part of a backup document."""
    return {key: backup[key] for key in MANIFEST_KEYS if key in backup}


def backup_name(backup: dict[str, Any]) -> str:
    """`traktkit-backup-USER-20260101T120000Z` (no extension)."""
    user = backup.get("user") or {}
    username = str(user.get("ids", {}).get("slug") or user.get("username") or "user")
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in username) or "user"
    stamp = str(backup["exported_at"]).replace("-", "").replace(":", "")
    stamp = stamp.split(".", 1)[0] + "Z"
    return f"{BACKUP_FORMAT}-{safe}-{stamp}"


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
