"""`sync()`: bring the mirror up to date with as few requests as possible.

1. `GET /sync/last_activities` (always; the only request when nothing changed).
2. For each section (`traktkit.mirror.sections.SECTIONS`, in order): if the timestamps
   it depends on equal those stored with its data, skip it; else fetch and store it in
   one transaction (history incrementally). `full=True` fetches every section.
3. A section whose route the server lacks (404) is recorded as `unavailable` with the
   current timestamps: it is tried again when they move, or with `full=True`.
4. When every section is done, `meta.last_sync_at` is set (what `Mirror.is_fresh` reads).

Any other error (network, 5xx after retries, an exception from `progress`) ends the run:
sections already written stay, the failed one keeps its old data and timestamps, so the
next run carries on from there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from traktkit.http.client import HttpClient
from traktkit.http.errors import TraktError
from traktkit.mirror.fetch import Fetcher, ProgressHook, SyncProgress, Unavailable
from traktkit.mirror.media import dumps, iso
from traktkit.mirror.report import SectionReport, SyncReport
from traktkit.mirror.sections import SECTIONS, Section
from traktkit.mirror.store import Mirror
from traktkit.mirror.tables import now_iso, write_state

__all__ = ["Run", "flatten_activities", "sync"]


@dataclass
class Run:
    """What a section runner needs: the mirror, the fetcher and the run's mode."""

    mirror: Mirror
    fetch: Fetcher
    full: bool


def flatten_activities(data: Any) -> dict[str, str | None]:
    """`{"movies": {"watched_at": "…"}}` -> `{"movies.watched_at": "…"}` (normalised)."""
    flat: dict[str, str | None] = {}
    if not isinstance(data, Mapping):
        raise TraktError("GET /sync/last_activities did not return an object")
    for section, values in data.items():
        if isinstance(values, Mapping):
            for key, value in values.items():
                flat[f"{section}.{key}"] = iso(value)
        else:
            flat[section] = iso(values)
    return flat


def sync(
    http: HttpClient,
    mirror: Mirror,
    *,
    full: bool = False,
    progress: ProgressHook | None = None,
) -> SyncReport:
    """Update `mirror` from the logged-in user's library; returns what changed."""
    fetch = Fetcher(http, progress)
    report = SyncReport(full=full, started_at=now_iso())
    try:
        try:
            activities = flatten_activities(fetch.get("/sync/last_activities").data)
        except Unavailable as exc:
            raise TraktError(f"cannot sync: {exc}", status=404) from None
        run = Run(mirror, fetch, full)
        for section in SECTIONS:
            report.sections.append(_section(run, section, activities))
        with mirror.transaction() as conn:
            for key, value in (
                ("last_sync_at", now_iso()),
                ("api_url", http.api_url),
                ("last_activities", dumps(activities)),
            ):
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
            conn.execute("DELETE FROM meta WHERE key = 'stale_since'")
    finally:
        report.requests = fetch.requests
        report.finished_at = now_iso()
    return report


def _section(run: Run, section: Section, activities: Mapping[str, str | None]) -> SectionReport:
    name = section.name
    stamps = {key: activities.get(key) for key in section.stamps}
    state = run.mirror.state(name)
    if not run.full and state is not None and state.activities == stamps:
        run.fetch.emit(SyncProgress(name, "unchanged"))
        if state.status == "unavailable":
            return SectionReport(name, "unavailable", detail=state.detail)
        return SectionReport(name, "unchanged")
    before = run.fetch.requests
    run.fetch.emit(SyncProgress(name, "start"))
    try:
        result = section.run(run, name, stamps, state)
    except Unavailable as exc:
        with run.mirror.transaction() as conn:
            write_state(conn, name, status="unavailable", activities=stamps, detail=str(exc))
        result = SectionReport(name, "unavailable", detail=str(exc))
        run.fetch.emit(SyncProgress(name, "unavailable"))
    else:
        run.fetch.emit(SyncProgress(name, "done", items=result.changes.total))
    result.requests = run.fetch.requests - before
    return result
