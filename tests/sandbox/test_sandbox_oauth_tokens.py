"""Authorization-code flow, refresh rotation, revoke and expiry (REFERENCE §2.1, §2.3)."""

from __future__ import annotations

import re

from sandbox_helpers import APP, FakeClock, StartSandbox, client, device_login

OOB = "urn:ietf:wg:oauth:2.0:oob"


def _authorize(c, **params: str) -> str:  # type: ignore[no-untyped-def]
    query = {"response_type": "code", "client_id": APP["client_id"], "redirect_uri": OOB}
    query.update(params)
    page = c.get("/oauth/authorize", params=query)
    assert page.status_code == 200, page.text
    found = re.search(r'<code id="code">([0-9a-f]+)</code>', page.text)
    assert found
    return found.group(1)


def test_code_flow_single_use_and_redirect_check(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        code = _authorize(c, username="dana", state="xyz")
        body = {"code": code, "redirect_uri": OOB, "grant_type": "authorization_code", **APP}
        wrong = c.post("/oauth/token", json={**body, "redirect_uri": "http://evil.example/cb"})
        assert wrong.status_code == 400
        ok = c.post("/oauth/token", json=body)
        assert ok.status_code == 200
        token = ok.json()["access_token"]
        again = c.post("/oauth/token", json=body)
        assert again.status_code == 400
        assert again.json()["error"] == "invalid_grant"
        me = c.get("/users/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json()["username"] == "dana"


def test_authorize_redirects_to_loopback_with_state(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb, follow_redirects="false") as c:
        r = c.get(
            "/oauth/authorize",
            params={
                "response_type": "code",
                "client_id": APP["client_id"],
                "redirect_uri": "http://127.0.0.1:8765/callback",
                "state": "s1",
            },
        )
    assert r.status_code == 302
    assert r.headers["location"].startswith("http://127.0.0.1:8765/callback?code=")
    assert r.headers["location"].endswith("&state=s1")


def test_refresh_rotates_and_old_refresh_token_is_invalid_grant(
    start_sandbox: StartSandbox,
) -> None:
    sb = start_sandbox(auto_approve="demo")
    with client(sb) as c:
        first = device_login(c)
        body = {"refresh_token": first["refresh_token"], "grant_type": "refresh_token", **APP}
        body["redirect_uri"] = OOB
        second = c.post("/oauth/token", json=body)
        assert second.status_code == 200
        new = second.json()
        assert new["access_token"] != first["access_token"]
        assert new["refresh_token"] != first["refresh_token"]
        reused = c.post("/oauth/token", json=body)
        assert reused.status_code == 400
        assert reused.json()["error"] == "invalid_grant"
        assert reused.json()["error_description"]
        for token in (first["access_token"], new["access_token"]):  # old one lives on
            r = c.get("/users/settings", headers={"Authorization": f"Bearer {token}"})
            assert r.status_code == 200


def test_refresh_can_revoke_the_old_access_token(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(auto_approve="demo", revoke_access_on_refresh=True)
    with client(sb) as c:
        first = device_login(c)
        body = {"refresh_token": first["refresh_token"], "grant_type": "refresh_token", **APP}
        assert c.post("/oauth/token", json=body).status_code == 200
        r = c.get("/users/settings", headers={"Authorization": f"Bearer {first['access_token']}"})
        assert r.status_code == 401


def test_revoke_then_401(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(auto_approve="demo")
    with client(sb) as c:
        token = device_login(c)
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        assert c.get("/users/settings", headers=auth).status_code == 200
        r = c.post("/oauth/revoke", json={"token": token["access_token"], **APP})
        assert r.status_code == 200 and r.json() == {}
        assert c.get("/users/settings", headers=auth).status_code == 401
        body = {"refresh_token": token["refresh_token"], "grant_type": "refresh_token", **APP}
        assert c.post("/oauth/token", json=body).status_code == 400


def test_expiry_with_fake_clock_then_refresh(start_sandbox: StartSandbox, clock: FakeClock) -> None:
    sb = start_sandbox(auto_approve="demo", clock=clock, token_ttl=86400)
    with client(sb) as c:
        token = device_login(c)
        assert token["expires_in"] == 86400
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        clock.advance(86399)
        assert c.get("/users/settings", headers=auth).status_code == 200
        clock.advance(1)
        assert c.get("/users/settings", headers=auth).status_code == 401
        body = {"refresh_token": token["refresh_token"], "grant_type": "refresh_token", **APP}
        fresh = c.post("/oauth/token", json=body).json()
        r = c.get("/users/settings", headers={"Authorization": f"Bearer {fresh['access_token']}"})
        assert r.status_code == 200


def test_control_route_expires_tokens(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(auto_approve="demo")
    with client(sb) as c:
        token = device_login(c)
        auth = {"Authorization": f"Bearer {token['access_token']}"}
        assert c.post("/_sandbox/tokens/expire", json={"username": "demo"}).json() == {"expired": 1}
        assert c.get("/users/settings", headers=auth).status_code == 401


def test_required_auth_without_token_is_401(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        assert c.get("/users/settings").status_code == 401
        assert c.get("/users/me").status_code == 401
        r = c.get("/users/settings", headers={"Authorization": "Bearer not-a-token"})
        assert r.status_code == 401
