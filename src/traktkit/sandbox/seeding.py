"""`--library SPEC`: deterministically fill a user's library from the catalogue.

Plays (movies and episodes, distinct 64-bit ids that grow with time, minute-precision
`watched_at` spread over the last five years and never before the release), ratings
1-10 with `rated_at`, watchlist entries (never a watched movie, nor a show with a watched
episode, as auto-removal on watch guarantees on the real service), collected movies
with metadata, favorites (at most the favorites cap, 50 for everyone), personal lists with
their items and playback progress (`seeding_lists`); then the user's last_activities match
the data. If the counts exceed the free account limits the user is made VIP, so the state
stays consistent; what even VIP limits cannot hold is left out.
"""

from __future__ import annotations

import random

from traktkit.sandbox.config import LibrarySpec
from traktkit.sandbox.library import (
    CollectionEntry,
    HistoryEntry,
    ListItem,
    MediaKind,
    MediaRef,
    RatingEntry,
)
from traktkit.sandbox.seeding_lists import fill_lists, fill_playback
from traktkit.sandbox.state import SandboxState
from traktkit.sandbox.timeutil import DAY, date_to_ts, minute
from traktkit.sandbox.users import AccountLimits, UserState

YEARS_BACK = 5
_RATING_WEIGHTS = (1, 1, 2, 3, 5, 8, 12, 14, 10, 6)
_MEDIA = ("bluray", "digital", "dvd", "digital")
_RESOLUTIONS = ("hd_1080p", "uhd_4k", "hd_720p", "sd_480p")
_AUDIO = ("dolby_digital_plus", "dts_ma", "aac", "dolby_atmos")
_CHANNELS = ("5.1", "2.0", "7.1", "5.1.2")


def _released(state: SandboxState, now: float) -> tuple[list[tuple[MediaRef, float]], ...]:
    cat = state.catalogue
    cat.ensure_loaded()
    dated = [(m.trakt, date_to_ts(m.released)) for m in cat.movies.values() if m.released]
    movies = [(MediaRef("movie", trakt), ts) for trakt, ts in dated if ts < now]
    episodes = [
        (MediaRef("episode", e.trakt), e.first_aired)
        for s in cat.shows.values()
        for e in s.episodes()
        if e.season > 0 and e.first_aired is not None and e.first_aired < now
    ]
    shows = [
        (MediaRef("show", s.trakt), s.first_aired)
        for s in cat.shows.values()
        if s.first_aired is not None and s.first_aired < now
    ]
    return movies, episodes, shows


def _when(rng: random.Random, released: float, now: float) -> float:
    start = max(released, now - YEARS_BACK * 365 * DAY)
    return minute(rng.uniform(start, now - 60))


