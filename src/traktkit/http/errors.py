"""The TraktError hierarchy, and building the right error from a response.

Every message is one human line. Messages never contain a token: they are built from the
status, the method and path, and the server's own error text (which is collapsed to one
line, truncated and scrubbed of any secret the client knows about). Request bodies and
request headers are never used.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from typing import Any

from traktkit.http.headers import (
    RateLimitInfo,
    header_bool,
    header_int,
    parse_ratelimit,
    parse_retry_after,
)

_MAX_DETAIL = 200
_SPACES = re.compile(r"\s+")


class TraktError(Exception):
    """Base class of every error raised by traktkit's transport and auth layers."""

    status: int | None = None

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        method: str | None = None,
        path: str | None = None,
        error: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.method = method
        self.path = path
        self.error = error  # the server's error slug, e.g. "invalid_grant"
        self.headers: Mapping[str, str] = dict(headers or {})

    def __str__(self) -> str:
        return self.message


class NetworkError(TraktError):
    """No usable HTTP response: connection failure, timeout, protocol error."""

    def __init__(
        self, message: str, *, timeout: bool = False, maybe_applied: bool = False, **kw: Any
    ) -> None:
        super().__init__(message, **kw)
        self.timeout = timeout
        # True when a write may have reached Trakt: check before re-sending it.
        self.maybe_applied = maybe_applied


class NotAuthenticated(TraktError):
    """No usable token: not logged in, or the login can no longer be refreshed."""


class BadRequest(TraktError):
    status = 400


