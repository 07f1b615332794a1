"""Favorites (REFERENCE §8.9): add/existing/not_found, list-item shape, sorts, mirrors,
remove, reorder, the 50-item cap (420) and last_activities bumps."""

from __future__ import annotations

from typing import Any

from sandbox_helpers import Session, client, control

INCEPTION, MATRIX, FIGHT_CLUB, INTERSTELLAR = 16662, 481, 432, 102156
BREAKING_BAD = 1388
NOW = "2026-05-28T20:26:40.000Z"
LATER = "2026-05-28T20:27:40.000Z"


def _ids(items: list[dict[str, Any]]) -> list[int]:
    return [item[item["type"]]["ids"]["trakt"] for item in items]


def _movies(*ids: int) -> list[dict[str, Any]]:
    return [{"ids": {"trakt": trakt}} for trakt in ids]


def test_add_existing_not_found_and_shape(session: Session) -> None:
    body = {
        "movies": [*_movies(INCEPTION, MATRIX), {"ids": {"slug": "no-such-film"}}],
        "shows": [{"ids": {"trakt": BREAKING_BAD}, "notes": "best drama"}],
        "episodes": [{"ids": {"trakt": 73482}}],  # ignored: favorites are movies and shows
    }
    r = session.c.post("/sync/favorites", json=body)
    assert r.status_code == 201
    data = r.json()
    assert data["added"] == {"movies": 2, "shows": 1}
    assert data["existing"] == {"movies": 0, "shows": 0}
    assert data["not_found"] == {"movies": [{"ids": {"slug": "no-such-film"}}], "shows": []}
    assert data["list"] == {"item_count": 3, "updated_at": NOW}
    session.tick()
    again = session.c.post("/sync/favorites", json={"movies": _movies(MATRIX)}).json()
    assert again["added"] == {"movies": 0, "shows": 0}
    assert again["existing"] == {"movies": 1, "shows": 0}
    assert again["list"]["updated_at"] == NOW  # nothing changed
    items = session.c.get("/sync/favorites", params={"extended": "full"}).json()
    assert [i["rank"] for i in items] == [1, 2, 3]
    assert set(items[0]) == {"rank", "id", "listed_at", "notes", "type", "movie"}
    assert "overview" in items[0]["movie"] and items[0]["listed_at"] == NOW
    assert items[2]["type"] == "show" and items[2]["notes"] == "best drama"  # free user too
    too_long = {"movies": [{"ids": {"trakt": FIGHT_CLUB}, "notes": "x" * 501}]}
    assert session.c.post("/sync/favorites", json=too_long).status_code == 422


def test_types_sorts_and_mirrors(session: Session) -> None:
    for trakt in (MATRIX, INTERSTELLAR, INCEPTION):
        session.c.post("/sync/favorites", json={"movies": _movies(trakt)})
        session.tick()
    session.c.post("/sync/favorites", json={"shows": [{"ids": {"trakt": BREAKING_BAD}}]})
    assert [i["type"] for i in session.c.get("/sync/favorites/shows").json()] == ["show"]
    assert len(session.c.get("/sync/favorites/movies,shows").json()) == 4
    assert session.c.get("/sync/favorites/seasons").status_code == 400
    added = session.c.get("/sync/favorites/movies/added")
    assert _ids(added.json()) == [INCEPTION, INTERSTELLAR, MATRIX]
    assert added.headers["x-applied-sort-by"] == "added"
    assert added.headers["x-sort-by"] == "rank" and added.headers["x-sort-how"] == "asc"
    released = session.c.get("/sync/favorites/movies/released/asc").json()
    assert _ids(released) == [MATRIX, INCEPTION, INTERSTELLAR]
    assert session.c.get("/sync/favorites/movies/sideways").status_code == 400
    own = session.c.get("/sync/favorites").json()
    assert session.c.get("/users/me/favorites").json() == own
    with client(session.sb) as anonymous:
        assert anonymous.get("/users/demo/favorites").json() == own
        assert _ids(anonymous.get("/users/demo/favorites/movies/title/asc").json()) == [
            INCEPTION,
            INTERSTELLAR,
            MATRIX,
        ]
        assert anonymous.get("/sync/favorites").status_code == 401


def test_remove_reorder_and_last_activities(session: Session) -> None:
    before = session.c.get("/sync/last_activities").json()
    session.c.post(
        "/sync/favorites",
        json={"movies": _movies(MATRIX, INCEPTION), "shows": [{"ids": {"trakt": BREAKING_BAD}}]},
    )
    acts = session.c.get("/sync/last_activities").json()
    assert acts["movies"]["favorited_at"] == acts["shows"]["favorited_at"] == NOW
    assert acts["favorites"]["updated_at"] == NOW and acts["all"] == NOW
    assert before["favorites"]["updated_at"] != NOW
    session.tick()
    r = session.c.post(
        "/sync/favorites/remove",
        json={"movies": [*_movies(MATRIX, FIGHT_CLUB), {"ids": {"imdb": "tt0000000"}}]},
    )
    assert r.status_code == 200
    data = r.json()
    assert data["deleted"] == {"movies": 1, "shows": 0}  # Fight Club was not a favorite
    assert data["not_found"] == {"movies": [{"ids": {"imdb": "tt0000000"}}], "shows": []}
    assert data["list"] == {"item_count": 2, "updated_at": LATER}
    acts = session.c.get("/sync/last_activities").json()
    assert acts["movies"]["favorited_at"] == LATER and acts["shows"]["favorited_at"] == NOW
    items = session.c.get("/sync/favorites").json()
    assert [i["rank"] for i in items] == [1, 2]
    ids = {i[i["type"]]["ids"]["trakt"]: i["id"] for i in items}
    session.tick()
    r = session.c.post("/sync/favorites/reorder", json={"rank": [ids[BREAKING_BAD], 7]})
    assert r.json()["updated"] == 2 and r.json()["skipped_ids"] == [7]
    assert r.json()["list"]["updated_at"] == "2026-05-28T20:28:40.000Z"
    assert _ids(session.c.get("/sync/favorites").json()) == [BREAKING_BAD, INCEPTION]
    assert session.c.post("/sync/favorites/reorder", json={"rank": "x"}).status_code == 400


def test_420_past_the_favorites_cap(session: Session) -> None:
    settings = session.c.get("/users/settings").json()
    assert settings["limits"]["favorites"] == {"item_count": 50}
    movies = session.c.get("/movies/popular", params={"limit": 51}).json()
    body = {"movies": [{"ids": m["ids"]} for m in movies]}
    r = session.c.post("/sync/favorites", json=body)
    assert r.status_code == 420
    assert r.headers["x-account-limit"] == "50" and r.headers["x-vip-user"] == "false"
    assert session.c.get("/sync/favorites").json() == []
    control(session.sb, "/_sandbox/users", {"username": "demo", "vip": True})
    r = session.c.post("/sync/favorites", json=body)  # the cap applies to VIP users too
    assert r.status_code == 420 and r.headers["x-vip-user"] == "true"
    ok = session.c.post("/sync/favorites", json={"movies": body["movies"][:50]})
    assert ok.status_code == 201 and ok.json()["list"]["item_count"] == 50
    page = session.c.get("/sync/favorites", params={"limit": 20, "page": 3})
    assert [i["rank"] for i in page.json()] == list(range(41, 51))
    assert page.headers["x-pagination-page-count"] == "3"
    control(session.sb, "/_sandbox/users", {"username": "demo", "limits": {"favorites": 2}})
    r = session.c.post("/sync/favorites", json={"movies": body["movies"][50:]})
    assert r.status_code == 420 and r.headers["x-account-limit"] == "2"
