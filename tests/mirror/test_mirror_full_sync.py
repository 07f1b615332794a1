"""A full sync of a big synthetic library (10,000 plays, 2,000 ratings, 250 watchlist items,
1,000 collected movies) against the sandbox: exact content, request counts, no-op cost."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Sandbox, make_sandbox
from tests.mirror.mirror_helpers import (
    BIG_LIBRARY,
    all_pages,
    assert_mirror_equals_server,
    connected,
    expected_full_requests,
    library,
)
from traktkit.client import Trakt
from traktkit.mirror import Mirror, SyncReport, sync


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Sandbox, Trakt, Mirror]]:
    tmp: Path = tmp_path_factory.mktemp("big")
    for sb in make_sandbox(tmp, auto_approve="demo", library=BIG_LIBRARY):
        with connected(sb) as (trakt, mirror):
            yield sb, trakt, mirror


@pytest.fixture(scope="module")
def first(big: tuple[Sandbox, Trakt, Mirror]) -> tuple[SyncReport, dict[str, int]]:
    sb, trakt, mirror = big
    sb.reset_counts()
    report = sync(trakt.http, mirror)
    counts: dict[str, int] = sb.requests()["by_route"]
    return report, counts


def test_full_sync_equals_the_server_state(
    big: tuple[Sandbox, Trakt, Mirror], first: tuple[SyncReport, dict[str, int]]
) -> None:
    sb, _, mirror = big
    report, _ = first
    assert_mirror_equals_server(sb, mirror)
    counts = mirror.counts()
    assert counts["plays"] == 10_000
    assert counts["ratings"] == 2_000
    assert counts["watchlist"] == 250
    assert counts["collection_movies"] == 1_000
    history = report.section("history")
    assert history is not None and history.status == "full"
    assert history.changes.added == 10_000 and history.changes.total == 10_000
    assert mirror.is_fresh(60)


def test_full_sync_pages_everything_at_250(
    big: tuple[Sandbox, Trakt, Mirror], first: tuple[SyncReport, dict[str, int]]
) -> None:
    sb, _, _ = big
    report, by_route = first
    per_route, total = expected_full_requests(sb)
    for route, expected in per_route.items():
        assert by_route.get(route) == expected, route
    assert by_route["GET /sync/history"] == 40  # ceil(10000 / 250)
    assert sum(by_route.values()) == total
    assert report.requests == total


def test_reads_give_the_api_item_shapes(
    big: tuple[Sandbox, Trakt, Mirror], first: tuple[SyncReport, dict[str, int]]
) -> None:
    _, trakt, mirror = big
    assert [p.to_api() for p in mirror.history()] == all_pages(trakt, "/sync/history")
    full = all_pages(trakt, "/sync/history", extended="full")
    assert [p.to_api() for p in mirror.history(full=True)] == full
    assert [r.to_api() for r in mirror.ratings()] == all_pages(trakt, "/sync/ratings/all")
    assert [w.to_api() for w in mirror.watchlist()] == all_pages(trakt, "/sync/watchlist")
    movies = all_pages(trakt, "/sync/collection/movies", extended="metadata")
    assert [c.to_api() for c in mirror.collection("movies")] == movies
    watched = all_pages(trakt, "/sync/watched/movies", extended="full")
    assert [w.to_api() for w in mirror.watched_movies(full=True)] == watched
    shows = all_pages(trakt, "/sync/watched/shows", extended="progress")
    assert [w.to_api() for w in mirror.watched_shows()] == shows


def test_second_sync_with_nothing_changed_costs_one_request(
    big: tuple[Sandbox, Trakt, Mirror], first: tuple[SyncReport, dict[str, int]]
) -> None:
    sb, trakt, mirror = big
    sb.reset_counts()
    report = sync(trakt.http, mirror)
    assert sb.requests() == {"total": 1, "by_route": {"GET /sync/last_activities": 1}}
    assert report.requests == 1
    assert not report.changed
    assert {s.status for s in report.sections} <= {"unchanged", "unavailable"}


def _expected_stats(sb: Sandbox, year: int | None) -> dict[str, Any]:
    """Stats computed straight from the sandbox's state and catalogue."""
    cat = sb.state.catalogue
    lib = library(sb)
    plays = minutes = unknown = 0
    genres: Counter[str] = Counter()
    shows: Counter[int] = Counter()
    months: Counter[str] = Counter()
    for play in lib.history:
        when = datetime.fromtimestamp(play.watched_at, UTC)
        if year is not None and when.year != year:
            continue
        plays += 1
        if play.ref.kind == "movie":
            movie = cat.movies[play.ref.trakt]
            runtime, titles = movie.runtime, movie.genres
        else:
            show, episode = cat.episodes[play.ref.trakt]
            runtime = episode.runtime if episode.runtime is not None else show.runtime
            titles = show.genres
            shows[show.trakt] += 1
        if runtime is None:
            unknown += 1
        else:
            minutes += runtime
        genres.update(set(titles))
        months[when.strftime("%Y-%m")] += 1
    ratings = Counter(
        e.rating
        for e in lib.ratings.values()
        if year is None or datetime.fromtimestamp(e.rated_at, UTC).year == year
    )
    top_shows = sorted(shows.items(), key=lambda s: (-s[1], cat.shows[s[0]].title, s[0]))[:10]
    return {
        "plays": plays,
        "minutes": minutes,
        "unknown_runtime_plays": unknown,
        "top_genres": sorted(genres.items(), key=lambda g: (-g[1], g[0]))[:10],
        "top_shows": [(cat.shows[trakt].title, n) for trakt, n in top_shows],
        "ratings": dict(ratings),
        "by_month": sorted(months.items()),
    }


@pytest.mark.parametrize("year", [None, "last"])
def test_stats_match_the_sandbox_state(
    big: tuple[Sandbox, Trakt, Mirror], first: tuple[SyncReport, dict[str, int]], year: Any
) -> None:
    sb, _, mirror = big
    if year == "last":
        year = datetime.now(UTC).year - 1
    stats = mirror.stats(year)
    expected = _expected_stats(sb, year)
    assert stats.plays == expected["plays"] > 0
    assert stats.minutes == expected["minutes"] > 0
    assert stats.unknown_runtime_plays == expected["unknown_runtime_plays"]
    assert [(g.name, g.plays) for g in stats.top_genres] == expected["top_genres"]
    assert [(s.name, s.plays) for s in stats.top_shows] == expected["top_shows"]
    assert stats.ratings == expected["ratings"]
    assert [(m.month, m.plays) for m in stats.by_month] == expected["by_month"]
    assert stats.hours == round(expected["minutes"] / 60, 1)
