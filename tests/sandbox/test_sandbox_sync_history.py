"""History (REFERENCE §8.6): minute precision, released/unknown, no de-duplication,
hierarchy expansion to aired episodes, removal, filters, watchlist auto-removal (§8.8)."""

from __future__ import annotations

from typing import Any

from sandbox_helpers import FakeClock, Session, StartSandbox, authed

INCEPTION, MATRIX = 16662, 481
BREAKING_BAD, GOT = 1388, 1390
PILOT = 73482  # Breaking Bad S01E01
NOW = "2026-05-28T20:26:00.000Z"  # the session clock, to the minute


def _post(s: Session, body: dict[str, Any], route: str = "/sync/history") -> dict[str, Any]:
    r = s.c.post(route, json=body)
    assert r.status_code in (200, 201), r.text
    data: dict[str, Any] = r.json()
    return data


def _history(s: Session, path: str = "/sync/history", **params: Any) -> list[dict[str, Any]]:
    r = s.c.get(path, params={"limit": 250, **params})
    assert r.status_code == 200, r.text
    data: list[dict[str, Any]] = r.json()
    return data


def test_minute_precision_released_unknown_and_now(session: Session) -> None:
    r = session.c.post(
        "/sync/history",
        json={
            "movies": [
                {"ids": {"trakt": INCEPTION}, "watched_at": "2024-03-05T21:14:55.123Z"},
                {"ids": {"trakt": MATRIX}, "watched_at": "released"},
                {"ids": {"slug": "fight-club-1999"}, "watched_at": "unknown"},
                {"ids": {"slug": "pulp-fiction-1994"}},
            ],
            "episodes": [{"ids": {"trakt": PILOT}, "watched_at": "released"}],
        },
    )
    assert r.status_code == 201
    assert r.json()["added"] == {"movies": 4, "episodes": 1}
    assert r.json()["updated"] == {"movies": 0, "episodes": 0}
    plays = _history(session)
    when = {(p["type"], p[p["type"]]["ids"]["trakt"]): p["watched_at"] for p in plays}
    assert when[("movie", INCEPTION)] == "2024-03-05T21:14:00.000Z"
    assert when[("movie", MATRIX)] == "1999-03-31T00:00:00.000Z"
    assert when[("movie", 554)] == NOW
    assert when[("movie", 432)] == "1970-01-01T00:00:00.000Z"  # unknown date
    # the pilot aired 2008-01-20 22:00 EST (03:00Z next day) and runs 47 minutes
    assert when[("episode", PILOT)] == "2008-01-21T03:47:00.000Z"
    assert [p["watched_at"] for p in plays][-1] == "1970-01-01T00:00:00.000Z"  # sorts last
    first = plays[0]
    assert set(first) == {"id", "watched_at", "action", "type", "movie"}
    assert first["action"] == "watch" and first["id"] > 2**32


def test_no_de_duplication(session: Session) -> None:
    body = {"movies": [{"ids": {"trakt": INCEPTION}, "watched_at": "2024-01-01T10:00:00Z"}]}
    _post(session, body)
    _post(session, body)
    plays = _history(session, "/sync/history/movies")
    assert len(plays) == 2 and plays[0]["watched_at"] == plays[1]["watched_at"]
    assert plays[0]["id"] != plays[1]["id"]
    watched = session.c.get("/sync/watched/movies").json()
    assert watched[0]["plays"] == 2


def test_show_expands_to_its_aired_episodes(start_sandbox: StartSandbox) -> None:
    clock = FakeClock(1_738_454_400.0)  # 2025-02-02: Severance S2E1-E3 have aired
    sb = start_sandbox(auto_approve="demo", clock=clock)
    with authed(sb) as c:
        seasons = c.get("/shows/severance/seasons", params={"extended": "episodes,full"}).json()
        aired = [
            e
            for s in seasons
            if s["number"] > 0
            for e in s["episodes"]
            if e["first_aired"] <= "2025-02-02T00:00:00.000Z"
        ]
        assert len(aired) == 12  # 9 + 3
        r = c.post("/sync/history", json={"shows": [{"ids": {"slug": "severance"}}]})
        assert r.json()["added"] == {"movies": 0, "episodes": 12}
        r = c.post(
            "/sync/history",
            json={"shows": [{"ids": {"slug": "severance"}, "seasons": [{"number": 2}]}]},
        )
        assert r.json()["added"]["episodes"] == 3
        named = {
            "ids": {"slug": "severance"},
            "seasons": [{"number": 2, "episodes": [{"number": 9}]}],
        }
        r = c.post("/sync/history", json={"shows": [named]})  # named: added even if not aired
        assert r.json()["added"]["episodes"] == 1


