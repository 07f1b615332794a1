"""What an import wants to have in the account, before anything is looked up or sent.

Every importer (a traktkit backup, IMDb, Letterboxd) turns its file into an `ImportPlan`:
`Wanted` entries, one per play, rating, collected item, watchlist / favorites / list item,
each with the per-item fields to send and where it came from (`source`, for reports). The
import engine (`traktkit.io.importer`) then looks up what needs a search, compares with
the account's library, sends what is missing and reports every entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from traktkit.api.items import ItemRef
from traktkit.api.resolve import ResolvedItem
from traktkit.models import Person

__all__ = [
    "RATINGS_POLICIES",
    "SECTION_ORDER",
    "ImportPlan",
    "ListSpec",
    "Precision",
    "RatingsPolicy",
    "Rejected",
    "Section",
    "Target",
    "Wanted",
]

Section = Literal["history", "collection", "ratings", "watchlist", "favorites", "lists"]
SECTION_ORDER: Final[tuple[Section, ...]] = (
    "history",  # first: watching removes items from the watchlist, so it comes before it
    "collection",
    "ratings",
    "watchlist",
    "favorites",
    "lists",
)
Precision = Literal["minute", "day", "any"]
"""How a play is compared with the plays already in history: same minute (timestamps),
same UTC day (sources with dates only), or any play of the item (undated plays). For a
rating, how its `rated_at` is compared with an existing rating's: as a timestamp
(`minute`, backups) or as a day (`day`, sources with dates only)."""
RatingsPolicy = Literal["newer", "keep", "overwrite"]
"""What an imported rating does to a different rating already in the account:
- `newer` (default): replaces it only when the existing rating is older than the
  imported one (its `rated_at` earlier; with a date-only source, an earlier day: a rating
  made the same day is kept); an imported rating without a date is older than any
  existing rating, so it never replaces one;
- `keep`: never replaces an existing rating (only items without a rating get one);
- `overwrite`: always replaces it with the file's rating."""
RATINGS_POLICIES: Final[tuple[RatingsPolicy, ...]] = ("newer", "keep", "overwrite")


@dataclass(frozen=True)
class Target:
    """The item an entry is about.

    - `item`: its ids are known, no search needed (backups; IMDb ids).
    - `ref`: how to look it up when `item` is None (titles), or to check `item` on a dry
      run (`verify`: IMDb ids are sent as they are, and a dry run looks them up to say
      which ones Trakt knows).
    - `person`: a person on a personal list.
    """

    label: str
    kind: str
    item: ResolvedItem | None = None
    ref: ItemRef | None = None
    person: Person | None = None
    verify: bool = False


@dataclass(frozen=True)
class Wanted:
    """One thing the account should have."""

    section: Section
    target: Target
    fields: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    list_name: str | None = None  # section "lists": the list it belongs to
    precision: Precision = "minute"  # sections "history" and "ratings"


@dataclass(frozen=True)
class ListSpec:
    """A personal list to find by name, or create with `fields`."""

    name: str
    fields: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rejected:
    """A row the importer cannot use at all (e.g. an IMDb video game)."""

    section: Section
    label: str
    kind: str
    source: str
    reason: str


@dataclass
class ImportPlan:
    """Everything one file asks for."""

    kind: str  # json | imdb | letterboxd
    entries: list[Wanted] = field(default_factory=list)
    lists: list[ListSpec] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    keep_order: bool = False  # restore ranks (watchlist, favorites, lists) after adding
    notes: list[str] = field(default_factory=list)

    @property
    def sections(self) -> list[Section]:
        present = {e.section for e in self.entries}
        if self.lists:
            present.add("lists")
        return [s for s in SECTION_ORDER if s in present]

    @property
    def empty(self) -> bool:
        return not self.entries and not self.lists and not self.rejected
