"""Validators for command options, applied before any request is sent.

Every failure raises `InvalidInput` with a one-line message naming the option and, for
enumerations, the allowed values. Returned values are normalised for the API.

Decisions:
- Timestamps without a timezone are taken as UTC (Trakt is UTC throughout; this keeps
  scripts portable and results independent of the machine's zone). A date alone means
  midnight UTC of that day.
- `parse_when` rejects times more than `FUTURE_SKEW` (5 minutes) ahead of now and dates
  before 1870.
- Discovery lists (`trending`, `popular`, `anticipated`, ...) take `--limit 1..250`: one
  page, and 250 is the API's page-size clamp (REFERENCE §0, §3.2), so a larger value would
  be silently cut by the server. Recommendations take `--limit 1..100` (REFERENCE §11).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final, Literal, get_args

from traktkit.api.errors import InvalidInput
from traktkit.models.dates import as_utc, format_datetime, truncate_to_minute

__all__ = [
    "AUDIO",
    "AUDIO_CHANNELS",
    "DISCOVERY_LIMIT_MAX",
    "FUTURE_SKEW",
    "HDR",
    "LIST_TYPES",
    "MEDIA_TYPES",
    "METADATA_FIELDS",
    "NOTES_MAX",
    "PERIODS",
    "RECOMMENDATION_LIMIT_MAX",
    "RESOLUTIONS",
    "SORT_HOW",
    "WATCHLIST_SORTS",
    "ListType",
    "Period",
    "SortHow",
    "WatchlistSort",
    "parse_since",
    "parse_when",
    "validate_audio_channels",
    "validate_choice",
    "validate_discovery_limit",
    "validate_limit",
    "validate_list_type",
    "validate_metadata",
    "validate_notes",
    "validate_period",
    "validate_range",
    "validate_rating",
    "validate_recommendation_limit",
    "validate_sort",
    "validate_sort_how",
    "validate_three_d",
]

Period = Literal["daily", "weekly", "monthly", "yearly", "all"]
ListType = Literal["movies", "shows", "seasons", "episodes", "all"]
SortHow = Literal["asc", "desc"]

PERIODS: Final[tuple[str, ...]] = ("daily", "weekly", "monthly", "yearly", "all")
LIST_TYPES: Final[tuple[str, ...]] = ("movies", "shows", "seasons", "episodes", "all")
WatchlistSort = Literal[
    "rank",
    "added",
    "title",
    "released",
    "runtime",
    "popularity",
    "percentage",
    "votes",
    "my_rating",
    "random",
    "watched",
    "collected",
]
WATCHLIST_SORTS: Final[tuple[str, ...]] = get_args(WatchlistSort)
SORT_HOW: Final[tuple[str, ...]] = ("asc", "desc")

# Collection metadata (REFERENCE §8.4).
MEDIA_TYPES: Final[tuple[str, ...]] = (
    "digital",
    "bluray",
    "hddvd",
    "dvd",
    "vcd",
    "vhs",
    "betamax",
    "laserdisc",
)
RESOLUTIONS: Final[tuple[str, ...]] = (
    "uhd_4k",
    "hd_1080p",
    "hd_1080i",
    "hd_720p",
    "sd_480p",
    "sd_480i",
    "sd_576p",
    "sd_576i",
)
HDR: Final[tuple[str, ...]] = ("dolby_vision", "hdr10", "hdr10_plus", "hlg")
AUDIO: Final[tuple[str, ...]] = (
    "dolby_digital",
    "dolby_digital_plus",
    "dolby_digital_plus_atmos",
    "dolby_truehd",
    "dolby_atmos",
    "dolby_prologic",
    "dts",
    "dts_ma",
    "dts_hr",
    "dts_x",
    "auro_3d",
    "mp3",
    "mp2",
    "aac",
    "lpcm",
    "ogg",
    "ogg_opus",
    "wma",
    "flac",
)
AUDIO_CHANNELS: Final[tuple[str, ...]] = (
    "1.0",
    "2.0",
    "2.1",
    "3.0",
    "3.1",
    "4.0",
    "4.1",
    "5.0",
    "5.1",
    "5.1.2",
    "5.1.4",
    "6.1",
    "7.1",
    "7.1.2",
    "7.1.4",
    "9.1",
    "10.1",
)
METADATA_FIELDS: Final[tuple[str, ...]] = (
    "media_type",
    "resolution",
    "hdr",
    "audio",
    "audio_channels",
    "3d",
)

RECOMMENDATION_LIMIT_MAX: Final = 100
DISCOVERY_LIMIT_MAX: Final = 250
NOTES_MAX: Final = 500
FUTURE_SKEW: Final = timedelta(minutes=5)
_EARLIEST: Final = datetime(1870, 1, 1, tzinfo=UTC)


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def validate_choice(value: object, allowed: tuple[str, ...], *, option: str) -> str:
    """`value` (case-insensitive, trimmed) if it is one of `allowed`, else InvalidInput."""
    if isinstance(value, str):
        norm = value.strip().lower()
        if norm in allowed:
            return norm
    raise InvalidInput(f"{option} must be one of {', '.join(allowed)}; got {_show(value)}")


def validate_period(value: object, *, option: str = "--period") -> Period:
    return validate_choice(value, PERIODS, option=option)  # type: ignore[return-value]


def validate_list_type(value: object, *, option: str = "--type") -> ListType:
    """`movies|shows|seasons|episodes|all`; the singular forms are accepted too."""
    if isinstance(value, str) and value.strip().lower() in ("movie", "show", "season", "episode"):
        value = value.strip().lower() + "s"
    return validate_choice(value, LIST_TYPES, option=option)  # type: ignore[return-value]


def validate_sort(value: object, *, option: str = "--sort") -> str:
    return validate_choice(value, WATCHLIST_SORTS, option=option)


def validate_sort_how(value: object, *, option: str = "--sort-how") -> SortHow:
    return validate_choice(value, SORT_HOW, option=option)  # type: ignore[return-value]


def _as_int(value: object, option: str) -> int:
    if isinstance(value, bool):
        raise InvalidInput(f"{option} must be a whole number; got {_show(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"[+-]?[0-9]{1,18}", value.strip()):
        return int(value.strip())
    raise InvalidInput(f"{option} must be a whole number; got {_show(value)}")


def validate_rating(value: object, *, option: str = "rating") -> int:
    """A rating: whole number 1..10 (REFERENCE §8.7)."""
    rating = _as_int(value, option)
    if not 1 <= rating <= 10:
        raise InvalidInput(f"{option} must be between 1 and 10; got {rating}")
    return rating


def validate_limit(value: object, *, maximum: int, option: str = "--limit") -> int:
    limit = _as_int(value, option)
    if not 1 <= limit <= maximum:
        raise InvalidInput(f"{option} must be between 1 and {maximum}; got {limit}")
    return limit


def validate_recommendation_limit(value: object, *, option: str = "--limit") -> int:
    """Recommendations: 1..100 (the API maximum)."""
    return validate_limit(value, maximum=RECOMMENDATION_LIMIT_MAX, option=option)


def validate_discovery_limit(value: object, *, option: str = "--limit") -> int:
    """Trending/popular/anticipated/...: 1..250 (one page; the API clamps pages at 250)."""
    return validate_limit(value, maximum=DISCOVERY_LIMIT_MAX, option=option)


def validate_notes(value: object, *, option: str = "--notes") -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{option} must be text; got {_show(value)}")
    if len(value) > NOTES_MAX:
        raise InvalidInput(f"{option} is {len(value)} characters; the maximum is {NOTES_MAX}")
    return value


def validate_audio_channels(value: object, *, option: str = "audio_channels") -> str:
    """`5.1`, `7.1.4`, ...; numbers are accepted (`2` means `2.0`)."""
    if isinstance(value, bool):
        return validate_choice(value, AUDIO_CHANNELS, option=option)
    if isinstance(value, int):
        value = f"{value}.0"
    elif isinstance(value, float) and math.isfinite(value):
        value = repr(value)
    return validate_choice(value, AUDIO_CHANNELS, option=option)


_TRUE = ("true", "yes", "1", "on")
_FALSE = ("false", "no", "0", "off")


def validate_three_d(value: object, *, option: str = "3d") -> bool:
    """`3d` is a boolean in requests (REFERENCE §8.4)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        norm = value.strip().lower()
        if norm in _TRUE:
            return True
        if norm in _FALSE:
            return False
    raise InvalidInput(f"{option} must be true or false; got {_show(value)}")


