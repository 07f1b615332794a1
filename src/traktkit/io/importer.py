"""`run_import`: bring an import plan into the logged-in account.

1. look up what needs a search (titles; on a dry run also the ids to verify);
2. read the account's library (`read_library`: the mirror after an incremental sync);
3. decide per entry what is already there (`traktkit.io.diff`; `ratings`, a
   `RatingsPolicy`, says whether a different rating in the account is replaced or kept:
   by default only an older one is replaced, a newer one is reported as `skipped`);
4. unless `dry_run`, send the rest section by section in the order history, collection,
   ratings, watchlist, favorites, lists (history first: watching removes items from the
   watchlist), creating missing lists by name, then (backups) restore the ranks of the
   containers that received items;
5. report every entry (`ImportReport`). A dry run sends no write at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from traktkit.api.errors import AmbiguousItem, ItemLookupError
from traktkit.api.resolve import ResolvedItem
from traktkit.api.writes import WriteHooks
from traktkit.client import Trakt
from traktkit.io.apply import Sender, Statuses, order_ids
from traktkit.io.diff import Decision, decide, list_key
from traktkit.io.keys import Key, person_keys, resolved_keys
from traktkit.io.library import read_library
from traktkit.io.lookup import resolve_entries
from traktkit.io.plan import ImportPlan, RatingsPolicy, Wanted
from traktkit.io.report import ImportReport, Outcome, Status
from traktkit.mirror import Mirror, ProgressHook
from traktkit.models import Ids, Person, WatchlistItem

__all__ = ["ImportHooks", "run_import"]


@dataclass(frozen=True)
class ImportHooks:
    """Progress of the writes and lookups (`write`), of the library sync (`sync`), and
    a sink for warnings."""

    write: WriteHooks = field(default_factory=WriteHooks)
    sync: ProgressHook | None = None
    warn: Callable[[str], None] | None = None


def _ids(found: object) -> dict[str, object]:
    ids = getattr(getattr(found, "media", found), "ids", None)
    return dict(ids.known()) if isinstance(ids, Ids) else {}


def _outcome(
    entry: Wanted, status: Status, found: object = None, detail: str | None = None
) -> Outcome:
    label = entry.target.label
    return Outcome(
        section=entry.section,
        status=status,
        label=label,
        type=entry.target.kind,
        source=entry.source,
        ids=_ids(found) or _ids(entry.target.item) or _ids(entry.target.person),
        list_name=entry.list_name,
        detail=detail,
    )


def _id_text(found: object) -> str:
    ids = _ids(found)
    return ", ".join(f"{k}:{v}" for k, v in ids.items()) or "this item"


def _keys(d: Decision) -> frozenset[Key]:
    if d.person is not None:
        return person_keys(d.person)
    assert d.item is not None
    return resolved_keys(d.item)


class _Run:
    def __init__(
        self,
        trakt: Trakt,
        plan: ImportPlan,
        mirror: Mirror | None,
        dry_run: bool,
        hooks: ImportHooks,
        ratings: RatingsPolicy = "newer",
    ) -> None:
        self.trakt = trakt
        self.plan = plan
        self.mirror = mirror
        self.dry_run = dry_run
        self.ratings = ratings
        self.hooks = hooks
        self.report = ImportReport(kind=plan.kind, dry_run=dry_run, notes=list(plan.notes))
        self.slots: dict[int, Outcome] = {}
        self.sender = Sender(trakt, hooks=hooks.write)
        self.decisions: list[Decision] = []

    def warn(self, text: str) -> None:
        self.report.notes.append(text)
        if self.hooks.warn is not None:
            self.hooks.warn(text)

    def run(self) -> ImportReport:
        entries = self.plan.entries
        lookup = resolve_entries(
            entries,
            self.trakt.search.resolve,
            verify=self.dry_run,
            progress=lambda done, total: self.hooks.write.report("resolve", done, total),
        )
        self.report.lookups = lookup.searches
        known: list[ResolvedItem | Person | None] = []
        for i, (entry, found) in enumerate(zip(entries, lookup.found, strict=True)):
            if isinstance(found, ItemLookupError):
                self._failed(i, entry, found)
                known.append(None)
            else:
                known.append(found)
        snap = read_library(
            self.trakt, self.mirror, sections=self.plan.sections, progress=self.hooks.sync
        )
        self.report.library_source = snap.source
        if snap.note:
            self.warn(snap.note)
        decisions = decide(entries, known, snap, ratings=self.ratings)
        self.decisions = decisions
        lists = {list_key(lst.info.name or ""): lst.info.ids.trakt for lst in snap.lists}
        pending: list[Decision] = []
        for d in decisions:
            if d.entry.section in snap.unavailable:
                what = f"the server offers no {d.entry.section}"
                self.slots[d.index] = _outcome(d.entry, "unsupported", d.item, what)
            elif d.send:
                pending.append(d)
            elif d.kept:
                self.slots[d.index] = _outcome(d.entry, "skipped", d.item or d.person, d.kept)
            else:
                self.slots[d.index] = _outcome(d.entry, "existing", d.item or d.person)
        if self.dry_run:
            for d in pending:
                status: Status = "updated" if d.previous else "added"
                self.slots[d.index] = _outcome(d.entry, status, d.item or d.person, d.previous)
            self.report.lists_created = [
                spec.name for spec in self.plan.lists if list_key(spec.name) not in lists
            ]
        else:
            self._send(pending, lists)
        self.report.outcomes = [self.slots[i] for i in sorted(self.slots)]
        self.report.outcomes += [
            Outcome(r.section, "unsupported", r.label, r.kind, r.source, detail=r.reason)
            for r in self.plan.rejected
        ]
        self.report.posts = self.sender.posts
        return self.report

    def _failed(self, index: int, entry: Wanted, exc: ItemLookupError) -> None:
        status: Status = "ambiguous" if isinstance(exc, AmbiguousItem) else "not_found"
        outcome = _outcome(entry, status, None, str(exc))
        if isinstance(exc, AmbiguousItem):
            outcome = replace(outcome, candidates=exc.candidates)
        self.slots[index] = outcome

    def _apply(self, decisions: list[Decision], statuses: Statuses) -> None:
        for d in decisions:
            status = statuses.get(d.index, "existing")
            detail = d.previous if status == "updated" else None
            if status == "not_found":
                detail = f"Trakt does not know {_id_text(d.item or d.person)}"
            self.slots[d.index] = _outcome(d.entry, status, d.item or d.person, detail)

    def _send(self, pending: list[Decision], lists: dict[str, int | None]) -> None:
        for section in ("history", "collection", "ratings", "watchlist", "favorites"):
            chosen = [d for d in pending if d.entry.section == section]
            if chosen:
                self._apply(chosen, self.sender.section(section, chosen))
        if self._added("watchlist"):
            current = list(self.trakt.watchlist.iter(sort_by="rank", sort_how="asc"))
            self._restore("watchlist", "watchlist", current, self.trakt.lists.reorder_watchlist)
        if self._added("favorites"):
            current = list(self.trakt.favorites.iter(sort_by="rank", sort_how="asc"))
            self._restore("favorites", "favorites", current, self.trakt.favorites.reorder)
        for spec in self.plan.lists:
            key = list_key(spec.name)
            chosen = [d for d in pending if _container(d.entry) == "list:" + key]
            list_id = lists.get(key)
            if list_id is None and key not in lists:
                list_id = self.sender.create_list(spec.name, dict(spec.fields))
                lists[key] = list_id
                self.report.lists_created.append(spec.name)
            if list_id is None or not chosen:
                continue
            self._apply(chosen, self.sender.list_items(list_id, chosen))
            if self._added("list:" + key):
                self._restore_list(spec.name, key, list_id)

    def _added(self, container: str) -> list[Decision]:
        """The decisions of a ranked container whose item was added by this run."""
        return [
            d
            for d in self.decisions
            if _container(d.entry) == container
            and d.index in self.slots
            and self.slots[d.index].status == "added"
        ]

    def _restore_list(self, name: str, key: str, list_id: int) -> None:
        current = list(self.trakt.lists.items(list_id, sort_by="rank", sort_how="asc"))

        def apply(ids: list[int]) -> object:
            return self.trakt.lists.reorder_items(list_id, ids)

        self._restore(name, "list:" + key, current, apply)

    def _restore(
        self,
        name: str,
        container: str,
        current: list[WatchlistItem],
        apply: Callable[[list[int]], object],
    ) -> None:
        """Rank the container's items as the file does: all of them for a backup
        (`keep_order`), else only those this run added (others keep their places)."""
        if self.plan.keep_order:
            chosen = [d for d in self.decisions if _container(d.entry) == container]
        else:
            chosen = self._added(container)
        order = order_ids(current, [_keys(d) for d in chosen])
        if order is not None:
            self.sender.reorder(order, apply)
            self.report.reordered.append(name)


def _container(entry: Wanted) -> str:
    """`watchlist`, `favorites` or `list:<name>`: the ranked container of an entry."""
    if entry.section == "lists":
        return "list:" + list_key(entry.list_name or "")
    return entry.section


def run_import(
    trakt: Trakt,
    plan: ImportPlan,
    *,
    mirror: Mirror | None = None,
    dry_run: bool = False,
    hooks: ImportHooks | None = None,
    ratings: RatingsPolicy = "newer",
) -> ImportReport:
    """Import `plan` into the logged-in account (see the module docstring); `ratings`:
    which of two different ratings wins (`newer`, `keep`, `overwrite`)."""
    return _Run(trakt, plan, mirror, dry_run, hooks or ImportHooks(), ratings).run()
