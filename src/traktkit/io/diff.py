"""What is already in the account: decide, entry by entry, whether to send it (no I/O).

- history: a play is already there when the item has a play at the same minute
  (`minute`), on the same UTC day (`day`, for sources with dates only), or at all
  (`any`, for undated plays); each existing play accounts for one entry only, so two
  plays of the same minute in a backup need two plays in the account;
- ratings: the same rating is already there; a different rating is replaced (`updated`,
  "updated 6 -> 10") or kept (`skipped`, "kept your newer rating 6 (2026-12-03) over 10
  (2021-06-01)") as the `RatingsPolicy` says: by default only an older one is replaced;
- collection: already there when collected with the same `collected_at` and metadata
  (for the values the entry gives);
- watchlist, favorites, list items: already there when listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from traktkit.api.resolve import ResolvedItem
from traktkit.io.keys import Identities, Key, item_keys, person_keys, resolved_keys, wrapper_keys
from traktkit.io.library import LibrarySnapshot, ListSnapshot
from traktkit.io.plan import RatingsPolicy, Wanted
from traktkit.models import (
    CollectionMetadata,
    HistoryItem,
    Ids,
    Person,
    format_datetime,
    parse_datetime,
    truncate_to_minute,
)

__all__ = ["Decision", "decide", "list_key"]

_EPOCH = "1970-01-01T00:00:00.000Z"


def list_key(name: str) -> str:
    """Lists are matched by name, ignoring case and surrounding spaces."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Decision:
    index: int  # position of the entry in the plan
    entry: Wanted
    item: ResolvedItem | None
    person: Person | None
    send: bool
    previous: str | None = None  # what it replaces (e.g. "updated 6 -> 10")
    kept: str | None = None  # not sent: why the account's value is kept (ratings)


def _minute(value: Any) -> str:
    if value is None:
        return "unknown"
    stamp = format_datetime(truncate_to_minute(value))
    return "unknown" if stamp == _EPOCH else stamp


class _Plays:
    def __init__(self, plays: Iterable[HistoryItem]) -> None:
        self.ids = Identities()
        self.counts: Counter[tuple[int, str, str]] = Counter()
        for play in plays:
            keys = wrapper_keys(play)
            if not keys:
                continue
            ident = self.ids.intern(keys)
            stamp = _minute(play.watched_at)
            self.counts[(ident, "minute", stamp)] += 1
            if stamp != "unknown":
                self.counts[(ident, "day", stamp[:10])] += 1
            self.counts[(ident, "any", "")] += 1

    def take(self, keys: Iterable[Key], entry: Wanted) -> bool:
        ident = self.ids.find(keys)
        if ident is None:
            return False
        when = str(entry.fields.get("watched_at", "unknown"))
        if entry.precision == "any":
            slot = (ident, "any", "")
        elif entry.precision == "day" and when not in ("unknown", "released"):
            slot = (ident, "day", when[:10])
        else:
            slot = (ident, "minute", when)
        if self.counts[slot] > 0:
            self.counts[slot] -= 1
            return True
        return False


class _Values:
    """Identities with a value each (ratings, collection)."""

    def __init__(self) -> None:
        self.ids = Identities()
        self.values: dict[int, Any] = {}

    def put(self, keys: Iterable[Key], value: Any) -> None:
        keys = list(keys)
        if keys:
            self.values[self.ids.intern(keys)] = value

    def get(self, keys: Iterable[Key]) -> Any:
        ident = self.ids.find(keys)
        return None if ident is None else self.values.get(ident)


def _metadata(meta: CollectionMetadata | None) -> dict[str, Any]:
    return {} if meta is None else meta.model_dump(by_alias=True, exclude_none=True)


def _collection(snap: LibrarySnapshot) -> _Values:
    out = _Values()
    for movie in snap.collection_movies:
        if movie.movie is not None:
            keys = item_keys("movie", movie.movie.ids)
            out.put(keys, (_stamp(movie.collected_at), _metadata(movie.metadata)))
    for show in snap.collection_shows:
        for season in show.seasons or []:
            for ep in season.episodes or []:
                keys = item_keys("episode", Ids(), show.show, season.number, ep.number)
                out.put(keys, (_stamp(ep.collected_at), _metadata(ep.metadata)))
    return out


def _stamp(value: Any) -> str | None:
    return None if value is None else format_datetime(value)


def _listed(items: Iterable[Any]) -> Identities:
    ids = Identities()
    for item in items:
        keys = wrapper_keys(item)
        if keys:
            ids.intern(keys)
    return ids


def _same_collected(entry: Mapping[str, Any], have: tuple[str | None, dict[str, Any]]) -> bool:
    at, meta = have
    for key, value in entry.items():
        if key == "collected_at":
            if value != at:
                return False
        elif meta.get(key) != value:
            return False
    return True


