"""Personal list items (REFERENCE §12.4, §7.4): add with people, existing, not_found, the
list-item shape, types, sorts, pagination, remove, reorder, per-list and total 420s."""

from __future__ import annotations

from typing import Any

from sandbox_helpers import Session, client, control

INCEPTION, MATRIX, FIGHT_CLUB, INTERSTELLAR = 16662, 481, 432, 102156
BREAKING_BAD, PILOT, CRANSTON = 1388, 73482, 70000001
NOW = "2026-05-28T20:26:40.000Z"
LATER = "2026-05-28T20:27:40.000Z"


def _list(s: Session, **body: Any) -> int:
    r = s.c.post("/users/me/lists", json={"name": "Test list", **body})
    assert r.status_code == 201, r.text
    trakt: int = r.json()["ids"]["trakt"]
    return trakt


def _ids(items: list[dict[str, Any]]) -> list[int]:
    return [item[item["type"]]["ids"]["trakt"] for item in items]


def _movies(*ids: int) -> list[dict[str, Any]]:
    return [{"ids": {"trakt": trakt}} for trakt in ids]


def test_add_shapes_and_not_found(session: Session) -> None:
    trakt = _list(session, privacy="public")
    session.tick()
    body = {
        "movies": _movies(INCEPTION, MATRIX),
        "shows": [
            {"ids": {"trakt": BREAKING_BAD}},
            {"ids": {"slug": "the-wire"}, "seasons": [{"number": 1}]},
        ],
        "episodes": [{"ids": {"trakt": PILOT}}],
        "people": [{"ids": {"slug": "bryan-cranston"}}, {"name": "Nobody At All"}],
    }
    r = session.c.post(f"/users/me/lists/{trakt}/items", json=body)
    assert r.status_code == 201
    data = r.json()
    assert data["added"] == {"movies": 2, "shows": 1, "seasons": 1, "episodes": 1, "people": 1}
    assert data["existing"] == dict.fromkeys(data["added"], 0)
    assert data["not_found"]["people"] == [{"name": "Nobody At All"}]
    assert data["not_found"]["movies"] == []
    assert data["list"] == {"item_count": 6, "updated_at": LATER}
    again = session.c.post(
        f"/users/me/lists/{trakt}/items",
        json={"movies": _movies(MATRIX), "people": [{"name": "Bryan Cranston"}]},
    ).json()
    assert again["existing"]["movies"] == 1 and again["existing"]["people"] == 1
    items = session.c.get(f"/users/me/lists/{trakt}/items", params={"extended": "full"}).json()
    assert [i["type"] for i in items] == ["movie", "movie", "show", "season", "episode", "person"]
    assert [i["rank"] for i in items] == [1, 2, 3, 4, 5, 6]
    assert set(items[0]) == {"rank", "id", "listed_at", "notes", "type", "movie"}
    assert items[0]["listed_at"] == LATER and "overview" in items[0]["movie"]
    assert items[3]["show"]["ids"]["slug"] == "the-wire" and items[3]["season"]["number"] == 1
    assert items[4]["show"]["ids"]["trakt"] == BREAKING_BAD
    assert items[5]["person"]["ids"]["trakt"] == CRANSTON
    assert "known_for_department" in items[5]["person"]
    made = session.c.get(f"/users/me/lists/{trakt}").json()
    assert made["item_count"] == 6 and made["updated_at"] == LATER
    acts = session.c.get("/sync/last_activities").json()
    assert acts["lists"]["updated_at"] == LATER
    with client(session.sb) as anonymous:  # a public list: the same items for anyone
        public = anonymous.get(f"/lists/{trakt}/items", params={"extended": "full"}).json()
        assert public == items
        person = anonymous.get(
            f"/users/demo/lists/{trakt}/items/person", params={"extended": "full"}
        )
        assert person.json() == items[5:]


