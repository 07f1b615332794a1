import copy
from datetime import date
from typing import Any

import pytest

from traktkit.models import (
    AnticipatedItem,
    CollectionMovie,
    CollectionShow,
    Episode,
    FavoritedItem,
    HistoryItem,
    Ids,
    ListInfo,
    Movie,
    Person,
    PlayedItem,
    RatingItem,
    SearchResult,
    Season,
    Show,
    TrendingItem,
    User,
    UserSettings,
    WatchedMovie,
    WatchedShow,
    WatchlistItem,
)

MOVIE = {
    "title": "Batman Begins",
    "year": 2005,
    "ids": {"trakt": 1, "slug": "batman-begins-2005", "imdb": "tt0372784", "tmdb": 272},
}
SHOW = {
    "title": "Breaking Bad",
    "year": 2008,
    "ids": {"trakt": 1, "slug": "breaking-bad", "tvdb": 81189, "imdb": "tt0903747", "tmdb": 1396},
}
SEASON = {"number": 0, "ids": {"trakt": 1, "tvdb": 439371, "tmdb": 3577}}
EPISODE = {
    "season": 1,
    "number": 1,
    "title": "Pilot",
    "ids": {"trakt": 16, "tvdb": 349232, "imdb": "tt0959621", "tmdb": 62085},
}
PERSON = {
    "name": "Bryan Cranston",
    "ids": {"trakt": 142, "slug": "bryan-cranston", "imdb": "nm0186505", "tmdb": 17419},
}
USER = {
    "username": "sean",
    "private": False,
    "name": "Sean Rudford",
    "vip": True,
    "vip_ep": True,
    "ids": {"slug": "sean"},
}
FULL_MOVIE = {
    **MOVIE,
    "tagline": "Evil fears the knight.",
    "overview": "...",
    "released": "2005-06-15",
    "runtime": 140,
    "country": "us",
    "trailer": None,
    "homepage": None,
    "status": "released",
    "rating": 8,
    "votes": 111,
    "comment_count": 92,
    "updated_at": "2014-09-01T09:10:11.000Z",
    "language": "en",
    "languages": ["en"],
    "available_translations": ["en", "de"],
    "genres": ["action"],
    "certification": "PG-13",
    "original_title": "Batman Begins",
}


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (Movie, MOVIE),
        (Movie, FULL_MOVIE),
        (Show, SHOW),
        (Season, SEASON),
        (Episode, EPISODE),
        (Person, PERSON),
        (User, USER),
        (Ids, {"trakt": 1, "slug": None, "imdb": "", "tvrage": None, "plex": {"guid": "x"}}),
    ],
)
def test_round_trip_minimal_and_full(model: Any, data: dict[str, Any]) -> None:
    original = copy.deepcopy(data)
    assert model.model_validate(data).to_api() == original


def test_extended_fields_pass_through() -> None:
    movie = Movie.model_validate(FULL_MOVIE)
    assert movie.released == date(2005, 6, 15)
    assert movie.runtime == 140
    assert (
        movie.model_extra is not None and movie.model_extra["tagline"] == "Evil fears the knight."
    )
    assert movie.to_api()["genres"] == ["action"]


def test_nulls_kept_absent_keys_absent() -> None:
    movie = Movie.model_validate({"title": "X", "year": None, "ids": {"trakt": 5, "imdb": None}})
    assert movie.to_api() == {"title": "X", "year": None, "ids": {"trakt": 5, "imdb": None}}


def test_rating_int_stays_int() -> None:
    assert Movie.model_validate({"rating": 8}).to_api() == {"rating": 8}
    assert Movie.model_validate({"rating": 7.5}).to_api() == {"rating": 7.5}


def test_datetime_normalised_to_api_format() -> None:
    show = Show.model_validate({**SHOW, "first_aired": "2008-01-20T02:00:00Z"})
    assert show.to_api()["first_aired"] == "2008-01-20T02:00:00.000Z"
    assert show.first_aired is not None and show.first_aired.tzinfo is not None


