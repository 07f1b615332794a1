"""Sync POST bodies from resolved items, batching, and per-item outcomes (no I/O).

- `build_sync_body` groups items under `movies` / `shows` / `seasons` / `episodes`.
  Ids only, never title-only (REFERENCE §13.9). Seasons/episodes with ids of their own
  go under `seasons`/`episodes`; those known by numbers nest under their show, and all
  numbered episodes of one show share one show entry (`seasons[].episodes[]`). Whole
  shows and whole seasons keep entries of their own, because a show entry with `seasons`
  means "only those seasons" (REFERENCE §8.1). Nothing is de-duplicated: the same
  episode twice is two plays for history.
- `chunk_items` splits a write into POSTs of at most 250 items (each movie, show,
  season or episode item counts as one): 1,000 items -> 4 bodies.
- `echo_keys` / `entry_keys` / `match_not_found` map `not_found` echoes back to the items
  that were sent: two entries match when they share an id (kind and value) at the same
  place (section, season number, episode number).
- `summarize` gives each sent item an outcome, see its docstring for the attribution.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeVar

from traktkit.api.resolve import ResolvedItem
from traktkit.models import SyncCounts, SyncNotFound, SyncResult

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "SECTIONS",
    "EchoKey",
    "FieldsFor",
    "ItemOutcome",
    "OutcomeStatus",
    "build_sync_bodies",
    "build_sync_body",
    "chunk_items",
    "echo_keys",
    "entry_keys",
    "match_not_found",
    "mixed_status",
    "summarize",
]

T = TypeVar("T")
FieldsFor = Callable[[ResolvedItem], Mapping[str, Any]]
OutcomeStatus = Literal["added", "updated", "existing", "deleted", "not_found", "unchanged"]
EchoKey = tuple[str, int | None, int | None, str, str]
"""(section, season number, episode number, id kind, id value)."""

DEFAULT_CHUNK_SIZE: Final = 250
SECTIONS: Final[tuple[str, ...]] = ("movies", "shows", "seasons", "episodes")
_ID_KINDS: Final = ("trakt", "imdb", "tmdb", "tvdb", "slug")
_STATUS_ORDER: Final[tuple[OutcomeStatus, ...]] = ("added", "updated", "existing", "deleted")


def _ids_key(ids: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((k, str(ids[k])) for k in _ID_KINDS if ids.get(k) not in (None, ""))


def build_sync_body(
    items: Iterable[ResolvedItem], *, fields_for: FieldsFor | None = None
) -> dict[str, list[dict[str, Any]]]:
    """`{"movies":[…], "shows":[…], "seasons":[…], "episodes":[…]}` (only non-empty keys).

    `fields_for(item)` returns the per-item fields (`rating`, `watched_at`, metadata …)
    placed on the item's innermost object.
    """
    body: dict[str, list[dict[str, Any]]] = {}
    numbered: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, Any]] = {}
    for item in items:
        fields = dict(fields_for(item)) if fields_for is not None else {}
        section, entry = item.to_sync_entry(fields)
        if section != "shows" or "seasons" not in entry:
            body.setdefault(section, []).append(entry)
            continue
        group = "episodes" if item.type == "episode" else "seasons"
        key = (group, _ids_key(entry["ids"]))
        show_entry = numbered.get(key)
        if show_entry is None:
            show_entry = {"ids": entry["ids"], "seasons": []}
            numbered[key] = show_entry
            body.setdefault("shows", []).append(show_entry)
        season = entry["seasons"][0]
        seasons: list[dict[str, Any]] = show_entry["seasons"]
        if group == "seasons":
            seasons.append(season)
            continue
        same = next((s for s in seasons if s["number"] == season["number"]), None)
        if same is None:
            seasons.append(season)
        else:
            same["episodes"].extend(season["episodes"])
    return {key: body[key] for key in SECTIONS if key in body}


def chunk_items(items: Sequence[T], size: int = DEFAULT_CHUNK_SIZE) -> list[list[T]]:
    """Consecutive batches of at most `size` items, every item exactly once, in order."""
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, not {size}")
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def build_sync_bodies(
    items: Sequence[ResolvedItem],
    *,
    fields_for: FieldsFor | None = None,
    size: int = DEFAULT_CHUNK_SIZE,
) -> list[tuple[list[ResolvedItem], dict[str, list[dict[str, Any]]]]]:
    """`chunk_items` + `build_sync_body`: (the items of a batch, its POST body) pairs."""
    return [
        (chunk, build_sync_body(chunk, fields_for=fields_for)) for chunk in chunk_items(items, size)
    ]


# --- not_found echoes ---------------------------------------------------------------------


def _opt_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def entry_keys(section: str, entry: Mapping[str, Any]) -> set[EchoKey]:
    """The keys of one payload (or echoed) entry; a show with `seasons` gives one key per
    season (whole seasons) or per episode, a plain entry one key per id."""
    ids = entry.get("ids")
    if not isinstance(ids, Mapping):
        return set()
    pairs = [(k, v.lower() if k == "imdb" else v) for k, v in _ids_key(ids)]
    places: list[tuple[int | None, int | None]] = []
    seasons = entry.get("seasons")
    if section == "shows" and isinstance(seasons, list):
        for season in seasons:
            if not isinstance(season, Mapping):
                continue
            number = _opt_int(season.get("number"))
            episodes = season.get("episodes")
            if isinstance(episodes, list):
                places += [
                    (number, _opt_int(e.get("number"))) for e in episodes if isinstance(e, Mapping)
                ]
            else:
                places.append((number, None))
    else:
        places.append((None, None))
    return {(section, s, e, kind, value) for s, e in places for kind, value in pairs}


def echo_keys(item: ResolvedItem) -> set[EchoKey]:
    """The keys under which a `not_found` echo of `item` would appear."""
    section, entry = item.to_sync_entry()
    return entry_keys(section, entry)


def match_not_found(
    not_found: SyncNotFound | None, sent: Sequence[ResolvedItem]
) -> dict[int, dict[str, Any]]:
    """{index in `sent`: the echoed entry} for every sent item reported as not found."""
    if not_found is None:
        return {}
    index: dict[EchoKey, list[int]] = {}
    for i, item in enumerate(sent):
        for key in echo_keys(item):
            index.setdefault(key, []).append(i)
    out: dict[int, dict[str, Any]] = {}
    for section in SECTIONS:
        for entry in not_found.entries(section):
            for key in entry_keys(section, entry):
                for i in index.get(key, []):
                    out.setdefault(i, entry)
    return out


# --- outcomes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemOutcome:
    """What happened to one sent item.

    `status` is one of `OutcomeStatus` when it is known, else what *is* known: the
    possible statuses joined by `_or_` (`added_or_existing`, `added_or_updated`,
    `deleted_or_absent`; `unchanged` is called `absent` next to `deleted`), see
    `mixed_status`. `possible` lists the candidate statuses (one when the status is
    known). `exact` is False when the status is not stated by the response item by item:
    a mixed status, or one inferred from other counts (a show or season counted as its
    episodes, counts that do not add up to the items sent).
    """

    item: ResolvedItem
    status: str
    exact: bool = True
    echo: Mapping[str, Any] | None = None
    possible: tuple[OutcomeStatus, ...] = ()

    def __post_init__(self) -> None:
        if not self.possible and self.status in _ALL_STATUSES:
            object.__setattr__(self, "possible", (self.status,))

    @property
    def known(self) -> bool:
        """True when the status is one definite status (not `x_or_y`)."""
        return len(self.possible) == 1

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.item.to_dict(),
            "status": self.status,
            "exact": self.exact,
            "possible": list(self.possible),
        }


_ALL_STATUSES: Final[tuple[OutcomeStatus, ...]] = (*_STATUS_ORDER, "not_found", "unchanged")
_COUNT_KEY: Final[dict[str, str]] = {
    "movie": "movies",
    "show": "shows",
    "season": "seasons",
    "episode": "episodes",
}


def mixed_status(possible: Sequence[OutcomeStatus]) -> str:
    """The status text for several possible statuses: `added_or_existing`,
    `deleted_or_absent` (`unchanged` next to `deleted` means the item was not there)."""
    names = ["absent" if st == "unchanged" and "deleted" in possible else st for st in possible]
    return "_or_".join(names)


def _outcome(item: ResolvedItem, possible: Sequence[OutcomeStatus], exact: bool) -> ItemOutcome:
    if len(possible) == 1:
        return ItemOutcome(item=item, status=possible[0], exact=exact, possible=tuple(possible))
    return ItemOutcome(
        item=item, status=mixed_status(possible), exact=False, possible=tuple(possible)
    )


def summarize(result: SyncResult, sent: Sequence[ResolvedItem]) -> list[ItemOutcome]:
    """One outcome per sent item, in order. Nothing is guessed: the API counts items per
    type and status but does not say *which* items were added or already there.

    1. Items matched by a `not_found` echo are `not_found` (exact).
    2. The others take the response counts of their type (`movies`, `shows`, `seasons`,
       `episodes`). When one status accounts for all of them (3 movies sent, `added`
       3 movies), each is that status, exactly. When the counts mix statuses (2 `added`,
       1 `existing`), each item gets the mixed status (`added_or_existing`,
       `exact=False`); counts short of the items add `unchanged` to the possibilities
       (a removal's `deleted_or_absent`). No counts at all: `unchanged`, exactly.
    3. Shows and seasons whose own type has no counts take the episode counts left after
       the episode items (history and collection count a show or season as its
       episodes): the status when there is one, else the mixed status; `exact=False`.
    """
    echoed = match_not_found(result.not_found, sent)
    present: list[tuple[OutcomeStatus, SyncCounts]] = [
        (status, counts)
        for status in _STATUS_ORDER
        if (counts := getattr(result, status)) is not None
    ]
    pools = {key: {st: c.get(key) for st, c in present} for key in SECTIONS}
    groups: dict[str, list[int]] = {}
    for i, item in enumerate(sent):
        if i not in echoed:
            groups.setdefault(_COUNT_KEY[item.type], []).append(i)
    outcomes: dict[int, ItemOutcome] = {
        i: ItemOutcome(item=sent[i], status="not_found", exact=True, echo=entry)
        for i, entry in echoed.items()
    }
    for key in ("movies", "episodes", "seasons", "shows"):
        members = groups.get(key, [])
        if not members:
            continue
        pool = pools[key]
        leftover = pools["episodes"]
        if key in ("shows", "seasons") and not any(pool.values()) and any(leftover.values()):
            possible = [st for st in _STATUS_ORDER if leftover.get(st, 0) > 0]
            for i in members:
                outcomes[i] = _outcome(sent[i], possible, exact=False)
            continue
        nonzero = [st for st in _STATUS_ORDER if pool.get(st, 0) > 0]
        total = sum(pool.get(st, 0) for st in nonzero)
        if not nonzero:
            possible, exact = ["unchanged"], True
        elif len(nonzero) == 1:
            exact = total == len(members)
            possible = nonzero + (["unchanged"] if total < len(members) else [])
        else:
            possible, exact = nonzero + (["unchanged"] if total < len(members) else []), False
        if key == "episodes" and len(nonzero) == 1:
            # what the episode items used up is not left for shows and seasons (with mixed
            # counts it is unknown which: the shows and seasons keep every possibility)
            pool[nonzero[0]] = max(0, total - len(members))
        for i in members:
            outcomes[i] = _outcome(sent[i], possible, exact)
    return [outcomes[i] for i in range(len(sent))]
