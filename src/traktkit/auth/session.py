"""AuthSession: the http layer's TokenSource, plus login/logout/status for the CLI.

Token sources, in order:

1. Environment (``TRAKT_ACCESS_TOKEN`` / ``TRAKT_REFRESH_TOKEN``) wins over the store.
   When Trakt rejects the environment token and a refresh token is set, the refresh
   (which spends the single-use refresh token) yields a pair that is saved to the store,
   tagged with a fingerprint of the environment pair: later runs and other processes
   with the same variables find and use it instead of spending the dead refresh token
   again. A stored login of another origin is never used while environment tokens are set.
2. The stored token (keyring or file), refreshed when ``Token.should_refresh``.

Refresh protocol (single-use refresh tokens, several processes): under the inter-process
lock, reload the store; if the stored pair is not the one we hold/rejected and is fresh,
another process already refreshed: use it. Otherwise spend the stored refresh token, save
the new pair atomically, and only then use it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from traktkit.auth.device import device_login
from traktkit.auth.errors import RefreshRejected
from traktkit.auth.lock import DEFAULT_LOCK_TIMEOUT, FileLock
from traktkit.auth.oauth import OOB_REDIRECT_URI, DeviceCode, OAuthClient
from traktkit.auth.store import TokenStore, open_token_store
from traktkit.auth.token import Token
from traktkit.config import ConfigError, Settings
from traktkit.http.client import HttpClient
from traktkit.http.errors import NotAuthenticated, TraktError, Unauthorized

logger = logging.getLogger("traktkit.auth")

TokenSourceKind = Literal["env", "store", "none"]


@dataclass(frozen=True)
class AuthStatus:
    """What ``trakt whoami`` may show: no secrets."""

    source: TokenSourceKind
    store_name: str
    expires_at: int | None = None  # epoch seconds; None when unknown (raw env token)
    expired: bool | None = None
    refresh_due: bool | None = None
    can_refresh: bool = False
    scope: str | None = None

    @property
    def logged_in(self) -> bool:
        return self.source != "none"


@dataclass(frozen=True)
class LogoutResult:
    revoked: bool  # Trakt confirmed the revocation
    forgotten: bool  # a stored token existed and was deleted
    error: str | None  # why revoking failed (the local token is forgotten anyway)
    store_name: str
    env_active: bool  # TRAKT_ACCESS_TOKEN/TRAKT_REFRESH_TOKEN are still set


def _env_fingerprint(settings: Settings) -> str | None:
    if not (settings.access_token or settings.refresh_token):
        return None
    material = f"{settings.access_token or ''}\0{settings.refresh_token or ''}".encode()
    return hashlib.sha256(material).hexdigest()[:24]


class AuthSession:
    """Implements ``traktkit.http.TokenSource``. Thread-safe; no I/O in the constructor."""

    def __init__(
        self,
        settings: Settings,
        store: TokenStore,
        oauth: OAuthClient,
        *,
        now: Callable[[], float] = time.time,
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        self._settings = settings
        self._store = store
        self._oauth = oauth
        self._now = now
        self._lock_timeout = lock_timeout
        self._env_origin = _env_fingerprint(settings)
        self._cached: Token | None = None
        self._loaded = False
        self._proactive_failed: str | None = None  # don't retry a failed early refresh
        self._mutex = threading.RLock()
        # Called after a login or logout (the facade marks the local mirror stale).
        self.on_account_change: Callable[[], None] | None = None

    @classmethod
    def create(
        cls, settings: Settings, http: HttpClient, *, store: TokenStore | None = None
    ) -> AuthSession:
        """Build the session (opening the configured store) and plug it into ``http``."""
        session = cls(
            settings,
            store if store is not None else open_token_store(settings),
            OAuthClient(http, settings),
        )
        http.set_token_source(session)
        return session

    # -- properties ----------------------------------------------------------------------

    @property
    def store(self) -> TokenStore:
        return self._store

    @property
    def store_name(self) -> str:
        """Where the login is kept, for messages ("file /path/token.json", "OS keyring ...")."""
        return self._store.name

    @property
    def oauth(self) -> OAuthClient:
        return self._oauth

    @property
    def env_active(self) -> bool:
        """True when TRAKT_ACCESS_TOKEN or TRAKT_REFRESH_TOKEN is set (they win)."""
        return self._env_origin is not None

    # -- TokenSource ---------------------------------------------------------------------

    def access_token(self) -> str | None:
        """The token to send: environment first, else the stored one (refreshed when due).

        A failed early refresh keeps using a still-valid token (with a warning) instead of
        failing the command; an expired token that cannot be refreshed raises.
        """
        with self._mutex:
            token = self._current()
            if token is None:
                if self._settings.access_token:
                    return self._settings.access_token
                if self.env_active:  # only TRAKT_REFRESH_TOKEN: exchange it now
                    new = self._refresh_locked(rejected="")
                    return new.access_token if new else None
                return None
            now = self._now()
            if token.should_refresh(now) and token.access_token != self._proactive_failed:
                try:
                    self._refresh_locked(rejected=token.access_token)
                except (TraktError, ConfigError) as exc:
                    if token.expired(now):
                        raise
                    self._proactive_failed = token.access_token
                    minutes = int(token.remaining(now) // 60)
                    logger.warning(
                        "could not refresh the Trakt login (%s); the current token stays "
                        "valid for %d more minutes",
                        exc,
                        minutes,
                    )
                if self._cached is not None and self._cached.access_token == token.access_token:
                    self._proactive_failed = token.access_token  # nothing to refresh with
                token = self._cached
                if token is None:
                    return self._settings.access_token
            if token.expired(self._now()):
                raise NotAuthenticated(
                    f"your Trakt login expired at {_utc(token.expires_at)} and cannot be "
                    "refreshed: run `trakt login`"
                )
            return token.access_token

    def refresh_after_401(self, rejected: str) -> str | None:
        """After a 401 for ``rejected``: a newer token (another process's, or a fresh
        refresh, saved first), or None. Raises RefreshRejected when Trakt refuses the
        refresh token, Unauthorized when a bare TRAKT_ACCESS_TOKEN was rejected."""
        new = self._refresh_locked(rejected=rejected)
        if new is not None and new.access_token != rejected:
            return new.access_token
        if self.env_active and self._cached is None:
            raise Unauthorized(
                "Trakt rejected TRAKT_ACCESS_TOKEN (401) and TRAKT_REFRESH_TOKEN is not set: "
                "export a fresh token, or unset TRAKT_ACCESS_TOKEN and run `trakt login`",
                status=401,
            )
        return None

    # -- refresh under the lock ----------------------------------------------------------

    def _lock(self) -> FileLock:
        return FileLock(self._settings.lock_path, timeout=self._lock_timeout)

    def _load(self) -> Token | None:
        """The stored token usable by this session (env mode: only our own successor)."""
        stored = self._store.load()
        env_mode = self._env_origin is not None
        if stored is not None and env_mode and stored.env_origin != self._env_origin:
            return None
        return stored

    def _current(self) -> Token | None:
        if not self._loaded:
            self._cached = self._load()
            self._loaded = True
        return self._cached

    def _refresh_locked(self, rejected: str) -> Token | None:
        """Make sure the session holds a pair newer than ``rejected``; return it or None.

        None means there is nothing to refresh with (no refresh token, or logged out).
        """
        with self._mutex, self._lock():
            now = self._now()
            stored = self._load()
            self._cached, self._loaded = stored, True
            if (
                stored is not None
                and stored.access_token != rejected
                and not stored.should_refresh(now)
            ):
                logger.debug("another process already refreshed the token; using it")
                return stored
            from_env = stored is None and self.env_active
            refresh_token = stored.refresh_token if stored is not None else None
            if from_env:
                refresh_token = self._settings.refresh_token
            if not refresh_token:
                return None
            try:
                new = self._oauth.refresh(refresh_token)
            except RefreshRejected as exc:
                if from_env:
                    raise RefreshRejected(
                        "Trakt rejected TRAKT_REFRESH_TOKEN (refresh tokens are single-use): "
                        "export a fresh pair, or unset TRAKT_ACCESS_TOKEN/TRAKT_REFRESH_TOKEN "
                        "and run `trakt login`",
                        status=exc.status,
                    ) from None
                raise
            origin = self._env_origin if from_env else (stored.env_origin if stored else None)
            new = new.model_copy(update={"env_origin": origin})
            self._store.save(new)  # persist before use: the old refresh token is now dead
            self._cached = new
            self._proactive_failed = None
            if from_env:
                logger.warning(
                    "refreshed the environment token with TRAKT_REFRESH_TOKEN, which is now "
                    "spent; the new login was saved to %s and is reused while these "
                    "variables stay set",
                    self._store.name,
                )
            return new

    # -- login / logout / status ---------------------------------------------------------

    def _save_login(self, token: Token) -> Token:
        with self._mutex, self._lock():
            self._store.save(token)
            self._cached, self._loaded = token, True
            self._proactive_failed = None
        if self.on_account_change is not None:
            self.on_account_change()
        if self.env_active:
            logger.warning(
                "saved the new login to %s, but TRAKT_ACCESS_TOKEN/TRAKT_REFRESH_TOKEN are "
                "set and take precedence",
                self._store.name,
            )
        return token

    def login_device(
        self,
        on_code: Callable[[DeviceCode], None],
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> Token:
        """Device flow (``on_code`` shows the code); the approved token is saved."""
        return self._save_login(
            device_login(self._oauth, on_code=on_code, sleep=sleep, clock=clock)
        )

    def authorize_url(self, state: str, redirect_uri: str = OOB_REDIRECT_URI) -> str:
        return self._oauth.authorize_url(state, redirect_uri)

    def login_code(self, code: str, redirect_uri: str = OOB_REDIRECT_URI) -> Token:
        """Authorization-code flow: exchange ``code`` and save the token."""
        return self._save_login(self._oauth.exchange_code(code, redirect_uri))

    def logout(self) -> LogoutResult:
        """Revoke the stored token (best effort) and forget it locally in any case."""
        try:
            token = self._store.load()
        except TraktError:
            token = None  # unreadable: nothing to revoke, clear it anyway
        revoked, error = False, None
        if token is not None:
            try:
                self._oauth.revoke(token.access_token)
                revoked = True
            except (TraktError, ConfigError) as exc:
                error = str(exc)
        with self._mutex, self._lock():
            self._store.clear()
            self._cached, self._loaded = None, True
        if self.on_account_change is not None:
            self.on_account_change()
        return LogoutResult(
            revoked=revoked,
            forgotten=token is not None,
            error=error,
            store_name=self._store.name,
            env_active=self.env_active,
        )

    def current_token(self) -> Token | None:
        """The token pair this session uses (None for a raw environment token)."""
        with self._mutex:
            return self._current()

    def status(self) -> AuthStatus:
        with self._mutex:
            token = self._current()
        name = self._store.name
        if token is None:
            if self.env_active:
                return AuthStatus(
                    source="env",
                    store_name=name,
                    can_refresh=self._settings.refresh_token is not None,
                )
            return AuthStatus(source="none", store_name=name)
        now = self._now()
        return AuthStatus(
            source="env" if self.env_active else "store",
            store_name=name,
            expires_at=token.expires_at,
            expired=token.expired(now),
            refresh_due=token.should_refresh(now),
            can_refresh=token.refresh_token is not None,
            scope=token.scope,
        )


def _utc(epoch: int) -> str:
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(epoch))
