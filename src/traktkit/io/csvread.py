"""Reading the CSV exports of other services (IMDb, Letterboxd), strictly.

Headers are compared case- and space-insensitively; every problem (a row longer than the
header, a bad date, a rating out of range) is an `InvalidInput` naming the file and line,
raised before anything is sent.

Dates without a time (`2024-05-01`) become 12:00 UTC that day, so that the calendar day
is the same in every time zone from UTC-11 to UTC+11 (midnight UTC would show as the day
before in the Americas); a day that is today and whose noon is still ahead becomes the
current minute (Trakt takes no future dates).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Final

from traktkit.api.errors import InvalidInput
from traktkit.api.items import YEAR_MAX, YEAR_MIN
from traktkit.models import format_datetime, truncate_to_minute

__all__ = ["CsvRow", "CsvTable", "day_at_noon", "norm", "read_csv", "whole_year"]

_DATE: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
NOON: Final = time(12, 0, tzinfo=UTC)


def norm(name: str) -> str:
    """A header cell for comparison: case and spacing ignored."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


@dataclass(frozen=True)
class CsvRow:
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(norm(column), "").strip()


@dataclass
class CsvTable:
    name: str
    header: list[str]
    rows: list[CsvRow] = field(default_factory=list)

    @property
    def columns(self) -> set[str]:
        return {norm(h) for h in self.header}

    def has(self, *columns: str) -> bool:
        return all(norm(c) in self.columns for c in columns)

    def where(self, row: CsvRow) -> str:
        return f"{self.name} line {row.line}"

    def __iter__(self) -> Iterator[CsvRow]:
        return iter(self.rows)


def read_csv(text: str, name: str) -> CsvTable:
    """Parse a CSV export with a header row (blank lines skipped)."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    header: list[str] | None = None
    rows: list[CsvRow] = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                raise InvalidInput(
                    f"{name} line {reader.line_num}: {len(cells)} cells, "
                    f"but the header has {len(header)}"
                )
            keys = [norm(h) for h in header]
            rows.append(CsvRow(reader.line_num, dict(zip(keys, cells, strict=False))))
    except csv.Error as exc:
        raise InvalidInput(f"{name} line {reader.line_num}: not valid CSV ({exc})") from None
    if header is None:
        raise InvalidInput(f"{name} is empty: expected a CSV header row")
    return CsvTable(name, header, rows)


def day_at_noon(text: str, where: str, *, now: datetime | None = None) -> str:
    """`2024-05-01` -> `2024-05-01T12:00:00.000Z` (see the module docstring)."""
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise InvalidInput(f"{where}: {text!r} is not a date (YYYY-MM-DD)")
    try:
        day = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC).date()
    except ValueError:
        raise InvalidInput(f"{where}: {text!r} is not a valid date") from None
    if day.year < YEAR_MIN:
        raise InvalidInput(f"{where}: {text!r} is before {YEAR_MIN}")
    current = truncate_to_minute(now or datetime.now(UTC))
    if day > current.date():
        raise InvalidInput(f"{where}: {text!r} is in the future")
    return format_datetime(min(datetime.combine(day, NOON), current))


def whole_year(text: str, where: str) -> int | None:
    """A release year, or None for an empty cell."""
    value = text.strip()
    if not value:
        return None
    if not value.isdigit() or not YEAR_MIN <= int(value) <= YEAR_MAX:
        raise InvalidInput(f"{where}: year {value!r} is not a year like 2010")
    return int(value)
