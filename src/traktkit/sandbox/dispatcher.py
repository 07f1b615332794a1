"""The generic dispatcher: one code path for every API route.

For each request, in order:

1. match the path against the route table and count the request under its template
   (`GET /movies/{id}`, or `GET unmatched`), whatever happens next;
2. Cloudflare emulation: no `User-Agent` -> 403 HTML (`server: cloudflare`, `cf-ray`);
3. fault injection (`/_sandbox/faults`): optional delay, then the injected status (a
   rule with `after` skips this step and applies at step 10 instead);
4. 404 (no route) / 405 (route exists for another method);
5. API headers (skipped by `/oauth/*`): missing/unknown `trakt-api-key` -> 403 JSON;
   `trakt-api-version` missing or not `2` -> 400 JSON (`invalid_api_version`);
6. a body whose Content-Type is not `application/json` -> 412; unparsable JSON -> 400;
7. OAuth: `Authorization: Bearer` checked on `optional`/`required` routes (unknown,
   expired, revoked or other-app token -> 401; `required` without token -> 401; a locked
   user -> 423);
8. rate limits (token buckets per user / per client_id, see `ratelimit`);
9. the handler (synchronous, under the state lock), then pagination and JSON encoding;
10. an `after` fault: the request above was handled (state changes applied, whatever
   its answer), then the optional delay, then the injected status replaces the answer
   (status 0: the real answer, late) -- "applied, but the client saw a 5xx / timed out".

Both fault placements run through `_fault` (delay, then the status or nothing).
"""

from __future__ import annotations

import json
import logging
import math
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from traktkit.sandbox import pagination
from traktkit.sandbox.config import FaultRule
from traktkit.sandbox.errors import (
    ApiError,
    cloudflare_blocked_html,
    cloudflare_error_html,
    cloudflare_headers,
)
from traktkit.sandbox.pagination import PageSpec
from traktkit.sandbox.ratelimit import AUTHED_GET, AUTHED_POST, UNAUTHED_GET
from traktkit.sandbox.routing import Ctx, Listing, Match, Reply, Router, RouteSpec
from traktkit.sandbox.state import SandboxState

log = logging.getLogger("traktkit.sandbox")
WRITE_METHODS = frozenset({"POST", "PUT", "DELETE", "PATCH"})


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(body, status, headers, media_type="application/json")


def error_response(error: ApiError) -> Response:
    if error.empty:
        return Response(b"", error.status, error.headers)
    return json_response(error.payload(), error.status, error.headers)


def fault_response(rule: FaultRule) -> Response:
    headers: dict[str, str] = {}
    if rule.retry_after is not None or rule.status == 429:
        headers["Retry-After"] = str(max(1, math.ceil(rule.retry_after or 1)))
    html = rule.html if rule.html is not None else rule.status >= 520
    if html:
        headers.update(cloudflare_headers())
        return HTMLResponse(cloudflare_error_html(rule.status), rule.status, headers)
    return error_response(ApiError(rule.status, headers=headers))


async def _fault(rule: FaultRule) -> Response | None:
    """Apply a fired rule: its delay, then its status (None: status 0, answer normally)."""
    if rule.delay > 0:
        await anyio.sleep(rule.delay)
    return fault_response(rule) if rule.status else None


