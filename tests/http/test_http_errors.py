"""Each error status becomes its exception, with its fields and a one-line message."""

from __future__ import annotations

import json

import httpx2
import pytest
from http_fakes import MakeClient, json_response

from traktkit.http import (
    AccountLimitExceeded,
    AccountLocked,
    BadRequest,
    CloudflareError,
    Conflict,
    Forbidden,
    NotFound,
    PreconditionFailed,
    RateLimited,
    ServerError,
    TraktError,
    Unauthorized,
    ValidationFailed,
    VipRequired,
    error_from_response,
)


def fail(
    make_client: MakeClient,
    status: int,
    body: object = None,
    headers: dict[str, str] | None = None,
    text: str | None = None,
) -> TraktError:
    def handler(request: httpx2.Request) -> httpx2.Response:
        if text is not None:
            return httpx2.Response(status, text=text, headers=headers or {})
        return json_response(status, body, headers)

    h = make_client(handler, max_retries=0)
    with pytest.raises(TraktError) as info:
        h.client.get("/movies/tron-legacy-2010")
    error = info.value
    assert error.status == status
    assert error.method == "GET"
    assert error.path == "/movies/tron-legacy-2010"
    assert "\n" not in error.message and error.message == str(error)
    return error


def test_400_bad_request_with_oauth_style_body(make_client: MakeClient) -> None:
    error = fail(make_client, 400, {"error": "invalid_request", "error_description": "no  \n x"})
    assert isinstance(error, BadRequest)
    assert error.error == "invalid_request"
    assert error.message.endswith("(400): no x")


def test_message_style_body(make_client: MakeClient) -> None:
    error = fail(make_client, 422, {"message": "Comment must be at least 5 words."})
    assert isinstance(error, ValidationFailed)
    assert "Comment must be at least 5 words." in error.message


def test_401(make_client: MakeClient) -> None:
    error = fail(make_client, 401, {"error": "invalid_token"})
    assert isinstance(error, Unauthorized)
    assert error.private_user is False
    assert "trakt login" in error.message


def test_401_private_user(make_client: MakeClient) -> None:
    error = fail(make_client, 401, None, {"X-Private-User": "true"})
    assert isinstance(error, Unauthorized)
    assert error.private_user is True
    assert "private" in error.message


def test_403_json_is_api_key_problem(make_client: MakeClient) -> None:
    error = fail(make_client, 403, {"error": "forbidden"})
    assert isinstance(error, Forbidden)
    assert error.cloudflare is False
    assert "TRAKT_CLIENT_ID" in error.message


def test_403_cloudflare_html(make_client: MakeClient) -> None:
    html = "<!DOCTYPE html>\n<html><head><title>Attention Required! | Cloudflare</title>"
    error = fail(
        make_client,
        403,
        text=html,
        headers={"content-type": "text/html", "server": "cloudflare", "cf-ray": "8a-AMS"},
    )
    assert isinstance(error, Forbidden)
    assert error.cloudflare is True
    assert "User-Agent" in error.message
    assert "<html" not in error.message


def test_404(make_client: MakeClient) -> None:
    error = fail(make_client, 404)
    assert isinstance(error, NotFound)
    assert error.message == "not found on Trakt: GET /movies/tron-legacy-2010 (404)"


def test_409_keeps_body(make_client: MakeClient) -> None:
    body = {"watched_at": "2014-10-15T22:21:29.000Z", "expires_at": "2014-10-15T23:21:29.000Z"}
    error = fail(make_client, 409, body)
    assert isinstance(error, Conflict)
    assert error.body == body


def test_412(make_client: MakeClient) -> None:
    error = fail(make_client, 412)
    assert isinstance(error, PreconditionFailed)
    assert "Content-Type" in error.message


def test_420_account_limit(make_client: MakeClient) -> None:
    headers = {
        "X-Account-Limit": "250",
        "X-Upgrade-URL": "https://trakt.tv/vip",
        "X-VIP-User": "false",
    }
    error = fail(make_client, 420, None, headers)
    assert isinstance(error, AccountLimitExceeded)
    assert (error.limit, error.upgrade_url, error.vip) == (250, "https://trakt.tv/vip", False)
    assert "250" in error.message and "https://trakt.tv/vip" in error.message


def test_420_for_vip_user(make_client: MakeClient) -> None:
    error = fail(make_client, 420, None, {"X-Account-Limit": "5000", "X-VIP-User": "true"})
    assert isinstance(error, AccountLimitExceeded)
    assert error.vip is True
    assert "already VIP" in error.message


def test_423_locked_and_deactivated(make_client: MakeClient) -> None:
    error = fail(make_client, 423, None, {"X-Account-Locked": "true"})
    assert isinstance(error, AccountLocked)
    assert (error.locked, error.deactivated) == (True, None)
    assert "locked" in error.message and "support" in error.message
    error = fail(
        make_client, 423, None, {"X-Account-Locked": "false", "X-Account-Deactivated": "true"}
    )
    assert isinstance(error, AccountLocked)
    assert error.deactivated is True
    assert "deactivated" in error.message


def test_426_vip_required(make_client: MakeClient) -> None:
    error = fail(make_client, 426, None, {"X-Upgrade-URL": "https://trakt.tv/vip"})
    assert isinstance(error, VipRequired)
    assert error.upgrade_url == "https://trakt.tv/vip"


def test_429_fields(make_client: MakeClient) -> None:
    ratelimit = {
        "name": "AUTHED_API_GET_LIMIT",
        "period": 300,
        "limit": 1000,
        "remaining": 0,
        "until": "2020-10-10T00:24:00Z",
    }
    error = fail(
        make_client, 429, None, {"Retry-After": "12", "X-Ratelimit": json.dumps(ratelimit)}
    )
    assert isinstance(error, RateLimited)
    assert error.retry_after == 12
    assert error.ratelimit is not None
    assert error.ratelimit.name == "AUTHED_API_GET_LIMIT"
    assert (error.ratelimit.limit, error.ratelimit.remaining) == (1000, 0)
    assert error.ratelimit.period == 300
    assert "12 s" in error.message


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_5xx(make_client: MakeClient, status: int) -> None:
    error = fail(make_client, status)
    assert type(error) is ServerError
    assert error.maybe_applied is False


@pytest.mark.parametrize("status", [520, 521, 522])
def test_cloudflare_origin_errors(make_client: MakeClient, status: int) -> None:
    error = fail(make_client, status, text="<html>origin down</html>")
    assert isinstance(error, CloudflareError)
    assert isinstance(error, ServerError)


def test_unknown_status_is_base_error(make_client: MakeClient) -> None:
    error = fail(make_client, 405)
    assert type(error) is TraktError


def test_long_server_text_is_truncated() -> None:
    error = error_from_response(
        400, {}, {"error_description": "x" * 5000}, method="POST", path="/sync/history"
    )
    assert len(error.message) < 300


def test_secrets_are_redacted() -> None:
    error = error_from_response(
        400,
        {},
        {"error": "invalid_grant", "error_description": "token abcdef-SECRET is bad"},
        method="POST",
        path="/oauth/token",
        secrets=["abcdef-SECRET", None],
    )
    assert "abcdef-SECRET" not in error.message
    assert "[redacted]" in error.message
