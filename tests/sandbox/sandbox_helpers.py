"""Helpers for the sandbox tests: API headers, httpx2 clients, a fake clock, device login."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx2

from traktkit.sandbox import BUILTIN_CLIENT_ID, BUILTIN_CLIENT_SECRET
from traktkit.sandbox.server import RunningSandbox

API_HEADERS = {
    "trakt-api-key": BUILTIN_CLIENT_ID,
    "trakt-api-version": "2",
    "User-Agent": "traktkit-tests/1.0",
}
StartSandbox = Callable[..., RunningSandbox]
APP = {"client_id": BUILTIN_CLIENT_ID, "client_secret": BUILTIN_CLIENT_SECRET}


class FakeClock:
    """An injectable clock (epoch seconds) that tests move by hand."""

    def __init__(self, start: float = 1_780_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def client(sb: RunningSandbox, token: str | None = None, **headers: str) -> httpx2.Client:
    merged = dict(API_HEADERS)
    if token:
        merged["Authorization"] = f"Bearer {token}"
    merged.update(headers)
    return httpx2.Client(base_url=sb.url, headers=merged, timeout=10)


def device_login(c: httpx2.Client) -> dict[str, Any]:
    """Device flow with an auto-approving sandbox: code, then one poll."""
    code = c.post("/oauth/device/code", json={"client_id": BUILTIN_CLIENT_ID}).json()
    response = c.post("/oauth/device/token", json={"code": code["device_code"], **APP})
    assert response.status_code == 200, response.text
    token: dict[str, Any] = response.json()
    return token


@contextmanager
def authed(sb: RunningSandbox, **headers: str) -> Iterator[httpx2.Client]:
    """A client logged in (device flow) as the sandbox's auto-approve user."""
    with client(sb, **headers) as c:
        c.headers["Authorization"] = f"Bearer {device_login(c)['access_token']}"
        yield c


def control(sb: RunningSandbox, path: str, body: Any) -> Any:
    """POST a control route (`/_sandbox/...`) and return its JSON."""
    response = httpx2.post(sb.url + path, json=body, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


@dataclass
class Session:
    """A fresh sandbox (fake clock) with a client logged in as `demo`."""

    sb: RunningSandbox
    c: httpx2.Client
    clock: FakeClock

    def tick(self, seconds: float = 60) -> None:
        self.clock.advance(seconds)


def token_for(sb: RunningSandbox, username: str) -> str:
    """An access token for `username` (created if needed), issued straight by the state."""
    with sb.state.lock:
        sb.state.ensure_user(username)
        return sb.state.issue_token(username, BUILTIN_CLIENT_ID).token


def as_user(sb: RunningSandbox, username: str) -> httpx2.Client:
    """A client logged in as `username` (close it, or use it in a `with`)."""
    return client(sb, token_for(sb, username))
