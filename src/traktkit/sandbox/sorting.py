"""List-item sorting (watchlist, favorites, personal lists): the classic `/{sort}` and the
2026 `/{sort_by}/{sort_how}` forms (§4.3, §8.8, §8.9, §12.4). People sort by name and have
no other value (they come last for the other sorts).

* `sort_by` values: `rank, added, title, released, runtime, popularity, percentage, votes,
  my_rating, random, watched, collected`, plus the VIP-only `imdb_rating, tmdb_rating,
  rt_tomatometer, rt_audience, metascore, imdb_votes, tmdb_votes` (a free user falls back to
  `rank`, as on Trakt; the sandbox has no external ratings, so `*_votes` sort by Trakt's
  votes and the others by Trakt's rating). Anything else answers 400.
* The classic form takes a direction per sort: `rank` and `title` ascending, the others
  descending (newest, longest, most popular first).
* `title` ignores a leading "The", "A" or "An"; items without a value (an unknown release
  date, no rating of mine) come last in both directions; ties keep rank order.
* `random` is a deterministic shuffle (by list-item id), so pages stay consistent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from traktkit.sandbox.catalogue import released_ts
from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import ListItem, MediaRef
from traktkit.sandbox.scoring import normalize

if TYPE_CHECKING:
    from traktkit.sandbox.state import SandboxState
    from traktkit.sandbox.users import UserState

SORT_BY = (
    "rank",
    "added",
    "title",
    "released",
    "runtime",
    "popularity",
    "percentage",
    "votes",
    "my_rating",
    "random",
    "watched",
    "collected",
)
VIP_SORT_BY = (
    "imdb_rating",
    "tmdb_rating",
    "rt_tomatometer",
    "rt_audience",
    "metascore",
    "imdb_votes",
    "tmdb_votes",
)
SORT_HOW = ("asc", "desc")
ASCENDING_BY_DEFAULT = frozenset({"rank", "title"})


def default_how(sort_by: str) -> str:
    return "asc" if sort_by in ASCENDING_BY_DEFAULT else "desc"


def check_sort(sort_by: str, sort_how: str | None, vip: bool) -> tuple[str, str]:
    """The (sort_by, sort_how) to apply; 400 for unknown values."""
    if sort_by not in SORT_BY and sort_by not in VIP_SORT_BY:
        raise ApiError(400, "invalid_sort", f"sort must be one of {', '.join(SORT_BY)}")
    if sort_how is not None and sort_how not in SORT_HOW:
        raise ApiError(400, "invalid_sort", "sort_how must be asc or desc")
    if sort_by in VIP_SORT_BY and not vip:
        return "rank", "asc"
    return sort_by, sort_how or default_how(sort_by)


def _title(text: str) -> str:
    value = normalize(text)
    for article in ("the ", "a ", "an "):
        if value.startswith(article):
            return value[len(article) :]
    return value


class _Facts:
    """Per-item values for sorting, looked up in the catalogue and the user's library."""

    def __init__(self, state: SandboxState, user: UserState) -> None:
        self.cat = state.catalogue
        lib = user.library
        self.ratings = {ref: entry.rating for ref, entry in lib.ratings.items()}
        self.last_play: dict[MediaRef, float] = {}
        for play in lib.history:
            refs = [play.ref]
            if play.ref.kind == "episode":
                show, ep = self.cat.episodes[play.ref.trakt]
                season = show.season(ep.season)
                refs.append(MediaRef("show", show.trakt))
                if season is not None:
                    refs.append(MediaRef("season", season.trakt))
            for ref in refs:
                self.last_play[ref] = max(self.last_play.get(ref, 0.0), play.watched_at)
        self.collected: dict[MediaRef, float] = {}
        for entry in lib.collection.values():
            refs = [entry.ref]
            if entry.ref.kind == "episode":
                refs.append(MediaRef("show", self.cat.episodes[entry.ref.trakt][0].trakt))
            for ref in refs:
                self.collected[ref] = max(self.collected.get(ref, 0.0), entry.collected_at)

    def media(self, ref: MediaRef) -> tuple[str, float | None, int | None, float, int]:
        """(title, released, runtime, rating, votes) of any kind of item."""
        cat = self.cat
        if ref.kind == "movie":
            m = cat.movies[ref.trakt]
            return m.title, released_ts(m), m.runtime, m.rating, m.votes
        if ref.kind == "show":
            s = cat.shows[ref.trakt]
            return s.title, s.first_aired, s.runtime, s.rating, s.votes
        if ref.kind == "season":
            show, season = cat.seasons[ref.trakt]
            runtime = sum(e.runtime or 0 for e in season.episodes)
            title = f"{show.title} {season.number:04d}"
            return title, season.first_aired, runtime, season.rating, season.votes
        if ref.kind == "person":
            return cat.people[ref.trakt].name, None, None, 0.0, 0
        show, ep = cat.episodes[ref.trakt]
        title = f"{show.title} {ep.season:04d} {ep.number:04d}"
        return title, ep.first_aired, ep.runtime, ep.rating, ep.votes

    def key(self, sort_by: str) -> Callable[[ListItem], Any]:
        def value(item: ListItem) -> Any:
            title, released, runtime, rating, votes = self.media(item.ref)
            return {
                "added": item.listed_at,
                "title": _title(title),
                "released": released,
                "runtime": runtime,
                "popularity": rating * votes,
                "percentage": rating,
                "votes": votes,
                "my_rating": self.ratings.get(item.ref),
                "random": (item.id * 2654435761) % 4294967291,
                "watched": self.last_play.get(item.ref),
                "collected": self.collected.get(item.ref),
            }.get(sort_by, votes if sort_by.endswith("votes") else rating)

        return value


def sort_items(
    state: SandboxState, user: UserState, items: list[ListItem], sort_by: str, sort_how: str
) -> list[ListItem]:
    by_rank = sorted(items, key=lambda item: item.rank)
    if sort_by == "rank":
        return by_rank if sort_how == "asc" else by_rank[::-1]
    key = _Facts(state, user).key(sort_by)
    valued = [(key(item), item) for item in by_rank]
    present = [pair for pair in valued if pair[0] is not None]
    missing = [item for value, item in valued if value is None]
    present.sort(key=lambda pair: pair[0], reverse=sort_how == "desc")
    return [item for _, item in present] + missing
