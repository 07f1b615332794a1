"""The library tools (watchlist, history, ratings, collection) against the sandbox:
success, many items at once, not found, ambiguous, invalid input, 420, not logged in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Sandbox, make_sandbox
from tests.mcp.mcp_helpers import (
    connect,
    count,
    fails,
    limit_watchlist,
    ok,
    statuses,
)

pytestmark = pytest.mark.anyio

INCEPTION = {"trakt": 16662, "imdb": "tt1375666"}
MATRIX_TRAKT = 481


def titles(listing: dict[str, Any]) -> list[str]:
    return [entry["item"]["label"] for entry in listing["items"]]


async def test_watchlist_add_list_remove(logged_in: Sandbox) -> None:
    async with connect(logged_in) as client:
        added = await ok(
            client,
            "watchlist_add",
            {
                "items": [
                    "Inception (2010)",
                    "Breaking Bad S01E01",
                    "Breaking Bad S02",
                    {"type": "movie", "ids": {"imdb": "tt0133093"}},
                ]
            },
        )
        assert statuses(added) == ["added"] * 4
        assert added["counts"] == {"added": 4}
        assert added["trakt_counts"]["added"] == {"movies": 2, "seasons": 1, "episodes": 1}
        assert added["summary"] == "4 added."
        assert [i["item"]["type"] for i in added["items"]] == [
            "movie",
            "episode",
            "season",
            "movie",
        ]

        listing = await ok(client, "watchlist_list")
        assert listing["source"] == "trakt" and listing["count"] == 4 and not listing["more"]
        assert listing["items"][0]["item"]["ids"]["trakt"] == INCEPTION["trakt"]
        movies = await ok(client, "watchlist_list", {"type": "movies", "sort": "title"})
        assert titles(movies) == ["Inception (2010)", "The Matrix (1999)"]
        first = await ok(client, "watchlist_list", {"limit": 1})
        assert first["count"] == 1 and first["more"]

        again = await ok(client, "watchlist_add", {"items": [listing["items"][0]["item"]]})
        assert statuses(again) == ["existing"]
        assert "already there" in again["summary"]

        removed = await ok(
            client, "watchlist_remove", {"items": ["Inception (2010)", "Breaking Bad S02"]}
        )
        assert statuses(removed) == ["deleted", "deleted"]
        left = await ok(client, "watchlist_list")
        assert sorted(e["item"]["type"] for e in left["items"]) == ["episode", "movie"]


async def test_many_items_go_out_in_batches(logged_in: Sandbox) -> None:
    logged_in.control("POST", "/_sandbox/config", {"write_interval": 0.01})
    items = [{"type": "movie", "ids": {"trakt": 70_000_000 + n}} for n in range(300)]
    items[0] = {"type": "movie", "ids": {"trakt": INCEPTION["trakt"]}}
    async with connect(logged_in) as client:
        logged_in.reset_counts()
        report = await ok(client, "watchlist_add", {"items": items})
    assert count(logged_in, "POST /sync/watchlist") == 2  # 250 per POST
    assert count(logged_in, "GET /search/{id_type}/{id}") == 0  # ids + type: no search
    assert statuses(report)[0] == "added"
    assert report["counts"]["not_found"] == 299
    assert "not found" in report["summary"]


async def test_not_found_ids_are_reported_item_by_item(logged_in: Sandbox) -> None:
    async with connect(logged_in) as client:
        report = await ok(
            client,
            "watchlist_add",
            {"items": [{"type": "movie", "ids": {"tmdb": 999999999}}, "trakt:16662"]},
        )
    assert statuses(report) == ["not_found", "added"]
    assert report["items"][0]["item"]["label"] == "tmdb:999999999"


async def test_ambiguous_title_writes_nothing(logged_in: Sandbox) -> None:
    async with connect(logged_in) as client:
        logged_in.reset_counts()
        message = await fails(client, "watchlist_add", {"items": ["Inception (2010)", "Dune"]})
        assert "'Dune' matches several titles" in message
        assert "Dune (2021) [movie] ids trakt=" in message and "Dune (1984)" in message
        assert "Nothing was written" in message
        assert count(logged_in, "POST /sync/watchlist") == 0

        both = await fails(client, "mark_watched", {"items": ["Zzqx Nothing Like This", "Dune"]})
        assert "Zzqx Nothing Like This" in both and "'Dune' is ambiguous" in both  # a note
        assert count(logged_in, "POST /sync/history") == 0

        chosen = await ok(client, "watchlist_add", {"items": ["Dune (2021)"]})
        assert chosen["items"][0]["item"]["year"] == 2021


@pytest.mark.parametrize(
    ("tool", "args", "expected"),
    [
        ("watchlist_add", {"items": ["imdb:nope"]}, "malformed IMDb id"),
        ("watchlist_add", {"items": [{"type": "show", "season": 1}]}, "type season or episode"),
        ("watchlist_add", {"items": [{"type": "movie"}]}, "ids or a title"),
        ("watchlist_remove", {"items": ["S01E01"]}, "names an episode but no show"),
        ("mark_watched", {"items": ["Inception"], "watched_at": "2999-01-01"}, "in the future"),
        ("mark_watched", {"items": ["Inception"], "watched_at": "someday"}, "use now, released"),
        ("collection_add", {"items": ["Inception"], "media_type": "floppy"}, "bluray"),
        ("collection_add", {"items": ["Inception"], "audio_channels": "3.7"}, "5.1"),
        ("collection_add", {"items": ["Inception"], "collected_at": "soon"}, "collected_at"),
        ("history_list", {"since": "a while ago"}, "7d"),
        ("history_list", {"since": "2024-02-01", "until": "2024-01-01"}, "since must not"),
    ],
)
async def test_invalid_input_sends_nothing(
    logged_in: Sandbox, tool: str, args: dict[str, Any], expected: str
) -> None:
    async with connect(logged_in) as client:
        logged_in.reset_counts()
        message = await fails(client, tool, args)
    assert "Invalid input" in message and expected in message
    assert logged_in.requests()["total"] == 0


@pytest.mark.parametrize(
    ("tool", "args"),
    [
        ("rate", {"items": ["Inception"], "rating": 11}),
        ("rate", {"items": ["Inception"], "rating": 0}),
        ("watchlist_add", {"items": []}),
        ("ratings_list", {"ratings": [12]}),
        ("watchlist_list", {"type": "people"}),
        ("login_complete", {"wait_seconds": 3600}),
    ],
)
async def test_schema_violations_say_what_is_allowed(
    logged_in: Sandbox, tool: str, args: dict[str, Any]
) -> None:
    async with connect(logged_in) as client:
        logged_in.reset_counts()
        message = await fails(client, tool, args)
    assert "validation error" in message
    assert logged_in.requests()["total"] == 0


async def test_account_limit_420(tmp_path: Path) -> None:
    for sb in make_sandbox(tmp_path, auto_approve="demo"):
        assert sb.cli("login").exit_code == 0
        limit_watchlist(sb, 2)
        async with connect(sb) as client:
            await ok(client, "watchlist_add", {"items": ["Inception (2010)", "The Matrix (1999)"]})
            sb.control("POST", "/_sandbox/config", {"write_interval": 0.01})
            sb.reset_counts()
            message = await fails(client, "watchlist_add", {"items": ["Breaking Bad"]})
        assert "420" in message and "limit of 2 items" in message
        assert "https://" in message and "VIP" in message and "watchlist_remove" in message
        assert count(sb, "POST /sync/watchlist") == 1  # never retried


async def test_writes_and_lists_need_a_login(sandbox: Sandbox) -> None:
    calls: list[tuple[str, dict[str, Any]]] = [
        ("watchlist_add", {"items": ["Inception (2010)"]}),
        ("watchlist_remove", {"items": ["Inception (2010)"]}),
        ("mark_watched", {"items": ["Inception (2010)"]}),
        ("rate", {"items": ["Inception (2010)"], "rating": 9}),
        ("collection_add", {"items": ["Inception (2010)"]}),
        ("watchlist_list", {}),
        ("history_list", {}),
        ("ratings_list", {}),
        ("collection_list", {}),
        ("sync", {}),
    ]
    async with connect(sandbox) as client:
        sandbox.reset_counts()
        for tool, args in calls:
            message = await fails(client, tool, args)
            assert "Not logged in" in message and "login_start" in message, tool
    assert sandbox.requests()["total"] == 0  # refused before anything is sent


async def test_mark_watched_and_history(logged_in: Sandbox) -> None:
    async with connect(logged_in) as client:
        await ok(client, "watchlist_add", {"items": ["The Matrix (1999)", "Inception (2010)"]})
        watched = await ok(
            client,
            "mark_watched",
            {
                "items": ["The Matrix (1999)", "Breaking Bad S01E01"],
                "watched_at": "2024-01-15T20:00Z",
            },
        )
        assert statuses(watched) == ["added", "added"]
        later = await ok(client, "mark_watched", {"items": ["Breaking Bad S01E02"]})
        assert later["trakt_counts"] == {"added": {"episodes": 1}}

        history = await ok(client, "history_list")
        assert history["count"] == 3
        labels = titles(history)
        assert labels[0].startswith("Breaking Bad (2008) S01E02")  # newest first
        play = history["items"][-1]
        assert play["watched_at"] == "2024-01-15T20:00:00.000Z" and play["history_id"]
        assert play["action"] == "watch"

        movies = await ok(client, "history_list", {"type": "movies"})
        assert [e["item"]["ids"]["trakt"] for e in movies["items"]] == [MATRIX_TRAKT]
        show = await ok(client, "history_list", {"item": "Breaking Bad"})
        assert {e["item"]["episode"] for e in show["items"]} == {1, 2}
        window = await ok(client, "history_list", {"since": "2024-01-01", "until": "2024-02-01"})
        assert window["count"] == 2
        episode = await ok(
            client,
            "history_list",
            {"item": {"type": "episode", "ids": {"trakt": 1388}, "season": 1, "episode": 2}},
        )
        assert episode["count"] == 1

        left = await ok(client, "watchlist_list")  # watching took The Matrix off
        assert titles(left) == ["Inception (2010)"]


async def test_rate_and_ratings(logged_in: Sandbox) -> None:
    async with connect(logged_in) as client:
        rated = await ok(client, "rate", {"items": ["Breaking Bad"], "rating": 10})
        assert statuses(rated) == ["added"]
        await ok(client, "rate", {"items": ["Inception (2010)", "The Matrix (1999)"], "rating": 8})
        again = await ok(client, "rate", {"items": ["Inception (2010)"], "rating": 9})
        assert statuses(again) == ["added"]  # a new rating replaces the old one

        ratings = await ok(client, "ratings_list")
        by_label = {e["item"]["label"]: e["rating"] for e in ratings["items"]}
        assert by_label == {
            "Breaking Bad (2008)": 10,
            "Inception (2010)": 9,
            "The Matrix (1999)": 8,
        }
        top = await ok(client, "ratings_list", {"ratings": [9, 10]})
        assert {e["rating"] for e in top["items"]} == {9, 10}
        shows = await ok(client, "ratings_list", {"type": "shows"})
        assert titles(shows) == ["Breaking Bad (2008)"]


async def test_collection_add_and_list(logged_in: Sandbox) -> None:
    async with connect(logged_in) as client:
        added = await ok(
            client,
            "collection_add",
            {
                "items": ["Blade Runner 2049 (2017)"],
                "media_type": "bluray",
                "resolution": "uhd_4k",
                "hdr": "dolby_vision",
                "audio": "dolby_atmos",
                "audio_channels": "7.1",
                "three_d": False,
            },
        )
        assert statuses(added) == ["added"]
        await ok(client, "collection_add", {"items": ["Breaking Bad S01"]})
        updated = await ok(
            client,
            "collection_add",
            {"items": ["Blade Runner 2049 (2017)"], "media_type": "digital"},
        )
        assert statuses(updated) == ["updated"]

        listing = await ok(client, "collection_list")
        movie = next(e for e in listing["items"] if e["item"]["type"] == "movie")
        assert movie["item"]["title"] == "Blade Runner 2049"
        assert movie["metadata"]["media_type"] == "digital"
        show = next(e for e in listing["items"] if e["item"]["type"] == "show")
        assert show["seasons"] == [1] and show["episodes"] == 7
        movies = await ok(client, "collection_list", {"type": "movies"})
        assert [e["item"]["type"] for e in movies["items"]] == ["movie"]
