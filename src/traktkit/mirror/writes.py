"""Keep the mirror current after a write through traktkit, without a resync.

`Mirror.apply_write(kind, entries, result)` records what a sync POST that Trakt accepted
changed: plays added or removed (and the watched counts derived from them), watchlist and
favorites entries, collection entries, ratings. Values the server chose and did not report
(history ids, list-item ids, `listed_at`) are filled provisionally: plays and list items
get negative ids, timestamps the local time. The write also moved the server's
`last_activities`, so the next `sync()` re-fetches those sections and replaces the
provisional rows with the server's own (this never touches `sync_state`).

Entries the mirror cannot place are skipped (reported in `ApplyReport.skipped`): items
not found by the server, items whose Trakt id is unknown locally, and show- or
season-level history/collection adds (which expand to episodes only the server knows).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from traktkit.mirror.history import recompute_watched
from traktkit.mirror.media import dumps, iso
from traktkit.mirror.rows import SEASONS_KEY
from traktkit.mirror.tables import now_iso
from traktkit.mirror.targets import Target, resolve_target
from traktkit.models import SyncResult, TraktModel
from traktkit.models.dates import format_datetime, parse_datetime, truncate_to_minute

__all__ = ["ApplyReport", "WriteEntry", "WriteKind", "apply_write", "entries_from_outcomes"]

WriteKind = Literal[
    "history.add",
    "history.remove",
    "watchlist.add",
    "watchlist.remove",
    "favorites.add",
    "favorites.remove",
    "collection.add",
    "collection.remove",
    "ratings.add",
    "ratings.remove",
]
WRITE_KINDS: tuple[str, ...] = WriteKind.__args__  # type: ignore[attr-defined]
_METADATA = ("media_type", "resolution", "hdr", "audio", "audio_channels")


@dataclass(frozen=True)
class WriteEntry:
    """One item of a write, as sent.

    `media`: the item's object (a model or API dict, ids at least); `show`, `season`,
    `episode`: the show and numbers of a season/episode known by numbers; `fields`: the
    per-item values sent (`watched_at`, `rating`, `rated_at`, `collected_at`, `notes`,
    metadata keys); `status`: its outcome when known (`added`, `existing`, `deleted`,
    `not_found`, ...). Entries with status `not_found` are ignored.
    """

    type: str
    media: TraktModel | Mapping[str, Any]
    show: TraktModel | Mapping[str, Any] | None = None
    season: int | None = None
    episode: int | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    status: str | None = None

    @classmethod
    def from_item(
        cls, item: Any, fields: Mapping[str, Any] | None = None, status: str | None = None
    ) -> WriteEntry:
        """From any object with `type`, `media`, `show`, `season`, `episode` attributes
        (such as `traktkit.api.resolve.ResolvedItem`)."""
        return cls(
            type=str(item.type),
            media=item.media,
            show=getattr(item, "show", None),
            season=getattr(item, "season", None),
            episode=getattr(item, "episode", None),
            fields=dict(fields or {}),
            status=status,
        )


def entries_from_outcomes(
    outcomes: Sequence[Any],
    fields: Mapping[str, Any] | Callable[[Any], Mapping[str, Any]] | None = None,
) -> list[WriteEntry]:
    """Entries from per-item outcomes (objects with `.item` and `.status`, such as the
    `outcomes` of a `traktkit.api.writes.WriteReport`). `fields`: the per-item values
    that were sent, the same for every item (`{"rating": 8}`) or per item (a function of
    the outcome's item)."""
    entries = []
    for outcome in outcomes:
        sent = fields(outcome.item) if callable(fields) else fields
        entries.append(WriteEntry.from_item(outcome.item, sent, outcome.status))
    return entries


@dataclass
class ApplyReport:
    applied: int = 0
    skipped: int = 0
    reasons: list[str] = field(default_factory=list)

    def skip(self, reason: str) -> None:
        self.skipped += 1
        self.reasons.append(reason)


def _when(value: Any, default: str) -> str | None:
    if isinstance(value, datetime):
        return format_datetime(value)
    if value == "unknown":
        return None
    stamp = iso(value) if isinstance(value, str) else None
    return stamp or default


def _next_id(conn: sqlite3.Connection, table: str) -> int:
    low = conn.execute(f"SELECT min(id) FROM {table}").fetchone()[0]
    return min(int(low or 0), 0) - 1


def _ref(t: Target) -> dict[str, Any]:
    out: dict[str, Any] = {t.kind: {"$m": t.trakt}}
    if t.show is not None:
        out["show"] = {"$m": t.show}
    return out


def apply_write(
    conn: sqlite3.Connection,
    kind: WriteKind,
    entries: Sequence[WriteEntry],
    result: SyncResult | None = None,
    *,
    history_ids: Sequence[int] = (),
) -> ApplyReport:
    """Apply one accepted write to the mirror (inside the caller's transaction)."""
    if kind not in WRITE_KINDS:
        raise ValueError(f"unknown write kind {kind!r}: use one of {', '.join(WRITE_KINDS)}")
    report = ApplyReport()
    area, action = kind.split(".")
    not_found_ids = set(result.not_found.ids or []) if result and result.not_found else set()
    if history_ids:
        ids = [i for i in history_ids if i not in not_found_ids]
        affected = [
            found
            for i in ids
            for found in conn.execute(
                "SELECT kind, trakt, show_trakt FROM plays WHERE id = ?", (i,)
            ).fetchall()
        ]
        conn.executemany("DELETE FROM plays WHERE id = ?", [(i,) for i in ids])
        recompute_watched(conn, [(a[0], a[1], a[2]) for a in affected])
        report.applied += len(affected)
    handler = _HANDLERS[kind]
    for entry in entries:
        if entry.status == "not_found":
            report.skip(f"{entry.type}: not found on Trakt")
            continue
        if kind == "history.add" and entry.status not in (None, "added"):
            report.skip(f"{entry.type}: the server did not add it ({entry.status})")
            continue
        target = resolve_target(conn, entry)
        if target is None:
            report.skip(f"{entry.type}: not in the mirror (sync to fetch it)")
            continue
        reason = handler(conn, target, entry, area, action)
        if reason:
            report.skip(reason)
        else:
            report.applied += 1
    return report


Handler = Callable[[sqlite3.Connection, Target, WriteEntry, str, str], str | None]


def _history(
    conn: sqlite3.Connection, t: Target, e: WriteEntry, area: str, action: str
) -> str | None:
    if action == "remove":
        args: tuple[Any, ...]
        if t.kind in ("movie", "episode"):
            where, args = "kind = ? AND trakt = ?", (t.kind, t.trakt)
        elif t.kind == "show":
            where, args = "show_trakt = ?", (t.trakt,)
        else:
            where = (
                "kind = 'episode' AND trakt IN (SELECT trakt FROM media WHERE kind = 'episode' "
                "AND show_trakt = ? AND season = ?)"
            )
            args = (t.show, t.season)
        gone = conn.execute(
            f"SELECT kind, trakt, show_trakt FROM plays WHERE {where}", args
        ).fetchall()
        conn.execute(f"DELETE FROM plays WHERE {where}", args)
        recompute_watched(conn, [(g[0], g[1], g[2]) for g in gone])
        return None
    if t.kind not in ("movie", "episode"):
        return f"{t.kind}: whole shows/seasons are added by the server (sync to fetch them)"
    raw = e.fields.get("watched_at")
    if raw == "released":
        row = conn.execute(
            "SELECT released FROM media WHERE kind = ? AND trakt = ?", (t.kind, t.trakt)
        ).fetchone()
        raw = row[0] if row else None
    watched = _when(raw, now_iso())
    if watched is not None:
        watched = format_datetime(truncate_to_minute(parse_datetime(watched)))
    play_id = _next_id(conn, "plays")
    item = {"id": play_id, "watched_at": watched, "action": "watch", "type": t.kind, **_ref(t)}
    conn.execute(
        "INSERT INTO plays (id, watched_at, action, type, kind, trakt, show_trakt, json) "
        "VALUES (?, ?, 'watch', ?, ?, ?, ?, ?)",
        (play_id, watched, t.kind, t.kind, t.trakt, t.show, dumps(item)),
    )
    # watching removes the item (an episode: its show and season too) from the watchlist
    conn.execute("DELETE FROM watchlist WHERE kind = ? AND trakt = ?", (t.kind, t.trakt))
    if t.kind == "episode" and t.show is not None:
        conn.execute("DELETE FROM watchlist WHERE kind = 'show' AND trakt = ?", (t.show,))
        conn.execute(
            "DELETE FROM watchlist WHERE kind = 'season' AND trakt IN (SELECT trakt FROM media "
            "WHERE kind = 'season' AND show_trakt = ? AND season = ?)",
            (t.show, t.season),
        )
    recompute_watched(conn, [(t.kind, t.trakt, t.show)])
    return None


def _listed(
    conn: sqlite3.Connection, t: Target, e: WriteEntry, area: str, action: str
) -> str | None:
    if action == "remove":
        conn.execute(f"DELETE FROM {area} WHERE kind = ? AND trakt = ?", (t.kind, t.trakt))
        return None
    if conn.execute(
        f"SELECT 1 FROM {area} WHERE kind = ? AND trakt = ?", (t.kind, t.trakt)
    ).fetchone():
        return None
    item_id = _next_id(conn, area)
    rank = int(conn.execute(f"SELECT coalesce(max(rank), 0) + 1 FROM {area}").fetchone()[0])
    notes = e.fields.get("notes") if isinstance(e.fields.get("notes"), str) else None
    listed = now_iso()
    item = {
        "rank": rank,
        "id": item_id,
        "listed_at": listed,
        "notes": notes,
        "type": t.kind,
        **_ref(t),
    }
    conn.execute(
        f"INSERT INTO {area} (id, rank, listed_at, notes, type, kind, trakt, show_trakt, json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (item_id, rank, listed, notes, t.kind, t.kind, t.trakt, t.show, dumps(item)),
    )
    return None


def _ratings(
    conn: sqlite3.Connection, t: Target, e: WriteEntry, area: str, action: str
) -> str | None:
    if action == "remove":
        conn.execute("DELETE FROM ratings WHERE kind = ? AND trakt = ?", (t.kind, t.trakt))
        return None
    rating = e.fields.get("rating")
    if not isinstance(rating, int) or isinstance(rating, bool):
        return f"{t.kind}: no rating sent"
    rated = _when(e.fields.get("rated_at"), now_iso())
    item = {"rated_at": rated, "rating": rating, "type": t.kind, **_ref(t)}
    conn.execute(
        "INSERT OR REPLACE INTO ratings (kind, trakt, show_trakt, rating, rated_at, type, json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (t.kind, t.trakt, t.show, rating, rated, t.kind, dumps(item)),
    )
    return None


def _metadata(fields: Mapping[str, Any]) -> dict[str, Any]:
    meta = {name: fields.get(name) for name in _METADATA}
    meta["3d"] = fields.get("3d")
    return meta


def _meta_columns(meta: Mapping[str, Any]) -> tuple[Any, ...]:
    three_d = meta.get("3d")
    return (*(meta.get(n) for n in _METADATA), None if three_d is None else dumps(three_d))


def _collection(
    conn: sqlite3.Connection, t: Target, e: WriteEntry, area: str, action: str
) -> str | None:
    if action == "remove":
        if t.kind == "movie":
            conn.execute("DELETE FROM collection_movies WHERE trakt = ?", (t.trakt,))
        elif t.kind == "show":
            conn.execute("DELETE FROM collection_episodes WHERE show_trakt = ?", (t.trakt,))
        elif t.kind == "season":
            conn.execute(
                "DELETE FROM collection_episodes WHERE show_trakt = ? AND season = ?",
                (t.show, t.season),
            )
        else:
            number = conn.execute(
                "SELECT number FROM media WHERE kind = 'episode' AND trakt = ?", (t.trakt,)
            ).fetchone()
            conn.execute(
                "DELETE FROM collection_episodes "
                "WHERE show_trakt = ? AND season = ? AND number = ?",
                (t.show, t.season, number[0] if number else None),
            )
        conn.execute(
            "DELETE FROM collection_shows WHERE show_trakt NOT IN "
            "(SELECT DISTINCT show_trakt FROM collection_episodes)"
        )
        return None
    now = now_iso()
    collected = _when(e.fields.get("collected_at"), now)
    meta = _metadata(e.fields)
    if t.kind == "movie":
        item = {
            "collected_at": collected,
            "updated_at": now,
            "movie": {"$m": t.trakt},
            "metadata": meta,
        }
        conn.execute(
            "INSERT OR REPLACE INTO collection_movies (trakt, collected_at, updated_at, "
            "media_type, resolution, hdr, audio, audio_channels, three_d, json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (t.trakt, collected, now, *_meta_columns(meta), dumps(item)),
        )
        return None
    if t.kind != "episode" or t.show is None:
        return f"{t.kind}: whole shows/seasons are collected by the server (sync to fetch them)"
    number = conn.execute(
        "SELECT number FROM media WHERE kind = 'episode' AND trakt = ?", (t.trakt,)
    ).fetchone()
    if number is None or number[0] is None or t.season is None:
        return "episode: its season/number is not in the mirror"
    entry = {"number": number[0], "collected_at": collected, "metadata": meta}
    conn.execute(
        "INSERT OR REPLACE INTO collection_episodes (show_trakt, season, number, collected_at, "
        "media_type, resolution, hdr, audio, audio_channels, three_d, json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (t.show, t.season, number[0], collected, *_meta_columns(meta), dumps(entry)),
    )
    old = conn.execute(
        "SELECT json FROM collection_shows WHERE show_trakt = ?", (t.show,)
    ).fetchone()
    if old is None:
        shell = {
            "last_collected_at": collected,
            "last_updated_at": now,
            "show": {"$m": t.show},
            "seasons": SEASONS_KEY,
        }
        conn.execute(
            "INSERT INTO collection_shows (show_trakt, last_collected_at, last_updated_at, "
            "json) VALUES (?, ?, ?, ?)",
            (t.show, collected, now, dumps(shell)),
        )
    else:
        shell = json.loads(old[0])
        shell["last_collected_at"] = max(str(shell.get("last_collected_at") or ""), collected or "")
        shell["last_updated_at"] = now
        conn.execute(
            "UPDATE collection_shows SET last_collected_at = ?, last_updated_at = ?, json = ? "
            "WHERE show_trakt = ?",
            (shell["last_collected_at"], now, dumps(shell), t.show),
        )
    return None


_HANDLERS: dict[str, Handler] = {
    "history.add": _history,
    "history.remove": _history,
    "watchlist.add": _listed,
    "watchlist.remove": _listed,
    "favorites.add": _listed,
    "favorites.remove": _listed,
    "collection.add": _collection,
    "collection.remove": _collection,
    "ratings.add": _ratings,
    "ratings.remove": _ratings,
}
