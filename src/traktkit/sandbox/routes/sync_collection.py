"""Collection, called "library" in 2026 (REFERENCE §8.4), and `/users/{id}/collection`.

Decisions where the reference is silent:
* a whole show or season collects its aired episodes (a whole show without specials), as
  history does; named episodes are collected as named; removal takes every episode;
* re-posting a collected item: if a sent metadata field or `collected_at` differs from what
  is stored, the sent values are merged in, `updated_at` moves and it counts under
  `updated`; otherwise it counts under `existing` and nothing changes;
* `collected_at: "released"` works for movies (release date, 00:00 UTC) and episodes (first
  air time plus runtime); when that date is unknown the item is collected "now";
* metadata reads back with `null` for unset fields; `3d` is `1`/`null` for movies and a
  boolean (or `null` when never set) for episodes (2026-03 change);
* entries are sorted by `collected_at` (movies) / `last_collected_at` (shows), newest first;
* `{type}` other than `movies`/`shows` -> 400; 420 when the additions would take the
  library past `limits.collection` (1,000 free, 100,000 VIP; episodes count one each).
"""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.catalogue import released_ts
from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import CollectionEntry, MediaRef
from traktkit.sandbox.matching import match_body, plays
from traktkit.sandbox.mutations import bump, check_limit
from traktkit.sandbox.pagination import COLLECTION
from traktkit.sandbox.render import show_json
from traktkit.sandbox.routes.users import subject
from traktkit.sandbox.routing import Ctx, Listing, Reply, route
from traktkit.sandbox.state import SandboxState
from traktkit.sandbox.timeutil import iso
from traktkit.sandbox.validation import COLLECTION_FIELDS, METADATA_ENUMS, METADATA_FIELDS
from traktkit.sandbox.views import media


def metadata_json(kind: str, stored: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {name: stored.get(name) for name in METADATA_ENUMS}
    three_d = stored.get("3d")
    out["3d"] = (1 if three_d else None) if kind == "movie" else three_d
    return out


def _collected_time(state: SandboxState, ref: MediaRef, value: Any, now: float) -> float:
    if isinstance(value, float):
        return value
    if value == "released":
        cat = state.catalogue
        if ref.kind == "movie":
            released = released_ts(cat.movies[ref.trakt])
        else:
            ep = cat.episodes[ref.trakt][1]
            released = None if ep.first_aired is None else ep.first_aired + 60 * (ep.runtime or 0)
        if released is not None:
            return released
    return now


@route("GET", "/sync/collection/{type}", auth="required", page=COLLECTION)
@route("GET", "/users/{id}/collection/{type}", auth="optional", page=COLLECTION)
def collection(ctx: Ctx) -> Any:
    user = subject(ctx)
    kind = ctx.params["type"]
    if kind not in ("movies", "shows"):
        raise ApiError(400, "invalid_type", "type must be movies or shows")
    state, full, with_meta = ctx.state, ctx.full, "metadata" in ctx.extended
    entries = user.library.collection.values()
    if kind == "movies":
        movies = sorted(
            (e for e in entries if e.ref.kind == "movie"), key=lambda e: -e.collected_at
        )

        def movie_row(entry: CollectionEntry) -> Any:
            row: dict[str, Any] = {
                "collected_at": iso(entry.collected_at),
                "updated_at": iso(entry.updated_at),
                **media(state, entry.ref, full=full),
            }
            if with_meta:
                row["metadata"] = metadata_json("movie", entry.metadata)
            return row

        return Listing(movies, movie_row)
    by_show: dict[int, list[CollectionEntry]] = {}
    for entry in entries:
        if entry.ref.kind == "episode":
            show_trakt = state.catalogue.episodes[entry.ref.trakt][0].trakt
            by_show.setdefault(show_trakt, []).append(entry)
    groups = sorted(by_show.items(), key=lambda g: -max(e.collected_at for e in g[1]))

    def show_row(group: tuple[int, list[CollectionEntry]]) -> Any:
        show = state.catalogue.shows[group[0]]
        seasons: dict[int, list[dict[str, Any]]] = {}
        for entry in group[1]:
            ep = state.catalogue.episodes[entry.ref.trakt][1]
            row: dict[str, Any] = {"number": ep.number, "collected_at": iso(entry.collected_at)}
            if with_meta:
                row["metadata"] = metadata_json("episode", entry.metadata)
            seasons.setdefault(ep.season, []).append(row)
        return {
            "last_collected_at": iso(max(e.collected_at for e in group[1])),
            "last_updated_at": iso(max(e.updated_at for e in group[1])),
            "show": show_json(show, full=full, now=state.now()),
            "seasons": [
                {"number": n, "episodes": sorted(eps, key=lambda r: r["number"])}
                for n, eps in sorted(seasons.items())
            ],
        }

    return Listing(groups, show_row)


@route("POST", "/sync/collection", auth="required")
def add(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    now = state.now()
    matched = match_body(state, ctx.body, COLLECTION_FIELDS)
    wanted = [play for target in matched.targets for play in plays(state, target, now=now)]
    lib = user.library
    fresh = {play.ref for play in wanted if play.ref not in lib.collection}
    check_limit(user, "library", user.limits.collection, len(lib.collection), len(fresh))
    added = {"movies": 0, "episodes": 0}
    updated = {"movies": 0, "episodes": 0}
    existing = {"movies": 0, "episodes": 0}
    for play in wanted:
        key = f"{play.ref.kind}s"
        sent_at = play.fields.get("collected_at")
        at = _collected_time(state, play.ref, sent_at, now)
        meta = {name: play.fields[name] for name in METADATA_FIELDS if name in play.fields}
        entry = lib.collection.get(play.ref)
        if entry is None:
            lib.collection[play.ref] = CollectionEntry(play.ref, at, now, meta)
            added[key] += 1
            continue
        changed = any(entry.metadata.get(k) != v for k, v in meta.items())
        changed = changed or (sent_at is not None and entry.collected_at != at)
        if not changed:
            existing[key] += 1
            continue
        entry.metadata.update(meta)
        entry.collected_at = at if sent_at is not None else entry.collected_at
        entry.updated_at = now
        updated[key] += 1
    touched = [k[:-1] for k in added if added[k] or updated[k]]
    bump(user, touched, "collected_at", now)
    body = {
        "added": added,
        "updated": updated,
        "existing": existing,
        "not_found": matched.not_found,
    }
    return Reply(body, status=201)


@route("POST", "/sync/collection/remove", auth="required")
def remove(ctx: Ctx) -> Any:
    state, user = ctx.state, ctx.require_user()
    now = state.now()
    matched = match_body(state, ctx.body, frozenset())
    deleted = {"movies": 0, "episodes": 0}
    lib = user.library
    for target in matched.targets:
        for play in plays(state, target, now=now, aired_only=False, specials=True):
            if lib.collection.pop(play.ref, None) is not None:
                deleted[f"{play.ref.kind}s"] += 1
    bump(user, [k[:-1] for k, n in deleted.items() if n], "collected_at", now)
    return {"deleted": deleted, "not_found": matched.not_found}
