"""What an import did (or, on a dry run, would do), entry by entry.

Statuses: `added` (sent and added), `updated` (sent, replacing a different value, e.g.
another rating: detail "updated 6 -> 10"), `skipped` (a different value is in the account
and is kept, e.g. a newer rating: detail "kept your newer rating 6 (2026-12-03) over 10
(2021-06-01)"), `existing` (already in the account: skipped, or reported as already
there by Trakt), `not_found` (no match: the search found nothing or Trakt did not know
the ids), `ambiguous` (several plausible matches: not guessed, candidates listed),
`unsupported` (a row with no Trakt equivalent, e.g. an IMDb video game).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from traktkit.api.errors import CandidateInfo

__all__ = ["PROBLEMS", "STATUSES", "ImportReport", "Outcome", "Status"]

Status = Literal["added", "updated", "skipped", "existing", "not_found", "ambiguous", "unsupported"]
STATUSES: Final[tuple[Status, ...]] = (
    "added",
    "updated",
    "skipped",
    "existing",
    "not_found",
    "ambiguous",
    "unsupported",
)
PROBLEMS: Final[frozenset[str]] = frozenset({"not_found", "ambiguous"})


@dataclass(frozen=True)
class Outcome:
    section: str
    status: Status
    label: str
    type: str
    source: str = ""
    ids: Mapping[str, Any] = field(default_factory=dict)
    list_name: str | None = None
    detail: str | None = None
    candidates: tuple[CandidateInfo, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "section": self.section,
            "status": self.status,
            "type": self.type,
            "title": self.label,
            "ids": dict(self.ids),
            "source": self.source,
        }
        if self.list_name is not None:
            data["list"] = self.list_name
        if self.detail:
            data["detail"] = self.detail
        if self.candidates:
            data["candidates"] = [c.to_dict() for c in self.candidates]
        return data


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)
    lists_created: list[str] = field(default_factory=list)
    reordered: list[str] = field(default_factory=list)
    posts: int = 0  # write requests sent
    lookups: int = 0  # items looked up by search
    library_source: str | None = None  # mirror | api: where the account's state came from
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        """{section: {status: n}} for the statuses that occur."""
        out: dict[str, dict[str, int]] = {}
        for outcome in self.outcomes:
            section = out.setdefault(outcome.section, {})
            section[outcome.status] = section.get(outcome.status, 0) + 1
        return out

    def total(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def problems(self) -> list[Outcome]:
        """Entries that could not be matched (not found or ambiguous)."""
        return [o for o in self.outcomes if o.status in PROBLEMS]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "dry_run": self.dry_run,
            "summary": self.counts(),
            "added": self.total("added"),
            "updated": self.total("updated"),
            "skipped": self.total("skipped"),
            "existing": self.total("existing"),
            "not_found": self.total("not_found"),
            "ambiguous": self.total("ambiguous"),
            "unsupported": self.total("unsupported"),
            "lists_created": list(self.lists_created),
            "reordered": list(self.reordered),
            "posts": self.posts,
            "lookups": self.lookups,
            "library_source": self.library_source,
            "notes": list(self.notes),
            "items": [o.to_dict() for o in self.outcomes],
        }
