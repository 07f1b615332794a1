"""IMDb exports: detection, rows, conversions and errors (no network)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from traktkit.api.errors import InvalidInput
from traktkit.io.imdb import parse_imdb, title_type

DATA = Path(__file__).parent.parent / "data" / "imdb"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
RATINGS_HEADER = (
    "Const,Your Rating,Date Rated,Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,"
    "Genres,Num Votes,Release Date,Directors"
)
LIST_HEADER = (
    "Position,Const,Created,Modified,Description,Title,URL,Title Type,IMDb Rating,"
    "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors,Your Rating,Date Rated"
)


def _ratings(*rows: str) -> str:
    return "\n".join([RATINGS_HEADER, *rows]) + "\n"


def test_sample_ratings_export() -> None:
    plan = parse_imdb((DATA / "ratings.csv").read_text(), name="ratings.csv", now=NOW)
    assert plan.kind == "imdb ratings"
    by_id = {e.target.ref.id: e for e in plan.entries if e.target.ref}
    assert len(plan.entries) == 10
    assert {e.section for e in plan.entries} == {"ratings"}
    assert by_id["tt1375666"].fields == {"rating": 9, "rated_at": "2023-01-15T12:00:00.000Z"}
    assert by_id["tt1375666"].target.label == "Inception (2010)"
    assert by_id["tt1375666"].source == "ratings.csv line 2"
    kinds = {ident: e.target.kind for ident, e in by_id.items()}
    assert kinds["tt0903747"] == "show"  # TV Series
    assert kinds["tt7366338"] == "show"  # TV Mini Series
    assert kinds["tt0959621"] == "episode"  # TV Episode
    item = by_id["tt0959621"].target.item
    assert item is not None and item.to_sync_entry() == ("episodes", {"ids": {"imdb": "tt0959621"}})
    movie = by_id["tt1160419"].target.item
    assert movie is not None and movie.to_sync_entry() == ("movies", {"ids": {"imdb": "tt1160419"}})
    assert all(e.target.verify for e in plan.entries)
    [rejected] = plan.rejected
    assert rejected.label == "The Last of Us (2013)"
    assert "Video Game" in rejected.reason
    assert rejected.source == "ratings.csv line 12"


def test_sample_watchlist_export_keeps_positions_and_descriptions() -> None:
    text = (DATA / "watchlist.csv").read_text()
    plan = parse_imdb(text, name="watchlist.csv", now=NOW)
    assert plan.kind == "imdb watchlist"
    assert [e.target.ref.id for e in plan.entries if e.target.ref] == [
        "tt15239678",
        "tt1856101",
        "tt11280740",
        "tt0475784",
        "tt6751668",
        "tt0074486",
    ]
    assert plan.entries[1].fields == {"notes": "See it on the big screen"}
    assert plan.entries[2].target.kind == "show"  # tvSeries
    assert all(e.section == "watchlist" for e in plan.entries)


def test_watchlist_rows_are_taken_in_position_order() -> None:
    text = "\n".join(
        [
            LIST_HEADER,
            "2,tt0133093,2024-01-01,2024-01-01,,The Matrix,,movie,,,1999,,,,,,",
            "1,tt1375666,2024-01-01,2024-01-01,,Inception,,movie,,,2010,,,,,,",
        ]
    )
    plan = parse_imdb(text, name="w.csv")
    assert [e.target.label for e in plan.entries] == ["Inception (2010)", "The Matrix (1999)"]


def test_a_list_export_with_every_row_rated_is_read_as_ratings() -> None:
    text = "\n".join(
        [
            LIST_HEADER,
            "1,tt1375666,2024-01-01,2024-01-01,,Inception,,movie,,,2010,,,,,9,2024-01-02",
        ]
    )
    plan = parse_imdb(text, name="ratings.csv", now=NOW)
    assert plan.kind == "imdb ratings"
    assert plan.entries[0].fields == {"rating": 9, "rated_at": "2024-01-02T12:00:00.000Z"}
    forced = parse_imdb(text, name="ratings.csv", kind="watchlist")
    assert forced.kind == "imdb watchlist"


def test_the_same_title_twice_keeps_the_last_row() -> None:
    text = _ratings(
        "tt1375666,7,2020-01-01,Inception,,movie,,,2010,,,,",
        "tt1375666,9,2021-01-01,Inception,,movie,,,2010,,,,",
    )
    plan = parse_imdb(text, name="r.csv", now=NOW)
    assert [e.fields["rating"] for e in plan.entries] == [9]


def test_an_empty_title_type_is_looked_up() -> None:
    plan = parse_imdb(_ratings("tt1375666,9,,Inception,,,,,2010,,,,"), name="r.csv")
    [entry] = plan.entries
    assert entry.target.item is None and entry.target.ref is not None
    assert entry.target.ref.type is None and entry.fields == {"rating": 9}


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("movie", "movie"),
        ("Movie", "movie"),
        ("Feature Film", "movie"),
        ("tvMovie", "movie"),
        ("TV Special", "movie"),
        ("short", "movie"),
        ("tvSeries", "show"),
        ("TV Mini Series", "show"),
        ("tvMiniSeries", "show"),
        ("TV Mini-Series", "show"),
        ("tvEpisode", "episode"),
        ("TV Episode", "episode"),
        ("Video Game", "unsupported"),
        ("podcastSeries", "unsupported"),
        ("", None),
    ],
)
def test_title_types(value: str, kind: str | None) -> None:
    assert title_type(value) == kind


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Date,Name,Year,Letterboxd URI\n2024-01-01,Inception,2010,x\n", "not an IMDb export"),
        ("", "is empty"),
        ("Const,Title\ntt1375666,Inception\n", "cannot tell"),
        (_ratings("nm0634240,9,2020-01-01,Someone,,movie,,,2010,,,,"), "line 2"),
        (_ratings("tt1375666,11,2020-01-01,Inception,,movie,,,2010,,,,"), "between 1 and 10"),
        (_ratings("tt1375666,nine,2020-01-01,Inception,,movie,,,2010,,,,"), "not a rating"),
        (_ratings("tt1375666,9,01/02/2020,Inception,,movie,,,2010,,,,"), "not a date"),
        (_ratings("tt1375666,9,2099-01-01,Inception,,movie,,,2010,,,,"), "in the future"),
        (_ratings("tt1375666,9,2020-01-01,Inception,,movie,,,20x0,,,,"), "year"),
        (_ratings("tt1375666,9,2020-01-01,Inception,,movie,,,2010,,,,,extra,cells"), "cells"),
        (_ratings('tt1375666,9,2020-01-01,"Incep"tion,,movie,,,2010,,,,'), "not valid CSV"),
    ],
)
def test_malformed_files_are_rejected_with_the_line(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_imdb(text, name="ratings.csv", now=NOW)


def test_as_ratings_needs_a_rating_column() -> None:
    text = "Position,Const,Created,Title\n1,tt1375666,2024-01-01,Inception\n"
    with pytest.raises(InvalidInput, match="Your Rating"):
        parse_imdb(text, name="w.csv", kind="ratings")
