"""Collection / library (REFERENCE §8.4): added/updated/existing, metadata, shapes, 420."""

from __future__ import annotations

from sandbox_helpers import Session, control

INCEPTION, MATRIX = 16662, 481
BREAKING_BAD, PILOT = 1388, 73482


def test_added_updated_existing_and_metadata(session: Session) -> None:
    body = {
        "movies": [
            {
                "ids": {"trakt": INCEPTION},
                "media_type": "bluray",
                "resolution": "uhd_4k",
                "3d": True,
            },
            {"ids": {"trakt": MATRIX}, "collected_at": "released"},
            {"ids": {"imdb": "tt0000111"}, "media_type": "dvd"},
        ],
        "shows": [{"ids": {"trakt": BREAKING_BAD}, "seasons": [{"number": 1, "hdr": "hdr10"}]}],
        "episodes": [{"ids": {"trakt": PILOT + 10}, "3d": False}],  # S02E04
    }
    r = session.c.post("/sync/collection", json=body)
    assert r.status_code == 201
    assert r.json() == {
        "added": {"movies": 2, "episodes": 8},
        "updated": {"movies": 0, "episodes": 0},
        "existing": {"movies": 0, "episodes": 0},
        "not_found": {
            "movies": [{"ids": {"imdb": "tt0000111"}, "media_type": "dvd"}],
            "shows": [],
            "seasons": [],
            "episodes": [],
        },
    }
    session.tick()
    again = {
        "movies": [
            {"ids": {"trakt": INCEPTION}, "media_type": "bluray"},  # same value: existing
            {"ids": {"trakt": MATRIX}, "media_type": "digital"},  # new value: updated
        ],
        "episodes": [{"ids": {"trakt": PILOT}}],
    }
    data = session.c.post("/sync/collection", json=again).json()
    assert data["added"] == {"movies": 0, "episodes": 0}
    assert data["updated"] == {"movies": 1, "episodes": 0}
    assert data["existing"] == {"movies": 1, "episodes": 1}
    movies = session.c.get("/sync/collection/movies", params={"extended": "metadata"}).json()
    assert [m["movie"]["ids"]["trakt"] for m in movies] == [INCEPTION, MATRIX]  # newest first
    inception, matrix = movies
    assert inception["metadata"] == {
        "media_type": "bluray",
        "resolution": "uhd_4k",
        "hdr": None,
        "audio": None,
        "audio_channels": None,
        "3d": 1,
    }
    assert matrix["collected_at"] == "1999-03-31T00:00:00.000Z"
    assert matrix["updated_at"] == "2026-05-28T20:27:40.000Z"
    assert matrix["metadata"]["media_type"] == "digital" and matrix["metadata"]["3d"] is None
    plain = session.c.get("/sync/collection/movies").json()
    assert "metadata" not in plain[0]


def test_shows_nest_seasons_and_episodes(session: Session) -> None:
    session.c.post(
        "/sync/collection",
        json={
            "shows": [{"ids": {"trakt": BREAKING_BAD}, "seasons": [{"number": 1, "hdr": "hdr10"}]}],
            "episodes": [{"ids": {"trakt": PILOT + 10}, "3d": False}],
        },
    )
    r = session.c.get("/sync/collection/shows", params={"extended": "metadata"})
    assert r.headers["x-pagination-item-count"] == "1"
    (show,) = r.json()
    assert set(show) == {"last_collected_at", "last_updated_at", "show", "seasons"}
    assert [s["number"] for s in show["seasons"]] == [1, 2]
    s1, s2 = show["seasons"]
    assert [e["number"] for e in s1["episodes"]] == list(range(1, 8))
    assert s1["episodes"][0]["metadata"]["hdr"] == "hdr10"
    assert s1["episodes"][0]["metadata"]["3d"] is None
    assert s2["episodes"] == [
        {
            "number": 4,
            "collected_at": "2026-05-28T20:26:40.000Z",
            "metadata": {
                "media_type": None,
                "resolution": None,
                "hdr": None,
                "audio": None,
                "audio_channels": None,
                "3d": False,
            },
        }
    ]
    assert session.c.get("/sync/collection/people").status_code == 400


def test_remove(session: Session) -> None:
    session.c.post(
        "/sync/collection",
        json={
            "movies": [{"ids": {"trakt": INCEPTION}}],
            "shows": [{"ids": {"trakt": BREAKING_BAD}}],
        },
    )
    r = session.c.post(
        "/sync/collection/remove",
        json={
            "movies": [{"ids": {"trakt": INCEPTION}}, {"ids": {"trakt": MATRIX}}],
            "shows": [{"ids": {"trakt": BREAKING_BAD}, "seasons": [{"number": 5}]}],
        },
    )
    assert r.status_code == 200
    assert r.json()["deleted"] == {"movies": 1, "episodes": 16}
    remaining = session.c.get("/sync/collection/shows").json()[0]["seasons"]
    assert [s["number"] for s in remaining] == [1, 2, 3, 4]


def test_420_when_the_library_limit_is_passed(session: Session) -> None:
    control(session.sb, "/_sandbox/users", {"username": "demo", "limits": {"collection": 10}})
    r = session.c.post("/sync/collection", json={"shows": [{"ids": {"trakt": BREAKING_BAD}}]})
    assert r.status_code == 420
    assert r.headers["x-account-limit"] == "10" and r.headers["x-vip-user"] == "false"
    assert session.c.get("/sync/collection/shows").json() == []
    ok = session.c.post(
        "/sync/collection",
        json={"shows": [{"ids": {"trakt": BREAKING_BAD}, "seasons": [{"number": 1}]}]},
    )
    assert ok.status_code == 201


def test_pagination(session: Session) -> None:
    movies = session.c.get("/movies/popular", params={"limit": 30}).json()
    session.c.post("/sync/collection", json={"movies": [{"ids": m["ids"]} for m in movies]})
    r = session.c.get("/sync/collection/movies", params={"limit": 20, "page": 2})
    assert len(r.json()) == 10 and r.headers["x-pagination-page-count"] == "2"
