"""Scrobble (REFERENCE §12.2) and playback (§8.3): the 80% rule, playback entries,
409 duplicates, watching, watchlist auto-removal and last_activities bumps."""

from __future__ import annotations

from typing import Any

from sandbox_helpers import Session, as_user, client

INCEPTION, MATRIX = 16662, 481
BREAKING_BAD, PILOT = 1388, 73482
NOW = "2026-05-28T20:26:40.000Z"
MOVIE = {"movie": {"ids": {"trakt": INCEPTION}}}
EPISODE = {"show": {"ids": {"slug": "breaking-bad"}}, "episode": {"season": 1, "number": 1}}


def _scrobble(s: Session, action: str, progress: Any, item: dict[str, Any] = MOVIE) -> Any:
    return s.c.post(f"/scrobble/{action}", json={**item, "progress": progress})


def test_start_pause_and_playback(session: Session) -> None:
    r = _scrobble(session, "start", 10)
    assert r.status_code == 201
    data = r.json()
    assert data["action"] == "start" and data["id"] == 0 and data["progress"] == 10
    assert data["movie"]["ids"]["trakt"] == INCEPTION and set(data["sharing"]) >= {"twitter"}
    watching = session.c.get("/users/demo/watching")
    assert watching.status_code == 200
    assert watching.json()["action"] == "scrobble" and watching.json()["type"] == "movie"
    assert watching.json()["started_at"] == NOW
    assert session.c.get("/sync/playback").json() == []
    session.tick()
    paused = _scrobble(session, "pause", 42.5).json()
    assert paused["action"] == "pause" and paused["id"] > 0
    assert session.c.get("/users/me/watching").status_code == 204
    items = session.c.get("/sync/playback").json()
    assert items == [
        {
            "progress": 42.5,
            "paused_at": "2026-05-28T20:27:40.000Z",
            "id": paused["id"],
            "type": "movie",
            "movie": items[0]["movie"],
        }
    ]
    acts = session.c.get("/sync/last_activities").json()
    assert acts["movies"]["paused_at"] == "2026-05-28T20:27:40.000Z"
    assert acts["episodes"]["paused_at"] != acts["movies"]["paused_at"]
    session.tick()
    again = _scrobble(session, "pause", 50).json()
    assert again["id"] == paused["id"]  # one entry per item
    assert session.c.get("/sync/playback").json()[0]["progress"] == 50
    episode = _scrobble(session, "stop", 30, EPISODE).json()  # 1-79%: a pause
    assert episode["action"] == "pause"
    assert (
        episode["episode"]["ids"]["trakt"] == PILOT and episode["show"]["title"] == "Breaking Bad"
    )
    listed = session.c.get("/sync/playback").json()
    assert [i["type"] for i in listed] == ["episode", "movie"]  # newest first
    assert listed[0]["show"]["ids"]["trakt"] == BREAKING_BAD
    assert [i["type"] for i in session.c.get("/sync/playback/movies").json()] == ["movie"]
    assert session.c.get("/sync/playback/shows").status_code == 400
    assert session.c.get("/sync/history").json() == []  # nothing was watched
    session.tick()
    _scrobble(session, "start", 0, MOVIE)  # start removes the item's paused progress
    assert [i["type"] for i in session.c.get("/sync/playback").json()] == ["episode"]
    acts = session.c.get("/sync/last_activities").json()
    assert acts["movies"]["paused_at"] == "2026-05-28T20:29:40.000Z"


def test_watching_expires_after_the_remaining_runtime(session: Session) -> None:
    _scrobble(session, "start", 50)  # Inception runs 148 minutes: 74 left
    assert session.c.get("/users/demo/watching").json()["expires_at"] == "2026-05-28T21:40:40.000Z"
    session.tick(73 * 60)
    assert session.c.get("/users/demo/watching").status_code == 200
    session.tick(2 * 60)
    assert session.c.get("/users/demo/watching").status_code == 204


