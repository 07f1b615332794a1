"""OAuth routes (REFERENCE §2): device flow, authorization-code flow, refresh, revoke.

They take the app credentials in the JSON body, need no `trakt-api-key` header and are
not rate limited (device polling has its own 429 "slow down").

Decisions where the reference is silent:
* errors other than the empty 400 "pending" carry a JSON `{error, error_description}`;
  bad app credentials answer 401 `invalid_client`;
* a refresh rotates both tokens; the old refresh token is dead (400 `invalid_grant`),
  the old access token stays valid until its own expiry unless the config sets
  `revoke_access_on_refresh`;
* revoking an access token also revokes its refresh token (and vice versa); revoking an
  unknown token answers 200 `{}` (RFC 7009);
* `GET /oauth/authorize` approves at once for `username` (query parameter, sandbox only),
  else the auto-approve user, else `demo`; authorization codes live 10 minutes.
"""

from __future__ import annotations

import html
import math
from typing import Any
from urllib.parse import urlencode

from traktkit.sandbox.config import DEFAULT_USER, OOB_REDIRECT_URI
from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.routing import Ctx, Reply, route
from traktkit.sandbox.state import App, SandboxState

AUTH_CODE_TTL = 600
INVALID_GRANT = (
    "The provided authorization grant is invalid, expired, revoked, does not match the "
    "redirection URI used in the authorization request, or was issued to another client."
)


def _client(state: SandboxState, body: dict[str, Any], *, secret: bool = True) -> App:
    client_id = body.get("client_id")
    app = state.apps.get(client_id) if isinstance(client_id, str) else None
    if app is None or (secret and body.get("client_secret") != app.client_secret):
        raise ApiError(401, "invalid_client", "Client authentication failed (unknown client).")
    return app


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


@route("POST", "/oauth/device/code", api_headers=False, rate_limited=False)
def device_code(ctx: Ctx) -> Any:
    app = _client(ctx.state, ctx.body_dict(), secret=False)
    code = ctx.state.new_device_code(app.client_id)
    return {
        "device_code": code.device_code,
        "user_code": code.user_code,
        "verification_url": f"{ctx.base_url}/activate",
        "expires_in": code.expires_in,
        "interval": _number(code.interval),
    }


@route("POST", "/oauth/device/token", api_headers=False, rate_limited=False)
def device_token(ctx: Ctx) -> Any:
    state = ctx.state
    body = ctx.body_dict()
    app = _client(state, body)
    code = state.device_codes.get(str(body.get("code", "")))
    if code is None or code.client_id != app.client_id:
        raise ApiError(404, "invalid_device_code", "Invalid device_code.")
    now = state.now()
    if code.status == "used":
        raise ApiError(409, "already_used", "This device code was already used.")
    if code.expired(now):
        raise ApiError(410, "expired_token", "The device code expired: start again.")
    if code.status == "denied":
        raise ApiError(418, "access_denied", "The user denied this request.")
    last, code.last_poll = code.last_poll, now
    if last is not None and now - last < code.interval:
        wait = str(max(1, math.ceil(code.interval)))
        raise ApiError(
            429,
            "slow_down",
            "Polling too fast: wait `interval` seconds.",
            headers={"Retry-After": wait},
        )
    auto = state.config.auto_approve
    if code.status == "pending" and auto:
        state.ensure_user(auto)
        code.status, code.username = "approved", auto
    if code.status != "approved" or code.username is None:
        raise ApiError(400, empty=True)  # pending: keep polling
    code.status = "used"
    return state.token_response(state.issue_token(code.username, app.client_id))


@route("GET", "/oauth/authorize", api_headers=False, rate_limited=False)
def authorize(ctx: Ctx) -> Any:
    state = ctx.state
    if ctx.q("response_type") != "code":
        raise ApiError(400, "unsupported_response_type", "response_type must be code.")
    app = state.apps.get(ctx.q("client_id") or "")
    if app is None:
        raise ApiError(401, "invalid_client", "Unknown client_id.")
    redirect_uri = ctx.q("redirect_uri") or ""
    if not app.redirect_ok(redirect_uri):
        raise ApiError(400, "invalid_redirect_uri", "redirect_uri does not match the app.")
    username = ctx.q("username") or state.config.auto_approve or DEFAULT_USER
    user = state.ensure_user(username)
    code = state.new_auth_code(app.client_id, redirect_uri, user.username)
    query = {"code": code.code}
    if ctx.q("state") is not None:
        query["state"] = ctx.q("state") or ""
    if redirect_uri != OOB_REDIRECT_URI:
        sep = "&" if "?" in redirect_uri else "?"
        return Reply(status=302, headers={"Location": f"{redirect_uri}{sep}{urlencode(query)}"})
    page = (
        "<!DOCTYPE html>\n<html><head><title>Trakt sandbox: authorization code</title></head>"
        f"<body><h1>Authorized for {html.escape(user.username)}</h1>"
        f"<p>{html.escape(app.name)} can now access your account. Your code:</p>"
        f'<p><code id="code">{code.code}</code></p></body></html>\n'
    )
    return Reply(html=page)


@route("POST", "/oauth/token", api_headers=False, rate_limited=False)
def token(ctx: Ctx) -> Any:
    state = ctx.state
    body = ctx.body_dict()
    grant = body.get("grant_type")
    if grant not in ("authorization_code", "refresh_token"):
        raise ApiError(
            400, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token."
        )
    app = _client(state, body)
    if grant == "authorization_code":
        code = state.auth_codes.get(str(body.get("code", "")))
        if (
            code is None
            or code.used
            or code.client_id != app.client_id
            or code.redirect_uri != body.get("redirect_uri")
            or state.now() - code.created_at > AUTH_CODE_TTL
        ):
            raise ApiError(400, "invalid_grant", INVALID_GRANT)
        code.used = True
        return state.token_response(state.issue_token(code.username, app.client_id))
    refresh = state.refresh_tokens.get(str(body.get("refresh_token", "")))
    if refresh is None or refresh.used or refresh.revoked or refresh.client_id != app.client_id:
        raise ApiError(400, "invalid_grant", INVALID_GRANT)
    refresh.used = True
    if state.config.revoke_access_on_refresh and refresh.access_token in state.tokens:
        state.tokens[refresh.access_token].revoked = True
    return state.token_response(state.issue_token(refresh.username, app.client_id))


@route("POST", "/oauth/revoke", api_headers=False, rate_limited=False)
def revoke(ctx: Ctx) -> Any:
    state = ctx.state
    body = ctx.body_dict()
    app = _client(state, body)
    text = str(body.get("token", ""))
    access = state.tokens.get(text)
    refresh = state.refresh_tokens.get(text)
    if access is None and refresh is not None:
        access = state.tokens.get(refresh.access_token)
    if access is not None and access.client_id == app.client_id:
        access.revoked = True
        if access.refresh_token in state.refresh_tokens:
            state.refresh_tokens[access.refresh_token].revoked = True
    if refresh is not None and refresh.client_id == app.client_id:
        refresh.revoked = True
    return {}
