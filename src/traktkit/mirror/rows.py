"""API items -> table rows (no I/O). Each builder returns the rows of one section and the
media rows to upsert; items it cannot key (no Trakt id) are counted in `skipped`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from traktkit.mirror.media import MediaRow, dumps, iso, split_item, trakt_id

__all__ = [
    "SEASONS_KEY",
    "Rows",
    "collection_movie_rows",
    "collection_show_rows",
    "list_item_rows",
    "list_rows",
    "nested_key",
    "play_rows",
    "playback_rows",
    "rating_rows",
    "watched_movie_rows",
    "watched_show_rows",
]

Row = dict[str, Any]
SEASONS_KEY = {"$seasons": 1}  # placeholder keeping the position of `seasons` in a show item
_METADATA = ("media_type", "resolution", "hdr", "audio", "audio_channels")


@dataclass
class Rows:
    """The rows of one table (or of a parent and child table) plus their media."""

    main: list[Row] = field(default_factory=list)
    children: list[Row] = field(default_factory=list)
    media: list[MediaRow] = field(default_factory=list)
    skipped: int = 0

    def extend(self, other: Rows) -> None:
        self.main += other.main
        self.children += other.children
        self.media += other.media
        self.skipped += other.skipped


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _kind(item: Mapping[str, Any]) -> str | None:
    """The item's own media kind: its `type`, else the innermost object present."""
    kind = item.get("type")
    if isinstance(kind, str) and isinstance(item.get(kind), Mapping):
        return kind
    for key in ("episode", "season", "person", "movie", "show"):
        if isinstance(item.get(key), Mapping):
            return key
    return None


def _wrapped(item: Any) -> tuple[Row, list[MediaRow]] | None:
    """Common columns of a wrapper item (`type` + media): kind, trakt, show_trakt, json."""
    if not isinstance(item, Mapping):
        return None
    kind = _kind(item)
    trakt = trakt_id(item.get(kind)) if kind else None
    if kind is None or trakt is None:
        return None
    skeleton, media = split_item(item)
    show = trakt_id(item.get("show")) if kind in ("season", "episode") else None
    row: Row = {
        "type": item.get("type") if isinstance(item.get("type"), str) else kind,
        "kind": kind,
        "trakt": trakt,
        "show_trakt": show,
        "json": dumps(skeleton),
    }
    return row, media


def _collect(items: Iterable[Any], extra: Any, *, positions: bool = False) -> Rows:
    out = Rows()
    for position, item in enumerate(items):
        base = _wrapped(item)
        if base is None:
            out.skipped += 1
            continue
        row, media = base
        more = extra(item)
        if more is None:
            out.skipped += 1
            continue
        row.update(more)
        if positions:
            row["position"] = position
        out.main.append(row)
        out.media += media
    return out


def play_rows(items: Iterable[Any]) -> Rows:
    """`/sync/history` items -> `plays` rows."""

    def extra(item: Mapping[str, Any]) -> Row | None:
        play_id = _int(item.get("id"))
        if play_id is None:
            return None
        action = item.get("action")
        return {
            "id": play_id,
            "watched_at": iso(item.get("watched_at")),
            "action": action if isinstance(action, str) else None,
        }

    return _collect(items, extra)


def rating_rows(items: Iterable[Any]) -> Rows:
    """`/sync/ratings` items -> `ratings` rows."""

    def extra(item: Mapping[str, Any]) -> Row | None:
        rating = _int(item.get("rating"))
        if rating is None:
            return None
        return {"rating": rating, "rated_at": iso(item.get("rated_at"))}

    return _collect(items, extra)


def list_item_rows(items: Iterable[Any], list_trakt: int | None = None) -> Rows:
    """List-item wrappers (watchlist, favorites, personal lists) -> rows."""

    def extra(item: Mapping[str, Any]) -> Row | None:
        item_id = _int(item.get("id"))
        if item_id is None:
            return None
        notes = item.get("notes")
        row: Row = {
            "id": item_id,
            "rank": _int(item.get("rank")),
            "listed_at": iso(item.get("listed_at")),
            "notes": notes if isinstance(notes, str) else None,
        }
        if list_trakt is not None:
            row["list_trakt"] = list_trakt
        return row

    return _collect(items, extra, positions=True)


def playback_rows(items: Iterable[Any]) -> Rows:
    """`/sync/playback` items -> `playback` rows."""

    def extra(item: Mapping[str, Any]) -> Row | None:
        item_id = _int(item.get("id"))
        if item_id is None:
            return None
        progress = item.get("progress")
        number = progress if isinstance(progress, int | float) else None
        return {
            "id": item_id,
            "progress": None if number is None or isinstance(number, bool) else float(number),
            "paused_at": iso(item.get("paused_at")),
        }

    return _collect(items, extra)


def _metadata(entry: Mapping[str, Any]) -> Row:
    meta = entry.get("metadata")
    meta = meta if isinstance(meta, Mapping) else {}
    row: Row = {
        name: meta.get(name) if isinstance(meta.get(name), str) else None for name in _METADATA
    }
    row["three_d"] = dumps(meta["3d"]) if "3d" in meta else None
    return row


