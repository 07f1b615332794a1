"""`trakt trending|popular|anticipated|played|watched|collected` and
`trakt recommendations movies|shows|hide` against the sandbox."""

from __future__ import annotations

import pytest

from tests.cli.cli_helpers import count, media_ids, ok, ok_json
from tests.conftest import Sandbox


@pytest.mark.parametrize("kind", ["movies", "shows"])
def test_trending_popular_anticipated(logged_in: Sandbox, kind: str) -> None:
    key = kind[:-1]
    trending = ok_json(logged_in, "trending", kind, "--limit", "5")
    assert 0 < len(trending) <= 5
    assert all(set(t) == {"watchers", key} for t in trending)
    watchers = [t["watchers"] for t in trending]
    assert watchers == sorted(watchers, reverse=True)

    popular = ok_json(logged_in, "popular", kind, "--limit", "3")
    assert 0 < len(popular) <= 3
    assert all({"title", "year", "ids"} <= set(p) for p in popular)  # bare objects

    anticipated = ok_json(logged_in, "anticipated", kind)
    assert len(anticipated) <= 10
    assert all("list_count" in a and key in a for a in anticipated)

    table = ok(logged_in, "trending", kind, "--limit", "3")
    assert "watchers" in table.stdout and "title" in table.stdout


@pytest.mark.parametrize("stat", ["played", "watched", "collected"])
def test_stats_by_period(logged_in: Sandbox, stat: str) -> None:
    logged_in.reset_counts()
    for kind in ("movies", "shows"):
        items = ok_json(logged_in, stat, kind, "--period", "all", "--limit", "4")
        assert 0 < len(items) <= 4
        key = kind[:-1]
        assert all(key in i and "watcher_count" in i and "play_count" in i for i in items)
    assert count(logged_in, f"GET /movies/{stat}/{{period}}") == 1
    assert count(logged_in, f"GET /shows/{stat}/{{period}}") == 1
    monthly = ok(logged_in, stat, "movies", "--period", "monthly")
    assert monthly.exit_code == 0


def test_singular_type_is_accepted(logged_in: Sandbox) -> None:
    assert ok_json(logged_in, "trending", "movie", "--limit", "1")


@pytest.mark.parametrize("kind", ["movies", "shows"])
def test_recommendations_and_hide(logged_in: Sandbox, kind: str) -> None:
    key = kind[:-1]
    first = ok_json(logged_in, "recommendations", kind, "--limit", "5")
    assert 0 < len(first) <= 5
    assert all({"title", "ids"} <= set(m) for m in first)
    top = first[0]["ids"]["trakt"]

    hidden = ok_json(logged_in, "recommendations", "hide", f"trakt:{top}", "--type", key)
    assert hidden["hidden"]["type"] == key
    assert media_ids(hidden["hidden"])["trakt"] == top
    assert count(logged_in, f"DELETE /recommendations/{kind}/{{id}}") == 1

    after = ok_json(logged_in, "recommendations", kind, "--limit", "100")
    assert top not in {m["ids"]["trakt"] for m in after}


def test_recommendations_leave_out_what_was_watched_or_listed(logged_in: Sandbox) -> None:
    recommended = ok_json(logged_in, "recommendations", "movies", "--limit", "3")
    watched, listed, collected = (m["ids"]["trakt"] for m in recommended[:3])
    ok(logged_in, "history", "add", f"trakt:{watched}", "--type", "movie")
    ok(logged_in, "watchlist", "add", f"trakt:{listed}", "--type", "movie")
    ok(logged_in, "collection", "add", f"trakt:{collected}", "--type", "movie")

    plain = {
        m["ids"]["trakt"] for m in ok_json(logged_in, "recommendations", "movies", "-n", "100")
    }
    assert watched not in plain
    strict = ok_json(
        logged_in,
        "recommendations",
        "movies",
        "--ignore-collected",
        "--ignore-watchlisted",
        "--limit",
        "100",
    )
    ids = {m["ids"]["trakt"] for m in strict}
    assert not ids & {watched, listed, collected}
    table = ok(logged_in, "recommendations", "shows", "--limit", "2")
    assert "title" in table.stdout
