"""HttpClient: headers, pacing, retries, 401 refresh and pagination over one httpx2.Client.

Retry policy
------------
* Idempotent requests (GET/PUT/DELETE by default) are retried on 429, 500, 502, 503, 504,
  520, 521, 522, timeouts and connection errors.
* Non-idempotent requests (POST by default) are retried only when the server certainly did
  not apply them: 429, and transport errors raised before the request was sent
  (connect errors, connect/pool timeouts). A read timeout or a 5xx on a write is raised
  with ``maybe_applied=True`` so the caller can check (e.g. /sync/history) before retrying.
* At most ``max_retries`` retries. The wait is ``Retry-After`` + ``retry_after_margin``
  whenever the server sends ``Retry-After``, else full-jitter exponential backoff:
  ``uniform(0, min(backoff_cap, backoff_base * 2**attempt))``.
"""

from __future__ import annotations

import json as jsonlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from types import TracebackType
from typing import Any

import httpx2

from traktkit.http.errors import (
    NetworkError,
    NotAuthenticated,
    TraktError,
    error_from_response,
    one_line,
    redact,
)
from traktkit.http.headers import header_int, parse_ratelimit, parse_retry_after
from traktkit.http.pacing import GetBudget, WritePacer, WriteStamp
from traktkit.http.types import AuthMode, HttpConfig, PageInfo, Response, TokenSource

__all__ = [
    "AuthMode",
    "HttpClient",
    "HttpConfig",
    "PageInfo",
    "Response",
    "TokenSource",
]

logger = logging.getLogger("traktkit.http")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 520, 521, 522})
# Transport errors raised before any byte of the request reached the server.
NOT_SENT_ERRORS: tuple[type[Exception], ...] = (
    httpx2.ConnectError,
    httpx2.ConnectTimeout,
    httpx2.PoolTimeout,
)
# Body fields whose values are secrets (OAuth calls): scrubbed from error messages.
_SECRET_FIELDS = ("access_token", "refresh_token", "token", "code", "client_secret")
_NOTIFY_PACING_ABOVE = 1.0  # seconds; shorter pacing waits are routine and silent

Sleep = Callable[[float], None]
Clock = Callable[[], float]
OnWait = Callable[[float, str], None]


