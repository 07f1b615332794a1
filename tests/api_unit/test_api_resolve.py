from collections.abc import Sequence
from typing import Any

import pytest

from traktkit.api.errors import AmbiguousItem, InvalidInput, ItemNotFound
from traktkit.api.items import ItemRef, parse_item, parse_items_file
from traktkit.api.resolve import (
    MARGIN,
    Candidate,
    ResolvedItem,
    SearchQuery,
    choose,
    normalize_title,
    resolve,
    resolve_spec,
    score_candidates,
    title_similarity,
)
from traktkit.models import Episode, Ids, Movie, SearchResult, Season, Show


def _movie(title: str, year: int | None, trakt: int, votes: int = 0, **ids: Any) -> dict[str, Any]:
    media: dict[str, Any] = {"title": title, "year": year, "ids": {"trakt": trakt, **ids}}
    if votes:
        media["votes"] = votes
    return {"type": "movie", "score": 10.0, "movie": media}


def _show(title: str, year: int | None, trakt: int, **ids: Any) -> dict[str, Any]:
    return {
        "type": "show",
        "score": 10.0,
        "show": {"title": title, "year": year, "ids": {"trakt": trakt, **ids}},
    }


CATALOGUE: list[dict[str, Any]] = [
    _movie("Inception", 2010, 16662, 50000, slug="inception-2010", imdb="tt1375666", tmdb=27205),
    _movie("Inception: The Cobol Job", 2010, 90001, 50),
    _movie("Dune", 2021, 287071, 40000, slug="dune-2021", imdb="tt1160419", tmdb=438631),
    _movie("Dune", 1984, 7096, 9000, slug="dune-1984", tmdb=841),
    _movie("Dune: Part Two", 2024, 588993, 20000, slug="dune-part-two-2024"),
    _movie("Fargo", 1996, 193, 9000, slug="fargo-1996"),
    _show("Fargo", 2014, 60203, slug="fargo"),
    _show("Breaking Bad", 2008, 1, slug="breaking-bad", tvdb=81189, imdb="tt0903747", tmdb=1396),
    _movie("Breaking Bad Movie Special", 2013, 90002),
    _movie("El Camino: A Breaking Bad Movie", 2019, 447165),
    _show("The Office", 2005, 1391, slug="the-office"),
    _show("The Office", 2001, 2022, slug="the-office-2001"),
    _movie("Amélie", 2001, 172, slug="amelie-2001"),
    _movie("The Matrix", 1999, 481, 90000, slug="the-matrix-1999", tmdb=603),
    _movie("The Matrix Reloaded", 2003, 482, 30000),
    _movie("Something Tmdb", 2000, 999, tmdb=1396),
    {
        "type": "episode",
        "score": 5.0,
        "episode": {
            "season": 1,
            "number": 1,
            "title": "Pilot",
            "ids": {"trakt": 73482, "imdb": "tt0959621"},
        },
        "show": {"title": "Breaking Bad", "year": 2008, "ids": {"trakt": 1}},
    },
    {"type": "person", "score": 50.0, "person": {"name": "Inception Fan", "ids": {"trakt": 5}}},
]


class FakeSearch:
    def __init__(self, catalogue: Sequence[dict[str, Any]] = CATALOGUE) -> None:
        self.results = [SearchResult.model_validate(r) for r in catalogue]
        self.queries: list[SearchQuery] = []

    def __call__(self, query: SearchQuery) -> list[SearchResult]:
        self.queries.append(query)
        out: list[SearchResult] = []
        for r in self.results:
            if r.type not in query.types:
                continue
            media = r.item
            assert media is not None
            if query.id_type is not None:
                value = getattr(media.ids, query.id_type)
                if value is not None and str(value) == query.id:
                    out.append(r)
                continue
            assert query.text is not None
            words = set(normalize_title(query.text).split())
            title: str = getattr(media, "title", None) or getattr(media, "name", None) or ""
            if words & set(normalize_title(title).split()):
                out.append(r)
        return out


@pytest.fixture
def search() -> FakeSearch:
    return FakeSearch()


