"""`trakt sync [--full] [--json]`: mirror the library into SQLite under TRAKTKIT_HOME."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING

import typer

from traktkit.cli.context import open_trakt
from traktkit.cli.errors import handle_errors, report
from traktkit.cli.output import Output

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import TaskID

    from traktkit.mirror import SyncProgress, SyncReport

JSON_OPTION = typer.Option(False, "--json", help="Print what changed as JSON on stdout.")


class MirrorError(Exception):
    """The mirror file could not be used (a one-line message, exit code 1)."""


@contextmanager
def mirror_errors(path: object) -> Iterator[None]:
    """Turn SQLite problems into a one-line error instead of a traceback."""
    from traktkit.mirror import MIRROR_ERRORS, SchemaTooNew

    try:
        yield
    except SchemaTooNew as exc:
        raise MirrorError(str(exc)) from None
    except MIRROR_ERRORS as exc:
        raise MirrorError(f"the mirror database {path} cannot be used: {exc}") from None


def fail(exc: MirrorError, out: Output) -> typer.Exit:
    return typer.Exit(report(exc, out))


class SyncBars:
    """Progress bars on stderr (only on a terminal): one per section that is fetched."""

    def __init__(self, console: Console) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(
            TextColumn("{task.description:<18}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("pages"),
            console=console,
            disable=not console.is_terminal,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> SyncBars:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def update(self, event: SyncProgress) -> None:
        if event.phase == "unchanged":
            return
        task = self._tasks.get(event.section)
        if task is None:
            task = self._progress.add_task(event.section, total=None)
            self._tasks[event.section] = task
        if event.phase == "page":
            self._progress.update(task, total=event.pages, completed=event.page)
        elif event.phase == "done":
            total = self._progress.tasks[task].total or 1
            self._progress.update(task, total=total, completed=total)
        elif event.phase == "unavailable":
            self._progress.update(task, description=f"{event.section} (n/a)", total=1, completed=1)


def _render(out: Output, result: SyncReport) -> None:
    rows = [
        (
            s.section,
            s.status,
            s.changes.added or "",
            s.changes.removed or "",
            s.changes.updated or "",
            s.changes.total if s.status in ("full", "incremental") else "",
            s.requests or "",
        )
        for s in result.sections
        if s.requests  # the sections fetched (or tried) in this run
    ]
    if rows:
        out.table(["section", "status", "added", "removed", "updated", "total", "requests"], rows)
    changed = ", ".join(s.section for s in result.changed) or "nothing changed"
    out.line(f"Synced in {result.requests} request(s): {changed}.")
    if result.unavailable:
        out.info(f"not offered by the server: {', '.join(result.unavailable)}")


@handle_errors
def sync_command(
    full: bool = typer.Option(
        False, "--full", help="Fetch every section again, even those that did not change."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Mirror your Trakt library locally (only the sections that changed since last time)."""

    out = Output(as_json)
    with open_trakt(out) as trakt:
        mirror = trakt.local.open()
        try:
            with mirror_errors(mirror.path), SyncBars(out.err) as bars:
                result = trakt.sync_mirror(full=full, progress=bars.update)
        except MirrorError as exc:
            raise fail(exc, out) from None
    if as_json:
        out.json(result.to_dict())
    else:
        _render(out, result)


def register(app: typer.Typer) -> None:
    app.command("sync")(sync_command)
