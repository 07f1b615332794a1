"""The catalogue: movies, shows (seasons, episodes) and people, indexed by every id.

Real titles come from `sandbox.data`; the synthetic ones (`sandbox.synthetic`) are built
lazily on the first lookup so that creating the app stays fast. Trakt ids are unique per
kind (a movie and a show may share one), as on the real service.

Id ranges that cannot collide with real ids:
* 60,000,000+: real titles whose Trakt id could not be verified (movies, shows, seasons);
* 70,000,000+: people; 80,000,000+ (and `tt8…` IMDb ids): episodes of real shows whose
  ids are unknown; 90,000,000+ (and `tt9…`): everything synthetic.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from traktkit.sandbox.timeutil import date_to_ts

GENERATED_TITLE_BASE = 60_000_000
PERSON_BASE = 70_000_000
GENERATED_EPISODE_BASE = 80_000_000


@dataclass(slots=True)
class Movie:
    trakt: int
    slug: str
    title: str
    year: int | None
    imdb: str | None
    tmdb: int | None
    released: str | None = None
    runtime: int | None = None
    certification: str | None = None
    genres: tuple[str, ...] = ()
    rating: float = 0.0
    votes: int = 0
    tagline: str | None = None
    overview: str | None = None
    country: str = "us"
    language: str = "en"
    status: str = "released"
    id_source: str = "generated"
    synthetic: bool = False


@dataclass(slots=True)
class Episode:
    season: int
    number: int
    title: str | None
    trakt: int
    tvdb: int | None
    imdb: str | None
    tmdb: int | None
    first_aired: float | None
    runtime: int | None
    number_abs: int | None = None
    overview: str | None = None
    episode_type: str = "standard"
    rating: float = 0.0
    votes: int = 0


@dataclass(slots=True)
class Season:
    number: int
    trakt: int
    tvdb: int | None
    tmdb: int | None
    episodes: list[Episode] = field(default_factory=list)
    rating: float = 0.0
    votes: int = 0

    @property
    def title(self) -> str:
        return "Specials" if self.number == 0 else f"Season {self.number}"

    @property
    def first_aired(self) -> float | None:
        dates = [e.first_aired for e in self.episodes if e.first_aired is not None]
        return min(dates) if dates else None


@dataclass(slots=True)
class Show:
    trakt: int
    slug: str
    title: str
    year: int | None
    imdb: str | None
    tmdb: int | None
    tvdb: int | None
    airs: tuple[str, str, str] = ("Sunday", "21:00", "America/New_York")
    runtime: int | None = None
    certification: str | None = None
    network: str | None = None
    country: str = "us"
    language: str = "en"
    status: str = "ended"
    genres: tuple[str, ...] = ()
    rating: float = 0.0
    votes: int = 0
    overview: str | None = None
    seasons: list[Season] = field(default_factory=list)
    id_source: str = "generated"
    synthetic: bool = False

    @property
    def first_aired(self) -> float | None:
        for season in self.seasons:
            if season.number > 0 and season.first_aired is not None:
                return season.first_aired
        return None

    def season(self, number: int) -> Season | None:
        return next((s for s in self.seasons if s.number == number), None)

    def episode(self, season: int, number: int) -> Episode | None:
        found = self.season(season)
        if found is None:
            return None
        return next((e for e in found.episodes if e.number == number), None)

    def episodes(self) -> Iterator[Episode]:
        for season in self.seasons:
            yield from season.episodes


@dataclass(slots=True)
class Person:
    trakt: int
    slug: str
    name: str
    imdb: str | None
    tmdb: int | None
    known_for_department: str = "acting"


def generated_episode_ids(offset: int) -> tuple[int, int, str, int]:
    """(trakt, tvdb, imdb, tmdb) for an unverifiable episode of a real show."""
    n = GENERATED_EPISODE_BASE + offset
    return n, n, f"tt8{offset:08d}", n


class Catalogue:
    """Every title, indexed by trakt id, slug and external ids (per kind)."""

    def __init__(
        self,
        movies: list[Movie],
        shows: list[Show],
        people: list[Person],
        synthetic: Callable[[], tuple[list[Movie], list[Show]]] | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._synthetic = synthetic
        self.movies: dict[int, Movie] = {}
        self.shows: dict[int, Show] = {}
        self.people: dict[int, Person] = {}
        self.seasons: dict[int, tuple[Show, Season]] = {}
        self.episodes: dict[int, tuple[Show, Episode]] = {}
        self._ids: dict[tuple[str, str, str], int] = {}  # (kind, id_type, value) -> trakt
        self._add(movies, shows)
        for person in people:
            self.people[person.trakt] = person
            self._index("person", person.trakt, person.slug, person.imdb, person.tmdb, None)

    # -- building ---------------------------------------------------------------
    def _index(
        self,
        kind: str,
        trakt: int,
        slug: str | None,
        imdb: str | None,
        tmdb: int | None,
        tvdb: int | None,
    ) -> None:
        for id_type, value in (("slug", slug), ("imdb", imdb), ("tmdb", tmdb), ("tvdb", tvdb)):
            if value is not None and value != "":
                self._ids.setdefault((kind, id_type, str(value)), trakt)

    def _add(self, movies: list[Movie], shows: list[Show]) -> None:
        for movie in movies:
            self.movies[movie.trakt] = movie
            self._index("movie", movie.trakt, movie.slug, movie.imdb, movie.tmdb, None)
        for show in shows:
            self.shows[show.trakt] = show
            self._index("show", show.trakt, show.slug, show.imdb, show.tmdb, show.tvdb)
            for season in show.seasons:
                self.seasons[season.trakt] = (show, season)
                self._index("season", season.trakt, None, None, season.tmdb, season.tvdb)
                for ep in season.episodes:
                    self.episodes[ep.trakt] = (show, ep)
                    self._index("episode", ep.trakt, None, ep.imdb, ep.tmdb, ep.tvdb)

    def ensure_loaded(self) -> None:
        """Build the synthetic titles (once, on first need)."""
        if self._synthetic is None:
            return
        with self._lock:
            factory, self._synthetic = self._synthetic, None
            if factory is not None:
                movies, shows = factory()
                self._add(movies, shows)

    # -- lookups ----------------------------------------------------------------
    def by_id(self, kind: str, id_type: str, value: str) -> int | None:
        """The trakt id of a `kind` item whose `id_type` id is `value`."""
        self.ensure_loaded()
        if id_type == "trakt":
            try:
                trakt = int(value)
            except ValueError:
                return None
            table: dict[int, object] = {
                "movie": self.movies,
                "show": self.shows,
                "season": self.seasons,
                "episode": self.episodes,
                "person": self.people,
            }.get(kind, {})  # type: ignore[assignment]
            return trakt if trakt in table else None
        return self._ids.get((kind, id_type, value))

    def resolve(self, kind: str, ident: str) -> int | None:
        """Path `{id}`: a Trakt id, a slug or an IMDb id."""
        if ident.isdigit():
            return self.by_id(kind, "trakt", ident)
        if ident.startswith(("tt", "nm")) and ident[2:].isdigit():
            return self.by_id(kind, "imdb", ident)
        return self.by_id(kind, "slug", ident)

    def movie(self, ident: str) -> Movie | None:
        trakt = self.resolve("movie", ident)
        return None if trakt is None else self.movies[trakt]

    def show(self, ident: str) -> Show | None:
        trakt = self.resolve("show", ident)
        return None if trakt is None else self.shows[trakt]

    def person(self, ident: str) -> Person | None:
        trakt = self.resolve("person", ident)
        return None if trakt is None else self.people[trakt]

    def all_movies(self) -> list[Movie]:
        self.ensure_loaded()
        return list(self.movies.values())

    def all_shows(self) -> list[Show]:
        self.ensure_loaded()
        return list(self.shows.values())


def released_ts(movie: Movie) -> float | None:
    return date_to_ts(movie.released) if movie.released else None
