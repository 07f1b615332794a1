"""Value types of the http layer: configuration, responses, page info, token source."""

from __future__ import annotations

import dataclasses
import platform
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from traktkit._version import __version__
from traktkit.config import ConfigError, Settings

AuthMode = Literal["none", "optional", "required"]

DEFAULT_USER_AGENT = (
    f"traktkit/{__version__} (+https://github.com/traktkit/traktkit; "
    f"python {platform.python_version()})"
)


class TokenSource(Protocol):
    """Where HttpClient gets bearer tokens from (implemented by auth.AuthSession)."""

    def access_token(self) -> str | None:
        """A valid token (refreshed first if near expiry), or None when not logged in."""
        ...

    def refresh_after_401(self, rejected: str) -> str | None:
        """Called once after a 401 for ``rejected``: a new token to replay with, or None."""
        ...


@dataclass(frozen=True)
class HttpConfig:
    api_url: str
    client_id: str
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 30.0
    max_retries: int = 4  # retries after the first attempt
    backoff_base: float = 0.5  # full jitter: uniform(0, min(cap, base * 2**attempt))
    backoff_cap: float = 30.0
    write_interval: float = 1.0
    get_limit: int = 1000
    get_period: float = 300.0
    retry_after_margin: float = 0.5  # added to Retry-After, as trakt-java does
    max_retry_after: float = 900.0  # a longer Retry-After raises RateLimited instead
    # A file whose mtime records the last write's answer, shared by every process of the
    # same user (TRAKTKIT_HOME), so back-to-back `trakt` commands stay 1 write/s apart too.
    write_stamp: Path | None = None

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> HttpConfig:
        """HttpConfig for ``settings``; ConfigError when TRAKT_CLIENT_ID is missing."""
        if not settings.client_id:
            raise ConfigError(
                "TRAKT_CLIENT_ID not set: create an API app on trakt.tv (see README) "
                "and export its credentials"
            )
        config = cls(
            api_url=settings.api_url.rstrip("/"),
            client_id=settings.client_id,
            write_stamp=settings.home / "last-write",
        )
        return dataclasses.replace(config, **overrides) if overrides else config


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]  # case-insensitive (httpx2.Headers)
    data: Any  # parsed JSON; None for an empty body; the text for a non-JSON body

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass(frozen=True)
class PageInfo:
    """Progress of ``HttpClient.paginate``, given to ``on_page`` after each page."""

    page: int
    page_count: int
    item_count: int | None  # X-Pagination-Item-Count: total items, when the server says
    limit: int
