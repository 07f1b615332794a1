import pytest

from traktkit.api.errors import InvalidInput
from traktkit.api.items import ItemRef, normalize_type, parse_item


def test_title() -> None:
    ref = parse_item("  Inception ")
    assert ref == ItemRef(text="Inception", title="Inception")
    assert ref.lookup_type is None and not ref.names_show


def test_title_collapses_inner_whitespace() -> None:
    assert parse_item("The   Dark  Knight").title == "The Dark Knight"


def test_title_with_year() -> None:
    ref = parse_item("Inception (2010)")
    assert (ref.title, ref.year) == ("Inception", 2010)


def test_year_option() -> None:
    ref = parse_item("Dune", year=2021)
    assert (ref.title, ref.year) == ("Dune", 2021)


def test_same_year_in_text_and_option_is_fine() -> None:
    assert parse_item("Dune (2021)", year=2021).year == 2021


@pytest.mark.parametrize(
    ("text", "id_type", "value"),
    [
        ("tt1375666", "imdb", "tt1375666"),
        ("TT1375666", "imdb", "tt1375666"),
        ("imdb:tt1375666", "imdb", "tt1375666"),
        ("IMDB:TT1375666", "imdb", "tt1375666"),
        ("tmdb:27205", "tmdb", "27205"),
        ("tmdb:007", "tmdb", "7"),
        ("tvdb:81189", "tvdb", "81189"),
        ("trakt:16662", "trakt", "16662"),
        ("slug:inception-2010", "slug", "inception-2010"),
        ("slug:Inception-2010", "slug", "inception-2010"),
        ("slug:dune", "slug", "dune"),
    ],
)
def test_ids(text: str, id_type: str, value: str) -> None:
    ref = parse_item(text)
    assert (ref.id_type, ref.id, ref.title, ref.bare_slug) == (id_type, value, None, False)


def test_episode_imdb_id_with_type() -> None:
    ref = parse_item("tt0959621", type="episode")
    assert (ref.type, ref.id_type, ref.season) == ("episode", "imdb", None)
    assert ref.lookup_type == "episode"


@pytest.mark.parametrize("text", ["inception-2010", "breaking-bad", "9-1-1", "x-men"])
def test_bare_slugs(text: str) -> None:
    ref = parse_item(text)
    assert (ref.id_type, ref.id, ref.bare_slug, ref.title) == ("slug", text, True, None)


@pytest.mark.parametrize(
    "text", ["Spider-Man", "dune", "1917", "2012", "Inception", "spider man", "ttx", "TT"]
)
def test_not_slugs_are_titles(text: str) -> None:
    ref = parse_item(text)
    assert ref.id_type is None and ref.title == text


def test_fallback_queries() -> None:
    assert parse_item("inception-2010").fallback_queries() == [
        ("inception", 2010),
        ("inception 2010", None),
    ]
    assert parse_item("breaking-bad").fallback_queries() == [("breaking bad", None)]
    assert parse_item("area-9999").fallback_queries() == [("area 9999", None)]
    assert parse_item("slug:breaking-bad").fallback_queries() == []
    assert parse_item("Inception").fallback_queries() == []


@pytest.mark.parametrize(
    ("text", "season", "episode", "kind"),
    [
        ("Breaking Bad S01E01", 1, 1, "episode"),
        ("Breaking Bad s1e2", 1, 2, "episode"),
        ("Breaking Bad S01 E03", 1, 3, "episode"),
        ("Breaking Bad 1x01", 1, 1, "episode"),
        ("Breaking Bad 2X10", 2, 10, "episode"),
        ("Breaking Bad S01", 1, None, "season"),
        ("Breaking Bad S00", 0, None, "season"),
    ],
)
def test_episode_forms(text: str, season: int, episode: int | None, kind: str) -> None:
    ref = parse_item(text)
    assert (ref.title, ref.season, ref.episode, ref.type) == ("Breaking Bad", season, episode, kind)
    assert ref.lookup_type == "show" and ref.names_show


def test_episode_with_year_either_order() -> None:
    for text in ("Doctor Who (2005) S01E01", "Doctor Who S01E01 (2005)"):
        ref = parse_item(text)
        assert (ref.title, ref.year, ref.season, ref.episode) == ("Doctor Who", 2005, 1, 1)


def test_episode_options() -> None:
    ref = parse_item("Breaking Bad", season=1, episode=1)
    assert (ref.type, ref.season, ref.episode) == ("episode", 1, 1)
    ref = parse_item("Breaking Bad", season=2)
    assert (ref.type, ref.season) == ("season", 2)
    ref = parse_item("Breaking Bad", type="episode", season=1, episode=4)
    assert ref.type == "episode"


def test_episode_of_show_by_id() -> None:
    ref = parse_item("tvdb:81189 S01E01")
    assert (ref.id_type, ref.id, ref.season, ref.episode) == ("tvdb", "81189", 1, 1)
    ref = parse_item("breaking-bad S02")
    assert (ref.id_type, ref.bare_slug, ref.type) == ("slug", True, "season")


def test_type_movie_keeps_suffix_in_title() -> None:
    ref = parse_item("Room 1x01", type="movie")
    assert (ref.title, ref.season, ref.type) == ("Room 1x01", None, "movie")


def test_titles_that_look_numeric() -> None:
    assert parse_item("Se7en").title == "Se7en"
    assert parse_item("S1m0ne").title == "S1m0ne"
    assert parse_item("Apollo 13").title == "Apollo 13"
    assert parse_item("24 S01E01").title == "24"


@pytest.mark.parametrize("kind", ["movie", "movies", "Show", "season", "EPISODES"])
def test_type_aliases(kind: str) -> None:
    assert normalize_type(kind) in ("movie", "show", "season", "episode")


