"""Reading backups into import plans (no network)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.io.backup_samples import BACKUP, BREAKING_BAD, INCEPTION, backup
from traktkit.api.errors import InvalidInput
from traktkit.io.restore import load_backup, parse_backup


def _section(plan: Any, name: str) -> list[Any]:
    return [e for e in plan.entries if e.section == name]


def test_every_section_is_read() -> None:
    plan = load_backup(json.dumps(BACKUP))
    assert plan.kind == "json" and plan.keep_order
    plays = _section(plan, "history")
    assert [p.fields["watched_at"] for p in plays] == [
        "2024-05-01T21:30:00.000Z",  # kept to the minute
        "2024-04-01T20:00:00.000Z",
        "unknown",  # the epoch is Trakt's "unknown"
    ]
    assert plays[1].target.item is not None
    assert plays[1].target.item.to_sync_entry() == ("episodes", {"ids": dict(PILOT_IDS)})
    ratings = _section(plan, "ratings")
    assert ratings[1].target.kind == "season"
    assert ratings[1].fields == {"rating": 8, "rated_at": "2024-05-03T10:00:00.000Z"}
    watchlist = _section(plan, "watchlist")
    assert [w.target.label for w in watchlist] == ["The Matrix (1999)", "Breaking Bad (2008)"]
    assert watchlist[0].fields == {"notes": "soon"} and watchlist[1].fields == {}
    collection = _section(plan, "collection")
    assert collection[0].fields == {
        "collected_at": "2023-03-01T10:00:00.000Z",
        "media_type": "bluray",
        "resolution": "hd_1080p",
        "audio": "dts_ma",
        "audio_channels": "5.1",
    }
    episode = collection[1].target.item
    assert episode is not None and episode.by_numbers
    assert episode.to_sync_entry({"collected_at": "x"}) == (
        "shows",
        {
            "ids": BREAKING_BAD["ids"],
            "seasons": [{"number": 1, "episodes": [{"number": 1, "collected_at": "x"}]}],
        },
    )
    assert collection[2].fields == {"collected_at": "2023-04-01T10:00:00.000Z"}
    assert _section(plan, "favorites")[0].fields == {"notes": "best"}
    [spec] = plan.lists
    assert spec.name == "Mind benders"
    assert dict(spec.fields) == {
        "description": "twisty",
        "privacy": "public",
        "display_numbers": True,
        "allow_comments": False,
        "sort_by": "rank",
        "sort_how": "asc",
    }
    items = _section(plan, "lists")
    assert [i.list_name for i in items] == ["Mind benders", "Mind benders"]
    assert items[1].target.person is not None and items[1].target.label == "Christopher Nolan"


PILOT_IDS = {"trakt": 73482, "imdb": "tt0959621", "tmdb": 62085, "tvdb": 349232}


def test_a_play_without_a_date_is_unknown() -> None:
    data = backup(history=[{"watched_at": None, "type": "movie", "movie": INCEPTION}])
    play = parse_backup(data).entries[0]
    assert play.section == "history" and play.fields == {"watched_at": "unknown"}


def test_missing_sections_are_empty() -> None:
    data = {"format": "traktkit-backup", "version": 1}
    assert parse_backup(data).entries == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a traktkit backup"),
        ({"format": "other", "version": 1}, "not a traktkit backup"),
        ({"format": "traktkit-backup"}, "no valid format version"),
        ({"format": "traktkit-backup", "version": 2}, "upgrade traktkit"),
        (backup(history={}), "'history' must be an array"),
        (backup(history=[42]), r"history\[0\]: expected an object"),
        (backup(history=[{"type": "movie", "movie": {"title": "x"}}]), "has no ids"),
        (backup(history=[{"type": "show", "show": BREAKING_BAD}]), "not a show"),
        (backup(history=[{"type": "movie"}]), "movie object is missing"),
        (backup(history=[{"type": "person", "person": {"ids": {"trakt": 1}}}]), "unsupported"),
        (
            backup(history=[{"type": "movie", "movie": INCEPTION, "watched_at": "soon"}]),
            "watched_at",
        ),
        (backup(ratings=[{"rating": 11, "type": "movie", "movie": INCEPTION}]), "between 1 and 10"),
        (backup(ratings=[{"type": "movie", "movie": INCEPTION}]), "rating"),
        (
            backup(favorites=[{"type": "season", "season": {"number": 1}, "show": BREAKING_BAD}]),
            "cannot be in favorites",
        ),
        (backup(watchlist=[{"type": "movie", "movie": INCEPTION, "notes": "x" * 501}]), "maximum"),
        (
            backup(collection={"movies": [{"movie": INCEPTION, "metadata": {"resolution": "8k"}}]}),
            r"collection.movies\[0\].*resolution",
        ),
        (backup(collection=[]), "'collection' must be an object"),
        (backup(lists=[{"list": {"name": ""}, "items": []}]), "needs a name"),
        (backup(lists=[{"list": {"name": "x", "privacy": "secret"}}]), "privacy"),
    ],
)
def test_bad_backups_are_rejected(data: Any, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_backup(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty"), ("{", "invalid JSON at line 1"), ("Const,Title\n", "invalid JSON")],
)
def test_bad_text(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        load_backup(text)
