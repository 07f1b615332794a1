import json

import pytest

from traktkit.api.errors import InvalidInput
from traktkit.api.items import ItemSpec, best_id, parse_items_file


def test_empty_file() -> None:
    assert parse_items_file("") == []
    assert parse_items_file("\n  \n# only a comment\n") == []


def test_lines() -> None:
    specs = parse_items_file(
        "\ufeff# my list\n\nInception (2010)\n  tt0903747  \nBreaking Bad S01E01\n#Alive? no\n"
    )
    assert [s.ref.text for s in specs] == ["Inception (2010)", "tt0903747", "Breaking Bad S01E01"]
    assert [s.source for s in specs] == ["line 3", "line 4", "line 5"]
    assert all(s.fields == {} and s.needs_search for s in specs)


def test_lines_with_default_type() -> None:
    specs = parse_items_file("Dune\nFargo", type="show")
    assert [s.ref.type for s in specs] == ["show", "show"]


def test_line_error_has_line_number() -> None:
    with pytest.raises(InvalidInput, match=r"^line 3: malformed tmdb id"):
        parse_items_file("Dune\n\ntmdb:abc\n")


def test_title_starting_with_bracket_is_a_line() -> None:
    specs = parse_items_file("[REC] (2007)\nInception")
    assert [s.ref.title for s in specs] == ["[REC]", "Inception"]
    assert parse_items_file('"Inception"')[0].ref.title == '"Inception"'
    assert parse_items_file("[1, 2")[0].ref.title == "[1, 2"


def test_json_array_of_strings() -> None:
    specs = parse_items_file('["Inception (2010)", "tt0903747"]')
    assert [s.ref.year for s in specs] == [2010, None]
    assert [s.source for s in specs] == ["item 1", "item 2"]


def test_json_flat_items_with_ids_need_no_search() -> None:
    data = [
        {
            "type": "movie",
            "title": "Inception",
            "year": 2010,
            "ids": {"trakt": 16662, "imdb": "tt1375666"},
            "rating": 9,
            "rated_at": "2024-01-01T00:00:00.000Z",
        },
        {"type": "show", "title": "Breaking Bad", "year": 2008},
    ]
    first, second = parse_items_file(json.dumps(data))
    assert not first.needs_search
    assert first.ref.type == "movie" and first.ref.id_type == "trakt" and first.ref.id == "16662"
    assert first.fields == {"rating": 9, "rated_at": "2024-01-01T00:00:00.000Z"}
    assert first.media == {
        "title": "Inception",
        "year": 2010,
        "ids": {"trakt": 16662, "imdb": "tt1375666"},
    }
    assert second.needs_search
    assert (second.ref.title, second.ref.year, second.ref.type) == ("Breaking Bad", 2008, "show")


def test_json_item_with_ids_but_no_type_needs_search() -> None:
    (spec,) = parse_items_file('[{"ids": {"imdb": "tt1375666"}}]')
    assert spec.needs_search and spec.ref.id_type == "imdb" and spec.ref.type is None


def test_json_item_text_form_with_fields() -> None:
    (spec,) = parse_items_file('[{"item": "Dune (2021)", "rating": "8", "notes": "great"}]')
    assert (spec.ref.title, spec.ref.year) == ("Dune", 2021)
    assert spec.fields == {"rating": 8, "notes": "great"}


def test_json_wrappers_as_printed_by_json_output() -> None:
    data = [
        {
            "id": 1982346,
            "watched_at": "2014-03-31T09:28:53.000Z",
            "action": "scrobble",
            "type": "episode",
            "episode": {"season": 1, "number": 1, "title": "Pilot", "ids": {"trakt": 16}},
            "show": {"title": "Breaking Bad", "year": 2008, "ids": {"trakt": 1}},
        },
        {
            "rated_at": "2014-09-01T09:10:11.000Z",
            "rating": 10,
            "type": "movie",
            "movie": {"title": "Inception", "year": 2010, "ids": {"trakt": 16662}},
        },
        {
            "collected_at": "2014-09-01T09:10:11.000Z",
            "movie": {"title": "Tenet", "year": 2020, "ids": {"tmdb": 577922}},
            "metadata": {"media_type": "bluray", "resolution": "uhd_4k", "hdr": None, "3d": None},
        },
    ]
    ep, movie, collected = parse_items_file(json.dumps(data))
    assert ep.ref.type == "episode" and ep.ref.id == "16" and ep.ref.season is None
    assert ep.show == {"title": "Breaking Bad", "year": 2008, "ids": {"trakt": 1}}
    assert ep.fields == {"watched_at": "2014-03-31T09:28:53.000Z"}
    assert not ep.needs_search
    assert movie.fields == {"rating": 10, "rated_at": "2014-09-01T09:10:11.000Z"}
    assert collected.ref.type == "movie" and collected.ref.id_type == "tmdb"
    assert collected.fields == {
        "collected_at": "2014-09-01T09:10:11.000Z",
        "media_type": "bluray",
        "resolution": "uhd_4k",
    }


