"""Build the real catalogue titles from the rows in `sandbox.data` (see its docstring for
which ids are verified, recalled or generated)."""

from __future__ import annotations

from traktkit.sandbox.catalogue import (
    GENERATED_TITLE_BASE,
    PERSON_BASE,
    Episode,
    Movie,
    Person,
    Season,
    Show,
    generated_episode_ids,
)
from traktkit.sandbox.data import breaking_bad
from traktkit.sandbox.data.movies import MOVIES
from traktkit.sandbox.data.shows import GOT_FIRST_EPISODE_IDS, GOT_S1_TITLES, PEOPLE, SHOWS
from traktkit.sandbox.timeutil import DAY, local_to_utc


def real_movies() -> list[Movie]:
    out: list[Movie] = []
    for index, row in enumerate(MOVIES):
        trakt, slug, title, year, imdb, tmdb, released, runtime, cert, genres = row[:10]
        rating, votes, source, tagline, overview = row[10:]
        out.append(
            Movie(
                trakt=trakt or GENERATED_TITLE_BASE + 1 + index,
                slug=slug,
                title=title,
                year=year,
                imdb=imdb,
                tmdb=tmdb,
                released=released,
                runtime=runtime,
                certification=cert,
                genres=tuple(genres.split(",")),
                rating=rating,
                votes=votes,
                tagline=tagline,
                overview=overview,
                id_source=source,
            )
        )
    return out


def real_shows() -> list[Show]:
    out: list[Show] = []
    for index, row in enumerate(SHOWS):
        trakt, slug, title, year, imdb, tmdb, tvdb, airs, runtime, cert, network = row[:11]
        country, language, status, genres, rating, votes, source, overview, seasons = row[11:]
        show = Show(
            trakt=trakt or GENERATED_TITLE_BASE + 500_001 + index,
            slug=slug,
            title=title,
            year=year,
            imdb=imdb,
            tmdb=tmdb,
            tvdb=tvdb,
            airs=airs,
            runtime=runtime,
            certification=cert,
            network=network,
            country=country,
            language=language,
            status=status,
            genres=tuple(genres.split(",")),
            rating=rating,
            votes=votes,
            overview=overview,
            id_source=source,
        )
        season_base = GENERATED_TITLE_BASE + 800_000 + index * 100
        if seasons is None:
            show.seasons = _breaking_bad_seasons(show, season_base)
        else:
            show.seasons = _scheduled_seasons(show, seasons, season_base, index)
        _rate_episodes(show)
        out.append(show)
    return out


def _rate_episodes(show: Show) -> None:
    """Plausible per-season/episode ratings around the show's (deterministic)."""
    for season in show.seasons:
        season.rating = round(min(10.0, max(1.0, show.rating - 0.3 + season.number % 3 / 10)), 5)
        season.votes = max(5, show.votes // 40)
        for ep in season.episodes:
            jitter = (ep.trakt * 37 % 15 - 7) / 10
            ep.rating = round(min(10.0, max(1.0, show.rating + jitter)), 5)
            ep.votes = max(3, show.votes // 60 - ep.number * 3)


def _air_time(show: Show, day: str, offset_days: int = 0) -> float:
    weekday, hhmm, timezone = show.airs
    del weekday
    return local_to_utc(day, hhmm, timezone) + offset_days * DAY


def _breaking_bad_seasons(show: Show, season_base: int) -> list[Season]:
    seasons: list[Season] = []
    absolute = 0
    for number, episodes in breaking_bad.EPISODES.items():
        season = Season(number, season_base + number, None, None)
        for position, (title, day) in enumerate(episodes, start=1):
            if absolute == 0:
                trakt, tvdb, imdb, tmdb = breaking_bad.PILOT_IDS
            else:
                _, tvdb, imdb, tmdb = generated_episode_ids(absolute)
                trakt = breaking_bad.PILOT_IDS[0] + absolute
            absolute += 1
            season.episodes.append(
                Episode(
                    number,
                    position,
                    title,
                    trakt,
                    tvdb,
                    imdb,
                    tmdb,
                    _air_time(show, day),
                    show.runtime,
                    number_abs=absolute,
                    episode_type=_episode_type(position, len(episodes), number, 5),
                )
            )
        seasons.append(season)
    return seasons


def _scheduled_seasons(
    show: Show, rows: tuple[tuple[int, int, str, int], ...], season_base: int, index: int
) -> list[Season]:
    seasons: list[Season] = []
    absolute = 0
    last_season = max(r[0] for r in rows)
    got = show.slug == "game-of-thrones"
    for number, count, premiere, cadence in rows:
        season = Season(number, season_base + number, None, None)
        for position in range(1, count + 1):
            offset = index * 10_000 + number * 500 + position
            trakt, tvdb_g, imdb_g, tmdb_g = generated_episode_ids(offset)
            tvdb: int | None = tvdb_g
            imdb: str | None = imdb_g
            tmdb: int | None = tmdb_g
            title = f"Episode {position}"
            if got:
                trakt = GOT_FIRST_EPISODE_IDS[0] + absolute
                if number == 1:
                    title = GOT_S1_TITLES[position - 1]
                if absolute == 0:
                    _, tvdb, imdb, tmdb = GOT_FIRST_EPISODE_IDS
            if number > 0:
                absolute += 1
            season.episodes.append(
                Episode(
                    number,
                    position,
                    title,
                    trakt,
                    tvdb,
                    imdb,
                    tmdb,
                    _air_time(show, premiere, (position - 1) * cadence),
                    show.runtime,
                    number_abs=absolute if number > 0 else None,
                    episode_type=_episode_type(position, count, number, last_season),
                )
            )
        seasons.append(season)
    return seasons


def _episode_type(position: int, count: int, season: int, last_season: int) -> str:
    if season == 0:
        return "standard"
    if position == 1:
        return "series_premiere" if season == 1 else "season_premiere"
    if position == count:
        return "series_finale" if season == last_season else "season_finale"
    return "standard"


def real_people() -> list[Person]:
    return [
        Person(PERSON_BASE + 1 + i, slug, name, imdb, tmdb, dept)
        for i, (slug, name, imdb, tmdb, dept) in enumerate(PEOPLE)
    ]
