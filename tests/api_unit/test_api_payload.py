from typing import Any

import pytest

from traktkit.api.payload import (
    DEFAULT_CHUNK_SIZE,
    ItemOutcome,
    build_sync_bodies,
    build_sync_body,
    chunk_items,
    echo_keys,
    entry_keys,
    match_not_found,
    summarize,
)
from traktkit.api.resolve import ResolvedItem
from traktkit.models import Episode, Ids, Movie, Season, Show, SyncResult

BB = Show(title="Breaking Bad", year=2008, ids=Ids(trakt=1, tvdb=81189))
GOT = Show(title="Game of Thrones", year=2011, ids=Ids(trakt=1390))


def movie(trakt: int, imdb: str | None = None) -> ResolvedItem:
    return ResolvedItem(
        type="movie", media=Movie(title=f"M{trakt}", ids=Ids(trakt=trakt, imdb=imdb))
    )


def show(s: Show) -> ResolvedItem:
    return ResolvedItem(type="show", media=s)


def ep(s: Show, season: int, number: int) -> ResolvedItem:
    return ResolvedItem(
        type="episode",
        media=Episode(season=season, number=number),
        show=s,
        season=season,
        episode=number,
    )


def season(s: Show, number: int) -> ResolvedItem:
    return ResolvedItem(type="season", media=Season(number=number), show=s, season=number)


def ep_by_id(trakt: int) -> ResolvedItem:
    return ResolvedItem(
        type="episode",
        media=Episode(season=1, number=1, ids=Ids(trakt=trakt)),
        show=BB,
        season=1,
        episode=1,
    )


def test_body_shapes_and_merging() -> None:
    items = [
        movie(1, "tt1"),
        ep(BB, 1, 1),
        ep(BB, 1, 2),
        ep(GOT, 1, 1),
        ep(BB, 2, 1),
        show(BB),
        season(BB, 3),
        season(BB, 4),
        ep_by_id(99),
        ResolvedItem(type="season", media=Season(number=1, ids=Ids(tvdb=5))),
    ]
    body = build_sync_body(items)
    assert list(body) == ["movies", "shows", "seasons", "episodes"]
    assert body["movies"] == [{"ids": {"trakt": 1, "imdb": "tt1"}}]
    assert body["episodes"] == [{"ids": {"trakt": 99}}]
    assert body["seasons"] == [{"ids": {"tvdb": 5}}]
    assert body["shows"] == [
        {
            "ids": {"trakt": 1, "tvdb": 81189},
            "seasons": [
                {"number": 1, "episodes": [{"number": 1}, {"number": 2}]},
                {"number": 2, "episodes": [{"number": 1}]},
            ],
        },
        {"ids": {"trakt": 1390}, "seasons": [{"number": 1, "episodes": [{"number": 1}]}]},
        {"ids": {"trakt": 1, "tvdb": 81189}},  # whole show: its own entry
        {"ids": {"trakt": 1, "tvdb": 81189}, "seasons": [{"number": 3}, {"number": 4}]},
    ]


def test_fields_go_on_innermost_object() -> None:
    items = [movie(1), ep(BB, 1, 1), season(BB, 2), show(GOT)]
    ratings = {1: 9, 2: 8, 3: 7, 4: 6}
    order = iter(ratings.values())
    lookup = {id(i): next(order) for i in items}
    body = build_sync_body(items, fields_for=lambda i: {"rating": lookup[id(i)]})
    assert body["movies"] == [{"ids": {"trakt": 1}, "rating": 9}]
    assert body["shows"][0]["seasons"][0]["episodes"] == [{"number": 1, "rating": 8}]
    assert body["shows"][1]["seasons"] == [{"number": 2, "rating": 7}]
    assert body["shows"][2] == {"ids": {"trakt": 1390}, "rating": 6}


def test_no_dedup_same_episode_twice() -> None:
    items = [ep(BB, 1, 1), ep(BB, 1, 1)]
    stamps = iter(["2024-01-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z"])
    body = build_sync_body(items, fields_for=lambda _: {"watched_at": next(stamps)})
    assert body["shows"][0]["seasons"][0]["episodes"] == [
        {"number": 1, "watched_at": "2024-01-01T00:00:00.000Z"},
        {"number": 1, "watched_at": "2024-02-01T00:00:00.000Z"},
    ]


def test_never_title_only() -> None:
    body = build_sync_body([movie(5)])
    assert "title" not in body["movies"][0]