def _day_or_time(stamp: str | None, other: str | None, precision: str) -> str:
    """A rating's date for a report: the day, or (timestamps) the day and minute when
    both ratings are from the same day; "no date" without one."""
    if stamp is None:
        return "no date"
    if precision != "day" and other and other[:10] == stamp[:10] and other[:16] != stamp[:16]:
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp[:10]


def _given_stamp(value: Any) -> str | None:
    """An entry's `rated_at` (a datetime or ISO text) in the account's format."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return format_datetime(value)
    try:
        return format_datetime(parse_datetime(str(value)))
    except ValueError:
        return None


def _existing_is_newer(have_at: str | None, want_at: str | None, precision: str) -> bool:
    """Whether the account's rating should win under the `newer` policy: an imported
    rating without a date is older than any existing rating; a date-only one (`day`)
    loses to a rating made the same day or later; a timestamp to a later one."""
    if want_at is None:
        return True
    if have_at is None:
        return False
    if precision == "day":
        return have_at[:10] >= want_at[:10]
    return have_at > want_at


def _rating(
    entry: Wanted, have: tuple[Any, str | None] | None, policy: RatingsPolicy
) -> tuple[bool, str | None, str | None]:
    """(send it?, what it replaces, why the existing rating is kept)."""
    want = entry.fields.get("rating")
    if have is None:
        return True, None, None
    value, have_at = have
    if value == want:
        return False, None, None
    want_at = _given_stamp(entry.fields.get("rated_at"))
    if policy == "overwrite" or (
        policy == "newer" and not _existing_is_newer(have_at, want_at, entry.precision)
    ):
        return True, f"updated {value} -> {want}", None
    mine = _day_or_time(have_at, want_at, entry.precision)
    theirs = _day_or_time(want_at, have_at, entry.precision)
    if policy == "keep":
        why = "kept your rating"
    elif entry.precision == "day" and mine == theirs:
        why = "kept your same-day rating"
    else:
        why = "kept your newer rating"
    return False, None, f"{why} {value} ({mine}) over {want} ({theirs})"


class _Decider:
    def __init__(self, snap: LibrarySnapshot, ratings: RatingsPolicy = "newer") -> None:
        self.snap = snap
        self.policy = ratings
        self._plays: _Plays | None = None
        self._ratings: _Values | None = None
        self._collection: _Values | None = None
        self._listed: dict[str, Identities] = {}
        self.lists = {list_key(lst.info.name or ""): lst for lst in snap.lists}

    def plays(self) -> _Plays:
        if self._plays is None:
            self._plays = _Plays(self.snap.history)
        return self._plays

    def ratings(self) -> _Values:
        if self._ratings is None:
            self._ratings = _Values()
            for rated in self.snap.ratings:
                self._ratings.put(wrapper_keys(rated), (rated.rating, _stamp(rated.rated_at)))
        return self._ratings

    def collection(self) -> _Values:
        if self._collection is None:
            self._collection = _collection(self.snap)
        return self._collection

    def listed(self, name: str, items: Iterable[Any]) -> Identities:
        if name not in self._listed:
            self._listed[name] = _listed(items)
        return self._listed[name]

    def container(self, entry: Wanted) -> Identities | None:
        if entry.section == "watchlist":
            return self.listed("watchlist", self.snap.watchlist)
        if entry.section == "favorites":
            return self.listed("favorites", self.snap.favorites)
        found: ListSnapshot | None = self.lists.get(list_key(entry.list_name or ""))
        if found is None:
            return None
        return self.listed("list:" + list_key(entry.list_name or ""), found.items)

    def decide(self, entry: Wanted, keys: frozenset[Key]) -> tuple[bool, str | None, str | None]:
        """(send it?, what it replaces, why it is not sent though different)."""
        if entry.section == "history":
            return not self.plays().take(keys, entry), None, None
        if entry.section == "ratings":
            return _rating(entry, self.ratings().get(keys), self.policy)
        if entry.section == "collection":
            got = self.collection().get(keys)
            return got is None or not _same_collected(entry.fields, got), None, None
        listed = self.container(entry)
        return listed is None or listed.find(keys) is None, None, None


def decide(
    entries: Sequence[Wanted],
    found: Sequence[ResolvedItem | Person | None],
    snap: LibrarySnapshot,
    *,
    ratings: RatingsPolicy = "newer",
) -> list[Decision]:
    """A decision for every entry whose item is known (`found[i]` not None); `ratings`
    says which of two different ratings wins (see `RatingsPolicy`)."""
    decider = _Decider(snap, ratings)
    out: list[Decision] = []
    for index, (entry, item) in enumerate(zip(entries, found, strict=True)):
        if item is None:
            continue
        if isinstance(item, Person):
            keys = person_keys(item)
            send, previous, kept = decider.decide(entry, keys)
            out.append(Decision(index, entry, None, item, send, previous, kept))
            continue
        send, previous, kept = decider.decide(entry, resolved_keys(item))
        out.append(Decision(index, entry, item, None, send, previous, kept))
    return out
