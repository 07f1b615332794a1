"""Writing rows: replace a table's rows in a scope and count what changed; section state.

These helpers run inside a transaction opened by the caller (`Mirror.transaction()`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from traktkit.mirror.media import dumps
from traktkit.models.dates import format_datetime

__all__ = [
    "Changes",
    "SectionState",
    "delete_keys",
    "insert_rows",
    "now_iso",
    "read_state",
    "replace_rows",
    "write_state",
]


def now_iso() -> str:
    return format_datetime(datetime.now(UTC))


@dataclass
class Changes:
    """Rows added, removed and updated by a write, and the rows in scope afterwards."""

    added: int = 0
    removed: int = 0
    updated: int = 0
    total: int = 0

    def __iadd__(self, other: Changes) -> Changes:
        self.added += other.added
        self.removed += other.removed
        self.updated += other.updated
        self.total += other.total
        return self

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.updated)


def insert_rows(
    conn: sqlite3.Connection, table: str, rows: Sequence[Mapping[str, Any]], *, replace: bool
) -> None:
    if not rows:
        return
    columns = list(rows[0])
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    marks = ", ".join("?" for _ in columns)
    conn.executemany(
        f"{verb} INTO {table} ({', '.join(columns)}) VALUES ({marks})",
        [tuple(row[c] for c in columns) for row in rows],
    )


def delete_keys(
    conn: sqlite3.Connection, table: str, keys: Sequence[str], values: Sequence[tuple[Any, ...]]
) -> None:
    if values:
        where = " AND ".join(f"{k} = ?" for k in keys)
        conn.executemany(f"DELETE FROM {table} WHERE {where}", values)


def replace_rows(
    conn: sqlite3.Connection,
    table: str,
    keys: Sequence[str],
    rows: Sequence[Mapping[str, Any]],
    *,
    scope: str = "1",
    args: Sequence[Any] = (),
) -> Changes:
    """Make the rows of `table` matching `scope` exactly `rows` (matched by `keys`).

    Rows whose `json` and `position` (where the table has one) are unchanged are left
    alone; a change of position alone is written but not counted as an update. The last
    of duplicate keys wins.
    """
    tracked = "position" if rows and "position" in rows[0] else "NULL"
    old: dict[tuple[Any, ...], tuple[str, Any]] = {}
    sql = f"SELECT {', '.join(keys)}, json, {tracked} FROM {table} WHERE {scope}"
    for found in conn.execute(sql, args):
        old[tuple(found[:-2])] = (found[-2], found[-1])
    new: dict[tuple[Any, ...], Mapping[str, Any]] = {}
    for row in rows:
        new[tuple(row[k] for k in keys)] = row
    removed = [key for key in old if key not in new]
    delete_keys(conn, table, keys, removed)
    written, updated = [], 0
    for key, row in new.items():
        before = old.get(key)
        if before is None or before != (row["json"], row.get("position")):
            written.append(row)
            updated += before is not None and before[0] != row["json"]
    insert_rows(conn, table, written, replace=True)
    added = sum(1 for key in new if key not in old)
    return Changes(added, len(removed), updated, len(new))


@dataclass(frozen=True)
class SectionState:
    """What the mirror knows about one section (`sync_state` row)."""

    section: str
    status: str  # ok | unavailable
    activities: dict[str, str | None]
    synced_at: str
    item_count: int | None
    detail: str | None = None


def read_state(conn: sqlite3.Connection, section: str) -> SectionState | None:
    row = conn.execute(
        "SELECT status, activities, synced_at, item_count, detail FROM sync_state "
        "WHERE section = ?",
        (section,),
    ).fetchone()
    if row is None:
        return None
    stamps = json.loads(row[1]) if row[1] else {}
    return SectionState(section, row[0], stamps, row[2], row[3], row[4])


def write_state(
    conn: sqlite3.Connection,
    section: str,
    *,
    status: str,
    activities: Mapping[str, str | None] | None,
    item_count: int | None = None,
    detail: str | None = None,
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO sync_state "
        "(section, status, activities, synced_at, item_count, detail) VALUES (?, ?, ?, ?, ?, ?)",
        (
            section,
            status,
            None if activities is None else dumps(dict(activities)),
            now_iso(),
            item_count,
            detail,
        ),
    )
