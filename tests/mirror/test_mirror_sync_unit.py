"""The sync engine against a tiny fake API (httpx2.MockTransport): missing routes,
account switches, schema versions."""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path
from typing import Any

import httpx2
import pytest

from traktkit.http import HttpClient, HttpConfig, TraktError
from traktkit.mirror import SCHEMA_VERSION, SECTIONS, Mirror, SchemaTooNew, sync
from traktkit.mirror.schema import MIGRATIONS, migrate, user_version

T0 = "2025-01-01T00:00:00.000Z"


class StaticToken:
    def access_token(self) -> str | None:
        return "token"

    def refresh_after_401(self, rejected: str) -> str | None:
        return None


def _movie(n: int) -> dict[str, Any]:
    return {"title": f"Movie {n}", "year": 2000 + n % 20, "ids": {"trakt": n, "slug": f"m-{n}"}}


class FakeApi:
    """Serves `routes` (path -> list, or a dict for objects); everything else is 404."""

    def __init__(self) -> None:
        self.username = "alice"
        self.stamp = T0
        self.plays = [
            {
                "id": 100 + n,
                "watched_at": f"2024-01-{n + 1:02d}T10:00:00.000Z",
                "action": "watch",
                "type": "movie",
                "movie": _movie(n),
            }
            for n in range(5)
        ][::-1]
        self.served: list[str] = []
        self.item_count = True  # send X-Pagination-Item-Count
        self.extra: dict[str, Any] = {}  # more routes

    def activities(self) -> dict[str, Any]:
        section = dict.fromkeys(
            (
                "watched_at",
                "rated_at",
                "watchlisted_at",
                "collected_at",
                "paused_at",
                "favorited_at",
            ),
            self.stamp,
        )
        return {
            "all": self.stamp,
            "movies": section,
            "episodes": section,
            "shows": section,
            "seasons": section,
            "watchlist": {"updated_at": self.stamp},
            "favorites": {"updated_at": self.stamp},
            "lists": {"updated_at": self.stamp},
            "account": {"settings_at": self.stamp},
        }

    def routes(self) -> dict[str, Any]:
        return {
            "/sync/last_activities": self.activities(),
            "/users/settings": {
                "user": {"username": self.username, "ids": {"slug": self.username}}
            },
            "/sync/history": self.plays,
            "/sync/watched/movies": [],
            "/sync/ratings/movies": [
                {"rated_at": T0, "rating": 8, "type": "movie", "movie": _movie(1)}
            ],
            "/sync/ratings/shows": [],
            "/sync/ratings/seasons": [],
            "/sync/ratings/episodes": [],
            "/sync/watchlist": [],
            **self.extra,
        }

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        path = request.url.path
        self.served.append(path)
        data = self.routes().get(path)
        if data is None:
            return httpx2.Response(404, json={"error": "not_found"})
        if isinstance(data, dict):
            return httpx2.Response(200, json=data)
        page = int(request.url.params.get("page", "1"))
        limit = int(request.url.params.get("limit", "10"))
        chunk = data[(page - 1) * limit : page * limit]
        headers = {
            "X-Pagination-Page": str(page),
            "X-Pagination-Limit": str(limit),
            "X-Pagination-Page-Count": str(max(1, math.ceil(len(data) / limit))),
        }
        if self.item_count:
            headers["X-Pagination-Item-Count"] = str(len(data))
        return httpx2.Response(200, json=chunk, headers=headers)


@pytest.fixture
def api() -> FakeApi:
    return FakeApi()


@pytest.fixture
def http(api: FakeApi) -> HttpClient:
    config = HttpConfig(api_url="https://api.test", client_id="id", max_retries=0)
    return HttpClient(config, StaticToken(), transport=httpx2.MockTransport(api.handler))


def test_missing_routes_are_unavailable_not_fatal(
    api: FakeApi, http: HttpClient, tmp_path: Path
) -> None:
    with Mirror(tmp_path / "m.sqlite3") as mirror:
        report = sync(http, mirror)
        assert set(report.unavailable) == {
            "watched.shows",
            "favorites",
            "collection.movies",
            "collection.shows",
            "playback",
            "lists",
        }
        assert mirror.counts()["plays"] == 5 and mirror.counts()["ratings"] == 1
        assert mirror.last_sync_at() is not None

        api.served.clear()
        again = sync(http, mirror)
        assert api.served == ["/sync/last_activities"] and again.requests == 1
        assert set(again.unavailable) == set(report.unavailable)

        api.stamp = "2025-02-01T00:00:00.000Z"  # everything moved: missing routes tried again
        api.served.clear()
        sync(http, mirror)
        assert "/sync/favorites" in api.served


def test_history_without_item_count_trusts_the_new_plays(
    api: FakeApi, http: HttpClient, tmp_path: Path
) -> None:
    with Mirror(tmp_path / "m.sqlite3") as mirror:
        sync(http, mirror)
        api.item_count = False
        api.plays.insert(0, {**api.plays[0], "id": 999, "watched_at": "2024-03-01T00:00:00.000Z"})
        api.stamp = "2025-02-01T00:00:00.000Z"
        report = sync(http, mirror)
        history = report.section("history")
        assert history is not None and history.status == "incremental"
        assert history.changes.added == 1 and mirror.counts()["plays"] == 6
        assert mirror.history(limit=1)[0].id == 999


def test_another_account_starts_over(api: FakeApi, http: HttpClient, tmp_path: Path) -> None:
    with Mirror(tmp_path / "m.sqlite3") as mirror:
        sync(http, mirror)
        api.username = "bob"
        api.plays = api.plays[:2]
        api.stamp = "2025-03-01T00:00:00.000Z"
        report = sync(http, mirror)
        history = report.section("history")
        assert history is not None and history.status == "full"
        assert mirror.counts()["plays"] == 2
        settings = mirror.settings()
        assert settings is not None and settings.user is not None
        assert settings.user.username == "bob"


