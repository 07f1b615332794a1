"""Sync matching, shared by every sync POST (REFERENCE §8.1).

`match_body(state, body, fields)` turns the `movies`, `shows`, `seasons` and `episodes`
arrays of a request into `Target`s (catalogue items plus their validated per-level fields)
and a `not_found` object. Then each endpoint picks its granularity:

* `leaves(t)`: the deepest level the request named (watchlist, hidden): a show without
  `seasons` is the show, `seasons[{number}]` are those seasons, `episodes[{number}]`
  those episodes;
* `plays(state, t, ...)`: movies and episodes (history, collection): a whole show or season
  expands to its episodes;
* `nodes(t)`: every level (ratings: each level that carries its own `rating`).

Matching: ids in the order `trakt`, `imdb`, `tmdb`, `tvdb`, `slug` (the first id that
matches wins); movies and shows then fall back to `title` + `year`, then to the title alone
(the most current title), unless the config's `title_fallback` is off. Seasons and
episodes match by their own ids; inside a show, by `number`.

Personal lists also take `people` (ids, then the exact name when `title_fallback` is on);
scrobble bodies name one movie or episode (`match_one`).

`not_found` echoes unmatched items exactly as sent (extra fields such as `rating`
included). A show that matched but names seasons/episodes that do not exist is echoed
with all its own fields and `seasons` narrowed to the missing ones (a season whose
episodes partly exist keeps only the missing `episodes`); the parts that exist are
applied. An empty `seasons` (or `episodes`) list means the whole show (season).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast

from traktkit.sandbox.catalogue import Episode, Season, Show
from traktkit.sandbox.library import MediaKind, MediaRef
from traktkit.sandbox.scoring import normalize
from traktkit.sandbox.validation import bad_type, check_fields, is_int

if TYPE_CHECKING:
    from traktkit.sandbox.state import SandboxState

SyncKind = Literal["movie", "show", "season", "episode"]
ARRAYS: tuple[tuple[str, SyncKind], ...] = (
    ("movies", "movie"),
    ("shows", "show"),
    ("seasons", "season"),
    ("episodes", "episode"),
)
PLURAL: dict[str, str] = {**{kind: name for name, kind in ARRAYS}, "person": "people"}
ID_ORDER = ("trakt", "imdb", "tmdb", "tvdb", "slug")


@dataclass
class Target:
    """A matched item: `own` fields sent at its level, `fields` merged with its parents'."""

    ref: MediaRef
    own: dict[str, Any]
    fields: dict[str, Any]
    children: list[Target] | None = None  # selected seasons / episodes; None = all
    path: str = ""  # where it was in the body, e.g. `shows[0].seasons[1]`


@dataclass
class Matched:
    targets: list[Target] = field(default_factory=list)
    not_found: dict[str, list[Any]] = field(
        default_factory=lambda: {name: [] for name, _ in ARRAYS}
    )


def counts(keys: tuple[str, ...] = ("movies", "shows", "seasons", "episodes")) -> dict[str, int]:
    return dict.fromkeys(keys, 0)


def body_object(body: Any) -> dict[str, Any]:
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise bad_type("body", "must be a JSON object")
    return cast(dict[str, Any], body)


