"""Looking up the entries that need a search (titles; IMDb ids on a dry run).

Each distinct `ItemRef` is looked up once, with the CLI's resolution rules
(`traktkit.api.resolve`): an ambiguous title or one without a plausible match becomes an
`AmbiguousItem` / `ItemNotFound` result for its entries, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from traktkit.api.errors import ItemLookupError
from traktkit.api.items import ItemRef
from traktkit.api.resolve import ResolvedItem
from traktkit.io.plan import Wanted
from traktkit.models import Person

__all__ = ["Found", "LookupResult", "needs_lookup", "resolve_entries"]

Found = ResolvedItem | Person | ItemLookupError
Resolve = Callable[[ItemRef], ResolvedItem]
Progress = Callable[[int, int], None]


@dataclass
class LookupResult:
    found: list[Found]  # one per entry, in order
    searches: int  # distinct items looked up


def needs_lookup(entry: Wanted, *, verify: bool) -> bool:
    target = entry.target
    if target.person is not None:
        return False
    if target.item is None:
        return True
    return verify and target.verify and target.ref is not None


def resolve_entries(
    entries: Sequence[Wanted],
    resolve: Resolve,
    *,
    verify: bool = False,
    progress: Progress | None = None,
) -> LookupResult:
    """Every entry's item: known ids as they are, the others looked up (`verify`: also
    look up the entries whose ids are to be checked, for a dry run)."""
    pending: dict[ItemRef, None] = {}
    for entry in entries:
        ref = entry.target.ref
        if needs_lookup(entry, verify=verify) and ref is not None:
            pending.setdefault(ref)
    refs = list(pending)
    cache: dict[ItemRef, ResolvedItem | ItemLookupError] = {}
    for done, ref in enumerate(refs, 1):
        try:
            cache[ref] = resolve(ref)
        except ItemLookupError as exc:
            cache[ref] = exc
        if progress is not None:
            progress(done, len(refs))
    found: list[Found] = []
    for entry in entries:
        target = entry.target
        if target.person is not None:
            found.append(target.person)
        elif needs_lookup(entry, verify=verify) and target.ref is not None:
            found.append(cache[target.ref])
        elif target.item is not None:
            found.append(target.item)
        else:  # pragma: no cover - a Target always has an item, a ref or a person
            raise ValueError(f"{entry.source}: nothing to look up")
    return LookupResult(found, len(refs))