def test_type_narrows() -> None:
    assert parse_item("Dune", type="movie").type == "movie"
    assert parse_item("Dune", type="shows").type == "show"


@pytest.mark.parametrize(
    ("url", "expect"),
    [
        ("https://trakt.tv/movies/inception-2010", ("movie", "slug", "inception-2010", None, None)),
        ("trakt.tv/movies/inception-2010?x=1#y", ("movie", "slug", "inception-2010", None, None)),
        ("https://app.trakt.tv/shows/breaking-bad", ("show", "slug", "breaking-bad", None, None)),
        (
            "https://trakt.tv/shows/breaking-bad/seasons/1/episodes/1",
            ("episode", "slug", "breaking-bad", 1, 1),
        ),
        (
            "https://trakt.tv/shows/breaking-bad/seasons/2",
            ("season", "slug", "breaking-bad", 2, None),
        ),
        ("https://trakt.tv/movies/16662", ("movie", "trakt", "16662", None, None)),
        ("https://www.imdb.com/title/tt1375666/", (None, "imdb", "tt1375666", None, None)),
        (
            "https://www.themoviedb.org/movie/27205-inception",
            ("movie", "tmdb", "27205", None, None),
        ),
        (
            "https://www.themoviedb.org/tv/1396-breaking-bad/season/1/episode/2",
            ("episode", "tmdb", "1396", 1, 2),
        ),
    ],
)
def test_urls(url: str, expect: tuple[object, ...]) -> None:
    ref = parse_item(url)
    assert (ref.type, ref.id_type, ref.id, ref.season, ref.episode) == expect
    assert not ref.bare_slug


@pytest.mark.parametrize(
    ("text", "kwargs", "fragment"),
    [
        ("", {}, "empty"),
        ("   ", {}, "empty"),
        ("\t\n", {}, "empty"),
        ("Incep\ntion", {}, "control"),
        ("x" * 501, {}, "too long"),
        ("tt", {}, "malformed IMDb"),
        ("imdb:tt", {}, "malformed IMDb"),
        ("tt12ab", {}, "malformed IMDb"),
        ("imdb:1375666", {}, "malformed IMDb"),
        ("imdb:nm0186505", {}, "person"),
        ("tmdb:abc", {}, "malformed tmdb"),
        ("tmdb:-5", {}, "malformed tmdb"),
        ("tmdb:0", {}, "malformed tmdb"),
        ("tvdb:", {}, "malformed tvdb"),
        ("trakt:1.5", {}, "malformed trakt"),
        ("trakt:99999999999999999999", {}, "malformed trakt"),
        ("slug:", {}, "malformed slug"),
        ("Blade Runner (1234)", {}, "outside 1870..2100"),
        ("Blade Runner (2101)", {}, "outside 1870..2100"),
        ("(2010)", {}, "no title"),
        ("Dune", {"year": 1869}, "outside"),
        ("Dune", {"year": True}, "year"),
        ("Inception (2010)", {"year": 2011}, "conflicts with --year 2011"),
        ("Breaking Bad S01E01", {"season": 2}, "conflicts with --season 2"),
        ("Breaking Bad S01E01", {"episode": 3}, "conflicts with --episode 3"),
        ("Breaking Bad", {"season": -1}, "--season must be 0 or more"),
        ("Breaking Bad", {"season": 1, "episode": 0}, "--episode must be 1 or more"),
        ("Breaking Bad S01E00", {}, "start at 1"),
        ("Breaking Bad", {"episode": 1}, "needs a season"),
        ("Dune", {"type": "film"}, "unknown --type"),
        ("Dune", {"type": ""}, "unknown --type"),
        ("Dune", {"type": "movie", "season": 1}, "--type movie"),
        ("Dune", {"type": "show", "season": 1, "episode": 1}, "use --type episode"),
        ("Dune", {"type": "season"}, "needs a season number"),
        ("Dune", {"type": "season", "season": 1, "episode": 2}, "conflicts with an episode"),
        ("Dune", {"type": "episode"}, "needs a show"),
        ("Dune", {"type": "episode", "season": 1}, "needs an episode number"),
        ("breaking-bad", {"type": "episode"}, "needs a show"),
        ("S01E01", {}, "no show"),
        ("1x01", {}, "no show"),
        ("https://example.com/movies/x", {}, "unsupported URL"),
        ("https://trakt.tv/users/sean", {}, "unsupported URL"),
        ("https://trakt.tv/movies/inception-2010", {"type": "show"}, "movie link"),
        ("https://trakt.tv/shows/breaking-bad", {"type": "movie"}, "show link"),
        ("https://trakt.tv/shows/x/seasons/one", {}, "not a number"),
    ],
)
def test_invalid(text: str, kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_item(text, **kwargs)  # type: ignore[arg-type]
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_prefix_with_space_is_a_title() -> None:
    assert parse_item("slug:a b").title == "slug:a b"
    assert parse_item("Trakt: The Movie").title == "Trakt: The Movie"


def test_non_string_item() -> None:
    with pytest.raises(InvalidInput):
        parse_item(42)  # type: ignore[arg-type]


def test_describe() -> None:
    assert parse_item("Doctor Who (2005) S01E01").describe() == "Doctor Who (2005) S01E01"
    assert parse_item("tt1375666").describe() == "imdb:tt1375666"
    assert parse_item("breaking-bad", season=1).describe() == "breaking-bad S01"
    assert parse_item("Dune", season=1, episode=2).describe() == "Dune S01E02"


def test_item_ref_is_hashable() -> None:
    assert len({parse_item("Dune"), parse_item("Dune")}) == 1