def test_normalize_title() -> None:
    assert normalize_title("The Matrix") == "matrix"
    assert normalize_title("Amélie") == "amelie"
    assert normalize_title("Léon: The Professional") == "leon the professional"
    assert normalize_title("Ocean's Eleven") == "oceans eleven"
    assert normalize_title("Fast & Furious") == "fast and furious"
    assert normalize_title("A") == "a"
    assert normalize_title("  ") == ""


def test_title_similarity() -> None:
    assert title_similarity("the matrix", "Matrix") == 1.0
    assert title_similarity("Dune", "Dune: Part Two") >= 0.6
    assert title_similarity("Dune", "Dune: Part Two") < 1.0
    assert title_similarity("Inceptoin", "Inception") >= 0.75
    assert title_similarity("Dune", "Zombieland") < 0.6
    assert title_similarity("", "x") == 0.0


def test_inception_resolves(search: FakeSearch) -> None:
    item = resolve(parse_item("Inception"), search)
    assert item.type == "movie" and item.ids.trakt == 16662
    assert item.query == "Inception"
    assert search.queries == [SearchQuery(types=("movie", "show"), text="Inception")]


def test_dune_is_ambiguous(search: FakeSearch) -> None:
    with pytest.raises(AmbiguousItem) as info:
        resolve(parse_item("Dune"), search)
    labels = [c.label for c in info.value.candidates]
    assert labels[:2] == ["Dune (2021) [movie]", "Dune (1984) [movie]"]
    assert "Dune: Part Two (2024) [movie]" in labels
    assert info.value.query == "Dune"


@pytest.mark.parametrize(
    ("text", "kwargs", "trakt"),
    [
        ("Dune (2021)", {}, 287071),
        ("Dune", {"year": 2021}, 287071),
        ("Dune (1984)", {}, 7096),
        ("Dune (2022)", {}, 287071),  # one year off, unique
        ("Dune: Part Two", {}, 588993),
        ("dune part two", {}, 588993),
        ("Fargo", {"type": "show"}, 60203),
        ("Fargo", {"type": "movie"}, 193),
        ("Fargo (2014)", {}, 60203),
        ("Amelie", {}, 172),
        ("AMÉLIE (2001)", {}, 172),
        ("Matrix", {}, 481),
        ("The Office (2005)", {}, 1391),
    ],
)
def test_text_resolution(search: FakeSearch, text: str, kwargs: dict[str, Any], trakt: int) -> None:
    assert resolve(parse_item(text, **kwargs), search).ids.trakt == trakt


@pytest.mark.parametrize("text", ["Fargo", "The Office"])
def test_same_title_different_types_or_years_is_ambiguous(search: FakeSearch, text: str) -> None:
    with pytest.raises(AmbiguousItem):
        resolve(parse_item(text), search)


def test_year_given_must_be_close(search: FakeSearch) -> None:
    with pytest.raises(ItemNotFound) as info:
        resolve(parse_item("Inception (1990)"), search)
    assert info.value.query == "Inception (1990)"
    assert "closest" in str(info.value)


def test_nothing_found(search: FakeSearch) -> None:
    with pytest.raises(ItemNotFound, match="no match for 'Zzyzx'"):
        resolve(parse_item("Zzyzx"), search)


def test_year_in_query_is_passed_as_hint(search: FakeSearch) -> None:
    resolve(parse_item("Dune (2021)", type="movie"), search)
    assert search.queries[-1] == SearchQuery(types=("movie",), text="Dune", year=2021)


@pytest.mark.parametrize(
    ("text", "kwargs", "kind", "trakt"),
    [
        ("tt1375666", {}, "movie", 16662),
        ("imdb:tt0903747", {}, "show", 1),
        ("tmdb:27205", {}, "movie", 16662),
        ("tvdb:81189", {}, "show", 1),
        ("trakt:16662", {"type": "movie"}, "movie", 16662),
        ("tmdb:1396", {"type": "show"}, "show", 1),
        ("slug:inception-2010", {}, "movie", 16662),
        ("https://trakt.tv/movies/inception-2010", {}, "movie", 16662),
    ],
)
def test_id_lookups(
    search: FakeSearch, text: str, kwargs: dict[str, Any], kind: str, trakt: int
) -> None:
    item = resolve(parse_item(text, **kwargs), search)
    assert (item.type, item.ids.trakt) == (kind, trakt)
    assert search.queries[0].is_id_lookup


