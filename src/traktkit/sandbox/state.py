"""The live state of one sandbox: apps, users, tokens, device codes, counters, faults.

All mutation happens under `state.lock` (the dispatcher holds it around every handler).
Time always comes from `state.now()`: the config's clock plus an offset that
`POST /_sandbox/clock` can advance.
"""

from __future__ import annotations

import secrets
import string
import threading
from dataclasses import dataclass, field

from traktkit.sandbox.builders import real_movies, real_people, real_shows
from traktkit.sandbox.catalogue import Catalogue
from traktkit.sandbox.config import (
    BUILTIN_CLIENT_ID,
    BUILTIN_CLIENT_SECRET,
    DEFAULT_USER,
    OOB_REDIRECT_URI,
    SandboxConfig,
)
from traktkit.sandbox.faults import FaultInjector
from traktkit.sandbox.ratelimit import RateLimiter
from traktkit.sandbox.scoring import SearchIndex
from traktkit.sandbox.synthetic import synthetic_titles
from traktkit.sandbox.titles import TitleIndex
from traktkit.sandbox.users import UserState

USER_CODE_ALPHABET = string.ascii_uppercase + string.digits
JOINED_AT = 1_262_304_000.0  # 2010-01-01T00:00:00Z, every sandbox user's join date
HISTORY_ID_BASE = 10_000_000_000  # history ids need 64 bits, like the real ones


@dataclass
class App:
    client_id: str
    client_secret: str
    name: str = "Sandbox app"
    redirect_uris: tuple[str, ...] = (OOB_REDIRECT_URI,)
    allow_loopback_redirects: bool = True

    def redirect_ok(self, uri: str) -> bool:
        if uri in self.redirect_uris:
            return True
        loopback = ("http://127.0.0.1", "http://localhost", "http://[::1]")
        return self.allow_loopback_redirects and uri.startswith(loopback)


@dataclass
class AccessToken:
    token: str
    refresh_token: str
    username: str
    client_id: str
    created_at: int
    expires_in: int
    revoked: bool = False
    expired_by_control: bool = False

    def valid(self, now: float) -> bool:
        return not self.revoked and not self.expired_by_control and now < self.expires_at

    @property
    def expires_at(self) -> float:
        return float(self.created_at + self.expires_in)


@dataclass
class RefreshToken:
    token: str
    access_token: str
    username: str
    client_id: str
    used: bool = False
    revoked: bool = False


@dataclass
class DeviceCode:
    device_code: str
    user_code: str
    client_id: str
    created_at: float
    expires_in: int
    interval: float
    status: str = "pending"  # pending | approved | denied | used
    username: str | None = None
    last_poll: float | None = None

    def expired(self, now: float) -> bool:
        return now >= self.created_at + self.expires_in


@dataclass
class AuthCode:
    code: str
    client_id: str
    redirect_uri: str
    username: str
    created_at: float
    used: bool = False


@dataclass
class Counters:
    total: int = 0
    by_route: dict[str, int] = field(default_factory=dict)

    def count(self, key: str) -> None:
        self.total += 1
        self.by_route[key] = self.by_route.get(key, 0) + 1

    def reset(self) -> None:
        self.total = 0
        self.by_route.clear()


class SandboxState:
    """Everything the emulated server knows; one per app."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.lock = threading.RLock()
        self.clock_offset = 0.0
        self.apps: dict[str, App] = {
            BUILTIN_CLIENT_ID: App(BUILTIN_CLIENT_ID, BUILTIN_CLIENT_SECRET, "Sandbox")
        }
        self.users: dict[str, UserState] = {}
        self.tokens: dict[str, AccessToken] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}
        self.device_codes: dict[str, DeviceCode] = {}
        self.auth_codes: dict[str, AuthCode] = {}
        self.counters = Counters()
        self.faults = FaultInjector(config.fault_rules)
        self.limiter = RateLimiter()
        self.catalogue = Catalogue(
            real_movies(),
            real_shows(),
            real_people(),
            lambda: synthetic_titles(config.seed, config.synthetic_movies, config.synthetic_shows),
        )
        self._search_index: SearchIndex | None = None
        self._title_index: TitleIndex | None = None
        self._next_id = {"history": HISTORY_ID_BASE, "list_item": 1000, "list": 5000}
        self.ensure_user(DEFAULT_USER)
        if config.auto_approve:
            self.ensure_user(config.auto_approve)

    # -- time and ids -------------------------------------------------------------
    def now(self) -> float:
        return float(self.config.clock()) + self.clock_offset

    def next_id(self, kind: str) -> int:
        """Sequential ids per kind: `history` (64-bit), `list_item`, `list`, ..."""
        value = self._next_id.get(kind, 1) + 1
        self._next_id[kind] = value
        return value

    def search_index(self) -> SearchIndex:
        if self._search_index is None:
            self._search_index = SearchIndex(self.catalogue)
        return self._search_index

    def title_index(self) -> TitleIndex:
        if self._title_index is None:
            self._title_index = TitleIndex(self.catalogue)
        return self._title_index

    # -- users ----------------------------------------------------------------------
    def ensure_user(self, username: str, *, vip: bool = False) -> UserState:
        user = self.users.get(username.lower())
        if user is None:
            user = UserState(
                username=username, trakt_id=1000 + len(self.users), vip=vip, joined_at=JOINED_AT
            )
            self.users[username.lower()] = user
        return user

    def find_user(self, ident: str) -> UserState | None:
        ident = ident.lower()
        if ident in self.users:
            return self.users[ident]
        return next((u for u in self.users.values() if u.slug == ident), None)

    # -- tokens ---------------------------------------------------------------------
    def issue_token(self, username: str, client_id: str) -> AccessToken:
        access = AccessToken(
            token=secrets.token_hex(32),
            refresh_token=secrets.token_hex(32),
            username=username,
            client_id=client_id,
            created_at=int(self.now()),
            expires_in=int(self.config.token_ttl),
        )
        self.tokens[access.token] = access
        self.refresh_tokens[access.refresh_token] = RefreshToken(
            access.refresh_token, access.token, username, client_id
        )
        return access

    def token_response(self, access: AccessToken) -> dict[str, object]:
        return {
            "access_token": access.token,
            "token_type": "bearer",
            "expires_in": access.expires_in,
            "refresh_token": access.refresh_token,
            "scope": "public",
            "created_at": access.created_at,
        }

    def expire_tokens(self, username: str) -> int:
        count = 0
        for access in self.tokens.values():
            if access.username.lower() == username.lower() and access.valid(self.now()):
                access.expired_by_control = True
                count += 1
        return count

    # -- device codes -----------------------------------------------------------------
    def new_device_code(self, client_id: str) -> DeviceCode:
        while True:
            user_code = "".join(secrets.choice(USER_CODE_ALPHABET) for _ in range(8))
            if all(d.user_code != user_code for d in self.device_codes.values()):
                break
        code = DeviceCode(
            device_code=secrets.token_hex(32),
            user_code=user_code,
            client_id=client_id,
            created_at=self.now(),
            expires_in=int(self.config.device_code_ttl),
            interval=float(self.config.device_interval),
        )
        self.device_codes[code.device_code] = code
        return code

    def device_by_user_code(self, user_code: str) -> DeviceCode | None:
        wanted = user_code.strip().upper().replace("-", "")
        return next((d for d in self.device_codes.values() if d.user_code == wanted), None)

    def new_auth_code(self, client_id: str, redirect_uri: str, username: str) -> AuthCode:
        code = AuthCode(secrets.token_hex(16), client_id, redirect_uri, username, self.now())
        self.auth_codes[code.code] = code
        return code