def test_ids_known_skips_empty_and_keeps_order() -> None:
    ids = Ids.model_validate({"tvdb": 3, "imdb": "", "trakt": 1, "slug": None, "tmdb": 9})
    assert list(ids.known().items()) == [("trakt", 1), ("tmdb", 9), ("tvdb", 3)]
    assert Ids().known() == {}


def test_constructed_models_dump_only_what_was_set() -> None:
    movie = Movie(title="Inception", year=2010, ids=Ids(trakt=16662))
    assert movie.to_api() == {"title": "Inception", "year": 2010, "ids": {"trakt": 16662}}


def test_season_nests_episodes() -> None:
    data = {**SEASON, "episodes": [EPISODE]}
    season = Season.model_validate(copy.deepcopy(data))
    assert season.episodes is not None and season.episodes[0].title == "Pilot"
    assert season.to_api() == data


SEARCH_RESULTS = [
    {"type": "movie", "score": 26.019499, "movie": MOVIE},
    {"type": "episode", "score": 42.5, "episode": EPISODE, "show": SHOW},
    {"type": "person", "score": 1.0, "person": PERSON},
    {
        "type": "list",
        "score": 2.0,
        "list": {"name": "Top", "ids": {"trakt": 7, "slug": "top"}, "user": USER},
    },
    {"type": "show", "score": None, "show": SHOW},
]


@pytest.mark.parametrize("data", SEARCH_RESULTS)
def test_search_result_round_trip(data: dict[str, Any]) -> None:
    result = SearchResult.model_validate(copy.deepcopy(data))
    assert result.to_api() == data
    assert result.item is not None


def test_search_result_accessors() -> None:
    ep = SearchResult.model_validate(SEARCH_RESULTS[1])
    assert isinstance(ep.media, Episode)
    assert ep.show is not None and ep.show.title == "Breaking Bad"
    lst = SearchResult.model_validate(SEARCH_RESULTS[3])
    assert isinstance(lst.item, ListInfo) and lst.list_ is not None
    person = SearchResult.model_validate(SEARCH_RESULTS[2])
    assert isinstance(person.item, Person)
    assert person.media is None


def test_search_result_unknown_type_does_not_fail() -> None:
    r = SearchResult.model_validate({"type": "podcast", "score": 1, "podcast": {"x": 1}})
    assert r.item is None
    assert r.to_api() == {"type": "podcast", "score": 1, "podcast": {"x": 1}}


