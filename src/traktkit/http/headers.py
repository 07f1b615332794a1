"""Parsing of the Trakt response headers the transport acts on.

Pure functions: no I/O, no clocks except the ones passed in.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class RateLimitInfo:
    """The decoded ``X-Ratelimit`` header.

    Example: ``{"name":"AUTHED_API_POST_LIMIT","period":1,"limit":1,"remaining":0,
    "until":"2024-01-08T22:31:48Z"}``. Every field is optional: the header is a debug aid
    and Trakt does not promise its shape.
    """

    name: str | None = None
    period: float | None = None
    limit: int | None = None
    remaining: int | None = None
    until: datetime | None = None

    @property
    def is_write_limit(self) -> bool | None:
        """True for the POST/PUT/DELETE bucket, False for a GET bucket, None if unnamed."""
        if not self.name:
            return None
        return "POST" in self.name.upper()

    def seconds_until_reset(self, wall_now: float) -> float | None:
        """Seconds from ``wall_now`` (epoch) until ``until``; never negative."""
        if self.until is None:
            return None
        return max(0.0, self.until.timestamp() - wall_now)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    as_float = float(value)
    return as_float if math.isfinite(as_float) else None


def parse_iso_datetime(value: object) -> datetime | None:
    """Parse ``2020-10-10T00:24:00Z`` (or with milliseconds/offset); None when invalid."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def parse_ratelimit(headers: Mapping[str, str]) -> RateLimitInfo | None:
    """Decode ``X-Ratelimit``; None when absent or not a JSON object."""
    raw = headers.get("x-ratelimit")
    if not raw:
        return None
    try:
        decoded = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(decoded, dict):
        return None
    limit = _number(decoded.get("limit"))
    remaining = _number(decoded.get("remaining"))
    name = decoded.get("name")
    return RateLimitInfo(
        name=name if isinstance(name, str) else None,
        period=_number(decoded.get("period")),
        limit=int(limit) if limit is not None else None,
        remaining=int(remaining) if remaining is not None else None,
        until=parse_iso_datetime(decoded.get("until")),
    )


def parse_retry_after(headers: Mapping[str, str], wall_now: float) -> float | None:
    """``Retry-After`` in seconds (Trakt sends integer seconds; an HTTP date is accepted)."""
    raw = headers.get("retry-after")
    if raw is None:
        return None
    text = raw.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        return max(0.0, when.timestamp() - wall_now)
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def header_int(headers: Mapping[str, str], name: str) -> int | None:
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        return int(raw.strip())
    except ValueError:
        return None


def header_bool(headers: Mapping[str, str], name: str) -> bool | None:
    raw = headers.get(name)
    if raw is None:
        return None
    lowered = raw.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    return None
