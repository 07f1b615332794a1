"""Fixtures for the http layer tests: an HttpClient over MockTransport and a fake clock."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import httpx2
import pytest
from http_fakes import FakeClock, Harness, MakeClient

from traktkit.http import HttpClient, HttpConfig


@pytest.fixture
def make_client() -> Iterator[MakeClient]:
    made: list[HttpClient] = []

    def factory(
        handler: Callable[[httpx2.Request], httpx2.Response],
        tokens: Any = None,
        seed: int = 1,
        **overrides: Any,
    ) -> Harness:
        clock = FakeClock()
        requests: list[httpx2.Request] = []

        def recording(request: httpx2.Request) -> httpx2.Response:
            requests.append(request)
            return handler(request)

        config = HttpConfig(api_url="https://api.example.test", client_id="cid-123", **overrides)
        waits: list[tuple[float, str]] = []
        client = HttpClient(
            config,
            tokens,
            transport=httpx2.MockTransport(recording),
            sleep=clock.sleep,
            clock=clock.monotonic,
            wall_clock=clock.wall,
            on_wait=lambda seconds, reason: waits.append((seconds, reason)),
            rng=random.Random(seed),
        )
        made.append(client)
        return Harness(client=client, clock=clock, requests=requests, waits=waits)

    yield factory
    for client in made:
        client.close()
