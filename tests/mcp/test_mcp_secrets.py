"""No tool result, tool error or log line ever contains the access or refresh token."""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
from typing import Any

import pytest
from mcp import Client

from tests.conftest import Sandbox
from tests.mcp.mcp_helpers import FAST_HTTP, fault, limit_watchlist, settings_for, token_pair
from traktkit.client import Trakt
from traktkit.mcp.server import build_server

pytestmark = pytest.mark.anyio

SUCCESSES: list[tuple[str, dict[str, Any]]] = [
    ("search", {"query": "Breaking Bad"}),
    ("item_details", {"item": "Breaking Bad S01E01"}),
    ("trending", {"limit": 3}),
    ("popular", {"type": "shows", "limit": 3}),
    ("recommendations", {"limit": 3}),
    ("watchlist_add", {"items": ["Inception (2010)", "Breaking Bad S02"]}),
    ("watchlist_list", {}),
    ("watchlist_remove", {"items": ["Breaking Bad S02"]}),
    ("mark_watched", {"items": ["The Matrix (1999)"]}),
    ("history_list", {}),
    ("rate", {"items": ["Breaking Bad"], "rating": 10}),
    ("ratings_list", {}),
    ("collection_add", {"items": ["Blade Runner 2049 (2017)"], "media_type": "bluray"}),
    ("collection_list", {}),
    ("sync", {}),
    ("stats", {}),
    ("watchlist_list", {}),  # from the mirror
]
FAILURES: list[tuple[str, dict[str, Any]]] = [
    ("watchlist_add", {"items": ["Dune"]}),  # ambiguous
    ("item_details", {"item": "Zzqx Nothing Like This"}),  # not found
    ("rate", {"items": ["tt0903747"], "rating": 11}),  # schema
    ("mark_watched", {"items": ["Inception"], "watched_at": "tomorrow"}),  # invalid
    ("login_complete", {}),  # nothing pending
]


class Transcript:
    """Everything the model and the logs got to see."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    async def call(self, client: Client, name: str, args: dict[str, Any]) -> Any:
        result = await client.call_tool(name, args)
        self.parts += [getattr(block, "text", "") for block in result.content]
        self.parts.append(json.dumps(result.structured_content))
        return result

    async def expect(self, client: Client, name: str, args: dict[str, Any], error: bool) -> None:
        result = await self.call(client, name, args)
        assert result.is_error is error, (name, result.content)


async def test_no_token_in_results_errors_or_logs(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    seen = Transcript()
    server = build_server(settings_for(sandbox), functools.partial(Trakt, http_options=FAST_HTTP))
    async with Client(server) as client:
        await seen.expect(client, "watchlist_list", {}, error=True)  # not logged in
        await seen.expect(client, "login_start", {}, error=False)
        await seen.expect(client, "login_complete", {}, error=False)
        first = token_pair(sandbox)
        for name, args in SUCCESSES:
            await seen.expect(client, name, args, error=False)
        for name, args in FAILURES:
            await seen.expect(client, name, args, error=True)

        limit_watchlist(sandbox, 1)
        await seen.expect(client, "watchlist_add", {"items": ["The Matrix (1999)"]}, error=True)
        fault(sandbox, "GET /movies/popular", retry_after=1200)
        await seen.expect(client, "popular", {}, error=True)  # 429
        sandbox.control("DELETE", "/_sandbox/faults")

        # a rejected token is refreshed under the hood (the refresh token is spent)
        sandbox.control("POST", "/_sandbox/tokens/expire", {"username": "demo"})
        await seen.expect(client, "ratings_list", {"limit": 1}, error=False)
        second = token_pair(sandbox)
        assert second != first

    # a rejected TRAKT_ACCESS_TOKEN without a refresh token: the error names the variable
    sandbox.control("POST", "/_sandbox/tokens/expire", {"username": "demo"})
    env_settings = dataclasses.replace(settings_for(sandbox), access_token=second[0])
    async with Client(build_server(env_settings)) as client:
        await seen.expect(client, "recommendations", {}, error=True)
        assert "TRAKT_ACCESS_TOKEN" in seen.parts[-2]

    captured = capfd.readouterr()
    logs = [record.getMessage() for record in caplog.records]
    logs += [caplog.text, captured.out, captured.err]
    assert len(caplog.records) > 20  # DEBUG logging was on and captured
    everything = "\n".join(seen.parts + logs)
    for secret in (*first, *second):
        assert secret not in everything
