"""The OAuth endpoints (/oauth/*): device flow, code exchange, refresh, revoke.

Every call goes through HttpClient with ``base_url=settings.oauth_url`` and
``auth="none"``: the app credentials travel in the JSON body, never in a header, and the
client scrubs them (and any token) from error messages.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from traktkit.auth.errors import CodeRejected, RefreshRejected
from traktkit.auth.token import Token
from traktkit.config import ConfigError, Settings
from traktkit.http.client import HttpClient
from traktkit.http.errors import TraktError, error_from_response
from traktkit.http.types import Response

OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob"
_TOKEN_PATH = "/oauth/token"


class DeviceCode(BaseModel):
    """POST /oauth/device/code: what to show the user, and what to poll with."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    device_code: str = Field(repr=False, min_length=1)
    user_code: str
    verification_url: str
    expires_in: int
    interval: float = 5.0  # seconds between polls (the sandbox may use fractions)


class DevicePollStatus(StrEnum):
    """A device-token poll that did not return a token (status code in the comment)."""

    PENDING = "pending"  # 400: the user has not acted yet
    INVALID = "invalid"  # 404: unknown device code
    ALREADY_USED = "already_used"  # 409
    EXPIRED = "expired"  # 410
    DENIED = "denied"  # 418
    SLOW_DOWN = "slow_down"  # 429: polling too fast


_POLL_STATUSES = {
    400: DevicePollStatus.PENDING,
    404: DevicePollStatus.INVALID,
    409: DevicePollStatus.ALREADY_USED,
    410: DevicePollStatus.EXPIRED,
    418: DevicePollStatus.DENIED,
    429: DevicePollStatus.SLOW_DOWN,
}


class OAuthClient:
    """Thin typed wrapper over the /oauth endpoints. Does not store anything."""

    def __init__(
        self, http: HttpClient, settings: Settings, *, now: Callable[[], float] = time.time
    ) -> None:
        self._http = http
        self._settings = settings
        self._now = now

    # -- helpers -------------------------------------------------------------------------

    def _client_id(self) -> str:
        if not self._settings.client_id:
            raise ConfigError(
                "TRAKT_CLIENT_ID not set: create an API app on trakt.tv (see README) "
                "and export its credentials"
            )
        return self._settings.client_id

    def _post(self, path: str, body: dict[str, Any], *, retry: bool = True) -> Response:
        return self._http.request(
            "POST",
            path,
            json=body,
            auth="none",
            base_url=self._settings.oauth_url,
            check=False,
            retry=retry,
        )

    def _raise_for(self, response: Response, path: str, body: dict[str, Any]) -> TraktError:
        return error_from_response(
            response.status,
            response.headers,
            response.data,
            method="POST",
            path=path,
            secrets=[v for v in body.values() if isinstance(v, str)],
            idempotent=False,
        )

    def _token(self, response: Response, path: str) -> Token:
        data = response.data
        if isinstance(data, dict) and "created_at" not in data:
            data = {**data, "created_at": int(self._now())}
        try:
            return Token.model_validate(data)
        except ValidationError:
            # Never echo the body: it holds the tokens.
            raise TraktError(
                f"Trakt returned an unexpected token response to POST {path}",
                status=response.status,
                method="POST",
                path=path,
            ) from None

    # -- device flow ---------------------------------------------------------------------

    def device_code(self) -> DeviceCode:
        path = "/oauth/device/code"
        body = {"client_id": self._client_id()}
        response = self._post(path, body)
        if not response.ok:
            raise self._raise_for(response, path, body)
        try:
            return DeviceCode.model_validate(response.data)
        except ValidationError:
            raise TraktError(
                f"Trakt returned an unexpected device code response to POST {path}",
                status=response.status,
                method="POST",
                path=path,
            ) from None

    def poll_device_token(self, device_code: str) -> Token | DevicePollStatus:
        """One poll (no retries): the token, or the documented non-token status."""
        path = "/oauth/device/token"
        client_id, client_secret = self._settings.require_app()
        body = {"code": device_code, "client_id": client_id, "client_secret": client_secret}
        response = self._post(path, body, retry=False)
        if response.status == 200:
            return self._token(response, path)
        status = _POLL_STATUSES.get(response.status)
        if status is None:
            raise self._raise_for(response, path, body)
        return status

    # -- authorization-code flow ----------------------------------------------------------

    def authorize_url(self, state: str, redirect_uri: str = OOB_REDIRECT_URI) -> str:
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self._client_id(),
                "redirect_uri": redirect_uri,
                "state": state,
            }
        )
        return f"{self._settings.oauth_url.rstrip('/')}/oauth/authorize?{query}"

    def exchange_code(self, code: str, redirect_uri: str = OOB_REDIRECT_URI) -> Token:
        return self._grant(
            {"code": code},
            "authorization_code",
            redirect_uri,
            lambda status: CodeRejected(
                "Trakt rejected the authorization code (expired, already used, or for "
                "another redirect URI): start the login again",
                status=status,
                method="POST",
                path=_TOKEN_PATH,
            ),
        )

    # -- refresh / revoke ----------------------------------------------------------------

    def refresh(self, refresh_token: str, redirect_uri: str = OOB_REDIRECT_URI) -> Token:
        """Spend ``refresh_token`` (single-use) for a new pair.

        400/401 (``invalid_grant``) raise RefreshRejected. Retried only where Trakt cannot
        have consumed the refresh token (429, connection errors before sending).
        """
        return self._grant(
            {"refresh_token": refresh_token},
            "refresh_token",
            redirect_uri,
            lambda status: RefreshRejected(status=status, method="POST", path=_TOKEN_PATH),
        )

    def _grant(
        self,
        grant: dict[str, str],
        grant_type: str,
        redirect_uri: str,
        rejected: Callable[[int], TraktError],
    ) -> Token:
        """`POST /oauth/token` with the app's credentials: the token; 400/401 raise
        `rejected(status)`, other failures the mapped `TraktError`."""
        path = _TOKEN_PATH
        client_id, client_secret = self._settings.require_app()
        body = {
            **grant,
            "client_id": client_id,
            "client_secret": client_secret,
            "redirect_uri": redirect_uri,
            "grant_type": grant_type,
        }
        response = self._post(path, body)
        if response.ok:
            return self._token(response, path)
        if response.status in (400, 401):
            raise rejected(response.status)
        raise self._raise_for(response, path, body)

    def revoke(self, access_token: str) -> None:
        path = "/oauth/revoke"
        client_id, client_secret = self._settings.require_app()
        body = {"token": access_token, "client_id": client_id, "client_secret": client_secret}
        response = self._http.request(
            "POST",
            path,
            json=body,
            auth="none",
            base_url=self._settings.oauth_url,
            idempotent=True,  # revoking twice is harmless
            check=False,
        )
        if not response.ok:
            raise self._raise_for(response, path, body)
