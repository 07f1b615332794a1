"""OAuthClient against the fake OAuth server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest
from auth_fakes import AUTH_URL, CLIENT_ID, FakeTrakt, make_rig, make_settings

from traktkit.auth import CodeRejected, DevicePollStatus, RefreshRejected, Token
from traktkit.config import ConfigError
from traktkit.http import NetworkError, ServerError, TraktError


def test_device_code(tmp_path: Path) -> None:
    rig = make_rig(tmp_path)
    code = rig.oauth.device_code()
    assert (code.user_code, code.interval, code.expires_in) == ("5055CC52", 5, 600)
    assert "device-SECRET" not in repr(code)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, DevicePollStatus.PENDING),
        (404, DevicePollStatus.INVALID),
        (409, DevicePollStatus.ALREADY_USED),
        (410, DevicePollStatus.EXPIRED),
        (418, DevicePollStatus.DENIED),
        (429, DevicePollStatus.SLOW_DOWN),
    ],
)
def test_poll_statuses(tmp_path: Path, status: int, expected: DevicePollStatus) -> None:
    server = FakeTrakt(device_polls=[status])
    rig = make_rig(tmp_path, server)
    assert rig.oauth.poll_device_token("device-SECRET-code") is expected
    assert server.poll_count == 1  # check=False, retry=False: a 429 is not retried
    assert rig.sleeps == []


def test_poll_success_and_unexpected_status(tmp_path: Path) -> None:
    server = FakeTrakt(device_polls=[200, 500])
    rig = make_rig(tmp_path, server)
    token = rig.oauth.poll_device_token("device-SECRET-code")
    assert isinstance(token, Token)
    assert token.access_token in server.access
    with pytest.raises(ServerError):
        rig.oauth.poll_device_token("device-SECRET-code")


def test_exchange_code(tmp_path: Path) -> None:
    rig = make_rig(tmp_path)
    token = rig.oauth.exchange_code("good-code")
    assert token.access_token in rig.server.access
    with pytest.raises(CodeRejected):
        rig.oauth.exchange_code("bad-code")


def test_authorize_url(tmp_path: Path) -> None:
    rig = make_rig(tmp_path)
    url = rig.oauth.authorize_url("state-xyz")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{AUTH_URL}/oauth/authorize"
    assert parse_qs(parts.query) == {
        "response_type": ["code"],
        "client_id": [CLIENT_ID],
        "redirect_uri": ["urn:ietf:wg:oauth:2.0:oob"],
        "state": ["state-xyz"],
    }


def test_refresh_rotates_and_rejects_reuse(tmp_path: Path) -> None:
    rig = make_rig(tmp_path)
    first = rig.server.issue()
    assert first.refresh_token is not None
    second = rig.oauth.refresh(first.refresh_token)
    assert second.access_token != first.access_token
    with pytest.raises(RefreshRejected, match="trakt login") as info:
        rig.oauth.refresh(first.refresh_token)
    assert first.refresh_token not in str(info.value)


@pytest.mark.parametrize("status", [400, 401])
def test_refresh_400_and_401_are_rejections(tmp_path: Path, status: int) -> None:
    rig = make_rig(tmp_path, FakeTrakt(fail_refresh_with=status))
    with pytest.raises(RefreshRejected):
        rig.oauth.refresh("refresh-x")


def test_refresh_not_retried_on_5xx(tmp_path: Path) -> None:
    server = FakeTrakt(fail_refresh_with=503)
    rig = make_rig(tmp_path, server)
    with pytest.raises(ServerError) as info:
        rig.oauth.refresh("refresh-SECRET-x")
    assert len(server.refresh_calls) == 1
    assert info.value.maybe_applied is True
    assert "refresh-SECRET-x" not in str(info.value)


def test_refresh_retried_on_connect_error(tmp_path: Path) -> None:
    server = FakeTrakt()
    first = server.issue()
    calls = {"n": 0}

    def flaky(request: httpx2.Request) -> httpx2.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            raise httpx2.ConnectError("refused")
        return server.handler(request)

    rig = make_rig(tmp_path, server)
    rig.http._transport = httpx2.MockTransport(flaky)
    assert first.refresh_token is not None
    assert rig.oauth.refresh(first.refresh_token).access_token in server.access
    assert calls["n"] == 2


def test_refresh_read_timeout_not_retried(tmp_path: Path) -> None:
    def timeout(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ReadTimeout("timed out")

    rig = make_rig(tmp_path)
    rig.http._transport = httpx2.MockTransport(timeout)
    with pytest.raises(NetworkError) as info:
        rig.oauth.refresh("refresh-SECRET-y")
    assert info.value.maybe_applied


def test_revoke(tmp_path: Path) -> None:
    rig = make_rig(tmp_path)
    token = rig.server.issue()
    rig.oauth.revoke(token.access_token)
    assert rig.server.revoked == [token.access_token]


def test_unexpected_token_body_does_not_echo_it(tmp_path: Path) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json={"access_token": "leak-SECRET-123"})  # no expires_in

    rig = make_rig(tmp_path)
    rig.http._transport = httpx2.MockTransport(handler)
    with pytest.raises(TraktError, match="unexpected token response") as info:
        rig.oauth.exchange_code("good-code")
    assert "leak-SECRET" not in str(info.value)


def test_missing_app_credentials(tmp_path: Path) -> None:
    rig = make_rig(tmp_path, settings=make_settings(tmp_path, client_secret=None))
    with pytest.raises(ConfigError, match="TRAKT_CLIENT_SECRET"):
        rig.oauth.refresh("x")


def test_auth_error_hierarchy() -> None:
    from traktkit.auth import (
        AuthError,
        CodeRejected,
        DeviceCodeDenied,
        LockTimeout,
        TokenStoreError,
    )
    from traktkit.http import NotAuthenticated

    assert isinstance(RefreshRejected(), NotAuthenticated)
    assert isinstance(RefreshRejected(), AuthError)
    assert issubclass(CodeRejected, NotAuthenticated) and issubclass(CodeRejected, AuthError)
    assert isinstance(DeviceCodeDenied(), AuthError)
    assert issubclass(TokenStoreError, AuthError)
    assert not issubclass(LockTimeout, AuthError)
    assert str(RefreshRejected()).endswith("re-authorize with `trakt login`")