def _clean_params(params: Mapping[str, Any] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in (params or {}).items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[key] = "true" if value else "false"
        elif isinstance(value, list | tuple | set | frozenset):
            out[key] = ",".join(str(v) for v in value)
        else:
            out[key] = str(value)
    return out


def _body_secrets(body: Any) -> list[str]:
    if not isinstance(body, dict):
        return []
    return [v for k, v in body.items() if k in _SECRET_FIELDS and isinstance(v, str)]


class HttpClient:
    """The only object in traktkit that sends HTTP requests to Trakt.

    One instance per user: the write pacer and GET budget are per instance. Thread-safe.
    The underlying httpx2.Client is created on first use (no I/O in the constructor).
    """

    def __init__(
        self,
        config: HttpConfig,
        tokens: TokenSource | None = None,
        *,
        transport: httpx2.BaseTransport | None = None,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
        on_wait: OnWait | None = None,
        wall_clock: Clock = time.time,
        rng: random.Random | None = None,
    ) -> None:
        self._config = config
        self._tokens = tokens
        self._transport = transport
        self._sleep = sleep
        self._clock = clock
        self._wall_clock = wall_clock
        self._on_wait = on_wait
        self._rng = rng if rng is not None else random.Random()
        self._writes = WritePacer(
            config.write_interval,
            clock=clock,
            sleep=sleep,
            wall_clock=wall_clock,
            stamp=WriteStamp(config.write_stamp) if config.write_stamp else None,
        )
        self._gets = GetBudget(
            config.get_limit, config.get_period, clock=clock, sleep=sleep, wall_clock=wall_clock
        )
        self._headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "trakt-api-version": "2",
            "trakt-api-key": config.client_id,
            "User-Agent": config.user_agent,
        }
        self._client: httpx2.Client | None = None
        self._client_lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------

    @property
    def config(self) -> HttpConfig:
        return self._config

    @property
    def api_url(self) -> str:
        """The API base URL this client talks to."""
        return self._config.api_url.rstrip("/")

    def set_token_source(self, tokens: TokenSource | None) -> None:
        self._tokens = tokens

    def set_on_wait(self, on_wait: OnWait | None) -> None:
        self._on_wait = on_wait

    def _http(self) -> httpx2.Client:
        client = self._client
        if client is None:
            with self._client_lock:
                if self._client is None:
                    self._client = httpx2.Client(
                        transport=self._transport,
                        timeout=httpx2.Timeout(self._config.timeout),
                        follow_redirects=False,
                        trust_env=True,
                    )
                client = self._client
        return client

    def close(self) -> None:
        with self._client_lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- public API ----------------------------------------------------------------------

    def get(
        self, path: str, *, params: Mapping[str, Any] | None = None, auth: AuthMode = "optional"
    ) -> Response:
        return self.request("GET", path, params=params, auth=auth)

    def post(
        self, path: str, json: Any, *, auth: AuthMode = "required", idempotent: bool = False
    ) -> Response:
        return self.request("POST", path, json=json, auth=auth, idempotent=idempotent)

    def put(self, path: str, json: Any, *, auth: AuthMode = "required") -> Response:
        return self.request("PUT", path, json=json, auth=auth)

    def delete(
        self, path: str, *, params: Mapping[str, Any] | None = None, auth: AuthMode = "required"
    ) -> Response:
        return self.request("DELETE", path, params=params, auth=auth)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        auth: AuthMode = "optional",
        idempotent: bool | None = None,
        base_url: str | None = None,
        check: bool = True,
        retry: bool = True,
    ) -> Response:
        """Send one logical request (with pacing, retries and one 401 refresh).

        Raises a TraktError subclass for error statuses (unless ``check=False``),
        NetworkError when no response could be obtained, NotAuthenticated before sending
        when ``auth="required"`` and there is no token.
        """
        method = method.upper()
        if not path.startswith("/"):
            path = "/" + path
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        token = self._initial_token(auth)
        url = (base_url or self._config.api_url).rstrip("/") + path
        query = _clean_params(params)
        shown = path + ("?" + str(httpx2.QueryParams(query)) if query else "")
        max_retries = max(0, self._config.max_retries) if retry else 0
        body_secrets = _body_secrets(json)
        attempt = 0
        replayed = False
        while True:
            paced_write = method in WRITE_METHODS and auth != "none"
            self._pace(method, paced_write=auth != "none")
            started = time.perf_counter()
            try:
                raw = self._send(method, url, query, json, token)
            except httpx2.TransportError as exc:
                if paced_write:
                    self._writes.completed()
                elapsed = time.perf_counter() - started
                logger.debug("%s %s -> %s after %.3f s", method, shown, type(exc).__name__, elapsed)
                not_sent = isinstance(exc, NOT_SENT_ERRORS)
                if attempt < max_retries and (idempotent or not_sent):
                    delay = self._backoff(attempt)
                    reason = f"network error ({type(exc).__name__}) on {method} {path}"
                    self._wait_before_retry(delay, reason, attempt)
                    attempt += 1
                    continue
                error = self._network_error(exc, method, path, idempotent, not_sent)
                error.message = redact(error.message, [token, *body_secrets])
                error.args = (error.message,)
                raise error from exc
            if paced_write:
                self._writes.completed()
            elapsed = time.perf_counter() - started
            logger.debug("%s %s -> %d in %.3f s", method, shown, raw.status_code, elapsed)
            status = raw.status_code
            self._adopt_ratelimit(raw.headers, method)

            if status == 401 and token is not None and not replayed and self._tokens is not None:
                replayed = True
                new_token = self._tokens.refresh_after_401(token)
                if new_token and new_token != token:
                    logger.debug("%s %s: replaying once with a refreshed token", method, shown)
                    token = new_token
                    continue

            if status in RETRY_STATUSES and attempt < max_retries and (idempotent or status == 429):
                wait = self._retry_delay(raw.headers, attempt)
                if wait is not None:
                    if status == 429:
                        self._block_bucket(method, wait)
                        reason = f"rate limited by Trakt (429) on {method} {path}"
                    else:
                        reason = f"Trakt answered {status} on {method} {path}"
                    self._wait_before_retry(wait, reason, attempt)
                    attempt += 1
                    continue

            response = Response(status=status, headers=raw.headers, data=self._decode(raw))
            if check and status >= 400:
                raise error_from_response(
                    status,
                    raw.headers,
                    response.data,
                    method=method,
                    path=path,
                    secrets=[token, *body_secrets],
                    idempotent=idempotent,
                    wall_now=self._wall_clock(),
                )
            if check and isinstance(response.data, str):  # a 2xx that is not JSON
                content_type = raw.headers.get("content-type", "?")
                raise TraktError(
                    f"Trakt returned a non-JSON response ({status}, {content_type}) "
                    f"to {method} {path}",
                    status=status,
                    method=method,
                    path=path,
                )
            return response

    def paginate(
        self,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        auth: AuthMode = "optional",
        limit: int = 250,
        on_page: Callable[[PageInfo], None] | None = None,
    ) -> Iterator[Any]:
        """Yield every item of every page, lazily.

        Sends ``page`` and the same ``limit`` on every request and follows
        ``X-Pagination-Page-Count`` (re-read on each page), stopping after the last page,
        or at the first empty page. Without the header the response is the single page.
        """
        base = dict(params or {})
        page = 1
        while True:
            response = self.get(path, params={**base, "page": page, "limit": limit}, auth=auth)
            data = response.data
            if data is None:
                items: list[Any] = []
            elif isinstance(data, list):
                items = data
            else:
                raise TraktError(
                    f"expected a list from GET {path}, got {type(data).__name__}",
                    method="GET",
                    path=path,
                    status=response.status,
                )
            page_count = header_int(response.headers, "x-pagination-page-count")
            if on_page is not None:
                on_page(
                    PageInfo(
                        page=page,
                        page_count=max(page, page_count or 0),
                        item_count=header_int(response.headers, "x-pagination-item-count"),
                        limit=header_int(response.headers, "x-pagination-limit") or limit,
                    )
                )
            yield from items
            if page_count is None or page >= page_count or not items:
                return
            page += 1

    # -- internals -----------------------------------------------------------------------

    def _initial_token(self, auth: AuthMode) -> str | None:
        if auth == "none":
            return None
        token = self._tokens.access_token() if self._tokens is not None else None
        if auth == "required" and not token:
            raise NotAuthenticated(
                "not logged in to Trakt: run `trakt login` (or set TRAKT_ACCESS_TOKEN)"
            )
        return token or None

    def _send(
        self, method: str, url: str, query: dict[str, str], json: Any, token: str | None
    ) -> httpx2.Response:
        headers = dict(self._headers)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        content = None if json is None else jsonlib.dumps(json, ensure_ascii=False).encode()
        return self._http().request(
            method, url, params=query or None, content=content, headers=headers
        )

    def _pace(self, method: str, *, paced_write: bool) -> None:
        if method in WRITE_METHODS:
            if not paced_write:
                return
            waited = self._writes.acquire()
            reason = "pacing writes (Trakt allows one per second)"
        else:
            waited = self._gets.acquire()
            reason = "GET rate budget exhausted"
        if waited > _NOTIFY_PACING_ABOVE and self._on_wait is not None:
            self._on_wait(waited, reason)

    def _adopt_ratelimit(self, headers: Mapping[str, str], method: str) -> None:
        info = parse_ratelimit(headers)
        if info is None:
            return
        is_write = info.is_write_limit
        if is_write is None:
            is_write = method in WRITE_METHODS
        if is_write:
            self._writes.adopt(info)
        else:
            self._gets.adopt(info)

    def _block_bucket(self, method: str, seconds: float) -> None:
        if method in WRITE_METHODS:
            self._writes.block_for(seconds)
        else:
            self._gets.block_for(seconds)

    def _backoff(self, attempt: int) -> float:
        ceiling = min(self._config.backoff_cap, self._config.backoff_base * (2**attempt))
        return self._rng.uniform(0.0, max(0.0, ceiling))

    def _retry_delay(self, headers: Mapping[str, str], attempt: int) -> float | None:
        """Seconds to wait before the next attempt; None when Retry-After is too long."""
        retry_after = parse_retry_after(headers, self._wall_clock())
        if retry_after is None:
            return self._backoff(attempt)
        if retry_after > self._config.max_retry_after:
            return None
        return retry_after + self._config.retry_after_margin

    def _wait_before_retry(self, delay: float, reason: str, attempt: int) -> None:
        logger.debug(
            "retry %d/%d in %.2f s: %s", attempt + 1, self._config.max_retries, delay, reason
        )
        if self._on_wait is not None:
            self._on_wait(delay, reason)
        if delay > 0:
            self._sleep(delay)

    @staticmethod
    def _decode(raw: httpx2.Response) -> Any:
        content = raw.content
        if not content.strip():
            return None
        try:
            return jsonlib.loads(content)
        except ValueError:
            return raw.text

    def _network_error(
        self,
        exc: httpx2.TransportError,
        method: str,
        path: str,
        idempotent: bool,
        not_sent: bool,
    ) -> NetworkError:
        host = httpx2.URL(self._config.api_url).host
        timeout = isinstance(exc, httpx2.TimeoutException)
        maybe_applied = not idempotent and not not_sent
        if not_sent:
            what = f"could not connect to Trakt ({host})"
        elif timeout:
            what = f"Trakt did not answer in time ({self._config.timeout:g} s)"
        else:
            what = "the connection to Trakt failed"
        detail = one_line(str(exc))
        detail = f" ({type(exc).__name__}: {detail})" if detail else f" ({type(exc).__name__})"
        advice = "; the write may have been applied: check before retrying" if maybe_applied else ""
        return NetworkError(
            f"{what} on {method} {path}{detail}{advice}",
            timeout=timeout,
            maybe_applied=maybe_applied,
            method=method,
            path=path,
        )
