"""The `Trakt` facade: one object that owns the HTTP client, the auth session and the
endpoint groups.

    with Trakt.from_env() as trakt:
        me = trakt.users.settings()
        for hit in trakt.search.text("Dune", type="movie"):
            ...
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from types import TracebackType

import httpx2

from traktkit.api.search import SearchApi
from traktkit.api.users import UsersApi
from traktkit.auth.oauth import OAuthClient
from traktkit.auth.session import AuthSession
from traktkit.auth.store import TokenStore, open_token_store
from traktkit.config import ConfigError, Settings
from traktkit.http.client import HttpClient, HttpConfig


class Trakt:
    """A logged-in (or anonymous) Trakt API client. Creating one sends nothing."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx2.BaseTransport | None = None,
        store: TokenStore | None = None,
        sleep: Callable[[float], None] = time.sleep,
        on_wait: Callable[[float, str], None] | None = None,
    ) -> None:
        if not settings.client_id:
            raise ConfigError(
                "TRAKT_CLIENT_ID is not set: create an API app on trakt.tv (see README) "
                "or run `trakt demo` to try traktkit against the built-in sandbox"
            )
        self.settings = settings
        self.http = HttpClient(
            HttpConfig(api_url=settings.api_url, client_id=settings.client_id),
            transport=transport,
            sleep=sleep,
            on_wait=on_wait,
        )
        self.oauth = OAuthClient(self.http, settings)
        self.auth = AuthSession(settings, store or open_token_store(settings), self.oauth)
        self.http.set_token_source(self.auth)
        self.users = UsersApi(self.http)
        self.search = SearchApi(self.http)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **kwargs: object) -> Trakt:
        return cls(Settings.from_env(env), **kwargs)  # type: ignore[arg-type]

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Trakt:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