def test_json_episode_wrapper_without_episode_ids_uses_show_and_numbers() -> None:
    data = [
        {
            "type": "episode",
            "episode": {"season": 2, "number": 3},
            "show": {"title": "Breaking Bad", "ids": {"tvdb": 81189}},
        }
    ]
    (spec,) = parse_items_file(json.dumps(data))
    assert (spec.ref.id_type, spec.ref.id, spec.ref.season, spec.ref.episode) == (
        "tvdb",
        "81189",
        2,
        3,
    )
    assert not spec.needs_search


def test_json_flat_episode_by_numbers() -> None:
    data = [{"type": "episode", "title": "Breaking Bad", "year": 2008, "season": 1, "number": 2}]
    (spec,) = parse_items_file(json.dumps(data))
    assert (spec.ref.title, spec.ref.season, spec.ref.episode) == ("Breaking Bad", 1, 2)
    assert spec.needs_search
    assert spec.show == {"title": "Breaking Bad", "year": 2008}


def test_json_flat_season_with_show_object() -> None:
    data = [{"type": "season", "number": 1, "show": {"ids": {"trakt": 1}}, "rating": 7}]
    (spec,) = parse_items_file(json.dumps(data))
    assert (spec.ref.type, spec.ref.season, spec.ref.id) == ("season", 1, "1")
    assert spec.fields == {"rating": 7}
    assert not spec.needs_search


def test_sync_body_form_expands_shows() -> None:
    body = {
        "movies": [{"ids": {"imdb": "tt1375666"}, "watched_at": "2020-01-01T00:00:00.000Z"}],
        "shows": [
            {
                "ids": {"trakt": 1},
                "watched_at": "2020-02-02T00:00:00.000Z",
                "seasons": [
                    {
                        "number": 1,
                        "episodes": [{"number": 1}, {"number": 2, "watched_at": "released"}],
                    },
                    {"number": 2},
                ],
            },
            {"title": "Fargo", "year": 2014},
        ],
        "seasons": [{"ids": {"tvdb": 439371}}],
        "episodes": [{"ids": {"trakt": 16}, "watched_at": "unknown"}],
    }
    specs = parse_items_file(json.dumps(body))
    kinds = [(s.ref.type, s.ref.season, s.ref.episode) for s in specs]
    assert kinds == [
        ("movie", None, None),
        ("episode", 1, 1),
        ("episode", 1, 2),
        ("season", 2, None),
        ("show", None, None),
        ("season", None, None),
        ("episode", None, None),
    ]
    assert specs[1].fields == {"watched_at": "2020-02-02T00:00:00.000Z"}
    assert specs[2].fields == {"watched_at": "released"}
    assert specs[6].fields == {"watched_at": "unknown"}
    assert [s.source for s in specs][:2] == ["movies[0]", "shows[0]"]
    assert specs[4].needs_search and not specs[5].needs_search
    assert all(not s.needs_search for s in specs[:4])


def test_collection_show_wrapper_expands() -> None:
    data = [
        {
            "last_collected_at": "2014-09-01T09:10:11.000Z",
            "show": {"title": "Breaking Bad", "ids": {"trakt": 1}},
            "seasons": [
                {
                    "number": 1,
                    "episodes": [
                        {
                            "number": 1,
                            "collected_at": "2014-09-01T09:10:11.000Z",
                            "metadata": {"audio": "dts", "3d": False},
                        }
                    ],
                }
            ],
        }
    ]
    (spec,) = parse_items_file(json.dumps(data))
    assert (spec.ref.type, spec.ref.season, spec.ref.episode) == ("episode", 1, 1)
    assert spec.fields == {
        "collected_at": "2014-09-01T09:10:11.000Z",
        "audio": "dts",
        "3d": False,
    }


