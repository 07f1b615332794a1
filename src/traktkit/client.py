"""The `Trakt` facade: one object that owns the HTTP client, the auth session and the
endpoint groups.

    with Trakt.from_env() as trakt:
        me = trakt.users.settings()
        dune = trakt.resolve("Dune", year=2021, type="movie")
        report = trakt.watchlist.add([dune])          # WriteReport: outcomes item by item
        for play in trakt.history.iter(type="movies"):
            ...
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

import httpx2

from traktkit.api.collection import CollectionApi
from traktkit.api.discovery import DiscoverApi
from traktkit.api.favorites import FavoritesApi
from traktkit.api.history import HistoryApi
from traktkit.api.items import ItemRef, ItemSpec, parse_item
from traktkit.api.lists import ListsApi
from traktkit.api.media import ItemInfo, MediaApi
from traktkit.api.ratings import RatingsApi
from traktkit.api.recommendations import RecommendationsApi
from traktkit.api.resolve import ResolvedItem
from traktkit.api.search import SearchApi
from traktkit.api.users import UsersApi
from traktkit.api.watchlist import WatchlistApi
from traktkit.api.writes import SyncWriter
from traktkit.auth.oauth import OAuthClient
from traktkit.auth.session import AuthSession
from traktkit.auth.store import LazyTokenStore, TokenStore
from traktkit.config import ConfigError, Settings
from traktkit.http.client import HttpClient, HttpConfig
from traktkit.http.errors import NotAuthenticated
from traktkit.local import LibraryReader, MirrorLink
from traktkit.mirror import ProgressHook, SyncReport
from traktkit.mirror import sync as sync_library


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
        http_options: Mapping[str, Any] | None = None,
    ) -> None:
        """`http_options` override `HttpConfig` fields (e.g. `timeout`, or a shorter
        `write_interval` against a sandbox configured for it); the defaults are Trakt's
        real limits."""
        if not settings.client_id:
            raise ConfigError(
                "TRAKT_CLIENT_ID is not set: create an API app on trakt.tv (see README) "
                "or run `trakt demo` to try traktkit against the built-in sandbox"
            )
        self.settings = settings
        config = HttpConfig.from_settings(settings, **(http_options or {}))
        self.http = HttpClient(
            config,
            transport=transport,
            sleep=sleep,
            on_wait=on_wait,
        )
        self.oauth = OAuthClient(self.http, settings)
        self.auth = AuthSession(settings, store or LazyTokenStore(settings), self.oauth)
        self.http.set_token_source(self.auth)
        self.users = UsersApi(self.http)
        self.search = SearchApi(self.http)
        self.local = MirrorLink(settings)
        self.auth.on_account_change = self.local.account_changed
        self.writer = SyncWriter(self.http, self.search, sleep=sleep, observer=self.local)
        self.watchlist = WatchlistApi(self.http, self.writer)
        self.history = HistoryApi(self.http, self.writer)
        self.collection = CollectionApi(self.http, self.writer)
        self.ratings = RatingsApi(self.http, self.writer)
        self.discover = DiscoverApi(self.http)
        self.recommendations = RecommendationsApi(self.http, self.writer)
        self.media = MediaApi(self.http, self.writer)
        self.favorites = FavoritesApi(self.http, self.writer)
        self.lists = ListsApi(self.http, self.writer)

    def resolve(self, item: str | ItemRef | ItemSpec, **options: Any) -> ResolvedItem:
        """One object with ids for an ITEM (`"Dune (2021)"`, `"tt0903747"`, ...), or
        ItemNotFound / AmbiguousItem; `options`: type, year, season, episode."""
        return self.search.resolve(item, **options)

    def info(self, item: str | ItemRef | ResolvedItem, **options: Any) -> ItemInfo:
        """Full details (`extended=full`) of a movie, show, season or episode."""
        if isinstance(item, str):
            item = parse_item(item, **options)
        return self.media.info(item)

    def require_login(self, message: str | None = None) -> None:
        """NotAuthenticated now, before any search, when a write could not be sent anyway."""
        if not self.auth.status().logged_in:
            raise NotAuthenticated(
                message or "not logged in to Trakt: run `trakt login` (or set TRAKT_ACCESS_TOKEN)"
            )

    def sync_mirror(
        self, *, full: bool = False, progress: ProgressHook | None = None
    ) -> SyncReport:
        """Bring the local mirror up to date (`trakt sync`): one request when nothing
        changed, only the sections that moved otherwise, everything with `full`."""
        return sync_library(self.http, self.local.open(), full=full, progress=progress)

    def library(self, *, offline: bool = False, live: bool = False) -> LibraryReader:
        """Your lists from the local mirror (`offline`, or when a synced mirror is fresh)
        or else from the API; `live` forces the API."""
        return LibraryReader(self, offline=offline, live=live)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **kwargs: object) -> Trakt:
        return cls(Settings.from_env(env), **kwargs)  # type: ignore[arg-type]

    def close(self) -> None:
        self.local.close()
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
