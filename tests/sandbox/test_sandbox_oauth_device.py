"""Device flow (REFERENCE §2.2): every polling status and auto-approve."""

from __future__ import annotations

from typing import Any

import httpx2
from sandbox_helpers import APP, FakeClock, StartSandbox, client, device_login


def _code(c: httpx2.Client) -> dict[str, Any]:
    r = c.post("/oauth/device/code", json={"client_id": APP["client_id"]})
    assert r.status_code == 200
    data: dict[str, Any] = r.json()
    return data


def _poll(c: httpx2.Client, device_code: str) -> httpx2.Response:
    return c.post("/oauth/device/token", json={"code": device_code, **APP})


def test_device_code_shape(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(device_interval=5)
    with client(sb) as c:
        code = _code(c)
    assert len(code["device_code"]) == 64
    assert len(code["user_code"]) == 8 and code["user_code"].isalnum()
    assert code["verification_url"] == f"{sb.url}/activate"
    assert code["expires_in"] == 600
    assert code["interval"] == 5


def test_pending_then_approved_then_used(start_sandbox: StartSandbox, clock: FakeClock) -> None:
    sb = start_sandbox(clock=clock, device_interval=5)
    with client(sb) as c:
        code = _code(c)
        pending = _poll(c, code["device_code"])
        assert pending.status_code == 400
        assert pending.content == b""
        activated = c.post(
            "/_sandbox/activate", json={"user_code": code["user_code"], "username": "alice"}
        )
        assert activated.status_code == 200
        clock.advance(5)
        token = _poll(c, code["device_code"])
        assert token.status_code == 200
        body = token.json()
        assert set(body) == {
            "access_token",
            "token_type",
            "expires_in",
            "refresh_token",
            "scope",
            "created_at",
        }
        assert body["token_type"] == "bearer" and body["scope"] == "public"
        assert body["expires_in"] == 604800
        assert body["created_at"] == int(clock.now)
        clock.advance(5)
        assert _poll(c, code["device_code"]).status_code == 409
        me = c.get("/users/me", headers={"Authorization": f"Bearer {body['access_token']}"})
        assert me.json()["username"] == "alice"


def test_polling_faster_than_interval_is_429(start_sandbox: StartSandbox, clock: FakeClock) -> None:
    sb = start_sandbox(clock=clock, device_interval=5)
    with client(sb) as c:
        code = _code(c)
        assert _poll(c, code["device_code"]).status_code == 400
        clock.advance(2)
        slow = _poll(c, code["device_code"])
        assert slow.status_code == 429
        assert slow.headers["retry-after"] == "5"
        clock.advance(5)
        assert _poll(c, code["device_code"]).status_code == 400


def test_invalid_code_404_expired_410_denied_418(
    start_sandbox: StartSandbox, clock: FakeClock
) -> None:
    sb = start_sandbox(clock=clock, device_code_ttl=600)
    with client(sb) as c:
        assert _poll(c, "0" * 64).status_code == 404
        expired = _code(c)
        denied = _code(c)
        assert c.post("/_sandbox/deny", json={"user_code": denied["user_code"]}).status_code == 200
        assert _poll(c, denied["device_code"]).status_code == 418
        clock.advance(601)
        assert _poll(c, expired["device_code"]).status_code == 410


def test_bad_client_secret_is_401(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        code = _code(c)
        r = c.post(
            "/oauth/device/token",
            json={"code": code["device_code"], "client_id": APP["client_id"], "client_secret": "x"},
        )
        assert r.status_code == 401
        assert r.json()["error"] == "invalid_client"


def test_auto_approve_on_first_poll(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(auto_approve="bob")
    with client(sb) as c:
        token = device_login(c)
        me = c.get("/users/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "bob"


def test_activation_page_approves(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        code = _code(c)
        page = c.get("/activate", params={"user_code": code["user_code"], "username": "carol"})
        assert page.status_code == 200 and "Approved" in page.text
        assert sb.state.device_codes[code["device_code"]].username == "carol"