def test_single_object() -> None:
    (spec,) = parse_items_file('{"type": "movie", "ids": {"slug": "inception-2010"}}')
    assert spec.ref.id_type == "slug" and not spec.needs_search


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('[{"a": 1', "invalid JSON at line 1"),
        ("[\n  1,", "invalid JSON at line 2"),
        ('{"movies": [}', "invalid JSON"),
        ("[42]", "item 1: expected an object or a string"),
        ('["Dune", null]', "item 2: expected an object or a string"),
        ('[{"type": "person", "ids": {"trakt": 1}}]', "item 1: unknown type 'person'"),
        ('[{"type": "movie", "ids": {"tmdb": "abc"}}]', "item 1: malformed tmdb id"),
        ('[{"type": "movie", "ids": {"imdb": "nm1"}}]', "person id"),
        ('[{"type": "movie", "ids": 5}]', "'ids' must be an object"),
        ('[{"type": "movie"}]', "needs ids or a title"),
        ('[{"type": "movie", "title": "X", "year": 1700}]', "outside"),
        ('[{"type": "movie", "title": "X", "year": "2010"}]', "whole number"),
        ('[{"type": "movie", "title": "X", "rating": 11}]', "between 1 and 10"),
        ('[{"type": "movie", "title": "X", "media_type": "tape"}]', "media_type must be one of"),
        ('[{"type": "movie", "title": "X", "metadata": 3}]', "'metadata' must be an object"),
        ('[{"type": "movie", "title": "X", "watched_at": "2999-01-01"}]', "future"),
        ('[{"type": "movie", "title": "X", "watched_at": 5}]', "date string"),
        ('[{"type": "movie", "title": "X", "rated_at": "released"}]', "rated_at"),
        ('[{"type": "movie", "title": "X", "collected_at": "unknown"}]', "only history"),
        ('[{"type": "episode", "ids": {}}]', "needs ids or a title"),
        ('[{"type": "season", "title": "Breaking Bad"}]', "a season needs its own ids"),
        ('[{"type": "episode", "title": "Breaking Bad"}]', "an episode needs its own ids"),
        ('[{"type": "episode", "title": "Breaking Bad", "season": 1}]', "needs a number"),
        (
            '[{"type": "episode", "episode": {"title": "P"}, "show": {"ids": {"trakt": 1}}}]',
            "season",
        ),
        ('[{"type": "movie", "show": {"ids": {"trakt": 1}}}]', "no 'movie' object"),
        ('{"people": []}', "unsupported key"),
        ('{"movies": {}}', "must be an array"),
        ('{"shows": [{"ids": {"trakt": 1}, "seasons": [{"episodes": []}]}]}', "needs a 'number'"),
        (
            '{"shows": [{"ids": {"trakt": 1}, "seasons": [{"number": 1, "episodes": [{}]}]}]}',
            "number",
        ),
        ('{"shows": [{"ids": {"trakt": 1}, "seasons": [5]}]}', "must be objects"),
        (
            '{"shows": [{"ids": {"trakt": 1}, "seasons": [{"number": 1, "episodes": [3]}]}]}',
            "objects",
        ),
        ('[{"item": 5}]', "'item' must be text"),
        ('[{"item": ""}]', "empty"),
        ('{"type": "movie", "title": "X", "ids": 3}', "'ids' must be an object"),
        ('[{"type": "movie", "title": 5}]', "'title' must be text"),
    ],
)
def test_json_errors(text: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as info:
        parse_items_file(text)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_best_id_order() -> None:
    assert best_id({"ids": {"slug": "x", "tvdb": 3, "imdb": "", "tmdb": None}}) == ("tvdb", "3")
    assert best_id({"ids": {}}) is None
    assert best_id({}) is None


def test_item_spec_defaults() -> None:
    spec = parse_items_file("Dune")[0]
    assert isinstance(spec, ItemSpec) and spec.media is None and spec.show is None
