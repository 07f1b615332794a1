"""Sending an import's decisions through the api write engine.

Each section is one logical write (`SyncWriter.write`: 250 items per POST, paced, per-item
outcomes); history adds carry their explicit `watched_at` and the history verifier, so a
failed POST is checked before anything is re-sent. The write engine's observer keeps the
local mirror in step with what Trakt reported, as for every traktkit write.
Ranked containers (watchlist, favorites, lists) can be put back in a wanted order with
one reorder request each (`order_ids`): a sync POST groups its items by type (movies,
then shows, ...), so items added together are not ranked in the file's order otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

from traktkit.api.payload import DEFAULT_CHUNK_SIZE
from traktkit.api.writes import WriteHooks, WriteItem
from traktkit.client import Trakt
from traktkit.io.diff import Decision
from traktkit.io.keys import Identities, Key, wrapper_keys
from traktkit.io.report import Status
from traktkit.models import SyncResult, WatchlistItem

__all__ = ["Sender", "order_ids"]

_PATHS: Final[dict[str, str]] = {
    "history": "/sync/history",
    "collection": "/sync/collection",
    "ratings": "/sync/ratings",
    "watchlist": "/sync/watchlist",
}
Statuses = dict[int, Status]  # decision index -> status


def _status(sent: str, previous: str | None) -> Status:
    if sent == "not_found":
        return "not_found"
    if sent in ("existing", "unchanged"):
        return "existing"
    if sent == "updated" or previous:
        return "updated"
    return "added"


def order_ids(
    current: Sequence[WatchlistItem], wanted: Iterable[frozenset[Key]]
) -> list[int] | None:
    """The list-item ids with the wanted items in the wanted order, or None when the
    order is already right. The wanted items are put in order among the places they
    already hold, so the other items keep their ranks (into an empty account, the result
    is exactly the wanted order)."""
    ids = Identities()
    buckets: dict[int, list[int]] = {}
    current_ids: list[int] = []
    for item in current:
        if item.id is None:
            continue
        current_ids.append(item.id)
        keys = wrapper_keys(item)
        if keys:
            buckets.setdefault(ids.intern(keys), []).append(item.id)
    chosen: list[int] = []
    for keys in wanted:
        ident = ids.find(keys)
        bucket = buckets.get(ident, []) if ident is not None else []
        if bucket:
            chosen.append(bucket.pop(0))
    taken = set(chosen)
    slots = [i for i, item_id in enumerate(current_ids) if item_id in taken]
    order = list(current_ids)
    for slot, item_id in zip(slots, chosen, strict=True):
        order[slot] = item_id
    return None if order == current_ids else order


class Sender:
    """Writes decisions section by section; counts the requests it sends."""

    def __init__(self, trakt: Trakt, *, hooks: WriteHooks) -> None:
        self.trakt = trakt
        self.hooks = hooks
        self.posts = 0

    def section(self, section: str, decisions: Sequence[Decision]) -> Statuses:
        """Send one sync section (history, collection, ratings, watchlist, favorites)."""
        items = [WriteItem(d.item, d.entry.fields) for d in decisions if d.item is not None]
        if not items:
            return {}
        writer = self.trakt.writer
        if section == "history":
            verifier = self.trakt.history.applied
            report = writer.write(
                _PATHS[section], items, idempotent=False, hooks=self.hooks, verifier=verifier
            )
        elif section == "favorites":
            report = self.trakt.favorites.add_prepared(items, hooks=self.hooks)
        else:
            report = writer.write(_PATHS[section], items, idempotent=True, hooks=self.hooks)
        self.posts += report.posts
        media = [d for d in decisions if d.item is not None]
        return {
            d.index: _status(o.status, d.previous)
            for d, o in zip(media, report.outcomes, strict=True)
        }

    def list_items(self, list_id: int, decisions: Sequence[Decision]) -> Statuses:
        """Add media items and people to one personal list."""
        out: Statuses = {}
        media = [d for d in decisions if d.item is not None]
        if media:
            items = [WriteItem(d.item, d.entry.fields) for d in media if d.item is not None]
            report = self.trakt.lists.add_prepared(list_id, items, hooks=self.hooks)
            self.posts += report.posts
            for d, o in zip(media, report.outcomes, strict=True):
                out[d.index] = _status(o.status, None)
        people = [d for d in decisions if d.person is not None]
        if people:
            entries = [
                {"ids": d.person.ids.known(), **dict(d.entry.fields)}
                for d in people
                if d.person is not None
            ]
            result = self.trakt.lists.add_people(list_id, entries)
            self.posts += math.ceil(len(entries) / DEFAULT_CHUNK_SIZE)
            out.update(_people_statuses(people, result))
        return out

    def create_list(self, name: str, fields: dict[str, Any]) -> int | None:
        info = self.trakt.lists.create(name, **fields)
        self.posts += 1
        return info.ids.trakt

    def reorder(self, ids: list[int], apply: Callable[[list[int]], object]) -> None:
        apply(ids)
        self.posts += 1


def _people_statuses(people: Sequence[Decision], result: SyncResult) -> Statuses:
    missing: set[tuple[str, str]] = set()
    for echo in result.not_found.entries("people") if result.not_found else []:
        ids = echo.get("ids") or {}
        missing.update((k, str(v)) for k, v in ids.items() if v not in (None, ""))
    added = result.added.get("people") if result.added else len(people)
    out: Statuses = {}
    for d in people:
        assert d.person is not None
        pairs = {(k, str(v)) for k, v in d.person.ids.known().items()}
        if pairs & missing:
            out[d.index] = "not_found"
        elif added > 0:
            out[d.index] = "added"
            added -= 1
        else:
            out[d.index] = "existing"
    return out
