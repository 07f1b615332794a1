"""`trakt import imdb`: the sample ratings and watchlist exports against the sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.io_helpers import (
    DATA,
    library,
    logged_in_sandbox,
    posts,
    rate,
    ratings,
    route_count,
    run,
    watchlist,
)
from tests.conftest import Sandbox

RATINGS = str(DATA / "imdb" / "ratings.csv")
WATCHLIST = str(DATA / "imdb" / "watchlist.csv")
INCEPTION, MATRIX = 16662, 481
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


def _item(report: dict[str, Any], title: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in report["items"] if i["title"] == title)
    return found


def _rated_today_and_long_ago(sb: Sandbox) -> str:
    """The Matrix rated 6 now (newer than the file's 8 of 2021-06-12), Inception 5 in
    2019 (older than the file's 9 of 2023-01-15); returns today's date."""
    rate(sb, ["tt0133093"], 6)
    rate(sb, ["tt1375666"], 5, rated_at="2019-01-01T10:00")
    sb.reset_counts()
    return ratings(sb)[("movie", MATRIX)][1][:10]


def test_a_newer_rating_is_kept_and_an_older_one_replaced(sb: Sandbox) -> None:
    today = _rated_today_and_long_ago(sb)
    before = ratings(sb)[("movie", MATRIX)]
    report = run(sb, "import", "imdb", RATINGS, "--json", expect=3).json()
    matrix = _item(report, "The Matrix (1999)")
    assert matrix["status"] == "skipped"
    assert matrix["detail"] == f"kept your newer rating 6 ({today}) over 8 (2021-06-12)"
    inception = _item(report, "Inception (2010)")
    assert inception["status"] == "updated" and inception["detail"] == "updated 5 -> 9"
    assert report["skipped"] == 1 and report["updated"] == 1 and report["added"] == 7
    assert report["summary"]["ratings"]["skipped"] == 1
    got = ratings(sb)
    assert got[("movie", MATRIX)] == before  # today's 6 is untouched
    assert got[("movie", INCEPTION)] == EXPECTED_RATINGS[("movie", INCEPTION)]

    again = run(sb, "import", "imdb", RATINGS, expect=3)
    text = again.stdout + again.stderr
    assert "kept yours" in text and "Replaced or kept" in text
    assert f"kept your newer rating 6 ({today}) over 8 (2021-06-12)" in " ".join(text.split())
    assert ratings(sb) == got


def test_keep_and_overwrite(sb: Sandbox) -> None:
    today = _rated_today_and_long_ago(sb)
    before = ratings(sb)
    kept = run(sb, "import", "imdb", RATINGS, "--ratings", "keep", "--json", expect=3).json()
    assert _item(kept, "The Matrix (1999)")["detail"] == (
        f"kept your rating 6 ({today}) over 8 (2021-06-12)"
    )
    assert _item(kept, "Inception (2010)")["detail"] == (
        "kept your rating 5 (2019-01-01) over 9 (2023-01-15)"
    )
    assert kept["skipped"] == 2 and kept["updated"] == 0
    got = ratings(sb)
    assert {k: got[k] for k in before} == before

    report = run(sb, "import", "imdb", RATINGS, "--ratings", "OVERWRITE", "--json", expect=3)
    over = report.json()
    assert _item(over, "The Matrix (1999)")["detail"] == "updated 6 -> 8"
    assert _item(over, "Inception (2010)")["detail"] == "updated 5 -> 9"
    assert over["skipped"] == 0 and over["updated"] == 2
    got = ratings(sb)
    for key in (("movie", MATRIX), ("movie", INCEPTION)):
        assert got[key] == EXPECTED_RATINGS[key]  # the file's rating and date

    sb.reset_counts()
    bad = run(sb, "import", "imdb", RATINGS, "--ratings", "always", expect=2)
    assert "--ratings must be one of newer, keep, overwrite" in bad.stderr
    assert sb.requests()["total"] == 0


def test_dry_run_says_old_and_new_ratings(sb: Sandbox) -> None:
    today = _rated_today_and_long_ago(sb)
    before = ratings(sb)
    report = run(sb, "import", "imdb", RATINGS, "-n", "--json", expect=3).json()
    matrix, inception = _item(report, "The Matrix (1999)"), _item(report, "Inception (2010)")
    assert (matrix["status"], matrix["detail"]) == (
        "skipped",
        f"kept your newer rating 6 ({today}) over 8 (2021-06-12)",
    )
    assert (inception["status"], inception["detail"]) == ("updated", "updated 5 -> 9")
    over = run(sb, "import", "imdb", RATINGS, "-n", "--ratings", "overwrite", "--json", expect=3)
    assert _item(over.json(), "The Matrix (1999)")["detail"] == "updated 6 -> 8"
    human = run(sb, "import", "imdb", RATINGS, "--dry-run", expect=3)
    text = " ".join((human.stdout + human.stderr).split())
    assert "Would replace or keep" in text
    assert "updated 5 -> 9" in text
    assert f"kept your newer rating 6 ({today}) over 8 (2021-06-12)" in text
    assert posts(sb) == 0 and ratings(sb) == before


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
