"""Watchlist (REFERENCE §8.8): counts, list-item shape, sorts and headers, 420, reorder."""

from __future__ import annotations

from typing import Any

from sandbox_helpers import Session, control

INCEPTION, MATRIX, FIGHT_CLUB, INTERSTELLAR = 16662, 481, 432, 102156
BREAKING_BAD = 1388


def _ids(items: list[dict[str, Any]]) -> list[int]:
    return [item[item["type"]]["ids"]["trakt"] for item in items]


def test_add_existing_and_list_object(session: Session) -> None:
    body = {
        "movies": [{"ids": {"trakt": INCEPTION}}, {"ids": {"trakt": MATRIX}}],
        "shows": [
            {"ids": {"trakt": BREAKING_BAD}},
            {"ids": {"slug": "game-of-thrones"}, "seasons": [{"number": 1}, {"number": 2}]},
            {"ids": {"slug": "the-wire"}, "seasons": [{"number": 1, "episodes": [{"number": 3}]}]},
        ],
        "seasons": [{"ids": {"trakt": 60800001}}],  # Breaking Bad season 1
        "episodes": [{"ids": {"imdb": "tt0959621"}}],
    }
    r = session.c.post("/sync/watchlist", json=body)
    assert r.status_code == 201
    data = r.json()
    assert data["added"] == {"movies": 2, "shows": 1, "seasons": 3, "episodes": 2}
    assert data["existing"] == {"movies": 0, "shows": 0, "seasons": 0, "episodes": 0}
    assert data["list"] == {"item_count": 8, "updated_at": "2026-05-28T20:26:40.000Z"}
    session.tick()
    again = session.c.post("/sync/watchlist", json=body).json()
    assert again["added"] == {"movies": 0, "shows": 0, "seasons": 0, "episodes": 0}
    assert again["existing"] == {"movies": 2, "shows": 1, "seasons": 3, "episodes": 2}
    assert again["list"]["updated_at"] == "2026-05-28T20:26:40.000Z"  # nothing changed


def test_get_shapes_types_and_headers(session: Session) -> None:
    session.c.post(
        "/sync/watchlist",
        json={
            "movies": [{"ids": {"trakt": INCEPTION}}],
            "shows": [{"ids": {"trakt": BREAKING_BAD}, "seasons": [{"number": 2}]}],
            "episodes": [{"ids": {"imdb": "tt0959621"}}],
        },
    )
    r = session.c.get("/sync/watchlist", params={"extended": "full"})
    items = r.json()
    assert [i["type"] for i in items] == ["movie", "season", "episode"]
    movie, season, episode = items
    assert set(movie) == {"rank", "id", "listed_at", "notes", "type", "movie"}
    assert movie["rank"] == 1 and movie["notes"] is None
    assert movie["listed_at"] == "2026-05-28T20:26:40.000Z"
    assert "overview" in movie["movie"]
    assert season["season"]["number"] == 2 and season["show"]["ids"]["trakt"] == BREAKING_BAD
    assert episode["episode"]["title"] == "Pilot" and episode["show"]["title"] == "Breaking Bad"
    assert r.headers["x-sort-by"] == "rank" and r.headers["x-sort-how"] == "asc"
    assert r.headers["x-applied-sort-by"] == "rank"
    assert r.headers["x-pagination-limit"] == "100"
    assert [i["type"] for i in session.c.get("/sync/watchlist/seasons").json()] == ["season"]
    both = session.c.get("/sync/watchlist/movies,episodes").json()
    assert [i["type"] for i in both] == ["movie", "episode"]
    assert session.c.get("/sync/watchlist/people").status_code == 400


def test_sorts_classic_and_2026_forms(session: Session) -> None:
    for trakt in (MATRIX, INTERSTELLAR, FIGHT_CLUB, INCEPTION):
        session.c.post("/sync/watchlist", json={"movies": [{"ids": {"trakt": trakt}}]})
        session.tick()
    rank = _ids(session.c.get("/sync/watchlist/movies/rank").json())
    assert rank == [MATRIX, INTERSTELLAR, FIGHT_CLUB, INCEPTION]
    added = session.c.get("/sync/watchlist/movies/added")
    assert _ids(added.json()) == [INCEPTION, FIGHT_CLUB, INTERSTELLAR, MATRIX]
    assert added.headers["x-applied-sort-how"] == "desc"
    released = _ids(session.c.get("/sync/watchlist/movies/released/asc").json())
    assert released == [MATRIX, FIGHT_CLUB, INCEPTION, INTERSTELLAR]
    title = session.c.get("/sync/watchlist/movies/title/desc")
    assert _ids(title.json()) == [MATRIX, INTERSTELLAR, INCEPTION, FIGHT_CLUB]  # "The" ignored
    assert title.headers["x-applied-sort-by"] == "title"
    assert title.headers["x-sort-by"] == "rank"  # the user's preference, unchanged
    # a free user asking for a VIP-only sort gets rank
    vip_sort = session.c.get("/sync/watchlist/movies/imdb_rating/desc")
    assert vip_sort.headers["x-applied-sort-by"] == "rank"
    assert session.c.get("/sync/watchlist/movies/sideways").status_code == 400
    control(session.sb, "/_sandbox/users", {"username": "demo", "watchlist_sort": ["added", "asc"]})
    preferred = session.c.get("/sync/watchlist")
    assert preferred.headers["x-sort-by"] == "added"
    assert _ids(preferred.json()) == [MATRIX, INTERSTELLAR, FIGHT_CLUB, INCEPTION]


