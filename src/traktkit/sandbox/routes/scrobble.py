"""Scrobble (REFERENCE §12.2) and `GET /users/{id}/watching` (§12.4).

* `start`: the user is watching the item until its remaining runtime has passed; any
  paused progress of the item is removed;
* `pause`: the progress is saved for `/sync/playback` (one entry per item, its id kept);
* `stop`: progress >= 80 -> a history play (`action: "scrobble"`, `watched_at` now, to
  the minute) recorded by the same code as `POST /sync/history` (420 past the history limit,
  `watched_at` bumps, watchlist auto-removal), the item's paused progress removed, `id` = the
  history id; 1 <= progress < 80 -> a pause (`action: "pause"`); progress < 1 -> 422;
  a second stop >= 80 of the same item within an hour of the last scrobble -> 409
  `{"watched_at", "expires_at"}` and nothing recorded.

Decisions where the reference is silent: the body names one item as sync matching does
(`matching.match_one`); an item that matches nothing -> 404; `progress` missing or not a
number -> 400, outside 0..100 -> 422; `start` answers `id: 0`, `pause` the playback id;
`sharing` is all false. An item without a runtime counts as 60 minutes.
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import MediaRef, Watching
from traktkit.sandbox.matching import match_one
from traktkit.sandbox.mutations import drop_playback, record_plays, save_playback
from traktkit.sandbox.routes.users import target_user
from traktkit.sandbox.routing import Ctx, Reply, route
from traktkit.sandbox.state import SandboxState
from traktkit.sandbox.timeutil import iso, minute
from traktkit.sandbox.validation import bad_type, invalid
from traktkit.sandbox.views import media

SCROBBLE_AT = 80.0
DUPLICATE_WINDOW = 3600.0
DEFAULT_RUNTIME = 60


def _progress(body: dict[str, Any]) -> float:
    value = body.get("progress")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad_type("progress", "is required: a number 0..100")
    if not 0 <= value <= 100:
        raise invalid("progress", f"{value} is outside 0..100")
    return float(value)


def _request(ctx: Ctx) -> tuple[MediaRef, float]:
    body = ctx.body_dict()
    ref = match_one(ctx.state, body)
    progress = _progress(body)
    if ref is None:
        raise ApiError(404, "not_found", "The movie or episode was not found.")
    return ref, progress


def runtime_seconds(state: SandboxState, ref: MediaRef) -> float:
    cat = state.catalogue
    if ref.kind == "movie":
        runtime = cat.movies[ref.trakt].runtime
    else:
        runtime = cat.episodes[ref.trakt][1].runtime
    return 60.0 * (runtime or DEFAULT_RUNTIME)


def _answer(state: SandboxState, ref: MediaRef, action: str, progress: float, id_: int) -> Reply:
    body = {
        "id": id_,
        "action": action,
        "progress": progress,
        "sharing": {"twitter": False, "mastodon": False, "tumblr": False},
        **media(state, ref),
    }
    return Reply(body, status=201)


def _pause(ctx: Ctx, ref: MediaRef, progress: float) -> Reply:
    state, user = ctx.state, ctx.require_user()
    entry = save_playback(state, user, ref, progress, state.now())
    user.library.watching = None
    return _answer(state, ref, "pause", progress, entry.id)


@route("POST", "/scrobble/start", auth="required")
def start(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    ref, progress = _request(ctx)
    now = state.now()
    drop_playback(user, ref, now)
    remaining = runtime_seconds(state, ref) * (1 - progress / 100)
    user.library.watching = Watching(ref, now, now + remaining, progress)
    return _answer(state, ref, "start", progress, 0)


@route("POST", "/scrobble/pause", auth="required")
def pause(ctx: Ctx) -> Any:
    ref, progress = _request(ctx)
    return _pause(ctx, ref, progress)


@route("POST", "/scrobble/stop", auth="required")
def stop(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    ref, progress = _request(ctx)
    if progress < 1:
        raise invalid("progress", "a stop below 1% is not a scrobble (use pause)")
    if progress < SCROBBLE_AT:
        return _pause(ctx, ref, progress)
    now, lib = state.now(), user.library
    last = lib.scrobbled.get(ref)
    if last is not None and now < last + DUPLICATE_WINDOW:
        body = {"watched_at": iso(minute(last)), "expires_at": iso(last + DUPLICATE_WINDOW)}
        raise ApiError(409, "conflict", "This item was just scrobbled.", body=body)
    play = record_plays(state, user, [(ref, minute(now))], "scrobble", now)[0]
    drop_playback(user, ref, now)
    lib.watching, lib.scrobbled[ref] = None, now
    return _answer(state, ref, "scrobble", progress, play.id)


@route("GET", "/users/{id}/watching", auth="optional")
def watching(ctx: Ctx) -> Any:
    user = target_user(ctx, ctx.params["id"])
    now = ctx.state.now()
    current = user.library.watching
    if current is None or now >= current.expires_at:
        return Reply(status=204)
    return {
        "expires_at": iso(current.expires_at),
        "started_at": iso(current.started_at),
        "action": current.action,
        "type": current.ref.kind,
        **media(ctx.state, current.ref),
    }
