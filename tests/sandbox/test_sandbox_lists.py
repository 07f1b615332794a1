"""Personal lists (REFERENCE §12.4, §7.3): create/read/update/delete, slugs, validation, the
list-count limit (420), privacy of other users' lists, `/lists/{id}`, reorder, bumps."""

from __future__ import annotations

from typing import Any

from sandbox_helpers import Session, as_user, client, control

NOW = "2026-05-28T20:26:40.000Z"
LATER = "2026-05-28T20:27:40.000Z"
LIST_KEYS = {
    "name",
    "description",
    "privacy",
    "share_link",
    "type",
    "display_numbers",
    "allow_comments",
    "sort_by",
    "sort_how",
    "created_at",
    "updated_at",
    "item_count",
    "comment_count",
    "likes",
    "ids",
    "user",
}


def _create(s: Session, **body: Any) -> dict[str, Any]:
    r = s.c.post("/users/me/lists", json=body)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


def test_create_defaults_and_read(session: Session) -> None:
    made = _create(session, name="Star Wars: the saga!")
    assert set(made) == LIST_KEYS
    assert made["privacy"] == "private" and made["type"] == "personal"
    assert made["display_numbers"] is False and made["allow_comments"] is True
    assert (made["sort_by"], made["sort_how"]) == ("rank", "asc")
    assert made["item_count"] == 0 and made["created_at"] == made["updated_at"] == NOW
    assert made["ids"]["slug"] == "star-wars-the-saga" and made["user"]["username"] == "demo"
    second = _create(session, name="Star Wars the Saga", privacy="public", sort_by="added")
    assert second["ids"]["slug"] == "star-wars-the-saga-2"
    assert second["ids"]["trakt"] > made["ids"]["trakt"]
    listed = session.c.get("/users/me/lists")
    assert [x["ids"]["trakt"] for x in listed.json()] == [
        made["ids"]["trakt"],
        second["ids"]["trakt"],
    ]
    assert listed.headers["x-pagination-limit"] == "100"
    assert listed.headers["x-pagination-item-count"] == "2"
    by_id = session.c.get(f"/users/demo/lists/{second['ids']['trakt']}")
    assert by_id.json() == second
    assert by_id.headers["x-sort-by"] == "added" and by_id.headers["x-sort-how"] == "asc"
    assert session.c.get("/users/me/lists/star-wars-the-saga").json() == made
    assert session.c.get("/users/me/lists/nope").status_code == 404
    acts = session.c.get("/sync/last_activities").json()
    assert acts["lists"]["updated_at"] == NOW


def test_validation(session: Session) -> None:
    cases = [
        ({}, 422),
        ({"name": ""}, 422),
        ({"name": 5}, 400),
        ({"name": "x", "privacy": "secret"}, 422),
        ({"name": "x", "display_numbers": "yes"}, 400),
        ({"name": "x", "sort_by": "sideways"}, 422),
        ({"name": "x", "sort_how": "up"}, 422),
        ({"name": "x", "description": 3}, 400),
    ]
    for body, status in cases:
        r = session.c.post("/users/me/lists", json=body)
        assert r.status_code == status, (body, r.text)
    assert session.c.get("/users/me/lists").json() == []


def test_update_keeps_slug_and_delete(session: Session) -> None:
    made = _create(session, name="Old name", description="first")
    trakt = made["ids"]["trakt"]
    session.tick()
    r = session.c.put(
        f"/users/me/lists/{trakt}",
        json={"name": "New name", "privacy": "link", "sort_by": "title", "sort_how": "desc"},
    )
    assert r.status_code == 200
    data = r.json()
    assert data["name"] == "New name" and data["ids"]["slug"] == "old-name"
    assert data["description"] == "first" and data["privacy"] == "link"
    assert (data["sort_by"], data["sort_how"]) == ("title", "desc")
    assert data["updated_at"] == LATER and data["created_at"] == NOW
    assert session.c.put(f"/users/me/lists/{trakt}", json={"privacy": "x"}).status_code == 422
    session.tick()
    assert session.c.delete("/users/me/lists/old-name").status_code == 204
    assert session.c.get(f"/users/me/lists/{trakt}").status_code == 404
    assert session.c.delete(f"/users/me/lists/{trakt}").status_code == 404
    acts = session.c.get("/sync/last_activities").json()
    assert acts["lists"]["updated_at"] == "2026-05-28T20:28:40.000Z"