def test_id_query_shape(search: FakeSearch) -> None:
    resolve(parse_item("tt1375666"), search)
    assert search.queries == [
        SearchQuery(types=("movie", "show", "episode"), id_type="imdb", id="tt1375666")
    ]


def test_id_shared_by_movie_and_show_is_ambiguous(search: FakeSearch) -> None:
    with pytest.raises(AmbiguousItem) as info:
        resolve(parse_item("tmdb:1396"), search)
    assert {c.type for c in info.value.candidates} == {"movie", "show"}


def test_unknown_id(search: FakeSearch) -> None:
    with pytest.raises(ItemNotFound, match="no movie or show with tmdb id '4242'"):
        resolve(parse_item("tmdb:4242"), search)


def test_episode_by_id(search: FakeSearch) -> None:
    item = resolve(parse_item("tt0959621"), search)
    assert item.type == "episode"
    assert (item.season, item.episode) == (1, 1)
    assert item.show is not None and item.show.title == "Breaking Bad"
    assert item.to_sync_entry() == ("episodes", {"ids": {"trakt": 73482, "imdb": "tt0959621"}})
    assert item.label == "Breaking Bad (2008) S01E01"


def test_episode_by_show_title_and_numbers(search: FakeSearch) -> None:
    item = resolve(parse_item("Breaking Bad S02E03"), search)
    assert search.queries[-1] == SearchQuery(types=("show",), text="Breaking Bad")
    assert item.type == "episode" and item.by_numbers
    assert item.show is not None and item.show.ids.trakt == 1
    assert isinstance(item.media, Episode)
    assert (item.season, item.episode) == (2, 3)
    assert item.to_sync_entry({"watched_at": "released"}) == (
        "shows",
        {
            "ids": {
                "trakt": 1,
                "slug": "breaking-bad",
                "imdb": "tt0903747",
                "tmdb": 1396,
                "tvdb": 81189,
            },
            "seasons": [{"number": 2, "episodes": [{"number": 3, "watched_at": "released"}]}],
        },
    )
    assert item.to_dict() == {
        "type": "episode",
        "show": {
            "title": "Breaking Bad",
            "year": 2008,
            "ids": {
                "trakt": 1,
                "slug": "breaking-bad",
                "tvdb": 81189,
                "imdb": "tt0903747",
                "tmdb": 1396,
            },
        },
        "episode": {"season": 2, "number": 3},
    }


def test_season_by_show_id(search: FakeSearch) -> None:
    item = resolve(parse_item("tvdb:81189 S01"), search)
    assert search.queries[-1] == SearchQuery(types=("show",), id_type="tvdb", id="81189")
    assert item.type == "season" and item.season == 1
    section, entry = item.to_sync_entry({"rating": 8})
    assert section == "shows" and entry["seasons"] == [{"number": 1, "rating": 8}]
    assert item.label == "Breaking Bad (2008) S01"


def test_bare_slug_hits_directly(search: FakeSearch) -> None:
    item = resolve(parse_item("breaking-bad"), search)
    assert item.ids.trakt == 1
    assert len(search.queries) == 1 and search.queries[0].id_type == "slug"


def test_bare_slug_falls_back_to_title_and_year(search: FakeSearch) -> None:
    # "matrix-1999" is not a slug in the catalogue: falls back to "matrix" (1999)
    item = resolve(parse_item("matrix-1999"), search)
    assert item.ids.trakt == 481
    assert [(q.text, q.year, q.id_type) for q in search.queries] == [
        (None, None, "slug"),
        ("matrix", 1999, None),
    ]


def test_bare_slug_fallback_not_found(search: FakeSearch) -> None:
    with pytest.raises(ItemNotFound) as info:
        resolve(parse_item("zzyzx-road"), search)
    assert info.value.query == "zzyzx-road"


def test_bare_slug_second_fallback_full_words() -> None:
    s = FakeSearch([_movie("Blade Runner 2049", 2017, 1), _movie("Blade Runner", 1982, 2)])
    item = resolve(parse_item("blade-runner-2049"), s)
    assert item.ids.trakt == 1
    assert [(q.text, q.year) for q in s.queries] == [
        (None, None),
        ("blade runner", 2049),
        ("blade runner 2049", None),
    ]


