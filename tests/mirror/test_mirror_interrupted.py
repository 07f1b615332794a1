"""Interrupted syncs leave a consistent mirror, and the next run converges."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Sandbox, make_sandbox
from tests.mirror.mirror_helpers import (
    SMALL_CATALOGUE,
    SMALL_LIBRARY,
    assert_mirror_equals_server,
    connected,
    library,
)
from traktkit.http.errors import ServerError
from traktkit.mirror import Mirror, SyncProgress, sync
from traktkit.mirror import sections as sections_module


@pytest.fixture
def sb(tmp_path: Path) -> Iterator[Sandbox]:
    yield from make_sandbox(tmp_path, auto_approve="demo", library=SMALL_LIBRARY, **SMALL_CATALOGUE)


class Stop(Exception):
    pass


def _synced_sections(mirror: Mirror) -> set[str]:
    return {s.section for s in mirror.states() if s.status == "ok"}


def test_stopped_by_the_progress_callback_then_rerun(sb: Sandbox) -> None:
    def stop_at_ratings_shows(event: SyncProgress) -> None:
        if event.section == "ratings.shows" and event.phase == "start":
            raise Stop

    with connected(sb) as (trakt, mirror):
        with pytest.raises(Stop):
            sync(trakt.http, mirror, progress=stop_at_ratings_shows)
        done = _synced_sections(mirror)
        assert {"settings", "history", "watched.movies", "ratings.movies"} <= done
        assert "ratings.shows" not in done and "watchlist" not in done
        assert mirror.last_sync_at() is None  # the run did not complete
        assert mirror.counts()["plays"] == len(library(sb).history)
        assert mirror.counts()["watchlist"] == 0

        sb.reset_counts()
        report = sync(trakt.http, mirror)
        by_route = sb.requests()["by_route"]
        assert "GET /sync/history" not in by_route  # done before the stop: not fetched again
        assert report.section("history") is not None
        assert report.section("ratings.shows").status == "full"  # type: ignore[union-attr]
        assert_mirror_equals_server(sb, mirror)
        assert mirror.last_sync_at() is not None


def test_server_failure_mid_section_keeps_the_old_data(sb: Sandbox) -> None:
    with connected(sb, max_retries=0) as (trakt, mirror):
        sync(trakt.http, mirror)
        movies = sorted(sb.state.catalogue.movies)[:300]
        trakt.http.post(
            "/sync/history",
            {
                "movies": [
                    {"ids": {"trakt": m}, "watched_at": "2002-01-01T00:00:00Z"} for m in movies
                ]
            },
        )
        before = mirror.counts()["plays"]

        first_pages: list[SyncProgress] = []

        def fail_page_two(event: SyncProgress) -> None:
            if event.section == "history" and event.phase == "page" and event.page == 1:
                first_pages.append(event)
                if len(first_pages) == 2:  # the resync's first page: make the next one fail
                    rule = {"route": "GET /sync/history", "status": 500, "count": 1}
                    sb.control("POST", "/_sandbox/faults", {"rules": [rule]})

        # the backdated plays fail the count check: a full resync, whose second page fails
        with pytest.raises(ServerError):
            sync(trakt.http, mirror, progress=fail_page_two)
        assert len(first_pages) == 2
        assert mirror.counts()["plays"] == before  # nothing half-written
        state = mirror.state("history")
        assert state is not None and state.item_count == before

        sync(trakt.http, mirror)
        assert_mirror_equals_server(sb, mirror)


def test_a_crash_while_writing_rolls_the_section_back(
    sb: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    with connected(sb) as (trakt, mirror):
        sync(trakt.http, mirror)
        movie = next(iter(sb.state.catalogue.movies))
        trakt.http.post("/sync/ratings", {"movies": [{"ids": {"trakt": movie}, "rating": 3}]})
        ratings_before = mirror.counts()["ratings"]
        state_before = mirror.state("ratings.movies")

        def crash(*args: object, **kwargs: object) -> None:
            raise Stop

        monkeypatch.setattr(sections_module, "upsert_media", crash)
        with pytest.raises(Stop):
            sync(trakt.http, mirror)
        assert mirror.counts()["ratings"] == ratings_before
        assert mirror.state("ratings.movies") == state_before

        monkeypatch.undo()
        sync(trakt.http, mirror)
        assert_mirror_equals_server(sb, mirror)
