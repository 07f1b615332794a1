"""`trakt login / whoami / logout` end to end: the real CLI against the sandbox."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Sandbox, make_sandbox


@pytest.fixture
def manual(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A sandbox that does NOT auto-approve: someone must act on the code."""
    yield from make_sandbox(tmp_path)


def _secrets(sb: Sandbox) -> list[str]:
    token = json.loads((sb.home / "token.json").read_text())["token"]
    return [token["access_token"], token["refresh_token"]]


def test_device_login_approved_then_whoami(sandbox: Sandbox) -> None:
    result = sandbox.cli("login")
    assert result.exit_code == 0, result.stderr
    shown = r"open http://127\.0\.0\.1:\d+/activate and enter the code \w{8}"
    assert re.search(shown, result.stderr)
    assert "Logged in as demo" in result.stdout

    who = sandbox.cli("whoami", "--json")
    assert who.exit_code == 0, who.stderr
    data = who.json()
    assert data["user"]["username"] == "demo"
    assert data["token"]["source"] == "store"
    assert data["token"]["expires_at"].endswith("Z")

    # the token file is private and no output ever shows a token
    mode = stat.S_IMODE((sandbox.home / "token.json").stat().st_mode)
    assert mode == 0o600
    for secret in _secrets(sandbox):
        for text in (result.stdout, result.stderr, who.stdout, who.stderr):
            assert secret not in text


def test_login_json_reports_user_not_token(sandbox: Sandbox) -> None:
    result = sandbox.cli("login", "--json")
    assert result.exit_code == 0
    data = result.json()
    assert data["username"] == "demo"
    assert set(data) == {"username", "name", "vip", "expires_at", "store"}
    for secret in _secrets(sandbox):
        assert secret not in result.stdout + result.stderr