class Dispatcher:
    def __init__(self, state: SandboxState, router: Router) -> None:
        self.state = state
        self.router = router

    async def handle(self, request: Request) -> Response:
        state = self.state
        method = request.method.upper()
        match = self.router.match(method, request.url.path)
        key = f"{method} {match.spec.path}" if match.spec else f"{method} unmatched"
        with state.lock:
            state.counters.count(key)
            rule = state.faults.take(key)
            block = state.config.require_user_agent and not request.headers.get("user-agent")
        if block:
            html = cloudflare_blocked_html()
            return HTMLResponse(html, 403, cloudflare_headers())
        if rule is not None and not rule.after:
            injected = await _fault(rule)
            if injected is not None:
                return injected
        response = await self._respond(request, match, key)
        if rule is not None and rule.after:
            injected = await _fault(rule)
            if injected is not None:
                return injected
        return response

    async def _respond(self, request: Request, match: Match, key: str) -> Response:
        """The real answer: read the body, then handle it under the state lock."""
        body = await request.body()
        try:
            with self.state.lock:
                return self._dispatch(request, match, body)
        except ApiError as error:
            return error_response(error)
        except Exception:  # a bug in a handler: answer like a server would
            log.exception("sandbox handler failed for %s", key)
            return error_response(ApiError(500))

    # -- the synchronous part, under the state lock ------------------------------------
    def _dispatch(self, request: Request, match: Match, raw: bytes) -> Response:
        spec = match.spec
        if spec is None:
            if match.allowed:
                raise ApiError(405, headers={"Allow": ", ".join(match.allowed)})
            raise ApiError(404, "not_found", "No such API route.")
        headers = request.headers
        client_id: str | None = None
        if spec.api_headers:
            client_id = self._check_api_headers(request)
        body = _parse_body(headers.get("content-type", ""), raw)
        ctx = Ctx(
            state=self.state,
            method=spec.method,
            path=request.url.path,
            params=match.params,
            query=request.query_params,
            headers=headers,
            body=body,
            base_url=f"{request.url.scheme}://{request.url.netloc}",
            client_id=client_id,
        )
        self._authenticate(ctx, spec)
        if spec.rate_limited:
            self._rate_limit(ctx)
        window: pagination.PageWindow | None = None
        if spec.page is not None:  # validate page/limit before the handler runs
            profile = self.state.config.pagination_profile
            window = pagination.resolve(spec.page, ctx.query, profile)
        result = spec.handler(ctx)
        page_spec = spec.page
        if isinstance(result, Listing) and result.page is not None:
            page_spec = result.page
            window = pagination.resolve(page_spec, ctx.query, self.state.config.pagination_profile)
        return self._render(page_spec, window, result)

    def _check_api_headers(self, request: Request) -> str:
        key = request.headers.get("trakt-api-key")
        if not key or key not in self.state.apps:
            raise ApiError(403, "invalid_api_key", "Invalid API key or unapproved app.")
        version = request.headers.get("trakt-api-version")
        if version is None or version.strip() != "2":
            raise ApiError(400, "invalid_api_version", "Send the trakt-api-version: 2 header.")
        return key

    def _authenticate(self, ctx: Ctx, spec: RouteSpec) -> None:
        state = self.state
        raw = ctx.headers.get("authorization", "")
        scheme, _, value = raw.partition(" ")
        token_text = value.strip() if scheme.lower() == "bearer" else ""
        access = state.tokens.get(token_text) if token_text else None
        usable = access is not None and access.valid(state.now())
        if access is not None and ctx.client_id and access.client_id != ctx.client_id:
            usable = False
        if spec.auth == "none":
            if usable and access is not None:  # only decides the rate-limit bucket
                ctx.token, ctx.user = access, state.find_user(access.username)
            return
        if raw and not usable:
            raise ApiError(401, "invalid_token", "The access token is invalid, expired or revoked.")
        if access is None or not usable:
            if spec.auth == "required":
                raise ApiError(401, "unauthorized", "OAuth is required for this route.")
            return
        user = state.find_user(access.username)
        if user is None:
            raise ApiError(401, "invalid_token", "The token's user no longer exists.")
        if user.locked:
            raise ApiError(
                423,
                "locked_user_account",
                "This account is locked.",
                headers={"X-Account-Locked": "true", "X-Account-Deactivated": "false"},
            )
        ctx.token, ctx.user = access, user

    def _rate_limit(self, ctx: Ctx) -> None:
        cfg = self.state.config
        now = self.state.now()
        limiter = self.state.limiter
        subject = f"user:{ctx.user.username}" if ctx.user else f"client:{ctx.client_id}"
        if ctx.method in WRITE_METHODS:
            if cfg.write_interval > 0:
                limiter.check(AUTHED_POST, subject, 1, cfg.write_interval, now)
        elif ctx.user is not None:
            limiter.check(AUTHED_GET, subject, cfg.get_limit, cfg.get_period, now)
        else:
            limiter.check(UNAUTHED_GET, subject, cfg.unauthed_get_limit, cfg.get_period, now)

    def _render(
        self, page_spec: PageSpec | None, window: pagination.PageWindow | None, result: Any
    ) -> Response:
        if isinstance(result, Reply):
            if result.html is not None:
                return HTMLResponse(result.html, result.status, result.headers)
            if result.empty or result.status == 204:
                return Response(b"", result.status, result.headers)
            return json_response(result.data, result.status, result.headers)
        if isinstance(result, list):
            result = Listing(result)
        if isinstance(result, Listing):
            items = result.items
            headers = dict(result.headers)
            if page_spec is not None:
                items, page_headers = pagination.slice_page(items, window, page_spec)
                headers.update(page_headers)
            render = result.render
            data = [render(item) for item in items] if render else list(items)
            return json_response(data, result.status, headers)
        return json_response(result)


def _parse_body(content_type: str, raw: bytes) -> Any:
    if not raw.strip():
        return None
    media = content_type.split(";", 1)[0].strip().lower()
    if media != "application/json":
        raise ApiError(412, "precondition_failed", "Send bodies as Content-Type: application/json.")
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "The request body is not valid JSON.") from None
