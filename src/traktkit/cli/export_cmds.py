"""`trakt export [--format json|csv] [--output DIR] [--json]`: a complete backup."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from traktkit.cli.common import JSON_OPTION, require_login
from traktkit.cli.context import open_trakt
from traktkit.cli.errors import handle_errors, report
from traktkit.cli.output import Output
from traktkit.cli.sync_cmds import SyncBars

if TYPE_CHECKING:
    from traktkit.io.export import ExportFormat, ExportResult

_COUNT_LABELS = (
    ("history", "plays"),
    ("ratings", "ratings"),
    ("watchlist", "watchlist items"),
    ("collection_movies", "collected movies"),
    ("collection_episodes", "collected episodes"),
    ("favorites", "favorites"),
    ("lists", "lists"),
    ("list_items", "list items"),
)


class ExportError(Exception):
    """The backup could not be written (exit code 1)."""


def _render(out: Output, result: ExportResult) -> None:
    counts = result.manifest.get("counts", {})
    out.table(
        ["section", "items"],
        [(label, counts.get(key, 0)) for key, label in _COUNT_LABELS],
        title="Backup",
    )
    unavailable = result.manifest.get("unavailable") or []
    if unavailable:
        out.info(f"not offered by the server: {', '.join(unavailable)}")
    where = result.files[0] if result.format == "json" else result.files[0].parent
    out.line(f"Backup ({result.format}) written to {where}")


@handle_errors
def export_command(
    format: str = typer.Option("json", "--format", "-f", metavar="FORMAT", help="json or csv."),
    output: str = typer.Option(
        ".", "--output", "-o", metavar="DIR", help="Folder for the backup (created if needed)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Back up your whole library: history, ratings, watchlist, collection, favorites,
    lists (see docs/backup-format.md).

    Read from the local mirror after an incremental sync; from the API when the mirror
    cannot be used.
    """
    from traktkit.api.errors import InvalidInput
    from traktkit.api.validate import validate_choice
    from traktkit.io.export import EXPORT_FORMATS, export_library

    out = Output(as_json)
    chosen: ExportFormat = (
        "csv" if validate_choice(format, EXPORT_FORMATS, option="--format") == "csv" else "json"
    )
    folder = Path(output).expanduser()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"--output {output}: not a folder")
    with open_trakt(out) as trakt:
        require_login(trakt)
        mirror = trakt.local.open()
        try:
            with SyncBars(out.err) as bars:
                result = export_library(
                    trakt, mirror, format=chosen, output=folder, progress=bars.update
                )
        except OSError as exc:
            failure = ExportError(
                f"cannot write the backup: {exc.strerror or exc} ({exc.filename})"
            )
            raise typer.Exit(report(failure, out)) from None
    if result.note:
        out.warn(result.note)
    if as_json:
        out.json(result.to_dict())
    else:
        _render(out, result)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
