from datetime import UTC, datetime, timedelta

import pytest

from traktkit.api.errors import InvalidInput
from traktkit.api.validate import (
    AUDIO,
    AUDIO_CHANNELS,
    HDR,
    MEDIA_TYPES,
    RESOLUTIONS,
    WATCHLIST_SORTS,
    parse_since,
    parse_when,
    validate_audio_channels,
    validate_choice,
    validate_discovery_limit,
    validate_limit,
    validate_list_type,
    validate_metadata,
    validate_notes,
    validate_period,
    validate_range,
    validate_rating,
    validate_recommendation_limit,
    validate_sort,
    validate_sort_how,
    validate_three_d,
)

NOW = datetime(2024, 6, 1, 12, 34, 56, 789000, tzinfo=UTC)


def _fails(fn: object, *args: object, fragment: str = "", **kwargs: object) -> str:
    with pytest.raises(InvalidInput) as info:
        fn(*args, **kwargs)  # type: ignore[operator]
    msg = str(info.value)
    assert "\n" not in msg
    assert fragment in msg
    return msg


@pytest.mark.parametrize(("value", "expected"), [(1, 1), (10, 10), ("7", 7), (" 8 ", 8), (9.0, 9)])
def test_rating_ok(value: object, expected: int) -> None:
    assert validate_rating(value) == expected


@pytest.mark.parametrize("value", [0, 11, -1, "x", "7.5", 7.5, True, None, ""])
def test_rating_bad(value: object) -> None:
    _fails(validate_rating, value, fragment="rating")


def test_enum_tables_match_reference() -> None:
    assert len(MEDIA_TYPES) == 8 and "laserdisc" in MEDIA_TYPES
    assert len(RESOLUTIONS) == 8 and "uhd_4k" in RESOLUTIONS
    assert HDR == ("dolby_vision", "hdr10", "hdr10_plus", "hlg")
    assert len(AUDIO) == 19 and "dolby_atmos" in AUDIO and "ogg_opus" in AUDIO
    assert len(AUDIO_CHANNELS) == 17 and AUDIO_CHANNELS[-1] == "10.1"


def test_metadata_ok_and_normalised() -> None:
    got = validate_metadata(
        {
            "media_type": "BluRay",
            "resolution": " uhd_4k ",
            "hdr": "dolby_vision",
            "audio": "dts_x",
            "audio_channels": 7.1,
            "3d": "no",
        }
    )
    assert got == {
        "media_type": "bluray",
        "resolution": "uhd_4k",
        "hdr": "dolby_vision",
        "audio": "dts_x",
        "audio_channels": "7.1",
        "3d": False,
    }


def test_metadata_drops_none_and_accepts_three_d_name() -> None:
    assert validate_metadata({"hdr": None, "three_d": True}) == {"3d": True}


def test_metadata_error_lists_allowed_values() -> None:
    msg = _fails(validate_metadata, {"resolution": "4k"}, fragment="resolution must be one of")
    assert "uhd_4k" in msg and "sd_576i" in msg and "'4k'" in msg


def test_metadata_unknown_key() -> None:
    _fails(validate_metadata, {"codec": "x"}, fragment="unknown collection metadata 'codec'")


@pytest.mark.parametrize(("value", "expected"), [("5.1", "5.1"), (2, "2.0"), ("5.1.4", "5.1.4")])
def test_audio_channels(value: object, expected: str) -> None:
    assert validate_audio_channels(value) == expected


@pytest.mark.parametrize("value", ["5.2", 8, True, float("nan"), None])
def test_audio_channels_bad(value: object) -> None:
    _fails(validate_audio_channels, value, fragment="audio_channels must be one of")


@pytest.mark.parametrize(
    ("value", "expected"), [(True, True), (0, False), ("yes", True), ("FALSE", False)]
)
def test_three_d(value: object, expected: bool) -> None:
    assert validate_three_d(value) is expected


@pytest.mark.parametrize("value", ["maybe", 2, None])
def test_three_d_bad(value: object) -> None:
    _fails(validate_three_d, value, fragment="3d must be true or false")


def test_choices() -> None:
    assert validate_period("Weekly") == "weekly"
    assert validate_list_type("movie") == "movies"
    assert validate_list_type("all") == "all"
    assert validate_sort("my_rating") == "my_rating"
    assert set(WATCHLIST_SORTS) >= {"rank", "added", "title", "released", "random"}
    assert validate_sort_how("DESC") == "desc"
    msg = _fails(validate_period, "hourly", fragment="--period must be one of")
    assert "daily, weekly, monthly, yearly, all" in msg
    _fails(validate_list_type, "people", fragment="--type")
    _fails(validate_sort, "best", fragment="--sort")
    _fails(validate_sort_how, "up", fragment="asc, desc")
    _fails(validate_choice, 3, ("a",), option="--x", fragment="--x must be one of a; got 3")


