"""Discovery lists (REFERENCE §10): order, shapes, headers, periods, filters, pagination."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from sandbox_helpers import FakeClock, StartSandbox, client


def _all(api: httpx2.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    page = 1
    while True:
        r = api.get(path, params={"limit": 250, "page": page, **params})
        assert r.status_code == 200, r.text
        out.extend(r.json())
        if page >= int(r.headers["x-pagination-page-count"]):
            return out
        page += 1


@pytest.mark.parametrize("media", ["movies", "shows"])
def test_trending_order_and_headers(api: httpx2.Client, media: str) -> None:
    r = api.get(f"/{media}/trending")
    assert r.headers["x-pagination-limit"] == "100"
    every = _all(api, f"/{media}/trending")
    watchers = [row["watchers"] for row in every]
    assert watchers == sorted(watchers, reverse=True) and min(watchers) > 0
    assert int(r.headers["x-trending-user-count"]) == sum(watchers)
    kind = media[:-1]
    assert set(every[0]) == {"watchers", kind} and set(every[0][kind]) == {"title", "year", "ids"}
    page2 = api.get(f"/{media}/trending", params={"limit": 5, "page": 2}).json()
    assert page2 == every[5:10]


def test_popular_is_rating_times_votes(api: httpx2.Client) -> None:
    rows = api.get("/movies/popular", params={"extended": "full", "limit": 50}).json()
    scores = [m["rating"] * m["votes"] for m in rows]
    assert scores == sorted(scores, reverse=True)
    assert "watchers" not in rows[0] and "ids" in rows[0]  # bare objects
    assert api.get("/shows/popular").json()[0]["ids"]["trakt"]


def test_deterministic_across_sandboxes(start_sandbox: StartSandbox) -> None:
    results = []
    for _ in range(2):
        sb = start_sandbox(clock=FakeClock())
        with client(sb) as c:
            results.append([c.get(p).json() for p in ("/movies/trending", "/shows/played/monthly")])
    assert results[0] == results[1]


def test_anticipated_lists_recent_or_upcoming_titles(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(clock=FakeClock())  # 2026-05-28
    with client(sb) as c:
        rows = c.get("/movies/anticipated", params={"extended": "full"}).json()
        assert rows and all(r["movie"]["released"] >= "2025-05-28" for r in rows)
        counts = [r["list_count"] for r in rows]
        assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("list_name", ["played", "watched", "collected"])
def test_period_lists(api: httpx2.Client, list_name: str) -> None:
    key = {"played": "play_count", "watched": "watcher_count", "collected": "collector_count"}
    shows = api.get(f"/shows/{list_name}/monthly", params={"limit": 250}).json()
    assert set(shows[0]) == {
        "watcher_count",
        "play_count",
        "collected_count",
        "collector_count",
        "show",
    }
    values = [s[key[list_name]] for s in shows]
    assert values == sorted(values, reverse=True)
    movies = api.get(f"/movies/{list_name}").json()  # default period: weekly
    assert movies == api.get(f"/movies/{list_name}/weekly").json()
    assert "collector_count" not in movies[0]
    yearly = api.get(f"/movies/{list_name}/yearly").json()
    assert yearly[0][key[list_name].replace("collector", "collected")] > 0
    assert api.get(f"/movies/{list_name}/fortnightly").status_code == 400


def test_favorited(api: httpx2.Client) -> None:
    rows = api.get("/shows/favorited/all").json()
    assert set(rows[0]) == {"user_count", "show"}
    counts = [r["user_count"] for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_filters_years_and_genres(api: httpx2.Client) -> None:
    rows = _all(api, "/movies/trending", years="2000-2010", genres="drama,comedy", extended="full")
    assert rows
    for row in rows:
        movie = row["movie"]
        assert 2000 <= movie["year"] <= 2010
        assert {"drama", "comedy"} & set(movie["genres"])
    assert api.get("/movies/popular", params={"years": "soon"}).status_code == 400
    assert api.get("/movies/popular", params={"genres": "no-such-genre"}).json() == []
    shows = api.get("/shows/popular", params={"status": "ended", "extended": "full"}).json()
    assert shows and all(s["status"] == "ended" for s in shows)
