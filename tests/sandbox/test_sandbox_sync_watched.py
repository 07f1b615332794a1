"""`/sync/last_activities` bumps per section (REFERENCE §8.2) and `/sync/watched` (§8.5)."""

from __future__ import annotations

from typing import Any

from sandbox_helpers import Session, StartSandbox, client

from traktkit.sandbox.library import LAST_ACTIVITY_FIELDS

INCEPTION, BREAKING_BAD, PILOT = 16662, 1388, 73482
START = "2010-01-01T00:00:00.000Z"


def _changed(s: Session, before: dict[str, Any]) -> set[str]:
    after = s.c.get("/sync/last_activities").json()
    changed = {
        f"{section}.{name}"
        for section, names in after.items()
        if section != "all"
        for name, value in names.items()
        if value != before[section][name]
    }
    assert after["all"] == max(
        v for names in after.values() if isinstance(names, dict) for v in names.values()
    )
    return changed


def test_every_mutation_bumps_its_timestamps(session: Session) -> None:
    c = session.c
    acts = c.get("/sync/last_activities").json()
    assert set(acts) == {"all", *LAST_ACTIVITY_FIELDS}
    assert acts["all"] == START
    movie = {"movies": [{"ids": {"trakt": INCEPTION}}]}
    episode = {"episodes": [{"ids": {"trakt": PILOT}}]}
    steps: list[tuple[str, dict[str, Any], set[str]]] = [
        ("/sync/watchlist", movie, {"movies.watchlisted_at", "watchlist.updated_at"}),
        ("/sync/watchlist", episode, {"episodes.watchlisted_at", "watchlist.updated_at"}),
        (
            "/sync/history",
            movie,  # also takes the movie off the watchlist
            {"movies.watched_at", "movies.watchlisted_at", "watchlist.updated_at"},
        ),
        ("/sync/collection", episode, {"episodes.collected_at"}),
        (
            "/sync/ratings",
            {"shows": [{"ids": {"trakt": BREAKING_BAD}, "rating": 9}]},
            {"shows.rated_at"},
        ),
        ("/sync/ratings/remove", {"shows": [{"ids": {"trakt": BREAKING_BAD}}]}, {"shows.rated_at"}),
        ("/sync/history/remove", movie, {"movies.watched_at"}),
        ("/sync/collection/remove", episode, {"episodes.collected_at"}),
        ("/sync/watchlist/remove", episode, {"episodes.watchlisted_at", "watchlist.updated_at"}),
        ("/users/hidden/recommendations", movie, {"movies.hidden_at"}),
        (
            "/users/hidden/dropped",
            {"shows": [{"ids": {"trakt": BREAKING_BAD}}]},
            {"shows.dropped_at"},
        ),
    ]
    for route, body, expected in steps:
        session.tick()
        before = c.get("/sync/last_activities").json()
        r = c.post(route, json=body)
        assert r.status_code in (200, 201), (route, r.text)
        assert _changed(session, before) == expected, route
    session.tick()
    before = c.get("/sync/last_activities").json()
    assert c.delete(f"/recommendations/shows/{BREAKING_BAD}").status_code == 204
    assert _changed(session, before) == {"shows.hidden_at"}
    # a write that changes nothing moves nothing
    session.tick()
    before = c.get("/sync/last_activities").json()
    c.post("/sync/watchlist/remove", json=movie)
    assert _changed(session, before) == set()


def test_watched_movies_and_shows(session: Session) -> None:
    c = session.c
    c.post(
        "/sync/history",
        json={
            "movies": [{"ids": {"trakt": INCEPTION}, "watched_at": "2024-01-01T00:00:00Z"}] * 2,
            "shows": [{"ids": {"trakt": BREAKING_BAD}, "seasons": [{"number": 1}]}],
            "episodes": [{"ids": {"trakt": PILOT}, "watched_at": "2025-01-01T00:00:00Z"}],
        },
    )
    movies = c.get("/sync/watched/movies").json()
    assert movies == [
        {
            "plays": 2,
            "last_watched_at": "2024-01-01T00:00:00.000Z",
            "last_updated_at": "2026-05-28T20:26:40.000Z",
            "movie": movies[0]["movie"],
        }
    ]
    (show,) = c.get("/sync/watched/shows").json()
    assert "seasons" not in show  # 2026: only with extended=progress
    assert show["plays"] == 8 and show["reset_at"] is None
    assert show["show"]["aired_episodes"] == 62
    r = c.get("/sync/watched/shows", params={"extended": "progress", "limit": 500})
    assert r.headers["x-pagination-limit"] == "100"
    (progress,) = r.json()
    assert [s["number"] for s in progress["seasons"]] == [1]
    assert progress["seasons"][0]["episodes"][0] == {
        "number": 1,
        "plays": 2,
        "last_watched_at": "2026-05-28T20:26:00.000Z",
    }
    office = {"ids": {"slug": "the-office-2001"}, "seasons": [{"number": 0}, {"number": 1}]}
    c.post("/sync/history", json={"shows": [office]})
    rows = c.get("/sync/watched/shows", params={"extended": "progress"}).json()
    assert [(r["plays"], [s["number"] for s in r["seasons"]]) for r in rows] == [(8, [1]), (6, [1])]
    params = {"extended": "progress", "specials": "true"}
    rows = c.get("/sync/watched/shows", params=params).json()
    assert [(r["plays"], [s["number"] for s in r["seasons"]]) for r in rows] == [
        (8, [1]),  # ties on plays and last play: lower Trakt id first
        (8, [0, 1]),
    ]
    full = c.get("/sync/watched/shows", params={"extended": "full"}).json()[0]
    assert "overview" in full["show"] and "seasons" not in full


def test_classic_watched_is_unpaged_with_seasons(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(
        auto_approve="demo", pagination_profile="classic", library="synthetic:plays=300"
    )
    with client(sb) as c:
        from sandbox_helpers import device_login

        c.headers["Authorization"] = f"Bearer {device_login(c)['access_token']}"
        r = c.get("/sync/watched/shows")
        assert "x-pagination-page" not in r.headers
        assert all("seasons" in row for row in r.json())
        assert all(
            "seasons" not in row
            for row in c.get("/sync/watched/shows", params={"extended": "noseasons"}).json()
        )
