"""HttpClient: headers, auth modes, retries, 401 refresh, logging, response decoding."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx2
import pytest
from http_fakes import Harness, MakeClient, StaticTokens, json_response, scripted

from traktkit.config import ConfigError, Settings
from traktkit.http import (
    DEFAULT_USER_AGENT,
    BadRequest,
    CloudflareError,
    HttpConfig,
    NetworkError,
    NotAuthenticated,
    RateLimited,
    ServerError,
    TraktError,
    Unauthorized,
)

TOKEN = "tok-SECRET-abcdef123456"
NEW_TOKEN = "tok-NEW-SECRET-987654"


def ok(request: httpx2.Request) -> httpx2.Response:
    return json_response(200, [{"ok": True}])


# -- headers and auth modes ---------------------------------------------------------------


def test_headers_on_every_api_call(make_client: MakeClient) -> None:
    h = make_client(ok)
    h.client.get("/movies/trending", params={"extended": "full"})
    (request,) = h.requests
    assert str(request.url) == "https://api.example.test/movies/trending?extended=full"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["trakt-api-version"] == "2"
    assert request.headers["trakt-api-key"] == "cid-123"
    assert request.headers["User-Agent"] == DEFAULT_USER_AGENT
    assert request.headers["User-Agent"].startswith("traktkit/")
    assert "authorization" not in request.headers


def test_bearer_sent_when_optional_and_token_available(make_client: MakeClient) -> None:
    h = make_client(ok, tokens=StaticTokens(TOKEN))
    h.client.get("/movies/trending")
    assert h.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_no_bearer_when_auth_none(make_client: MakeClient) -> None:
    h = make_client(ok, tokens=StaticTokens(TOKEN))
    h.client.request("POST", "/oauth/device/code", json={"client_id": "x"}, auth="none")
    assert "authorization" not in h.requests[0].headers


def test_required_without_token_raises_before_sending(make_client: MakeClient) -> None:
    h = make_client(ok, tokens=StaticTokens(None))
    with pytest.raises(NotAuthenticated, match="trakt login"):
        h.client.get("/sync/history", auth="required")
    with pytest.raises(NotAuthenticated):
        h.client.post("/sync/history", {"movies": []})
    assert h.requests == []
    h2 = make_client(ok)  # no token source at all
    with pytest.raises(NotAuthenticated):
        h2.client.get("/sync/history", auth="required")
    assert h2.requests == []


def test_required_with_token(make_client: MakeClient) -> None:
    h = make_client(lambda r: json_response(201, {"added": {}}), tokens=StaticTokens(TOKEN))
    response = h.client.post("/sync/watchlist", {"movies": [{"ids": {"trakt": 1}}]})
    assert response.status == 201
    assert response.data == {"added": {}}
    request = h.requests[0]
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert json.loads(request.content) == {"movies": [{"ids": {"trakt": 1}}]}


def test_base_url_override_for_oauth(make_client: MakeClient) -> None:
    h = make_client(ok)
    h.client.request(
        "POST", "/oauth/token", json={}, auth="none", base_url="https://auth.example.test/"
    )
    assert str(h.requests[0].url) == "https://auth.example.test/oauth/token"


def test_params_encoding(make_client: MakeClient) -> None:
    h = make_client(ok)
    h.client.get("/search/movie", params={"query": "Dune", "x": None, "b": True, "l": ["a", "b"]})
    assert h.requests[0].url.params == httpx2.QueryParams(
        {"query": "Dune", "b": "true", "l": "a,b"}
    )


def test_config_from_settings(tmp_path: Path) -> None:
    settings = Settings(client_id="abc", api_url="http://127.0.0.1:9/", home=tmp_path)
    config = HttpConfig.from_settings(settings, max_retries=1)
    assert config.client_id == "abc"
    assert config.api_url == "http://127.0.0.1:9"
    assert config.max_retries == 1
    with pytest.raises(ConfigError, match="TRAKT_CLIENT_ID"):
        HttpConfig.from_settings(Settings(home=tmp_path))


# -- response decoding ----------------------------------------------------------------------


def test_empty_bodies_give_none(make_client: MakeClient) -> None:
    h = make_client(lambda r: httpx2.Response(204))
    assert h.client.get("/users/me/watching").data is None
    h2 = make_client(lambda r: httpx2.Response(200, content=b""))
    response = h2.client.get("/shows/x/next_episode")
    assert (response.status, response.data, response.ok) == (200, None, True)


def test_non_json_success_raises(make_client: MakeClient) -> None:
    h = make_client(
        lambda r: httpx2.Response(
            200, text="<html>hi</html>", headers={"content-type": "text/html"}
        )
    )
    with pytest.raises(TraktError, match="non-JSON"):
        h.client.get("/movies/trending")


def test_check_false_returns_error_statuses(make_client: MakeClient) -> None:
    h = make_client(lambda r: httpx2.Response(418))
    response = h.client.request("POST", "/oauth/device/token", json={}, auth="none", check=False)
    assert response.status == 418
    assert response.data is None


# -- retries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504, 520, 521, 522])
def test_get_retried_on_transient_status(make_client: MakeClient, status: int) -> None:
    h = make_client(scripted(httpx2.Response(status), json_response(200, [1])))
    assert h.client.get("/movies/trending").data == [1]
    assert len(h.requests) == 2
    assert len(h.waits) == 1


def test_retry_after_honoured_with_margin(make_client: MakeClient) -> None:
    limited = json_response(
        429,
        {"error": "rate_limited"},
        {
            "Retry-After": "3",
            "X-Ratelimit": json.dumps(
                {"name": "UNAUTHED_API_GET_LIMIT", "period": 300, "limit": 1000, "remaining": 0}
            ),
        },
    )
    h = make_client(scripted(limited, json_response(200, [])))
    h.client.get("/movies/trending")
    assert h.clock.sleeps == [pytest.approx(3.5)]
    ((seconds, reason),) = h.waits
    assert seconds == pytest.approx(3.5)
    assert "rate limited" in reason


def test_retry_after_on_503_too(make_client: MakeClient) -> None:
    h = make_client(
        scripted(httpx2.Response(503, headers={"Retry-After": "7"}), json_response(200, []))
    )
    h.client.get("/movies/trending")
    assert h.clock.sleeps == [pytest.approx(7.5)]


def test_too_long_retry_after_raises_instead_of_hanging(make_client: MakeClient) -> None:
    h = make_client(lambda r: httpx2.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(RateLimited) as info:
        h.client.get("/movies/trending")
    assert info.value.retry_after == 3600
    assert len(h.requests) == 1
    assert h.clock.sleeps == []


def test_retries_are_bounded(make_client: MakeClient) -> None:
    h = make_client(lambda r: httpx2.Response(503), max_retries=3)
    with pytest.raises(ServerError) as info:
        h.client.get("/movies/trending")
    assert info.value.status == 503
    assert len(h.requests) == 4  # first attempt + 3 retries
    assert len(h.clock.sleeps) == 3


def test_retry_false_disables_retries(make_client: MakeClient) -> None:
    h = make_client(lambda r: httpx2.Response(503))
    with pytest.raises(ServerError):
        h.client.request("GET", "/movies/trending", retry=False)
    assert len(h.requests) == 1


def test_backoff_is_full_jitter_within_capped_bounds(make_client: MakeClient) -> None:
    h = make_client(
        lambda r: httpx2.Response(502), max_retries=8, backoff_base=0.5, backoff_cap=4.0, seed=7
    )
    with pytest.raises(ServerError):
        h.client.get("/movies/trending")
    assert len(h.clock.sleeps) == 8
    for attempt, slept in enumerate(h.clock.sleeps):
        assert 0.0 <= slept <= min(4.0, 0.5 * 2**attempt)
    assert len(set(h.clock.sleeps)) == 8  # jittered, not constant


def test_jitter_distribution_bounds() -> None:
    import random

    from traktkit.http.client import HttpClient

    client = HttpClient(
        HttpConfig(api_url="https://x", client_id="c", backoff_base=1.0, backoff_cap=10.0),
        rng=random.Random(3),
    )
    samples = [client._backoff(5) for _ in range(2000)]
    assert min(samples) >= 0.0
    assert max(samples) <= 10.0
    assert max(samples) > 9.0 and min(samples) < 1.0  # spread over the whole range
    client.close()


@pytest.mark.parametrize(
    "exc",
    [
        httpx2.ReadTimeout("read timed out"),
        httpx2.ConnectTimeout("connect timed out"),
        httpx2.ConnectError("refused"),
        httpx2.RemoteProtocolError("server disconnected"),
    ],
)
def test_get_retried_on_network_errors(make_client: MakeClient, exc: Exception) -> None:
    h = make_client(scripted(exc, json_response(200, [])))
    assert h.client.get("/movies/trending").data == []
    assert len(h.requests) == 2


def test_get_network_error_after_retries(make_client: MakeClient) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ReadTimeout("timed out")

    h = make_client(handler, max_retries=2)
    with pytest.raises(NetworkError) as info:
        h.client.get("/movies/trending")
    assert info.value.timeout is True
    assert info.value.maybe_applied is False
    assert len(h.requests) == 3
    assert "\n" not in str(info.value)


# -- non-idempotent writes ------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 504, 520])
def test_post_not_retried_on_5xx(make_client: MakeClient, status: int) -> None:
    h = make_client(lambda r: httpx2.Response(status), tokens=StaticTokens(TOKEN))
    with pytest.raises(ServerError) as info:
        h.client.post("/sync/history", {"movies": []})
    assert len(h.requests) == 1
    assert info.value.maybe_applied is True
    assert "may or may not have been applied" in info.value.message
    if status == 520:
        assert isinstance(info.value, CloudflareError)


def test_post_not_retried_on_read_timeout(make_client: MakeClient) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ReadTimeout("timed out")

    h = make_client(handler, tokens=StaticTokens(TOKEN))
    with pytest.raises(NetworkError) as info:
        h.client.post("/sync/history", {"movies": []})
    assert len(h.requests) == 1
    assert info.value.maybe_applied is True
    assert "check before retrying" in info.value.message


def test_post_retried_on_429_with_retry_after(make_client: MakeClient) -> None:
    h = make_client(
        scripted(
            httpx2.Response(429, headers={"Retry-After": "2"}), json_response(201, {"added": {}})
        ),
        tokens=StaticTokens(TOKEN),
    )
    assert h.client.post("/sync/history", {"movies": []}).status == 201
    assert len(h.requests) == 2
    assert h.clock.sleeps[-1] == pytest.approx(2.5)
    assert h.clock.now >= 2.5


@pytest.mark.parametrize(
    "exc", [httpx2.ConnectError("refused"), httpx2.ConnectTimeout("t"), httpx2.PoolTimeout("p")]
)
def test_post_retried_when_not_sent(make_client: MakeClient, exc: Exception) -> None:
    h = make_client(scripted(exc, json_response(201, {})), tokens=StaticTokens(TOKEN))
    assert h.client.post("/sync/history", {"movies": []}).status == 201
    assert len(h.requests) == 2


def test_post_idempotent_true_is_retried_on_5xx(make_client: MakeClient) -> None:
    h = make_client(
        scripted(httpx2.Response(502), json_response(201, {})),
        tokens=StaticTokens(TOKEN),
    )
    assert h.client.post("/sync/watchlist", {"movies": []}, idempotent=True).status == 201
    assert len(h.requests) == 2


def test_put_and_delete_are_idempotent(make_client: MakeClient) -> None:
    h = make_client(
        scripted(httpx2.Response(503), json_response(200, {}), httpx2.Response(503)),
        tokens=StaticTokens(TOKEN),
    )
    h.client.put("/users/me/lists/1", {"name": "x"})
    assert len(h.requests) == 2


# -- 401 -> refresh -> replay once ---------------------------------------------------------


def test_401_refreshes_and_replays_once(make_client: MakeClient) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.headers.get("authorization") == f"Bearer {NEW_TOKEN}":
            return json_response(200, {"username": "me"})
        return json_response(401, {"error": "invalid_token"})

    tokens = StaticTokens(TOKEN, refreshed=NEW_TOKEN)
    h = make_client(handler, tokens=tokens)
    assert h.client.get("/users/settings", auth="required").data == {"username": "me"}
    assert tokens.refresh_calls == [TOKEN]
    assert [r.headers["authorization"] for r in h.requests] == [
        f"Bearer {TOKEN}",
        f"Bearer {NEW_TOKEN}",
    ]


def test_401_twice_raises_without_looping(make_client: MakeClient) -> None:
    tokens = StaticTokens(TOKEN, refreshed=NEW_TOKEN)
    h = make_client(lambda r: json_response(401, {"error": "invalid_token"}), tokens=tokens)
    with pytest.raises(Unauthorized) as info:
        h.client.get("/users/settings", auth="required")
    assert len(h.requests) == 2
    assert tokens.refresh_calls == [TOKEN]
    assert TOKEN not in str(info.value) and NEW_TOKEN not in str(info.value)


def test_401_without_new_token_raises(make_client: MakeClient) -> None:
    tokens = StaticTokens(TOKEN, refreshed=None)
    h = make_client(lambda r: json_response(401, {}), tokens=tokens)
    with pytest.raises(Unauthorized, match="trakt login"):
        h.client.get("/users/settings", auth="required")
    assert len(h.requests) == 1


def test_401_unauthenticated_request_does_not_refresh(make_client: MakeClient) -> None:
    tokens = StaticTokens(None, refreshed=NEW_TOKEN)
    h = make_client(lambda r: json_response(401, {}), tokens=tokens)
    with pytest.raises(Unauthorized):
        h.client.get("/users/someone/history")
    assert tokens.refresh_calls == []


# -- secrets never leak ---------------------------------------------------------------------


def test_no_token_in_logs_or_errors(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        if request.url.path == "/oauth/token":
            # A hostile/buggy server echoing the secret back in its error text.
            body = json.loads(request.content)
            return json_response(
                400, {"error": "invalid_grant", "error_description": f"bad {body['refresh_token']}"}
            )
        if request.headers.get("authorization") == f"Bearer {NEW_TOKEN}":
            return json_response(500, {"message": f"boom {NEW_TOKEN}"})
        return json_response(401, {"error": "invalid_token", "message": f"bad token {TOKEN}"})

    caplog.set_level(logging.DEBUG)
    h = make_client(handler, tokens=StaticTokens(TOKEN, refreshed=NEW_TOKEN), max_retries=1)
    messages: list[str] = []
    with pytest.raises(ServerError) as info:
        h.client.get("/sync/history", auth="required")
    messages.append(str(info.value))
    with pytest.raises(BadRequest) as info2:
        h.client.request(
            "POST",
            "/oauth/token",
            json={"refresh_token": "refresh-SECRET-xyz", "client_secret": "app-SECRET-1"},
            auth="none",
        )
    messages.append(str(info2.value))
    messages.append(repr(info2.value))
    text = "\n".join(messages + [r.getMessage() for r in caplog.records])
    for secret in (TOKEN, NEW_TOKEN, "refresh-SECRET-xyz", "app-SECRET-1"):
        assert secret not in text
    assert "[redacted]" in messages[1]
    assert any("GET /sync/history -> 500" in r.getMessage() for r in caplog.records)


def test_debug_log_has_method_path_query_status(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="traktkit.http")
    h = make_client(ok)
    h.client.get("/search/movie", params={"query": "Dune"})
    (record,) = [r for r in caplog.records if r.name == "traktkit.http"]
    assert "GET /search/movie?query=Dune -> 200 in" in record.getMessage()


def test_context_manager_closes(make_client: MakeClient) -> None:
    h: Harness = make_client(ok)
    with h.client as client:
        client.get("/x")
    assert h.client._client is None