def test_seasons_and_episodes_by_numbers_and_ids_with_per_level_times(session: Session) -> None:
    body = {
        "shows": [
            {
                "ids": {"trakt": BREAKING_BAD},
                "watched_at": "2020-01-01T00:00:00Z",
                "seasons": [
                    {"number": 1, "watched_at": "2021-01-01T00:00:00Z"},
                    {
                        "number": 2,
                        "episodes": [
                            {"number": 1},
                            {"number": 2, "watched_at": "2022-02-02T02:02:02Z"},
                        ],
                    },
                ],
            }
        ],
        "seasons": [{"ids": {"trakt": 60800003}, "watched_at": "2023-01-01T00:00:00Z"}],  # S3
        "episodes": [{"ids": {"trakt": PILOT}, "watched_at": "2019-01-01T00:00:00Z"}],
    }
    data = _post(session, body)
    assert data["added"]["episodes"] == 7 + 2 + 13 + 1
    plays = _history(session, "/sync/history/episodes")
    by_time: dict[str, int] = {}
    for p in plays:
        by_time[p["watched_at"]] = by_time.get(p["watched_at"], 0) + 1
    assert by_time == {
        "2021-01-01T00:00:00.000Z": 7,
        "2020-01-01T00:00:00.000Z": 1,  # S2E1 inherits the show's time
        "2022-02-02T02:02:00.000Z": 1,
        "2023-01-01T00:00:00.000Z": 13,
        "2019-01-01T00:00:00.000Z": 1,
    }


def test_history_filters_by_type_item_and_dates(session: Session) -> None:
    _post(
        session,
        {
            "movies": [{"ids": {"trakt": INCEPTION}, "watched_at": "2024-01-01T00:00:00Z"}],
            "shows": [
                {
                    "ids": {"trakt": BREAKING_BAD},
                    "seasons": [{"number": 1}],
                    "watched_at": "2024-02-01T00:00:00Z",
                },
                {"ids": {"trakt": GOT}, "seasons": [{"number": 1, "episodes": [{"number": 1}]}]},
            ],
        },
    )
    assert len(_history(session)) == 1 + 7 + 1
    assert len(_history(session, "/sync/history/movies")) == 1
    assert len(_history(session, f"/sync/history/movies/{INCEPTION}")) == 1
    assert _history(session, f"/sync/history/movies/{MATRIX}") == []
    assert len(_history(session, "/sync/history/shows")) == 8
    assert len(_history(session, f"/sync/history/shows/{BREAKING_BAD}")) == 7
    assert len(_history(session, "/sync/history/seasons/60800001")) == 7
    assert len(_history(session, f"/sync/history/episodes/{PILOT}")) == 1
    window = _history(
        session, start_at="2024-01-15T00:00:00.000Z", end_at="2024-03-01T00:00:00.000Z"
    )
    assert len(window) == 7
    newest_first = [p["watched_at"] for p in _history(session)]
    assert newest_first == sorted(newest_first, reverse=True)
    assert session.c.get("/sync/history/people").status_code == 400
    assert session.c.get("/sync/history/movies/999999999").status_code == 404
    assert session.c.get("/sync/history", params={"start_at": "soon"}).status_code == 400


def test_remove_by_history_id_and_by_item(session: Session) -> None:
    body = {"movies": [{"ids": {"trakt": INCEPTION}}, {"ids": {"trakt": INCEPTION}}]}
    _post(session, body)
    _post(session, {"shows": [{"ids": {"trakt": BREAKING_BAD}, "seasons": [{"number": 1}]}]})
    plays = _history(session, "/sync/history/movies")
    one = plays[0]["id"]
    r = session.c.post("/sync/history/remove", json={"ids": [one, 123]})
    assert r.status_code == 200
    assert r.json() == {
        "deleted": {"movies": 1, "episodes": 0},
        "not_found": {"movies": [], "shows": [], "seasons": [], "episodes": [], "ids": [123]},
    }
    assert [p["id"] for p in _history(session, "/sync/history/movies")] == [plays[1]["id"]]
    data = _post(
        session,
        {"movies": [{"ids": {"trakt": INCEPTION}}], "shows": [{"ids": {"trakt": BREAKING_BAD}}]},
        "/sync/history/remove",
    )
    assert data["deleted"] == {"movies": 1, "episodes": 7}
    assert _history(session) == []


def test_watching_removes_items_from_the_watchlist(session: Session) -> None:
    _post(
        session,
        {
            "movies": [{"ids": {"trakt": INCEPTION}}, {"ids": {"trakt": MATRIX}}],
            "shows": [
                {"ids": {"trakt": BREAKING_BAD}},
                {"ids": {"trakt": BREAKING_BAD}, "seasons": [{"number": 1}, {"number": 2}]},
                {"ids": {"trakt": GOT}},
            ],
            "episodes": [{"ids": {"trakt": PILOT}}, {"ids": {"trakt": PILOT + 1}}],
        },
        "/sync/watchlist",
    )
    assert len(session.c.get("/sync/watchlist").json()) == 8
    before = session.c.get("/sync/last_activities").json()
    session.tick()
    _post(
        session,
        {"movies": [{"ids": {"trakt": INCEPTION}}], "episodes": [{"ids": {"trakt": PILOT}}]},
    )
    left = [
        (i["type"], i[i["type"]].get("number")) for i in session.c.get("/sync/watchlist").json()
    ]
    # the movie, the show, its season 1 and the pilot are gone; season 2, S01E02, GoT stay
    assert left == [("movie", None), ("season", 2), ("show", None), ("episode", 2)]
    after = session.c.get("/sync/last_activities").json()
    assert after["watchlist"]["updated_at"] == "2026-05-28T20:27:40.000Z"
    assert after["watchlist"]["updated_at"] > before["watchlist"]["updated_at"]
    assert after["movies"]["watchlisted_at"] == after["shows"]["watchlisted_at"]
    assert after["seasons"]["watchlisted_at"] == after["episodes"]["watchlisted_at"]
