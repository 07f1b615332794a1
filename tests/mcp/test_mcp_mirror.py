"""sync and stats, and the list tools answering from the local mirror while it is fresh."""

from __future__ import annotations

import pytest
from mcp import Client

from tests.conftest import Sandbox
from tests.mcp.mcp_helpers import connect, count, fails, ok

pytestmark = pytest.mark.anyio

LIST_ROUTES = {
    "watchlist_list": "GET /sync/watchlist",
    "history_list": "GET /sync/history",
    "ratings_list": "GET /sync/ratings/{type}",
    "collection_list": "GET /sync/collection/{type}",
}


async def seed(client: Client) -> None:
    await ok(client, "watchlist_add", {"items": ["Inception (2010)", "Breaking Bad"]})
    matrix = {"items": ["The Matrix (1999)"], "watched_at": "2024-03-01T20:00Z"}
    await ok(client, "mark_watched", matrix)
    await ok(client, "rate", {"items": ["The Matrix (1999)"], "rating": 9})
    await ok(client, "collection_add", {"items": ["Blade Runner 2049 (2017)"]})


async def test_sync_then_stats(logged_in: Sandbox) -> None:
    async with connect(logged_in) as client:
        never = await fails(client, "stats")
        assert "never been synced" in never and "sync" in never
        await seed(client)

        first = await ok(client, "sync")
        assert first["requests"] > 1 and not first["full"]
        assert {"history", "watchlist"} <= set(first["changed"])
        assert first["summary"].startswith("Synced in")
        by_name = {s["section"]: s for s in first["sections"]}
        assert by_name["watchlist"]["status"] == "full" and by_name["watchlist"]["total"] == 2

        logged_in.reset_counts()
        second = await ok(client, "sync")
        assert second["changed"] == [] and "nothing changed" in second["summary"]
        assert logged_in.requests()["total"] == 1  # only /sync/last_activities

        full = await ok(client, "sync", {"full": True})
        assert full["full"] and full["requests"] > 1

        logged_in.reset_counts()
        stats = await ok(client, "stats")
        assert stats["plays"] == 1 and stats["movie_plays"] == 1
        assert stats["top_movies"][0]["name"] == "The Matrix"
        assert stats["ratings"] == {"9": 1} and stats["ratings_average"] == 9.0
        assert stats["by_month"] == [{"month": "2024-03", "plays": 1, "minutes": stats["minutes"]}]
        assert stats["last_sync_at"]
        assert (await ok(client, "stats", {"year": 2023}))["plays"] == 0
        assert logged_in.requests()["total"] == 0  # stats never asks Trakt
        bad = await fails(client, "stats", {"year": 1200})
        assert "year" in bad


async def test_lists_answer_from_a_fresh_mirror(logged_in: Sandbox) -> None:
    async with connect(logged_in) as client:
        await seed(client)
        live = {tool: await ok(client, tool) for tool in LIST_ROUTES}
        assert {r["source"] for r in live.values()} == {"trakt"}
        await ok(client, "sync")

        logged_in.reset_counts()
        for tool, route in LIST_ROUTES.items():
            mirrored = await ok(client, tool)
            assert mirrored["source"] == "mirror" and mirrored["mirror_synced_at"], tool
            got = [e["item"]["ids"]["trakt"] for e in mirrored["items"]]
            assert got == [e["item"]["ids"]["trakt"] for e in live[tool]["items"]], tool
            assert count(logged_in, route) == 0, tool
        assert logged_in.requests()["total"] == 0

        # a write through the server updates the mirror, which keeps answering
        await ok(client, "watchlist_add", {"items": ["Dune (2021)"]})
        after = await ok(client, "watchlist_list")
        assert after["source"] == "mirror"
        assert "Dune (2021)" in [e["item"]["label"] for e in after["items"]]

        # what the mirror cannot answer goes to Trakt
        by_item = await ok(client, "history_list", {"item": "The Matrix (1999)"})
        assert by_item["source"] == "trakt" and by_item["count"] == 1
        popular = await ok(client, "watchlist_list", {"sort": "popularity"})
        assert popular["source"] == "trakt"


async def test_stale_or_disabled_mirror_is_not_used(logged_in: Sandbox) -> None:
    async with connect(logged_in) as client:
        await seed(client)
        await ok(client, "sync")
    async with connect(logged_in, mirror_max_age=0) as client:
        for tool in LIST_ROUTES:
            assert (await ok(client, tool))["source"] == "trakt", tool


async def test_an_unusable_mirror_file(logged_in: Sandbox) -> None:
    logged_in.home.mkdir(parents=True, exist_ok=True)
    (logged_in.home / "mirror.sqlite3").write_text("this is not a database" * 100)
    async with connect(logged_in) as client:
        for tool in ("sync", "stats"):
            message = await fails(client, tool)
            assert "cannot be used" in message and "sync again" in message, tool
        listing = await ok(client, "watchlist_list")  # the lists still answer, from Trakt
        assert listing["source"] == "trakt"
