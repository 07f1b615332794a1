"""`python -m traktkit mcp` as a subprocess over stdio: list the tools, call two."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from mcp import Client, StdioServerParameters, stdio_client

from tests.conftest import Sandbox
from tests.mcp.mcp_helpers import ok, token_pair
from tests.mcp.test_mcp_server import HINTS

pytestmark = pytest.mark.anyio


async def test_stdio_server(logged_in: Sandbox, tmp_path: Path) -> None:
    env = {**os.environ, **logged_in.env, "TRAKTKIT_LOG_LEVEL": "DEBUG"}
    params = StdioServerParameters(
        command=sys.executable, args=["-m", "traktkit", "mcp"], env=env, cwd=str(tmp_path)
    )
    log = tmp_path / "server.log"
    with log.open("w", encoding="utf-8") as errlog:
        async with Client(stdio_client(params, errlog=errlog), read_timeout_seconds=60) as client:
            assert client.server_info is not None and client.server_info.name == "traktkit"
            tools = (await client.list_tools()).tools
            assert {tool.name for tool in tools} == set(HINTS)

            added = await ok(client, "watchlist_add", {"items": ["Inception (2010)"]})
            assert added["counts"] == {"added": 1}
            listing = await ok(client, "watchlist_list")
            assert [e["item"]["title"] for e in listing["items"]] == ["Inception"]
            failed = await client.call_tool("search", {"query": "imdb:bad"})
            assert failed.is_error

    lines = log.read_text(encoding="utf-8")
    assert "traktkit" in lines  # logging went to stderr (DEBUG: the HTTP requests)
    access, refresh = token_pair(logged_in)
    assert access not in lines and refresh not in lines
