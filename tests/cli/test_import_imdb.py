"""`trakt import imdb`: the sample ratings and watchlist exports against the sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.io_helpers import (
    DATA,
    library,
    logged_in_sandbox,
    posts,
    ratings,
    route_count,
    run,
    watchlist,
)
from tests.conftest import Sandbox

RATINGS = str(DATA / "imdb" / "ratings.csv")
WATCHLIST = str(DATA / "imdb" / "watchlist.csv")
# (kind, trakt id): rating, from tests/data/imdb/ratings.csv (all rated at 12:00 UTC)
EXPECTED_RATINGS = {
    ("movie", 16662): (9, "2023-01-15T12:00:00.000Z"),  # Inception
    ("movie", 102156): (10, "2023-02-04T12:00:00.000Z"),  # Interstellar
    ("movie", 120): (9, "2022-11-20T12:00:00.000Z"),  # The Dark Knight
    ("movie", 481): (8, "2021-06-12T12:00:00.000Z"),  # The Matrix
    ("movie", 287071): (8, "2021-10-23T12:00:00.000Z"),  # Dune: Part One (2021)
    ("show", 1388): (10, "2020-04-02T12:00:00.000Z"),  # Breaking Bad
    ("episode", 73482): (8, "2020-03-15T12:00:00.000Z"),  # Breaking Bad S01E01 "Pilot"
    ("movie", 554): (7, "2018-08-09T12:00:00.000Z"),  # Pulp Fiction
}


@pytest.fixture
def sb(tmp_path: Path) -> Iterator[Sandbox]:
    yield from logged_in_sandbox(tmp_path)


def _by_status(report: dict[str, object]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in report["items"]:  # type: ignore[attr-defined]
        out.setdefault(item["status"], []).append(item["title"])
    return out


def test_ratings_export_twice(sb: Sandbox) -> None:
    first = run(sb, "import", "imdb", RATINGS, "--json", expect=3).json()
    got = ratings(sb)
    for key, value in EXPECTED_RATINGS.items():
        assert got[key] == value
    chernobyl = [k for k in got if k[0] == "show" and k[1] != 1388]
    assert len(chernobyl) == 1 and got[chernobyl[0]][0] == 9  # the mini series
    assert len(got) == 9
    statuses = _by_status(first)
    assert len(statuses["added"]) == 9
    assert statuses["not_found"] == ["2001: A Space Odyssey (1968)"]
    assert statuses["unsupported"] == ["The Last of Us (2013)"]
    # matched by IMDb id: no search, one POST for the whole file
    assert route_count(sb, "POST /sync/ratings") == 1
    assert route_count(sb, "GET /search/{id_type}/{id}") == 0

    sb.reset_counts()
    second = run(sb, "import", "imdb", RATINGS, "--json", expect=3).json()
    assert second["existing"] == 9 and second["added"] == 0
    # only the id Trakt does not know is sent again (no way to tell without a lookup)
    assert route_count(sb, "POST /sync/ratings") == 1 and second["not_found"] == 1
    assert ratings(sb) == got


def test_a_changed_rating_is_updated(sb: Sandbox) -> None:
    run(sb, "rate", "Inception (2010)", "5")
    report = run(sb, "import", "imdb", RATINGS, "--json", expect=3).json()
    inception = next(i for i in report["items"] if i["title"] == "Inception (2010)")
    assert inception["status"] == "updated" and inception["detail"] == "rating 5"
    assert ratings(sb)[("movie", 16662)][0] == 9


def test_watchlist_export(sb: Sandbox) -> None:
    sb.control("POST", "/_sandbox/users", {"username": "demo", "vip": True})  # notes are VIP
    report = run(sb, "import", "imdb", WATCHLIST, "--json", expect=3).json()
    assert report["added"] == 5 and report["not_found"] == 1
    items = watchlist(sb)
    cat = sb.state.catalogue
    titles = [
        (cat.movies if kind == "movie" else cat.shows)[trakt].title for kind, trakt, _ in items
    ]
    assert titles == [
        "Dune: Part Two",
        "Blade Runner 2049",
        "Severance",
        "Westworld",
        "Parasite",
    ]
    assert [notes for _, _, notes in items][1] == "See it on the big screen"

    sb.reset_counts()
    again = run(sb, "import", "imdb", WATCHLIST, "--json", expect=3).json()
    assert again["existing"] == 5 and again["not_found"] == 1
    assert posts(sb) == 1  # only Eraserhead, unknown to Trakt, is sent again
    assert len(library(sb).watchlist) == 5


def test_dry_run_looks_ids_up_and_writes_nothing(sb: Sandbox) -> None:
    report = run(sb, "import", "imdb", RATINGS, "--dry-run", "--json", expect=3).json()
    assert report["dry_run"] is True
    statuses = _by_status(report)
    assert len(statuses["added"]) == 9 and len(statuses["not_found"]) == 1
    assert report["lookups"] == 10  # each new IMDb id is checked once
    assert posts(sb) == 0 and ratings(sb) == {}


def test_kind_override_and_bad_files(sb: Sandbox, tmp_path: Path) -> None:
    letterboxd = str(DATA / "letterboxd" / "diary.csv")
    result = run(sb, "import", "imdb", letterboxd, expect=2)
    assert "not an IMDb export" in result.stderr
    result = run(sb, "import", "imdb", WATCHLIST, "--as", "ratings", expect=2)
    assert "Your Rating" in result.stderr
    result = run(sb, "import", "imdb", RATINGS, "--as", "votes", expect=2)
    assert "--as must be one of ratings, watchlist" in result.stderr
    bad = tmp_path / "ratings.csv"
    lines = (DATA / "imdb" / "ratings.csv").read_text().splitlines()
    lines[4] = lines[4].replace(",8,2021-06-12,", ",80,2021-06-12,")
    bad.write_text("\n".join(lines))
    result = run(sb, "import", "imdb", str(bad), expect=2)
    assert "ratings.csv line 5" in result.stderr
    bad.write_bytes(b"\xff\xfe\x00C\x00o")
    assert "not UTF-8" in run(sb, "import", "imdb", str(bad), expect=2).stderr
    assert sb.requests()["total"] == 0


def test_header_only_file_imports_nothing(sb: Sandbox, tmp_path: Path) -> None:
    path = tmp_path / "ratings.csv"
    path.write_text((DATA / "imdb" / "ratings.csv").read_text().splitlines()[0] + "\n")
    result = run(sb, "import", "imdb", str(path))
    assert "Nothing to import" in result.stderr
    assert sb.requests()["total"] == 0
