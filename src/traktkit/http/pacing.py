"""Client-side pacing so that Trakt's rate limits are respected instead of tripped.

* ``WritePacer``: POST/PUT/DELETE at least ``interval`` seconds apart (Trakt allows one
  authenticated write per second per user).
* ``GetBudget``: a token bucket of ``limit`` GETs per ``period`` seconds (Trakt: 1000 per
  5 minutes); when the bucket is empty callers wait instead of getting a 429.

Both adopt the numbers of an ``X-Ratelimit`` header when the server sends one, are
thread-safe (a slot is reserved under a lock, the sleep happens outside it, so concurrent
callers queue up in order) and take an injectable ``clock`` (monotonic seconds) and
``sleep`` so tests run instantly. ``wall_clock`` (epoch seconds) is only used to turn the
header's absolute ``until`` into a delay.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from traktkit.http.headers import RateLimitInfo

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class WriteStamp:
    """The time of the last write's answer, shared between processes as a file's mtime.

    Best effort: an unreadable or unwritable stamp only loses the cross-process spacing
    (a 429 with Retry-After still keeps the client correct).
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def last(self) -> float | None:
        try:
            return self.path.stat().st_mtime
        except OSError:
            return None

    def touch(self, when: float) -> None:
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.path.touch(mode=0o600)
            os.utime(self.path, (when, when))


class WritePacer:
    """Keeps writes at least ``interval`` seconds apart: from the previous write's start,
    from its answer (`completed`), and, with a `WriteStamp`, from other processes' writes."""

    def __init__(
        self,
        interval: float = 1.0,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
        wall_clock: Clock = time.time,
        stamp: WriteStamp | None = None,
    ) -> None:
        self._interval = max(0.0, interval)
        self._clock = clock
        self._sleep = sleep
        self._wall_clock = wall_clock
        self._stamp = stamp
        self._next_allowed = float("-inf")
        self._lock = threading.Lock()

    @property
    def interval(self) -> float:
        return self._interval

    def reserve(self) -> float:
        """Claim the next write slot; returns how long the caller must wait for it."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next_allowed)
            if self._stamp is not None and (last := self._stamp.last()) is not None:
                elsewhere = last + self._interval - self._wall_clock()
                start = max(start, now + min(elsewhere, self._interval))
            self._next_allowed = start + self._interval
            return start - now

    def completed(self) -> None:
        """A write just got its answer: the next one waits a full interval from now.

        Trakt counts writes when they arrive; spacing them from the previous *answer*
        (not the previous start) keeps arrivals apart even when latency varies.
        """
        with self._lock:
            self._next_allowed = max(self._next_allowed, self._clock() + self._interval)
        if self._stamp is not None:
            self._stamp.touch(self._wall_clock())

    def acquire(self) -> float:
        """Wait for the next write slot; returns the seconds slept."""
        wait = self.reserve()
        if wait > 0:
            self._sleep(wait)
        return wait

    def block_for(self, seconds: float) -> None:
        """No write may start within ``seconds`` from now (after a 429)."""
        with self._lock:
            self._next_allowed = max(self._next_allowed, self._clock() + max(0.0, seconds))

    def adopt(self, info: RateLimitInfo) -> None:
        """Follow the server's view: slower interval if it says so; wait out remaining=0."""
        if info.limit and info.period:
            with self._lock:
                self._interval = max(self._interval, info.period / info.limit)
        if info.remaining == 0:
            reset = info.seconds_until_reset(self._wall_clock())
            if reset is not None:
                cap = info.period if info.period else 60.0
                self.block_for(min(reset, cap))


class GetBudget:
    """Token bucket: ``limit`` requests per ``period`` seconds, refilled continuously."""

    def __init__(
        self,
        limit: int = 1000,
        period: float = 300.0,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
        wall_clock: Clock = time.time,
    ) -> None:
        if limit < 1 or period <= 0:
            raise ValueError("GetBudget needs limit >= 1 and period > 0")
        self._capacity = float(limit)
        self._period = float(period)
        self._rate = limit / period  # tokens per second
        self._clock = clock
        self._sleep = sleep
        self._wall_clock = wall_clock
        self._tokens = float(limit)
        self._updated: float | None = None
        self._blocked_until = float("-inf")
        self._lock = threading.Lock()

    @property
    def available(self) -> float:
        with self._lock:
            self._refill(self._clock())
            return self._tokens

    def _refill(self, now: float) -> None:
        if self._updated is not None and now > self._updated:
            self._tokens = min(self._capacity, self._tokens + (now - self._updated) * self._rate)
        self._updated = now if self._updated is None else max(self._updated, now)

    def reserve(self) -> float:
        """Take one token (possibly going into debt); returns how long to wait for it."""
        with self._lock:
            now = self._clock()
            self._refill(now)
            self._tokens -= 1.0
            wait = 0.0 if self._tokens >= 0 else -self._tokens / self._rate
            return max(wait, self._blocked_until - now)

    def acquire(self) -> float:
        """Wait until a request may be sent; returns the seconds slept."""
        wait = self.reserve()
        if wait > 0:
            self._sleep(wait)
        return wait

    def block_for(self, seconds: float) -> None:
        """No GET may start within ``seconds`` from now (after a 429)."""
        with self._lock:
            self._blocked_until = max(self._blocked_until, self._clock() + max(0.0, seconds))

    def adopt(self, info: RateLimitInfo) -> None:
        """Take the server's limit/period/remaining; remaining 0 waits until ``until``."""
        with self._lock:
            now = self._clock()
            self._refill(now)
            if info.limit and info.limit > 0 and info.period and info.period > 0:
                self._capacity = float(info.limit)
                self._period = float(info.period)
                self._rate = info.limit / info.period
            if info.remaining is not None:
                self._tokens = min(self._capacity, float(max(0, info.remaining)))
            if info.remaining == 0:
                reset = info.seconds_until_reset(self._wall_clock())
                if reset is not None:
                    until = now + min(reset, self._period)
                    self._blocked_until = max(self._blocked_until, until)
