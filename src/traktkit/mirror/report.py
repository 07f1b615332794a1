"""What a sync did: per section, what changed and how many requests it took."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from traktkit.mirror.tables import Changes

__all__ = ["SectionReport", "SectionStatus", "SyncReport"]

SectionStatus = Literal["unchanged", "full", "incremental", "unavailable"]


@dataclass
class SectionReport:
    """One section of a sync run.

    `status`: `unchanged` (its last_activities timestamps had not moved: nothing fetched),
    `full` (fetched completely), `incremental` (history: only the new plays), or
    `unavailable` (the server has no such route; nothing stored).
    """

    section: str
    status: SectionStatus
    changes: Changes = field(default_factory=Changes)
    requests: int = 0
    skipped: int = 0  # items the server sent that could not be stored (no ids)
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "section": self.section,
            "status": self.status,
            "added": self.changes.added,
            "removed": self.changes.removed,
            "updated": self.changes.updated,
            "total": self.changes.total if self.status in ("full", "incremental") else None,
            "requests": self.requests,
        }
        if self.skipped:
            data["skipped"] = self.skipped
        if self.detail:
            data["detail"] = self.detail
        return data


@dataclass
class SyncReport:
    """A whole run: `requests` counts every API request, last_activities included."""

    full: bool
    requests: int = 0
    sections: list[SectionReport] = field(default_factory=list)
    started_at: str | None = None
    finished_at: str | None = None

    def section(self, name: str) -> SectionReport | None:
        return next((s for s in self.sections if s.section == name), None)

    @property
    def changed(self) -> list[SectionReport]:
        return [s for s in self.sections if s.changes.changed]

    @property
    def unavailable(self) -> list[str]:
        return [s.section for s in self.sections if s.status == "unavailable"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "full": self.full,
            "requests": self.requests,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "changed": [s.section for s in self.changed],
            "unavailable": self.unavailable,
            "sections": [s.to_dict() for s in self.sections],
        }