class Unauthorized(TraktError):
    status = 401

    def __init__(self, message: str, *, private_user: bool = False, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.private_user = private_user


class Forbidden(TraktError):
    status = 403

    def __init__(self, message: str, *, cloudflare: bool = False, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.cloudflare = cloudflare


class NotFound(TraktError):
    status = 404


class Conflict(TraktError):
    status = 409

    def __init__(self, message: str, *, body: Any = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.body = body


class PreconditionFailed(TraktError):
    status = 412


class AccountLimitExceeded(TraktError):
    status = 420

    def __init__(
        self,
        message: str,
        *,
        limit: int | None = None,
        upgrade_url: str | None = None,
        vip: bool | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(message, **kw)
        self.limit = limit
        self.upgrade_url = upgrade_url
        self.vip = vip


class ValidationFailed(TraktError):
    status = 422


class AccountLocked(TraktError):
    status = 423

    def __init__(
        self,
        message: str,
        *,
        locked: bool | None = None,
        deactivated: bool | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(message, **kw)
        self.locked = locked
        self.deactivated = deactivated


class VipRequired(TraktError):
    status = 426

    def __init__(self, message: str, *, upgrade_url: str | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.upgrade_url = upgrade_url


class RateLimited(TraktError):
    status = 429

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        ratelimit: RateLimitInfo | None = None,
        **kw: Any,
    ) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after
        self.ratelimit = ratelimit


class ServerError(TraktError):
    """5xx. ``maybe_applied`` is True for a write that the server may have applied."""

    def __init__(self, message: str, *, maybe_applied: bool = False, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.maybe_applied = maybe_applied


class CloudflareError(ServerError):
    """520/521/522: Cloudflare could not reach Trakt's servers (transient)."""


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """Replace every known secret (tokens, codes) in ``text`` by ``[redacted]``."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "[redacted]")
    return text


def one_line(text: str, limit: int = _MAX_DETAIL) -> str:
    collapsed = _SPACES.sub(" ", text).strip()
    if len(collapsed) > limit:
        collapsed = collapsed[: limit - 1].rstrip() + "…"
    return collapsed


def _server_detail(body: Any) -> tuple[str | None, str | None]:
    """(error slug, human description) from a JSON error body, if any."""
    if not isinstance(body, dict):
        return None, None
    slug = body.get("error")
    slug = slug if isinstance(slug, str) and slug else None
    for key in ("error_description", "message", "errors"):
        value = body.get(key)
        if isinstance(value, str) and value.strip():
            return slug, value
        if isinstance(value, dict | list) and value:
            return slug, str(value)
    return slug, slug


def _looks_like_cloudflare(headers: Mapping[str, str], body: Any) -> bool:
    if isinstance(body, dict | list):
        return False
    content_type = headers.get("content-type", "").lower()
    server = headers.get("server", "").lower()
    text = body.lower() if isinstance(body, str) else ""
    return (
        "html" in content_type
        or server == "cloudflare"
        or "cf-ray" in headers
        or "<html" in text
        or "cloudflare" in text
    )


def error_from_response(
    status: int,
    headers: Mapping[str, str],
    body: Any,
    *,
    method: str,
    path: str,
    secrets: Iterable[str | None] = (),
    idempotent: bool = True,
    wall_now: float | None = None,
) -> TraktError:
    """Build the exception for an error response.

    ``body`` is the parsed JSON, the text of a non-JSON body, or None. ``path`` should be the
    request path without the host. ``secrets`` are scrubbed from the server's text.
    """
    secret_list = list(secrets)
    slug, detail = _server_detail(body)
    detail = one_line(redact(detail, secret_list)) if detail else None
    where = f"{method} {path}"
    suffix = f": {detail}" if detail else ""
    common: dict[str, Any] = {
        "status": status,
        "method": method,
        "path": path,
        "error": slug,
        "headers": headers,
    }

    if status == 400:
        return BadRequest(f"Trakt rejected {where} as a bad request (400){suffix}", **common)
    if status == 401:
        private = header_bool(headers, "x-private-user") is True
        if private:
            msg = f"{where}: this Trakt user is private and you are not an approved follower (401)"
        else:
            msg = (
                f"Trakt rejected the access token on {where} (401){suffix}; "
                "run `trakt login` to sign in again"
            )
        return Unauthorized(msg, private_user=private, **common)
    if status == 403:
        if _looks_like_cloudflare(headers, body):
            return Forbidden(
                f"Trakt's Cloudflare firewall blocked {where} (403 HTML page): check that "
                "a User-Agent is sent and that your API app (TRAKT_CLIENT_ID) is valid",
                cloudflare=True,
                **common,
            )
        return Forbidden(
            f"Trakt refused {where} (403){suffix}: check that TRAKT_CLIENT_ID is a valid, "
            "approved API app",
            **common,
        )
    if status == 404:
        return NotFound(f"not found on Trakt: {where} (404)", **common)
    if status == 409:
        return Conflict(f"Trakt reported a conflict on {where} (409){suffix}", body=body, **common)
    if status == 412:
        return PreconditionFailed(
            f"Trakt precondition failed on {where} (412): requests must use "
            "Content-Type: application/json",
            **common,
        )
    if status == 420:
        limit = header_int(headers, "x-account-limit")
        upgrade = headers.get("x-upgrade-url") or None
        vip = header_bool(headers, "x-vip-user")
        what = f" of {limit} items" if limit is not None else ""
        if vip is True:
            hint = "you are already VIP: remove items to make room"
        else:
            hint = f"Trakt VIP raises it: {upgrade}" if upgrade else "Trakt VIP raises it"
        return AccountLimitExceeded(
            f"Trakt account limit{what} reached on {where} (420); {hint}",
            limit=limit,
            upgrade_url=upgrade,
            vip=vip,
            **common,
        )
    if status == 422:
        return ValidationFailed(f"Trakt could not validate {where} (422){suffix}", **common)
    if status == 423:
        locked = header_bool(headers, "x-account-locked")
        deactivated = header_bool(headers, "x-account-deactivated")
        state = "deactivated" if deactivated else "locked"
        return AccountLocked(
            f"your Trakt account is {state} (423): the API is suspended for it; "
            "contact Trakt support",
            locked=locked,
            deactivated=deactivated,
            **common,
        )
    if status == 426:
        upgrade = headers.get("x-upgrade-url") or None
        where_to = f": {upgrade}" if upgrade else ""
        return VipRequired(
            f"{where} needs a Trakt VIP account (426){where_to}", upgrade_url=upgrade, **common
        )
    if status == 429:
        now = time.time() if wall_now is None else wall_now
        retry_after = parse_retry_after(headers, now)
        after = f"; retry after {retry_after:g} s" if retry_after is not None else ""
        return RateLimited(
            f"rate limited by Trakt on {where} (429){after}",
            retry_after=retry_after,
            ratelimit=parse_ratelimit(headers),
            **common,
        )
    if status in (520, 521, 522):
        return CloudflareError(
            f"Trakt is unreachable behind Cloudflare ({status}) on {where}; try again later"
            + ("" if idempotent else "; the write may or may not have been applied"),
            maybe_applied=not idempotent,
            **common,
        )
    if 500 <= status < 600:
        return ServerError(
            f"Trakt server error ({status}) on {where}; try again later"
            + ("" if idempotent else "; the write may or may not have been applied"),
            maybe_applied=not idempotent,
            **common,
        )
    return TraktError(f"unexpected response from Trakt: {where} ({status}){suffix}", **common)