def test_stop_at_80_percent_is_a_play(session: Session) -> None:
    session.c.post("/sync/watchlist", json={"movies": [{"ids": {"trakt": INCEPTION}}]})
    _scrobble(session, "pause", 60)
    session.tick()
    r = _scrobble(session, "stop", 80)
    assert r.status_code == 201
    data = r.json()
    assert data["action"] == "scrobble" and data["id"] > 2**32
    history = session.c.get("/sync/history").json()
    assert len(history) == 1 and history[0]["id"] == data["id"]
    assert history[0]["action"] == "scrobble"
    assert history[0]["watched_at"] == "2026-05-28T20:27:00.000Z"  # minute precision
    assert session.c.get("/sync/playback").json() == []
    assert session.c.get("/sync/watchlist").json() == []  # auto-removal
    acts = session.c.get("/sync/last_activities").json()
    assert acts["movies"]["watched_at"] == "2026-05-28T20:27:40.000Z"
    assert acts["movies"]["paused_at"] == acts["watchlist"]["updated_at"] == acts["all"]
    session.tick(30 * 60)
    dup = _scrobble(session, "stop", 95)
    assert dup.status_code == 409
    assert dup.json() == {
        "watched_at": "2026-05-28T20:27:00.000Z",
        "expires_at": "2026-05-28T21:27:40.000Z",
    }
    assert len(session.c.get("/sync/history").json()) == 1
    assert _scrobble(session, "stop", 40).json()["action"] == "pause"  # not a duplicate
    session.tick(31 * 60)
    assert _scrobble(session, "stop", 99).status_code == 201
    assert [p["action"] for p in session.c.get("/sync/history").json()] == ["scrobble"] * 2


def test_episode_by_ids_and_bad_input(session: Session) -> None:
    by_ids = {"episode": {"ids": {"tvdb": 349232}}}
    r = _scrobble(session, "stop", 100, by_ids)
    assert r.status_code == 201 and r.json()["episode"]["ids"]["trakt"] == PILOT
    played = session.c.get("/sync/history/episodes").json()
    assert played[0]["episode"]["ids"]["trakt"] == PILOT and played[0]["action"] == "scrobble"
    assert _scrobble(session, "stop", 0.5).status_code == 422
    assert _scrobble(session, "start", 120).status_code == 422
    assert _scrobble(session, "start", "half").status_code == 400
    assert session.c.post("/scrobble/start", json=MOVIE).status_code == 400  # no progress
    assert _scrobble(session, "start", 5, {"movie": {"ids": {"slug": "nope"}}}).status_code == 404
    missing = {"show": {"ids": {"trakt": BREAKING_BAD}}, "episode": {"season": 9, "number": 1}}
    assert _scrobble(session, "start", 5, missing).status_code == 404
    assert session.c.post("/scrobble/start", json={"progress": 5}).status_code == 400
    with client(session.sb) as anonymous:
        assert anonymous.post("/scrobble/start", json={**MOVIE, "progress": 5}).status_code == 401


def test_playback_filters_delete_and_retention(session: Session) -> None:
    _scrobble(session, "pause", 20)
    session.tick(3600)
    _scrobble(session, "pause", 30, {"movie": {"ids": {"trakt": MATRIX}}})
    newest = session.c.get("/sync/playback").json()[0]
    window = session.c.get("/sync/playback", params={"end_at": "2026-05-28T21:00:00Z"}).json()
    assert [i["movie"]["ids"]["trakt"] for i in window] == [INCEPTION]
    later = session.c.get("/sync/playback", params={"start_at": "2026-05-28T21:00:00Z"}).json()
    assert [i["movie"]["ids"]["trakt"] for i in later] == [MATRIX]
    assert session.c.get("/sync/playback", params={"start_at": "soon"}).status_code == 400
    page = session.c.get("/sync/playback", params={"limit": 1, "page": 2})
    assert len(page.json()) == 1 and page.headers["x-pagination-item-count"] == "2"
    session.tick()
    assert session.c.delete(f"/sync/playback/{newest['id']}").status_code == 204
    assert session.c.delete(f"/sync/playback/{newest['id']}").status_code == 404
    assert session.c.delete("/sync/playback/abc").status_code == 404
    acts = session.c.get("/sync/last_activities").json()
    assert acts["movies"]["paused_at"] == "2026-05-28T21:27:40.000Z"
    assert len(session.c.get("/sync/playback").json()) == 1
    session.tick(200 * 86400)  # only about six months are kept (and the token expired)
    with as_user(session.sb, "demo") as c:
        assert c.get("/sync/playback").json() == []
