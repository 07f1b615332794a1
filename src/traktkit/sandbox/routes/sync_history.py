"""History (REFERENCE §8.6) and its `/users/{id}/history` mirrors (§12.4).

Decisions where the reference is silent:
* `watched_at: "unknown"` (Trakt's "watched at an unknown date") is stored as the Unix
  epoch and read back as `1970-01-01T00:00:00.000Z`, which is what the real service shows
  for such plays (cenodude/CrossWatch#465, wwiens/trakt_mcpserver#60); such plays sort last;
* `watched_at: "released"`: a movie's release date (00:00 UTC), an episode's first air time
  plus its runtime; when that date is unknown the play is stored as "unknown";
* a whole show or season adds its **aired** episodes (a whole show leaves out specials,
  season 0, unless `seasons: [{"number": 0}]` names it); explicitly named episodes are
  added even when not aired yet; `updated` is always zero (plays are never merged);
* history remove by media object removes every play of it (a whole show: all seasons,
  specials included); `ids` entries that are not the user's plays come back under
  `not_found.ids`; `deleted` counts plays;
* `GET …/{type}` with a type other than movies, shows, seasons, episodes -> 400; an item
  id that is not the Trakt id of such an item -> 404; a bad `start_at`/`end_at` -> 400;
* 420 when the additions would take the history past `limits.history` (100,000 plays).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from traktkit.sandbox.catalogue import released_ts
from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import HistoryEntry, MediaRef
from traktkit.sandbox.matching import body_object, match_body, plays
from traktkit.sandbox.mutations import bump, record_plays
from traktkit.sandbox.pagination import HISTORY
from traktkit.sandbox.routes.users import subject
from traktkit.sandbox.routing import Ctx, Listing, Reply, route
from traktkit.sandbox.state import SandboxState
from traktkit.sandbox.timeutil import minute, parse_iso
from traktkit.sandbox.validation import HISTORY_FIELDS, is_int
from traktkit.sandbox.views import history_json

UNKNOWN_WATCHED_AT = 0.0  # the epoch: "watched at an unknown date"
HISTORY_TYPES = ("movies", "shows", "seasons", "episodes")


def watched_time(state: SandboxState, ref: MediaRef, value: Any, now: float) -> float:
    """A stored `watched_at` (minute precision) for a validated request value."""
    if isinstance(value, float):
        return value
    if value == "unknown":
        return UNKNOWN_WATCHED_AT
    if value == "released":
        cat = state.catalogue
        if ref.kind == "movie":
            released = released_ts(cat.movies[ref.trakt])
        else:
            episode = cat.episodes[ref.trakt][1]
            first = episode.first_aired
            released = None if first is None else first + 60 * (episode.runtime or 0)
        return UNKNOWN_WATCHED_AT if released is None else minute(released)
    return minute(now)


def time_window(ctx: Ctx) -> tuple[float | None, float | None]:
    bounds: list[float | None] = []
    for name in ("start_at", "end_at"):
        raw = ctx.q(name)
        try:
            bounds.append(None if raw is None else parse_iso(raw))
        except ValueError:
            raise ApiError(400, "invalid_parameter", f"{name} must be an ISO datetime") from None
    return bounds[0], bounds[1]


def _selector(ctx: Ctx, kind: str | None, item: str | None) -> Callable[[MediaRef], bool]:
    """Which plays `/history/{type}/{id}` selects."""
    if kind is None:
        return lambda ref: True
    if kind not in HISTORY_TYPES:
        raise ApiError(400, "invalid_type", f"type must be one of {', '.join(HISTORY_TYPES)}")
    cat = ctx.state.catalogue
    singular = kind[:-1]
    trakt = cat.by_id(singular, "trakt", item) if item is not None else None
    if item is not None and trakt is None:
        raise ApiError(404, "not_found", f"No {singular} with Trakt id {item!r}.")
    if kind == "movies":
        return lambda ref: ref.kind == "movie" and trakt in (None, ref.trakt)
    if kind == "episodes":
        return lambda ref: ref.kind == "episode" and trakt in (None, ref.trakt)
    if trakt is None:
        return lambda ref: ref.kind == "episode"
    if kind == "shows":
        return lambda ref: ref.kind == "episode" and cat.episodes[ref.trakt][0].trakt == trakt
    season = cat.seasons[trakt][1]
    wanted = {e.trakt for e in season.episodes}
    return lambda ref: ref.kind == "episode" and ref.trakt in wanted


@route("GET", "/sync/history", auth="required", page=HISTORY)
@route("GET", "/sync/history/{type}", auth="required", page=HISTORY)
@route("GET", "/sync/history/{type}/{id}", auth="required", page=HISTORY)
@route("GET", "/users/{id}/history", auth="optional", page=HISTORY)
@route("GET", "/users/{id}/history/{type}", auth="optional", page=HISTORY)
@route("GET", "/users/{id}/history/{type}/{item_id}", auth="optional", page=HISTORY)
def history(ctx: Ctx) -> Any:
    user = subject(ctx)
    item = ctx.params.get("item_id" if ctx.path.startswith("/users/") else "id")
    selects = _selector(ctx, ctx.params.get("type"), item)
    start, end = time_window(ctx)
    found = [
        play
        for play in user.library.history
        if selects(play.ref)
        and (start is None or play.watched_at >= start)
        and (end is None or play.watched_at <= end)
    ]
    found.sort(key=lambda play: (play.watched_at, play.id), reverse=True)
    state, full = ctx.state, ctx.full
    return Listing(found, lambda play: history_json(state, play, full=full))


@route("POST", "/sync/history", auth="required")
def add(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    now = state.now()
    matched = match_body(state, ctx.body, HISTORY_FIELDS)
    new: list[tuple[MediaRef, float]] = []
    for target in matched.targets:
        for play in plays(state, target, now=now):
            new.append(
                (play.ref, watched_time(state, play.ref, play.fields.get("watched_at"), now))
            )
    added = {"movies": 0, "episodes": 0}
    for entry in record_plays(state, user, new, "watch", now):
        added[f"{entry.ref.kind}s"] += 1
    body = {
        "added": added,
        "updated": {"movies": 0, "episodes": 0},
        "not_found": matched.not_found,
    }
    return Reply(body, status=201)


@route("POST", "/sync/history/remove", auth="required")
def remove(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    now = state.now()
    raw_ids = body_object(ctx.body).get("ids") or []
    if not isinstance(raw_ids, list) or not all(is_int(v) for v in raw_ids):
        raise ApiError(400, "invalid_body", "ids: must be an array of history ids (integers)")
    matched = match_body(state, ctx.body, frozenset())
    refs = {
        play.ref
        for target in matched.targets
        for play in plays(state, target, now=now, aired_only=False, specials=True)
    }
    lib = user.library
    own_ids = {play.id for play in lib.history}
    ids = set(raw_ids)
    deleted = {"movies": 0, "episodes": 0}
    kept: list[HistoryEntry] = []
    for play in lib.history:
        if play.ref in refs or play.id in ids:
            deleted[f"{play.ref.kind}s"] += 1
        else:
            kept.append(play)
    lib.history = kept
    bump(user, (k[:-1] for k, n in deleted.items() if n), "watched_at", now)
    not_found: dict[str, list[Any]] = {**matched.not_found, "ids": []}
    not_found["ids"] = [i for i in raw_ids if i not in own_ids]
    return {"deleted": deleted, "not_found": not_found}
