"""Errors of the auth layer (all TraktError subclasses, one-line messages, no secrets)."""

from __future__ import annotations

from typing import Any

from traktkit.http.errors import NotAuthenticated, TraktError


class AuthError(TraktError):
    """Base of the auth layer's errors about the login itself (CLI exit code 4)."""


class RefreshRejected(NotAuthenticated, AuthError):
    """Trakt refused the refresh token (400/401 invalid_grant): the user must log in again."""

    def __init__(self, message: str | None = None, **kw: Any) -> None:
        super().__init__(
            message
            or "Trakt rejected the refresh token (it was used, revoked or expired): "
            "re-authorize with `trakt login`",
            **kw,
        )


class CodeRejected(NotAuthenticated, AuthError):
    """Trakt refused an authorization code in the code flow."""


class DeviceFlowError(AuthError):
    """The device login ended without a token."""


class DeviceCodeInvalid(DeviceFlowError):
    def __init__(self) -> None:
        super().__init__(
            "Trakt does not know this device code (404): run `trakt login` again", status=404
        )


class DeviceCodeAlreadyUsed(DeviceFlowError):
    def __init__(self) -> None:
        super().__init__(
            "this device code was already used (409): run `trakt login` again", status=409
        )


class DeviceCodeExpired(DeviceFlowError):
    def __init__(self, status: int | None = 410) -> None:
        super().__init__(
            "the device code expired before it was approved: run `trakt login` again "
            "and enter the code sooner",
            status=status,
        )


class DeviceCodeDenied(DeviceFlowError):
    def __init__(self) -> None:
        super().__init__("the authorization was denied on trakt.tv (418)", status=418)


class TokenStoreError(AuthError):
    """The token store could not be read or written."""


class LockTimeout(TraktError):
    """Another traktkit process held the token lock for too long (not an AuthError)."""
