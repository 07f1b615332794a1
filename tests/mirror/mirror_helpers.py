"""Shared pieces of the mirror tests: a logged-in client, the sandbox's own view of the
user's library (read from `sb.state`), and expected request counts."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.conftest import Sandbox
from traktkit.client import Trakt
from traktkit.config import Settings
from traktkit.mirror import Mirror
from traktkit.sandbox.library import Library
from traktkit.sandbox.routes import ROUTE_MODULES
from traktkit.sandbox.routes.sync_collection import metadata_json
from traktkit.sandbox.routing import Router
from traktkit.sandbox.timeutil import iso

BIG_LIBRARY = "synthetic:plays=10000,ratings=2000,watchlist=250,collection=1000"
SMALL_LIBRARY = "synthetic:plays=700,ratings=300,watchlist=40,collection=260"
SMALL_CATALOGUE = {"synthetic_movies": 400, "synthetic_shows": 40}
FAST_HTTP = {"write_interval": 0.06}
PAGE = 250


@contextmanager
def connected(sb: Sandbox, **http: Any) -> Iterator[tuple[Trakt, Mirror]]:
    """Log the CLI in as `demo`, then a client (sharing its token) and the mirror."""
    if not (sb.home / "token.json").exists():
        result = sb.cli("login")
        assert result.exit_code == 0, result.stderr
    settings = Settings.from_env(sb.env)
    with (
        Trakt(settings, http_options={**FAST_HTTP, **http}) as trakt,
        Mirror.from_settings(settings) as mirror,
    ):
        # these tests drive `Mirror.apply_write` themselves; the facade's automatic
        # mirror updates are covered by tests/cli/test_offline.py
        trakt.writer.observer = None
        yield trakt, mirror


def library(sb: Sandbox, user: str = "demo") -> Library:
    found = sb.state.find_user(user)
    assert found is not None
    lib: Library = found.library
    return lib


def pages(n: int, size: int = PAGE) -> int:
    """Requests to page through n items (an empty listing still takes one)."""
    return max(1, math.ceil(n / size))


def all_pages(trakt: Trakt, path: str, **params: Any) -> list[Any]:
    return list(trakt.http.paginate(path, params=params or None, auth="required"))


def server_plays(sb: Sandbox) -> dict[int, tuple[str, str, int]]:
    return {p.id: (iso(p.watched_at), p.ref.kind, p.ref.trakt) for p in library(sb).history}


def mirror_plays(mirror: Mirror) -> dict[int, tuple[str, str, int]]:
    rows = mirror.conn.execute("SELECT id, watched_at, kind, trakt FROM plays").fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def server_ratings(sb: Sandbox) -> dict[tuple[str, int], tuple[int, str]]:
    return {
        (ref.kind, ref.trakt): (e.rating, iso(e.rated_at)) for ref, e in library(sb).ratings.items()
    }


def mirror_ratings(mirror: Mirror) -> dict[tuple[str, int], tuple[int, str]]:
    rows = mirror.conn.execute("SELECT kind, trakt, rating, rated_at FROM ratings").fetchall()
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def server_watchlist(sb: Sandbox) -> dict[int, tuple[int, str, str, int, str | None]]:
    return {
        i.id: (i.rank, iso(i.listed_at), i.ref.kind, i.ref.trakt, i.notes)
        for i in library(sb).watchlist
    }


def mirror_watchlist(mirror: Mirror) -> dict[int, tuple[int, str, str, int, str | None]]:
    rows = mirror.conn.execute(
        "SELECT id, rank, listed_at, kind, trakt, notes FROM watchlist"
    ).fetchall()
    return {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in rows}


def server_collection(sb: Sandbox) -> dict[int, tuple[str, str, dict[str, Any]]]:
    return {
        ref.trakt: (iso(e.collected_at), iso(e.updated_at), metadata_json("movie", e.metadata))
        for ref, e in library(sb).collection.items()
        if ref.kind == "movie"
    }


def mirror_collection(mirror: Mirror) -> dict[int, tuple[str, str, dict[str, Any]]]:
    rows = mirror.conn.execute(
        "SELECT trakt, collected_at, updated_at, json FROM collection_movies"
    ).fetchall()
    return {r[0]: (r[1], r[2], json.loads(r[3])["metadata"]) for r in rows}


def assert_mirror_equals_server(sb: Sandbox, mirror: Mirror) -> None:
    """Every mirrored section equals the sandbox's own state."""
    assert mirror_plays(mirror) == server_plays(sb)
    assert mirror_ratings(mirror) == server_ratings(sb)
    assert mirror_watchlist(mirror) == server_watchlist(sb)
    assert mirror_collection(mirror) == server_collection(sb)
    plays_by_movie: dict[int, int] = {}
    for play in library(sb).history:
        if play.ref.kind == "movie":
            plays_by_movie[play.ref.trakt] = plays_by_movie.get(play.ref.trakt, 0) + 1
    watched = {m.movie.ids.trakt: m.plays for m in mirror.watched_movies() if m.movie}
    assert watched == plays_by_movie


def watched_counts(sb: Sandbox) -> tuple[int, int]:
    """(watched movies, watched shows) the server lists."""
    cat = sb.state.catalogue
    movies = {p.ref.trakt for p in library(sb).history if p.ref.kind == "movie"}
    shows = {
        cat.episodes[p.ref.trakt][0].trakt
        for p in library(sb).history
        if p.ref.kind == "episode" and cat.episodes[p.ref.trakt][1].season > 0
    }
    return len(movies), len(shows)


def expected_full_requests(sb: Sandbox) -> tuple[dict[str, int], int]:
    """Requests a first (or --full) sync makes: per route for the sync routes every
    sandbox has, and in total (routes still missing answer one 404 each)."""
    lib = library(sb)
    kinds: dict[str, int] = {"movie": 0, "show": 0, "season": 0, "episode": 0}
    for ref in lib.ratings:
        kinds[ref.kind] += 1
    collected_shows = {
        sb.state.catalogue.episodes[ref.trakt][0].trakt
        for ref in lib.collection
        if ref.kind == "episode"
    }
    movies, shows = watched_counts(sb)
    collected_movies = sum(1 for ref in lib.collection if ref.kind == "movie")
    per_route = {
        "GET /sync/last_activities": 1,
        "GET /users/settings": 1,
        "GET /sync/history": pages(len(lib.history)),
        "GET /sync/watched/{type}": pages(movies) + pages(shows, 100),
        "GET /sync/ratings/{type}": sum(pages(n) for n in kinds.values()),
        "GET /sync/watchlist": pages(len(lib.watchlist)),
        "GET /sync/collection/{type}": pages(collected_movies) + pages(len(collected_shows)),
    }
    routes = sandbox_routes()
    later = {  # favorites, playback, lists: 1 request (a 404) until the sandbox has them
        "GET /sync/favorites": pages(len(lib.favorites)),
        "GET /sync/playback": pages(len(lib.playback)),
        "GET /users/{id}/lists": pages(len(lib.lists))
        + sum(pages(len(plist.items)) for plist in lib.lists),
    }
    total = sum(per_route.values())
    total += sum(n if route in routes else 1 for route, n in later.items())
    return per_route, total


def sandbox_routes() -> set[str]:
    """The route templates the sandbox serves."""
    return set(Router.from_modules(ROUTE_MODULES).keys())
