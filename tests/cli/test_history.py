"""`trakt history list|add|remove` against the sandbox, including the retry that never
duplicates a play."""

from __future__ import annotations

from tests.cli.cli_helpers import (
    INCEPTION,
    count,
    exact_write_counts,
    library,
    media_ids,
    ok,
    ok_json,
    statuses,
)
from tests.conftest import Sandbox


def test_add_with_watched_at_then_list(logged_in: Sandbox) -> None:
    report = ok_json(
        logged_in,
        "history",
        "add",
        "Inception (2010)",
        "Breaking Bad S01E01",
        "--watched-at",
        "2024-05-01T21:30:45Z",
    )
    assert report["added"] == {"movies": 1, "episodes": 1}
    assert statuses(report) == ["added", "added"]
    plays = ok_json(logged_in, "history", "list")
    assert {p["type"] for p in plays} == {"movie", "episode"}
    assert all(p["watched_at"] == "2024-05-01T21:30:00.000Z" for p in plays)  # minute precision
    assert all(isinstance(p["id"], int) and p["action"] == "watch" for p in plays)
    episode = next(p for p in plays if p["type"] == "episode")
    assert episode["show"]["title"] == "Breaking Bad"
    assert (episode["episode"]["season"], episode["episode"]["number"]) == (1, 1)


def test_default_watched_at_is_now_sent_explicitly(logged_in: Sandbox) -> None:
    ok(logged_in, "history", "add", "Inception (2010)")
    (play,) = ok_json(logged_in, "history", "list")
    assert play["watched_at"].endswith(":00.000Z")


def test_season_and_show_add_all_episodes(logged_in: Sandbox) -> None:
    report = ok_json(logged_in, "history", "add", "Breaking Bad S01", "--watched-at", "2020-01-01")
    assert report["added"]["episodes"] == 7
    assert statuses(report) == ["added"]
    assert len(ok_json(logged_in, "history", "list", "--type", "episodes")) == 7


def test_list_by_item_and_window(logged_in: Sandbox) -> None:
    ok(logged_in, "history", "add", "Inception (2010)", "--watched-at", "2023-01-10")
    ok(logged_in, "history", "add", "The Matrix (1999)", "--watched-at", "2024-06-10")
    ok(
        logged_in,
        "history",
        "add",
        "Breaking Bad S01E01",
        "Breaking Bad S01E02",
        "Breaking Bad S02E01",
        "--watched-at",
        "2024-06-11",
    )
    movies = ok_json(logged_in, "history", "list", "--type", "movies")
    assert {p["movie"]["title"] for p in movies} == {"Inception", "The Matrix"}
    recent = ok_json(
        logged_in, "history", "list", "--since", "2024-01-01", "--until", "2024-06-10T23:59"
    )
    assert [p["movie"]["title"] for p in recent] == ["The Matrix"]
    show = ok_json(logged_in, "history", "list", "Breaking Bad")
    assert len(show) == 3
    season = ok_json(logged_in, "history", "list", "Breaking Bad S01")
    assert sorted(p["episode"]["number"] for p in season) == [1, 2]
    episode = ok_json(
        logged_in, "history", "list", "Breaking Bad", "--season", "2", "--episode", "1"
    )
    assert [(p["episode"]["season"], p["episode"]["number"]) for p in episode] == [(2, 1)]
    movie = ok_json(logged_in, "history", "list", "tt1375666")
    assert [media_ids(p)["trakt"] for p in movie] == [INCEPTION["trakt"]]
    table = ok(logged_in, "history", "list", "--limit", "2")
    assert "history id" in table.stdout and table.stdout.count("Breaking Bad") == 2


def test_remove_by_item_and_by_history_id(logged_in: Sandbox) -> None:
    ok(logged_in, "history", "add", "Inception (2010)", "--watched-at", "2023-01-10")
    ok(logged_in, "history", "add", "Inception (2010)", "--watched-at", "2023-02-10")
    ok(logged_in, "history", "add", "The Matrix (1999)", "--watched-at", "2023-03-10")
    plays = ok_json(logged_in, "history", "list", "Inception (2010)")
    assert len(plays) == 2  # no de-duplication: two plays
    newest = plays[0]["id"]

    result = logged_in.cli("history", "remove", "--id", str(newest), "--id", "123456789", "--json")
    assert result.exit_code == 3  # one id was not found
    one = result.json()
    assert one["deleted"]["movies"] == 1
    assert one["not_found"]["ids"] == [123456789]
    assert one["items"] == [
        {"id": newest, "status": "deleted"},
        {"id": 123456789, "status": "not_found"},
    ]
    left = ok_json(logged_in, "history", "list", "Inception (2010)")
    assert [p["id"] for p in left] == [plays[1]["id"]]

    by_item = ok_json(logged_in, "history", "remove", "The Matrix (1999)")
    assert by_item["deleted"]["movies"] == 1 and statuses(by_item) == ["deleted"]
    assert [p["movie"]["title"] for p in ok_json(logged_in, "history", "list")] == ["Inception"]


def test_failed_post_is_checked_then_resent_once(logged_in: Sandbox) -> None:
    """A 503 on POST /sync/history (not applied): the client looks at the history, finds
    the plays missing, sends them again, and each play exists exactly once."""
    logged_in.control(
        "POST",
        "/_sandbox/faults",
        {"rules": [{"route": "POST /sync/history", "status": 503, "count": 1}]},
    )
    exact_write_counts(logged_in)
    logged_in.reset_counts()
    result = logged_in.cli(
        "history", "add", "trakt:16662", "trakt:481", "--type", "movie", "--json"
    )
    assert result.exit_code == 0, result.stderr
    report = result.json()
    assert report["added"]["movies"] == 2
    assert statuses(report) == ["added", "added"]
    assert count(logged_in, "POST /sync/history") == 2  # the failed one, then one re-send
    assert count(logged_in, "GET /sync/history") == 1  # the check
    assert len(library(logged_in).history) == 2
    assert "checking 2 play(s)" in result.stderr
