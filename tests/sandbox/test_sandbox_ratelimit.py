"""Rate limits (REFERENCE §5): token buckets, 429 + Retry-After + X-Ratelimit."""

from __future__ import annotations

import json

import sandbox_extra_routes
from sandbox_helpers import FakeClock, StartSandbox, client, device_login

from traktkit.sandbox import SandboxConfig
from traktkit.sandbox.routes import ROUTE_MODULES
from traktkit.sandbox.server import running_sandbox


def test_unauthenticated_get_bucket_per_client(
    start_sandbox: StartSandbox, clock: FakeClock
) -> None:
    sb = start_sandbox(clock=clock, unauthed_get_limit=3, get_period=300)
    with client(sb) as c:
        for _ in range(3):
            assert c.get("/movies/inception-2010").status_code == 200
        r = c.get("/movies/inception-2010")
        assert r.status_code == 429
        assert r.headers["retry-after"] == "100"
        info = json.loads(r.headers["x-ratelimit"])
        assert info["name"] == "UNAUTHED_API_GET_LIMIT"
        assert (info["period"], info["limit"], info["remaining"]) == (300, 3, 0)
        assert info["until"].endswith("Z")
        clock.advance(100)
        assert c.get("/movies/inception-2010").status_code == 200
        assert c.get("/movies/inception-2010").status_code == 429


def test_authenticated_get_bucket_is_per_user(
    start_sandbox: StartSandbox, clock: FakeClock
) -> None:
    sb = start_sandbox(clock=clock, auto_approve="demo", get_limit=2, unauthed_get_limit=100)
    with client(sb) as c:
        token = device_login(c)["access_token"]
        with client(sb, token=token) as authed:
            assert authed.get("/users/settings").status_code == 200
            assert authed.get("/movies/1").status_code in (200, 404)
            limited = authed.get("/users/settings")
            assert limited.status_code == 429
            assert json.loads(limited.headers["x-ratelimit"])["name"] == "AUTHED_API_GET_LIMIT"
        assert c.get("/movies/inception-2010").status_code == 200  # other bucket
        assert c.post("/oauth/device/code", json={"client_id": "sandbox-client-id"}).is_success


def test_one_write_per_interval(clock: FakeClock) -> None:
    config = SandboxConfig(
        clock=clock,
        auto_approve="demo",
        write_interval=1.0,
        device_interval=0.05,
        synthetic_movies=10,
        synthetic_shows=2,
    )
    modules = (*ROUTE_MODULES, sandbox_extra_routes)
    with running_sandbox(config, route_modules=modules) as sb, client(sb) as c:
        token = device_login(c)["access_token"]
        with client(sb, token=token) as authed:
            first = authed.post("/test/echo", json={"a": 1})
            assert first.status_code == 201 and first.json()["user"] == "demo"
            second = authed.post("/test/echo", json={"a": 2})
            assert second.status_code == 429
            assert second.headers["retry-after"] == "1"
            info = json.loads(second.headers["x-ratelimit"])
            assert (info["name"], info["period"], info["limit"]) == ("AUTHED_API_POST_LIMIT", 1, 1)
            clock.advance(1.0)
            assert authed.post("/test/echo", json={"a": 3}).status_code == 201


def test_runtime_config_change(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(unauthed_get_limit=1000)
    with client(sb) as c:
        r = c.post("/_sandbox/config", json={"unauthed_get_limit": 1})
        assert r.status_code == 200 and r.json()["unauthed_get_limit"] == 1
        assert c.get("/movies/inception-2010").status_code == 200
        assert c.get("/movies/inception-2010").status_code == 429
        bad = c.post("/_sandbox/config", json={"get_limit": 0})
        assert bad.status_code == 400
        assert c.post("/_sandbox/config", json={"nope": 1}).status_code == 400