def test_explicit_slug_has_no_fallback(search: FakeSearch) -> None:
    with pytest.raises(ItemNotFound):
        resolve(parse_item("slug:matrix-1999"), search)
    assert len(search.queries) == 1


def test_ambiguous_fallback_propagates() -> None:
    with pytest.raises(AmbiguousItem):
        resolve(
            parse_item("the-office-us"),
            FakeSearch([_show("Office Us", 2001, 1), _show("Office Us", 2005, 2)]),
        )


def test_typo_resolves_when_it_is_the_only_strong_candidate() -> None:
    ref = parse_item("Inceptoin")
    cands = score_candidates(ref, [SearchResult.model_validate(CATALOGUE[0])])
    assert choose(ref, cands).ids.trakt == 16662


def test_score_candidates_filters_types_and_dedupes() -> None:
    results = [SearchResult.model_validate(r) for r in CATALOGUE + CATALOGUE]
    cands = score_candidates(parse_item("Inception", type="movie"), results)
    assert all(c.type == "movie" for c in cands)
    assert len({c.key for c in cands}) == len(cands)
    assert cands[0].ids.trakt == 16662 and cands[0].exact_title


def test_score_prefers_exact_year_then_near() -> None:
    results = [SearchResult.model_validate(r) for r in CATALOGUE]
    cands = score_candidates(parse_item("Dune (2021)", type="movie"), results)
    assert cands[0].year == 2021
    by_year = {c.year: c.score for c in cands if c.title == "Dune"}
    assert by_year[2021] > by_year[1984]


def test_popularity_breaks_ties_only() -> None:
    ref = parse_item("Twin", type="movie")
    results = [
        SearchResult.model_validate(_movie("Twin", 2000, 1, votes=10)),
        SearchResult.model_validate(_movie("Twin", 2001, 2, votes=100000)),
    ]
    cands = score_candidates(ref, results)
    assert [c.ids.trakt for c in cands] == [2, 1]
    assert cands[0].score - cands[1].score < 1.0
    with pytest.raises(AmbiguousItem):
        choose(ref, cands)


def test_choose_margin_rule() -> None:
    ref = ItemRef(text="Lord of the Rings Fellowship", title="Lord of the Rings Fellowship")
    fellowship = SearchResult.model_validate(
        _movie("The Lord of the Rings: The Fellowship of the Ring", 2001, 1)
    )
    animated = SearchResult.model_validate(_movie("The Lord of the Rings", 1978, 2))
    towers = SearchResult.model_validate(_movie("The Lord of the Rings: The Two Towers", 2002, 3))
    two = score_candidates(ref, [animated, fellowship])
    assert two[0].score - two[1].score >= MARGIN
    assert choose(ref, two).ids.trakt == 1
    # Close runner-up: no decision.
    ref2 = ItemRef(text="Lord of the Rings The", title="Lord of the Rings The")
    close = score_candidates(ref2, [fellowship, towers])
    assert abs(close[0].score - close[1].score) < MARGIN
    with pytest.raises(AmbiguousItem):
        choose(ref2, close)


def test_below_strong_similarity_needs_exact_match() -> None:
    ref = ItemRef(text="Star Wars", title="Star Wars")
    results = [
        SearchResult.model_validate(_movie("Star Wars: Episode IV - A New Hope", 1977, 1)),
        SearchResult.model_validate(
            _movie("Star Wars: Episode V - The Empire Strikes Back", 1980, 2)
        ),
    ]
    with pytest.raises(AmbiguousItem) as info:
        choose(ref, score_candidates(ref, results))
    assert len(info.value.candidates) == 2


def test_choose_single_weak_candidate_is_not_found() -> None:
    ref = ItemRef(text="Dune", title="Dune")
    cands = score_candidates(ref, [SearchResult.model_validate(_movie("Dune Drifter", 2020, 1))])
    assert cands and cands[0].similarity < 0.75
    with pytest.raises(ItemNotFound, match="closest: Dune Drifter"):
        choose(ref, cands)


def test_choose_empty() -> None:
    with pytest.raises(ItemNotFound):
        choose(ItemRef(text="x", title="x"), [])


def test_candidate_info() -> None:
    ref = parse_item("Inception")
    (c, *_) = score_candidates(ref, [SearchResult.model_validate(CATALOGUE[0])])
    assert isinstance(c, Candidate)
    info = c.info()
    assert info.title == "Inception" and info.year == 2010 and info.ids["trakt"] == 16662


