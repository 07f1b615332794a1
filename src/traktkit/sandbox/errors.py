"""Errors raised by route handlers and the response bodies the sandbox sends for them."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

DEFAULT_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "The request could not be understood (bad parameters or JSON)."),
    401: ("unauthorized", "OAuth must be provided: the access token is missing or invalid."),
    403: ("forbidden", "Invalid API key or unapproved app."),
    404: ("not_found", "The requested record was not found."),
    405: ("method_not_allowed", "This method is not allowed on this route."),
    409: ("conflict", "The resource already exists or is in use."),
    412: ("precondition_failed", "Use application/json as the Content-Type."),
    420: ("account_limit_exceeded", "The account limit was exceeded."),
    422: ("unprocessable_entity", "Validation errors."),
    423: ("locked_user_account", "The user account is locked."),
    426: ("vip_only", "This feature requires a VIP account."),
    429: ("rate_limit_exceeded", "Rate limit exceeded: retry after the Retry-After seconds."),
    500: ("server_error", "Internal server error."),
    502: ("bad_gateway", "Bad gateway: the server is overloaded, try again in 30s."),
    503: ("service_unavailable", "Service unavailable: the server is overloaded."),
    504: ("gateway_timeout", "Gateway timeout: the server is overloaded."),
    520: ("cloudflare_unknown_error", "Web server returned an unknown error."),
    521: ("cloudflare_web_server_down", "Web server is down."),
    522: ("cloudflare_connection_timed_out", "Connection timed out."),
}


class ApiError(Exception):
    """Raised by handlers: becomes a JSON error response (or an empty body)."""

    def __init__(
        self,
        status: int,
        error: str | None = None,
        description: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
        empty: bool = False,
    ) -> None:
        slug, text = DEFAULT_ERRORS.get(status, ("error", "Error."))
        self.status = status
        self.error = error or slug
        self.description = description or text
        self.headers = dict(headers or {})
        self.body = body
        self.empty = empty
        super().__init__(f"{status} {self.error}: {self.description}")

    def payload(self) -> Any:
        if self.body is not None:
            return self.body
        return {"error": self.error, "error_description": self.description}


UPGRADE_URL = "https://trakt.tv/vip"


def account_limit(limit: int, vip: bool, what: str = "watchlist") -> ApiError:
    """420: the change would take the user past an account limit (REFERENCE §6.1, §6.3)."""
    return ApiError(
        420,
        "account_limit_exceeded",
        f"The {what} limit of {limit} items was exceeded.",
        headers={
            "X-Account-Limit": str(limit),
            "X-Upgrade-URL": UPGRADE_URL,
            "X-VIP-User": "true" if vip else "false",
        },
    )


def cf_ray() -> str:
    return f"{secrets.token_hex(8)}-SJC"


def cloudflare_headers() -> dict[str, str]:
    return {"server": "cloudflare", "cf-ray": cf_ray()}


def cloudflare_blocked_html() -> str:
    """The kind of page Cloudflare's WAF returns when a request has no User-Agent."""
    return (
        "<!DOCTYPE html>\n<html><head><title>Attention Required! | Cloudflare</title></head>"
        '<body><div id="cf-wrapper"><h1>Sorry, you have been blocked</h1>'
        "<h2>You are unable to access api.trakt.tv</h2>"
        "<p>This website is using a security service to protect itself from online attacks. "
        "The action you just performed triggered the security solution.</p>"
        f"<p>Cloudflare Ray ID: {cf_ray()}</p></div></body></html>\n"
    )


def cloudflare_error_html(status: int) -> str:
    _, text = DEFAULT_ERRORS.get(status, ("error", "Error."))
    return (
        f"<!DOCTYPE html>\n<html><head><title>api.trakt.tv | {status}: {text}</title></head>"
        f"<body><h1>Error {status}</h1><p>{text}</p><p>Cloudflare Ray ID: {cf_ray()}</p>"
        "</body></html>\n"
    )