def test_empty_body() -> None:
    assert build_sync_body([]) == {}


def test_chunking_1000_items_gives_4_bodies() -> None:
    items = [movie(i + 1) for i in range(1000)]
    chunks = chunk_items(items)
    assert DEFAULT_CHUNK_SIZE == 250
    assert [len(c) for c in chunks] == [250, 250, 250, 250]
    bodies = build_sync_bodies(items)
    assert len(bodies) == 4
    assert sum(len(body["movies"]) for _, body in bodies) == 1000
    assert bodies[1][0][0] is items[250]


def test_chunking_edges() -> None:
    assert chunk_items([]) == []
    assert chunk_items([1, 2, 3], 2) == [[1, 2], [3]]
    with pytest.raises(ValueError):
        chunk_items([1], 0)


def test_chunked_episodes_of_one_show_repeat_the_show() -> None:
    items = [ep(BB, 1, n) for n in range(1, 6)]
    bodies = build_sync_bodies(items, size=2)
    assert len(bodies) == 3
    for _, body in bodies:
        assert body["shows"][0]["ids"] == {"trakt": 1, "tvdb": 81189}


# --- echoes -------------------------------------------------------------------------------


def test_entry_keys() -> None:
    assert entry_keys("movies", {"ids": {"imdb": "TT1", "trakt": 3}}) == {
        ("movies", None, None, "imdb", "tt1"),
        ("movies", None, None, "trakt", "3"),
    }
    nested = {
        "ids": {"trakt": 1},
        "seasons": [{"number": 1, "episodes": [{"number": 2}]}, {"number": 3}],
    }
    assert entry_keys("shows", nested) == {
        ("shows", 1, 2, "trakt", "1"),
        ("shows", 3, None, "trakt", "1"),
    }
    assert entry_keys("movies", {"title": "x"}) == set()
    assert (
        entry_keys(
            "shows", {"ids": {"trakt": 1}, "seasons": ["bad", {"number": 1, "episodes": [5]}]}
        )
        == set()
    )


def test_echo_keys_of_items() -> None:
    assert echo_keys(ep(BB, 1, 2)) == {
        ("shows", 1, 2, "trakt", "1"),
        ("shows", 1, 2, "tvdb", "81189"),
    }
    assert echo_keys(movie(7)) == {("movies", None, None, "trakt", "7")}


def test_match_not_found_by_any_shared_id() -> None:
    sent = [movie(1, "tt1"), movie(2, "tt2"), ep(BB, 1, 1), ep(BB, 1, 2), show(BB), ep(GOT, 1, 1)]
    result = SyncResult.model_validate(
        {
            "not_found": {
                "movies": [{"ids": {"imdb": "tt2"}}],  # subset of what was sent
                "shows": [
                    {
                        "ids": {"trakt": 1, "tvdb": 81189},
                        "seasons": [{"number": 1, "episodes": [{"number": 2}]}],
                    },
                    {
                        "ids": {"trakt": 1390},
                        "seasons": [{"number": 1, "episodes": [{"number": 1}]}],
                    },
                ],
                "seasons": [],
                "episodes": [],
            }
        }
    )
    matched = match_not_found(result.not_found, sent)
    assert sorted(matched) == [1, 3, 5]
    assert matched[1] == {"ids": {"imdb": "tt2"}}
    assert match_not_found(None, sent) == {}


def test_whole_show_echo_does_not_match_its_episodes() -> None:
    sent = [show(BB), ep(BB, 1, 1)]
    result = SyncResult.model_validate({"not_found": {"shows": [{"ids": {"trakt": 1}}]}})
    assert list(match_not_found(result.not_found, sent)) == [0]


# --- summarize ----------------------------------------------------------------------------


def statuses(outcomes: list[ItemOutcome]) -> list[tuple[str, bool]]:
    return [(o.status, o.exact) for o in outcomes]


def test_summarize_watchlist_add() -> None:
    sent = [movie(1), movie(2, "tt2"), show(BB), ep_by_id(9)]
    result = SyncResult.model_validate(
        {
            "added": {"movies": 1, "shows": 0, "seasons": 0, "episodes": 1},
            "existing": {"movies": 0, "shows": 1, "seasons": 0, "episodes": 0},
            "not_found": {
                "movies": [{"ids": {"imdb": "tt2"}}],
                "shows": [],
                "seasons": [],
                "episodes": [],
            },
        }
    )
    outcomes = summarize(result, sent)
    assert statuses(outcomes) == [
        ("added", True),
        ("not_found", True),
        ("existing", True),
        ("added", True),
    ]
    assert outcomes[1].echo == {"ids": {"imdb": "tt2"}}
    assert outcomes[0].item is sent[0]
    assert outcomes[0].to_dict()["status"] == "added"


