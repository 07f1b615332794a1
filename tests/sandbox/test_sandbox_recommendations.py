"""Recommendations (REFERENCE §11) and hidden items (§12.5)."""

from __future__ import annotations

from typing import Any

from sandbox_helpers import Session


def _recs(s: Session, media: str = "movies", **params: Any) -> list[int]:
    r = s.c.get(f"/recommendations/{media}", params={"limit": 100, **params})
    assert r.status_code == 200, r.text
    return [item["ids"]["trakt"] for item in r.json()]


def test_headers_limit_and_auth(session: Session) -> None:
    r = session.c.get("/recommendations/movies")
    assert len(r.json()) == 10
    assert r.headers["x-pagination-page"] == "1" and r.headers["x-pagination-limit"] == "10"
    assert "x-pagination-page-count" not in r.headers
    assert "x-pagination-item-count" not in r.headers
    capped = session.c.get("/recommendations/shows", params={"limit": 500})
    assert capped.headers["x-pagination-limit"] == "100"
    anonymous = session.c.get("/recommendations/movies", headers={"Authorization": ""})
    assert anonymous.status_code == 401


def test_excludes_watched_always_collected_and_watchlisted_when_asked(session: Session) -> None:
    first = _recs(session)
    watched, collected, listed = first[0], first[1], first[2]
    session.c.post("/sync/history", json={"movies": [{"ids": {"trakt": watched}}]})
    session.c.post("/sync/collection", json={"movies": [{"ids": {"trakt": collected}}]})
    session.c.post("/sync/watchlist", json={"movies": [{"ids": {"trakt": listed}}]})
    plain = _recs(session, ignore_watched="false")
    assert watched not in plain and collected in plain and listed in plain
    assert collected not in _recs(session, ignore_collected="true")
    assert listed not in _recs(session, ignore_watchlisted="true")
    both = _recs(session, ignore_collected="true", ignore_watchlisted="true")
    assert not {watched, collected, listed} & set(both)
    assert (
        session.c.get("/recommendations/movies", params={"ignore_collected": "y"}).status_code
        == 400
    )


def test_watching_a_show_episode_excludes_the_show(session: Session) -> None:
    show = _recs(session, "shows")[0]
    episodes = session.c.get(f"/shows/{show}/seasons/1").json()
    session.c.post("/sync/history", json={"episodes": [{"ids": episodes[0]["ids"]}]})
    assert show not in _recs(session, "shows")


def test_ratings_steer_the_order(session: Session) -> None:
    # loving a crime drama and hating science fiction: crime and drama first, rated left out
    session.c.post(
        "/sync/ratings",
        json={
            "movies": [
                {"ids": {"slug": "the-godfather-1972"}, "rating": 10},
                {"ids": {"slug": "dune-2021"}, "rating": 1},
            ]
        },
    )
    rows = session.c.get("/recommendations/movies", params={"extended": "full"}).json()
    assert all({"crime", "drama"} & set(m["genres"]) for m in rows)
    assert not any("science-fiction" in m["genres"] for m in rows)
    assert "the-godfather-1972" not in {m["ids"]["slug"] for m in rows}


def test_hide_then_list_and_unhide(session: Session) -> None:
    top = _recs(session)[0]
    r = session.c.delete(f"/recommendations/movies/{top}")
    assert r.status_code == 204 and r.content == b""
    assert top not in _recs(session)
    assert session.c.delete("/recommendations/movies/no-such-movie").status_code == 404
    hidden = session.c.get("/users/hidden/recommendations")
    assert hidden.status_code == 200 and hidden.headers["x-pagination-item-count"] == "1"
    (item,) = hidden.json()
    assert item["type"] == "movie" and item["movie"]["ids"]["trakt"] == top
    assert item["hidden_at"] == "2026-05-28T20:26:40.000Z"
    assert session.c.get("/users/hidden/recommendations", params={"type": "show"}).json() == []
    r = session.c.post(
        "/users/hidden/recommendations/remove",
        json={"movies": [{"ids": {"trakt": top}}, {"ids": {"slug": "nope"}}]},
    )
    assert r.json() == {
        "deleted": {"movies": 1, "shows": 0, "seasons": 0, "users": 0},
        "not_found": {
            "movies": [{"ids": {"slug": "nope"}}],
            "shows": [],
            "seasons": [],
            "users": [],
        },
    }
    assert _recs(session)[0] == top


def test_hidden_sections(session: Session) -> None:
    body = {
        "movies": [{"ids": {"trakt": 16662}}],
        "shows": [{"ids": {"trakt": 1388}, "seasons": [{"number": 2}]}, {"ids": {"trakt": 1390}}],
        "users": [{"ids": {"slug": "demo"}}],
    }
    r = session.c.post("/users/hidden/progress_watched", json=body)
    assert r.status_code == 201
    data = r.json()
    assert data["added"] == {"movies": 0, "shows": 1, "seasons": 1, "users": 0}
    assert data["not_found"]["movies"] == body["movies"]  # progress sections take no movies
    assert data["not_found"]["users"] == body["users"]
    items = session.c.get("/users/hidden/progress_watched").json()
    assert sorted(i["type"] for i in items) == ["season", "show"]
    season = next(i for i in items if i["type"] == "season")
    assert season["show"]["ids"]["trakt"] == 1388 and season["season"]["number"] == 2
    again = session.c.post("/users/hidden/progress_watched", json=body).json()
    assert again["added"] == {"movies": 0, "shows": 0, "seasons": 0, "users": 0}
    users = session.c.post("/users/hidden/comments", json={"users": [{"ids": {"slug": "demo"}}]})
    assert users.json()["added"]["users"] == 1
    assert session.c.get("/users/hidden/comments").json()[0]["user"]["username"] == "demo"
    assert session.c.get("/users/hidden/everything").status_code == 404
    assert session.c.post("/users/hidden/progress_watched_reset", json=body).status_code == 400
