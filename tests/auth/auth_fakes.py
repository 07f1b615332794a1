"""A fake Trakt OAuth server (for httpx2.MockTransport) and helpers for the auth tests.

It follows the 2026 rules: single-use refresh tokens (a used one answers 400
invalid_grant), bearer tokens checked on ``GET /users/settings``, and a device-code state
machine whose poll answers are scripted.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from traktkit.auth import AuthSession, FileTokenStore, OAuthClient, Token, token_owner
from traktkit.config import Settings
from traktkit.http import HttpClient, HttpConfig

CLIENT_ID = "cid-fake-123"
CLIENT_SECRET = "csecret-fake-456"
API_URL = "https://api.example.test"
AUTH_URL = "https://auth.example.test"
EPOCH = 1_700_000_000


def make_settings(home: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "api_url": API_URL,
        "auth_url": AUTH_URL,
        "home": home,
        "token_store": "file",
    }
    values.update(overrides)
    return Settings(**values)


class WallClock:
    """Epoch seconds that move only when told to."""

    def __init__(self, now: float = EPOCH) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@dataclass
class FakeTrakt:
    clock: WallClock = field(default_factory=WallClock)
    expires_in: int = 7 * 24 * 3600
    access: set[str] = field(default_factory=set)  # valid access tokens
    refresh: set[str] = field(default_factory=set)  # unused refresh tokens
    refresh_calls: list[str] = field(default_factory=list)
    rejected_refreshes: list[str] = field(default_factory=list)
    revoked: list[str] = field(default_factory=list)
    device_polls: list[int] = field(default_factory=list)  # scripted statuses; 200 = approve
    device_interval: int = 5
    device_expires_in: int = 600
    poll_count: int = 0
    requests: list[httpx2.Request] = field(default_factory=list)
    fail_refresh_with: int | None = None
    issued: list[Token] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def issue(self, created_at: float | None = None, expires_in: int | None = None) -> Token:
        n = next(self._ids)
        salt = random.getrandbits(32)
        token = Token(
            access_token=f"access-{n}-{salt:08x}",
            refresh_token=f"refresh-{n}-{salt:08x}",
            expires_in=self.expires_in if expires_in is None else expires_in,
            created_at=int(self.clock() if created_at is None else created_at),
        )
        self.issued.append(token)
        self.access.add(token.access_token)
        assert token.refresh_token is not None
        self.refresh.add(token.refresh_token)
        return token

    def secrets(self) -> list[str]:
        out: list[str] = []
        for token in self.issued:
            out += [token.access_token, token.refresh_token or ""]
        return [s for s in out if s]

    def _token_body(self, token: Token) -> dict[str, Any]:
        return token.model_dump(exclude={"env_origin"})

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        path = request.url.path
        body = json.loads(request.content) if request.content else {}
        if path.startswith("/oauth/"):
            assert str(request.url).startswith(AUTH_URL), "OAuth calls must use the auth URL"
            assert "authorization" not in request.headers
        if path == "/oauth/token" and body.get("grant_type") == "refresh_token":
            assert body["client_id"] == CLIENT_ID and body["client_secret"] == CLIENT_SECRET
            used = body["refresh_token"]
            self.refresh_calls.append(used)
            if self.fail_refresh_with is not None:
                return httpx2.Response(self.fail_refresh_with)
            if used not in self.refresh:
                self.rejected_refreshes.append(used)
                return _json(400, {"error": "invalid_grant", "error_description": "used"})
            self.refresh.discard(used)  # single-use
            return _json(200, self._token_body(self.issue()))
        if path == "/oauth/token" and body.get("grant_type") == "authorization_code":
            if body["code"] != "good-code":
                return _json(400, {"error": "invalid_grant", "error_description": "bad code"})
            return _json(200, self._token_body(self.issue()))
        if path == "/oauth/device/code":
            assert body == {"client_id": CLIENT_ID}
            return _json(
                200,
                {
                    "device_code": "device-SECRET-code",
                    "user_code": "5055CC52",
                    "verification_url": "https://trakt.tv/activate",
                    "expires_in": self.device_expires_in,
                    "interval": self.device_interval,
                },
            )
        if path == "/oauth/device/token":
            assert body["code"] == "device-SECRET-code"
            self.poll_count += 1
            status = self.device_polls.pop(0) if self.device_polls else 400
            if status == 200:
                return _json(200, self._token_body(self.issue()))
            return httpx2.Response(status)
        if path == "/oauth/revoke":
            self.revoked.append(body["token"])
            self.access.discard(body["token"])
            return _json(200, {})
        if path == "/users/settings":
            auth = request.headers.get("authorization", "")
            if auth.removeprefix("Bearer ") in self.access:
                return _json(200, {"user": {"username": "demo"}})
            return _json(401, {"error": "invalid_token"})
        return _json(404, {"error": "not_found"})


def _json(status: int, body: Any) -> httpx2.Response:
    return httpx2.Response(status, json=body)


@dataclass
class Rig:
    settings: Settings
    server: FakeTrakt
    http: HttpClient
    oauth: OAuthClient
    store: FileTokenStore
    session: AuthSession
    sleeps: list[float]


def make_rig(
    home: Path,
    server: FakeTrakt | None = None,
    *,
    settings: Settings | None = None,
    store: FileTokenStore | None = None,
) -> Rig:
    """An HttpClient + OAuthClient + AuthSession over the fake server, with no real waits."""
    server = server if server is not None else FakeTrakt()
    settings = settings if settings is not None else make_settings(home)
    sleeps: list[float] = []
    http = HttpClient(
        HttpConfig.from_settings(settings),
        transport=httpx2.MockTransport(server.handler),
        sleep=sleeps.append,
    )
    oauth = OAuthClient(http, settings, now=server.clock)
    store = (
        store
        if store is not None
        else FileTokenStore(settings.token_path, owner=token_owner(settings))
    )
    session = AuthSession(settings, store, oauth, now=server.clock, lock_timeout=5)
    http.set_token_source(session)
    return Rig(settings, server, http, oauth, store, session, sleeps)


Handler = Callable[[httpx2.Request], httpx2.Response]
