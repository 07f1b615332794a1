"""Deterministic synthetic audience figures for the discovery lists (REFERENCE §10).

Nothing here is random or stored: every figure is a function of a title's votes, rating,
release date and Trakt id (through a fixed hash) and of the period, so lists are stable
across runs and machines, and realistic in shape:

* trending `watchers`: votes / 2000, times 0.5 for old titles up to 10 for new releases
  (decaying over months), 0 for unreleased titles (only titles with watchers are listed);
* popular: rating x votes (the reference's "rating % x votes");
* anticipated `list_count`: titles not released yet or released within the last year,
  ranked by votes, unreleased ones tripled;
* played / watched / collected / favorited by period: shares of the votes that grow with the
  period (`daily` < `weekly` < `monthly` < `yearly` < `all`), recent titles weigh more in
  short periods, a per-title/per-period jitter changes the order between periods.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from traktkit.sandbox.catalogue import Movie, Show, released_ts
from traktkit.sandbox.timeutil import DAY

PERIODS: dict[str, float] = {
    "daily": 0.002,
    "weekly": 0.01,
    "monthly": 0.04,
    "yearly": 0.3,
    "all": 1.5,
}
DEFAULT_PERIOD = "weekly"


def mix(*values: int) -> int:
    """FNV-1a over integers: a stable 32-bit hash (Python's `hash` is salted per run)."""
    h = 2166136261
    for value in values:
        for byte in (value & 0xFFFFFFFFFFFF).to_bytes(6, "little"):
            h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


def jitter(trakt: int, salt: int) -> float:
    """A stable factor in [0.5, 1.5)."""
    return 0.5 + mix(trakt, salt) / 2**32


def released(item: Movie | Show) -> float | None:
    return released_ts(item) if isinstance(item, Movie) else item.first_aired


def age_days(item: Movie | Show, now: float) -> float | None:
    when = released(item)
    return None if when is None else (now - when) / DAY


def trending_watchers(item: Movie | Show, now: float) -> int:
    age = age_days(item, now)
    if age is None or age < 0:
        return 0
    recency = 0.5 + 9.5 * math.exp(-age / 180.0)
    return int(item.votes / 2000.0 * recency * jitter(item.trakt, 1))


def popularity(item: Movie | Show) -> float:
    return item.rating * item.votes


def list_count(item: Movie | Show, now: float) -> int:
    """Anticipation: 0 for titles released more than a year ago."""
    age = age_days(item, now)
    if age is not None and age > 365:
        return 0
    factor = 3.0 if age is None or age < 0 else 1.0
    return max(1, int(item.votes * factor * jitter(item.trakt, 2) / 4))


@dataclass(frozen=True)
class PeriodStats:
    watcher_count: int
    play_count: int
    collected_count: int
    collector_count: int
    user_count: int  # favorited


def period_stats(item: Movie | Show, period: str, now: float) -> PeriodStats:
    salt = 10 + list(PERIODS).index(period) * 10
    age = age_days(item, now)
    if age is None or age < 0:
        return PeriodStats(0, 0, 0, 0, 0)
    share = PERIODS[period]
    if period != "all":
        share *= 0.2 + math.exp(-age / 730.0)
    watchers = int(item.votes * share * jitter(item.trakt, salt))
    plays = watchers + int(watchers * 0.3 * jitter(item.trakt, salt + 1))
    collectors = int(watchers * 0.4 * jitter(item.trakt, salt + 2))
    collected = collectors
    if isinstance(item, Show):  # shows count collected episodes
        episodes = sum(1 for e in item.episodes() if e.season > 0)
        collected = collectors * max(1, episodes // 3)
        plays *= max(1, episodes // 4)
    favorited = int(item.votes * item.rating / 10 * share * 0.05 * jitter(item.trakt, salt + 3))
    return PeriodStats(watchers, plays, collected, collectors, favorited)
