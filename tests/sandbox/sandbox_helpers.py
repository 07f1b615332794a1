"""Helpers for the sandbox tests: API headers, httpx2 clients, a fake clock, device login."""

from __future__ import annotations

from collections.abc import Callable
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
