"""search, item_details, trending, popular, recommendations: success and error paths."""

from __future__ import annotations

import pytest

from tests.conftest import Sandbox
from tests.mcp.mcp_helpers import connect, count, fails, fault, ok

pytestmark = pytest.mark.anyio

INCEPTION = {"trakt": 16662, "imdb": "tt1375666", "tmdb": 27205}
BREAKING_BAD = {"trakt": 1388, "imdb": "tt0903747", "tvdb": 81189}


async def test_search_returns_candidates_with_ids(sandbox: Sandbox) -> None:
    async with connect(sandbox) as client:
        found = await ok(client, "search", {"query": "Dune"})
        items = [hit["item"] for hit in found["results"]]
        years = {(i["type"], i["year"]) for i in items if i["title"] == "Dune"}
        assert {("movie", 2021), ("movie", 1984)} <= years  # enough to tell them apart
        assert all(i["ids"]["trakt"] for i in items)
        dune = next(i for i in items if i["title"] == "Dune" and i["year"] == 2021)
        assert dune["label"] == "Dune (2021)"

        narrowed = await ok(client, "search", {"query": "Dune", "year": 1984, "type": "movie"})
        assert {h["item"]["year"] for h in narrowed["results"]} == {1984}

        by_id = await ok(client, "search", {"query": "tt1375666"})
        assert [h["item"]["ids"]["trakt"] for h in by_id["results"]] == [INCEPTION["trakt"]]
        assert by_id["results"][0]["score"] is None  # id lookups have no score

        shows = await ok(client, "search", {"query": "Breaking Bad", "type": "show", "limit": 1})
        assert len(shows["results"]) == 1
        assert shows["results"][0]["item"]["ids"]["tvdb"] == BREAKING_BAD["tvdb"]

        nothing = await ok(client, "search", {"query": "Zzqx Nothing Like This"})
        assert nothing["results"] == []


async def test_search_invalid_input(sandbox: Sandbox) -> None:
    async with connect(sandbox) as client:
        sandbox.reset_counts()
        message = await fails(client, "search", {"query": "imdb:xyz"})
        assert "Invalid input" in message and "IMDb id" in message
        schema = await fails(client, "search", {"query": "Dune", "limit": 500})
        assert "limit" in schema
    assert sandbox.requests()["total"] == 0


async def test_item_details(sandbox: Sandbox) -> None:
    async with connect(sandbox) as client:
        movie = await ok(client, "item_details", {"item": "Inception (2010)"})
        assert movie["item"]["type"] == "movie"
        assert movie["item"]["ids"]["imdb"] == INCEPTION["imdb"]
        assert movie["details"]["runtime"] and movie["details"]["overview"]
        assert movie["genres"]

        episode = await ok(client, "item_details", {"item": "Breaking Bad S01E01"})
        assert episode["item"]["type"] == "episode"
        assert (episode["item"]["season"], episode["item"]["episode"]) == (1, 1)
        assert episode["item"]["episode_title"] == "Pilot"
        assert episode["show"]["ids"]["trakt"] == BREAKING_BAD["trakt"]

        by_object = await ok(
            client, "item_details", {"item": {"type": "show", "ids": {"trakt": 1388}}}
        )
        assert by_object["item"]["title"] == "Breaking Bad"
        season = await ok(
            client,
            "item_details",
            {"item": {"type": "season", "ids": {"imdb": "tt0903747"}, "season": 2}},
        )
        assert season["item"]["type"] == "season" and season["item"]["season"] == 2
        passed_back = await ok(client, "item_details", {"item": episode["item"]})
        assert passed_back["item"]["ids"] == episode["item"]["ids"]


async def test_item_details_errors(sandbox: Sandbox) -> None:
    async with connect(sandbox) as client:
        missing = await fails(client, "item_details", {"item": "Zzqx Nothing Like This"})
        assert "Zzqx Nothing Like This" in missing and "search" in missing
        ambiguous = await fails(client, "item_details", {"item": "Dune"})
        assert "Dune (2021) [movie]" in ambiguous and "Dune (1984) [movie]" in ambiguous
        assert "trakt=" in ambiguous and "Ask the user" in ambiguous
        bad = await fails(client, "item_details", {"item": {"type": "movie", "season": 1}})
        assert "Invalid input" in bad and "season" in bad
        unknown = await fails(
            client, "item_details", {"item": {"type": "movie", "ids": {"trakt": 999999999}}}
        )
        assert "not found" in unknown.lower()


async def test_trending_popular(sandbox: Sandbox) -> None:
    async with connect(sandbox) as client:
        trending = await ok(client, "trending", {"type": "movies", "limit": 5})
        assert trending["name"] == "trending" and len(trending["items"]) == 5
        assert [e["rank"] for e in trending["items"]] == [1, 2, 3, 4, 5]
        watchers = [e["watchers"] for e in trending["items"]]
        assert watchers == sorted(watchers, reverse=True) and watchers[0] > 0
        assert all(e["item"]["type"] == "movie" for e in trending["items"])

        shows = await ok(client, "popular", {"type": "shows", "limit": 3})
        assert [e["item"]["type"] for e in shows["items"]] == ["show"] * 3
        assert all(e["item"]["ids"]["trakt"] for e in shows["items"])

        wrong = await fails(client, "trending", {"type": "people"})
        assert "movies" in wrong and "shows" in wrong


async def test_rate_limited_says_how_long_to_wait(sandbox: Sandbox) -> None:
    fault(sandbox, "GET /movies/trending", retry_after=1200)
    async with connect(sandbox) as client:
        message = await fails(client, "trending", {})
        assert "429" in message and "Wait 1200 seconds" in message
    assert count(sandbox, "GET /movies/trending") == 1  # too long to wait: not retried


async def test_recommendations(logged_in: Sandbox) -> None:
    async with connect(logged_in) as client:
        movies = await ok(client, "recommendations", {"limit": 5})
        assert movies["name"] == "recommendations" and movies["type"] == "movies"
        assert 0 < len(movies["items"]) <= 5
        top = movies["items"][0]["item"]
        await ok(client, "mark_watched", {"items": [top]})
        again = await ok(client, "recommendations", {"limit": 5})
        assert top["ids"] not in [e["item"]["ids"] for e in again["items"]]
        shows = await ok(
            client, "recommendations", {"type": "shows", "limit": 2, "ignore_watchlisted": True}
        )
        assert [e["item"]["type"] for e in shows["items"]] == ["show"] * len(shows["items"])


async def test_recommendations_need_a_login(sandbox: Sandbox) -> None:
    async with connect(sandbox) as client:
        sandbox.reset_counts()
        message = await fails(client, "recommendations", {})
        assert "Not logged in" in message and "login_start" in message
    assert sandbox.requests()["total"] == 0
