"""Time helpers: Trakt's ISO-8601 format with milliseconds, minute truncation, US air times."""

from __future__ import annotations

import datetime as dt
import math

UTC = dt.UTC
DAY = 86400.0


def iso(ts: float) -> str:
    """Epoch seconds -> `2014-09-01T09:10:11.000Z` (UTC, milliseconds)."""
    moment = dt.datetime.fromtimestamp(ts, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def iso_or_none(ts: float | None) -> str | None:
    return None if ts is None else iso(ts)


def minute(ts: float) -> float:
    """Truncate to the minute, as Trakt stores `watched_at`."""
    return float(math.floor(ts / 60.0) * 60)


def parse_iso(text: str) -> float:
    """ISO datetime (with `Z`, offset or naive = UTC) or `YYYY-MM-DD` -> epoch seconds."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def date_to_ts(day: str) -> float:
    """`YYYY-MM-DD` -> epoch seconds at 00:00 UTC."""
    return dt.datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC).timestamp()


def _nth_sunday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (6 - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def _utc_offset_hours(date: dt.date, timezone: str) -> int:
    """UTC offset of a few zones, with their DST rules (no tz database needed)."""
    if timezone == "America/New_York":
        if date.year >= 2007:
            dst = _nth_sunday(date.year, 3, 2) <= date < _nth_sunday(date.year, 11, 1)
        else:
            dst = _nth_sunday(date.year, 4, 1) <= date < _last_sunday(date.year, 10)
        return -4 if dst else -5
    if timezone == "Europe/London":
        return 1 if _last_sunday(date.year, 3) <= date < _last_sunday(date.year, 10) else 0
    return 0


def local_to_utc(day: str, hhmm: str, timezone: str) -> float:
    """A local air date + time in `timezone` -> epoch seconds (UTC)."""
    date = dt.datetime.strptime(day, "%Y-%m-%d").date()
    hour, minute_ = (int(p) for p in hhmm.split(":"))
    local = dt.datetime(date.year, date.month, date.day, hour, minute_, tzinfo=UTC)
    return (local - dt.timedelta(hours=_utc_offset_hours(date, timezone))).timestamp()
