"""Required headers: api key, api version, User-Agent (Cloudflare), Content-Type."""

from __future__ import annotations

import httpx2
from sandbox_helpers import StartSandbox, client


def test_missing_or_unknown_api_key_is_403_json(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    headers = {"trakt-api-version": "2", "User-Agent": "traktkit-tests/1.0"}
    with httpx2.Client(base_url=sb.url, headers=headers) as c:
        for key in ({}, {"trakt-api-key": "not-a-real-client"}):
            r = c.get("/movies/inception-2010", headers=key)
            assert r.status_code == 403
            assert r.headers["content-type"].startswith("application/json")
            assert r.json()["error"] == "invalid_api_key"
            assert "error_description" in r.json()


def test_api_version_must_be_2(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        assert c.get("/movies/1", headers={"trakt-api-version": "1"}).status_code == 400
        c.headers.pop("trakt-api-version")
        r = c.get("/movies/inception-2010")
        assert r.status_code == 400
        assert r.json()["error"] == "invalid_api_version"


def test_no_user_agent_gets_cloudflare_html_403(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with httpx2.Client(base_url=sb.url) as raw:
        raw.headers.pop("user-agent", None)
        r = raw.get("/movies/inception-2010", headers={"trakt-api-key": "sandbox-client-id"})
    assert r.status_code == 403
    assert r.headers["server"] == "cloudflare"
    assert r.headers["cf-ray"]
    assert r.headers["content-type"].startswith("text/html")
    assert "blocked" in r.text
    with client(sb, **{"User-Agent": ""}) as c:  # an empty User-Agent counts as none
        assert c.get("/movies/inception-2010").status_code == 403


def test_user_agent_rule_can_be_disabled(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(require_user_agent=False)
    with client(sb, **{"User-Agent": ""}) as c:
        assert c.get("/movies/inception-2010").status_code == 200


def test_body_with_other_content_type_is_412(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        r = c.post(
            "/oauth/device/code",
            content=b"client_id=sandbox-client-id",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert r.status_code == 412
        r = c.post(
            "/oauth/device/code", content=b"{not json", headers={"Content-Type": "application/json"}
        )
        assert r.status_code == 400


def test_oauth_routes_need_no_api_key(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with httpx2.Client(base_url=sb.url, headers={"User-Agent": "t/1"}) as c:
        r = c.post("/oauth/device/code", json={"client_id": "sandbox-client-id"})
        assert r.status_code == 200


def test_unknown_route_404_and_wrong_method_405(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        assert c.get("/no/such/route").status_code == 404
        r = c.delete("/movies/inception-2010")
        assert r.status_code == 405
        assert "GET" in r.headers["allow"]