def test_remove_and_reorder(session: Session) -> None:
    movies = [{"ids": {"trakt": t}} for t in (MATRIX, INTERSTELLAR, FIGHT_CLUB, INCEPTION)]
    session.c.post("/sync/watchlist", json={"movies": movies})
    session.tick()
    r = session.c.post(
        "/sync/watchlist/remove",
        json={
            "movies": [
                {"ids": {"trakt": INTERSTELLAR}},
                {"ids": {"slug": "nope"}},
                {"ids": {"trakt": 120}},
            ]
        },
    )
    assert r.status_code == 200
    data = r.json()
    assert data["deleted"] == {"movies": 1, "shows": 0, "seasons": 0, "episodes": 0}
    assert data["not_found"]["movies"] == [{"ids": {"slug": "nope"}}]
    assert data["list"] == {"item_count": 3, "updated_at": "2026-05-28T20:27:40.000Z"}
    items = session.c.get("/sync/watchlist").json()
    assert [i["rank"] for i in items] == [1, 2, 3]
    ids = {i["movie"]["ids"]["trakt"]: i["id"] for i in items}
    r = session.c.post("/sync/watchlist/reorder", json={"rank": [ids[INCEPTION], 999, ids[MATRIX]]})
    assert r.json()["skipped_ids"] == [999] and r.json()["updated"] == 3
    assert _ids(session.c.get("/sync/watchlist").json()) == [INCEPTION, MATRIX, FIGHT_CLUB]


def test_420_when_the_watchlist_limit_is_passed(session: Session) -> None:
    settings = control(
        session.sb, "/_sandbox/users", {"username": "demo", "limits": {"watchlist": 3}}
    )
    assert settings["limits"]["watchlist"] == {"item_count": 3}
    assert session.c.get("/users/settings").json()["limits"]["watchlist"]["item_count"] == 3
    two = [{"ids": {"trakt": t}} for t in (MATRIX, INCEPTION)]
    assert session.c.post("/sync/watchlist", json={"movies": two}).status_code == 201
    more = [{"ids": {"trakt": t}} for t in (MATRIX, FIGHT_CLUB, INTERSTELLAR)]
    r = session.c.post("/sync/watchlist", json={"movies": more})
    assert r.status_code == 420
    assert r.headers["x-account-limit"] == "3"
    assert r.headers["x-upgrade-url"] == "https://trakt.tv/vip"
    assert r.headers["x-vip-user"] == "false"
    assert len(session.c.get("/sync/watchlist").json()) == 2  # nothing added
    ok = session.c.post("/sync/watchlist", json={"movies": more[:2]})  # one new: fits
    assert ok.status_code == 201 and ok.json()["list"]["item_count"] == 3
    control(session.sb, "/_sandbox/users", {"username": "demo", "vip": True, "limits": None})
    assert session.c.post("/sync/watchlist", json={"movies": more}).status_code == 201


def test_notes_are_kept_for_vip_users_only(session: Session) -> None:
    body = {"movies": [{"ids": {"trakt": INCEPTION}, "notes": "with popcorn"}]}
    session.c.post("/sync/watchlist", json=body)
    assert session.c.get("/sync/watchlist").json()[0]["notes"] is None
    control(session.sb, "/_sandbox/users", {"username": "demo", "vip": True})
    session.c.post("/sync/watchlist", json={"movies": [{"ids": {"trakt": MATRIX}, "notes": "yes"}]})
    assert session.c.get("/sync/watchlist").json()[1]["notes"] == "yes"
    long = {"movies": [{"ids": {"trakt": FIGHT_CLUB}, "notes": "x" * 501}]}
    assert session.c.post("/sync/watchlist", json=long).status_code == 422


def test_pagination(session: Session) -> None:
    movies = session.c.get("/movies/popular", params={"limit": 25}).json()
    session.c.post("/sync/watchlist", json={"movies": [{"ids": m["ids"]} for m in movies]})
    r = session.c.get("/sync/watchlist", params={"limit": 10, "page": 3})
    assert [i["rank"] for i in r.json()] == [21, 22, 23, 24, 25]
    assert r.headers["x-pagination-page-count"] == "3"
    assert r.headers["x-pagination-item-count"] == "25"