WRAPPERS: list[tuple[Any, dict[str, Any]]] = [
    (
        WatchlistItem,
        {
            "rank": 1,
            "id": 101,
            "listed_at": "2014-09-01T09:10:11.000Z",
            "notes": None,
            "type": "episode",
            "episode": EPISODE,
            "show": SHOW,
        },
    ),
    (
        WatchlistItem,
        {
            "rank": 2,
            "id": 102,
            "listed_at": "2014-09-01T09:10:11.000Z",
            "notes": "x",
            "type": "season",
            "season": SEASON,
            "show": SHOW,
        },
    ),
    (
        HistoryItem,
        {
            "id": 9223372036854775807,
            "watched_at": "2014-03-31T09:28:53.000Z",
            "action": "scrobble",
            "type": "movie",
            "movie": MOVIE,
        },
    ),
    (
        RatingItem,
        {
            "rated_at": "2014-09-01T09:10:11.000Z",
            "rating": 10,
            "type": "episode",
            "episode": EPISODE,
            "show": SHOW,
        },
    ),
    (
        CollectionMovie,
        {
            "collected_at": "2014-09-01T09:10:11.000Z",
            "updated_at": "2014-09-01T09:10:11.000Z",
            "movie": MOVIE,
            "metadata": {
                "media_type": "bluray",
                "resolution": "hd_1080p",
                "hdr": None,
                "audio": "dts",
                "audio_channels": "5.1",
                "3d": 1,
            },
        },
    ),
    (
        CollectionShow,
        {
            "last_collected_at": "2014-09-01T09:10:11.000Z",
            "last_updated_at": "2014-09-01T09:10:11.000Z",
            "show": SHOW,
            "seasons": [
                {
                    "number": 1,
                    "episodes": [
                        {
                            "number": 1,
                            "collected_at": "2014-09-01T09:10:11.000Z",
                            "metadata": {"3d": False, "hdr": "hdr10"},
                        }
                    ],
                }
            ],
        },
    ),
    (
        WatchedMovie,
        {
            "plays": 2,
            "last_watched_at": "2014-09-01T09:10:11.000Z",
            "last_updated_at": "2014-09-01T09:10:11.000Z",
            "movie": MOVIE,
        },
    ),
    (
        WatchedShow,
        {
            "plays": 56,
            "last_watched_at": "2014-09-01T09:10:11.000Z",
            "last_updated_at": "2014-09-01T09:10:11.000Z",
            "reset_at": None,
            "show": SHOW,
            "seasons": [
                {
                    "number": 1,
                    "episodes": [
                        {"number": 1, "plays": 1, "last_watched_at": "2014-09-01T09:10:11.000Z"}
                    ],
                }
            ],
        },
    ),
    (TrendingItem, {"watchers": 21, "movie": MOVIE}),
    (
        PlayedItem,
        {
            "watcher_count": 1,
            "play_count": 2,
            "collected_count": 3,
            "collector_count": 4,
            "show": SHOW,
        },
    ),
    (AnticipatedItem, {"list_count": 5362, "movie": MOVIE}),
    (FavoritedItem, {"user_count": 76254, "show": SHOW}),
]


@pytest.mark.parametrize(("model", "data"), WRAPPERS)
def test_wrapper_round_trip(model: Any, data: dict[str, Any]) -> None:
    assert model.model_validate(copy.deepcopy(data)).to_api() == data


def test_collection_metadata_3d_alias() -> None:
    movie = CollectionMovie.model_validate(WRAPPERS[4][1])
    assert movie.metadata is not None
    assert movie.metadata.three_d == 1
    assert movie.metadata.resolution == "hd_1080p"
    show = CollectionShow.model_validate(WRAPPERS[5][1])
    assert show.seasons and show.seasons[0].episodes
    meta = show.seasons[0].episodes[0].metadata
    assert meta is not None and meta.three_d is False


def test_wrapper_media_property() -> None:
    item = WatchlistItem.model_validate(WRAPPERS[0][1])
    assert isinstance(item.media, Episode)
    history = HistoryItem.model_validate(WRAPPERS[2][1])
    assert isinstance(history.media, Movie)
    assert history.id == 9223372036854775807


def test_list_info_and_settings() -> None:
    data = {
        "name": "Star Wars",
        "description": None,
        "privacy": "public",
        "share_link": "https://trakt.tv/lists/55",
        "type": "personal",
        "display_numbers": True,
        "allow_comments": True,
        "sort_by": "rank",
        "sort_how": "asc",
        "created_at": "2014-10-11T17:00:54.000Z",
        "updated_at": "2014-10-11T17:00:54.000Z",
        "item_count": 5,
        "comment_count": 0,
        "likes": 0,
        "ids": {"trakt": 55, "slug": "star-wars"},
        "user": USER,
    }
    assert ListInfo.model_validate(copy.deepcopy(data)).to_api() == data
    settings = {
        "user": {**USER, "ids": {"slug": "sean", "uuid": "abc"}},
        "account": {"timezone": "America/Los_Angeles", "time_24hr": False},
        "limits": {"list": {"count": 2, "item_count": 100}, "watchlist": {"item_count": 100}},
        "browsing": {"x": 1},
    }
    parsed = UserSettings.model_validate(copy.deepcopy(settings))
    assert parsed.user is not None and parsed.user.username == "sean"
    assert parsed.to_api() == settings