# --- ResolvedItem -------------------------------------------------------------------------


def test_resolved_item_checks_media_type() -> None:
    with pytest.raises(TypeError):
        ResolvedItem(type="movie", media=Show(title="x"))


def test_resolved_sync_entries() -> None:
    movie = ResolvedItem(type="movie", media=Movie(title="I", ids=Ids(trakt=1, imdb="tt1")))
    assert movie.to_sync_entry({"rating": 9}) == (
        "movies",
        {"ids": {"trakt": 1, "imdb": "tt1"}, "rating": 9},
    )
    show = ResolvedItem(type="show", media=Show(ids=Ids(tvdb=5)))
    assert show.to_sync_entry() == ("shows", {"ids": {"tvdb": 5}})
    season = ResolvedItem(type="season", media=Season(number=1, ids=Ids(tmdb=3)))
    assert season.to_sync_entry() == ("seasons", {"ids": {"tmdb": 3}})


def test_resolved_without_ids_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no ids"):
        ResolvedItem(type="movie", media=Movie(title="Title only")).to_sync_entry()
    ep = ResolvedItem(
        type="episode", media=Episode(season=1, number=1), show=Show(title="x"), season=1, episode=1
    )
    with pytest.raises(InvalidInput, match="neither ids"):
        ep.to_sync_entry()


def test_resolved_labels() -> None:
    assert ResolvedItem(type="movie", media=Movie(title="Dune", year=2021)).label == "Dune (2021)"
    assert ResolvedItem(type="movie", media=Movie(ids=Ids(imdb="tt1"))).label == "imdb:tt1"
    assert ResolvedItem(type="movie", media=Movie()).label == "?"


# --- resolve_spec -------------------------------------------------------------------------


def _no_search(query: SearchQuery) -> list[SearchResult]:
    raise AssertionError(f"unexpected search {query}")


def test_resolve_spec_without_search() -> None:
    text = """{
      "movies": [{"title": "Inception", "year": 2010, "ids": {"trakt": 16662}, "rating": 9}],
      "shows": [{"ids": {"trakt": 1}, "seasons": [{"number": 1, "episodes": [{"number": 2}]},
                                                  {"number": 3}]}],
      "episodes": [{"ids": {"imdb": "tt0959621"}}],
      "seasons": [{"ids": {"tvdb": 439371}, "number": 0}]
    }"""
    items = [resolve_spec(s, _no_search) for s in parse_items_file(text)]
    kinds = [(i.type, i.season, i.episode, i.by_numbers) for i in items]
    assert kinds == [
        ("movie", None, None, False),
        ("episode", 1, 2, True),
        ("season", 3, None, True),
        ("episode", None, None, False),
        ("season", 0, None, False),
    ]
    assert items[0].media == Movie(title="Inception", year=2010, ids=Ids(trakt=16662))
    assert items[1].show is not None and items[1].show.ids.trakt == 1


def test_resolve_spec_wrapper_keeps_show_and_numbers() -> None:
    text = """[{"type": "episode",
                "episode": {"season": 1, "number": 1, "title": "Pilot", "ids": {"trakt": 73482}},
                "show": {"title": "Breaking Bad", "ids": {"trakt": 1}}}]"""
    (item,) = [resolve_spec(s, _no_search) for s in parse_items_file(text)]
    assert (item.type, item.season, item.episode) == ("episode", 1, 1)
    assert item.show is not None and item.show.title == "Breaking Bad"
    assert item.to_sync_entry() == ("episodes", {"ids": {"trakt": 73482}})


def test_resolve_spec_searches_when_needed(search: FakeSearch) -> None:
    (spec,) = parse_items_file('[{"type": "movie", "title": "Inception", "rating": 9}]')
    item = resolve_spec(spec, search)
    assert item.ids.trakt == 16662
    assert search.queries == [SearchQuery(types=("movie",), text="Inception")]


def test_resolve_spec_bad_media_is_invalid_input() -> None:
    (spec,) = parse_items_file('[{"type": "movie", "ids": {"trakt": 1}, "runtime": "long"}]')
    with pytest.raises(InvalidInput, match="item 1: invalid movie field 'runtime'"):
        resolve_spec(spec, _no_search)
