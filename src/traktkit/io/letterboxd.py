"""Letterboxd's data export: `diary.csv`, `ratings.csv`, `watched.csv`, `watchlist.csv`.

Layouts (https://letterboxd.com/settings/data/ -> "Export your data", a ZIP file):
- diary.csv: `Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date`
- ratings.csv: `Date,Name,Year,Letterboxd URI,Rating`
- watched.csv, watchlist.csv: `Date,Name,Year,Letterboxd URI`
`Date` is when the entry was logged or added; `Rating` is 0.5-5 stars; the URIs are
boxd.it links (no IMDb or TMDB ids), so films are matched by title and year with the
CLI's resolution rules (one search per distinct film; ambiguous or unknown titles are
reported, never guessed).

Decisions:
- every diary row is one play on its `Watched Date` (12:00 UTC; rewatches are separate
  plays); a play of the same film already in history on the same UTC day counts as
  that play, so importing twice adds nothing;
- a film in watched.csv without any diary entry gets one play dated by `undated`:
  `unknown` (default: Trakt's "watched at an unknown date"), `released` (its release
  date) or `logged` (the `Date` it was marked watched on Letterboxd); with `unknown` or
  `released` it is skipped when the film already has any play in history;
- ratings: stars x 2 (0.5 -> 1, 5 -> 10), `rated_at` = `Date`; without ratings.csv the
  rating of a film's latest rated diary entry is used, dated by that entry; dates are
  compared by day with a rating already in the account (see `RatingsPolicy`);
- watchlist.csv: watchlist items in file order (`Date` cannot be restored).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Final, Literal

from traktkit.api.errors import InvalidInput
from traktkit.api.items import ItemRef
from traktkit.io.csvread import CsvRow, CsvTable, day_at_noon, read_csv, whole_year
from traktkit.io.plan import ImportPlan, Precision, Target, Wanted

__all__ = [
    "LETTERBOXD_FILES",
    "UNDATED",
    "LetterboxdKind",
    "Undated",
    "detect_letterboxd",
    "load_letterboxd",
    "parse_letterboxd",
    "stars_to_rating",
]

LetterboxdKind = Literal["diary", "ratings", "watched", "watchlist"]
Undated = Literal["unknown", "released", "logged"]
UNDATED: Final[tuple[str, ...]] = ("unknown", "released", "logged")
LETTERBOXD_FILES: Final[tuple[LetterboxdKind, ...]] = ("diary", "ratings", "watched", "watchlist")
_SKIPPED_FOLDERS: Final = frozenset({"deleted", "orphaned", "likes", "lists"})
_MAX_FILE: Final = 64 * 1024 * 1024


def detect_letterboxd(table: CsvTable, stem: str | None = None) -> LetterboxdKind:
    """Which export file a table is, from its header (and its file name, for the two
    files that share one)."""
    if not table.has("Name", "Year"):
        raise InvalidInput(
            f"{table.name} is not a Letterboxd export: expected a header like "
            "Date,Name,Year,Letterboxd URI,..."
        )
    if table.has("Review"):
        raise InvalidInput(f"{table.name} holds reviews: import diary.csv instead")
    if table.has("Watched Date"):
        return "diary"
    if table.has("Rating"):
        return "ratings"
    if stem == "watched":
        return "watched"
    if stem == "watchlist":
        return "watchlist"
    raise InvalidInput(
        f"{table.name}: watched.csv and watchlist.csv look the same; name the file "
        "watched.csv or watchlist.csv (or use --as watched|watchlist)"
    )


def _read(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is not UTF-8 text") from None


def _from_zip(path: Path) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                parts = PurePosixPath(info.filename).parts
                if info.is_dir() or not parts or len(parts) > 2:
                    continue
                if len(parts) == 2 and parts[0].lower() in _SKIPPED_FOLDERS:
                    continue
                stem = PurePosixPath(parts[-1]).stem.lower()
                if parts[-1].lower().endswith(".csv") and stem in LETTERBOXD_FILES:
                    if info.file_size > _MAX_FILE:
                        raise InvalidInput(f"{info.filename} in {path.name} is too large")
                    out.append((parts[-1], _read(archive.read(info), info.filename)))
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInput(f"{path}: not a readable ZIP file ({exc})") from None
    return out


def load_letterboxd(
    path: Path, *, kind: LetterboxdKind | None = None
) -> dict[LetterboxdKind, CsvTable]:
    """The export files found at `path`: a folder, the export's ZIP file, or one CSV."""
    files: list[tuple[str, str]]
    try:
        if path.is_dir():
            files = [
                (f"{stem}.csv", _read((path / f"{stem}.csv").read_bytes(), f"{stem}.csv"))
                for stem in LETTERBOXD_FILES
                if (path / f"{stem}.csv").is_file()
            ]
        elif zipfile.is_zipfile(path):
            files = _from_zip(path)
        else:
            files = [(path.name, _read(path.read_bytes(), path.name))]
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or exc}") from None
    single = not path.is_dir() and len(files) == 1 and not zipfile.is_zipfile(path)
    tables: dict[LetterboxdKind, CsvTable] = {}
    for name, text in files:
        table = read_csv(text, name)
        stem = kind if single and kind else PurePosixPath(name).stem.lower()
        found = detect_letterboxd(table, stem)
        if found in tables:
            raise InvalidInput(f"{path}: two {found} files")
        tables[found] = table
    if not tables:
        raise InvalidInput(
            f"{path}: no Letterboxd export files (diary.csv, ratings.csv, watched.csv, "
            "watchlist.csv)"
        )
    return tables


