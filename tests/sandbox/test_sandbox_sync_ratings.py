"""Ratings (REFERENCE §8.7): per-level ratings, overwrite, not_found echo, filters, remove."""

from __future__ import annotations

from sandbox_helpers import Session, control

INCEPTION, MATRIX, BREAKING_BAD, PILOT = 16662, 481, 1388, 73482


def test_rate_each_level_and_echo_not_found_with_rating(session: Session) -> None:
    body = {
        "movies": [
            {"ids": {"trakt": INCEPTION}, "rating": 9, "rated_at": "2024-05-01T12:00:00Z"},
            {"ids": {"imdb": "tt0000111"}, "rating": 10},
        ],
        "shows": [
            {
                "ids": {"trakt": BREAKING_BAD},
                "rating": 10,
                "seasons": [{"number": 1, "rating": 8, "episodes": [{"number": 1, "rating": 7}]}],
            }
        ],
        "episodes": [{"ids": {"trakt": PILOT + 1}, "rating": 6}],
    }
    r = session.c.post("/sync/ratings", json=body)
    assert r.status_code == 201
    assert r.json() == {
        "added": {"movies": 1, "shows": 1, "seasons": 1, "episodes": 2},
        "not_found": {
            "movies": [{"ids": {"imdb": "tt0000111"}, "rating": 10}],
            "shows": [],
            "seasons": [],
            "episodes": [],
        },
    }
    rated = session.c.get("/sync/ratings").json()
    assert [(i["type"], i["rating"]) for i in rated][-1] == ("movie", 9)  # oldest rated_at
    assert rated[-1]["rated_at"] == "2024-05-01T12:00:00.000Z"
    season = next(i for i in rated if i["type"] == "season")
    assert season["show"]["ids"]["trakt"] == BREAKING_BAD and season["season"]["number"] == 1
    assert set(season) == {"rated_at", "rating", "type", "season", "show"}


def test_rerating_overwrites_and_filters(session: Session) -> None:
    session.c.post("/sync/ratings", json={"movies": [{"ids": {"trakt": INCEPTION}, "rating": 5}]})
    session.tick()
    again = session.c.post(
        "/sync/ratings",
        json={
            "movies": [
                {"ids": {"trakt": INCEPTION}, "rating": 8},
                {"ids": {"trakt": MATRIX}, "rating": 10},
            ]
        },
    )
    assert again.json()["added"]["movies"] == 2
    movies = session.c.get("/sync/ratings/movies").json()
    assert {m["movie"]["ids"]["trakt"]: m["rating"] for m in movies} == {INCEPTION: 8, MATRIX: 10}
    assert len(session.c.get("/sync/ratings/movies/8,9").json()) == 1
    assert len(session.c.get("/sync/ratings/all/10").json()) == 1
    assert session.c.get("/sync/ratings/shows").json() == []
    assert session.c.get("/sync/ratings/movies/11").status_code == 400
    assert session.c.get("/sync/ratings/films").status_code == 400


def test_remove_follows_the_named_level(session: Session) -> None:
    session.c.post(
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
        },
    )
    r = session.c.post(
        "/sync/ratings/remove",
        json={
            "movies": [{"ids": {"trakt": INCEPTION}}, {"ids": {"trakt": MATRIX}}],
            "shows": [{"ids": {"trakt": BREAKING_BAD}, "seasons": [{"number": 1}]}],
        },
    )
    assert r.status_code == 200
    assert r.json()["deleted"] == {"movies": 1, "shows": 0, "seasons": 1, "episodes": 0}
    left = session.c.get("/sync/ratings").json()
    assert [(i["type"], i["rating"]) for i in left] == [("show", 10)]


def test_420_past_the_ratings_limit_and_pagination(session: Session) -> None:
    movies = session.c.get("/movies/popular", params={"limit": 12}).json()
    body = {"movies": [{"ids": m["ids"], "rating": 7} for m in movies]}
    control(session.sb, "/_sandbox/users", {"username": "demo", "limits": {"ratings": 11}})
    r = session.c.post("/sync/ratings", json=body)
    assert r.status_code == 420 and r.headers["x-account-limit"] == "11"
    control(session.sb, "/_sandbox/users", {"username": "demo", "limits": {"ratings": None}})
    assert session.c.post("/sync/ratings", json=body).status_code == 201
    page = session.c.get("/sync/ratings/movies", params={"limit": 5, "page": 3})
    assert len(page.json()) == 2 and page.headers["x-pagination-item-count"] == "12"