def test_summarize_mixed_counts_say_what_is_known() -> None:
    """2 added, 1 existing among 3 movies: no movie is claimed as added or as existing."""
    sent = [movie(1), movie(2), movie(3)]
    result = SyncResult.model_validate({"added": {"movies": 2}, "existing": {"movies": 1}})
    outcomes = summarize(result, sent)
    assert statuses(outcomes) == [("added_or_existing", False)] * 3
    assert all(o.possible == ("added", "existing") and not o.known for o in outcomes)
    data = outcomes[0].to_dict()
    assert data["status"] == "added_or_existing" and data["exact"] is False
    assert data["possible"] == ["added", "existing"]


def test_summarize_watchlist_add_mixing_existing_and_new_movies() -> None:
    """A watchlist add of existing and new movies (plus one not found and one show that
    was all existing): only the statuses the response pins down are definite."""
    sent = [movie(1), movie(2), movie(3, "tt3"), movie(4), show(BB)]
    result = SyncResult.model_validate(
        {
            "added": {"movies": 1, "shows": 0, "seasons": 0, "episodes": 0},
            "existing": {"movies": 2, "shows": 1, "seasons": 0, "episodes": 0},
            "not_found": {"movies": [{"ids": {"imdb": "tt3"}}]},
        }
    )
    outcomes = summarize(result, sent)
    assert statuses(outcomes) == [
        ("added_or_existing", False),
        ("added_or_existing", False),
        ("not_found", True),
        ("added_or_existing", False),
        ("existing", True),
    ]
    # whichever movie was the new one, no outcome contradicts it
    movies = [outcomes[0], outcomes[1], outcomes[3]]
    assert all({"added", "existing"} <= set(o.possible) for o in movies)
    assert not any(o.known for o in movies)


def test_summarize_collection_mix_of_added_and_updated() -> None:
    sent = [movie(1), movie(2)]
    result = SyncResult.model_validate(
        {"added": {"movies": 1}, "updated": {"movies": 1}, "existing": {"movies": 0}}
    )
    assert statuses(summarize(result, sent)) == [("added_or_updated", False)] * 2


def test_summarize_collection_updated() -> None:
    sent = [movie(1)]
    result = SyncResult.model_validate(
        {"added": {"movies": 0}, "updated": {"movies": 1}, "existing": {"movies": 0}}
    )
    assert statuses(summarize(result, sent)) == [("updated", True)]


def test_summarize_history_show_counts_as_episodes() -> None:
    sent = [show(BB), ep(GOT, 1, 1)]
    result = SyncResult.model_validate({"added": {"movies": 0, "episodes": 63}})
    assert statuses(summarize(result, sent)) == [("added", False), ("added", False)]


def test_summarize_remove_and_unchanged() -> None:
    sent = [movie(1), movie(2)]
    result = SyncResult.model_validate({"deleted": {"movies": 1}})
    assert statuses(summarize(result, sent)) == [("deleted_or_absent", False)] * 2
    assert summarize(result, sent)[0].possible == ("deleted", "unchanged")
    both = SyncResult.model_validate({"deleted": {"movies": 2}})
    assert statuses(summarize(both, sent)) == [("deleted", True), ("deleted", True)]
    nothing = SyncResult.model_validate({"deleted": {"movies": 0}})
    assert statuses(summarize(nothing, sent)) == [("unchanged", True), ("unchanged", True)]


def test_summarize_season_without_counts() -> None:
    sent = [season(BB, 1)]
    result = SyncResult.model_validate({"added": {"seasons": 0, "episodes": 0}})
    assert statuses(summarize(result, sent)) == [("unchanged", True)]


def test_summarize_empty() -> None:
    assert summarize(SyncResult(), []) == []


def test_outcome_dict_shape() -> None:
    (o,) = summarize(SyncResult.model_validate({"added": {"episodes": 1}}), [ep(BB, 1, 1)])
    data: dict[str, Any] = o.to_dict()
    assert data["type"] == "episode" and data["episode"] == {"season": 1, "number": 1}
    assert data["status"] == "added" and data["exact"] is True
