"""Deciding what is already in the account; identities; restoring ranks (no network)."""

from __future__ import annotations

import json
from typing import Any

from tests.io.backup_samples import BACKUP, BREAKING_BAD, INCEPTION, MATRIX, PILOT, backup
from traktkit.api.resolve import ResolvedItem
from traktkit.io.apply import order_ids
from traktkit.io.compare import backup_differences, comparable
from traktkit.io.diff import decide
from traktkit.io.keys import Identities, item_keys, resolved_keys, wrapper_keys
from traktkit.io.library import LibrarySnapshot
from traktkit.io.plan import Precision, RatingsPolicy, Target, Wanted
from traktkit.io.restore import parse_backup
from traktkit.models import (
    CollectionMovie,
    Episode,
    HistoryItem,
    Ids,
    Movie,
    RatingItem,
    Show,
    WatchlistItem,
)


def _play(when: str | None, **media: Any) -> HistoryItem:
    return HistoryItem.model_validate({"watched_at": when, "type": next(iter(media)), **media})


def _movie_entry(
    when: str, precision: Precision = "minute", ids: dict[str, Any] | None = None
) -> Wanted:
    item = ResolvedItem(type="movie", media=Movie(ids=Ids.model_validate(ids or INCEPTION["ids"])))
    return Wanted(
        "history",
        Target("Inception", "movie", item=item),
        {"watched_at": when},
        precision=precision,
    )


def _sends(entries: list[Wanted], snap: LibrarySnapshot) -> list[bool]:
    found = [e.target.item or e.target.person for e in entries]
    return [d.send for d in decide(entries, found, snap)]


def test_an_episode_by_ids_matches_the_same_episode_by_numbers() -> None:
    by_ids = ResolvedItem(
        type="episode",
        media=Episode(season=1, number=1, ids=Ids.model_validate(PILOT["ids"])),
        show=Show.model_validate(BREAKING_BAD),
        season=1,
        episode=1,
    )
    by_numbers = item_keys("episode", Ids(), Show.model_validate(BREAKING_BAD), 1, 1)
    ids = Identities()
    ident = ids.intern(resolved_keys(by_ids))
    assert ids.find(by_numbers) == ident
    assert ids.find(item_keys("episode", Ids(), Show.model_validate(BREAKING_BAD), 1, 2)) is None


def test_an_imdb_id_alone_matches_the_full_object() -> None:
    rated = RatingItem.model_validate({"rating": 9, "type": "movie", "movie": INCEPTION})
    ids = Identities()
    ident = ids.intern(wrapper_keys(rated))
    assert ids.find(item_keys("movie", Ids(imdb="TT1375666"))) == ident
    assert ids.find(item_keys("show", Ids(imdb="tt1375666"))) is None  # kinds differ


def test_plays_are_matched_one_to_one_by_minute() -> None:
    snap = LibrarySnapshot(
        source="mirror",
        history=[_play("2024-05-01T21:30:00.000Z", movie=INCEPTION)],
    )
    same = "2024-05-01T21:30:00.000Z"
    entries = [_movie_entry(same), _movie_entry(same), _movie_entry("2024-05-01T21:31:00.000Z")]
    assert _sends(entries, snap) == [False, True, True]


def test_day_and_any_precision() -> None:
    snap = LibrarySnapshot(
        source="mirror",
        history=[
            _play("2024-05-01T23:59:00.000Z", movie=INCEPTION),
            _play("1970-01-01T00:00:00.000Z", movie=MATRIX),
        ],
    )
    noon = "2024-05-01T12:00:00.000Z"
    matrix = MATRIX["ids"]
    entries = [
        _movie_entry(noon, "day"),
        _movie_entry("2024-05-02T12:00:00.000Z", "day"),
        _movie_entry("unknown", "any", matrix),
        _movie_entry("unknown", "any", matrix),
    ]
    assert _sends(entries, snap) == [False, True, False, True]
    # a backup's unknown play (minute precision) is the play at the epoch
    backup_plays = [
        _movie_entry("unknown", "minute", matrix),
        _movie_entry("unknown", "minute", matrix),
    ]
    assert _sends(backup_plays, snap) == [False, True]


def test_ratings_collection_and_lists() -> None:
    snap = LibrarySnapshot(
        source="mirror",
        ratings=[RatingItem.model_validate({"rating": 7, "type": "movie", "movie": INCEPTION})],
        watchlist=[
            WatchlistItem.model_validate({"id": 1, "rank": 1, "type": "movie", "movie": MATRIX})
        ],
        collection_movies=[
            CollectionMovie.model_validate(
                {
                    "collected_at": "2023-03-01T10:00:00.000Z",
                    "movie": INCEPTION,
                    "metadata": {
                        "media_type": "bluray",
                        "resolution": "hd_1080p",
                        "audio": "dts_ma",
                        "audio_channels": "5.1",
                        "hdr": None,
                        "3d": None,
                    },
                }
            )
        ],
    )
    plan = parse_backup(BACKUP)
    found = [e.target.item or e.target.person for e in plan.entries]
    decisions = {
        (d.entry.section, d.entry.target.label): d for d in decide(plan.entries, found, snap)
    }
    rating = decisions[("ratings", "Inception (2010)")]
    assert rating.send and rating.previous == "updated 7 -> 9"  # no date: older
    assert not decisions[("watchlist", "The Matrix (1999)")].send
    assert decisions[("watchlist", "Breaking Bad (2008)")].send
    assert not decisions[("collection", "Inception (2010)")].send  # same date and metadata
    assert all(d.send for d in decisions.values() if d.entry.section == "lists")  # no such list


