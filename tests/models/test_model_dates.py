from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from traktkit.models import (
    TraktDateTime,
    as_utc,
    format_datetime,
    parse_datetime,
    truncate_to_minute,
)


def test_format_api_shape() -> None:
    dt = datetime(2014, 9, 1, 9, 10, 11, 123456, tzinfo=UTC)
    assert format_datetime(dt) == "2014-09-01T09:10:11.123Z"


def test_format_converts_offsets_to_utc() -> None:
    dt = datetime(2014, 9, 1, 11, 10, 11, tzinfo=timezone(timedelta(hours=2)))
    assert format_datetime(dt) == "2014-09-01T09:10:11.000Z"


def test_format_naive_is_utc() -> None:
    assert format_datetime(datetime(2020, 1, 2, 3, 4, 5)) == "2020-01-02T03:04:05.000Z"


def test_format_pads_small_years() -> None:
    assert format_datetime(datetime(5, 1, 1, tzinfo=UTC)) == "0005-01-01T00:00:00.000Z"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014-09-01T09:10:11.000Z", datetime(2014, 9, 1, 9, 10, 11, tzinfo=UTC)),
        ("2014-09-01T09:10:11Z", datetime(2014, 9, 1, 9, 10, 11, tzinfo=UTC)),
        ("2014-09-01T09:10:11z", datetime(2014, 9, 1, 9, 10, 11, tzinfo=UTC)),
        ("2014-09-01T11:10:11+02:00", datetime(2014, 9, 1, 9, 10, 11, tzinfo=UTC)),
        ("2014-09-01T09:10:11", datetime(2014, 9, 1, 9, 10, 11, tzinfo=UTC)),
        (" 2014-09-01T09:10:11.5Z ", datetime(2014, 9, 1, 9, 10, 11, 500000, tzinfo=UTC)),
    ],
)
def test_parse(text: str, expected: datetime) -> None:
    got = parse_datetime(text)
    assert got == expected
    assert got.tzinfo is UTC


@pytest.mark.parametrize("text", ["", "yesterday", "2014-13-01T00:00:00Z", "Z"])
def test_parse_rejects_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(text)


def test_truncate_to_minute() -> None:
    dt = datetime(2024, 5, 1, 21, 30, 55, 999, tzinfo=UTC)
    assert truncate_to_minute(dt) == datetime(2024, 5, 1, 21, 30, tzinfo=UTC)


def test_as_utc_keeps_instant() -> None:
    dt = datetime(2024, 5, 1, 23, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert as_utc(dt) == dt
    assert as_utc(dt).tzinfo is UTC


aware = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from(
        [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
    ),
)


@given(aware)
def test_round_trip_to_millisecond(dt: datetime) -> None:
    text = format_datetime(dt)
    back = parse_datetime(text)
    assert back == as_utc(dt).replace(microsecond=dt.microsecond // 1000 * 1000)
    assert format_datetime(back) == text
    assert len(text) == 24 and text.endswith("Z")


class _M(BaseModel):
    at: TraktDateTime


def test_annotated_type_parses_and_dumps() -> None:
    m = _M.model_validate({"at": "2014-09-01T09:10:11Z"})
    assert m.at == datetime(2014, 9, 1, 9, 10, 11, tzinfo=UTC)
    assert m.model_dump(mode="json") == {"at": "2014-09-01T09:10:11.000Z"}
    assert m.model_dump() == {"at": m.at}  # python mode keeps the datetime


def test_annotated_type_naive_becomes_utc() -> None:
    m = _M.model_validate({"at": "2014-09-01T09:10:11"})
    assert m.at.tzinfo is UTC