def test_types_sorts_and_pagination(session: Session) -> None:
    trakt = _list(session, sort_by="title", sort_how="desc")
    for movie in (MATRIX, INTERSTELLAR, FIGHT_CLUB, INCEPTION):
        session.c.post(f"/users/me/lists/{trakt}/items", json={"movies": _movies(movie)})
        session.tick()
    session.c.post(
        f"/users/me/lists/{trakt}/items", json={"people": [{"ids": {"trakt": CRANSTON}}]}
    )
    path = f"/users/me/lists/{trakt}/items"
    default = session.c.get(path)  # the list's own sort
    assert default.headers["x-sort-by"] == "title" and default.headers["x-sort-how"] == "desc"
    assert _ids(default.json())[:4] == [MATRIX, INTERSTELLAR, INCEPTION, FIGHT_CLUB]
    assert _ids(session.c.get(f"{path}/movie/rank/asc").json()) == [
        MATRIX,
        INTERSTELLAR,
        FIGHT_CLUB,
        INCEPTION,
    ]
    added = session.c.get(f"{path}/movies/added/desc")
    assert _ids(added.json()) == [INCEPTION, FIGHT_CLUB, INTERSTELLAR, MATRIX]
    assert added.headers["x-applied-sort-by"] == "added"
    assert [i["type"] for i in session.c.get(f"{path}/movie,person").json()].count("person") == 1
    assert session.c.get(f"{path}/cats").status_code == 400
    assert session.c.get(f"{path}/movie/sideways/asc").status_code == 400
    page = session.c.get(f"{path}/all/rank/asc", params={"limit": 2, "page": 3})
    assert [i["rank"] for i in page.json()] == [5]
    assert page.headers["x-pagination-page-count"] == "3"
    assert page.headers["x-pagination-item-count"] == "5"


def test_remove_reorder_and_notes(session: Session) -> None:
    trakt = _list(session)
    path = f"/users/me/lists/{trakt}/items"
    body = {"movies": [{"ids": {"trakt": MATRIX}, "notes": "ignored: free user"}]}
    session.c.post(path, json=body)
    assert session.c.get(path).json()[0]["notes"] is None
    control(session.sb, "/_sandbox/users", {"username": "demo", "vip": True})
    session.c.post(path, json={"movies": [{"ids": {"trakt": INCEPTION}, "notes": "kept"}]})
    session.c.post(path, json={"movies": _movies(FIGHT_CLUB)})
    assert session.c.get(path).json()[1]["notes"] == "kept"
    session.tick()
    r = session.c.post(
        f"{path}/remove",
        json={"movies": _movies(INCEPTION, INTERSTELLAR), "people": [{"ids": {"slug": "nope"}}]},
    )
    assert r.status_code == 200
    data = r.json()
    assert data["deleted"] == {"movies": 1, "shows": 0, "seasons": 0, "episodes": 0, "people": 0}
    assert data["not_found"]["people"] == [{"ids": {"slug": "nope"}}]
    assert data["list"] == {"item_count": 2, "updated_at": LATER}
    items = session.c.get(path).json()
    assert [i["rank"] for i in items] == [1, 2]
    ids = [i["id"] for i in items]
    r = session.c.post(f"{path}/reorder", json={"rank": [ids[1], 5]})
    assert r.json()["updated"] == 2 and r.json()["skipped_ids"] == [5]
    assert _ids(session.c.get(path).json()) == [FIGHT_CLUB, MATRIX]


def test_420_per_list_and_total(session: Session) -> None:
    first, second = _list(session), _list(session)
    limits = {"list_item_count": 3, "list_total_items": 4}
    control(session.sb, "/_sandbox/users", {"username": "demo", "limits": limits})
    ok = session.c.post(
        f"/users/me/lists/{first}/items", json={"movies": _movies(MATRIX, INCEPTION)}
    )
    assert ok.status_code == 201
    r = session.c.post(
        f"/users/me/lists/{first}/items", json={"movies": _movies(FIGHT_CLUB, INTERSTELLAR)}
    )
    assert r.status_code == 420 and r.headers["x-account-limit"] == "3"
    assert len(session.c.get(f"/users/me/lists/{first}/items").json()) == 2
    r = session.c.post(
        f"/users/me/lists/{second}/items",
        json={"movies": _movies(MATRIX, FIGHT_CLUB, INTERSTELLAR)},
    )
    assert r.status_code == 420 and r.headers["x-account-limit"] == "4"  # 2 + 3 > 4 in total
    r = session.c.post(
        f"/users/me/lists/{second}/items", json={"movies": _movies(MATRIX, FIGHT_CLUB)}
    )
    assert r.status_code == 201 and r.json()["list"]["item_count"] == 2