def test_order_ids() -> None:
    current = [
        WatchlistItem.model_validate({"id": 7, "rank": 1, "type": "show", "show": BREAKING_BAD}),
        WatchlistItem.model_validate({"id": 8, "rank": 2, "type": "movie", "movie": MATRIX}),
        WatchlistItem.model_validate({"id": 9, "rank": 3, "type": "movie", "movie": INCEPTION}),
    ]
    matrix = item_keys("movie", Ids.model_validate(MATRIX["ids"]))
    show = item_keys("show", Ids.model_validate(BREAKING_BAD["ids"]))
    assert order_ids(current, [matrix, show]) == [8, 7, 9]
    assert order_ids(current, [show, matrix]) is None


def test_comparable_ignores_what_the_server_assigns() -> None:
    other = json.loads(json.dumps(BACKUP))
    other["exported_at"] = "2027-01-01T00:00:00.000Z"
    other["user"] = {"username": "restore"}
    other["history"] = list(reversed(other["history"]))
    for play in other["history"]:
        play["id"] += 100
        play["action"] = "watch"
    for item in other["watchlist"] + other["favorites"]:
        item["id"] += 100
        item["listed_at"] = "2027-01-01T00:00:00.000Z"
    other["lists"][0]["list"]["ids"] = {"trakt": 77, "slug": "mind-benders"}
    other["lists"][0]["list"]["created_at"] = "2027-01-01T00:00:00.000Z"
    other["collection"]["movies"][0]["updated_at"] = "2027-01-01T00:00:00.000Z"
    assert backup_differences(BACKUP, other) == []
    other["ratings"][0]["rating"] = 3
    other["watchlist"].reverse()
    assert backup_differences(BACKUP, other) == ["ratings", "watchlist"]
    assert comparable(backup())["format"] == "traktkit-backup"


def _rating_entry(rating: int, when: str | None, precision: Precision) -> Wanted:
    item = ResolvedItem(type="movie", media=Movie(ids=Ids.model_validate(INCEPTION["ids"])))
    fields: dict[str, Any] = {"rating": rating}
    if when is not None:
        fields["rated_at"] = when
    return Wanted("ratings", Target("Inception", "movie", item=item), fields, precision=precision)


def _rated(rating: int, when: str | None) -> LibrarySnapshot:
    raw: dict[str, Any] = {"rating": rating, "type": "movie", "movie": INCEPTION}
    if when is not None:
        raw["rated_at"] = when
    return LibrarySnapshot(source="mirror", ratings=[RatingItem.model_validate(raw)])


def _rating_decision(
    entry: Wanted, snap: LibrarySnapshot, policy: RatingsPolicy = "newer"
) -> tuple[bool, str | None, str | None]:
    (d,) = decide([entry], [entry.target.item], snap, ratings=policy)
    return d.send, d.previous, d.kept


def test_a_newer_rating_in_the_account_is_kept_by_default() -> None:
    today = _rated(6, "2026-12-03T09:15:00.000Z")
    imdb = _rating_entry(10, "2021-06-01T12:00:00.000Z", "day")
    kept = "kept your newer rating 6 (2026-12-03) over 10 (2021-06-01)"
    assert _rating_decision(imdb, today) == (False, None, kept)
    assert _rating_decision(imdb, today, "keep") == (False, None, kept.replace(" newer", ""))
    assert _rating_decision(imdb, today, "overwrite") == (True, "updated 6 -> 10", None)
    # the same rating is simply there, whatever the policy
    assert _rating_decision(_rating_entry(6, None, "day"), today, "overwrite") == (
        False,
        None,
        None,
    )


def test_an_older_rating_in_the_account_is_replaced_by_default() -> None:
    old = _rated(6, "2019-01-01T10:00:00.000Z")
    imdb = _rating_entry(10, "2021-06-01T12:00:00.000Z", "day")
    assert _rating_decision(imdb, old) == (True, "updated 6 -> 10", None)
    assert _rating_decision(imdb, old, "keep") == (
        False,
        None,
        "kept your rating 6 (2019-01-01) over 10 (2021-06-01)",
    )
    # an existing rating without a date is older than any dated one
    assert _rating_decision(imdb, _rated(6, None)) == (True, "updated 6 -> 10", None)


def test_undated_and_same_day_ratings_do_not_replace_the_account() -> None:
    old = _rated(6, "2019-01-01T10:00:00.000Z")
    undated = _rating_entry(10, None, "day")
    assert _rating_decision(undated, old) == (
        False,
        None,
        "kept your newer rating 6 (2019-01-01) over 10 (no date)",
    )
    assert _rating_decision(undated, old, "overwrite")[0]
    # a date-only source loses to a rating made on Trakt the same day, even earlier
    same_day = _rated(6, "2021-06-01T09:00:00.000Z")
    assert _rating_decision(_rating_entry(10, "2021-06-01T12:00:00.000Z", "day"), same_day) == (
        False,
        None,
        "kept your same-day rating 6 (2021-06-01) over 10 (2021-06-01)",
    )
    # a backup's timestamps are compared as timestamps
    backup_entry = _rating_entry(10, "2021-06-01T12:00:00.000Z", "minute")
    assert _rating_decision(backup_entry, same_day) == (True, "updated 6 -> 10", None)
    later = _rated(6, "2021-06-01T18:30:00.000Z")
    assert _rating_decision(backup_entry, later) == (
        False,
        None,
        "kept your newer rating 6 (2021-06-01 18:30 UTC) over 10 (2021-06-01 12:00 UTC)",
    )