def _start_login(sb: Sandbox) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "traktkit", "login"],
        env={**os.environ, **sb.env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()
    match = re.search(r"enter the code (\w+)", line)
    assert match, line
    return proc, match.group(1)


def test_device_login_approved_by_a_person(manual: Sandbox) -> None:
    proc, code = _start_login(manual)
    manual.control("POST", "/_sandbox/activate", {"user_code": code, "username": "alice"})
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Logged in as alice" in out


def test_device_login_denied_exits_4(manual: Sandbox) -> None:
    proc, code = _start_login(manual)
    manual.control("POST", "/_sandbox/deny", {"user_code": code})
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 4
    assert "denied" in err.lower()
    assert not (manual.home / "token.json").exists()


def test_device_login_expired_exits_4(tmp_path: Path) -> None:
    for sb in make_sandbox(tmp_path, device_code_ttl=1):
        result = sb.cli("login")
        assert result.exit_code == 4
        assert "expired" in result.stderr.lower()
        counts = sb.requests()["by_route"]
        assert counts["POST /oauth/device/token"] >= 2


def test_device_login_slowed_down_still_succeeds(sandbox: Sandbox) -> None:
    rule = {"route": "POST /oauth/device/token", "status": 429, "count": 2}
    sandbox.control("POST", "/_sandbox/faults", {"rules": [rule]})
    result = sandbox.cli("login")
    assert result.exit_code == 0, result.stderr
    counts = sandbox.requests()["by_route"]
    assert counts["POST /oauth/device/token"] == 3  # two "slow down" answers, then the token


def test_not_logged_in_exits_4_and_sends_nothing(sandbox: Sandbox) -> None:
    result = sandbox.cli("whoami")
    assert result.exit_code == 4
    assert "trakt login" in result.stderr
    assert sandbox.requests()["total"] == 0


def test_missing_client_id_exits_2(sandbox: Sandbox) -> None:
    result = sandbox.cli("whoami", TRAKT_CLIENT_ID="")
    assert result.exit_code == 2
    assert "TRAKT_CLIENT_ID" in result.stderr


def test_401_then_refresh_then_success_and_rotation(logged_in: Sandbox) -> None:
    old_access, old_refresh = _secrets(logged_in)
    logged_in.control("POST", "/_sandbox/tokens/expire", {"username": "demo"})
    logged_in.reset_counts()

    result = logged_in.cli("whoami", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["user"]["username"] == "demo"
    counts = logged_in.requests()["by_route"]
    assert counts["GET /users/settings"] == 2  # 401, then the replay
    assert counts["POST /oauth/token"] == 1  # exactly one refresh

    new_access, new_refresh = _secrets(logged_in)
    assert new_access != old_access and new_refresh != old_refresh
    # the old refresh token is spent: the server rejects it (single-use rotation)
    import httpx2

    reply = httpx2.post(
        logged_in.url + "/oauth/token",
        json={
            "refresh_token": old_refresh,
            "client_id": "sandbox-client-id",
            "client_secret": "sandbox-client-secret",
            "redirect_uri": "urn:ietf:wg:oauth:2.0:oob",
            "grant_type": "refresh_token",
        },
        headers={"User-Agent": "tests"},
    )
    assert reply.status_code == 400
    assert reply.json()["error"] == "invalid_grant"
    for secret in (old_access, old_refresh, new_access, new_refresh):
        assert secret not in result.stdout + result.stderr


def test_two_processes_refreshing_at_once_both_work(logged_in: Sandbox) -> None:
    logged_in.control("POST", "/_sandbox/tokens/expire", {"username": "demo"})
    logged_in.reset_counts()
    env = {**os.environ, **logged_in.env}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "traktkit", "whoami", "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=60) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert json.loads(out)["user"]["username"] == "demo"
    # one process refreshed; the other found the new token in the store under the lock
    assert logged_in.requests()["by_route"]["POST /oauth/token"] == 1
    # and the stored token still works afterwards
    assert logged_in.cli("whoami").exit_code == 0


def test_429_then_wait_then_success(logged_in: Sandbox) -> None:
    logged_in.control(
        "POST",
        "/_sandbox/faults",
        {"rules": [{"route": "GET /users/settings", "status": 429, "count": 1, "retry_after": 1}]},
    )
    logged_in.reset_counts()
    result = logged_in.cli("whoami", "--json")
    assert result.exit_code == 0, result.stderr
    assert "waiting" in result.stderr  # told the user about the Retry-After wait
    assert logged_in.requests()["by_route"]["GET /users/settings"] == 2


def test_server_errors_are_retried_for_reads(logged_in: Sandbox) -> None:
    logged_in.control(
        "POST",
        "/_sandbox/faults",
        {"rules": [{"route": "GET /users/settings", "status": 520, "count": 1}]},
    )
    result = logged_in.cli("whoami")
    assert result.exit_code == 0, result.stderr


def test_logout_revokes_then_forgets(logged_in: Sandbox) -> None:
    access, _ = _secrets(logged_in)
    result = logged_in.cli("logout", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json() == {
        "revoked": True,
        "forgotten": True,
        "error": None,
        "env_active": False,
    }
    assert not (logged_in.home / "token.json").exists()
    import httpx2

    reply = httpx2.get(
        logged_in.url + "/users/settings",
        headers={
            "Authorization": f"Bearer {access}",
            "trakt-api-key": "sandbox-client-id",
            "trakt-api-version": "2",
            "User-Agent": "tests",
        },
    )
    assert reply.status_code == 401
    assert logged_in.cli("whoami").exit_code == 4


def test_env_tokens_win_over_the_stored_one(logged_in: Sandbox) -> None:
    result = logged_in.cli("whoami", "--json", TRAKT_ACCESS_TOKEN="not-a-valid-token")
    assert result.exit_code == 4
    assert "not-a-valid-token" not in result.stdout + result.stderr


def test_code_flow(sandbox: Sandbox) -> None:
    url = sandbox.cli("login", "--print-url", "--json").json()["authorize_url"]
    assert "/oauth/authorize?" in url and "urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob" in url
    import httpx2

    page = httpx2.get(url + "&username=carol", headers={"User-Agent": "tests"}).text
    code = re.search(r'<code id="code">(\w+)</code>', page)
    assert code, page
    result = sandbox.cli("login", "--code", code.group(1))
    assert result.exit_code == 0, result.stderr
    assert "Logged in as carol" in result.stdout


def test_sandbox_serve_prints_url_first(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "traktkit", "sandbox", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        import httpx2

        reply = httpx2.get(url + "/_sandbox/requests")
        assert reply.json()["total"] == 0
    finally:
        proc.terminate()
        proc.wait(timeout=10)
