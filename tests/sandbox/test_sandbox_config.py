"""Config and SPEC parsing, route matching: pure unit tests (no server)."""

from __future__ import annotations

from typing import Any

import pytest

from traktkit.sandbox import (
    FaultRule,
    LibrarySpec,
    SandboxConfig,
    SpecError,
    parse_faults_spec,
    parse_library_spec,
)
from traktkit.sandbox.routes import ROUTE_MODULES
from traktkit.sandbox.routing import Router


def test_defaults_are_the_real_numbers() -> None:
    cfg = SandboxConfig()
    assert (cfg.token_ttl, cfg.device_code_ttl, cfg.device_interval) == (604800, 600, 5)
    assert (cfg.get_limit, cfg.get_period, cfg.write_interval) == (1000, 300, 1.0)
    assert cfg.pagination_profile == "2026" and cfg.require_user_agent
    assert cfg.library_user == "demo"
    assert SandboxConfig(auto_approve="ann").library_user == "ann"


def test_library_spec() -> None:
    assert parse_library_spec(None).empty and parse_library_spec("empty").empty
    spec = parse_library_spec("synthetic:plays=10000,ratings=2000,watchlist=250,collection=1000")
    assert spec == LibrarySpec(plays=10000, ratings=2000, watchlist=250, collection=1000)
    assert parse_library_spec("synthetic").plays > 0


@pytest.mark.parametrize(
    "bad", ["random", "synthetic:plays=x", "synthetic:foo=1", "synthetic:plays=-1"]
)
def test_bad_library_spec(bad: str) -> None:
    with pytest.raises(SpecError):
        parse_library_spec(bad)


def test_faults_spec() -> None:
    rules = parse_faults_spec(
        "GET /users/settings=503x2;POST /oauth/device/token=429x1+retry_after=2;*=0x*+delay=0.5"
    )
    assert rules == [
        FaultRule("GET /users/settings", 503, 2),
        FaultRule("POST /oauth/device/token", 429, 1, retry_after=2.0),
        FaultRule("*", 0, None, delay=0.5),
    ]


def test_faults_spec_after_option() -> None:
    rules = parse_faults_spec("POST /sync/history=503x1+after;POST /sync/history=0x2+delay=2+after")
    assert rules == [
        FaultRule("POST /sync/history", 503, 1, after=True),
        FaultRule("POST /sync/history", 0, 2, delay=2.0, after=True),
    ]
    assert parse_faults_spec("GET /x=503")[0].after is False  # before the handler by default


def test_fault_rule_from_json_after() -> None:
    rule = FaultRule.from_json({"route": "POST /sync/history", "status": 503, "after": True})
    assert rule == FaultRule("POST /sync/history", 503, 1, after=True)
    assert FaultRule.from_json({"route": "*"}).after is False
    with pytest.raises(SpecError, match="after"):
        FaultRule.from_json({"route": "*", "after": "yes"})


@pytest.mark.parametrize(
    "bad",
    ["GET /x", "GET /x=404", "nonsense=500", "GET /x=500+color=red", "GET /x=503+after=1"],
)
def test_bad_faults_spec(bad: str) -> None:
    with pytest.raises(SpecError):
        parse_faults_spec(bad)


@pytest.mark.parametrize(
    "options",
    [{"pagination_profile": "2019"}, {"token_ttl": 0}, {"library": "nope"}, {"get_period": 0}],
)
def test_bad_config(options: dict[str, Any]) -> None:
    with pytest.raises(SpecError):
        SandboxConfig(**options)


def test_from_cli_options() -> None:
    cfg = SandboxConfig.from_cli_options(auto_approve="", library="empty", token_ttl=86400)
    assert cfg.auto_approve is None and cfg.token_ttl == 86400
    with pytest.raises(SpecError):
        SandboxConfig.from_cli_options(colour="blue")


def test_router_prefers_literal_segments_and_reports_methods() -> None:
    router = Router.from_modules(ROUTE_MODULES)
    settings = router.match("GET", "/users/settings")
    assert settings.spec is not None and settings.spec.path == "/users/settings"
    other = router.match("GET", "/users/sean")
    assert other.spec is not None and other.params == {"id": "sean"}
    wrong = router.match("DELETE", "/users/sean")
    assert wrong.spec is None and wrong.allowed == ("GET",)
    assert router.match("GET", "/nothing/here").allowed == ()
    with pytest.raises(ValueError):
        Router(router.routes + router.routes[:1])
