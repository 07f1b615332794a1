"""`trakt watchlist list|add|remove` against the sandbox."""

from __future__ import annotations

from pathlib import Path

from tests.cli.cli_helpers import (
    BREAKING_BAD,
    INCEPTION,
    count,
    exact_write_counts,
    media_ids,
    ok,
    ok_json,
    statuses,
)
from tests.conftest import Sandbox, make_sandbox


def test_add_list_remove_json_shapes(logged_in: Sandbox) -> None:
    report = ok_json(logged_in, "watchlist", "add", "Inception (2010)", "Breaking Bad")
    assert set(report) >= {"resolved", "added", "existing", "updated", "deleted", "not_found"}
    assert report["added"]["movies"] == 1 and report["added"]["shows"] == 1
    assert statuses(report) == ["added", "added"]
    assert [r["type"] for r in report["resolved"]] == ["movie", "show"]
    assert report["resolved"][0]["movie"]["ids"]["imdb"] == INCEPTION["imdb"]

    listed = ok_json(logged_in, "watchlist", "list")
    assert [item["type"] for item in listed] == ["movie", "show"]
    first = listed[0]
    assert {"rank", "id", "listed_at", "type", "movie"} <= set(first)
    assert first["movie"]["ids"]["trakt"] == INCEPTION["trakt"]

    again = ok_json(logged_in, "watchlist", "add", "tt1375666", "--type", "movie")
    assert statuses(again) == ["existing"]
    assert again["existing"]["movies"] == 1

    removed = ok_json(logged_in, "watchlist", "remove", "Inception (2010)")
    assert removed["deleted"]["movies"] == 1
    assert statuses(removed) == ["deleted"]
    assert [i["type"] for i in ok_json(logged_in, "watchlist", "list")] == ["show"]


def test_seasons_and_episodes_by_title_and_numbers(logged_in: Sandbox) -> None:
    report = ok_json(logged_in, "watchlist", "add", "Breaking Bad S02", "Breaking Bad S01E01")
    assert [r["type"] for r in report["resolved"]] == ["season", "episode"]
    assert report["added"]["seasons"] == 1 and report["added"]["episodes"] == 1
    options = ok_json(logged_in, "watchlist", "add", "Breaking Bad", "-s", "3", "-e", "2")
    assert options["resolved"][0]["episode"] == {"season": 3, "number": 2}
    assert options["added"]["episodes"] == 1
    seasons = ok_json(logged_in, "watchlist", "list", "--type", "seasons")
    assert [s["season"]["number"] for s in seasons] == [2]
    assert seasons[0]["show"]["ids"]["trakt"] == BREAKING_BAD["trakt"]
    episodes = ok_json(logged_in, "watchlist", "list", "--type", "episodes")
    numbers = sorted((e["episode"]["season"], e["episode"]["number"]) for e in episodes)
    assert numbers == [(1, 1), (3, 2)]


def test_human_output_reports_item_by_item(logged_in: Sandbox) -> None:
    ok(logged_in, "watchlist", "add", "Inception (2010)")
    result = ok(logged_in, "watchlist", "add", "Inception (2010)", "The Matrix (1999)")
    # Trakt counts 1 added and 1 existing movie without naming them: no row guesses
    assert result.stdout.count("added or already there") == 2
    assert "Inception (2010)" in result.stdout and "The Matrix (1999)" in result.stdout
    assert "2 added or already there." in result.stderr
    assert "Trakt counted: added 1 movie; existing 1 movie." in result.stderr
    alone = ok(logged_in, "watchlist", "add", "Inception (2010)")
    assert "already there" in alone.stdout and "added" not in alone.stdout
    assert "1 already there." in alone.stderr
    listing = ok(logged_in, "watchlist", "list", "--sort", "title", "--sort-how", "desc")
    assert listing.stdout.index("The Matrix") < listing.stdout.index("Inception")
    assert count(logged_in, "GET /sync/watchlist/{type}/{sort_by}/{sort_how}") == 1


def test_sorted_list_and_limit(logged_in: Sandbox) -> None:
    ok(logged_in, "watchlist", "add", "Inception (2010)", "The Matrix (1999)", "Breaking Bad")
    titles = [
        i["movie"]["title"]
        for i in ok_json(logged_in, "watchlist", "list", "--type", "movies", "--sort", "title")
    ]
    assert titles == ["Inception", "The Matrix"]
    assert len(ok_json(logged_in, "watchlist", "list", "--limit", "2")) == 2