def stars_to_rating(text: str, where: str) -> int | None:
    """Letterboxd stars (0.5-5, halves) as a Trakt rating (1-10); empty -> None."""
    value = text.strip()
    if not value:
        return None
    try:
        stars = Decimal(value)
    except InvalidOperation:
        raise InvalidInput(f"{where}: rating {value!r} is not a number of stars") from None
    doubled = stars * 2
    if doubled != doubled.to_integral_value() or not 1 <= doubled <= 10:
        raise InvalidInput(f"{where}: rating {value!r} is not 0.5 to 5 stars in halves")
    return int(doubled)


@dataclass
class _Builder:
    now: datetime | None
    plan: ImportPlan = field(default_factory=lambda: ImportPlan(kind="letterboxd"))
    films: dict[tuple[str, int | None], Target] = field(default_factory=dict)

    def film(self, table: CsvTable, row: CsvRow) -> tuple[tuple[str, int | None], Target]:
        where = table.where(row)
        name = " ".join(row.get("Name").split())
        if not name:
            raise InvalidInput(f"{where}: no film name")
        year = whole_year(row.get("Year"), where)
        key = (name.casefold(), year)
        target = self.films.get(key)
        if target is None:
            label = f"{name} ({year})" if year else name
            ref = ItemRef(text=label, title=name, year=year, type="movie")
            target = Target(label=label, kind="movie", ref=ref)
            self.films[key] = target
        return key, target

    def day(self, text: str, where: str) -> str:
        return day_at_noon(text, where, now=self.now)

    def play(self, target: Target, when: str, where: str, precision: Precision) -> None:
        self.plan.entries.append(
            Wanted("history", target, {"watched_at": when}, where, None, precision)
        )


def _diary(
    b: _Builder, table: CsvTable
) -> tuple[set[tuple[str, int | None]], dict[object, Wanted]]:
    played: set[tuple[str, int | None]] = set()
    latest: dict[object, tuple[str, Wanted]] = {}
    for row in table:
        where = table.where(row)
        key, target = b.film(table, row)
        when = b.day(row.get("Watched Date") or row.get("Date"), where)
        b.play(target, when, where, "day")
        played.add(key)
        rating = stars_to_rating(row.get("Rating"), where)
        if rating is not None and (key not in latest or latest[key][0] <= when):
            latest[key] = (
                when,
                Wanted("ratings", target, {"rating": rating, "rated_at": when}, where, None, "day"),
            )
    return played, {k: w for k, (_, w) in latest.items()}


def _watched(
    b: _Builder, table: CsvTable, played: set[tuple[str, int | None]], undated: Undated
) -> int:
    added = 0
    for row in table:
        where = table.where(row)
        key, target = b.film(table, row)
        if key in played:
            continue
        played.add(key)
        added += 1
        if undated == "logged":
            b.play(target, b.day(row.get("Date"), where), where, "day")
        else:
            b.play(target, undated, where, "any")
    return added


def _ratings(b: _Builder, table: CsvTable) -> None:
    for row in table:
        where = table.where(row)
        _, target = b.film(table, row)
        rating = stars_to_rating(row.get("Rating"), where)
        if rating is None:
            continue
        fields: dict[str, object] = {"rating": rating}
        if row.get("Date"):
            fields["rated_at"] = b.day(row.get("Date"), where)
        b.plan.entries.append(Wanted("ratings", target, fields, where, None, "day"))


def parse_letterboxd(
    tables: dict[LetterboxdKind, CsvTable],
    *,
    undated: Undated = "unknown",
    now: datetime | None = None,
) -> ImportPlan:
    """The export's files as one import plan (InvalidInput on any bad row)."""
    b = _Builder(now)
    played: set[tuple[str, int | None]] = set()
    diary_ratings: dict[object, Wanted] = {}
    if "diary" in tables:
        played, diary_ratings = _diary(b, tables["diary"])
    if "watched" in tables:
        count = _watched(b, tables["watched"], played, undated)
        if count:
            b.plan.notes.append(
                f"watched.csv: {count} film(s) without a diary entry get one play "
                f"(watched_at: {undated})"
            )
    if "ratings" in tables:
        _ratings(b, tables["ratings"])
    else:
        b.plan.entries.extend(diary_ratings.values())
    for row in tables.get("watchlist", _empty()):
        _, target = b.film(tables["watchlist"], row)
        b.plan.entries.append(Wanted("watchlist", target, {}, tables["watchlist"].where(row)))
    return b.plan


def _empty() -> Iterable[CsvRow]:
    return ()
