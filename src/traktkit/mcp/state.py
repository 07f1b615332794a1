"""What the MCP server keeps between tool calls: the settings, one shared `Trakt` client
(so writes stay paced across calls, and its `local` mirror link stays open), the pending
device login. Nothing here does I/O until a tool asks for it."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from traktkit.auth.oauth import DeviceCode
from traktkit.client import Trakt
from traktkit.config import Settings
from traktkit.mirror import Mirror

__all__ = [
    "MAX_RETRY_AFTER",
    "PendingLogin",
    "ServerState",
    "TraktFactory",
    "default_trakt",
]

logger = logging.getLogger("traktkit.mcp")

TraktFactory = Callable[[Settings], Trakt]

MAX_RETRY_AFTER = 30.0
"""A tool waits out a 429 only up to this many seconds; longer waits are reported to the
model (with the time to wait) instead of blocking the call for minutes."""


def _log_wait(seconds: float, reason: str) -> None:
    logger.info("%s: waiting %.1f s", reason, seconds)


def default_trakt(settings: Settings) -> Trakt:
    """The client the server uses: Trakt's real limits, short 429 waits, waits logged."""
    return Trakt(settings, on_wait=_log_wait, http_options={"max_retry_after": MAX_RETRY_AFTER})


@dataclass(frozen=True)
class PendingLogin:
    """A device code waiting for the user; `device_code` never leaves the process."""

    code: DeviceCode
    deadline: float  # time.monotonic() when the code expires
    expires_at: float  # epoch seconds, for messages


class ServerState:
    """Shared by every tool of one server. Thread-safe: sync tools run on worker threads."""

    def __init__(
        self,
        settings: Settings | None = None,
        trakt_factory: TraktFactory | None = None,
    ) -> None:
        self._settings = settings
        self._factory = trakt_factory or default_trakt
        self._trakt: Trakt | None = None
        self._lock = threading.RLock()
        self.login_lock = threading.Lock()
        self.pending: PendingLogin | None = None

    # -- configuration and client ----------------------------------------------------------

    def settings(self) -> Settings:
        """The settings given to `build_server`, else the environment's (ConfigError)."""
        with self._lock:
            if self._settings is None:
                self._settings = Settings.from_env()
            return self._settings

    def trakt(self) -> Trakt:
        """The shared client (built on first use; sends nothing by itself)."""
        with self._lock:
            if self._trakt is None:
                self._trakt = self._factory(self.settings())
            return self._trakt

    def reset_trakt(self) -> None:
        """Forget the client (after a login, so the new token is read from the store)."""
        with self._lock:
            old, self._trakt = self._trakt, None
        if old is not None:
            old.close()

    def close(self) -> None:
        self.reset_trakt()

    def secrets(self) -> list[str]:
        """Every secret this process knows, to scrub from messages (defence in depth)."""
        found: list[str | None] = []
        settings = self._settings
        if settings is not None:
            found += [settings.access_token, settings.refresh_token, settings.client_secret]
        pending = self.pending
        if pending is not None:
            found.append(pending.code.device_code)
        client = self._trakt
        if client is not None:
            try:
                token = client.auth.current_token()
            except Exception:  # an unreadable store: nothing more to scrub
                token = None
            if token is not None:
                found += [token.access_token, token.refresh_token]
        return [s for s in found if s]

    # -- the local mirror ------------------------------------------------------------------

    def synced_mirror(self) -> Mirror | None:
        """The mirror under TRAKTKIT_HOME when a sync completed at least once, else None
        (never created here). The caller closes it."""
        path = self.settings().mirror_path
        if not path.exists():
            return None
        mirror = Mirror(path)
        try:
            synced = mirror.last_sync_at() is not None
        except BaseException:
            mirror.close()
            raise
        if not synced:
            mirror.close()
            return None
        return mirror

    # -- device login ----------------------------------------------------------------------

    def start_login(self, code: DeviceCode) -> PendingLogin:
        pending = PendingLogin(
            code=code,
            deadline=time.monotonic() + max(0, code.expires_in),
            expires_at=time.time() + max(0, code.expires_in),
        )
        with self._lock:
            self.pending = pending
        return pending

    def end_login(self, pending: PendingLogin) -> None:
        with self._lock:
            if self.pending is pending:
                self.pending = None