def test_not_found_id_is_reported_and_exits_3(logged_in: Sandbox) -> None:
    result = logged_in.cli(
        "watchlist", "add", "tmdb:999999999", "trakt:16662", "--type", "movie", "--json"
    )
    assert result.exit_code == 3
    report = result.json()
    assert statuses(report) == ["not_found", "added"]
    assert report["not_found"]["movies"] == [{"ids": {"tmdb": 999999999}}]
    assert count(logged_in, "GET /search/{id_type}/{id}") == 0  # ids + type: no search


def test_ambiguous_title_exits_3_and_writes_nothing(logged_in: Sandbox) -> None:
    logged_in.reset_counts()
    result = logged_in.cli("watchlist", "add", "Dune", "--type", "movie")
    assert result.exit_code == 3
    assert "ambiguous" in result.stderr
    assert "Dune (2021)" in result.stderr and "Dune (1984)" in result.stderr
    assert "1984" in result.stdout  # the candidates table
    assert count(logged_in, "POST /sync/watchlist") == 0

    as_json = logged_in.cli("watchlist", "add", "Dune", "--type", "movie", "--json")
    assert as_json.exit_code == 3
    error = as_json.json()
    assert error["exit_code"] == 3 and error["kind"] == "AmbiguousItem"
    years = {c["year"] for c in error["candidates"]}
    assert {2021, 1984} <= years
    assert count(logged_in, "POST /sync/watchlist") == 0

    resolved = ok_json(logged_in, "watchlist", "add", "Dune (2021)")
    assert resolved["resolved"][0]["movie"]["year"] == 2021


def test_every_unresolved_item_is_named_before_failing(logged_in: Sandbox) -> None:
    result = logged_in.cli(
        "watchlist", "add", "Inception (2010)", "Zzqx Nothing Like This", "Dune", "-t", "movie"
    )
    assert result.exit_code == 3
    assert "Zzqx Nothing Like This" in result.stderr
    assert "'Dune' is ambiguous" in result.stderr  # reported as a note, nothing written
    assert count(logged_in, "POST /sync/watchlist") == 0


def test_account_limit_420_is_reported_not_retried(tmp_path: Path) -> None:
    for sb in make_sandbox(tmp_path, auto_approve="demo"):
        ok(sb, "login")
        sb.control("POST", "/_sandbox/users", {"username": "demo", "limits": {"watchlist": 2}})
        ok(sb, "watchlist", "add", "Inception (2010)", "The Matrix (1999)")
        exact_write_counts(sb)
        sb.reset_counts()
        result = sb.cli("watchlist", "add", "Breaking Bad")
        assert result.exit_code == 1
        assert "420" in result.stderr and "limit of 2 items" in result.stderr
        assert "https://" in result.stderr  # the upgrade URL
        assert count(sb, "POST /sync/watchlist") == 1  # never retried

        as_json = sb.cli("watchlist", "add", "Breaking Bad", "--json")
        assert as_json.exit_code == 1
        error = as_json.json()
        assert error["limit"] == 2
        assert error["upgrade_url"].startswith("https://")


def test_watching_removes_from_watchlist(logged_in: Sandbox) -> None:
    ok(logged_in, "watchlist", "add", "Inception (2010)", "Breaking Bad", "The Matrix (1999)")
    ok(logged_in, "history", "add", "Inception (2010)", "Breaking Bad S01E01")
    left = ok_json(logged_in, "watchlist", "list")
    assert [media_ids(i)["trakt"] for i in left] == [481]  # only The Matrix is left


def test_mixed_add_claims_no_wrong_status(logged_in: Sandbox, tmp_path: Path) -> None:
    """A watchlist add mixing movies already there with new ones (the tester's `--from`
    case): Trakt only counts them, so no item is given a definite status it may not have;
    a type whose items are all new (or all there) keeps its exact status."""
    ok(logged_in, "watchlist", "add", "Inception (2010)", "Breaking Bad")
    source = tmp_path / "many.txt"
    source.write_text("Inception (2010)\nThe Matrix (1999)\nDune (2021)\nBreaking Bad\n")
    report = ok_json(logged_in, "watchlist", "add", "--from", str(source))
    assert report["added"]["movies"] == 2 and report["existing"]["movies"] == 1
    assert report["existing"]["shows"] == 1
    movies = [i for i in report["items"] if i["type"] == "movie"]
    assert [i["status"] for i in movies] == ["added_or_existing"] * 3
    assert all(i["possible"] == ["added", "existing"] and not i["exact"] for i in movies)
    (show,) = [i for i in report["items"] if i["type"] == "show"]
    assert (show["status"], show["exact"]) == ("existing", True)
    removed = ok_json(logged_in, "watchlist", "remove", "The Matrix (1999)", "Blade Runner 2049")
    assert statuses(removed) == ["deleted_or_absent"] * 2
    assert removed["deleted"]["movies"] == 1