def fill_library(state: SandboxState, user: UserState, spec: LibrarySpec) -> None:
    if spec.empty:
        return
    rng = random.Random(f"traktkit-library-{state.config.seed}-{user.username}")
    now = state.now()
    movies, episodes, shows = _released(state, now)
    lib = user.library
    free = AccountLimits.for_vip(False)
    if spec.watchlist > free.watchlist or spec.collection > free.collection:
        user.vip = True
    if spec.ratings > free.ratings or spec.lists > free.list_count:
        user.vip = True
    if spec.lists and spec.items > free.list_item_count:
        user.vip = True
    if spec.lists * spec.items > free.list_total_items:
        user.vip = True

    # -- history --------------------------------------------------------------------
    plays: list[tuple[float, MediaRef]] = []
    for _ in range(spec.plays):
        pool = movies if (rng.random() < 0.4 or not episodes) else episodes
        if not pool:
            break
        ref, released = pool[rng.randrange(len(pool))]
        plays.append((_when(rng, released, now), ref))
    plays.sort(key=lambda p: p[0])
    for watched_at, ref in plays:
        play = HistoryEntry(state.next_id("history"), ref, watched_at, "watch", watched_at)
        lib.history.append(play)
    watched = _watched_refs(state, {ref for _, ref in plays})

    # -- ratings ----------------------------------------------------------------------
    rated: list[RatingEntry] = []
    candidates = movies + shows + episodes
    for ref, released in rng.sample(candidates, min(spec.ratings, len(candidates))):
        rating = rng.choices(range(1, 11), weights=_RATING_WEIGHTS)[0]
        rated.append(RatingEntry(ref, rating, _when(rng, released, now)))
    for entry in rated:
        lib.ratings[entry.ref] = entry

    # -- watchlist (movies and shows never watched: watching removes them) -----------
    unwatched = [c for c in movies + shows if c[0] not in watched]
    picks = rng.sample(unwatched, min(spec.watchlist, len(unwatched)))
    listed = sorted(_when(rng, released, now) for _, released in picks)
    for rank, ((ref, _), listed_at) in enumerate(zip(picks, listed, strict=True), start=1):
        lib.watchlist.append(ListItem(state.next_id("list_item"), rank, ref, listed_at))

    # -- collection (movies with metadata) -------------------------------------------
    for ref, released in rng.sample(movies, min(spec.collection, len(movies))):
        at = _when(rng, released, now)
        lib.collection[ref] = CollectionEntry(
            ref,
            at,
            at,
            {
                "media_type": rng.choice(_MEDIA),
                "resolution": rng.choice(_RESOLUTIONS),
                "hdr": rng.choice((None, "hdr10", "dolby_vision")),
                "audio": rng.choice(_AUDIO),
                "audio_channels": rng.choice(_CHANNELS),
                "3d": None,
            },
        )

    # -- favorites (the best rated movies and shows, then others; at most the cap) -----
    cap = min(spec.favorites, user.limits.favorites)
    best = [e for e in sorted(rated, key=lambda e: -e.rating) if e.ref.kind in ("movie", "show")]
    chosen = [(e.ref, e.rated_at) for e in best[:cap]]
    taken = {ref for ref, _ in chosen}
    rest = [c for c in movies + shows if c[0] not in taken]
    for ref, released in rng.sample(rest, min(cap - len(chosen), len(rest))):
        chosen.append((ref, _when(rng, released, now)))
    for rank, (ref, listed_at) in enumerate(chosen, start=1):
        lib.favorites.append(ListItem(state.next_id("list_item"), rank, ref, listed_at))

    # -- personal lists and playback: their own random stream (the above stays as it was)
    extra = random.Random(f"traktkit-lists-{state.config.seed}-{user.username}")
    if spec.lists:
        fill_lists(state, user, extra, spec.lists, spec.items, (movies, shows, episodes))
    if spec.playback:
        fill_playback(state, user, extra, spec.playback, (movies, episodes))
    _bump_activities(user)


def _watched_refs(state: SandboxState, played: set[MediaRef]) -> set[MediaRef]:
    """Played movies and episodes, plus the shows and seasons of those episodes (a show
    with one watched episode would have left the watchlist, REFERENCE §8.8)."""
    out = set(played)
    for ref in played:
        if ref.kind == "episode":
            show, ep = state.catalogue.episodes[ref.trakt]
            out.add(MediaRef("show", show.trakt))
            season = show.season(ep.season)
            if season is not None:
                out.add(MediaRef("season", season.trakt))
    return out


def _latest(times: list[tuple[MediaKind, float]], kind: MediaKind) -> float | None:
    values = [t for k, t in times if k == kind]
    return max(values) if values else None


def _bump_activities(user: UserState) -> None:
    lib = user.library
    bumps: list[tuple[str, str, float | None]] = []
    plays = [(h.ref.kind, h.watched_at) for h in lib.history]
    bumps += [("movies", "watched_at", _latest(plays, "movie"))]
    bumps += [("episodes", "watched_at", _latest(plays, "episode"))]
    rated = [(r.ref.kind, r.rated_at) for r in lib.ratings.values()]
    for section, kind in (("movies", "movie"), ("shows", "show"), ("episodes", "episode")):
        bumps.append((section, "rated_at", _latest(rated, kind)))  # type: ignore[arg-type]
    listed = [(i.ref.kind, i.listed_at) for i in lib.watchlist]
    bumps += [("movies", "watchlisted_at", _latest(listed, "movie"))]
    bumps += [("shows", "watchlisted_at", _latest(listed, "show"))]
    if lib.watchlist:
        bumps.append(("watchlist", "updated_at", max(i.listed_at for i in lib.watchlist)))
    collected = [(c.ref.kind, c.collected_at) for c in lib.collection.values()]
    bumps += [("movies", "collected_at", _latest(collected, "movie"))]
    favorited = [(i.ref.kind, i.listed_at) for i in lib.favorites]
    bumps += [("movies", "favorited_at", _latest(favorited, "movie"))]
    bumps += [("shows", "favorited_at", _latest(favorited, "show"))]
    if lib.favorites:
        bumps.append(("favorites", "updated_at", max(i.listed_at for i in lib.favorites)))
    if lib.lists:
        bumps.append(("lists", "updated_at", max(p.updated_at for p in lib.lists)))
    paused = [(p.ref.kind, p.paused_at) for p in lib.playback]
    bumps += [("movies", "paused_at", _latest(paused, "movie"))]
    bumps += [("episodes", "paused_at", _latest(paused, "episode"))]
    for section, name, ts in bumps:
        if ts is not None:
            user.bump(section, name, ts)
