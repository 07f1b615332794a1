"""Matching the plays of a failed history write (no I/O)."""

from __future__ import annotations

from datetime import UTC, datetime

from traktkit.api.playcheck import count_applied, play_windows, watched_minute
from traktkit.api.resolve import ResolvedItem
from traktkit.models import Episode, HistoryItem, Ids, Movie, Season, Show

BB = Show(title="Breaking Bad", ids=Ids(trakt=1388, tvdb=81189))


def _play(when: str, **media: object) -> HistoryItem:
    kind = "movie" if "movie" in media else "episode"
    return HistoryItem.model_validate({"id": 1, "watched_at": when, "type": kind, **media})


def test_watched_minute() -> None:
    assert watched_minute({"watched_at": "2024-05-01T21:30:59.999Z"}) == datetime(
        2024, 5, 1, 21, 30, tzinfo=UTC
    )
    assert watched_minute({"watched_at": "released"}) is None
    assert watched_minute({"watched_at": "unknown"}) is None
    assert watched_minute({}) is None


def test_windows_per_minute_or_one_span() -> None:
    m = [datetime(2024, 1, 1, 10, i, tzinfo=UTC) for i in range(8)]
    few = play_windows([m[0], m[0], m[3]])
    assert [(a.minute, b.minute, b.second) for a, b in few] == [(0, 0, 59), (3, 3, 59)]
    many = play_windows(m)
    assert len(many) == 1 and many[0][0] == m[0] and many[0][1].minute == 7
    assert play_windows([]) == []


def test_counts_by_ids_minutes_and_numbers() -> None:
    inception = ResolvedItem(type="movie", media=Movie(ids=Ids(imdb="tt1375666")))
    episode = ResolvedItem(
        type="episode", media=Episode(season=1, number=2), show=BB, season=1, episode=2
    )
    season = ResolvedItem(type="season", media=Season(number=2), show=BB, season=2)
    whole = ResolvedItem(type="show", media=Show(ids=Ids(tvdb=81189)))
    at = {"watched_at": "2024-05-01T21:30:00.000Z"}
    plays = [
        _play("2024-05-01T21:30:00Z", movie={"ids": {"trakt": 16662, "imdb": "TT1375666"}}),
        _play("2024-05-01T21:31:00Z", movie={"ids": {"imdb": "tt1375666"}}),  # other minute
        _play(
            "2024-05-01T21:30:00Z",
            show={"ids": {"trakt": 1388}},
            episode={"season": 1, "number": 2, "ids": {"trakt": 5}},
        ),
        _play(
            "2024-05-01T21:30:00Z",
            show={"ids": {"trakt": 1388}},
            episode={"season": 2, "number": 1, "ids": {"trakt": 6}},
        ),
        _play(
            "2024-05-01T21:30:00Z",
            show={"ids": {"trakt": 1388}},
            episode={"season": 2, "number": 2, "ids": {"trakt": 7}},
        ),
    ]
    found = count_applied(
        [(inception, at), (inception, at), (episode, at), (season, at), (whole, at)], plays
    )
    # the second Inception finds no second play at that minute; the season takes its two
    # episodes; the whole show finds none left (an episode play is consumed once)
    assert found == [1, 0, 1, 2, 0]


def test_uncheckable_items() -> None:
    movie = ResolvedItem(type="movie", media=Movie(ids=Ids(trakt=1)))
    own_season = ResolvedItem(type="season", media=Season(number=1, ids=Ids(trakt=9)))
    assert count_applied([(movie, {"watched_at": "released"})], []) == [None]
    assert count_applied([(own_season, {"watched_at": "2024-01-01T00:00:00Z"})], []) == [None]
