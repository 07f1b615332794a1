"""Helpers of the MCP server tests: a server built in-process over a sandbox, tool calls
that must succeed or fail, and sandbox controls.

The server's shared `Trakt` client paces writes like the CLI tests do (twice the
sandbox's write interval), through the factory `build_server` takes.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from mcp import Client
from mcp.server import MCPServer
from mcp.types import CallToolResult

from tests.conftest import Sandbox
from traktkit.client import Trakt
from traktkit.config import Settings
from traktkit.mcp.server import build_server

FAST_HTTP = {"write_interval": 0.1}


def settings_for(sb: Sandbox) -> Settings:
    return Settings.from_env(sb.env)


def server_for(sb: Sandbox, **settings: Any) -> MCPServer:
    """A server over `sb` (settings from its environment with `settings` replaced, fast
    write pacing)."""
    return build_server(
        dataclasses.replace(settings_for(sb), **settings),
        functools.partial(Trakt, http_options=FAST_HTTP),
    )


@asynccontextmanager
async def connect(sb: Sandbox, **settings: Any) -> AsyncIterator[Client]:
    async with Client(server_for(sb, **settings)) as client:
        yield client


def text_of(result: CallToolResult) -> str:
    return "\n".join(getattr(block, "text", "") for block in result.content)


async def ok(client: Client, name: str, args: dict[str, Any] | None = None) -> Any:
    """Call a tool that must succeed; its structured content."""
    result = await client.call_tool(name, args or {})
    assert not result.is_error, f"{name} failed: {text_of(result)}"
    assert result.structured_content is not None
    return result.structured_content


async def fails(client: Client, name: str, args: dict[str, Any] | None = None) -> str:
    """Call a tool that must fail with a ToolError; its message."""
    result = await client.call_tool(name, args or {})
    assert result.is_error, f"{name} should have failed: {result.structured_content}"
    return text_of(result)


def count(sb: Sandbox, route: str) -> int:
    by_route: dict[str, int] = sb.requests()["by_route"]
    return by_route.get(route, 0)


def statuses(report: dict[str, Any]) -> list[str]:
    return [entry["status"] for entry in report["items"]]


def token_pair(sb: Sandbox) -> tuple[str, str]:
    """The access and refresh tokens stored in TRAKTKIT_HOME."""
    data = json.loads((sb.home / "token.json").read_text(encoding="utf-8"))
    token = data["token"]
    return token["access_token"], token["refresh_token"]


def limit_watchlist(sb: Sandbox, limit: int) -> None:
    sb.control("POST", "/_sandbox/users", {"username": "demo", "limits": {"watchlist": limit}})


def fault(sb: Sandbox, route: str, status: int = 429, **extra: Any) -> None:
    rule = {"route": route, "status": status, "count": "*", **extra}
    sb.control("POST", "/_sandbox/faults", {"rules": [rule]})
