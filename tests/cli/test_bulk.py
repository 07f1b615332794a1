"""Bulk writes: 1,000 items from a file in at most 4 POSTs, titles searched first,
JSON stdout kept clean of progress output."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.cli_helpers import count, exact_write_counts, library, ok, statuses
from tests.conftest import Sandbox


def _synthetic_movies(sb: Sandbox, n: int) -> list[int]:
    movies = [m for m in sb.state.catalogue.all_movies() if m.synthetic]
    assert len(movies) >= n
    return [m.trakt for m in movies[:n]]


def test_watchlist_add_1000_items_from_json_file_in_4_posts(
    logged_in: Sandbox, tmp_path: Path
) -> None:
    logged_in.control("POST", "/_sandbox/users", {"username": "demo", "vip": True})
    ids = _synthetic_movies(logged_in, 1000)
    source = tmp_path / "items.json"
    source.write_text(json.dumps([{"type": "movie", "ids": {"trakt": i}} for i in ids]))
    exact_write_counts(logged_in)
    logged_in.reset_counts()

    result = ok(logged_in, "watchlist", "add", "--from", str(source), "--json")
    report = result.json()  # stdout holds only JSON: no progress bar in it
    assert report["added"]["movies"] == 1000
    assert len(report["items"]) == 1000 and set(statuses(report)) == {"added"}
    assert count(logged_in, "POST /sync/watchlist") == 4
    assert logged_in.requests()["total"] == 4  # ids and types given: no search at all

    logged_in.reset_counts()
    listed = ok(logged_in, "watchlist", "list", "--json").json()
    assert len(listed) == 1000
    assert count(logged_in, "GET /sync/watchlist") == 4  # 250 per page


def test_history_add_1000_lines_in_4_posts(logged_in: Sandbox, tmp_path: Path) -> None:
    ids = _synthetic_movies(logged_in, 1000)
    source = tmp_path / "plays.txt"
    source.write_text("# one ITEM per line\n" + "\n".join(f"trakt:{i}" for i in ids) + "\n")
    exact_write_counts(logged_in)
    logged_in.reset_counts()
    result = ok(
        logged_in,
        "history",
        "add",
        "--from",
        str(source),
        "--type",
        "movie",
        "--watched-at",
        "2024-01-01T12:00",
    )
    assert count(logged_in, "POST /sync/history") == 4
    assert "1000 added" in result.stderr
    assert len(library(logged_in).history) == 1000


def test_titles_from_a_file_are_searched_then_sent_in_one_post(
    logged_in: Sandbox, tmp_path: Path
) -> None:
    titles = [
        "Inception (2010)",
        "The Matrix (1999)",
        "Dune (2021)",
        "Blade Runner 2049",
        "The Shawshank Redemption",
        "The Dark Knight (2008)",
        "Batman Begins",
        "Breaking Bad S01E01",
        "Breaking Bad S02",
        "Breaking Bad",
        "tt1375666",
        "https://trakt.tv/movies/the-matrix-1999",
    ]
    source = tmp_path / "titles.txt"
    source.write_text("\n".join(titles))
    exact_write_counts(logged_in)
    logged_in.reset_counts()
    result = logged_in.cli("collection", "add", "--from", str(source), "Inception", "--json")
    assert result.exit_code == 0, result.stderr
    report = result.json()
    assert len(report["resolved"]) == 13
    assert count(logged_in, "POST /sync/collection") == 1
    # duplicates make Trakt's counts mix statuses; a mixed one names what is possible
    possible = {st for item in report["items"] for st in item["possible"]}
    assert possible <= {"added", "updated", "existing", "unchanged"}
    assert all(i["status"] == "_or_".join(i["possible"]) for i in report["items"])
    # the same movie three times (title, imdb id, url) is collected once
    movies = ok(logged_in, "collection", "list", "--type", "movies", "--json").json()
    assert len({m["movie"]["ids"]["trakt"] for m in movies}) == len(movies)
