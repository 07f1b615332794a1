"""`--library SPEC` seeding and the last_activities helper."""

from __future__ import annotations

from sandbox_helpers import FakeClock

from traktkit.sandbox import SandboxConfig, create_app
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
