import copy
from datetime import UTC, datetime

from traktkit.models import LastActivities, ReorderResult, SyncCounts, SyncResult

COLLECTION_ADD = {
    "added": {"movies": 1, "episodes": 12},
    "updated": {"movies": 0, "episodes": 0},
    "existing": {"movies": 0, "episodes": 0},
    "not_found": {
        "movies": [{"ids": {"imdb": "tt0000111"}}],
        "shows": [],
        "seasons": [],
        "episodes": [],
    },
}
HISTORY_REMOVE = {
    "deleted": {"movies": 2, "episodes": 72},
    "not_found": {"movies": [], "shows": [], "seasons": [], "episodes": [], "ids": [23, 42]},
}
WATCHLIST_ADD = {
    "added": {"movies": 1, "shows": 1, "seasons": 1, "episodes": 2},
    "existing": {"movies": 0, "shows": 0, "seasons": 0, "episodes": 0},
    "not_found": {
        "movies": [{"ids": {"imdb": "tt0000111"}, "rating": 10}],
        "shows": [],
        "seasons": [],
        "episodes": [],
    },
    "list": {"item_count": 5, "updated_at": "2022-04-27T21:40:41.000Z"},
}
LIST_ADD = {
    "added": {"movies": 1, "shows": 0, "seasons": 0, "episodes": 0, "people": 1},
    "existing": {"movies": 0, "shows": 0, "seasons": 0, "episodes": 0, "people": 0},
    "not_found": {"movies": [], "shows": [], "seasons": [], "episodes": [], "people": []},
    "list": {"item_count": 2, "updated_at": "2022-04-27T21:40:41.000Z"},
}


def test_round_trips() -> None:
    for data in (COLLECTION_ADD, HISTORY_REMOVE, WATCHLIST_ADD, LIST_ADD):
        assert SyncResult.model_validate(copy.deepcopy(data)).to_api() == data


def test_counts_and_not_found_accessors() -> None:
    r = SyncResult.model_validate(COLLECTION_ADD)
    assert r.added is not None and r.added.get("episodes") == 12
    assert r.added.get("shows") == 0  # absent key
    assert r.added.get("bogus") == 0
    assert r.added.total == 13
    assert r.not_found is not None
    assert r.not_found.entries("movies") == [{"ids": {"imdb": "tt0000111"}}]
    assert r.not_found.entries("people") == []
    assert r.not_found.total == 1
    assert r.deleted is None


def test_history_ids_and_list_status() -> None:
    r = SyncResult.model_validate(HISTORY_REMOVE)
    assert r.not_found is not None and r.not_found.ids == [23, 42]
    assert r.not_found.total == 2
    w = SyncResult.model_validate(WATCHLIST_ADD)
    assert w.list_ is not None and w.list_.item_count == 5
    assert w.list_.updated_at == datetime(2022, 4, 27, 21, 40, 41, tzinfo=UTC)


def test_merge_adds_counts_and_concatenates_not_found() -> None:
    a = SyncResult.model_validate(WATCHLIST_ADD)
    b = SyncResult.model_validate(
        {
            "added": {"movies": 2},
            "not_found": {"movies": [{"ids": {"trakt": 9}}]},
            "list": {"item_count": 7, "updated_at": "2022-04-28T00:00:00.000Z"},
        }
    )
    m = a.merge(b)
    assert m.added is not None and m.added.movies == 3 and m.added.shows == 1
    assert m.existing is not None and m.existing.movies == 0
    assert m.not_found is not None and m.not_found.movies is not None
    assert len(m.not_found.movies) == 2
    assert m.list_ is not None and m.list_.item_count == 7
    assert "updated" not in m.to_api()


def test_merge_of_empty_results() -> None:
    assert SyncResult().merge(SyncResult()).to_api() == {}


def test_sync_counts_model() -> None:
    assert SyncCounts(movies=1, episodes=2).total == 3


def test_reorder_result() -> None:
    data = {"updated": 6, "skipped_ids": [12], "list": {"item_count": 5, "updated_at": None}}
    assert ReorderResult.model_validate(copy.deepcopy(data)).to_api() == data


ACTIVITIES = {
    "all": "2014-11-20T07:01:32.000Z",
    "movies": {
        "watched_at": "2014-11-19T21:42:41.000Z",
        "collected_at": "2014-11-20T06:51:30.000Z",
        "favorited_at": None,
        "paused_at": "2014-11-20T06:51:30.000Z",
    },
    "shows": {"rated_at": "2014-11-19T19:50:58.000Z", "dropped_at": "2014-11-19T19:50:58.000Z"},
    "watchlist": {"updated_at": "2014-11-20T06:51:30.000Z"},
    "account": {"settings_at": "2020-03-04T03:38:09.000Z"},
    "brand_new_section": {"x_at": "2020-03-04T03:38:09.000Z"},
}


def test_last_activities() -> None:
    la = LastActivities.model_validate(copy.deepcopy(ACTIVITIES))
    assert la.all == datetime(2014, 11, 20, 7, 1, 32, tzinfo=UTC)
    assert la.get("movies", "watched_at") == datetime(2014, 11, 19, 21, 42, 41, tzinfo=UTC)
    assert la.get("movies", "favorited_at") is None
    assert la.get("episodes", "watched_at") is None
    assert la.get("nope", "x") is None
    assert la.to_api() == ACTIVITIES
