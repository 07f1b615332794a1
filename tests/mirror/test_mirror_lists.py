"""Personal lists, favorites and playback against the sandbox (skipped while the sandbox
lacks their routes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Sandbox, make_sandbox
from tests.mirror.mirror_helpers import SMALL_CATALOGUE, all_pages, connected, sandbox_routes
from traktkit.client import Trakt
from traktkit.mirror import Mirror, sync

NEEDED = {"GET /users/{id}/lists", "GET /sync/favorites", "GET /sync/playback"}
pytestmark = pytest.mark.skipif(
    not NEEDED.issubset(sandbox_routes()), reason="the sandbox has no lists/favorites/playback yet"
)
Env = tuple[Sandbox, Trakt, Mirror]
LIBRARY = "synthetic:plays=100,ratings=50,watchlist=10,collection=10,favorites=8"


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    for sb in make_sandbox(tmp_path, auto_approve="demo", library=LIBRARY, **SMALL_CATALOGUE):
        with connected(sb) as (trakt, mirror):
            movies = sorted(sb.state.catalogue.movies)
            for name, picks in (("Noir", movies[:5]), ("Later", movies[5:8])):
                made = trakt.http.post("/users/me/lists", {"name": name}).data
                body = {"movies": [{"ids": {"trakt": m}} for m in picks]}
                trakt.http.post(f"/users/me/lists/{made['ids']['trakt']}/items", body)
            trakt.http.post(
                "/scrobble/pause", {"movie": {"ids": {"trakt": movies[9]}}, "progress": 25.0}
            )
            yield sb, trakt, mirror


def _api(items: list[object]) -> list[object]:
    return [i.to_api() for i in items]  # type: ignore[attr-defined]


def test_lists_favorites_playback_mirror_the_server(env: Env) -> None:
    sb, trakt, mirror = env
    report = sync(trakt.http, mirror)
    assert not report.unavailable
    served = all_pages(trakt, "/users/me/lists")
    assert _api(mirror.lists()) == served and len(served) == 2
    for plist in served:
        trakt_id = plist["ids"]["trakt"]
        expected = all_pages(trakt, f"/users/me/lists/{trakt_id}/items")
        assert _api(mirror.list_items(trakt_id)) == expected
        assert _api(mirror.list_items(plist["ids"]["slug"])) == expected
    assert _api(mirror.favorites()) == all_pages(trakt, "/sync/favorites") != []
    assert mirror.playback() == all_pages(trakt, "/sync/playback") != []

    # one list changes: the lists section is fetched again, with that list's items only
    later = next(p for p in served if p["name"] == "Later")["ids"]["trakt"]
    movie = sorted(sb.state.catalogue.movies)[20]
    trakt.http.post(f"/users/me/lists/{later}/items", {"movies": [{"ids": {"trakt": movie}}]})
    sb.reset_counts()
    sync(trakt.http, mirror)
    assert sb.requests()["by_route"] == {
        "GET /sync/last_activities": 1,
        "GET /users/{id}/lists": 1,
        "GET /users/{id}/lists/{list_id}/items": 1,
    }
    assert _api(mirror.list_items(later)) == all_pages(trakt, f"/users/me/lists/{later}/items")

    sb.reset_counts()
    assert sync(trakt.http, mirror).requests == 1
