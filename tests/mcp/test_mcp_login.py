"""login_start / login_complete: the device flow from an assistant."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Sandbox
from tests.mcp.mcp_helpers import connect, fails, ok, token_pair

pytestmark = pytest.mark.anyio


def approve(sb: Sandbox, start: dict[str, Any]) -> None:
    sb.control("POST", "/_sandbox/activate", {"user_code": start["user_code"], "username": "demo"})


async def test_start_pending_then_approved(manual: Sandbox) -> None:
    async with connect(manual) as client:
        start = await ok(client, "login_start")
        assert start["verification_url"].startswith(manual.url)
        assert start["user_code"] and start["expires_in"] == 600
        assert start["already_logged_in"] is False
        assert start["user_code"] in start["next_step"] and "login_complete" in start["next_step"]
        assert "device_code" not in start

        pending = await ok(client, "login_complete", {"wait_seconds": 0})
        assert pending["status"] == "pending" and pending["username"] is None
        assert pending["user_code"] == start["user_code"]
        assert "login_complete again" in pending["message"]

        approve(manual, start)
        done = await ok(client, "login_complete", {"wait_seconds": 10})
        assert done["status"] == "logged_in" and done["username"] == "demo"
        assert done["expires_at"].endswith("Z")
        assert token_pair(manual)  # saved like `trakt login` saves it

        listing = await ok(client, "watchlist_list")  # the new login is used right away
        assert listing["items"] == []
        again = await fails(client, "login_complete")
        assert "call login_start first" in again

        second = await ok(client, "login_start")
        assert second["already_logged_in"] is True


async def test_auto_approved_login(sandbox: Sandbox) -> None:
    async with connect(sandbox) as client:
        await ok(client, "login_start")
        done = await ok(client, "login_complete")
        assert done["status"] == "logged_in" and done["username"] == "demo"
    assert sandbox.cli("whoami").exit_code == 0  # the CLI sees the same stored login


async def test_complete_without_start(manual: Sandbox) -> None:
    async with connect(manual) as client:
        message = await fails(client, "login_complete")
    assert "No login is in progress" in message and "login_start" in message


async def test_denied(manual: Sandbox) -> None:
    async with connect(manual) as client:
        start = await ok(client, "login_start")
        manual.control("POST", "/_sandbox/deny", {"user_code": start["user_code"]})
        message = await fails(client, "login_complete", {"wait_seconds": 5})
        assert "denied" in message
        after = await fails(client, "login_complete")
        assert "call login_start first" in after  # the denied code is forgotten


async def test_expired(manual: Sandbox) -> None:
    async with connect(manual) as client:
        await ok(client, "login_start")
        manual.control("POST", "/_sandbox/clock", {"advance": 700})  # past the 600 s code
        message = await fails(client, "login_complete", {"wait_seconds": 5})
        assert "expired" in message and "login_start" in message


async def test_login_needs_the_app_credentials(manual: Sandbox) -> None:
    manual.env["TRAKT_CLIENT_SECRET"] = ""
    async with connect(manual) as client:
        message = await fails(client, "login_start")
    assert "TRAKT_CLIENT_SECRET" in message and "env" in message
