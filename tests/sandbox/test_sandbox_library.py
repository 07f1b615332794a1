"""`--library SPEC` seeding and the last_activities helper."""

from __future__ import annotations

from sandbox_helpers import FakeClock

from traktkit.sandbox import SandboxConfig, create_app, parse_library_spec
from traktkit.sandbox.library import LAST_ACTIVITY_FIELDS, LastActivities
from traktkit.sandbox.state import SandboxState

SPEC = "synthetic:plays=3000,ratings=500,watchlist=250,collection=300,favorites=20"


def _state(seed: int = 0) -> SandboxState:
    config = SandboxConfig(
        library=SPEC, clock=FakeClock(), seed=seed, synthetic_movies=2000, synthetic_shows=40
    )
    state: SandboxState = create_app(config).state.sandbox
    return state


def test_library_is_filled_consistently() -> None:
    state = _state()
    user = state.users["demo"]
    lib = user.library
    assert len(lib.history) == 3000
    assert len(lib.ratings) == 500 and len(lib.watchlist) == 250
    assert len(lib.collection) == 300 and len(lib.favorites) == 20
    ids = [h.id for h in lib.history]
    assert len(set(ids)) == len(ids) and min(ids) > 2**32
    times = [h.watched_at for h in lib.history]
    assert times == sorted(times)  # newest last
    assert all(t % 60 == 0 for t in times)  # minute precision
    assert max(times) < state.now()
    assert {h.ref.kind for h in lib.history} == {"movie", "episode"}
    assert all(1 <= r.rating <= 10 for r in lib.ratings.values())
    watched = {h.ref for h in lib.history}
    assert not watched & {item.ref for item in lib.watchlist}
    assert [item.rank for item in lib.watchlist] == list(range(1, 251))
    assert all(entry.metadata["media_type"] for entry in lib.collection.values())
    acts = user.last_activities
    assert acts.values["movies"]["watched_at"] == max(
        h.watched_at for h in lib.history if h.ref.kind == "movie"
    )
    assert acts.all == max(max(v.values()) for v in acts.values.values())


def test_library_is_deterministic() -> None:
    a, b = _state(), _state()
    assert [(h.ref, h.watched_at) for h in a.users["demo"].library.history] == [
        (h.ref, h.watched_at) for h in b.users["demo"].library.history
    ]
    c = _state(seed=1)
    assert [h.ref for h in c.users["demo"].library.history] != [
        h.ref for h in a.users["demo"].library.history
    ]


def test_last_activities_shape_and_bump() -> None:
    acts = LastActivities.starting_at(0.0)
    acts.bump("watchlist", "updated_at", 1_700_000_000.0)
    data = acts.to_json()
    assert data["all"] == "2023-11-14T22:13:20.000Z"
    assert data["watchlist"]["updated_at"] == data["all"]
    assert set(data) == {"all", *LAST_ACTIVITY_FIELDS}
    assert set(data["movies"]) >= {"watched_at", "favorited_at", "hidden_at", "paused_at"}
    assert set(data["account"]) == {
        "settings_at",
        "followed_at",
        "following_at",
        "pending_at",
        "requested_at",
    }


def _seeded(spec: str, seed: int = 0) -> SandboxState:
    config = SandboxConfig(
        library=spec, clock=FakeClock(), seed=seed, synthetic_movies=400, synthetic_shows=20
    )
    state: SandboxState = create_app(config).state.sandbox
    return state


def test_spec_parses_lists_items_and_playback() -> None:
    spec = parse_library_spec("synthetic:favorites=5,lists=2,items=30,playback=4")
    assert (spec.favorites, spec.lists, spec.items, spec.playback) == (5, 2, 30, 4)
    assert parse_library_spec("synthetic:lists=2").items == 10  # the default per list
    assert not parse_library_spec("synthetic:playback=1").empty
    assert parse_library_spec("synthetic:items=5").empty  # items without lists: nothing


def test_free_user_lists_favorites_and_playback() -> None:
    state = _seeded("synthetic:favorites=80,lists=3,items=40,playback=9")
    user = state.users["demo"]
    lib = user.library
    assert not user.vip
    assert len(lib.favorites) == 50  # the cap, for everyone
    assert len({f.ref for f in lib.favorites}) == 50
    assert {f.ref.kind for f in lib.favorites} <= {"movie", "show"}
    assert [len(p.items) for p in lib.lists] == [40, 40, 40]
    assert len({p.slug for p in lib.lists}) == 3
    for plist in lib.lists:
        assert [i.rank for i in plist.items] == list(range(1, 41))
        assert len({i.ref for i in plist.items}) == 40
        times = [i.listed_at for i in plist.items]
        assert times == sorted(times) and min(times) >= plist.created_at
        assert plist.updated_at == max(times) < state.now()
    assert len(lib.playback) == 9 and len({p.ref for p in lib.playback}) == 9
    assert all(1 <= p.progress < 80 for p in lib.playback)
    assert all(state.now() - 90 * 86400 <= p.paused_at < state.now() for p in lib.playback)
    acts = user.last_activities.values
    assert acts["lists"]["updated_at"] == max(p.updated_at for p in lib.lists)
    movie_pauses = [p.paused_at for p in lib.playback if p.ref.kind == "movie"]
    if movie_pauses:
        assert acts["movies"]["paused_at"] == max(movie_pauses)
    assert acts["favorites"]["updated_at"] == max(f.listed_at for f in lib.favorites)


def test_lists_past_the_free_limits_make_the_user_vip() -> None:
    state = _seeded("synthetic:lists=6,items=300")
    user = state.users["demo"]
    assert user.vip
    assert [len(p.items) for p in user.library.lists] == [300] * 6
    again = _seeded("synthetic:lists=6,items=300")
    assert [[i.ref for i in p.items] for p in again.users["demo"].library.lists] == [
        [i.ref for i in p.items] for p in user.library.lists
    ]
    other = _seeded("synthetic:lists=6,items=300", seed=1)
    assert [i.ref for i in other.users["demo"].library.lists[0].items] != [
        i.ref for i in user.library.lists[0].items
    ]
