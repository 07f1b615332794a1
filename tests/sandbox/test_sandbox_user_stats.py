"""`GET /users/{id}/stats` (REFERENCE §12.4) and the seeded favorites, lists and playback
read back over HTTP (`--library synthetic:...,favorites=,lists=,items=,playback=`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx2
import pytest
from sandbox_helpers import FakeClock, Session, authed, client

from traktkit.sandbox import SandboxConfig
from traktkit.sandbox.server import RunningSandbox, running_sandbox

INCEPTION, MATRIX = 16662, 481
BREAKING_BAD, PILOT = 1388, 73482
SPEC = "synthetic:plays=300,ratings=60,collection=20,favorites=12,lists=3,items=120,playback=7"


def test_stats_from_the_library(session: Session) -> None:
    c = session.c
    movies = [{"ids": {"trakt": t}} for t in (INCEPTION, INCEPTION, MATRIX)]
    season_one = {"ids": {"trakt": BREAKING_BAD}, "seasons": [{"number": 1}]}
    assert c.post("/sync/history", json={"movies": movies, "shows": [season_one]}).status_code
    c.post("/sync/collection", json={"movies": movies[:1], "episodes": [{"ids": {"trakt": PILOT}}]})
    c.post(
        "/sync/ratings",
        json={
            "movies": [{"ids": {"trakt": INCEPTION}, "rating": 9}],
            "shows": [
                {
                    "ids": {"trakt": BREAKING_BAD},
                    "rating": 10,
                    "seasons": [{"number": 1, "rating": 8}],
                }
            ],
            "episodes": [{"ids": {"trakt": PILOT}, "rating": 9}],
        },
    )
    stats = c.get("/users/me/stats").json()
    assert stats["movies"] == {
        "plays": 3,
        "watched": 2,
        "minutes": 148 * 2 + 136,
        "collected": 1,
        "ratings": 1,
        "comments": 0,
    }
    assert stats["shows"] == {"watched": 1, "collected": 1, "ratings": 1, "comments": 0}
    assert stats["seasons"] == {"ratings": 1, "comments": 0}
    assert stats["episodes"]["plays"] == stats["episodes"]["watched"] == 7
    assert stats["episodes"]["minutes"] == 7 * 47
    assert stats["episodes"]["collected"] == 1 and stats["episodes"]["ratings"] == 1
    assert stats["network"] == {"friends": 0, "followers": 0, "following": 0}
    assert stats["ratings"]["total"] == 4
    assert stats["ratings"]["distribution"] == {
        **{str(n): 0 for n in range(1, 11)},
        "8": 1,
        "9": 2,
        "10": 1,
    }
    with client(session.sb) as anonymous:
        assert anonymous.get("/users/demo/stats").json() == stats
        assert anonymous.get("/users/nobody/stats").status_code == 404


@pytest.fixture(scope="module")
def seeded() -> Iterator[tuple[RunningSandbox, httpx2.Client]]:
    config = SandboxConfig(
        auto_approve="demo",
        library=SPEC,
        clock=FakeClock(),
        synthetic_movies=300,
        synthetic_shows=20,
        device_interval=0.05,
    )
    with running_sandbox(config) as sb, authed(sb) as c:
        yield sb, c


def _all(c: httpx2.Client, path: str) -> list[Any]:
    r = c.get(path, params={"limit": 250})
    assert r.status_code == 200, r.text
    items: list[Any] = r.json()
    return items


def test_seeded_sections_read_back(seeded: tuple[RunningSandbox, httpx2.Client]) -> None:
    _, c = seeded
    assert len(_all(c, "/sync/favorites")) == 12
    lists = _all(c, "/users/me/lists")
    assert len(lists) == 3 and [x["item_count"] for x in lists] == [120, 120, 120]
    assert [x["privacy"] for x in lists] == ["public", "private", "public"]
    for plist in lists:
        items = c.get(f"/users/me/lists/{plist['ids']['trakt']}/items")
        assert items.headers["x-pagination-item-count"] == "120"
        assert items.headers["x-pagination-page-count"] == "2"
        ranked = _all(c, f"/users/me/lists/{plist['ids']['slug']}/items")
        assert [i["rank"] for i in ranked] == list(range(1, 121))
        assert max(i["listed_at"] for i in ranked) == plist["updated_at"]
        assert min(i["listed_at"] for i in ranked) >= plist["created_at"]
    playback = _all(c, "/sync/playback")
    assert len(playback) == 7 and all(1 <= p["progress"] < 80 for p in playback)
    acts = c.get("/sync/last_activities").json()
    assert acts["lists"]["updated_at"] == max(x["updated_at"] for x in lists)
    for kind in ("movie", "episode"):
        paused = [p["paused_at"] for p in playback if p["type"] == kind]
        if paused:
            assert acts[f"{kind}s"]["paused_at"][:19] == max(paused)[:19]
    favorited = [f["listed_at"] for f in _all(c, "/sync/favorites")]
    assert acts["favorites"]["updated_at"] == max(favorited)
    with client(seeded[0]) as anonymous:  # other users see the public lists only
        assert len(anonymous.get("/users/demo/lists").json()) == 2


def test_seeded_stats_match_the_sections(seeded: tuple[RunningSandbox, httpx2.Client]) -> None:
    _, c = seeded
    stats = c.get("/users/me/stats").json()
    history = c.get("/sync/history/movies")
    assert stats["movies"]["plays"] == int(history.headers["x-pagination-item-count"])
    watched = c.get("/sync/watched/movies")
    assert stats["movies"]["watched"] == int(watched.headers["x-pagination-item-count"])
    shows = c.get("/sync/watched/shows", params={"specials": "true"})
    assert stats["shows"]["watched"] == int(shows.headers["x-pagination-item-count"])
    ratings = c.get("/sync/ratings")
    assert stats["ratings"]["total"] == int(ratings.headers["x-pagination-item-count"]) == 60
    assert stats["movies"]["collected"] == 20
    plays = stats["movies"]["plays"] + stats["episodes"]["plays"]
    assert plays == 300
