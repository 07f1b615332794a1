"""The shared write engine over a fake Trakt (MockTransport): direct ids, batching,
merged counts, ambiguity hooks and the history retry that never duplicates a play."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.fakes import FakeTrakt, Fault
from traktkit.api.errors import AmbiguousItem, CandidateInfo, ItemNotFound
from traktkit.api.items import parse_item
from traktkit.api.resolve import ResolvedItem
from traktkit.api.writes import WriteHooks, WriteProgress, direct_item
from traktkit.http.errors import ServerError
from traktkit.models import Ids, Movie


def _movie(trakt: int) -> ResolvedItem:
    return ResolvedItem(type="movie", media=Movie(ids=Ids(trakt=trakt)))


def test_direct_item_needs_type_and_a_real_id() -> None:
    movie = direct_item(parse_item("tt1375666", type="movie"))
    assert movie is not None and movie.type == "movie" and movie.ids.imdb == "tt1375666"
    episode = direct_item(parse_item("tvdb:81189 S01E02"))
    assert episode is not None and episode.type == "episode"
    assert episode.show is not None and episode.show.ids.tvdb == 81189
    assert (episode.season, episode.episode) == (1, 2)
    season = direct_item(parse_item("trakt:1388 S03"))
    assert season is not None and season.type == "season" and season.season == 3
    assert direct_item(parse_item("tt1375666")) is None  # type unknown: look it up
    assert direct_item(parse_item("inception-2010", type="movie")) is None  # may be a title
    assert direct_item(parse_item("Inception", type="movie")) is None
    assert direct_item(parse_item("tt1375666", type="movie", year=2010)) is None  # check year


def test_batches_of_250_and_merged_counts(tmp_path: Path) -> None:
    fake = FakeTrakt(watchlist=[16662])
    items = [_movie(16662), _movie(481)] * 300  # 600 items -> 3 POSTs
    events: list[WriteProgress] = []
    with fake.client(tmp_path) as trakt:
        report = trakt.watchlist.add(items, hooks=WriteHooks(progress=events.append))
    assert fake.count("POST /sync/watchlist") == 3
    assert [len(b["movies"]) for b in fake.bodies] == [250, 250, 100]
    assert report.posts == 3
    assert report.result.added is not None and report.result.added.movies == 1
    assert report.result.existing is not None and report.result.existing.movies == 599
    # the first POST mixes 1 added with 249 existing movies: Trakt does not say which, so
    # none of them is claimed as either; the later POSTs are all existing, exactly
    assert report.count("added") == 0 and report.count("added_or_existing") == 250
    assert report.count("existing") == 350
    assert all(o.exact for o in report.outcomes[250:])
    assert not any(o.exact for o in report.outcomes[:250])
    writes = [(e.done, e.total) for e in events if e.phase == "write"]
    assert writes == [(0, 3), (1, 3), (2, 3), (3, 3)]
    data = report.to_dict()
    assert data["added"] == {"movies": 1} and data["existing"] == {"movies": 599}
    assert len(data["resolved"]) == len(data["items"]) == 600


def test_ambiguous_title_raises_unless_the_hook_chooses(tmp_path: Path) -> None:
    fake = FakeTrakt()
    with fake.client(tmp_path) as trakt:
        with pytest.raises(AmbiguousItem) as caught:
            trakt.watchlist.add([parse_item("Dune", type="movie")])
        assert {c.year for c in caught.value.candidates} == {2021, 1984}
        assert fake.count("POST /sync/watchlist") == 0

        def pick_1984(exc: AmbiguousItem) -> CandidateInfo | None:
            return next(c for c in exc.candidates if c.year == 1984)

        report = trakt.watchlist.add(
            [parse_item("Dune", type="movie")], hooks=WriteHooks(choose=pick_1984)
        )
    assert report.resolved[0].ids.trakt == 1002
    assert fake.watchlist == [1002]


def test_every_lookup_failure_is_collected_before_any_write(tmp_path: Path) -> None:
    fake = FakeTrakt()
    with fake.client(tmp_path) as trakt, pytest.raises(ItemNotFound) as caught:
        trakt.watchlist.add(["Nothing Here", "Inception", "Dune", "Nor This"])
    notes = getattr(caught.value, "__notes__", [])
    assert any("ambiguous" in n for n in notes) and any("Nor This" in n for n in notes)
    assert fake.count("POST /sync/watchlist") == 0


@pytest.mark.parametrize("mode", ["apply-503", "apply-timeout"])
def test_history_applied_then_failed_is_not_sent_again(tmp_path: Path, mode: str) -> None:
    fake = FakeTrakt(faults=[Fault("POST /sync/history", mode)])
    with fake.client(tmp_path) as trakt:
        report = trakt.history.add([_movie(16662), _movie(481)], watched_at="2024-05-01T21:30:59Z")
    assert fake.count("POST /sync/history") == 1  # never re-sent
    assert fake.count("GET /sync/history") == 1  # checked once
    assert len(fake.plays) == 2
    assert report.recovered == 2 and report.count("added") == 2
    assert report.result.added is not None and report.result.added.movies == 2


def test_history_partially_missing_sends_only_the_missing(tmp_path: Path) -> None:
    fake = FakeTrakt(faults=[Fault("POST /sync/history", "503")])  # fails, applies nothing
    fake.plays.append(  # but one of the two plays was there already (an earlier attempt)
        {
            "id": 1,
            "watched_at": "2024-05-01T21:30:00.000Z",
            "type": "movie",
            "movie": {"ids": {"trakt": 481}},
        }
    )
    with fake.client(tmp_path) as trakt:
        report = trakt.history.add([_movie(16662), _movie(481)], watched_at="2024-05-01T21:30")
    assert fake.count("POST /sync/history") == 2
    resent = fake.bodies[-1]["movies"]
    assert [m["ids"]["trakt"] for m in resent] == [16662]  # only the missing one
    assert resent[0]["watched_at"] == "2024-05-01T21:30:00.000Z"
    assert [o.status for o in report.outcomes] == ["added", "added"]
    assert len(fake.plays) == 2


def test_same_item_twice_in_a_batch_needs_two_plays(tmp_path: Path) -> None:
    fake = FakeTrakt(faults=[Fault("POST /sync/history", "503")])
    fake.plays.append(
        {
            "id": 1,
            "watched_at": "2024-05-01T21:30:00.000Z",
            "type": "movie",
            "movie": {"ids": {"trakt": 481}},
        }
    )
    with fake.client(tmp_path) as trakt:
        trakt.history.add([_movie(481), _movie(481)], watched_at="2024-05-01T21:30")
    assert [len(b["movies"]) for b in fake.bodies] == [2, 1]


def test_released_plays_cannot_be_checked_so_nothing_is_resent(tmp_path: Path) -> None:
    fake = FakeTrakt(faults=[Fault("POST /sync/history", "apply-503")])
    with fake.client(tmp_path) as trakt, pytest.raises(ServerError) as caught:
        trakt.history.add([_movie(16662)], watched_at="released")
    assert fake.count("POST /sync/history") == 1
    assert any("cannot be checked" in n for n in getattr(caught.value, "__notes__", []))


def test_recovery_gives_up_after_three_checks(tmp_path: Path) -> None:
    fake = FakeTrakt(faults=[Fault("POST /sync/history", "503", count=10)])
    with fake.client(tmp_path) as trakt, pytest.raises(ServerError):
        trakt.history.add([_movie(16662)], watched_at="now")
    assert fake.count("POST /sync/history") == 4
    assert fake.count("GET /sync/history") == 3
    assert fake.plays == []


def test_idempotent_writes_are_retried_by_the_http_layer(tmp_path: Path) -> None:
    fake = FakeTrakt(faults=[Fault("POST /sync/watchlist", "503")])
    with fake.client(tmp_path) as trakt:
        report = trakt.watchlist.add([_movie(481)])
    assert fake.count("POST /sync/watchlist") == 2
    assert fake.count("GET /sync/history") == 0
    assert report.count("added") == 1


def test_a_later_batch_failure_says_what_was_written(tmp_path: Path) -> None:
    fake = FakeTrakt(faults=[Fault("POST /sync/watchlist", "503", count=99, after=1)])
    with fake.client(tmp_path, max_retries=0) as trakt, pytest.raises(ServerError) as caught:
        trakt.watchlist.add([_movie(16662)] * 260)
    notes = getattr(caught.value, "__notes__", [])
    assert notes == ["250 item(s) in 1 earlier batch(es) of 2 were written before this error"]
