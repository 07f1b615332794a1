"""Test-only control routes, outside the real API's namespace (no api key, not counted).

Every route answers JSON (errors as `{"error", "error_description"}`), except the HTML
`GET /activate`.

* `POST /_sandbox/activate {"user_code", "username"}`: approve a device code for
  `username` (created if needed). 404 unknown code, 410 expired, 409 already decided.
* `POST /_sandbox/deny {"user_code"}`: deny a device code (the next poll gets 418).
* `GET /_sandbox/requests`: `{"total": N, "by_route": {"GET /sync/history": n, ...}}`,
  every API request received (4xx/5xx, 403 Cloudflare blocks and injected faults
  included) by route template; paths matching no route count as `METHOD unmatched`.
* `POST /_sandbox/reset`: zero those counts.
* `GET /_sandbox/faults`: the active fault rules, with `remaining` and `fired`.
* `POST /_sandbox/faults {"rules": [{"route": "GET /users/settings", "status": 503,
  "count": 1, "retry_after": 2, "html": false, "delay": 0.0, "after": false}]}`: replace
  the rules. `route` is a template key or `*`; statuses 429, 500, 502, 503, 504, 520, 521,
  522, or 0 for "delay only, then answer normally"; `count` null or `"*"` = unlimited;
  `html` defaults to true for 52x (Cloudflare pages); `delay` seconds before answering (to
  provoke client timeouts). `after` (boolean, default false): by default the fault
  replaces the handling, so nothing is applied; with `"after": true` the request is
  handled normally first (state changes applied, counted once), then the `delay` runs
  and `status` replaces the real answer (status 0: the real answer, late). This emulates
  "the server applied the write, the client saw a 5xx / timed out" (REFERENCE §5, §13.1):
  `{"route": "POST /sync/history", "status": 503, "after": true}`, or `"status": 0,
  "delay": 2, "after": true` against a client timeout under 2 s. The `--faults` SPEC form
  (`+after`) is in `config.py`.
* `DELETE /_sandbox/faults`: remove every rule.
* `POST /_sandbox/tokens/expire {"username"}`: expire that user's current access tokens
  (API calls then get 401; their refresh tokens still work).
* `GET /_sandbox/config`, `POST /_sandbox/config {"get_limit": 5, "get_period": 60,
  "unauthed_get_limit": 5, "write_interval": 0.1, "token_ttl": 86400,
  "device_interval": 1, "device_code_ttl": 600, "require_user_agent": true,
  "pagination_profile": "classic", "auto_approve": "demo",
  "revoke_access_on_refresh": false, "title_fallback": true}`: read or change runtime
  values (validated; the rate-limit buckets restart). `title_fallback: false` turns off the
  sync matching fallback to title+year / title.
* `POST /_sandbox/clock {"advance": seconds}`: move the sandbox clock forward (token and
  device-code expiry, rate limits).
* `POST /_sandbox/users {"username", "vip"?, "private"?, "locked"?, "name"?, "limits"?,
  "watchlist_sort"?}`: create or update a user; answers its settings. `limits` overrides
  account limits (420 emulation), e.g. `{"watchlist": 3, "collection": 10}`; keys are
  `list_count, list_item_count, list_total_items, watchlist, favorites, collection,
  ratings, history` (integers >= 0; `null` as a value drops that override, `"limits": null`
  drops them all; the rest follow the user's free/VIP tier). `watchlist_sort`
  `["added", "desc"]` sets the preferred sort sent as `X-Sort-By` / `X-Sort-How`.
* `POST /_sandbox/apps {"client_id", "client_secret", "name"?, "redirect_uris"?}`:
  register another API app.
* `GET /activate?user_code=&username=`: the human activation page (`verification_url`):
  a form, which approves the code when both are given.
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from traktkit.sandbox.config import FaultRule, SpecError
from traktkit.sandbox.state import App, SandboxState
from traktkit.sandbox.timeutil import iso
from traktkit.sandbox.users import LIMIT_NAMES, UserState

Endpoint = Callable[[Request], Awaitable[Response]]


class ControlError(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error, self.description = status, error, description


def _state(request: Request) -> SandboxState:
    state: SandboxState = request.app.state.sandbox
    return state


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        import json

        data = json.loads(raw)
    except ValueError:
        raise ControlError(400, "invalid_json", "The body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise ControlError(400, "invalid_body", "The body must be a JSON object.")
    return data


def _text(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ControlError(400, "invalid_body", f"{name} is required (a string).")
    return value.strip()


def control(handler: Callable[[Request, SandboxState, dict[str, Any]], Any]) -> Endpoint:
    """Wrap a control handler: parse the body, take the lock, turn errors into JSON."""

    async def endpoint(request: Request) -> Response:
        state = _state(request)
        try:
            body = await _body(request) if request.method in ("POST", "PUT") else {}
            with state.lock:
                result = handler(request, state, body)
        except ControlError as error:
            payload = {"error": error.error, "error_description": error.description}
            return JSONResponse(payload, error.status)
        except SpecError as error:
            payload = {"error": "invalid_value", "error_description": str(error)}
            return JSONResponse(payload, 400)
        if isinstance(result, Response):
            return result
        return JSONResponse(result)

    return endpoint


def _decide(state: SandboxState, user_code: str, username: str | None) -> dict[str, Any]:
    code = state.device_by_user_code(user_code)
    if code is None:
        raise ControlError(404, "not_found", f"No device code {user_code!r}.")
    if code.expired(state.now()):
        raise ControlError(410, "expired", "This device code expired.")
    if code.status != "pending":
        raise ControlError(409, "conflict", f"This device code is already {code.status}.")
    if username is None:
        code.status = "denied"
        return {"user_code": code.user_code, "denied": True}
    user = state.ensure_user(username)
    code.status, code.username = "approved", user.username
    return {"user_code": code.user_code, "approved": True, "username": user.username}


def activate(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    return _decide(state, _text(body, "user_code"), _text(body, "username"))


def deny(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    return _decide(state, _text(body, "user_code"), None)


def requests_(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    counters = state.counters
    return {"total": counters.total, "by_route": dict(sorted(counters.by_route.items()))}


def reset(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    state.counters.reset()
    return {"total": 0, "by_route": {}}


def faults(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    if request.method == "POST":
        rules = body.get("rules", [])
        if not isinstance(rules, list):
            raise ControlError(400, "invalid_body", "rules must be a list.")
        state.faults.set([FaultRule.from_json(raw) for raw in rules])
    elif request.method == "DELETE":
        state.faults.set([])
    return {"rules": state.faults.describe()}


def expire_tokens(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    return {"expired": state.expire_tokens(_text(body, "username"))}


def config(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    if request.method == "POST" and body:
        state.config = state.config.updated(body)
        state.limiter.reset()
    return state.config.public_dict()


def clock(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    advance = body.get("advance", 0)
    if not isinstance(advance, int | float) or advance < 0:
        raise ControlError(400, "invalid_body", "advance must be a number of seconds >= 0.")
    state.clock_offset += float(advance)
    return {"now": iso(state.now()), "offset": state.clock_offset}


def users(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    user = state.ensure_user(_text(body, "username"))
    for flag in ("vip", "private", "locked"):
        if flag in body:
            setattr(user, flag, bool(body[flag]))
    if isinstance(body.get("name"), str):
        user.name = body["name"]
    if "limits" in body:
        _set_limits(user, body["limits"])
    if "watchlist_sort" in body:
        user.watchlist_sort = _sort_pair(body["watchlist_sort"])
    return user.settings_json()


def _set_limits(user: UserState, raw: Any) -> None:
    if raw is None:
        user.limit_overrides.clear()
        return
    if not isinstance(raw, dict):
        raise ControlError(400, "invalid_body", "limits must be an object (or null).")
    unknown = set(raw) - set(LIMIT_NAMES)
    if unknown:
        names = ", ".join(LIMIT_NAMES)
        raise ControlError(400, "invalid_body", f"unknown limits {sorted(unknown)}; use {names}")
    for name, value in raw.items():
        if value is None:
            user.limit_overrides.pop(name, None)
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            user.limit_overrides[name] = value
        else:
            raise ControlError(400, "invalid_body", f"limits.{name} must be an integer >= 0.")


def _sort_pair(raw: Any) -> tuple[str, str]:
    ok = isinstance(raw, list) and len(raw) == 2 and all(isinstance(v, str) for v in raw)
    if not ok or raw[1] not in ("asc", "desc"):
        raise ControlError(400, "invalid_body", 'watchlist_sort must be ["<sort_by>", "asc|desc"].')
    return str(raw[0]), str(raw[1])


def apps(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    client_id, secret = _text(body, "client_id"), _text(body, "client_secret")
    uris = body.get("redirect_uris") or ["urn:ietf:wg:oauth:2.0:oob"]
    if not isinstance(uris, list) or not all(isinstance(u, str) for u in uris):
        raise ControlError(400, "invalid_body", "redirect_uris must be a list of strings.")
    name = str(body.get("name") or client_id)
    state.apps[client_id] = App(client_id, secret, name, tuple(uris))
    return {"client_id": client_id, "name": name, "redirect_uris": uris}


def activate_page(request: Request, state: SandboxState, body: dict[str, Any]) -> Any:
    user_code = request.query_params.get("user_code", "")
    username = request.query_params.get("username", "")
    message = ""
    if user_code and username:
        try:
            _decide(state, user_code, username)
            message = f"<p id='result'>Approved {html.escape(user_code)} for "
            message += f"{html.escape(username)}. You can close this page.</p>"
        except ControlError as error:
            message = f"<p id='result'>{html.escape(error.description)}</p>"
    page = (
        "<!DOCTYPE html>\n<html><head><title>Trakt sandbox: activate a device</title></head>"
        "<body><h1>Activate your device</h1>"
        f"{message}<form method='get' action='/activate'>"
        "<label>Code <input name='user_code'></label> "
        "<label>Username <input name='username' value='demo'></label> "
        "<button type='submit'>Continue</button></form></body></html>\n"
    )
    return HTMLResponse(page)


def control_routes() -> list[Route]:
    return [
        Route("/_sandbox/activate", control(activate), methods=["POST"]),
        Route("/_sandbox/deny", control(deny), methods=["POST"]),
        Route("/_sandbox/requests", control(requests_), methods=["GET"]),
        Route("/_sandbox/reset", control(reset), methods=["POST"]),
        Route("/_sandbox/faults", control(faults), methods=["GET", "POST", "DELETE"]),
        Route("/_sandbox/tokens/expire", control(expire_tokens), methods=["POST"]),
        Route("/_sandbox/config", control(config), methods=["GET", "POST"]),
        Route("/_sandbox/clock", control(clock), methods=["POST"]),
        Route("/_sandbox/users", control(users), methods=["POST"]),
        Route("/_sandbox/apps", control(apps), methods=["POST"]),
        Route("/activate", control(activate_page), methods=["GET"]),
    ]
