"""`/users/settings`, `/users/me`, `/users/{id}` (REFERENCE §12.4, §7)."""

from __future__ import annotations

from sandbox_helpers import StartSandbox, client, device_login


def test_settings_full_shape(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(auto_approve="walter")
    with client(sb) as c:
        token = device_login(c)["access_token"]
        settings = c.get("/users/settings", headers={"Authorization": f"Bearer {token}"}).json()
    assert set(settings) == {
        "user",
        "account",
        "connections",
        "sharing_text",
        "limits",
        "permissions",
    }
    user = settings["user"]
    assert user["username"] == "walter"
    assert set(user["ids"]) == {"slug", "uuid", "trakt"}
    for key in ("joined_at", "location", "about", "gender", "age", "images", "vip_og"):
        assert key in user
    assert settings["limits"] == {
        "list": {"count": 5, "item_count": 250},
        "watchlist": {"item_count": 250},
        "favorites": {"item_count": 50},
    }
    assert set(settings["account"]) >= {"timezone", "date_format", "time_24hr", "cover_image"}
    assert set(settings["permissions"]) == {"commenting", "liking", "following"}


def test_vip_limits(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox()
    with client(sb) as c:
        r = c.post("/_sandbox/users", json={"username": "vic", "vip": True})
        assert r.json()["limits"]["watchlist"]["item_count"] == 5000
        assert r.json()["limits"]["list"]["count"] == 100


def test_me_and_public_profile(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(auto_approve="demo")
    with client(sb) as c:
        token = device_login(c)["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        me = c.get("/users/me", headers=auth, params={"extended": "full"}).json()
        assert me["username"] == "demo" and "joined_at" in me
        minimal = c.get("/users/demo").json()
        assert set(minimal) >= {"username", "private", "name", "vip", "vip_ep", "ids"}
        assert "joined_at" not in minimal
        assert c.get("/users/nobody-here").status_code == 404
        c.post("/_sandbox/users", json={"username": "shy", "private": True})
        hidden = c.get("/users/shy")
        assert hidden.status_code == 401 and hidden.headers["x-private-user"] == "true"


def test_locked_user_gets_423(start_sandbox: StartSandbox) -> None:
    sb = start_sandbox(auto_approve="demo")
    with client(sb) as c:
        token = device_login(c)["access_token"]
        c.post("/_sandbox/users", json={"username": "demo", "locked": True})
        r = c.get("/users/settings", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 423 and r.headers["x-account-locked"] == "true"