def collection_movie_rows(items: Iterable[Any]) -> Rows:
    """`/sync/collection/movies` items -> `collection_movies` rows."""
    out = Rows()
    for position, item in enumerate(items):
        if not isinstance(item, Mapping) or trakt_id(item.get("movie")) is None:
            out.skipped += 1
            continue
        skeleton, media = split_item(item)
        row: Row = {
            "trakt": trakt_id(item.get("movie")),
            "collected_at": iso(item.get("collected_at")),
            "updated_at": iso(item.get("updated_at")),
            **_metadata(item),
            "position": position,
            "json": dumps(skeleton),
        }
        out.main.append(row)
        out.media += media
    return out


def nested_key(entry: Mapping[str, Any]) -> int | None:
    return _int(entry.get("number"))


def _show_entries(
    items: Iterable[Any], episode_row: Any, show_columns: Any, keep: tuple[str, ...] = ()
) -> Rows:
    """Shows with nested `seasons[].episodes[]` (collection, watched) -> show rows plus
    episode rows keyed by (show_trakt, season, number)."""
    out = Rows()
    for position, item in enumerate(items):
        show = trakt_id(item.get("show")) if isinstance(item, Mapping) else None
        if show is None or not isinstance(item, Mapping):
            out.skipped += 1
            continue
        seasons = item.get("seasons")
        shell = {k: (SEASONS_KEY if k == "seasons" else v) for k, v in item.items()}
        skeleton, media = split_item(shell, keep)
        out.main.append(
            {"show_trakt": show, **show_columns(item, position), "json": dumps(skeleton)}
        )
        out.media += media
        for season in seasons if isinstance(seasons, list) else []:
            if not isinstance(season, Mapping) or nested_key(season) is None:
                continue
            for episode in season.get("episodes") or []:
                if not isinstance(episode, Mapping) or nested_key(episode) is None:
                    continue
                row: Row = {
                    "show_trakt": show,
                    "season": nested_key(season),
                    "number": nested_key(episode),
                    **episode_row(episode),
                    "json": dumps(episode),
                }
                out.children.append(row)
    return out


def collection_show_rows(items: Iterable[Any]) -> Rows:
    """`/sync/collection/shows` items -> `collection_shows` + `collection_episodes` rows."""
    return _show_entries(
        items,
        lambda e: {"collected_at": iso(e.get("collected_at")), **_metadata(e)},
        lambda i, position: {
            "last_collected_at": iso(i.get("last_collected_at")),
            "last_updated_at": iso(i.get("last_updated_at")),
            "position": position,
        },
    )


def watched_movie_rows(items: Iterable[Any]) -> Rows:
    """`/sync/watched/movies` items -> `watched_movies` rows."""
    out = Rows()
    for item in items:
        if not isinstance(item, Mapping) or trakt_id(item.get("movie")) is None:
            out.skipped += 1
            continue
        skeleton, media = split_item(item)
        out.main.append(
            {
                "trakt": trakt_id(item.get("movie")),
                "plays": _int(item.get("plays")) or 0,
                "last_watched_at": iso(item.get("last_watched_at")),
                "last_updated_at": iso(item.get("last_updated_at")),
                "json": dumps(skeleton),
            }
        )
        out.media += media
    return out


def watched_show_rows(items: Iterable[Any]) -> Rows:
    """`/sync/watched/shows` items -> `watched_shows` + `watched_episodes` rows."""
    return _show_entries(
        items,
        lambda e: {
            "plays": _int(e.get("plays")) or 0,
            "last_watched_at": iso(e.get("last_watched_at")),
        },
        lambda i, position: {
            "plays": _int(i.get("plays")) or 0,
            "last_watched_at": iso(i.get("last_watched_at")),
            "last_updated_at": iso(i.get("last_updated_at")),
            "reset_at": iso(i.get("reset_at")),
            "has_seasons": 1 if isinstance(i.get("seasons"), list) else 0,
        },
        keep=("aired_episodes",),
    )


def list_rows(items: Iterable[Any]) -> Rows:
    """`/users/me/lists` -> `lists` rows (position = order received)."""
    out = Rows()
    for position, item in enumerate(items):
        trakt = trakt_id(item)
        if trakt is None or not isinstance(item, Mapping):
            out.skipped += 1
            continue
        ids = item.get("ids") or {}
        out.main.append(
            {
                "trakt": trakt,
                "slug": ids.get("slug") if isinstance(ids.get("slug"), str) else None,
                "name": item.get("name") if isinstance(item.get("name"), str) else None,
                "privacy": item.get("privacy") if isinstance(item.get("privacy"), str) else None,
                "updated_at": iso(item.get("updated_at")),
                "item_count": _int(item.get("item_count")),
                "position": position,
                "json": dumps(item),
            }
        )
    return out
