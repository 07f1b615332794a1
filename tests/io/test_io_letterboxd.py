"""Letterboxd exports: files, folder, ZIP, detection, plays, ratings (no network)."""

from __future__ import annotations

import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from traktkit.api.errors import InvalidInput
from traktkit.io.csvread import read_csv
from traktkit.io.letterboxd import (
    detect_letterboxd,
    load_letterboxd,
    parse_letterboxd,
    stars_to_rating,
)
from traktkit.io.plan import Wanted

DATA = Path(__file__).parent.parent / "data" / "letterboxd"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
FILES = ("diary.csv", "ratings.csv", "watched.csv", "watchlist.csv")


def make_zip(path: Path, *, folder: str = "") -> Path:
    """The export's ZIP layout, with files traktkit must ignore."""
    with zipfile.ZipFile(path, "w") as archive:
        for name in FILES:
            archive.write(DATA / name, folder + name)
        archive.writestr(folder + "profile.csv", "Date Joined,Username\n2020-01-01,someone\n")
        archive.writestr(folder + "lists/favourites.csv", "Letterboxd list export v7\n")
        archive.writestr(folder + "deleted/diary.csv", (DATA / "diary.csv").read_text())
    return path


def _titles(entries: list[Wanted]) -> Counter[str]:
    return Counter(e.target.label for e in entries)


def test_folder_sample() -> None:
    tables = load_letterboxd(DATA)
    assert sorted(tables) == ["diary", "ratings", "watched", "watchlist"]
    plan = parse_letterboxd(tables, now=NOW)
    plays = [e for e in plan.entries if e.section == "history"]
    # 8 diary rows (Inception twice: a rewatch is a play) + 2 watched films without entries
    assert len(plays) == 10
    assert _titles(plays)["Inception (2010)"] == 2
    inception = [e.fields["watched_at"] for e in plays if e.target.label == "Inception (2010)"]
    assert inception == ["2023-01-07T12:00:00.000Z", "2023-05-19T12:00:00.000Z"]
    assert all(e.precision == "day" for e in plays[:8])
    undated = {e.target.label: e for e in plays[8:]}
    assert set(undated) == {"Spirited Away (2001)", "Alien (1979)"}
    assert all(
        e.fields == {"watched_at": "unknown"} and e.precision == "any" for e in undated.values()
    )
    ratings = {e.target.label: e.fields for e in plan.entries if e.section == "ratings"}
    assert ratings["Inception (2010)"] == {"rating": 10, "rated_at": "2023-05-20T12:00:00.000Z"}
    assert ratings["Blade Runner 2049 (2017)"]["rating"] == 9
    assert ratings["The Cardamom Accordion (2019)"]["rating"] == 2
    assert len(ratings) == 8
    watchlist = [e.target.label for e in plan.entries if e.section == "watchlist"]
    assert watchlist == [
        "Dune: Part Two (2024)",
        "Arrival (2016)",
        "Zootopia 2 (2025)",
        "Mad Max: Fury Road (2015)",
    ]
    dune = next(e for e in plays if e.target.label == "Dune")
    assert dune.target.ref is not None and dune.target.ref.year is None
    assert dune.target.ref.type == "movie" and dune.target.item is None
    # one target per film: one search per film, whatever the number of rows
    films = {id(e.target) for e in plan.entries}
    assert len(films) == 13
    assert plan.notes and "2 film(s)" in plan.notes[0]


@pytest.mark.parametrize("folder", ["", "letterboxd-someone-2024-05-01-10-00-utc/"])
def test_zip_export_equals_the_folder(tmp_path: Path, folder: str) -> None:
    archive = make_zip(tmp_path / "export.zip", folder=folder)
    from_zip = parse_letterboxd(load_letterboxd(archive), now=NOW)
    from_dir = parse_letterboxd(load_letterboxd(DATA), now=NOW)
    assert [(e.section, e.target.label, e.fields) for e in from_zip.entries] == [
        (e.section, e.target.label, e.fields) for e in from_dir.entries
    ]


