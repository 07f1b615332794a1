"""IMDb's CSV exports: "Your Ratings" (`ratings.csv`) and a watchlist / list export.

Layouts (header cells compared without regard to case or spacing):
- ratings: `Const,Your Rating,Date Rated,Title,[Original Title,]URL,Title Type,IMDb Rating,
  Runtime (mins),Year,Genres,Num Votes,Release Date,Directors`;
- watchlist (any IMDb list): `Position,Const,Created,Modified,Description,Title,
  [Original Title,]URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,
  Release Date,Directors[,Your Rating,Date Rated]`.
The kind is detected from the header: `Position` means a list export (a watchlist),
`Your Rating` without `Position` a ratings export; a list export in which every row has
`Your Rating` is taken as ratings (IMDb has served ratings in the list layout). `kind`
overrides the detection.

Decisions:
- items are matched by their IMDb id (`Const`) only, sent as is in the sync POSTs (no
  search per row); ids Trakt does not know come back as `not_found`; a dry run looks each
  new id up instead, to report the same without writing;
- `Title Type`: movie, feature film, TV movie, short, TV short, video, TV special -> movie;
  TV series, TV mini series -> show; TV episode -> episode (both the old camelCase and
  the newer "TV Series" spellings); video games, podcasts and music videos are reported
  as unsupported; an empty type is looked up among movies, shows and episodes;
- ratings are already 1-10; `Date Rated` becomes `rated_at` (12:00 UTC that day); it is
  compared by day with a rating already in the account (see `RatingsPolicy`: by
  default a rating made on Trakt the same day or later is kept);
- watchlist items keep their `Position` order; a `Description` becomes the item's notes
  (VIP accounts only; cut to 500 characters); `Created` cannot be restored (Trakt sets
  `listed_at` itself).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Final, Literal

from traktkit.api.errors import InvalidInput
from traktkit.api.items import ItemRef, ItemType
from traktkit.api.resolve import ResolvedItem
from traktkit.api.validate import NOTES_MAX, validate_rating
from traktkit.io.csvread import CsvRow, CsvTable, day_at_noon, norm, read_csv, whole_year
from traktkit.io.plan import ImportPlan, Rejected, Section, Target, Wanted
from traktkit.models import Episode, Ids, Movie, Show

__all__ = ["IMDB_KINDS", "ImdbKind", "detect_imdb", "parse_imdb", "title_type"]

ImdbKind = Literal["ratings", "watchlist"]
IMDB_KINDS: Final[tuple[str, ...]] = ("ratings", "watchlist")
_CONST: Final = re.compile(r"tt[0-9]{1,12}", re.ASCII)
_TYPES: Final[dict[str, ItemType]] = {
    "movie": "movie",
    "featurefilm": "movie",
    "film": "movie",
    "tvmovie": "movie",
    "short": "movie",
    "tvshort": "movie",
    "video": "movie",
    "tvspecial": "movie",
    "tvseries": "show",
    "tvminiseries": "show",
    "series": "show",
    "miniseries": "show",
    "tvepisode": "episode",
    "episode": "episode",
}


def title_type(value: str) -> ItemType | Literal["unsupported"] | None:
    """The Trakt type of an IMDb `Title Type` (None: unknown, look it up)."""
    key = re.sub(r"[\s_-]+", "", value).casefold()
    if not key:
        return None
    return _TYPES.get(key, "unsupported")


def detect_imdb(table: CsvTable) -> ImdbKind:
    if not table.has("Const"):
        raise InvalidInput(
            f"{table.name} is not an IMDb export: expected a header with 'Const' "
            "(ratings: Const,Your Rating,Date Rated,... / watchlist: Position,Const,Created,...)"
        )
    if table.has("Position"):
        rated = table.has("Your Rating") and table.rows
        if rated and all(row.get("Your Rating") for row in table.rows):
            return "ratings"
        return "watchlist"
    if table.has("Your Rating"):
        return "ratings"
    raise InvalidInput(
        f"{table.name}: cannot tell a ratings export from a watchlist export "
        "(no 'Your Rating' nor 'Position' column)"
    )


def _target(table: CsvTable, row: CsvRow, section: Section) -> Target | Rejected:
    where = table.where(row)
    const = row.get("Const").lower()
    if not _CONST.fullmatch(const):
        raise InvalidInput(f"{where}: {row.get('Const')!r} is not an IMDb title id (tt...)")
    title = row.get("Title") or row.get("Original Title") or const
    year = whole_year(row.get("Year"), where)
    label = f"{title} ({year})" if year else title
    kind = title_type(row.get("Title Type"))
    if kind == "unsupported":
        return Rejected(
            section,
            label,
            row.get("Title Type"),
            where,
            f"IMDb title type {row.get('Title Type')!r} has no Trakt equivalent",
        )
    ref = ItemRef(text=const, type=kind, id_type="imdb", id=const)
    ids = Ids(imdb=const)
    item: ResolvedItem | None = None
    if kind == "movie":
        item = ResolvedItem(type="movie", media=Movie(title=title, year=year, ids=ids), query=const)
    elif kind == "show":
        item = ResolvedItem(type="show", media=Show(title=title, year=year, ids=ids), query=const)
    elif kind == "episode":
        item = ResolvedItem(type="episode", media=Episode(title=title, ids=ids), query=const)
    return Target(label=label, kind=kind or "item", item=item, ref=ref, verify=item is not None)


def _rating(row: CsvRow, where: str) -> int:
    text = row.get("Your Rating")
    if not text.isdigit():
        raise InvalidInput(f"{where}: 'Your Rating' {text!r} is not a rating from 1 to 10")
    return validate_rating(int(text), option=f"{where}: 'Your Rating'")


def _position(row: CsvRow, index: int) -> tuple[int, int]:
    text = row.get("Position")
    return (int(text) if text.isdigit() else 1 << 62, index)


def parse_imdb(
    text: str, *, name: str, kind: ImdbKind | None = None, now: datetime | None = None
) -> ImportPlan:
    """An IMDb ratings or watchlist export as an import plan (InvalidInput on bad rows)."""
    table = read_csv(text, name)
    detected = detect_imdb(table)
    chosen = kind or detected
    if chosen == "ratings" and not table.has("Your Rating"):
        raise InvalidInput(f"{name} has no 'Your Rating' column: it is not a ratings export")
    plan = ImportPlan(kind=f"imdb {chosen}")
    rows = list(table)
    if chosen == "watchlist":
        rows = [r for _, r in sorted((_position(r, i), r) for i, r in enumerate(rows))]
    section: Section = "ratings" if chosen == "ratings" else "watchlist"
    seen: dict[str, int] = {}
    for row in rows:
        where = table.where(row)
        target = _target(table, row, section)
        if isinstance(target, Rejected):
            plan.rejected.append(target)
            continue
        fields: dict[str, object] = {}
        if section == "ratings":
            fields["rating"] = _rating(row, where)
            if row.get("Date Rated"):
                fields["rated_at"] = day_at_noon(row.get("Date Rated"), where, now=now)
        elif row.get("Description"):
            fields["notes"] = row.get("Description")[:NOTES_MAX]
        entry = Wanted(section, target, fields, where, precision="day")  # Date Rated: a day
        key = norm(row.get("Const"))
        if key in seen:  # the same title twice: the last row wins
            plan.entries[seen[key]] = entry
        else:
            seen[key] = len(plan.entries)
            plan.entries.append(entry)
    return plan
