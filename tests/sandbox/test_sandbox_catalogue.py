"""Movies, shows, seasons and episodes with their real ids (REFERENCE §7, §10)."""

from __future__ import annotations

import httpx2
import pytest

MOVIE_FULL = {
    "tagline", "overview", "released", "runtime", "country", "trailer", "homepage", "status",
    "rating", "votes", "comment_count", "updated_at", "language", "languages",
    "available_translations", "genres", "certification",
}  # fmt: skip
SHOW_FULL = {
    "overview", "first_aired", "airs", "runtime", "certification", "network", "country",
    "trailer", "homepage", "status", "rating", "votes", "comment_count", "updated_at",
    "language", "available_translations", "genres", "aired_episodes",
}  # fmt: skip


@pytest.mark.parametrize("ident", ["inception-2010", "16662", "tt1375666"])
def test_movie_by_slug_trakt_or_imdb(api: httpx2.Client, ident: str) -> None:
    r = api.get(f"/movies/{ident}")
    assert r.status_code == 200
    assert r.json() == {
        "title": "Inception",
        "year": 2010,
        "ids": {"trakt": 16662, "slug": "inception-2010", "imdb": "tt1375666", "tmdb": 27205},
    }


def test_movie_extended_full(api: httpx2.Client) -> None:
    movie = api.get("/movies/the-matrix-1999", params={"extended": "full"}).json()
    assert set(movie) >= MOVIE_FULL
    assert (movie["released"], movie["runtime"], movie["certification"]) == ("1999-03-31", 136, "R")
    assert movie["ids"]["trakt"] == 481


def test_unknown_ids_are_404(api: httpx2.Client) -> None:
    assert api.get("/movies/no-such-film-1900").status_code == 404
    assert api.get("/shows/99999999").status_code == 404
    assert api.get("/shows/breaking-bad/seasons/9").status_code == 404
    assert api.get("/shows/breaking-bad/seasons/1/episodes/99").status_code == 404


def test_well_known_titles(api: httpx2.Client) -> None:
    expected = {
        "batman-begins-2005": ("Batman Begins", 2005),
        "blade-runner-2049-2017": ("Blade Runner 2049", 2017),
        "the-shawshank-redemption-1994": ("The Shawshank Redemption", 1994),
        "dune-2021": ("Dune", 2021),
        "dune-1984": ("Dune", 1984),
    }
    for slug, (title, year) in expected.items():
        movie = api.get(f"/movies/{slug}").json()
        assert (movie["title"], movie["year"]) == (title, year)


def test_show_minimal_and_full(api: httpx2.Client) -> None:
    show = api.get("/shows/breaking-bad").json()
    assert show == {
        "title": "Breaking Bad",
        "year": 2008,
        "ids": {
            "trakt": 1388,
            "slug": "breaking-bad",
            "tvdb": 81189,
            "imdb": "tt0903747",
            "tmdb": 1396,
        },
    }
    full = api.get("/shows/tt0903747", params={"extended": "full"}).json()
    assert set(full) >= SHOW_FULL
    assert full["aired_episodes"] == 62 and full["network"] == "AMC"
    assert full["airs"]["timezone"] == "America/New_York"


def test_breaking_bad_seasons_and_episodes(api: httpx2.Client) -> None:
    seasons = api.get("/shows/1388/seasons").json()
    assert [s["number"] for s in seasons] == [1, 2, 3, 4, 5]
    assert set(seasons[0]) == {"number", "ids"}
    nested = api.get("/shows/breaking-bad/seasons", params={"extended": "episodes"}).json()
    counts = [len(s["episodes"]) for s in nested]
    assert counts == [7, 13, 13, 13, 16] and sum(counts) == 62
    assert nested[4]["episodes"][13]["title"] == "Ozymandias"
    full = api.get("/shows/breaking-bad/seasons", params={"extended": "full"}).json()
    assert full[0]["episode_count"] == 7 and full[0]["title"] == "Season 1"


def test_season_and_episode_details(api: httpx2.Client) -> None:
    season1 = api.get("/shows/breaking-bad/seasons/1").json()
    assert [e["title"] for e in season1[:2]] == ["Pilot", "Cat's in the Bag..."]
    pilot = api.get("/shows/breaking-bad/seasons/1/episodes/1", params={"extended": "full"}).json()
    assert pilot["ids"] == {"trakt": 73482, "tvdb": 349232, "imdb": "tt0959621", "tmdb": 62085}
    assert pilot["first_aired"] == "2008-01-21T03:00:00.000Z"  # Sunday 22:00 EST
    assert pilot["episode_type"] == "series_premiere" and pilot["number_abs"] == 1
    finale = api.get("/shows/breaking-bad/seasons/5/episodes/16").json()
    assert finale["title"] == "Felina"


def test_other_shows_have_seasons(api: httpx2.Client) -> None:
    got = api.get("/shows/game-of-thrones/seasons", params={"extended": "episodes"}).json()
    assert sum(len(s["episodes"]) for s in got) == 73
    assert got[0]["episodes"][0]["title"] == "Winter Is Coming"
    us = api.get("/shows/the-office").json()
    uk = api.get("/shows/the-office-2001").json()
    assert (us["title"], us["year"], uk["title"], uk["year"]) == (
        "The Office",
        2005,
        "The Office",
        2001,
    )


def test_person(api: httpx2.Client) -> None:
    person = api.get("/people/bryan-cranston").json()
    assert person["name"] == "Bryan Cranston" and person["ids"]["imdb"] == "nm0186505"
