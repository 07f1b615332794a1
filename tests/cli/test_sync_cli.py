"""`trakt sync` end to end: the real CLI against the sandbox."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Sandbox, make_sandbox
from tests.mirror.mirror_helpers import (
    SMALL_CATALOGUE,
    SMALL_LIBRARY,
    assert_mirror_equals_server,
    expected_full_requests,
    library,
)
from traktkit.mirror import Mirror


@pytest.fixture
def sb(tmp_path: Path) -> Iterator[Sandbox]:
    for sandbox in make_sandbox(
        tmp_path, auto_approve="demo", library=SMALL_LIBRARY, **SMALL_CATALOGUE
    ):
        result = sandbox.cli("login")
        assert result.exit_code == 0, result.stderr
        sandbox.reset_counts()
        yield sandbox


def _mirror(sb: Sandbox) -> Mirror:
    return Mirror(sb.home / "mirror.sqlite3")


def test_sync_json_then_nothing_changed(sb: Sandbox) -> None:
    first = sb.cli("sync", "--json")
    assert first.exit_code == 0, first.stderr
    data = first.json()
    _, total = expected_full_requests(sb)
    assert data["requests"] == total == sb.requests()["total"]
    sections = {s["section"]: s for s in data["sections"]}
    assert sections["history"]["status"] == "full"
    assert sections["history"]["added"] == sections["history"]["total"] == len(library(sb).history)
    assert "history" in data["changed"]
    with _mirror(sb) as mirror:
        assert_mirror_equals_server(sb, mirror)

    sb.reset_counts()
    second = sb.cli("sync", "--json")
    assert second.exit_code == 0, second.stderr
    assert second.json()["requests"] == 1 == sb.requests()["total"]
    assert second.json()["changed"] == []


def test_sync_human_output_and_full(sb: Sandbox) -> None:
    result = sb.cli("sync")
    assert result.exit_code == 0, result.stderr
    assert "history" in result.stdout and "full" in result.stdout
    assert "Synced in" in result.stdout
    sb.reset_counts()
    again = sb.cli("sync", "--full")
    assert again.exit_code == 0, again.stderr
    _, total = expected_full_requests(sb)
    assert sb.requests()["total"] == total
    assert "nothing changed" in again.stdout


def test_sync_needs_a_login(tmp_path: Path) -> None:
    for sandbox in make_sandbox(tmp_path, auto_approve="demo"):
        result = sandbox.cli("sync", "--json")
        assert result.exit_code == 4
        assert "trakt login" in result.json()["error"]
        assert sandbox.requests()["total"] == 0


def test_sync_killed_part_way_then_rerun_converges(sb: Sandbox) -> None:
    # the watchlist answers slowly: the process is killed while it waits for it, after
    # settings, history, watched and ratings were stored
    rule = {"route": "GET /sync/watchlist", "status": 0, "delay": 1, "count": 1}
    sb.control("POST", "/_sandbox/faults", {"rules": [rule]})
    env = {**os.environ, **sb.env}
    process = subprocess.Popen(
        [sys.executable, "-m", "traktkit", "sync"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while sb.requests()["by_route"].get("GET /sync/watchlist", 0) == 0:
            assert process.poll() is None, "sync ended before the slow request"
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    sb.control("DELETE", "/_sandbox/faults")

    with _mirror(sb) as mirror:
        done = {s.section for s in mirror.states() if s.status == "ok"}
        assert {"settings", "history", "ratings.movies"} <= done
        assert "watchlist" not in done and mirror.last_sync_at() is None
        assert mirror.counts()["plays"] == len(library(sb).history)

    sb.reset_counts()
    rerun = sb.cli("sync", "--json")
    assert rerun.exit_code == 0, rerun.stderr
    fetched = {s["section"] for s in rerun.json()["sections"] if s["status"] == "full"}
    assert "history" not in fetched and "watchlist" in fetched
    assert "GET /sync/history" not in sb.requests()["by_route"]
    with _mirror(sb) as mirror:
        assert_mirror_equals_server(sb, mirror)
        assert mirror.last_sync_at() is not None
