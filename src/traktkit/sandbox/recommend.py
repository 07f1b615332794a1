"""Personal recommendations (REFERENCE §11): deterministic, explainable ranking.

Candidates: released movies (or shows) of the catalogue, minus
* everything the user watched (a movie with a play, a show with any episode play) or rated
  (the title itself; rating implies having seen it): always;
* items hidden in the `recommendations` hidden section: always;
* collected items (a show with any collected episode) with `ignore_collected=true`;
* watchlisted items (the movie or show entry) with `ignore_watchlisted=true`.

Order: genre affinity first, then popularity (rating x votes), then Trakt id. The affinity
of a genre sums, over the user's ratings, `rating - 5.5` (so 10 pulls, 1 pushes) and, per
watched title, `+1`; a candidate scores the mean affinity of its genres. A user with no
ratings or plays gets the most popular titles.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from traktkit.sandbox.catalogue import Movie, Show
from traktkit.sandbox.library import MediaRef
from traktkit.sandbox.stats import popularity, released

if TYPE_CHECKING:
    from traktkit.sandbox.state import SandboxState
    from traktkit.sandbox.users import UserState


def _genres(state: SandboxState, ref: MediaRef) -> tuple[str, ...]:
    cat = state.catalogue
    if ref.kind == "movie":
        return cat.movies[ref.trakt].genres
    if ref.kind == "show":
        return cat.shows[ref.trakt].genres
    if ref.kind == "season":
        return cat.seasons[ref.trakt][0].genres
    if ref.kind == "episode":
        return cat.episodes[ref.trakt][0].genres
    return ()


def _top(state: SandboxState, ref: MediaRef) -> MediaRef:
    """The movie or show an entry belongs to."""
    if ref.kind == "episode":
        return MediaRef("show", state.catalogue.episodes[ref.trakt][0].trakt)
    if ref.kind == "season":
        return MediaRef("show", state.catalogue.seasons[ref.trakt][0].trakt)
    return ref


def affinity(state: SandboxState, user: UserState) -> dict[str, float]:
    lib = user.library
    scores: dict[str, float] = {}
    for entry in lib.ratings.values():
        for genre in _genres(state, entry.ref):
            scores[genre] = scores.get(genre, 0.0) + entry.rating - 5.5
    for ref in {_top(state, play.ref) for play in lib.history}:
        for genre in _genres(state, ref):
            scores[genre] = scores.get(genre, 0.0) + 1.0
    return scores


def recommend(
    state: SandboxState,
    user: UserState,
    kind: str,
    *,
    ignore_collected: bool,
    ignore_watchlisted: bool,
) -> list[Movie | Show]:
    """The ranked candidates for `kind` (`movie` or `show`)."""
    lib = user.library
    excluded = {_top(state, play.ref) for play in lib.history}
    excluded |= set(lib.ratings)
    excluded |= {item.ref for item in lib.hidden["recommendations"]}
    if ignore_collected:
        excluded |= {_top(state, ref) for ref in lib.collection}
    if ignore_watchlisted:
        excluded |= {item.ref for item in lib.watchlist}
    cat, now = state.catalogue, state.now()
    pool: list[Movie | Show] = list(cat.all_movies() if kind == "movie" else cat.all_shows())
    scores = affinity(state, user)

    def rank(item: Movie | Show) -> tuple[float, float, int]:
        genres = item.genres or ("none",)
        fit = sum(scores.get(g, 0.0) for g in genres) / len(genres)
        return (-round(fit, 6), -popularity(item), item.trakt)

    candidates = [
        item
        for item in pool
        if MediaRef(kind, item.trakt) not in excluded  # type: ignore[arg-type]
        and (when := released(item)) is not None
        and when <= now
    ]
    candidates.sort(key=rank)
    return candidates
