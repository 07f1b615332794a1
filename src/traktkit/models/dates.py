"""The API's timestamp format: UTC ISO-8601 with milliseconds (`2014-09-01T09:10:11.000Z`).

REFERENCE §1.5. Parsing accepts any ISO-8601 form (`Z`, `+02:00`, no fraction, no
timezone); a naive value is taken as UTC, because every Trakt timestamp is UTC.
Formatting always produces the API's own shape, so a model dumped with `mode="json"`
writes timestamps exactly as the API does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, PlainSerializer

__all__ = [
    "TraktDateTime",
    "as_utc",
    "format_datetime",
    "parse_datetime",
    "truncate_to_minute",
]


def as_utc(value: datetime) -> datetime:
    """The same instant as an aware UTC datetime (a naive value is taken as UTC)."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def format_datetime(value: datetime) -> str:
    """`2014-09-01T09:10:11.000Z`: UTC, millisecond precision (sub-ms digits dropped)."""
    v = as_utc(value)
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d}T"
        f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond // 1000:03d}Z"
    )


def parse_datetime(text: str) -> datetime:
    """Parse an ISO-8601 timestamp into an aware UTC datetime.

    Raises ValueError for anything that is not ISO-8601.
    """
    value = text.strip()
    if value[-1:] in ("z", "Z"):
        value = value[:-1] + "+00:00"
    return as_utc(datetime.fromisoformat(value))


def truncate_to_minute(value: datetime) -> datetime:
    """Drop seconds and microseconds (the API stores `watched_at` to the minute)."""
    return as_utc(value).replace(second=0, microsecond=0)


TraktDateTime = Annotated[
    datetime,
    AfterValidator(as_utc),
    PlainSerializer(format_datetime, return_type=str, when_used="json"),
]
"""A timestamp field: parsed to aware UTC, dumped (JSON mode) as `…T09:10:11.000Z`."""
