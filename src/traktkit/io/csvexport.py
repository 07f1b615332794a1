"""The CSV form of a backup: one file per section (columns in docs/backup-format.md).

Every row describing an item carries the same item columns (`ITEM_COLUMNS`): the item's
type, title, year and ids, then for seasons and episodes the show's title, year and ids
and the season / episode numbers. Timestamps are the API's (`2024-05-01T21:30:00.000Z`);
empty cells are missing values.
"""

from __future__ import annotations

import csv
import io as _io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from traktkit.io.backup import dump_json, write_atomic

__all__ = ["CSV_FILES", "ITEM_COLUMNS", "csv_tables", "write_csv_backup"]

_IDS: Final = ("trakt", "slug", "imdb", "tmdb", "tvdb")
ITEM_COLUMNS: Final[tuple[str, ...]] = (
    "type",
    "title",
    "year",
    *_IDS,
    "show_title",
    "show_year",
    *(f"show_{k}" for k in _IDS),
    "season",
    "episode",
)
_LIST_ITEM: Final = ("rank", "listed_at", "notes", "list_item_id")
_METADATA: Final = ("media_type", "resolution", "hdr", "audio", "audio_channels", "3d")
_LIST_COLUMNS: Final = (
    "list_trakt",
    "list_slug",
    "name",
    "description",
    "privacy",
    "display_numbers",
    "allow_comments",
    "sort_by",
    "sort_how",
    "created_at",
    "updated_at",
    "item_count",
)
CSV_FILES: Final[dict[str, tuple[str, ...]]] = {
    "history.csv": ("history_id", "watched_at", "action", *ITEM_COLUMNS),
    "ratings.csv": ("rated_at", "rating", *ITEM_COLUMNS),
    "watchlist.csv": (*_LIST_ITEM, *ITEM_COLUMNS),
    "collection.csv": ("collected_at", "updated_at", *_METADATA, *ITEM_COLUMNS),
    "favorites.csv": (*_LIST_ITEM, *ITEM_COLUMNS),
    "lists.csv": _LIST_COLUMNS,
    "list_items.csv": ("list_trakt", "list_slug", "list_name", *_LIST_ITEM, *ITEM_COLUMNS),
}

Row = dict[str, Any]


def _ids(prefix: str, obj: Mapping[str, Any] | None) -> Row:
    ids = (obj or {}).get("ids") or {}
    return {f"{prefix}{k}": ids.get(k) for k in _IDS}


def item_cells(item: Mapping[str, Any]) -> Row:
    """The item columns of an API wrapper (`{"type", "movie"|..., "show"?}`)."""
    kind = str(item.get("type") or "")
    media: Mapping[str, Any] = item.get(kind) or {}
    row: Row = {"type": kind, **_ids("", media)}
    if kind == "person":
        row["title"] = media.get("name")
        return row
    row["title"] = media.get("title")
    row["year"] = media.get("year")
    if kind in ("season", "episode"):
        show: Mapping[str, Any] = item.get("show") or {}
        row.update(show_title=show.get("title"), show_year=show.get("year"))
        row.update(_ids("show_", show))
        if kind == "season":
            row["season"] = media.get("number")
        else:
            row.update(season=media.get("season"), episode=media.get("number"))
    return row


def _listed(item: Mapping[str, Any]) -> Row:
    return {
        "rank": item.get("rank"),
        "listed_at": item.get("listed_at"),
        "notes": item.get("notes"),
        "list_item_id": item.get("id"),
        **item_cells(item),
    }


def _metadata(entry: Mapping[str, Any]) -> Row:
    meta: Mapping[str, Any] = entry.get("metadata") or {}
    return {key: meta.get(key) for key in _METADATA}


def _collection(collection: Mapping[str, Any]) -> Iterator[Row]:
    for entry in collection.get("movies") or []:
        yield {
            "collected_at": entry.get("collected_at"),
            "updated_at": entry.get("updated_at"),
            **_metadata(entry),
            **item_cells({"type": "movie", "movie": entry.get("movie")}),
        }
    for entry in collection.get("shows") or []:
        show = entry.get("show") or {}
        for season in entry.get("seasons") or []:
            for episode in season.get("episodes") or []:
                wrapper = {
                    "type": "episode",
                    "show": show,
                    "episode": {"season": season.get("number"), "number": episode.get("number")},
                }
                yield {
                    "collected_at": episode.get("collected_at"),
                    "updated_at": entry.get("last_updated_at"),
                    **_metadata(episode),
                    **item_cells(wrapper),
                }


def _lists(lists: Iterable[Mapping[str, Any]]) -> tuple[list[Row], list[Row]]:
    rows: list[Row] = []
    items: list[Row] = []
    for entry in lists:
        info: Mapping[str, Any] = entry.get("list") or {}
        ids = info.get("ids") or {}
        row = {key: info.get(key) for key in _LIST_COLUMNS}
        row.update(list_trakt=ids.get("trakt"), list_slug=ids.get("slug"))
        rows.append(row)
        for item in entry.get("items") or []:
            items.append(
                {
                    "list_trakt": ids.get("trakt"),
                    "list_slug": ids.get("slug"),
                    "list_name": info.get("name"),
                    **_listed(item),
                }
            )
    return rows, items


def csv_tables(backup: Mapping[str, Any]) -> dict[str, list[Row]]:
    """The rows of every CSV file of a backup document."""
    list_rows, list_items = _lists(backup.get("lists") or [])
    return {
        "history.csv": [
            {
                "history_id": p.get("id"),
                "watched_at": p.get("watched_at"),
                "action": p.get("action"),
                **item_cells(p),
            }
            for p in backup.get("history") or []
        ],
        "ratings.csv": [
            {"rated_at": r.get("rated_at"), "rating": r.get("rating"), **item_cells(r)}
            for r in backup.get("ratings") or []
        ],
        "watchlist.csv": [_listed(i) for i in backup.get("watchlist") or []],
        "collection.csv": list(_collection(backup.get("collection") or {})),
        "favorites.csv": [_listed(i) for i in backup.get("favorites") or []],
        "lists.csv": list_rows,
        "list_items.csv": list_items,
    }


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text  # user text (list names, notes) never runs as a spreadsheet formula
    return text


def render_csv(columns: Sequence[str], rows: Iterable[Row]) -> str:
    buffer = _io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()


def write_csv_backup(
    folder: Path, backup: Mapping[str, Any], manifest: Mapping[str, Any]
) -> list[Path]:
    """Write every section's CSV file and `manifest.json` into `folder` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, rows in csv_tables(backup).items():
        path = folder / name
        write_atomic(path, render_csv(CSV_FILES[name], rows))
        written.append(path)
    files = {name.removesuffix(".csv"): name for name in CSV_FILES}
    path = folder / "manifest.json"
    write_atomic(path, dump_json({**manifest, "files": files}))
    written.insert(0, path)
    return written
