"""Ranked list-item containers (§7.4): the watchlist, favorites and personal lists share
their add / remove / reorder bookkeeping and their sorted, paginated reads here; each route
adds its own account limits and last_activities bumps.

* `classify` splits matched items into new ones and `existing` ones (already listed; nothing
  changes for those); `append` gives the new ones ids, ranks after the last, `listed_at`;
* `remove_refs` drops entries in place and renumbers ranks 1..n;
* `reorder` puts the named ids first (in the order named, duplicates once), keeps the rest
  in their relative order, and reports ids that are not in the container as `skipped_ids`;
* `sorted_listing` filters by kind, sorts (`sorting`) and sends `X-Sort-By`/`X-Sort-How`
  (the owner's preference) and `X-Applied-Sort-By`/`X-Applied-Sort-How` (what was applied).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.library import ListItem, MediaRef
from traktkit.sandbox.matching import PLURAL, Target
from traktkit.sandbox.routing import Ctx, Listing
from traktkit.sandbox.sorting import check_sort, sort_items
from traktkit.sandbox.timeutil import iso
from traktkit.sandbox.validation import is_int
from traktkit.sandbox.views import list_item_json

if TYPE_CHECKING:
    from traktkit.sandbox.state import SandboxState
    from traktkit.sandbox.users import UserState

T = TypeVar("T")
WATCHLIST_KEYS = ("movies", "shows", "seasons", "episodes")
FAVORITE_KEYS = ("movies", "shows")
LIST_KEYS = ("movies", "shows", "seasons", "episodes", "people")
WATCHLIST_TYPES = {"movies": "movie", "shows": "show", "seasons": "season", "episodes": "episode"}
FAVORITE_TYPES = {"movies": "movie", "shows": "show"}
LIST_ITEM_TYPES = {
    **WATCHLIST_TYPES,
    "people": "person",
    **{kind: kind for kind in ("movie", "show", "season", "episode", "person")},
}


def parse_types(raw: str | None, names: dict[str, str]) -> frozenset[str]:
    """A `{type}` segment: `all` or a comma list of `names` -> the kinds it selects (400)."""
    if raw is None or raw == "all":
        return frozenset(names.values())
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts or any(p not in names for p in parts):
        raise ApiError(400, "invalid_type", f"type must be all or {', '.join(names)}")
    return frozenset(names[p] for p in parts)


def zero(keys: Sequence[str]) -> dict[str, int]:
    return dict.fromkeys(keys, 0)


@dataclass
class Additions:
    added: dict[str, int]
    existing: dict[str, int]
    new: list[tuple[MediaRef, str | None]] = field(default_factory=list)


def classify(
    items: Sequence[ListItem], targets: Iterable[Target], keys: Sequence[str], *, notes: bool
) -> Additions:
    """New vs already-listed targets (`notes` kept only when `notes` is true)."""
    present = {item.ref for item in items}
    out = Additions(zero(keys), zero(keys))
    for target in targets:
        key = PLURAL[target.ref.kind]
        if target.ref in present:
            out.existing[key] += 1
            continue
        present.add(target.ref)
        out.added[key] += 1
        out.new.append((target.ref, target.fields.get("notes") if notes else None))
    return out


def append(
    state: SandboxState, items: list[ListItem], new: Iterable[tuple[MediaRef, str | None]]
) -> None:
    now, rank = state.now(), len(items)
    for offset, (ref, notes) in enumerate(new, start=1):
        items.append(ListItem(state.next_id("list_item"), rank + offset, ref, now, notes))


def renumber(items: list[ListItem]) -> None:
    for rank, item in enumerate(sorted(items, key=lambda i: i.rank), start=1):
        item.rank = rank


def remove_refs(items: list[ListItem], refs: set[MediaRef]) -> dict[str, int]:
    """Drop the entries of `refs` in place, renumber; the count removed per kind."""
    removed: dict[str, int] = {}
    for item in items:
        if item.ref in refs:
            removed[item.ref.kind] = removed.get(item.ref.kind, 0) + 1
    if removed:
        items[:] = [item for item in items if item.ref not in refs]
        renumber(items)
    return removed


def plural_counts(by_kind: dict[str, int], keys: Sequence[str]) -> dict[str, int]:
    out = zero(keys)
    for kind, number in by_kind.items():
        out[PLURAL[kind]] += number
    return out


def parse_rank(body: dict[str, Any]) -> list[int]:
    ranks = body.get("rank")
    if not isinstance(ranks, list) or not all(is_int(v) for v in ranks):
        raise ApiError(400, "invalid_body", "rank must be an array of ids (integers)")
    return ranks


def reordered(
    current: Sequence[T], ranks: Sequence[int], id_of: Callable[[T], int]
) -> tuple[list[T], list[int]]:
    """The new order (named ids first) and the ids that were not found."""
    by_id = {id_of(item): item for item in current}
    named = [by_id[i] for i in dict.fromkeys(ranks) if i in by_id]
    chosen = {id_of(item) for item in named}
    rest = [item for item in current if id_of(item) not in chosen]
    return named + rest, [i for i in ranks if i not in by_id]


def reorder(items: list[ListItem], ranks: Sequence[int]) -> tuple[int, list[int]]:
    """Apply a `rank` array; (how many items changed rank, skipped ids)."""
    order, skipped = reordered(sorted(items, key=lambda i: i.rank), ranks, lambda i: i.id)
    updated = 0
    for rank, item in enumerate(order, start=1):
        if item.rank != rank:
            item.rank, updated = rank, updated + 1
    return updated, skipped


def summary(count: int, updated_at: float) -> dict[str, Any]:
    """The `list` object of list-item write responses."""
    return {"item_count": count, "updated_at": iso(updated_at)}


def sorted_listing(
    ctx: Ctx,
    user: UserState,
    items: Iterable[ListItem],
    preferred: tuple[str, str],
) -> Listing[ListItem]:
    """Sort by the path's `{sort}` / `{sort_by}/{sort_how}` or else by `preferred`."""
    requested = ctx.params.get("sort_by") or ctx.params.get("sort")
    if requested is None:
        sort_by, sort_how = check_sort(preferred[0], preferred[1], user.vip)
    else:
        sort_by, sort_how = check_sort(requested, ctx.params.get("sort_how"), user.vip)
    ordered = sort_items(ctx.state, user, list(items), sort_by, sort_how)
    headers = {
        "X-Sort-By": preferred[0],
        "X-Sort-How": preferred[1],
        "X-Applied-Sort-By": sort_by,
        "X-Applied-Sort-How": sort_how,
    }
    state, full = ctx.state, ctx.full
    return Listing(ordered, lambda item: list_item_json(state, item, full=full), headers)
