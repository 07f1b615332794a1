"""Property tests: parsers never crash, formats round-trip, chunking loses nothing."""

import contextlib
import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from traktkit.api.errors import InvalidInput
from traktkit.api.items import ITEM_TYPES, ItemRef, parse_item, parse_items_file
from traktkit.api.payload import build_sync_body, chunk_items, match_not_found
from traktkit.api.resolve import ResolvedItem, normalize_title, title_similarity
from traktkit.api.validate import parse_since, parse_when
from traktkit.models import Episode, Ids, Movie, Show, SyncNotFound

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)

item_text = st.one_of(
    st.text(max_size=80),
    st.from_regex(r"\A[A-Za-z ]{1,20}( \([0-9]{4}\))?( S[0-9]{1,3}E[0-9]{1,3})?\Z"),
    st.from_regex(r"\A(imdb|tmdb|tvdb|trakt|slug|foo):[-a-z0-9]{0,12}\Z"),
    st.from_regex(r"\Ahttps?://(www\.)?(trakt\.tv|imdb\.com|themoviedb\.org)/[-a-z0-9/]{0,40}\Z"),
)
opt_int = st.none() | st.integers(min_value=-5, max_value=3000)


@settings(max_examples=400)
@given(
    text=item_text,
    kind=st.none() | st.sampled_from([*ITEM_TYPES, "bogus", "movies", ""]),
    year=opt_int,
    season=opt_int,
    episode=opt_int,
)
def test_parse_item_returns_or_raises_invalid_input(
    text: str, kind: str | None, year: int | None, season: int | None, episode: int | None
) -> None:
    try:
        ref = parse_item(text, type=kind, year=year, season=season, episode=episode)
    except InvalidInput as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(ref, ItemRef)
    assert ref.title is not None or ref.id is not None
    assert ref.episode is None or ref.season is not None
    assert ref.year is None or 1870 <= ref.year <= 2100
    assert ref.season is None or ref.season >= 0
    assert ref.episode is None or ref.episode >= 1
    assert ref.type in (None, *ITEM_TYPES)
    ref.describe()
    ref.fallback_queries()


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_parse_items_file_returns_or_raises_invalid_input(text: str) -> None:
    with contextlib.suppress(InvalidInput):
        parse_items_file(text)


json_scalars = st.none() | st.booleans() | st.integers(-3, 3000) | st.text(max_size=8)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "title",
                    "year",
                    "ids",
                    "movie",
                    "show",
                    "episode",
                    "season",
                    "seasons",
                    "episodes",
                    "number",
                    "rating",
                    "trakt",
                    "imdb",
                    "movies",
                    "shows",
                    "metadata",
                    "item",
                    "watched_at",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=300)
@given(json_values)
def test_parse_items_file_json_never_crashes(value: object) -> None:
    with contextlib.suppress(InvalidInput):
        parse_items_file(json.dumps(value))


@given(st.text(max_size=60))
def test_parse_when_and_since_never_crash(text: str) -> None:
    with contextlib.suppress(InvalidInput):
        parse_when(text, now=NOW)
    with contextlib.suppress(InvalidInput):
        parse_since(text, now=NOW)


@given(st.text(max_size=40), st.text(max_size=40))
def test_title_similarity_bounds(a: str, b: str) -> None:
    s = title_similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert (s == 1.0) == (normalize_title(a) == normalize_title(b) != "")


def _item(kind: int, n: int) -> ResolvedItem:
    if kind == 0:
        return ResolvedItem(type="movie", media=Movie(ids=Ids(trakt=n)))
    show = Show(ids=Ids(trakt=1000 + n % 3))
    return ResolvedItem(
        type="episode",
        media=Episode(season=n % 2, number=n + 1),
        show=show,
        season=n % 2,
        episode=n + 1,
    )


items_strategy = st.lists(
    st.tuples(st.integers(0, 1), st.integers(0, 50)).map(lambda t: _item(*t)), max_size=60
)


@given(items_strategy, st.integers(min_value=1, max_value=17))
def test_chunking_preserves_every_item_once(items: list[ResolvedItem], size: int) -> None:
    chunks = chunk_items(items, size)
    assert [i for c in chunks for i in c] == items
    assert all(1 <= len(c) <= size for c in chunks)
    assert len(chunks) == -(-len(items) // size)


@given(items_strategy)
def test_body_holds_one_entry_per_item(items: list[ResolvedItem]) -> None:
    body = build_sync_body(items)
    movies = len(body.get("movies", []))
    episodes = sum(len(s["episodes"]) for show in body.get("shows", []) for s in show["seasons"])
    assert movies + episodes == len(items)


@given(items_strategy)
def test_everything_echoed_back_is_matched(items: list[ResolvedItem]) -> None:
    body = build_sync_body(items)
    not_found = SyncNotFound.model_validate(body)
    assert sorted(match_not_found(not_found, items)) == list(range(len(items)))
