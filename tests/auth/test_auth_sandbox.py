"""The transport and auth layers against the real sandbox over loopback HTTP.

Skipped when the sandbox package is not available (it is developed in parallel).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

sandbox = pytest.importorskip("traktkit.sandbox")

from traktkit.auth import AuthSession, DeviceCode, RefreshRejected  # noqa: E402
from traktkit.config import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, Settings  # noqa: E402
from traktkit.http import HttpClient, HttpConfig, PageInfo, ServerError  # noqa: E402


@dataclass
class Env:
    url: str
    settings: Settings
    http: HttpClient
    session: AuthSession
    waits: list[tuple[float, str]]

    def control(self, method: str, path: str, body: Any = None) -> Any:
        return self.http.request(method, path, json=body, auth="none").data


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    config = sandbox.SandboxConfig(
        auto_approve="demo", device_interval=0.05, write_interval=0.05, synthetic_movies=2000
    )
    with sandbox.running_sandbox(config) as sb:
        settings = Settings(
            client_id=SANDBOX_CLIENT_ID,
            client_secret=SANDBOX_CLIENT_SECRET,
            api_url=sb.url,
            home=tmp_path / "home",
            token_store="file",
        )
        waits: list[tuple[float, str]] = []
        http = HttpClient(
            HttpConfig.from_settings(settings, write_interval=0.05, timeout=10),
            on_wait=lambda s, r: waits.append((s, r)),
        )
        session = AuthSession.create(settings, http)
        try:
            yield Env(sb.url, settings, http, session, waits)
        finally:
            http.close()


def login(env: Env) -> None:
    shown: list[DeviceCode] = []
    env.session.login_device(shown.append)
    assert len(shown) == 1


def test_device_login_and_authenticated_call(env: Env) -> None:
    login(env)
    data = env.http.get("/users/settings", auth="required").data
    assert data["user"]["username"] == "demo"
    status = env.session.status()
    assert status.source == "store" and status.expires_at is not None


def test_401_refresh_replay_and_rotation(env: Env) -> None:
    login(env)
    first = env.session.current_token()
    assert first is not None and first.refresh_token is not None
    env.control("POST", "/_sandbox/tokens/expire", {"username": "demo"})
    assert env.http.get("/users/settings", auth="required").data["user"]["username"] == "demo"
    second = env.session.current_token()
    assert second is not None and second.access_token != first.access_token
    assert env.session.store.load() == second
    with pytest.raises(RefreshRejected):  # single-use: the old refresh token is dead
        env.session.oauth.refresh(first.refresh_token)


def test_transient_faults_retried(env: Env) -> None:
    login(env)
    env.control(
        "POST",
        "/_sandbox/faults",
        {"rules": [{"route": "GET /users/settings", "status": 503, "count": 2}]},
    )
    assert env.http.get("/users/settings", auth="required").status == 200
    assert len(env.waits) == 2


def test_429_retry_after_honoured(env: Env) -> None:
    login(env)
    env.control(
        "POST",
        "/_sandbox/faults",
        {"rules": [{"route": "GET /users/settings", "status": 429, "retry_after": 0}]},
    )
    started = time.monotonic()
    assert env.http.get("/users/settings", auth="required").status == 200
    assert time.monotonic() - started >= 0.5  # Retry-After 0 + the 0.5 s margin
    assert env.waits and "rate limited" in env.waits[0][1]


def test_cloudflare_52x_on_get_retried_then_raised(env: Env) -> None:
    env.control(
        "POST",
        "/_sandbox/faults",
        {"rules": [{"route": "GET /movies/{id}", "status": 520, "count": "*"}]},
    )
    quick = HttpClient(
        HttpConfig.from_settings(env.settings, max_retries=1, backoff_base=0.01),
    )
    with quick, pytest.raises(ServerError) as info:
        quick.get("/movies/tron-legacy-2010")
    assert info.value.status == 520


def test_paginate_requests_exactly_page_count(env: Env) -> None:
    env.control("POST", "/_sandbox/reset")
    pages: list[PageInfo] = []
    items = list(
        env.http.paginate("/search/movie", params={"query": "the"}, limit=100, on_page=pages.append)
    )
    counts = env.control("GET", "/_sandbox/requests")
    assert pages and pages[-1].page == pages[0].page_count
    assert counts["by_route"].get("GET /search/{type}") == pages[0].page_count
    if pages[0].item_count is not None:
        assert len(items) == pages[0].item_count
