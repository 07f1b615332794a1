"""`trakt import letterboxd`: the sample export (folder, ZIP, one file) against the sandbox."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.io_helpers import (
    DATA,
    library,
    logged_in_sandbox,
    plays,
    posts,
    rate,
    ratings,
    route_count,
    run,
    watchlist,
)
from tests.conftest import Sandbox
from tests.io.test_io_letterboxd import make_zip

FOLDER = str(DATA / "letterboxd")
EPOCH = "1970-01-01T00:00:00.000Z"
INCEPTION, MATRIX = 16662, 481


def _movie(sb: Sandbox, title: str, year: int) -> int:
    found = [m.trakt for m in sb.state.catalogue.all_movies() if (m.title, m.year) == (title, year)]
    assert len(found) == 1, (title, year, found)
    return found[0]


@pytest.fixture
def sb(tmp_path: Path) -> Iterator[Sandbox]:
    yield from logged_in_sandbox(tmp_path)


def _expected_plays(sb: Sandbox) -> Counter[tuple[str, int, str]]:
    noon = "T12:00:00.000Z"
    dated = [
        ("Inception", 2010, "2023-01-07"),
        ("The Matrix", 1999, "2023-02-11"),
        ("Inception", 2010, "2023-05-19"),  # the rewatch: a second play
        ("Blade Runner 2049", 2017, "2023-06-01"),
        ("Oppenheimer", 2023, "2023-07-21"),
        ("Parasite", 2019, "2024-01-05"),
    ]
    out = Counter(("movie", _movie(sb, t, y), day + noon) for t, y, day in dated)
    for title, year in (("Spirited Away", 2001), ("Alien", 1979)):  # watched.csv only
        out[("movie", _movie(sb, title, year), EPOCH)] += 1
    return out


def test_folder_import_twice(sb: Sandbox) -> None:
    report = run(sb, "import", "letterboxd", FOLDER, "--json", expect=3).json()
    assert plays(sb) == _expected_plays(sb)
    got = ratings(sb)
    assert got[("movie", INCEPTION)] == (10, "2023-05-20T12:00:00.000Z")  # 5 stars
    assert got[("movie", MATRIX)] == (8, "2023-02-12T12:00:00.000Z")
    assert got[("movie", _movie(sb, "Blade Runner 2049", 2017))][0] == 9  # 4.5 stars
    assert got[("movie", _movie(sb, "Spirited Away", 2001))][0] == 10
    assert len(got) == 6
    wanted = [
        _movie(sb, t, y)
        for t, y in (
            ("Dune: Part Two", 2024),
            ("Arrival", 2016),
            ("Zootopia 2", 2025),
            ("Mad Max: Fury Road", 2015),
        )
    ]
    assert [trakt for _, trakt, _ in watchlist(sb)] == wanted  # in the file's order
    problems = {
        (i["source"], i["status"])
        for i in report["items"]
        if i["status"] in ("ambiguous", "not_found")
    }
    assert problems == {
        ("diary.csv line 7", "ambiguous"),
        ("ratings.csv line 7", "ambiguous"),
        ("diary.csv line 8", "not_found"),
        ("ratings.csv line 8", "not_found"),
    }
    dune = next(i for i in report["items"] if i["status"] == "ambiguous")
    assert {c["year"] for c in dune["candidates"]} >= {1984, 2021}
    assert report["lookups"] == 13  # one search per distinct film
    assert route_count(sb, "POST /sync/history") == 1

    sb.reset_counts()
    again = run(sb, "import", "letterboxd", FOLDER, "--json", expect=3).json()
    assert again["added"] == 0 and again["existing"] == 18
    assert posts(sb) == 0
    assert plays(sb) == _expected_plays(sb)


def test_zip_export_gives_the_same_library(sb: Sandbox, tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "letterboxd-someone-2024-05-01-10-00-utc.zip")
    run(sb, "import", "letterboxd", str(archive), expect=3)
    assert plays(sb) == _expected_plays(sb)
    sb.reset_counts()
    run(sb, "import", "letterboxd", FOLDER, expect=3)
    assert posts(sb) == 0


def test_a_play_on_the_same_day_is_already_there(sb: Sandbox) -> None:
    run(sb, "history", "add", "Parasite (2019)", "--watched-at", "2024-01-05T21:34")
    report = run(
        sb, "import", "letterboxd", str(DATA / "letterboxd" / "diary.csv"), "--json", expect=3
    ).json()
    parasite = [i for i in report["items"] if i["title"] == "Parasite (2019)"]
    assert [i["status"] for i in parasite] == ["existing", "added"]  # the play, then the rating
    assert sum(1 for p in library(sb).history if p.ref.trakt == _movie(sb, "Parasite", 2019)) == 1


def test_dry_run_sends_no_write(sb: Sandbox) -> None:
    report = run(sb, "import", "letterboxd", FOLDER, "--dry-run", "--json", expect=3).json()
    assert report["dry_run"] and report["added"] == 18
    assert posts(sb) == 0
    assert library(sb).history == [] and library(sb).ratings == {}
    human = run(sb, "import", "letterboxd", FOLDER, "--dry-run", expect=3)
    assert "Dry run" in human.stderr and "ambiguous" in human.stdout
    assert "Dune (2021) [movie]" in human.stdout  # candidates are listed, not guessed
    assert posts(sb) == 0


def _rating_item(report: dict[str, Any], title: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        i for i in report["items"] if i["title"] == title and i["section"] == "ratings"
    )
    return found


def test_ratings_newer_kept_older_replaced_and_overwrite(sb: Sandbox) -> None:
    rate(sb, ["tt1375666"], 9, rated_at="2020-01-01T10:00")  # older than 2023-05-20
    rate(sb, ["tt0133093"], 6)  # today: newer than the file's 2023-02-12
    today = ratings(sb)[("movie", MATRIX)][1][:10]
    sb.reset_counts()
    dry = run(sb, "import", "letterboxd", FOLDER, "--dry-run", "--json", expect=3).json()
    inception = _rating_item(dry, "Inception (2010)")
    assert (inception["status"], inception["detail"]) == ("updated", "updated 9 -> 10")
    matrix = _rating_item(dry, "The Matrix (1999)")
    assert (matrix["status"], matrix["detail"]) == (
        "skipped",
        f"kept your newer rating 6 ({today}) over 8 (2023-02-12)",
    )
    human = run(sb, "import", "letterboxd", FOLDER, "--dry-run", expect=3)
    text = " ".join((human.stdout + human.stderr).split())
    assert "updated 9 -> 10" in text and f"kept your newer rating 6 ({today})" in text
    assert posts(sb) == 0

    report = run(sb, "import", "letterboxd", FOLDER, "--json", expect=3).json()
    assert _rating_item(report, "Inception (2010)")["detail"] == "updated 9 -> 10"
    assert _rating_item(report, "The Matrix (1999)")["status"] == "skipped"
    got = ratings(sb)
    assert got[("movie", INCEPTION)] == (10, "2023-05-20T12:00:00.000Z")
    assert got[("movie", MATRIX)][0] == 6

    over = run(sb, "import", "letterboxd", FOLDER, "--ratings", "overwrite", "--json", expect=3)
    assert _rating_item(over.json(), "The Matrix (1999)")["detail"] == "updated 6 -> 8"
    assert ratings(sb)[("movie", MATRIX)] == (8, "2023-02-12T12:00:00.000Z")


def test_an_undated_rating_never_replaces_one_by_default(sb: Sandbox, tmp_path: Path) -> None:
    rate(sb, ["tt0133093"], 6, rated_at="2001-01-01T10:00")
    path = tmp_path / "ratings.csv"
    path.write_text(
        "Date,Name,Year,Letterboxd URI,Rating\n,The Matrix,1999,https://boxd.it/2a1m,4\n"
    )
    report = run(sb, "import", "letterboxd", str(path), "--json").json()
    assert _rating_item(report, "The Matrix (1999)")["detail"] == (
        "kept your newer rating 6 (2001-01-01) over 8 (no date)"
    )
    keep = run(sb, "import", "letterboxd", str(path), "--ratings", "keep", "--json").json()
    assert keep["skipped"] == 1 and ratings(sb)[("movie", MATRIX)][0] == 6
    run(sb, "import", "letterboxd", str(path), "--ratings", "overwrite")
    assert ratings(sb)[("movie", MATRIX)][0] == 8


def test_undated_logged(sb: Sandbox) -> None:
    path = str(DATA / "letterboxd" / "watched.csv")
    run(sb, "import", "letterboxd", path, "--undated", "logged", expect=3)
    spirited = _movie(sb, "Spirited Away", 2001)
    assert plays(sb)[("movie", spirited, "2022-11-30T12:00:00.000Z")] == 1


@pytest.mark.parametrize(
    ("name", "content", "args", "message"),
    [
        (
            "diary.csv",
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n"
            "2024-01-01,Inception,2010,x,7,,,2024-01-01\n",
            (),
            "not 0.5 to 5 stars",
        ),
        (
            "export.csv",
            "Date,Name,Year,Letterboxd URI\n2024-01-01,Inception,2010,x\n",
            (),
            "look the same",
        ),
        ("ratings.csv", "Const,Your Rating\ntt1375666,9\n", (), "not a Letterboxd export"),
        ("diary.csv", "Date,Name,Year\n", ("--undated", "never"), "--undated must be one of"),
    ],
)
def test_bad_input_exits_2_and_sends_nothing(
    sb: Sandbox, tmp_path: Path, name: str, content: str, args: tuple[str, ...], message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    result = run(sb, "import", "letterboxd", str(path), *args, expect=2)
    assert message in result.stderr
    missing = run(sb, "import", "letterboxd", str(tmp_path / "nope"), expect=2)
    assert "no such file or folder" in missing.stderr
    assert sb.requests()["total"] == 0
