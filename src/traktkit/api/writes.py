"""The shared write engine behind every sync add/remove (watchlist, history, collection,
ratings).

One pipeline for all four areas:

1. **prepare**: strings are parsed with `parse_item` (InvalidInput before any request);
   `ItemRef`, `ItemSpec` and `ResolvedItem` pass through.
2. **resolve**: every item becomes ids before anything is written. `ResolvedItem`s and
   `ItemSpec`s that carry a type and ids need no request; so do `ItemRef`s with an
   explicit id (not a bare slug), a known type and no year to check
   (`trakt:16662 --type movie`, `tt0903747 S01E01`). Everything else goes through
   `resolve()` (search + scoring). Failures are collected over all items; the first is
   raised with the others attached as notes (`exc.__notes__`), and nothing is written.
   An optional `choose` hook may pick a candidate of an ambiguous title (the CLI asks on
   a terminal).
3. **write**: the items are batched (`chunk_items` + `build_sync_body`, the two halves of
   `build_sync_bodies`: 250 per POST; 1,000 items -> 4 POSTs),
   each batch is POSTed (the http layer paces writes), the `SyncResult`s are merged and
   `summarize` gives every item its outcome.
4. **recovery** (history only, via a `Verifier`): when a POST fails with `maybe_applied`
   (a 5xx or a timeout after the request was sent), the verifier checks which of the
   batch's plays exist and only the missing ones are sent again, so a retried write never
   duplicates a play.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal, Protocol

from traktkit.api.errors import AmbiguousItem, CandidateInfo, ItemLookupError
from traktkit.api.items import ItemRef, ItemSpec, parse_item
from traktkit.api.payload import (
    DEFAULT_CHUNK_SIZE,
    ItemOutcome,
    build_sync_body,
    chunk_items,
    summarize,
)
from traktkit.api.resolve import ResolvedItem, Search, numbered_item, resolve, resolve_spec
from traktkit.http.client import HttpClient
from traktkit.http.errors import NetworkError, ServerError, TraktError
from traktkit.models import Episode, Ids, Movie, Show, SyncResult

__all__ = [
    "MAX_RECOVERIES",
    "ChooseHook",
    "ItemInput",
    "ProgressHook",
    "SyncWriter",
    "Verifier",
    "WriteHooks",
    "WriteItem",
    "WriteObserver",
    "WriteProgress",
    "WriteReport",
    "direct_item",
    "with_fields",
]

ItemInput = str | ItemRef | ItemSpec | ResolvedItem
"""What write methods accept: ITEM text, a parsed ITEM, a `--from` item, or ids."""

MAX_RECOVERIES: Final = 3
_NUMERIC_IDS: Final = ("trakt", "tmdb", "tvdb")


@dataclass(frozen=True)
class WriteProgress:
    """A progress event: `phase` resolve (searches), write (POSTs) or verify."""

    phase: Literal["resolve", "write", "verify"]
    done: int
    total: int


ProgressHook = Callable[[WriteProgress], None]
ChooseHook = Callable[[AmbiguousItem], CandidateInfo | None]


@dataclass(frozen=True)
class WriteHooks:
    """Optional callbacks: `progress` events, and `choose` for ambiguous titles."""

    progress: ProgressHook | None = None
    choose: ChooseHook | None = None

    def report(self, phase: Literal["resolve", "write", "verify"], done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(WriteProgress(phase, done, total))


@dataclass(frozen=True)
class WriteItem:
    """One item to write with its per-item fields (`rating`, `watched_at`, metadata ...)."""

    item: ResolvedItem
    fields: Mapping[str, Any] = field(default_factory=dict)


class WriteObserver(Protocol):
    """Told about every sync write (e.g. to keep a local mirror in step)."""

    def written(self, path: str, items: Sequence[WriteItem], report: WriteReport) -> None:
        """`path` (e.g. `/sync/watchlist/remove`) accepted `items`; `report` says how."""

    def failed(self, path: str) -> None:
        """A write to `path` failed part-way: what the server holds is now uncertain."""


class Verifier(Protocol):
    """Checks which items of a failed write were applied anyway (history plays).

    Returns one entry per item: the number of plays found for it (0 = missing, send it
    again), or None when it cannot be checked (then nothing is re-sent).
    """

    def __call__(self, items: Sequence[WriteItem]) -> list[int | None]: ...


@dataclass(frozen=True)
class WriteReport:
    """The result of one logical write, however many POSTs it took."""

    resolved: tuple[ResolvedItem, ...]
    result: SyncResult
    outcomes: tuple[ItemOutcome, ...]
    posts: int = 0
    recovered: int = 0  # items confirmed by the verifier after a failed POST
    plays: tuple[tuple[int, str], ...] = ()  # (history id, deleted|not_found) for removals

    def count(self, status: str) -> int:
        """Items (and plays) with exactly this status: `added` does not count the items
        whose status is `added_or_existing` (Trakt's counts did not say which)."""
        items = sum(1 for o in self.outcomes if o.status == status)
        return items + sum(1 for _, s in self.plays if s == status)

    @property
    def not_found(self) -> list[ItemOutcome]:
        return [o for o in self.outcomes if o.status == "not_found"]

    def to_dict(self) -> dict[str, Any]:
        """The `--json` shape: the API's merged counts plus the items, one by one."""
        data: dict[str, Any] = {"resolved": [item.to_dict() for item in self.resolved]}
        api = self.result.to_api()
        for key in ("added", "existing", "updated", "deleted", "not_found"):
            data[key] = api.get(key) or {}
        if "list" in api:
            data["list"] = api["list"]
        data["items"] = [o.to_dict() for o in self.outcomes]
        data["items"] += [{"id": play, "status": status} for play, status in self.plays]
        return data


def _ids(kind: str, value: str) -> Ids:
    return Ids.model_validate({kind: int(value) if kind in _NUMERIC_IDS else value})


def direct_item(ref: ItemRef) -> ResolvedItem | None:
    """A `ResolvedItem` for an ITEM that names its ids and type, without any search.

    Bare slugs (which may be titles), refs without a type and refs with a year (which
    would have to be checked) return None.
    """
    if ref.id_type is None or ref.id is None or ref.bare_slug or ref.year is not None:
        return None
    ids = _ids(ref.id_type, ref.id)
    if ref.names_show:
        return numbered_item(ref, Show(ids=ids))
    if ref.type == "movie":
        return ResolvedItem(type="movie", media=Movie(ids=ids), query=ref.text)
    if ref.type == "show":
        return ResolvedItem(type="show", media=Show(ids=ids), query=ref.text)
    if ref.type == "episode":
        return ResolvedItem(type="episode", media=Episode(ids=ids), query=ref.text)
    return None


def _picked_ref(ref: ItemRef, picked: CandidateInfo) -> ItemRef | None:
    """The ITEM rewritten to the chosen candidate's Trakt id (numbers kept)."""
    trakt_id = picked.ids.get("trakt")
    if trakt_id is None:
        return None
    kind = ref.type or (picked.type if picked.type in ("movie", "show", "episode") else None)
    return replace(
        ref,
        title=None,
        year=None,
        id_type="trakt",
        id=str(trakt_id),
        bare_slug=False,
        type=kind,  # type: ignore[arg-type]
    )


class SyncWriter:
    """Resolve, batch, POST and summarize; one instance shared by the sync groups."""

    def __init__(
        self,
        http: HttpClient,
        search: Search,
        *,
        batch_size: int = DEFAULT_CHUNK_SIZE,
        verify_delay: float = 2.0,
        sleep: Callable[[float], None] = time.sleep,
        observer: WriteObserver | None = None,
    ) -> None:
        self._http = http
        self.observer = observer
        self._search = search
        self.batch_size = batch_size
        # Seconds to let a timed-out write settle on the server before checking it.
        self.verify_delay = verify_delay
        self._sleep = sleep

    # -- prepare and resolve -----------------------------------------------------------

    @staticmethod
    def prepare(items: Iterable[ItemInput]) -> list[ItemRef | ItemSpec | ResolvedItem]:
        """Parse ITEM strings (InvalidInput before any request); others pass through."""
        out: list[ItemRef | ItemSpec | ResolvedItem] = []
        for item in items:
            out.append(parse_item(item) if isinstance(item, str) else item)
        return out

    def resolve_one(
        self, item: ItemInput, hooks: WriteHooks | None = None, *, direct: bool = True
    ) -> ResolvedItem:
        """One item as ids: without a request when possible (`direct`), else by search."""
        if isinstance(item, ResolvedItem):
            return item
        if isinstance(item, str):
            item = parse_item(item)
        if isinstance(item, ItemSpec):
            if not item.needs_search:
                return resolve_spec(item, self._search)
            item = item.ref
        if direct:
            found = direct_item(item)
            if found is not None:
                return found
        try:
            return resolve(item, self._search)
        except AmbiguousItem as exc:
            choose = hooks.choose if hooks is not None else None
            picked = choose(exc) if choose is not None else None
            alt = _picked_ref(item, picked) if picked is not None else None
            if alt is None:
                raise
            return resolve(alt, self._search)

    def resolve_all(
        self, items: Sequence[ItemInput], hooks: WriteHooks | None = None
    ) -> list[WriteItem]:
        """Every item resolved, with its per-item fields from `--from` files.

        Lookup failures are collected; the first is raised (the others as its notes).
        """
        hooks = hooks or WriteHooks()
        prepared = self.prepare(items)
        searches = sum(1 for p in prepared if _needs_request(p))
        done = 0
        if searches:
            hooks.report("resolve", 0, searches)
        out: list[WriteItem] = []
        failures: list[ItemLookupError] = []
        for entry in prepared:
            fields = dict(entry.fields) if isinstance(entry, ItemSpec) else {}
            needs = _needs_request(entry)
            try:
                resolved = self.resolve_one(entry, hooks)
            except ItemLookupError as exc:
                failures.append(exc)
                continue
            finally:
                if needs:
                    done += 1
                    hooks.report("resolve", done, searches)
            out.append(WriteItem(item=resolved, fields=fields))
        if failures:
            first = failures[0]
            for other in failures[1:]:
                first.add_note(str(other))
            raise first
        return out

    # -- write ---------------------------------------------------------------------------

    def write(
        self,
        path: str,
        items: Sequence[WriteItem],
        *,
        idempotent: bool,
        hooks: WriteHooks | None = None,
        verifier: Verifier | None = None,
    ) -> WriteReport:
        """POST `items` to `path` in batches and report each item's outcome.

        `idempotent` writes are retried by the http layer on 5xx/timeouts; the others are
        recovered through `verifier` when given (see the module docstring).
        """
        hooks = hooks or WriteHooks()
        if len({id(w.item) for w in items}) != len(items):
            # the same object twice: give each its own identity (fields are keyed by it)
            items = [WriteItem(replace(w.item), w.fields) for w in items]
        resolved = [w.item for w in items]
        batches = chunk_items(list(items), self.batch_size)
        merged = SyncResult()
        outcomes: list[ItemOutcome] = []
        posts = recovered = 0
        if len(batches) > 1:
            hooks.report("write", 0, len(batches))
        for number, batch in enumerate(batches, 1):
            try:
                result, batch_outcomes, sent, confirmed = self._write_batch(
                    path, batch, idempotent=idempotent, verifier=verifier, hooks=hooks
                )
            except TraktError as exc:
                if self.observer is not None:
                    self.observer.failed(path)
                if outcomes:
                    exc.add_note(
                        f"{len(outcomes)} item(s) in {number - 1} earlier batch(es) of "
                        f"{len(batches)} were written before this error"
                    )
                raise
            merged = merged.merge(result)
            outcomes.extend(batch_outcomes)
            posts += sent
            recovered += confirmed
            if len(batches) > 1:
                hooks.report("write", number, len(batches))
        report = WriteReport(
            resolved=tuple(resolved),
            result=merged,
            outcomes=tuple(outcomes),
            posts=posts,
            recovered=recovered,
        )
        if self.observer is not None:
            self.observer.written(path, items, report)
        return report

    def post(self, path: str, body: Mapping[str, Any], *, idempotent: bool) -> SyncResult:
        """One sync POST; the response as a `SyncResult`."""
        data = self._http.post(path, dict(body), idempotent=idempotent).data
        return SyncResult.model_validate(data or {})

    def _write_batch(
        self,
        path: str,
        batch: list[WriteItem],
        *,
        idempotent: bool,
        verifier: Verifier | None,
        hooks: WriteHooks,
    ) -> tuple[SyncResult, list[ItemOutcome], int, int]:
        """(merged result, outcomes in batch order, POSTs sent, items recovered)."""
        pending = list(range(len(batch)))
        outcome_at: dict[int, ItemOutcome] = {}
        merged = SyncResult()
        posts = recoveries = confirmed_total = 0
        while pending:
            items = [batch[i].item for i in pending]
            body = build_sync_body(items, fields_for=_fields_lookup(batch, pending))
            posts += 1
            try:
                result = self.post(path, body, idempotent=idempotent)
            except (NetworkError, ServerError) as exc:
                if not exc.maybe_applied or verifier is None or recoveries >= MAX_RECOVERIES:
                    raise
                recoveries += 1
                if isinstance(exc, NetworkError) and self.verify_delay > 0:
                    self._sleep(self.verify_delay)
                hooks.report("verify", 0, len(pending))
                found = verifier([batch[i] for i in pending])
                hooks.report("verify", len(pending), len(pending))
                if any(n is None for n in found):
                    exc.add_note(
                        "some plays (watched_at released/unknown) cannot be checked, so "
                        "nothing was re-sent: check `trakt history list` before retrying"
                    )
                    raise
                confirmed = [i for i, n in zip(pending, found, strict=True) if n]
                merged = merged.merge(_confirmed_result(batch, pending, found))
                for i in confirmed:
                    outcome_at[i] = ItemOutcome(item=batch[i].item, status="added")
                confirmed_total += len(confirmed)
                pending = [i for i, n in zip(pending, found, strict=True) if not n]
                continue
            merged = merged.merge(result)
            for i, outcome in zip(pending, summarize(result, items), strict=True):
                outcome_at[i] = outcome
            pending = []
        return merged, [outcome_at[i] for i in range(len(batch))], posts, confirmed_total


def _fields_lookup(
    batch: Sequence[WriteItem], indexes: Sequence[int]
) -> Callable[[ResolvedItem], Mapping[str, Any]]:
    fields_of = {id(batch[i].item): batch[i].fields for i in indexes}
    return lambda item: fields_of[id(item)]


def _needs_request(entry: ItemRef | ItemSpec | ResolvedItem) -> bool:
    if isinstance(entry, ResolvedItem):
        return False
    if isinstance(entry, ItemSpec):
        return entry.needs_search and direct_item(entry.ref) is None
    return direct_item(entry) is None


def _confirmed_result(
    batch: Sequence[WriteItem], pending: Sequence[int], found: Sequence[int | None]
) -> SyncResult:
    """`added` counts for plays the verifier found (a show/season counts its episodes)."""
    movies = episodes = 0
    for i, n in zip(pending, found, strict=True):
        if not n:
            continue
        if batch[i].item.type == "movie":
            movies += n
        else:
            episodes += n
    if not movies and not episodes:
        return SyncResult()
    return SyncResult.model_validate({"added": {"movies": movies, "episodes": episodes}})


def with_fields(
    items: Sequence[WriteItem], defaults: Mapping[str, Any], allowed: Iterable[str]
) -> list[WriteItem]:
    """Each item's own fields (only the `allowed` keys) over the command's `defaults`."""
    keep = set(allowed)
    base = {k: v for k, v in defaults.items() if v is not None}
    return [
        WriteItem(w.item, {**base, **{k: v for k, v in w.fields.items() if k in keep}})
        for w in items
    ]
