"""`Mirror.apply_write`: the mirror follows writes made through traktkit without a
resync; the next sync replaces the provisional values and converges."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Sandbox, make_sandbox
from tests.mirror.mirror_helpers import (
    SMALL_CATALOGUE,
    SMALL_LIBRARY,
    assert_mirror_equals_server,
    connected,
    library,
    mirror_plays,
)
from traktkit.api.resolve import ResolvedItem
from traktkit.client import Trakt
from traktkit.mirror import Mirror, WriteEntry, entries_from_outcomes, sync
from traktkit.models import Episode, Ids, Movie, Show
from traktkit.sandbox.library import MediaRef

Env = tuple[Sandbox, Trakt, Mirror]


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    for sb in make_sandbox(tmp_path, auto_approve="demo", library=SMALL_LIBRARY, **SMALL_CATALOGUE):
        with connected(sb) as (trakt, mirror):
            sync(trakt.http, mirror)
            yield sb, trakt, mirror


def _movie(trakt: int) -> ResolvedItem:
    return ResolvedItem(type="movie", media=Movie(ids=Ids(trakt=trakt)))


def _mirrored_movie(sb: Sandbox, mirror: Mirror, *, listed: bool) -> int:
    """A movie the mirror knows (it has been played), on the watchlist or not."""
    on_list = {i.ref.trakt for i in library(sb).watchlist if i.ref.kind == "movie"}
    known = {r[0] for r in mirror.conn.execute("SELECT trakt FROM media WHERE kind = 'movie'")}
    pool = (on_list & known) if listed else (known - on_list)
    return min(pool)


def test_history_add_then_sync(env: Env) -> None:
    sb, trakt, mirror = env
    movie = min(i.ref.trakt for i in library(sb).watchlist if i.ref.kind == "movie")
    report = trakt.history.add([_movie(movie)], watched_at="2024-05-05T10:11:12Z")
    applied = mirror.apply_write(
        "history.add",
        entries_from_outcomes(report.outcomes, {"watched_at": "2024-05-05T10:11:12Z"}),
        report.result,
    )
    assert applied.applied == 1 and applied.skipped == 0
    play = next(p for p in mirror.history(type="movies") if p.movie and p.movie.ids.trakt == movie)
    assert play.id is not None and play.id < 0  # provisional until the next sync
    assert play.to_api()["watched_at"] == "2024-05-05T10:11:00.000Z"
    assert play.movie is not None and play.movie.title  # the mirror knew the movie
    # watching it took it off the watchlist, and watched counts followed
    assert all(w.movie is None or w.movie.ids.trakt != movie for w in mirror.watchlist())
    watched = {w.movie.ids.trakt: w.plays for w in mirror.watched_movies() if w.movie}
    assert watched[movie] == sum(
        1 for p in library(sb).history if p.ref == MediaRef("movie", movie)
    )

    sync(trakt.http, mirror)
    assert all(i > 0 for i in mirror_plays(mirror))
    assert_mirror_equals_server(sb, mirror)


def test_history_remove_and_single_plays(env: Env) -> None:
    sb, trakt, mirror = env
    movie = next(p.ref.trakt for p in library(sb).history if p.ref.kind == "movie")
    report = trakt.history.remove([_movie(movie)])
    mirror.apply_write("history.remove", entries_from_outcomes(report.outcomes), report.result)
    assert not [p for p in mirror.history(type="movies") if p.movie and p.movie.ids.trakt == movie]
    assert movie not in {w.movie.ids.trakt for w in mirror.watched_movies() if w.movie}

    play = library(sb).history[-1]
    result = trakt.history.remove_plays([play.id])
    mirror.apply_write("history.remove", [], result.result, history_ids=[play.id])
    assert play.id not in mirror_plays(mirror)
    assert mirror_plays(mirror).keys() == {p.id for p in library(sb).history}

    sync(trakt.http, mirror)
    assert_mirror_equals_server(sb, mirror)


def test_episode_by_numbers(env: Env) -> None:
    sb, trakt, mirror = env
    cat = sb.state.catalogue
    played = next(p for p in library(sb).history if p.ref.kind == "episode")
    show, episode = cat.episodes[played.ref.trakt]
    item = ResolvedItem(
        type="episode",
        media=Episode(season=episode.season, number=episode.number),
        show=Show(ids=Ids(trakt=show.trakt)),
        season=episode.season,
        episode=episode.number,
    )
    report = trakt.history.add([item])
    applied = mirror.apply_write("history.add", entries_from_outcomes(report.outcomes))
    assert applied.applied == 1
    mine = [p for p in mirror.history(type="episodes") if p.id is not None and p.id < 0]
    assert len(mine) == 1 and mine[0].episode is not None
    assert mine[0].episode.ids.trakt == played.ref.trakt
    assert mine[0].show is not None and mine[0].show.ids.trakt == show.trakt
    sync(trakt.http, mirror)
    assert_mirror_equals_server(sb, mirror)


def test_watchlist_ratings_collection(env: Env) -> None:
    sb, trakt, mirror = env
    movie = _mirrored_movie(sb, mirror, listed=False)

    report = trakt.watchlist.add([_movie(movie)])
    mirror.apply_write("watchlist.add", entries_from_outcomes(report.outcomes), report.result)
    last = mirror.watchlist()[-1]
    assert last.movie is not None and last.movie.ids.trakt == movie
    assert last.rank == len(library(sb).watchlist)

    report = trakt.ratings.add([_movie(movie)], 9)
    mirror.apply_write("ratings.add", entries_from_outcomes(report.outcomes, {"rating": 9}))
    assert movie in {r.movie.ids.trakt for r in mirror.ratings("movies", ratings=[9]) if r.movie}

    meta = {"media_type": "bluray", "resolution": "uhd_4k"}
    report = trakt.collection.add([_movie(movie)], metadata=meta)
    mirror.apply_write("collection.add", entries_from_outcomes(report.outcomes, meta))
    mine = next(c for c in mirror.collection_movies() if c.movie and c.movie.ids.trakt == movie)
    assert mine.metadata is not None and mine.metadata.resolution == "uhd_4k"

    sync(trakt.http, mirror)
    assert_mirror_equals_server(sb, mirror)

    for kind, api in (
        ("watchlist.remove", trakt.watchlist),
        ("ratings.remove", trakt.ratings),
        ("collection.remove", trakt.collection),
    ):
        report = api.remove([_movie(movie)])
        mirror.apply_write(kind, entries_from_outcomes(report.outcomes), report.result)  # type: ignore[arg-type]
    assert movie not in {w.movie.ids.trakt for w in mirror.watchlist() if w.movie}
    assert movie not in {r.movie.ids.trakt for r in mirror.ratings("movies") if r.movie}
    assert movie not in {c.movie.ids.trakt for c in mirror.collection_movies() if c.movie}
    sync(trakt.http, mirror)
    assert_mirror_equals_server(sb, mirror)


def test_entries_the_mirror_cannot_place_are_skipped(env: Env) -> None:
    _, _, mirror = env
    unknown = WriteEntry("movie", {"ids": {"imdb": "tt0000001"}})
    missing = WriteEntry("movie", {"ids": {"trakt": 1}}, status="not_found")
    whole_show = WriteEntry("show", {"ids": {"trakt": 1388}})
    before = mirror.counts()
    report = mirror.apply_write("history.add", [unknown, missing, whole_show])
    assert report.applied == 0 and report.skipped == 3
    assert mirror.counts()["plays"] == before["plays"]
    with pytest.raises(ValueError, match="unknown write kind"):
        mirror.apply_write("history.rename", [])  # type: ignore[arg-type]
