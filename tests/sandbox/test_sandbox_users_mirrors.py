"""`/users/{id}/watchlist|ratings|history|collection|watched` mirror `/sync` (REFERENCE §12.4),
on a library seeded by `--library synthetic:...`, which must be consistent with the rules."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest
from sandbox_helpers import FakeClock, authed, client, control

from traktkit.sandbox import SandboxConfig
from traktkit.sandbox.server import RunningSandbox, running_sandbox

SPEC = "synthetic:plays=400,ratings=80,watchlist=40,collection=30"
PATHS = [
    ("/sync/watchlist", "/users/{}/watchlist"),
    ("/sync/watchlist/movies/added", "/users/{}/watchlist/movies/added"),
    ("/sync/watchlist/movies/title/asc", "/users/{}/watchlist/movies/title/asc"),
    ("/sync/ratings", "/users/{}/ratings"),
    ("/sync/ratings/movies/9,10", "/users/{}/ratings/movies/9,10"),
    ("/sync/history", "/users/{}/history"),
    ("/sync/history/episodes", "/users/{}/history/episodes"),
    ("/sync/collection/movies", "/users/{}/collection/movies"),
    ("/sync/watched/shows", "/users/{}/watched/shows"),
]


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


@pytest.mark.parametrize(("sync", "mirror"), PATHS)
def test_me_and_slug_mirror_sync(
    seeded: tuple[RunningSandbox, httpx2.Client], sync: str, mirror: str
) -> None:
    sb, c = seeded
    own = c.get(sync, params={"limit": 250})
    assert own.status_code == 200 and own.json()
    assert c.get(mirror.format("me"), params={"limit": 250}).json() == own.json()
    with client(sb) as anonymous:  # demo is public
        public = anonymous.get(mirror.format("demo"), params={"limit": 250})
        assert public.json() == own.json()
        assert public.headers["x-pagination-item-count"] == own.headers["x-pagination-item-count"]


def test_history_item_mirror(seeded: tuple[RunningSandbox, httpx2.Client]) -> None:
    _, c = seeded
    play = c.get("/sync/history/movies").json()[0]
    trakt = play["movie"]["ids"]["trakt"]
    own = c.get(f"/sync/history/movies/{trakt}").json()
    assert play in own
    assert c.get(f"/users/me/history/movies/{trakt}").json() == own


def test_seeded_library_is_consistent(seeded: tuple[RunningSandbox, httpx2.Client]) -> None:
    _, c = seeded
    watched_movies = {
        row["movie"]["ids"]["trakt"]
        for row in c.get("/sync/watched/movies", params={"limit": 250}).json()
    }
    watched_shows = {
        row["show"]["ids"]["trakt"]
        for row in c.get("/sync/watched/shows", params={"limit": 250}).json()
    }
    listed = c.get("/sync/watchlist").json()
    assert len(listed) == 40
    for item in listed:
        trakt = item[item["type"]]["ids"]["trakt"]
        assert trakt not in (watched_movies if item["type"] == "movie" else watched_shows)
    history = c.get("/sync/history", params={"limit": 250}).json()
    assert all(p["watched_at"].endswith(":00.000Z") for p in history)
    acts = c.get("/sync/last_activities").json()
    assert acts["movies"]["watched_at"] == max(
        p["watched_at"] for p in c.get("/sync/history/movies", params={"limit": 250}).json()
    )


def test_private_users_and_me_without_token() -> None:
    config = SandboxConfig(
        auto_approve="demo", synthetic_movies=50, synthetic_shows=5, device_interval=0.05
    )
    with running_sandbox(config) as sb, authed(sb) as c, client(sb) as anonymous:
        control(sb, "/_sandbox/users", {"username": "demo", "private": True})
        for path in ("/users/demo/history", "/users/demo/watchlist", "/users/demo/ratings/all"):
            r = anonymous.get(path)
            assert r.status_code == 401 and r.headers["x-private-user"] == "true"
            assert c.get(path).status_code == 200  # the token's own user
        assert anonymous.get("/users/me/watchlist").status_code == 401
        assert anonymous.get("/users/nobody/history").status_code == 404
        assert anonymous.get("/sync/history").status_code == 401


def test_history_and_watched_pagination(seeded: tuple[RunningSandbox, httpx2.Client]) -> None:
    _, c = seeded
    first = c.get("/sync/history")
    assert len(first.json()) == 100
    assert first.headers["x-pagination-item-count"] == "400"
    assert first.headers["x-pagination-page-count"] == "4"
    pages = [
        c.get("/users/demo/history", params={"page": n, "limit": 150}).json() for n in (1, 2, 3)
    ]
    assert [len(p) for p in pages] == [150, 150, 100]
    ids = [play["id"] for page in pages for play in page]
    assert len(set(ids)) == 400
    times = [play["watched_at"] for page in pages for play in page]
    assert times == sorted(times, reverse=True)
    watched = c.get("/sync/watched/movies", params={"limit": 7})
    assert len(watched.json()) == 7 and int(watched.headers["x-pagination-page-count"]) > 1