def test_sections_are_unique_and_cover_the_library() -> None:
    names = [s.name for s in SECTIONS]
    assert len(names) == len(set(names))
    assert names[0] == "settings" and names.index("history") < names.index("watched.movies")


def test_schema_is_versioned_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "home" / "mirror.sqlite3"
    with Mirror(path) as mirror:
        conn = mirror.conn
        assert user_version(conn) == SCHEMA_VERSION == len(MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"plays", "ratings", "watchlist", "media", "sync_state", "list_items"} <= tables
        assert mirror.last_sync_at() is None and not mirror.is_fresh(3600)
    with Mirror(path) as again:  # reopening migrates nothing
        assert user_version(again.conn) == SCHEMA_VERSION


def test_migrations_apply_in_order_and_refuse_newer_files(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    with Mirror(path) as mirror:
        mirror.conn.execute("INSERT INTO meta VALUES ('kept', 'yes')")
    conn = sqlite3.connect(path, isolation_level=None)
    later = (*MIGRATIONS, ("CREATE TABLE extra (x INTEGER)",))
    assert migrate(conn, later) == SCHEMA_VERSION + 1
    assert conn.execute("SELECT value FROM meta WHERE key = 'kept'").fetchone()[0] == "yes"
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(SchemaTooNew, match="newer than this traktkit"):
        _ = Mirror(path).conn


def test_report_json_shape(api: FakeApi, http: HttpClient, tmp_path: Path) -> None:
    with Mirror(tmp_path / "m.sqlite3") as mirror:
        data = sync(http, mirror).to_dict()
    json.dumps(data)
    assert set(data) == {
        "full",
        "requests",
        "started_at",
        "finished_at",
        "changed",
        "unavailable",
        "sections",
    }
    history = next(s for s in data["sections"] if s["section"] == "history")
    assert history == {
        "section": "history",
        "status": "full",
        "added": 5,
        "removed": 0,
        "updated": 0,
        "total": 5,
        "requests": 1,
    }


def _list(trakt: int, updated_at: str, count: int) -> dict[str, Any]:
    return {
        "name": f"List {trakt}",
        "privacy": "private",
        "type": "personal",
        "updated_at": updated_at,
        "item_count": count,
        "ids": {"trakt": trakt, "slug": f"list-{trakt}"},
    }


def _entry(item_id: int, rank: int, movie: int) -> dict[str, Any]:
    return {
        "rank": rank,
        "id": item_id,
        "listed_at": T0,
        "notes": None,
        "type": "movie",
        "movie": _movie(movie),
    }


def test_lists_favorites_and_playback(api: FakeApi, http: HttpClient, tmp_path: Path) -> None:
    api.extra = {
        "/users/me/lists": [_list(1, T0, 2), _list(2, T0, 1)],
        "/users/me/lists/1/items": [_entry(11, 1, 7), _entry(12, 2, 8)],
        "/users/me/lists/2/items": [_entry(21, 1, 9)],
        "/sync/favorites": [_entry(31, 1, 3)],
        "/sync/playback": [
            {"progress": 42.5, "paused_at": T0, "id": 5, "type": "movie", "movie": _movie(4)}
        ],
    }
    with Mirror(tmp_path / "m.sqlite3") as mirror:
        report = sync(http, mirror)
        assert "lists" not in report.unavailable and "favorites" not in report.unavailable
        assert [entry.name for entry in mirror.lists()] == ["List 1", "List 2"]
        items = mirror.list_items("list-1")
        assert [i.id for i in items] == [11, 12] and items[0].movie is not None
        assert [i.id for i in mirror.list_items(2)] == [21]
        assert [f.to_api() for f in mirror.favorites()] == [
            {
                **_entry(31, 1, 3),
                "movie": {"title": "Movie 3", "year": 2003, "ids": {"trakt": 3, "slug": "m-3"}},
            }
        ]
        assert mirror.playback()[0]["progress"] == 42.5

        # list 2 changed, list 1 did not: only list 2's items are fetched again
        api.extra["/users/me/lists"] = [_list(1, T0, 2), _list(2, "2025-05-01T00:00:00.000Z", 0)]
        api.extra["/users/me/lists/2/items"] = []
        api.stamp = "2025-05-01T00:00:00.000Z"
        api.served.clear()
        sync(http, mirror)
        assert "/users/me/lists/2/items" in api.served
        assert "/users/me/lists/1/items" not in api.served
        assert mirror.list_items(2) == [] and len(mirror.list_items(1)) == 2

        # list 1 deleted: its items go too
        api.extra["/users/me/lists"] = [_list(2, "2025-05-01T00:00:00.000Z", 0)]
        api.stamp = "2025-06-01T00:00:00.000Z"
        sync(http, mirror)
        assert mirror.counts()["list_items"] == 0 and len(mirror.lists()) == 1
        with pytest.raises(KeyError):
            mirror.list_items(1)


def test_a_server_without_last_activities_cannot_sync(http: HttpClient, tmp_path: Path) -> None:
    broken = HttpClient(
        HttpConfig(api_url="https://api.test", client_id="id", max_retries=0),
        StaticToken(),
        transport=httpx2.MockTransport(lambda request: httpx2.Response(404, json={})),
    )
    with Mirror(tmp_path / "m.sqlite3") as mirror, pytest.raises(TraktError, match="cannot sync"):
        sync(broken, mirror)
