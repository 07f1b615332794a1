"""Configuration: environment variables and the traktkit home folder.

| variable | meaning |
|---|---|
| TRAKT_CLIENT_ID, TRAKT_CLIENT_SECRET | the user's Trakt API app |
| TRAKT_ACCESS_TOKEN, TRAKT_REFRESH_TOKEN | optional; win over the stored token |
| TRAKT_API_URL | API base (default https://api.trakt.tv) |
| TRAKT_AUTH_URL | OAuth base (default: same as TRAKT_API_URL) |
| TRAKTKIT_HOME | one folder for config, token and mirror |
| TRAKTKIT_TOKEN_STORE | auto (default), keyring or file |
| TRAKTKIT_MIRROR_MAX_AGE | seconds a synced mirror answers list commands (default 600; 0: never) |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

DEFAULT_API_URL = "https://api.trakt.tv"
SANDBOX_CLIENT_ID = "sandbox-client-id"
SANDBOX_CLIENT_SECRET = "sandbox-client-secret"

TokenStoreKind = Literal["auto", "keyring", "file"]


class ConfigError(ValueError):
    """Configuration is missing or invalid (exit code 2 in the CLI)."""


def _default_home() -> Path:
    import platformdirs  # imported lazily: the CLI must start fast

    return Path(platformdirs.user_data_dir("traktkit", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Everything traktkit reads from the environment, resolved once."""

    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    auth_url: str | None = None
    home: Path = field(default_factory=_default_home)
    access_token: str | None = field(default=None, repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    token_store: TokenStoreKind = "auto"
    mirror_max_age: float = 600.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        e = os.environ if env is None else env

        def get(name: str) -> str | None:
            value = e.get(name, "").strip()
            return value or None

        store = (get("TRAKTKIT_TOKEN_STORE") or "auto").lower()
        if store not in ("auto", "keyring", "file"):
            raise ConfigError(f"TRAKTKIT_TOKEN_STORE must be auto, keyring or file, not {store!r}")
        home_value = get("TRAKTKIT_HOME")
        api_url = (get("TRAKT_API_URL") or DEFAULT_API_URL).rstrip("/")
        if not api_url.startswith(("http://", "https://")):
            raise ConfigError(f"TRAKT_API_URL must be an http(s) URL, not {api_url!r}")
        auth_url = get("TRAKT_AUTH_URL")
        max_age_text = get("TRAKTKIT_MIRROR_MAX_AGE") or "600"
        try:
            max_age = float(max_age_text)
        except ValueError:
            max_age = -1.0
        if not max_age >= 0:
            raise ConfigError(f"TRAKTKIT_MIRROR_MAX_AGE must be seconds >= 0, not {max_age_text!r}")
        return cls(
            client_id=get("TRAKT_CLIENT_ID"),
            client_secret=get("TRAKT_CLIENT_SECRET"),
            api_url=api_url,
            auth_url=auth_url.rstrip("/") if auth_url else None,
            home=Path(home_value).expanduser() if home_value else _default_home(),
            access_token=get("TRAKT_ACCESS_TOKEN"),
            refresh_token=get("TRAKT_REFRESH_TOKEN"),
            token_store=store,  # type: ignore[arg-type]
            mirror_max_age=max_age,
        )

    @property
    def oauth_url(self) -> str:
        """Base URL of the OAuth endpoints (/oauth/...)."""
        return self.auth_url or self.api_url

    def require_app(self) -> tuple[str, str]:
        """The app credentials, or a ConfigError naming what is missing."""
        missing = [
            name
            for name, value in (
                ("TRAKT_CLIENT_ID", self.client_id),
                ("TRAKT_CLIENT_SECRET", self.client_secret),
            )
            if not value
        ]
        if missing:
            raise ConfigError(
                f"{' and '.join(missing)} not set: create an API app on trakt.tv "
                "(see README) and export its credentials"
            )
        assert self.client_id is not None and self.client_secret is not None
        return self.client_id, self.client_secret

    @property
    def token_path(self) -> Path:
        return self.home / "token.json"

    @property
    def lock_path(self) -> Path:
        return self.home / "token.lock"

    @property
    def mirror_path(self) -> Path:
        return self.home / "mirror.sqlite3"
