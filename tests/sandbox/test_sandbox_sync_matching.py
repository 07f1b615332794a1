"""Sync matching shared by every sync POST (REFERENCE §8.1): id order, title fallback,
`not_found` echo, validation (400 wrong types / 422 bad values, nothing applied)."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_helpers import Session, control

INCEPTION = 16662
DUNE_2021, DUNE_1984 = 287071, 60000014


def _watchlisted(s: Session) -> list[int]:
    return [item["movie"]["ids"]["trakt"] for item in s.c.get("/sync/watchlist/movies").json()]


def _add(s: Session, body: dict[str, Any]) -> dict[str, Any]:
    r = s.c.post("/sync/watchlist", json=body)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


def test_ids_match_in_order_trakt_imdb_tmdb_tvdb_slug(session: Session) -> None:
    # trakt wins over a conflicting imdb id; then imdb, tmdb, slug each alone
    _add(session, {"movies": [{"ids": {"trakt": INCEPTION, "imdb": "tt1160419"}}]})
    assert _watchlisted(session) == [INCEPTION]
    _add(session, {"movies": [{"ids": {"trakt": 999999999, "imdb": "tt1160419"}}]})
    _add(session, {"movies": [{"ids": {"tmdb": 157336, "slug": "the-matrix-1999"}}]})
    _add(session, {"movies": [{"ids": {"slug": "fight-club-1999"}}]})
    assert _watchlisted(session) == [INCEPTION, DUNE_2021, 102156, 432]
    shows = _add(session, {"shows": [{"ids": {"tvdb": 81189}}]})
    assert shows["added"]["shows"] == 1
    eps = _add(session, {"episodes": [{"ids": {"imdb": "tt0959621"}}]})  # Breaking Bad pilot
    assert eps["added"]["episodes"] == 1


def test_title_year_fallback_then_most_current_title(session: Session) -> None:
    data = _add(
        session,
        {
            "movies": [
                {"title": "Dune", "year": 1984},  # title + year
                {"ids": {"imdb": "tt0000001"}, "title": "dune", "year": 2021},  # ids miss
            ]
        },
    )
    assert data["added"]["movies"] == 2
    assert _watchlisted(session) == [DUNE_1984, DUNE_2021]
    session.c.post("/sync/watchlist/remove", json={"movies": [{"ids": {"trakt": DUNE_2021}}]})
    # title only (and a year that matches nothing): the most current "Dune" (2021)
    data = _add(session, {"movies": [{"title": "Dune"}, {"title": "Dune", "year": 1999}]})
    assert data["added"]["movies"] == 1 and data["existing"]["movies"] == 1
    assert _watchlisted(session) == [DUNE_1984, DUNE_2021]


def test_title_fallback_can_be_turned_off(session: Session) -> None:
    control(session.sb, "/_sandbox/config", {"title_fallback": False})
    data = _add(session, {"movies": [{"title": "Inception", "year": 2010}]})
    assert data["added"]["movies"] == 0
    assert data["not_found"]["movies"] == [{"title": "Inception", "year": 2010}]


def test_not_found_is_echoed_exactly_as_sent(session: Session) -> None:
    odd = {"ids": {"imdb": "tt0000111", "custom": [1, 2]}, "title": "Nope", "rating": 10}
    body = {
        "movies": [odd, {"ids": {"trakt": INCEPTION}}],
        "shows": [{"ids": {"slug": "no-such-show"}, "extra": {"a": 1}}],
        "seasons": [{"ids": {"trakt": 1}}],
        "episodes": [{"ids": {"tvdb": 1}, "watched_at": "2020-01-01T00:00:00Z"}],
    }
    data = _add(session, body)
    assert data["not_found"] == {
        "movies": [odd],
        "shows": body["shows"],
        "seasons": body["seasons"],
        "episodes": body["episodes"],
    }
    assert data["added"]["movies"] == 1


def test_missing_seasons_and_episodes_are_echoed_with_their_show(session: Session) -> None:
    show = {
        "title": "Breaking Bad",
        "ids": {"trakt": 1388},
        "seasons": [
            {"number": 1, "episodes": [{"number": 1}, {"number": 42}]},
            {"number": 9},
        ],
    }
    data = _add(session, {"shows": [show]})
    assert data["added"]["episodes"] == 1
    assert data["not_found"]["shows"] == [
        {
            "title": "Breaking Bad",
            "ids": {"trakt": 1388},
            "seasons": [{"number": 1, "episodes": [{"number": 42}]}, {"number": 9}],
        }
    ]


@pytest.mark.parametrize(
    ("route", "body", "status"),
    [
        ("/sync/watchlist", [1, 2], 400),
        ("/sync/watchlist", {"movies": {"ids": {"trakt": 1}}}, 400),
        ("/sync/watchlist", {"movies": ["tt1375666"]}, 400),
        ("/sync/watchlist", {"movies": [{"ids": {"trakt": [1]}}]}, 400),
        (
            "/sync/watchlist",
            {"shows": [{"ids": {"trakt": 1388}, "seasons": [{"number": "1"}]}]},
            400,
        ),
        ("/sync/ratings", {"movies": [{"ids": {"trakt": INCEPTION}, "rating": 11}]}, 422),
        ("/sync/ratings", {"movies": [{"ids": {"trakt": INCEPTION}, "rating": 0}]}, 422),
        ("/sync/ratings", {"movies": [{"ids": {"trakt": INCEPTION}, "rating": "8"}]}, 400),
        ("/sync/ratings", {"movies": [{"ids": {"trakt": INCEPTION}}]}, 422),
        ("/sync/history", {"movies": [{"ids": {"trakt": INCEPTION}, "watched_at": "yday"}]}, 422),
        ("/sync/history", {"movies": [{"ids": {"trakt": INCEPTION}, "watched_at": 5}]}, 400),
        ("/sync/collection", {"movies": [{"ids": {"trakt": INCEPTION}, "hdr": "hdr11"}]}, 422),
        ("/sync/collection", {"movies": [{"ids": {"trakt": INCEPTION}, "3d": "yes"}]}, 400),
        (
            "/sync/collection",
            {"movies": [{"ids": {"trakt": INCEPTION}, "audio_channels": 5.1}]},
            400,
        ),
    ],
)
def test_invalid_input_is_rejected_and_nothing_changes(
    session: Session, route: str, body: Any, status: int
) -> None:
    # a valid item first: the whole request must be rejected, not half applied
    if isinstance(body, dict):
        body = {**body, "episodes": [{"ids": {"imdb": "tt0959621"}, "rating": 8}]}
    r = session.c.post(route, json=body)
    assert r.status_code == status, r.text
    assert r.json()["error_description"]
    assert session.c.get("/sync/last_activities").json()["all"] == "2010-01-01T00:00:00.000Z"


def test_invalid_value_inside_an_unmatched_show_is_still_rejected(session: Session) -> None:
    body = {"shows": [{"ids": {"slug": "nope"}, "seasons": [{"number": 1, "rating": 12}]}]}
    r = session.c.post("/sync/ratings", json=body)
    assert r.status_code == 422
    assert "shows[0].seasons[0].rating" in r.json()["error_description"]