def test_single_files_are_detected_by_header_or_name(tmp_path: Path) -> None:
    assert list(load_letterboxd(DATA / "diary.csv")) == ["diary"]
    assert list(load_letterboxd(DATA / "ratings.csv")) == ["ratings"]
    assert list(load_letterboxd(DATA / "watchlist.csv")) == ["watchlist"]
    renamed = tmp_path / "export.csv"
    renamed.write_text((DATA / "watched.csv").read_text())
    with pytest.raises(InvalidInput, match="look the same"):
        load_letterboxd(renamed)
    assert list(load_letterboxd(renamed, kind="watched")) == ["watched"]


def test_undated_policies() -> None:
    tables = {"watched": read_csv((DATA / "watched.csv").read_text(), "watched.csv")}
    logged = parse_letterboxd(tables, undated="logged", now=NOW)
    first = logged.entries[0]
    assert first.fields == {"watched_at": "2022-11-30T12:00:00.000Z"} and first.precision == "day"
    released = parse_letterboxd(tables, undated="released", now=NOW)
    assert {e.fields["watched_at"] for e in released.entries} == {"released"}
    assert len(released.entries) == 9  # no diary: every watched film gets its play


def test_without_ratings_csv_the_latest_diary_rating_is_used() -> None:
    tables = {"diary": read_csv((DATA / "diary.csv").read_text(), "diary.csv")}
    plan = parse_letterboxd(tables, now=NOW)
    ratings = {e.target.label: e.fields for e in plan.entries if e.section == "ratings"}
    assert ratings["Inception (2010)"] == {"rating": 10, "rated_at": "2023-05-19T12:00:00.000Z"}
    assert ratings["The Matrix (1999)"] == {"rating": 8, "rated_at": "2023-02-11T12:00:00.000Z"}


@pytest.mark.parametrize(
    ("text", "rating"),
    [("0.5", 1), ("1", 2), ("2.5", 5), ("4.5", 9), ("5", 10), ("5.0", 10), ("", None)],
)
def test_stars_are_doubled(text: str, rating: int | None) -> None:
    assert stars_to_rating(text, "x") == rating


@pytest.mark.parametrize("text", ["0", "5.5", "4.3", "six", "-1"])
def test_bad_stars(text: str) -> None:
    with pytest.raises(InvalidInput, match="rating"):
        stars_to_rating(text, "diary.csv line 2")


@pytest.mark.parametrize(
    ("header", "body", "message"),
    [
        ("Const,Your Rating", "tt1,9", "not a Letterboxd export"),
        (
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date",
            "2024-01-01,Inception,2010,x,4,,great,,2024-01-01",
            "reviews",
        ),
    ],
)
def test_foreign_files_are_rejected(tmp_path: Path, header: str, body: str, message: str) -> None:
    path = tmp_path / "diary.csv"
    path.write_text(f"{header}\n{body}\n")
    with pytest.raises(InvalidInput, match=message):
        load_letterboxd(path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2024-01-01,Inception,2010,x,7,,,2024-01-01", "stars"),
        ("2024-01-01,Inception,2010,x,4,,,2024-13-01", "not a valid date"),
        ("2024-01-01,Inception,ten,x,4,,,2024-01-01", "year"),
        ("2024-01-01,,2010,x,4,,,2024-01-01", "no film name"),
    ],
)
def test_bad_diary_rows(row: str, message: str) -> None:
    text = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n" + row + "\n"
    tables = {"diary": read_csv(text, "diary.csv")}
    with pytest.raises(InvalidInput, match=f"diary.csv line 2.*{message}|{message}"):
        parse_letterboxd(tables, now=NOW)


def test_empty_folder_and_bad_zip(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no Letterboxd export files"):
        load_letterboxd(tmp_path)
    bad = tmp_path / "export.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("profile.csv", "x\n")
    with pytest.raises(InvalidInput, match="no Letterboxd export files"):
        load_letterboxd(bad)


def test_detection_of_each_header() -> None:
    for name, kind in (("diary", "diary"), ("ratings", "ratings"), ("watchlist", "watchlist")):
        table = read_csv((DATA / f"{name}.csv").read_text(), f"{name}.csv")
        assert detect_letterboxd(table, name) == kind
