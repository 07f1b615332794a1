"""Fakes for the http layer tests: a fake clock, a scripted token source, responses."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx2

from traktkit.http import HttpClient

WALL_EPOCH = 1_700_000_000.0


class FakeClock:
    """Monotonic and wall clocks that only move when ``sleep`` is called."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> float:
        return WALL_EPOCH + self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Harness:
    client: HttpClient
    clock: FakeClock
    requests: list[httpx2.Request]
    waits: list[tuple[float, str]] = field(default_factory=list)


class StaticTokens:
    """A TokenSource with a fixed token and a scripted refresh."""

    def __init__(self, token: str | None, refreshed: str | None = None) -> None:
        self.token = token
        self.refreshed = refreshed
        self.refresh_calls: list[str] = []

    def access_token(self) -> str | None:
        return self.token

    def refresh_after_401(self, rejected: str) -> str | None:
        self.refresh_calls.append(rejected)
        if self.refreshed is not None:
            self.token = self.refreshed
        return self.refreshed


def json_response(
    status: int = 200, body: Any = None, headers: dict[str, str] | None = None
) -> httpx2.Response:
    content = b"" if body is None else json.dumps(body).encode()
    all_headers = {"content-type": "application/json"} if body is not None else {}
    all_headers.update(headers or {})
    return httpx2.Response(status, content=content, headers=all_headers)


MakeClient = Callable[..., Harness]


def scripted(
    *responses: httpx2.Response | Exception,
) -> Callable[[httpx2.Request], httpx2.Response]:
    """A handler answering with ``responses`` in order (the last one repeats)."""
    queue = list(responses)

    def handler(request: httpx2.Request) -> httpx2.Response:
        item = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(item, Exception):
            raise item
        return item

    return handler
