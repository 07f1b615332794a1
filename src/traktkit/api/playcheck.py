"""Which plays of a failed history write exist anyway (no I/O here).

After a `POST /sync/history` that may have been applied (a 5xx or a timeout after
sending), the history API fetches `/sync/history` over the batch's time windows and
`count_applied` matches each sent item against those plays: same item (a shared id, or
the show's id plus season/episode numbers) at the same minute-precision `watched_at`
(REFERENCE §1.5, §13.1-2).

- A movie or an episode consumes one matching play (so the same item twice at the same
  minute needs two plays).
- A whole show or season counts every matching play (a POST is applied as a whole).
- Items sent with `watched_at` `released` or `unknown`, or a season known only by its own
  ids, cannot be checked: None.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

from traktkit.api.resolve import ResolvedItem
from traktkit.models import HistoryItem, Ids, parse_datetime, truncate_to_minute

__all__ = ["count_applied", "play_windows", "watched_minute"]

_PER_MINUTE_WINDOWS: Final = 5
_WINDOW_END: Final = timedelta(seconds=59, microseconds=999000)


def watched_minute(fields: Mapping[str, Any]) -> datetime | None:
    """The minute of an explicit `watched_at`, None for released/unknown/absent."""
    value = fields.get("watched_at")
    if not isinstance(value, str) or value in ("released", "unknown"):
        return None
    try:
        return truncate_to_minute(parse_datetime(value))
    except ValueError:
        return None


def play_windows(minutes: Sequence[datetime]) -> list[tuple[datetime, datetime]]:
    """`(start_at, end_at)` windows covering every minute: one per minute when there are
    few distinct minutes, else one window from the first to the last."""
    distinct = sorted(set(minutes))
    if not distinct:
        return []
    if len(distinct) <= _PER_MINUTE_WINDOWS:
        return [(m, m + _WINDOW_END) for m in distinct]
    return [(distinct[0], distinct[-1] + _WINDOW_END)]


def _pairs(ids: Ids | None) -> set[tuple[str, str]]:
    if ids is None:
        return set()
    return {(k, str(v).lower() if k == "imdb" else str(v)) for k, v in ids.known().items()}


def _shares(a: Ids | None, b: Ids | None) -> bool:
    return bool(_pairs(a) & _pairs(b))


def _checkable(item: ResolvedItem) -> bool:
    if item.type in ("movie", "show"):
        return bool(item.media.ids.known())
    if item.type == "episode" and item.media.ids.known():
        return True
    return item.show is not None and bool(item.show.ids.known()) and item.season is not None


def _matches(item: ResolvedItem, play: HistoryItem) -> bool:
    ep = play.episode
    if item.type == "movie":
        return play.movie is not None and _shares(item.media.ids, play.movie.ids)
    if item.type == "show":
        return play.show is not None and _shares(item.media.ids, play.show.ids)
    if ep is None:
        return False
    if item.type == "episode" and _shares(item.media.ids, ep.ids):
        return True
    if item.show is None or play.show is None or not _shares(item.show.ids, play.show.ids):
        return False
    if ep.season != item.season:
        return False
    return item.type == "season" or ep.number == item.episode


def count_applied(
    items: Sequence[tuple[ResolvedItem, Mapping[str, Any]]], plays: Sequence[HistoryItem]
) -> list[int | None]:
    """Per item (with its fields): how many of `plays` are its own, None if uncheckable."""
    minutes = [
        truncate_to_minute(p.watched_at) if p.watched_at is not None else None for p in plays
    ]
    used: set[int] = set()
    out: list[int | None] = []
    for item, fields in items:
        minute = watched_minute(fields)
        if minute is None or not _checkable(item):
            out.append(None)
            continue
        found = [
            i
            for i, play in enumerate(plays)
            if i not in used and minutes[i] == minute and _matches(item, play)
        ]
        if item.type in ("movie", "episode"):
            found = found[:1]
        used.update(found)
        out.append(len(found))
    return out
