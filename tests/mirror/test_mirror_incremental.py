"""Later syncs: only what moved is fetched; history is incremental with a removal check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Sandbox, make_sandbox
from tests.mirror.mirror_helpers import (
    SMALL_CATALOGUE,
    SMALL_LIBRARY,
    all_pages,
    assert_mirror_equals_server,
    connected,
    expected_full_requests,
    library,
    mirror_plays,
)
from traktkit.client import Trakt
from traktkit.mirror import Mirror, sync
from traktkit.sandbox.library import MediaRef

Env = tuple[Sandbox, Trakt, Mirror]


@pytest.fixture
def synced(tmp_path: Path) -> Iterator[Env]:
    """A small library, mirrored once."""
    for sb in make_sandbox(tmp_path, auto_approve="demo", library=SMALL_LIBRARY, **SMALL_CATALOGUE):
        with connected(sb) as (trakt, mirror):
            sync(trakt.http, mirror)
            sb.reset_counts()
            yield sb, trakt, mirror


def _unlisted_movie(sb: Sandbox) -> int:
    """A movie that is not on the watchlist (watching it moves nothing else)."""
    listed = {i.ref for i in library(sb).watchlist}
    movies = sorted(sb.state.catalogue.movies)
    return next(m for m in movies if MediaRef("movie", m) not in listed)


def test_one_new_play_costs_at_most_three_requests(synced: Env) -> None:
    sb, trakt, mirror = synced
    movie = _unlisted_movie(sb)
    trakt.http.post("/sync/history", {"movies": [{"ids": {"trakt": movie}}]})
    sb.reset_counts()
    report = sync(trakt.http, mirror)
    assert sb.requests()["total"] <= 3
    assert report.requests == sb.requests()["total"]
    history = report.section("history")
    assert history is not None and history.status == "incremental"
    assert history.changes.added == 1
    assert_mirror_equals_server(sb, mirror)
    newest = mirror.history(limit=1)[0]
    assert newest.movie is not None and newest.movie.ids.trakt == movie
    # watched followed the play without a request of its own
    assert "GET /sync/watched/{type}" not in sb.requests()["by_route"]
    watched = all_pages(trakt, "/sync/watched/movies")
    mine = [w.to_api() for w in mirror.watched_movies()]
    assert {(w["movie"]["ids"]["trakt"], w["plays"], w["last_watched_at"]) for w in mine} == {
        (w["movie"]["ids"]["trakt"], w["plays"], w["last_watched_at"]) for w in watched
    }


def test_a_play_removed_on_the_server_disappears_locally(synced: Env) -> None:
    sb, trakt, mirror = synced
    victim = library(sb).history[len(library(sb).history) // 2]
    assert victim.id in mirror_plays(mirror)
    trakt.http.post("/sync/history/remove", {"ids": [victim.id]})
    report = sync(trakt.http, mirror)
    assert victim.id not in mirror_plays(mirror)
    history = report.section("history")
    assert history is not None and history.status == "full"
    assert history.changes.removed == 1 and history.changes.added == 0
    assert history.detail and "resynced" in history.detail
    assert_mirror_equals_server(sb, mirror)
    # watched was fetched again: it matches the server's
    shows = all_pages(trakt, "/sync/watched/shows", extended="progress")
    assert [w.to_api() for w in mirror.watched_shows()] == shows


def test_a_backdated_play_is_caught_by_the_count_check(synced: Env) -> None:
    sb, trakt, mirror = synced
    movie = _unlisted_movie(sb)
    old = "2001-02-03T04:05:00.000Z"
    trakt.http.post("/sync/history", {"movies": [{"ids": {"trakt": movie}, "watched_at": old}]})
    report = sync(trakt.http, mirror)
    history = report.section("history")
    assert history is not None and history.changes.added == 1
    assert_mirror_equals_server(sb, mirror)
    assert any(p.watched_at and p.watched_at.year == 2001 for p in mirror.history(type="movies"))


def test_only_the_sections_that_moved_are_fetched(synced: Env) -> None:
    sb, trakt, mirror = synced
    movie = _unlisted_movie(sb)
    trakt.http.post("/sync/ratings", {"movies": [{"ids": {"trakt": movie}, "rating": 7}]})
    trakt.http.post("/sync/watchlist", {"movies": [{"ids": {"trakt": movie}}]})
    sb.reset_counts()
    report = sync(trakt.http, mirror)
    by_route = sb.requests()["by_route"]
    assert by_route == {
        "GET /sync/last_activities": 1,
        "GET /sync/ratings/{type}": 1,  # movies only: the other types did not move
        "GET /sync/watchlist": 1,
    }
    assert [s.section for s in report.changed] == ["ratings.movies", "watchlist"]
    assert_mirror_equals_server(sb, mirror)


def test_watching_a_listed_title_updates_history_and_watchlist(synced: Env) -> None:
    sb, trakt, mirror = synced
    listed = next(i for i in library(sb).watchlist if i.ref.kind == "movie")
    trakt.http.post("/sync/history", {"movies": [{"ids": {"trakt": listed.ref.trakt}}]})
    sb.reset_counts()
    sync(trakt.http, mirror)
    assert sb.requests()["total"] <= 3
    assert all(w.movie is None or w.movie.ids.trakt != listed.ref.trakt for w in mirror.watchlist())
    assert_mirror_equals_server(sb, mirror)


def test_full_refetches_every_section(synced: Env) -> None:
    sb, trakt, mirror = synced
    report = sync(trakt.http, mirror, full=True)
    _, total = expected_full_requests(sb)
    assert sb.requests()["total"] == total == report.requests
    assert not report.changed  # same data: nothing rewritten
    assert_mirror_equals_server(sb, mirror)
