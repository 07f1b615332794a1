"""Comparing two backups: what a restore must reproduce (no I/O).

`comparable(backup)` drops what the server assigns and a restore cannot carry over:
the manifest's `exported_at`, `generator`, `source`, `user` and `unavailable`; play ids
and `action` (imported plays are `watch`); list-item ids and `listed_at` (watchlist,
favorites, lists); a list's ids, share link, owner, likes, comment count, `created_at`
and `updated_at`; the collection's `updated_at` / `last_updated_at`. Items are sorted
canonically, so two backups of the same library compare equal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

__all__ = ["backup_differences", "comparable"]

_LIST_DROP: Final = frozenset(
    {"ids", "share_link", "user", "likes", "comment_count", "created_at", "updated_at"}
)


def _without(item: Mapping[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    drop = set(keys)
    return {k: v for k, v in item.items() if k not in drop}


def _sorted(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda i: json.dumps(i, sort_keys=True))


def comparable(backup: Mapping[str, Any]) -> dict[str, Any]:
    """The parts of a backup a restore must reproduce, in a canonical order."""
    collection: Mapping[str, Any] = backup.get("collection") or {}
    return {
        "format": backup.get("format"),
        "counts": backup.get("counts"),
        "history": _sorted(_without(p, ("id", "action")) for p in backup.get("history") or []),
        "ratings": _sorted(dict(r) for r in backup.get("ratings") or []),
        "watchlist": [_without(i, ("id", "listed_at")) for i in backup.get("watchlist") or []],
        "collection": {
            "movies": _sorted(_without(m, ("updated_at",)) for m in collection.get("movies") or []),
            "shows": _sorted(
                _without(s, ("last_updated_at",)) for s in collection.get("shows") or []
            ),
        },
        "favorites": [_without(i, ("id", "listed_at")) for i in backup.get("favorites") or []],
        "lists": sorted(
            (
                {
                    "list": _without(entry.get("list") or {}, _LIST_DROP),
                    "items": [_without(i, ("id", "listed_at")) for i in entry.get("items") or []],
                }
                for entry in backup.get("lists") or []
            ),
            key=lambda e: json.dumps(e, sort_keys=True),
        ),
    }


def backup_differences(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    """The sections (and list names) in which two backups differ, after `comparable`."""
    left, right = comparable(a), comparable(b)
    return [key for key in left if left[key] != right[key]]
