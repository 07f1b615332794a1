"""Item identity across sources (no I/O).

An item is known by several keys: `(kind, id kind, value)` for each of its ids, and for a
season or episode also `(kind@show, show id kind, show id value, season[, number])`. Two
objects are the same item when they share a key, so an episode known by its own Trakt id
(a backup) matches the same episode known by its show and numbers (a collection), and a
movie known only by its IMDb id (an IMDb export) matches the library's full object.
`Identities` turns key sets into small integers for counting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from traktkit.api.resolve import ResolvedItem
from traktkit.models import ID_KEYS, Ids, Person, Show

__all__ = [
    "Identities",
    "Key",
    "id_keys",
    "item_keys",
    "person_keys",
    "resolved_keys",
    "wrapper_keys",
]

Key = tuple[object, ...]


def _known(ids: Ids | Mapping[str, Any] | None) -> dict[str, Any]:
    if ids is None:
        return {}
    if isinstance(ids, Ids):
        return dict(ids.known())
    return {k: ids[k] for k in ID_KEYS if ids.get(k) not in (None, "")}


def id_keys(kind: str, ids: Ids | Mapping[str, Any] | None) -> set[Key]:
    """`(kind, id kind, value)` for each id (IMDb ids compared in lower case)."""
    return {
        (kind, name, str(value).lower() if name == "imdb" else str(value))
        for name, value in _known(ids).items()
    }


def item_keys(
    kind: str,
    ids: Ids | None,
    show: Show | None = None,
    season: int | None = None,
    number: int | None = None,
) -> frozenset[Key]:
    """Every key of one item; seasons and episodes add their show-and-numbers keys."""
    keys = id_keys(kind, ids)
    if show is not None and season is not None:
        for _, name, value in id_keys("show", show.ids):
            if kind == "episode" and number is not None:
                keys.add(("episode@show", name, value, season, number))
            elif kind == "season":
                keys.add(("season@show", name, value, season))
    return frozenset(keys)


def resolved_keys(item: ResolvedItem) -> frozenset[Key]:
    return item_keys(item.type, item.media.ids, item.show, item.season, item.episode)


def person_keys(person: Person) -> frozenset[Key]:
    return frozenset(id_keys("person", person.ids))


def wrapper_keys(wrapper: Any) -> frozenset[Key]:
    """Keys of an API item wrapper (`{"type", "movie"|"show"|"season"|"episode", ...}`)."""
    kind = getattr(wrapper, "type", None)
    if kind == "person":
        person = getattr(wrapper, "person", None)
        return person_keys(person) if person is not None else frozenset()
    media = getattr(wrapper, kind, None) if isinstance(kind, str) else None
    if media is None:
        return frozenset()
    show = getattr(wrapper, "show", None) if kind in ("season", "episode") else None
    if kind == "episode":
        return item_keys(kind, media.ids, show, media.season, media.number)
    if kind == "season":
        return item_keys(kind, media.ids, show, media.number)
    return item_keys(str(kind), media.ids)


class Identities:
    """Small integer identities for key sets: sets sharing a key share an identity."""

    def __init__(self) -> None:
        self._by_key: dict[Key, int] = {}
        self._count = 0

    def find(self, keys: Iterable[Key]) -> int | None:
        for key in keys:
            found = self._by_key.get(key)
            if found is not None:
                return found
        return None

    def intern(self, keys: Iterable[Key]) -> int:
        """The identity of `keys` (a new one when none is known yet); every key is
        registered under it."""
        keys = list(keys)
        found = self.find(keys)
        if found is None:
            found = self._count
            self._count += 1
        for key in keys:
            self._by_key.setdefault(key, found)
        return found