def test_limits() -> None:
    assert validate_recommendation_limit(100) == 100
    assert validate_recommendation_limit("1") == 1
    _fails(validate_recommendation_limit, 101, fragment="between 1 and 100")
    _fails(validate_recommendation_limit, 0, fragment="between 1 and 100")
    assert validate_discovery_limit(250) == 250
    _fails(validate_discovery_limit, 251, fragment="between 1 and 250")
    _fails(validate_limit, "ten", maximum=5, fragment="whole number")


def test_notes() -> None:
    assert validate_notes("ok") == "ok"
    _fails(validate_notes, "x" * 501, fragment="maximum is 500")
    _fails(validate_notes, 5, fragment="must be text")


# --- parse_when ---------------------------------------------------------------------------


def test_when_now_is_minute_precision() -> None:
    assert parse_when("now", now=NOW) == "2024-06-01T12:34:00.000Z"
    assert parse_when(" NOW ", now=NOW) == "2024-06-01T12:34:00.000Z"


def test_when_now_default_clock() -> None:
    got = parse_when("now")
    assert got.endswith(":00.000Z")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01", "2024-05-01T00:00:00.000Z"),
        ("2024-05-01T21:30", "2024-05-01T21:30:00.000Z"),
        ("2024-05-01 21:30:15", "2024-05-01T21:30:15.000Z"),
        ("2024-05-01T21:30:15.250Z", "2024-05-01T21:30:15.250Z"),
        ("2024-05-01T21:30:15z", "2024-05-01T21:30:15.000Z"),
        ("2024-05-01T21:30+02:00", "2024-05-01T19:30:00.000Z"),
        ("2024-05-01T21:30-0500", "2024-05-02T02:30:00.000Z"),
        ("2014-09-01T09:10:11.000Z", "2014-09-01T09:10:11.000Z"),
    ],
)
def test_when_iso(text: str, expected: str) -> None:
    assert parse_when(text, now=NOW) == expected


def test_when_keywords() -> None:
    assert parse_when("released", now=NOW) == "released"
    assert parse_when("Unknown", allow_unknown=True, now=NOW) == "unknown"
    _fails(parse_when, "unknown", now=NOW, fragment="only history")
    _fails(parse_when, "released", allow_released=False, now=NOW, option="--rated-at")


def test_when_future_with_skew() -> None:
    assert parse_when("2024-06-01T12:38", now=NOW) == "2024-06-01T12:38:00.000Z"
    _fails(parse_when, "2024-06-01T12:45", now=NOW, fragment="in the future")
    _fails(parse_when, "2030-01-01", now=NOW, fragment="in the future")


@pytest.mark.parametrize(
    "text",
    ["", "  ", "tomorrow-ish", "2024-13-01", "2024-02-30", "01/05/2024", "2024-05-01T25:00", "1"],
)
def test_when_garbage(text: str) -> None:
    _fails(parse_when, text, now=NOW, fragment="--watched-at")


def test_when_too_old() -> None:
    _fails(parse_when, "1800-01-01", now=NOW, fragment="before 1870")


def test_when_option_name_in_message() -> None:
    _fails(parse_when, "soon", option="--collected-at", now=NOW, fragment="--collected-at")


# --- parse_since --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("7d", timedelta(days=7)),
        ("2w", timedelta(days=14)),
        ("1y", timedelta(days=365)),
        ("12h", timedelta(hours=12)),
        ("3 days ago", timedelta(days=3)),
        ("1 week", timedelta(days=7)),
        ("0d", timedelta(0)),
    ],
)
def test_since_relative(text: str, delta: timedelta) -> None:
    assert parse_since(text, now=NOW) == NOW - delta


def test_since_keywords_and_iso() -> None:
    assert parse_since("now", now=NOW) == NOW
    assert parse_since("today", now=NOW) == datetime(2024, 6, 1, tzinfo=UTC)
    assert parse_since("yesterday", now=NOW) == datetime(2024, 5, 31, tzinfo=UTC)
    assert parse_since("2024-01-01", now=NOW) == datetime(2024, 1, 1, tzinfo=UTC)
    assert parse_since("2024-01-01T10:00+01:00", now=NOW) == datetime(2024, 1, 1, 9, tzinfo=UTC)
    assert parse_since("2030-01-01", now=NOW).year == 2030  # --until may be in the future


@pytest.mark.parametrize("text", ["", "7x", "d7", "last week", "999999y", "2024-99-99"])
def test_since_garbage(text: str) -> None:
    _fails(parse_since, text, now=NOW, option="--until", fragment="--until")


def test_range() -> None:
    validate_range(None, NOW)
    validate_range(NOW - timedelta(days=1), NOW)
    _fails(validate_range, NOW, NOW - timedelta(days=1), fragment="--since must not be later")