_METADATA_CHECKS: Final[dict[str, Callable[[object], object]]] = {
    "media_type": lambda v: validate_choice(v, MEDIA_TYPES, option="media_type"),
    "resolution": lambda v: validate_choice(v, RESOLUTIONS, option="resolution"),
    "hdr": lambda v: validate_choice(v, HDR, option="hdr"),
    "audio": lambda v: validate_choice(v, AUDIO, option="audio"),
    "audio_channels": lambda v: validate_audio_channels(v),
    "3d": lambda v: validate_three_d(v),
}


def validate_metadata(values: Mapping[str, object]) -> dict[str, Any]:
    """Check collection metadata (`media_type`, `resolution`, `hdr`, `audio`,
    `audio_channels`, `3d`); None values are dropped, unknown keys rejected."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        name = "3d" if key in ("three_d", "3d") else key
        check = _METADATA_CHECKS.get(name)
        if check is None:
            raise InvalidInput(
                f"unknown collection metadata {key!r}; expected one of {', '.join(METADATA_FIELDS)}"
            )
        if value is not None:
            out[name] = check(value)
    return out


# --- timestamps -----------------------------------------------------------------------

_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DATETIME_RE = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?",
    re.ASCII | re.IGNORECASE,
)
_RELATIVE_RE = re.compile(
    r"([0-9]{1,6})\s*(h|hours?|d|days?|w|weeks?|y|years?)(\s+ago)?", re.ASCII | re.IGNORECASE
)


def _now(now: datetime | None) -> datetime:
    return as_utc(now) if now is not None else datetime.now(UTC)


def _parse_iso(text: str, option: str) -> datetime | None:
    """An ISO date or datetime as aware UTC; None if `text` is not ISO-shaped."""
    try:
        if _DATE_RE.fullmatch(text):
            return datetime.combine(date.fromisoformat(text), time(), tzinfo=UTC)
        if _DATETIME_RE.fullmatch(text):
            value = text[:-1] + "+00:00" if text[-1] in "zZ" else text
            return as_utc(datetime.fromisoformat(value))
    except ValueError:
        raise InvalidInput(f"{option}: {text!r} is not a valid date or time") from None
    return None


def parse_when(
    value: str,
    *,
    option: str = "--watched-at",
    allow_released: bool = True,
    allow_unknown: bool = False,
    now: datetime | None = None,
) -> str:
    """A `watched_at` / `collected_at` / `rated_at` value in the API's format.

    - `now`: the current UTC time at minute precision (the API stores watches to the
      minute, REFERENCE §1.5);
    - `released` (if `allow_released`): passed through; the API uses the release date;
    - `unknown` (if `allow_unknown`, history only): passed through;
    - ISO date (`2024-05-01`, midnight UTC) or datetime (`2024-05-01T21:30`, `…Z`,
      `…+02:00`; naive means UTC), returned as `2024-05-01T21:30:00.000Z`.

    Rejects other text, dates before 1870, and times more than 5 minutes in the future.
    """
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{option} needs a value (now, a date or a date and time)")
    text = value.strip()
    keyword = text.lower()
    current = _now(now)
    if keyword == "now":
        return format_datetime(truncate_to_minute(current))
    if keyword == "released":
        if allow_released:
            return "released"
        raise InvalidInput(f"{option} does not accept 'released'")
    if keyword == "unknown":
        if allow_unknown:
            return "unknown"
        raise InvalidInput(f"{option} does not accept 'unknown' (only history does)")
    when = _parse_iso(text, option)
    if when is None and (keyword == "yesterday" or _RELATIVE_RE.fullmatch(text)):
        # the same relative forms as --since: `yesterday` (24 h ago), `3h`, `2d`, `1w`
        when = (
            current - timedelta(days=1)
            if keyword == "yesterday"
            else parse_since(text, option=option, now=current)
        )
        return format_datetime(truncate_to_minute(when))
    if when is None:
        extra = ", released" if allow_released else ""
        extra += ", unknown" if allow_unknown else ""
        raise InvalidInput(
            f"{option}: {text!r} is not a date; use now{extra}, yesterday, an age like 2d, "
            "YYYY-MM-DD or YYYY-MM-DDTHH:MM[Z]"
        )
    if when < _EARLIEST:
        raise InvalidInput(f"{option}: {text!r} is before 1870")
    if when > current + FUTURE_SKEW:
        raise InvalidInput(f"{option}: {text!r} is in the future")
    return format_datetime(when)


def parse_since(value: str, *, option: str = "--since", now: datetime | None = None) -> datetime:
    """A `--since` / `--until` bound as an aware UTC datetime.

    Accepts `now`, `today` (midnight UTC), `yesterday`, an ISO date (midnight UTC) or
    datetime (naive means UTC), or a relative age: `12h`, `7d`, `2w`, `1y` (also
    `7 days ago`; a year is 365 days). Format it with `format_datetime` for the API.
    """
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{option} needs a value (a date, or an age like 7d)")
    text = value.strip()
    keyword = text.lower()
    current = _now(now)
    midnight = current.replace(hour=0, minute=0, second=0, microsecond=0)
    if keyword == "now":
        return current
    if keyword == "today":
        return midnight
    if keyword == "yesterday":
        return midnight - timedelta(days=1)
    rel = _RELATIVE_RE.fullmatch(text)
    if rel:
        amount = int(rel.group(1))
        unit = rel.group(2)[0].lower()
        days = {"h": amount / 24, "d": amount, "w": amount * 7, "y": amount * 365}[unit]
        if days > 200 * 365:
            raise InvalidInput(f"{option}: {text!r} is too far back")
        return current - timedelta(days=days)
    when = _parse_iso(text, option)
    if when is None:
        raise InvalidInput(
            f"{option}: {text!r} is not a date; use YYYY-MM-DD, YYYY-MM-DDTHH:MM or an age "
            "like 12h, 7d, 2w, 1y"
        )
    return when


def validate_range(
    since: datetime | None,
    until: datetime | None,
    *,
    options: tuple[str, str] = ("--since", "--until"),
) -> None:
    """InvalidInput when both bounds are given and `since` is after `until`."""
    if since is not None and until is not None and as_utc(since) > as_utc(until):
        raise InvalidInput(f"{options[0]} must not be later than {options[1]}")
