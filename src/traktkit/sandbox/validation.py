"""Validation of the per-item fields of sync POST bodies (REFERENCE §8.1, §8.4, §8.6).

Status codes (the reference leaves the choice open, "400 or 422"):

* **400** `invalid_body`: the body is malformed or a value has the wrong JSON type (an array
  that is not a list, an item that is not an object, `ids` not an object, an id that is
  neither a string nor an integer, a `number`/`rating` that is not an integer, `3d` not a
  boolean, a date that is not a string);
* **422** `validation_failed`: the types are right but a value is not allowed (rating outside
  1..10, a metadata value outside the §8.4 enums, an unparsable date, notes over 500
  characters).

Either way the whole request is rejected and nothing is changed. The error description
names the offending field, e.g. `movies[0].rating: must be 1..10`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeGuard

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.timeutil import minute, parse_iso

MEDIA_TYPES = ("digital", "bluray", "hddvd", "dvd", "vcd", "vhs", "betamax", "laserdisc")
RESOLUTIONS = (
    "uhd_4k",
    "hd_1080p",
    "hd_1080i",
    "hd_720p",
    "sd_480p",
    "sd_480i",
    "sd_576p",
    "sd_576i",
)
HDR = ("dolby_vision", "hdr10", "hdr10_plus", "hlg")
AUDIO = (
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
AUDIO_CHANNELS = (
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
METADATA_ENUMS: dict[str, tuple[str, ...]] = {
    "media_type": MEDIA_TYPES,
    "resolution": RESOLUTIONS,
    "hdr": HDR,
    "audio": AUDIO,
    "audio_channels": AUDIO_CHANNELS,
}
METADATA_FIELDS: tuple[str, ...] = (*METADATA_ENUMS, "3d")
NOTES_MAX = 500

# The field sets each endpoint reads from every level (show, season, episode, movie).
HISTORY_FIELDS = frozenset({"watched_at"})
COLLECTION_FIELDS = frozenset({"collected_at", *METADATA_FIELDS})
RATING_FIELDS = frozenset({"rating", "rated_at"})
LIST_ITEM_FIELDS = frozenset({"notes"})  # watchlist, favorites, personal lists
WATCHLIST_FIELDS = LIST_ITEM_FIELDS
HIDDEN_FIELDS = frozenset({"hidden_at"})


def bad_type(path: str, what: str) -> ApiError:
    return ApiError(400, "invalid_body", f"{path}: {what}")


def invalid(path: str, what: str) -> ApiError:
    return ApiError(422, "validation_failed", f"{path}: {what}")


def is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _date(path: str, value: Any, tokens: Iterable[str] = ()) -> float | str:
    if not isinstance(value, str):
        raise bad_type(path, "must be a string (ISO 8601 datetime)")
    if value in tokens:
        return value
    try:
        return parse_iso(value)
    except ValueError:
        allowed = ", ".join(f'"{t}"' for t in tokens)
        extra = f" or {allowed}" if allowed else ""
        raise invalid(path, f"{value!r} is not an ISO 8601 datetime{extra}") from None


def _rating(path: str, value: Any) -> int:
    if not is_int(value):
        raise bad_type(path, "must be an integer 1..10")
    if not 1 <= value <= 10:
        raise invalid(path, f"{value} is outside 1..10")
    return value


def _notes(path: str, value: Any) -> str:
    if not isinstance(value, str):
        raise bad_type(path, "must be a string")
    if len(value) > NOTES_MAX:
        raise invalid(path, f"longer than {NOTES_MAX} characters")
    return value


def _enum(path: str, value: Any, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise bad_type(path, "must be a string")
    if value not in allowed:
        raise invalid(path, f"{value!r} is not one of {', '.join(allowed)}")
    return value


def check_fields(entry: dict[str, Any], path: str, wanted: frozenset[str]) -> dict[str, Any]:
    """The validated fields of one level, among `wanted` (absent and null ones left out).

    `watched_at` becomes epoch seconds truncated to the minute, or `"released"` /
    `"unknown"`; `collected_at` epoch seconds or `"released"`; `rated_at` / `hidden_at`
    epoch seconds; `3d` a bool.
    """
    out: dict[str, Any] = {}
    for name in wanted:
        value = entry.get(name)
        if value is None:
            continue
        where = f"{path}.{name}"
        if name == "watched_at":
            parsed = _date(where, value, ("released", "unknown"))
            out[name] = minute(parsed) if isinstance(parsed, float) else parsed
        elif name == "collected_at":
            out[name] = _date(where, value, ("released",))
        elif name in ("rated_at", "hidden_at"):
            out[name] = _date(where, value)
        elif name == "rating":
            out[name] = _rating(where, value)
        elif name == "notes":
            out[name] = _notes(where, value)
        elif name == "3d":
            if not isinstance(value, bool):
                raise bad_type(where, "must be a boolean")
            out[name] = value
        elif name in METADATA_ENUMS:
            out[name] = _enum(where, value, METADATA_ENUMS[name])
    return out
