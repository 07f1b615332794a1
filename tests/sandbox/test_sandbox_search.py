"""Search (REFERENCE §9): text queries, filters, relevance and id lookups."""

from __future__ import annotations

import httpx2


def _titles(results: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    out = []
    for item in results:
        kind = item["type"]
        media = item[kind]  # type: ignore[index]
        out.append((kind, media.get("title") or media.get("name"), media.get("year")))  # type: ignore[attr-defined]
    return out


def test_exact_title_ranks_first(api: httpx2.Client) -> None:
    r = api.get("/search/movie", params={"query": "inception"})
    assert r.status_code == 200
    first = r.json()[0]
    assert first["type"] == "movie" and first["movie"]["ids"]["trakt"] == 16662
    assert isinstance(first["score"], float)


def test_dune_is_ambiguous(api: httpx2.Client) -> None:
    results = api.get("/search/movie,show", params={"query": "Dune"}).json()
    titles = _titles(results)
    assert titles[:2] == [("movie", "Dune", 2021), ("movie", "Dune", 1984)]
    assert ("movie", "Dune: Part Two", 2024) in titles
    assert ("show", "Dune: Prophecy", 2024) in titles
    scores = [item["score"] for item in results]
    assert scores == sorted(scores, reverse=True)


def test_year_filter(api: httpx2.Client) -> None:
    exact = api.get("/search/movie", params={"query": "dune", "years": "2021"}).json()
    assert _titles(exact) == [("movie", "Dune", 2021)]
    ranged = api.get("/search/movie", params={"query": "dune", "years": "1980-1990"}).json()
    assert _titles(ranged) == [("movie", "Dune", 1984)]
    assert api.get("/search/movie", params={"query": "dune", "years": "x"}).status_code == 400


def test_prefix_and_words(api: httpx2.Client) -> None:
    titles = _titles(api.get("/search/movie", params={"query": "the matrix"}).json())
    assert titles[0] == ("movie", "The Matrix", 1999)
    assert {t[1] for t in titles[1:4]} >= {"The Matrix Reloaded", "The Matrix Revolutions"}
    office = _titles(api.get("/search/show", params={"query": "office"}).json())
    assert office[:2] == [("show", "The Office", 2005), ("show", "The Office", 2001)]


def test_episode_and_person_search(api: httpx2.Client) -> None:
    episode = api.get("/search/episode", params={"query": "Ozymandias"}).json()[0]
    assert episode["episode"]["title"] == "Ozymandias"
    assert episode["show"]["title"] == "Breaking Bad"
    person = api.get("/search/person", params={"query": "bryan cranston"}).json()[0]
    assert person["person"]["name"] == "Bryan Cranston"


def test_search_errors(api: httpx2.Client) -> None:
    assert api.get("/search/movie").status_code == 400
    assert api.get("/search/film", params={"query": "x"}).status_code == 400
    assert api.get("/search/movie", params={"query": "zzqqxxnothing"}).json() == []


def test_id_lookup(api: httpx2.Client) -> None:
    show = api.get("/search/imdb/tt0903747").json()
    assert show == [
        {
            "type": "show",
            "score": None,
            "show": {
                "title": "Breaking Bad",
                "year": 2008,
                "ids": {
                    "trakt": 1388,
                    "slug": "breaking-bad",
                    "tvdb": 81189,
                    "imdb": "tt0903747",
                    "tmdb": 1396,
                },
            },
        }
    ]
    pilot = api.get("/search/tvdb/349232", params={"type": "episode"}).json()
    assert pilot[0]["episode"]["title"] == "Pilot" and pilot[0]["show"]["ids"]["trakt"] == 1388
    movie = api.get("/search/tmdb/27205", params={"type": "movie"}).json()
    assert movie[0]["movie"]["title"] == "Inception"
    both = api.get("/search/trakt/1388").json()  # trakt ids are unique per type only
    assert [r["type"] for r in both] == ["show"]
    assert (
        api.get("/search/trakt/16662", params={"type": "movie,show"}).json()[0]["type"] == "movie"
    )
    assert api.get("/search/rottentomatoes/1").status_code == 400
    assert api.get("/search/imdb/tt0000000").json() == []
