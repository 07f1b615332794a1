"""The tool list: names, truthful hints, typed inputs with descriptions, structured
outputs; building the server sends nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mcp import Client

from tests.conftest import Sandbox
from tests.mcp.mcp_helpers import server_for
from traktkit.config import Settings
from traktkit.mcp.server import build_server

pytestmark = pytest.mark.anyio

# name: (readOnly, destructive, idempotent, openWorld)
HINTS = {
    "search": (True, False, True, True),
    "item_details": (True, False, True, True),
    "trending": (True, False, True, True),
    "popular": (True, False, True, True),
    "recommendations": (True, False, True, True),
    "watchlist_list": (True, False, True, True),
    "history_list": (True, False, True, True),
    "ratings_list": (True, False, True, True),
    "collection_list": (True, False, True, True),
    "stats": (True, False, True, False),
    "watchlist_add": (False, False, True, True),
    "watchlist_remove": (False, True, True, True),
    "mark_watched": (False, False, False, True),
    "rate": (False, True, True, True),
    "collection_add": (False, True, True, True),
    "sync": (False, False, True, True),
    "login_start": (False, False, False, True),
    "login_complete": (False, False, False, True),
}
WRITES = ("watchlist_add", "watchlist_remove", "mark_watched", "rate", "collection_add")


async def test_tools_hints_and_schemas(sandbox: Sandbox) -> None:
    async with Client(server_for(sandbox)) as client:
        tools = {tool.name: tool for tool in (await client.list_tools()).tools}
        assert client.instructions is not None and "login_start" in client.instructions
    assert set(tools) == set(HINTS)
    for name, (read_only, destructive, idempotent, open_world) in HINTS.items():
        tool = tools[name]
        hints = tool.annotations
        assert hints is not None, name
        assert hints.read_only_hint is read_only, name
        assert hints.destructive_hint is destructive, name
        assert hints.idempotent_hint is idempotent, name
        assert hints.open_world_hint is open_world, name
        assert tool.description and len(tool.description) > 40, name
        assert tool.output_schema is not None, name  # results arrive as structured content
        for prop, schema in tool.input_schema.get("properties", {}).items():
            assert schema.get("description"), f"{name}.{prop} has no description"
    for name in WRITES:  # many items at once, as text or objects with ids
        items = tools[name].input_schema["properties"]["items"]
        assert items["type"] == "array" and items["maxItems"] >= 250
        assert items["examples"], name
        kinds = items["items"]["anyOf"]
        assert {"type": "string"} in kinds and any("$ref" in k for k in kinds)
    assert tools["rate"].input_schema["properties"]["rating"]["maximum"] == 10
    media = tools["collection_add"].input_schema["properties"]["media_type"]
    assert "bluray" in media["enum"]


async def test_building_and_listing_send_nothing(sandbox: Sandbox) -> None:
    sandbox.reset_counts()
    server = build_server(Settings.from_env(sandbox.env))
    async with Client(server) as client:
        assert len((await client.list_tools()).tools) == len(HINTS)
    assert sandbox.requests()["total"] == 0
    assert not (sandbox.home / "mirror.sqlite3").exists()


def test_importing_traktkit_does_not_import_the_sdk(tmp_path: Path) -> None:
    code = (
        "import sys, traktkit, traktkit.mcp, traktkit.cli.main; "
        "print(any(m == 'mcp' or m.startswith('mcp.') for m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"