def entries(body: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The items of one top-level array (400 when it is not a list of objects)."""
    raw = body.get(name)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise bad_type(name, "must be an array")
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise bad_type(f"{name}[{index}]", "must be an object")
    return cast(list[dict[str, Any]], raw)


class _Matcher:
    def __init__(self, state: SandboxState, wanted: frozenset[str]) -> None:
        self.state = state
        self.cat = state.catalogue
        self.wanted = wanted
        self.result = Matched()

    # -- identification ---------------------------------------------------------------
    def identify(self, kind: MediaKind, entry: dict[str, Any], path: str) -> int | None:
        ids = entry.get("ids")
        if ids is not None and not isinstance(ids, dict):
            raise bad_type(f"{path}.ids", "must be an object")
        for id_type in ID_ORDER:
            value = (ids or {}).get(id_type)
            if value is None or value == "":
                continue
            if isinstance(value, bool) or not isinstance(value, str | int):
                raise bad_type(f"{path}.ids.{id_type}", "must be a string or an integer")
            found = self.cat.by_id(kind, id_type, str(value))
            if found is not None:
                return found
        if kind not in ("movie", "show", "person") or not self.state.config.title_fallback:
            return None
        if kind == "person":
            return self.person_by_name(entry, path)
        title, year = entry.get("title"), entry.get("year")
        if title is None:
            return None
        if not isinstance(title, str):
            raise bad_type(f"{path}.title", "must be a string")
        if year is not None and not is_int(year):
            raise bad_type(f"{path}.year", "must be an integer")
        return self.state.title_index().find(kind, title, year) if title.strip() else None

    def person_by_name(self, entry: dict[str, Any], path: str) -> int | None:
        name = entry.get("name")
        if name is None:
            return None
        if not isinstance(name, str):
            raise bad_type(f"{path}.name", "must be a string")
        wanted = normalize(name)
        found = [p.trakt for p in self.cat.people.values() if normalize(p.name) == wanted]
        return min(found) if found and wanted else None

    def fields(self, entry: dict[str, Any], path: str) -> dict[str, Any]:
        return check_fields(entry, path, self.wanted)

    def validate_nested(self, entry: dict[str, Any], path: str) -> None:
        """Check the seasons/episodes of an unmatched item (bad input is 400/422 anyway)."""
        for name in ("seasons", "episodes"):
            for index, item in enumerate(_sub_list(entry, name, path)):
                where = f"{path}.{name}[{index}]"
                _number(item, where)
                self.fields(item, where)
                self.validate_nested(item, where)

    # -- levels -----------------------------------------------------------------------
    def movie(self, entry: dict[str, Any], path: str) -> None:
        own = self.fields(entry, path)
        trakt = self.identify("movie", entry, path)
        if trakt is None:
            self.result.not_found["movies"].append(entry)
            return
        self.result.targets.append(Target(MediaRef("movie", trakt), own, dict(own), path=path))

    def person(self, entry: dict[str, Any], path: str) -> None:
        own = self.fields(entry, path)
        trakt = self.identify("person", entry, path)
        if trakt is None:
            self.result.not_found["people"].append(entry)
            return
        self.result.targets.append(Target(MediaRef("person", trakt), own, dict(own), path=path))

    def episode(self, entry: dict[str, Any], path: str) -> None:
        own = self.fields(entry, path)
        trakt = self.identify("episode", entry, path)
        if trakt is None:
            self.result.not_found["episodes"].append(entry)
            return
        self.result.targets.append(Target(MediaRef("episode", trakt), own, dict(own), path=path))

    def show(self, entry: dict[str, Any], path: str) -> None:
        own = self.fields(entry, path)
        trakt = self.identify("show", entry, path)
        if trakt is None:
            self.validate_nested(entry, path)
            self.result.not_found["shows"].append(entry)
            return
        target = Target(MediaRef("show", trakt), own, dict(own), path=path)
        seasons = _sub_list(entry, "seasons", path)
        if not seasons:
            self.result.targets.append(target)
            return
        show = self.cat.shows[trakt]
        target.children, missing = [], []
        for index, raw in enumerate(seasons):
            where = f"{path}.seasons[{index}]"
            number = _number(raw, where)
            season = show.season(number)
            if season is None:
                missing.append(raw)
                continue
            child, lost = self.season_in(show, season, raw, where, target.fields)
            if child is not None:
                target.children.append(child)
            if lost:
                missing.append({**raw, "episodes": lost})
        if target.children:
            self.result.targets.append(target)
        if missing:
            self.result.not_found["shows"].append({**entry, "seasons": missing})

    def season_in(
        self,
        show: Show,
        season: Season,
        raw: dict[str, Any],
        path: str,
        inherited: dict[str, Any],
    ) -> tuple[Target | None, list[Any]]:
        own = self.fields(raw, path)
        target = Target(MediaRef("season", season.trakt), own, {**inherited, **own}, path=path)
        episodes = _sub_list(raw, "episodes", path)
        if not episodes:
            return target, []
        target.children, missing = [], []
        by_number = {e.number: e for e in season.episodes}
        for index, item in enumerate(episodes):
            where = f"{path}.episodes[{index}]"
            number = _number(item, where)
            found = by_number.get(number)
            if found is None:
                missing.append(item)
                continue
            ep_own = self.fields(item, where)
            merged = {**target.fields, **ep_own}
            ref = MediaRef("episode", found.trakt)
            target.children.append(Target(ref, ep_own, merged, path=where))
        return (target if target.children else None), missing

    def season(self, entry: dict[str, Any], path: str) -> None:
        trakt = self.identify("season", entry, path)
        if trakt is None:
            self.fields(entry, path)
            self.validate_nested(entry, path)
            self.result.not_found["seasons"].append(entry)
            return
        show, season = self.cat.seasons[trakt]
        target, missing = self.season_in(show, season, entry, path, {})
        if target is not None:
            self.result.targets.append(target)
        if missing:
            self.result.not_found["seasons"].append({**entry, "episodes": missing})


def _sub_list(entry: dict[str, Any], name: str, path: str) -> list[dict[str, Any]]:
    raw = entry.get(name)
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise bad_type(f"{path}.{name}", "must be an array of objects")
    return cast(list[dict[str, Any]], raw)


def _number(entry: dict[str, Any], path: str) -> int:
    value = entry.get("number")
    if not is_int(value):
        raise bad_type(f"{path}.number", "must be an integer")
    return value


def match_body(
    state: SandboxState,
    body: Any,
    wanted: frozenset[str],
    arrays: tuple[str, ...] = ("movies", "shows", "seasons", "episodes"),
) -> Matched:
    """Validate and match every item of `arrays` in `body` (raises ApiError 400/422).

    `arrays` may include `people` (personal lists); `not_found` then has that key too."""
    data = body_object(body)
    matcher = _Matcher(state, wanted)
    handlers = {
        "movies": matcher.movie,
        "shows": matcher.show,
        "seasons": matcher.season,
        "episodes": matcher.episode,
        "people": matcher.person,
    }
    for name in arrays:
        matcher.result.not_found.setdefault(name, [])
    for name in arrays:
        for index, entry in enumerate(entries(data, name)):
            handlers[name](entry, f"{name}[{index}]")
    return matcher.result


def match_one(state: SandboxState, body: Any) -> MediaRef | None:
    """The movie or episode a scrobble/checkin body names (§12.2): `movie`, `episode` by
    its ids, or `show` + `episode` by `season`/`number` (or `number_abs`). None = no match."""
    data = body_object(body)
    matcher = _Matcher(state, frozenset())
    movie, episode, show = data.get("movie"), data.get("episode"), data.get("show")
    for name, value in (("movie", movie), ("episode", episode), ("show", show)):
        if value is not None and not isinstance(value, dict):
            raise bad_type(name, "must be an object")
    if movie is not None:
        trakt = matcher.identify("movie", movie, "movie")
        return None if trakt is None else MediaRef("movie", trakt)
    if episode is None:
        raise bad_type("body", "send a movie, an episode, or a show and an episode")
    if episode.get("ids"):
        trakt = matcher.identify("episode", episode, "episode")
        if trakt is not None or show is None:
            return None if trakt is None else MediaRef("episode", trakt)
    if show is None:
        raise bad_type("episode", "needs ids, or a show with season and number")
    show_trakt = matcher.identify("show", show, "show")
    if show_trakt is None:
        return None
    found = _episode_in(state.catalogue.shows[show_trakt], episode)
    return None if found is None else MediaRef("episode", found.trakt)


def _episode_in(show: Show, episode: dict[str, Any]) -> Episode | None:
    absolute = episode.get("number_abs")
    if absolute is not None:
        if not is_int(absolute):
            raise bad_type("episode.number_abs", "must be an integer")
        return next((e for e in show.episodes() if e.number_abs == absolute), None)
    season = episode.get("season")
    if not is_int(season):
        raise bad_type("episode.season", "must be an integer")
    return show.episode(season, _number(episode, "episode"))


# -- expansion ----------------------------------------------------------------------------
def leaves(target: Target) -> Iterator[Target]:
    """The deepest levels the request named."""
    if target.children is None:
        yield target
        return
    for child in target.children:
        yield from leaves(child)


def nodes(target: Target) -> Iterator[Target]:
    """Every level, parents first."""
    yield target
    for child in target.children or ():
        yield from nodes(child)


def aired(episode: Episode, now: float) -> bool:
    return episode.first_aired is not None and episode.first_aired <= now


def plays(
    state: SandboxState,
    target: Target,
    *,
    now: float,
    aired_only: bool = True,
    specials: bool = False,
) -> Iterator[Target]:
    """Movies and episodes: a whole show (without specials unless `specials`) or season
    expands to its episodes (aired ones only when `aired_only`); named episodes as named."""
    kind = target.ref.kind
    if kind in ("movie", "episode"):
        yield target
        return
    if target.children is not None:
        for child in target.children:
            yield from plays(state, child, now=now, aired_only=aired_only, specials=specials)
        return
    cat = state.catalogue
    if kind == "season":
        seasons = [cat.seasons[target.ref.trakt][1]]
    else:
        show = cat.shows[target.ref.trakt]
        seasons = [s for s in show.seasons if specials or s.number > 0]
    for season in seasons:
        for ep in season.episodes:
            if not aired_only or aired(ep, now):
                yield Target(MediaRef("episode", ep.trakt), {}, dict(target.fields))
