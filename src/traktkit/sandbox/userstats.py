"""`GET /users/{id}/stats` (REFERENCE §12.4), computed from the user's library.

* movies / episodes: `plays` = history entries, `watched` = distinct items played,
  `minutes` = the runtime of every play (a rewatch counts again), `collected` = collection
  entries, `ratings`; shows: `watched` = distinct shows with a played episode,
  `collected` = distinct shows with a collected episode, `ratings`; seasons: `ratings`;
* `comments` and the `network` counts are 0 (the sandbox has no comments nor followers);
* `ratings.distribution` has the keys "1".."10".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from traktkit.sandbox.state import SandboxState
    from traktkit.sandbox.users import UserState


def user_stats(state: SandboxState, user: UserState) -> dict[str, Any]:
    cat, lib = state.catalogue, user.library
    plays = {"movie": 0, "episode": 0}
    minutes = {"movie": 0, "episode": 0}
    watched: dict[str, set[int]] = {"movie": set(), "episode": set(), "show": set()}
    for play in lib.history:
        kind, trakt = play.ref.kind, play.ref.trakt
        if kind == "movie":
            runtime = cat.movies[trakt].runtime
        else:
            show, episode = cat.episodes[trakt]
            runtime = episode.runtime
            watched["show"].add(show.trakt)
        plays[kind] += 1
        minutes[kind] += runtime or 0
        watched[kind].add(trakt)
    collected = {"movie": 0, "episode": 0}
    collected_shows: set[int] = set()
    for ref in lib.collection:
        collected[ref.kind] += 1
        if ref.kind == "episode":
            collected_shows.add(cat.episodes[ref.trakt][0].trakt)
    rated = {"movie": 0, "show": 0, "season": 0, "episode": 0}
    distribution = {str(n): 0 for n in range(1, 11)}
    for entry in lib.ratings.values():
        rated[entry.ref.kind] += 1
        distribution[str(entry.rating)] += 1
    return {
        "movies": {
            "plays": plays["movie"],
            "watched": len(watched["movie"]),
            "minutes": minutes["movie"],
            "collected": collected["movie"],
            "ratings": rated["movie"],
            "comments": 0,
        },
        "shows": {
            "watched": len(watched["show"]),
            "collected": len(collected_shows),
            "ratings": rated["show"],
            "comments": 0,
        },
        "seasons": {"ratings": rated["season"], "comments": 0},
        "episodes": {
            "plays": plays["episode"],
            "watched": len(watched["episode"]),
            "minutes": minutes["episode"],
            "collected": collected["episode"],
            "ratings": rated["episode"],
            "comments": 0,
        },
        "network": {"friends": 0, "followers": 0, "following": 0},
        "ratings": {"total": len(lib.ratings), "distribution": distribution},
    }
