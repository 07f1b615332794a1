"""Deterministic synthetic titles for scale tests (seeded; ids in the 90,000,000+ range).

`synthetic_titles(seed, movies, shows)` returns the same titles for the same arguments.
Titles are made of common words, so searches are realistically ambiguous; ids can never
collide with real ones (Trakt/TMDB/TVDB 90M+, IMDb `tt9` + 10 digits).
"""

from __future__ import annotations

import random

from traktkit.sandbox.catalogue import Episode, Movie, Season, Show
from traktkit.sandbox.timeutil import DAY, date_to_ts

MOVIE_BASE = 90_000_000
SHOW_BASE = 91_000_000
SEASON_BASE = 92_000_000
EPISODE_BASE = 93_000_000

_ADJECTIVES = (
    "Silent",
    "Crimson",
    "Hidden",
    "Last",
    "Broken",
    "Golden",
    "Endless",
    "Dark",
    "Lost",
    "Electric",
    "Frozen",
    "Burning",
    "Quiet",
    "Savage",
    "Hollow",
    "Bright",
    "Distant",
    "Secret",
    "Wild",
    "Iron",
    "Glass",
    "Midnight",
    "Northern",
    "Scarlet",
    "Fallen",
    "Eternal",
    "Paper",
    "Neon",
    "Velvet",
    "Restless",
)
_NOUNS = (
    "Harbor",
    "Protocol",
    "Kingdom",
    "Light",
    "River",
    "Empire",
    "Signal",
    "Garden",
    "Frontier",
    "Machine",
    "Horizon",
    "Witness",
    "Summer",
    "Orchard",
    "Station",
    "Storm",
    "Mirror",
    "Archive",
    "Valley",
    "Circuit",
    "Tide",
    "Crown",
    "Desert",
    "Engine",
    "Echo",
    "Lantern",
    "Compass",
    "Island",
    "Canyon",
    "Legacy",
)
_PATTERNS = ("The {a} {n}", "{a} {n}", "The {n}", "{n} of {a} {n2}", "{a} {n} {k}")
_GENRES = (
    "action",
    "adventure",
    "animation",
    "comedy",
    "crime",
    "documentary",
    "drama",
    "family",
    "fantasy",
    "history",
    "horror",
    "mystery",
    "romance",
    "science-fiction",
    "thriller",
    "war",
    "western",
)
_CERTS = ("G", "PG", "PG-13", "R")
_TV_CERTS = ("TV-PG", "TV-14", "TV-MA")
_NETWORKS = ("HBO", "Netflix", "AMC", "NBC", "BBC One", "FX", "Hulu", "Apple TV")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _title(rng: random.Random) -> str:
    pattern = rng.choice(_PATTERNS)
    return pattern.format(
        a=rng.choice(_ADJECTIVES),
        n=rng.choice(_NOUNS),
        n2=rng.choice(_NOUNS),
        k=rng.choice(("II", "III", "Returns", "Rising", "Reborn")),
    )


def slugify(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(p for p in out.split("-") if p)


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate


def _imdb(trakt: int) -> str:
    return f"tt9{trakt:010d}"


def synthetic_titles(seed: int, movies: int, shows: int) -> tuple[list[Movie], list[Show]]:
    rng = random.Random(f"traktkit-sandbox-{seed}")
    used: set[str] = set()
    out_movies: list[Movie] = []
    for i in range(1, movies + 1):
        title = _title(rng)
        year = rng.randint(1950, 2025)
        released = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        trakt = MOVIE_BASE + i
        out_movies.append(
            Movie(
                trakt=trakt,
                slug=_unique(f"{slugify(title)}-{year}", used),
                title=title,
                year=year,
                imdb=_imdb(trakt),
                tmdb=trakt,
                released=released,
                runtime=rng.randint(80, 180),
                certification=rng.choice(_CERTS),
                genres=tuple(sorted(rng.sample(_GENRES, rng.randint(1, 3)))),
                rating=round(rng.uniform(4.0, 9.0), 5),
                votes=int(10 ** rng.uniform(1.0, 4.7)),
                overview=f"A synthetic film about {title.lower()}.",
                id_source="synthetic",
                synthetic=True,
            )
        )
    out_shows = [_show(rng, i, used) for i in range(1, shows + 1)]
    return out_movies, out_shows


def _show(rng: random.Random, i: int, used: set[str]) -> Show:
    title = _title(rng)
    year = rng.randint(1990, 2024)
    trakt = SHOW_BASE + i
    show = Show(
        trakt=trakt,
        slug=_unique(slugify(title), used) if slugify(title) not in used else "",
        title=title,
        year=year,
        imdb=_imdb(trakt),
        tmdb=trakt,
        tvdb=trakt,
        airs=(rng.choice(_DAYS), f"{rng.randint(18, 22)}:00", "America/New_York"),
        runtime=rng.choice((22, 30, 45, 50, 60)),
        certification=rng.choice(_TV_CERTS),
        network=rng.choice(_NETWORKS),
        status=rng.choice(("ended", "returning series", "canceled")),
        genres=tuple(sorted(rng.sample(_GENRES, rng.randint(1, 3)))),
        rating=round(rng.uniform(5.0, 9.0), 5),
        votes=int(10 ** rng.uniform(1.0, 4.5)),
        overview=f"A synthetic series about {title.lower()}.",
        id_source="synthetic",
        synthetic=True,
    )
    if not show.slug:
        show.slug = _unique(f"{slugify(title)}-{year}", used)
    start = date_to_ts(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    start += 2 * 3600  # 21:00 or so US Eastern, as UTC
    absolute = 0
    for number in range(1, rng.randint(1, 6) + 1):
        season = Season(number, SEASON_BASE + i * 50 + number, SEASON_BASE + i * 50 + number, None)
        count = rng.randint(6, 13)
        premiere = start + (number - 1) * 365 * DAY
        for position in range(1, count + 1):
            absolute += 1
            ep_id = EPISODE_BASE + i * 2000 + number * 100 + position
            season.episodes.append(
                Episode(
                    number,
                    position,
                    f"Episode {position}",
                    ep_id,
                    ep_id,
                    _imdb(ep_id),
                    ep_id,
                    premiere + (position - 1) * 7 * DAY,
                    show.runtime,
                    number_abs=absolute,
                )
            )
        show.seasons.append(season)
    return show