def test_420_past_the_list_count(session: Session) -> None:
    assert session.c.get("/users/settings").json()["limits"]["list"]["count"] == 5
    for n in range(5):
        _create(session, name=f"List {n}")
    r = session.c.post("/users/me/lists", json={"name": "One too many"})
    assert r.status_code == 420
    assert r.headers["x-account-limit"] == "5" and r.headers["x-vip-user"] == "false"
    assert len(session.c.get("/users/me/lists").json()) == 5
    control(session.sb, "/_sandbox/users", {"username": "demo", "vip": True})
    assert session.c.post("/users/me/lists", json={"name": "VIP list"}).status_code == 201
    control(session.sb, "/_sandbox/users", {"username": "demo", "limits": {"list_count": 6}})
    r = session.c.post("/users/me/lists", json={"name": "Over the override"})
    assert r.status_code == 420 and r.headers["x-account-limit"] == "6"


def test_reorder_lists(session: Session) -> None:
    ids = [_create(session, name=f"L{n}")["ids"]["trakt"] for n in range(3)]
    r = session.c.post("/users/me/lists/reorder", json={"rank": [ids[2], 42, ids[0]]})
    assert r.json() == {"updated": 3, "skipped_ids": [42]}
    order = [x["ids"]["trakt"] for x in session.c.get("/users/me/lists").json()]
    assert order == [ids[2], ids[0], ids[1]]


def test_other_users_lists_and_privacy(session: Session) -> None:
    with as_user(session.sb, "alice") as alice, client(session.sb) as anonymous:
        public = alice.post("/users/alice/lists", json={"name": "Open", "privacy": "public"})
        private = alice.post("/users/me/lists", json={"name": "Mine"})
        link = alice.post("/users/me/lists", json={"name": "By link", "privacy": "link"})
        pub, priv, lnk = (r.json()["ids"]["trakt"] for r in (public, private, link))
        assert len(alice.get("/users/alice/lists").json()) == 3
        for c in (session.c, anonymous):
            shown = c.get("/users/alice/lists").json()
            assert [x["ids"]["trakt"] for x in shown] == [pub]
            assert c.get(f"/users/alice/lists/{pub}").status_code == 200
            assert c.get(f"/users/alice/lists/{lnk}").status_code == 200
            r = c.get(f"/users/alice/lists/{priv}")
            assert r.status_code == 401 and r.headers["x-private-user"] == "true"
            assert c.get(f"/users/alice/lists/{priv}/items").status_code == 401
            assert c.get(f"/lists/{pub}").json()["user"]["username"] == "alice"
            assert c.get(f"/lists/{priv}").status_code == 401
        assert alice.get(f"/lists/{priv}").status_code == 200
        assert anonymous.get("/lists/999999").status_code == 404
        assert anonymous.get("/lists/open").status_code == 404  # integer ids only
        # writes: only the owner
        assert session.c.put(f"/users/alice/lists/{pub}", json={"name": "x"}).status_code == 401
        assert session.c.delete(f"/users/alice/lists/{pub}").status_code == 401
        r = session.c.post(f"/users/alice/lists/{pub}/items", json={"movies": []})
        assert r.status_code == 401
        assert session.c.post("/users/alice/lists", json={"name": "x"}).status_code == 401
        assert session.c.post("/users/nobody/lists", json={"name": "x"}).status_code == 404
        assert anonymous.post("/users/me/lists", json={"name": "x"}).status_code == 401
        control(session.sb, "/_sandbox/users", {"username": "alice", "private": True})
        r = anonymous.get("/users/alice/lists")
        assert r.status_code == 401 and r.headers["x-private-user"] == "true"
        assert anonymous.get(f"/lists/{pub}").status_code == 401
        search = anonymous.get("/search/list", params={"query": "open"}).json()
        assert search == []
