"""Mirror reads with filters and sorts answer like the live API does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import make_sandbox
from tests.mirror.mirror_helpers import SMALL_CATALOGUE, all_pages, connected
from traktkit.client import Trakt
from traktkit.mirror import Mirror, sync
from traktkit.mirror.reads import kinds_for, sort_items

LIBRARY = "synthetic:plays=900,ratings=400,watchlist=60,collection=50"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Trakt, Mirror]]:
    tmp: Path = tmp_path_factory.mktemp("reads")
    for sb in make_sandbox(tmp, auto_approve="demo", library=LIBRARY, **SMALL_CATALOGUE):
        with connected(sb) as (trakt, mirror):
            # one episode and one season on the watchlist, a show's episodes collected
            trakt.http.post(
                "/sync/watchlist",
                {"shows": [{"ids": {"trakt": 1388}, "seasons": [{"number": 3}]}]},
            )
            trakt.http.post(
                "/sync/collection",
                {"shows": [{"ids": {"trakt": 1388}, "seasons": [{"number": 1}]}]},
            )
            sync(trakt.http, mirror)
            yield trakt, mirror


def _api(items: list[object]) -> list[object]:
    return [i.to_api() for i in items]  # type: ignore[attr-defined]


def test_history_filters(env: tuple[Trakt, Mirror]) -> None:
    trakt, mirror = env
    start, end = "2023-01-01T00:00:00.000Z", "2024-06-30T23:59:00.000Z"
    expected = all_pages(trakt, "/sync/history/movies", start_at=start, end_at=end)
    assert _api(mirror.history("movies", since=start, until=end)) == expected
    assert _api(mirror.history("shows")) == all_pages(trakt, "/sync/history/shows")
    assert _api(mirror.history(limit=5)) == all_pages(trakt, "/sync/history")[:5]


def test_ratings_filters(env: tuple[Trakt, Mirror]) -> None:
    trakt, mirror = env
    assert _api(mirror.ratings("episodes", ratings=[8, 9])) == all_pages(
        trakt, "/sync/ratings/episodes/8,9"
    )
    assert _api(mirror.ratings("shows", ratings=10)) == all_pages(trakt, "/sync/ratings/shows/10")
    full = all_pages(trakt, "/sync/ratings/movies", extended="full")
    assert _api(mirror.ratings("movies", full=True)) == full


@pytest.mark.parametrize(
    ("kind", "sort", "how"),
    [
        ("all", "rank", "asc"),
        ("movies", "added", "desc"),
        ("shows", "rank", "desc"),
        ("all", "released", "desc"),
        ("movies", "title", "asc"),
        ("seasons", "added", "asc"),
    ],
)
def test_watchlist_sorts(env: tuple[Trakt, Mirror], kind: str, sort: str, how: str) -> None:
    trakt, mirror = env
    expected = all_pages(trakt, f"/sync/watchlist/{kind}/{sort}/{how}")
    assert _api(mirror.watchlist(kind, sort_by=sort, sort_how=how)) == expected


def test_collection_shows_nest_seasons_and_episodes(env: tuple[Trakt, Mirror]) -> None:
    trakt, mirror = env
    expected = all_pages(trakt, "/sync/collection/shows", extended="metadata")
    assert expected and _api(mirror.collection("shows")) == expected
    with pytest.raises(ValueError, match="all, movies or shows"):
        mirror.collection("people")


def test_reads_match_the_live_api_groups(env: tuple[Trakt, Mirror]) -> None:
    """What the list commands print live is what the mirror gives offline."""
    trakt, mirror = env
    since = "2024-01-01T00:00:00.000Z"
    assert _api(mirror.history("movies", since=since, limit=30)) == _api(
        trakt.history.list("movies", since=since, limit=30)
    )
    assert _api(mirror.history()) == _api(trakt.history.list())
    assert _api(mirror.ratings("all", ratings=[9, 10])) == _api(
        trakt.ratings.list("all", ratings=[9, 10])
    )
    assert _api(mirror.watchlist()) == _api(trakt.watchlist.list())
    assert _api(mirror.watchlist("movies", sort_by="added", sort_how="desc", limit=7)) == _api(
        trakt.watchlist.list("movies", sort_by="added", sort_how="desc", limit=7)
    )
    assert _api(mirror.collection()) == _api(trakt.collection.list())
    assert _api(mirror.collection("shows")) == _api(trakt.collection.list("shows"))


def test_settings_and_status(env: tuple[Trakt, Mirror]) -> None:
    trakt, mirror = env
    settings = mirror.settings()
    assert settings is not None and settings.user is not None
    assert settings.user.username == "demo"
    assert settings.to_api() == trakt.http.get("/users/settings", auth="required").data
    states = {s.section: s.status for s in mirror.states()}
    assert states["history"] == "ok" and states["watchlist"] == "ok"
    assert mirror.is_fresh(3600) and not mirror.is_fresh(-1)


def test_helpers_reject_bad_values() -> None:
    assert kinds_for(None) is None and kinds_for("all") is None
    assert kinds_for("movies,shows") == ("movie", "show")
    assert kinds_for("shows", history=True) == ("episode",)
    with pytest.raises(ValueError, match="unknown type"):
        kinds_for("books")
    with pytest.raises(ValueError, match="sort must be"):
        sort_items([], "colour")
    with pytest.raises(ValueError, match="order must be"):
        sort_items([], "rank", "sideways")
