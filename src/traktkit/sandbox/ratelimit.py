"""Token-bucket rate limits (REFERENCE §5).

Buckets:
* `AUTHED_API_GET_LIMIT`: per user, `get_limit` GETs per `get_period` seconds;
* `UNAUTHED_API_GET_LIMIT`: per client_id for GETs sent without a Bearer token;
* `AUTHED_API_POST_LIMIT`: per user (or client_id when unauthenticated), one
  POST/PUT/DELETE per `write_interval` seconds.

A refused request gets 429 with `Retry-After` (integer seconds, rounded up, at least 1)
and `X-Ratelimit` JSON `{"name","period","limit","remaining","until"}`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.timeutil import iso

AUTHED_GET = "AUTHED_API_GET_LIMIT"
UNAUTHED_GET = "UNAUTHED_API_GET_LIMIT"
AUTHED_POST = "AUTHED_API_POST_LIMIT"


@dataclass
class Bucket:
    capacity: float
    period: float  # seconds to refill `capacity` tokens
    tokens: float
    updated: float

    def take(self, now: float) -> float:
        """Consume one token; 0.0 when allowed, else the seconds until one is available."""
        if self.period <= 0:
            return 0.0
        rate = self.capacity / self.period
        self.tokens = min(self.capacity, self.tokens + max(0.0, now - self.updated) * rate)
        self.updated = now
        if self.tokens >= 1.0 - 1e-9:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / rate


class RateLimiter:
    """Every bucket of a sandbox; numbers come from the live config at each call."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, str], Bucket] = {}

    def reset(self) -> None:
        self._buckets.clear()

    def check(self, name: str, subject: str, limit: int, period: float, now: float) -> None:
        """Take one token from bucket (name, subject) or raise the 429 ApiError."""
        key = (name, subject)
        bucket = self._buckets.get(key)
        if bucket is None or bucket.capacity != limit or bucket.period != period:
            bucket = Bucket(float(limit), float(period), float(limit), now)
            self._buckets[key] = bucket
        wait = bucket.take(now)
        if wait <= 0:
            return
        retry_after = max(1, math.ceil(wait - 1e-9))
        info = {
            "name": name,
            "period": _number(period),
            "limit": limit,
            "remaining": 0,
            "until": iso(now + wait)[:19] + "Z",
        }
        raise ApiError(
            429,
            "rate_limit_exceeded",
            f"{name}: {limit} per {_number(period)}s exceeded; retry after {retry_after}s.",
            headers={"Retry-After": str(retry_after), "X-Ratelimit": json.dumps(info)},
        )


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
