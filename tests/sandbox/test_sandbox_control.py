"""Control routes: request counts by template, fault injection, clock, users."""

from __future__ import annotations

import httpx2
import pytest
from sandbox_helpers import FakeClock, Session, StartSandbox, client, control, device_login

DUNE = {"movies": [{"ids": {"slug": "dune-2021"}, "watched_at": "2024-01-15T20:00:00Z"}]}


def test_requests_are_counted_by_template(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        c.get("/movies/inception-2010")
        c.get("/movies/16662")
        c.get("/movies/does-not-exist")  # 404 still counts
        c.get("/users/settings")  # 401 still counts
        c.get("/what/ever")
        c.post("/oauth/device/code", json={"client_id": "sandbox-client-id"})
        counts = c.get("/_sandbox/requests").json()
        assert counts == {
            "total": 6,
            "by_route": {
                "GET /movies/{id}": 3,
                "GET /users/settings": 1,
                "GET unmatched": 1,
                "POST /oauth/device/code": 1,
            },
        }
        assert c.post("/_sandbox/reset").json() == {"total": 0, "by_route": {}}
        assert c.get("/_sandbox/requests").json()["total"] == 0


def test_fault_rules_fire_count_times(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        rules = [{"route": "GET /movies/{id}", "status": 503, "count": 2, "retry_after": 2}]
        assert c.post("/_sandbox/faults", json={"rules": rules}).status_code == 200
        for _ in range(2):
            r = c.get("/movies/inception-2010")
            assert r.status_code == 503
            assert r.headers["retry-after"] == "2"
            assert r.json()["error"] == "service_unavailable"
        assert c.get("/movies/inception-2010").status_code == 200
        state = c.get("/_sandbox/faults").json()["rules"][0]
        assert (state["fired"], state["remaining"]) == (2, 0)
        assert c.get("/_sandbox/requests").json()["by_route"]["GET /movies/{id}"] == 3


def test_cloudflare_and_429_faults(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        rules = [
            {"route": "GET /movies/{id}", "status": 520},
            {"route": "*", "status": 429, "count": 1, "retry_after": 3},
        ]
        c.post("/_sandbox/faults", json={"rules": rules})
        cf = c.get("/movies/inception-2010")
        assert cf.status_code == 520 and cf.headers["server"] == "cloudflare"
        assert cf.headers["content-type"].startswith("text/html")
        limited = c.get("/shows/breaking-bad")
        assert limited.status_code == 429 and limited.headers["retry-after"] == "3"
        assert c.get("/shows/breaking-bad").status_code == 200
        c.delete("/_sandbox/faults")
        assert c.get("/movies/inception-2010").status_code == 200


def test_faults_from_spec_string_and_bad_rules(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(faults="GET /movies/{id}=500x1;POST /oauth/device/code=502x1+html")
    with client(sb) as c:
        assert c.get("/movies/inception-2010").status_code == 500
        assert c.get("/movies/inception-2010").status_code == 200
        html = c.post("/oauth/device/code", json={"client_id": "sandbox-client-id"})
        assert html.status_code == 502 and html.headers["server"] == "cloudflare"
        bad = c.post("/_sandbox/faults", json={"rules": [{"route": "*", "status": 404}]})
        assert bad.status_code == 400


def test_delay_fault_provokes_client_timeout(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        rules = [{"route": "GET /movies/{id}", "status": 0, "delay": 0.3, "count": 1}]
        c.post("/_sandbox/faults", json={"rules": rules})
        with pytest.raises(httpx2.TimeoutException):
            c.get("/movies/inception-2010", timeout=0.05)
        assert c.get("/movies/inception-2010").status_code == 200


def _plays(s: Session) -> int:
    r = s.c.get("/sync/history/movies", params={"limit": 250})
    assert r.status_code == 200, r.text
    return len(r.json())


def test_fault_before_the_handler_applies_nothing(session: Session) -> None:
    control(session.sb, "/_sandbox/faults", {"rules": [{"route": "POST /sync/history"}]})
    assert session.c.post("/sync/history", json=DUNE).status_code == 500
    assert _plays(session) == 0


def test_after_fault_applies_the_write_then_answers_the_status(session: Session) -> None:
    rule = {"route": "POST /sync/history", "status": 503, "retry_after": 1, "after": True}
    described = control(session.sb, "/_sandbox/faults", {"rules": [rule]})["rules"][0]
    assert described["after"] is True
    r = session.c.post("/sync/history", json=DUNE)
    assert r.status_code == 503 and r.headers["retry-after"] == "1"
    assert r.json()["error"] == "service_unavailable"
    assert _plays(session) == 1  # applied although the client saw a 503
    counts = session.c.get("/_sandbox/requests").json()["by_route"]
    assert counts["POST /sync/history"] == 1  # handled and counted once
    assert session.c.post("/sync/history", json=DUNE).status_code == 201  # rule used up
    assert _plays(session) == 2  # history never de-duplicates


def test_after_fault_replaces_an_error_answer_too(session: Session) -> None:
    rule = {"route": "GET /movies/{id}", "status": 502, "html": False, "after": True}
    control(session.sb, "/_sandbox/faults", {"rules": [rule]})
    assert session.c.get("/movies/does-not-exist").status_code == 502
    assert session.c.get("/movies/does-not-exist").status_code == 404


def test_after_delay_fault_times_out_once_the_write_is_applied(session: Session) -> None:
    rule = {"route": "POST /sync/history", "status": 0, "delay": 1.0, "after": True}
    control(session.sb, "/_sandbox/faults", {"rules": [rule]})
    with pytest.raises(httpx2.TimeoutException):
        session.c.post("/sync/history", json=DUNE, timeout=0.2)
    assert _plays(session) == 1  # already applied while the answer is still held back


def test_after_delay_with_status_0_answers_normally_late(session: Session) -> None:
    rule = {"route": "POST /sync/history", "status": 0, "delay": 0.1, "after": True}
    control(session.sb, "/_sandbox/faults", {"rules": [rule]})
    r = session.c.post("/sync/history", json=DUNE)
    assert r.status_code == 201 and r.json()["added"]["movies"] == 1
    assert _plays(session) == 1


def test_clock_control_expires_tokens(start_sandbox: StartSandbox, clock: FakeClock) -> None:
    sb = start_sandbox(clock=clock, auto_approve="demo", token_ttl=3600)
    with client(sb) as c:
        token = device_login(c)["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        assert c.get("/users/settings", headers=auth).status_code == 200
        assert c.post("/_sandbox/clock", json={"advance": 3600}).status_code == 200
        assert c.get("/users/settings", headers=auth).status_code == 401


def test_activate_errors(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        r = c.post("/_sandbox/activate", json={"user_code": "NOPE1234", "username": "x"})
        assert r.status_code == 404
        assert c.post("/_sandbox/activate", json={}).status_code == 400
        code = c.post("/oauth/device/code", json={"client_id": "sandbox-client-id"}).json()
        body = {"user_code": code["user_code"].lower(), "username": "erin"}
        assert c.post("/_sandbox/activate", json=body).status_code == 200
        assert c.post("/_sandbox/activate", json=body).status_code == 409


def test_registered_app_gets_its_own_key(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        app = {"client_id": "second-app", "client_secret": "s3cret"}
        assert c.post("/_sandbox/apps", json=app).status_code == 200
        r = c.get("/movies/inception-2010", headers={"trakt-api-key": "second-app"})
        assert r.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"limits": {"watchlist": -1}},
        {"limits": {"watchlist": "3"}},
        {"limits": {"shelves": 3}},
        {"limits": [3]},
        {"watchlist_sort": ["added", "up"]},
    ],
)
def test_user_limit_and_sort_overrides_are_validated(
    start_sandbox: StartSandbox, body: dict[str, object]
) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        r = c.post("/_sandbox/users", json={"username": "demo", **body})
        assert r.status_code == 400 and r.json()["error"] == "invalid_body"


def test_user_limit_overrides_apply_and_clear(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        r = c.post("/_sandbox/users", json={"username": "demo", "limits": {"watchlist": 2}})
        assert r.json()["limits"]["watchlist"] == {"item_count": 2}
        r = c.post("/_sandbox/users", json={"username": "demo", "vip": True})
        assert r.json()["limits"]["watchlist"] == {"item_count": 2}  # the override stays
        r = c.post("/_sandbox/users", json={"username": "demo", "limits": None})
        assert r.json()["limits"]["watchlist"] == {"item_count": 5000}
