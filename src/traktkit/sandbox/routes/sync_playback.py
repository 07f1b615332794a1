"""Playback progress (REFERENCE §8.3): `GET /sync/playback[/{type}]`, `DELETE /sync/playback/{id}`.

Entries come from `/scrobble/pause` and `/scrobble/stop` below 80% (`scrobble`), one per
movie or episode. Decisions where the reference is silent:
* `{type}` is `movies` or `episodes` (else 400); `start_at`/`end_at` bound `paused_at`
  (a bad value -> 400); newest `paused_at` first; paginated (2026: 100 by default);
* only the last 6 months are kept, as on Trakt: older entries are no longer listed;
* `DELETE` of an id that is not one of the user's entries -> 404; a delete moves
  `<movies|episodes>.paused_at` in last_activities (so a sync notices it).
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.mutations import bump
from traktkit.sandbox.pagination import PLAYBACK
from traktkit.sandbox.routes.sync_history import time_window
from traktkit.sandbox.routing import Ctx, Listing, Reply, route
from traktkit.sandbox.timeutil import DAY
from traktkit.sandbox.views import playback_json

RETENTION = 183 * DAY
PLAYBACK_TYPES = {"movies": "movie", "episodes": "episode"}


@route("GET", "/sync/playback", auth="required", page=PLAYBACK)
@route("GET", "/sync/playback/{type}", auth="required", page=PLAYBACK)
def playback(ctx: Ctx) -> Any:
    user = ctx.require_user()
    raw = ctx.params.get("type")
    if raw is not None and raw not in PLAYBACK_TYPES:
        raise ApiError(400, "invalid_type", "type must be movies or episodes")
    kinds = {PLAYBACK_TYPES[raw]} if raw else set(PLAYBACK_TYPES.values())
    start, end = time_window(ctx)
    oldest = ctx.state.now() - RETENTION
    found = [
        entry
        for entry in user.library.playback
        if entry.ref.kind in kinds
        and entry.paused_at >= oldest
        and (start is None or entry.paused_at >= start)
        and (end is None or entry.paused_at <= end)
    ]
    found.sort(key=lambda entry: (entry.paused_at, entry.id), reverse=True)
    state, full = ctx.state, ctx.full
    return Listing(found, lambda entry: playback_json(state, entry, full=full))


@route("DELETE", "/sync/playback/{id}", auth="required")
def delete(ctx: Ctx) -> Any:
    user = ctx.require_user()
    ident = ctx.params["id"]
    lib = user.library
    entry = next((p for p in lib.playback if str(p.id) == ident), None)
    if entry is None:
        raise ApiError(404, "not_found", f"No playback entry {ident!r}.")
    lib.playback.remove(entry)
    bump(user, [entry.ref.kind], "paused_at", ctx.state.now())
    return Reply(status=204)
