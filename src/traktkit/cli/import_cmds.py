"""`trakt import json|imdb|letterboxd`: restore a backup, bring in IMDb or Letterboxd.

Every file is read and validated completely before anything is sent (a bad file exits 2
with no request); `--dry-run` reports what would change and sends no write; the report
lists what was added, what was already there and what could not be matched (exit 3
when something could not be matched, as for the other item commands), and every rating
it replaced ("updated 6 -> 10") or kept ("kept your newer rating 6 (2026-12-03) over 10
(2021-06-01)"). `--ratings newer|keep|overwrite` says which of two different ratings
wins; by default (`newer`) a rating already in the account is replaced only by a rating
dated later, for every importer (a backup restored into the same account too).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final, cast

import typer

from traktkit.cli.common import JSON_OPTION, ProgressBar, require_login
from traktkit.cli.context import open_trakt
from traktkit.cli.errors import NOT_FOUND, handle_errors
from traktkit.cli.group import Group
from traktkit.cli.output import Output
from traktkit.cli.sync_cmds import SyncBars

if TYPE_CHECKING:
    # the io layer (and the api layer and pydantic behind it) is imported when a command
    # runs, not for `trakt import --help`
    from traktkit.io.imdb import ImdbKind
    from traktkit.io.letterboxd import LetterboxdKind, Undated
    from traktkit.io.plan import ImportPlan, RatingsPolicy
    from traktkit.io.report import ImportReport

import_app = typer.Typer(
    help="Import a traktkit backup, or IMDb / Letterboxd exports.", no_args_is_help=True, cls=Group
)

DRY_RUN_OPTION = typer.Option(
    False, "--dry-run", "-n", help="Show what would change; send no write."
)
RATINGS_OPTION = typer.Option(
    "newer",
    "--ratings",
    metavar="WHICH",
    help=(
        "A different rating already in the account: newer (default: replaced only by a "
        "rating dated later), keep (never replaced) or overwrite (always the file's)."
    ),
)
_COLUMNS: Final = (
    ("added", "added"),
    ("updated", "updated"),
    ("skipped", "kept yours"),
    ("existing", "already there"),
    ("not_found", "not matched"),
    ("ambiguous", "ambiguous"),
    ("unsupported", "unsupported"),
)
_MAX_TEXT: Final = 256 * 1024 * 1024


def read_text(path: str) -> str:
    """A file's text (UTF-8, a BOM allowed); InvalidInput when it cannot be read."""
    from traktkit.api.errors import InvalidInput

    file = Path(path).expanduser()
    try:
        if file.is_dir():
            raise InvalidInput(f"{path} is a folder, not a file")
        if file.stat().st_size > _MAX_TEXT:
            raise InvalidInput(f"{path} is too large")
        return file.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InvalidInput(f"{path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text") from None


def _render(out: Output, report: ImportReport) -> None:
    from traktkit.io.plan import SECTION_ORDER

    if report.dry_run:
        out.info("Dry run: nothing was sent; the statuses say what an import would do.")
    counts = report.counts()
    shown = [(key, label) for key, label in _COLUMNS if report.total(key)]
    if not shown:
        shown = [("added", "added")]
    rows = [
        (section, *(counts.get(section, {}).get(key, 0) for key, _ in shown))
        for section in SECTION_ORDER
        if section in counts
    ]
    out.table(["section", *(label for _, label in shown)], rows, empty="Nothing to import.")
    changed = [o for o in report.outcomes if o.status in ("updated", "skipped") and o.detail]
    if changed:
        out.table(
            ["source", "section", "title", "result"],
            ((o.source, o.section, o.label, o.detail or "") for o in changed),
            title="Would replace or keep" if report.dry_run else "Replaced or kept",
        )
    problems = [o for o in report.outcomes if o.status in ("not_found", "ambiguous", "unsupported")]
    if problems:
        out.table(
            ["source", "section", "title", "result", "why"],
            (
                (
                    o.source,
                    o.section,
                    o.label,
                    o.status.replace("_", " "),
                    o.detail or "",
                )
                for o in problems
            ),
            title="Not imported",
        )
    verb = "would be created" if report.dry_run else "created"
    if report.lists_created:
        out.info(f"Lists {verb}: {', '.join(report.lists_created)}.")
    for note in report.notes:
        out.info(f"note: {note}")
    if not report.dry_run:
        out.info(f"{report.posts} write request(s) sent.")


def _policy(ratings: str) -> RatingsPolicy:
    from traktkit.api.validate import validate_choice
    from traktkit.io.plan import RATINGS_POLICIES

    picked = validate_choice(ratings, RATINGS_POLICIES, option="--ratings")
    return next(p for p in RATINGS_POLICIES if p == picked)


def _run(out: Output, plan: ImportPlan, dry_run: bool, ratings: RatingsPolicy) -> None:
    from traktkit.api.writes import WriteHooks
    from traktkit.io.importer import ImportHooks, run_import
    from traktkit.io.report import ImportReport

    if plan.empty:
        if out.as_json:
            out.json(ImportReport(kind=plan.kind, dry_run=dry_run).to_dict())
        else:
            out.info("Nothing to import.")
        return
    bar = ProgressBar(out)
    with open_trakt(out) as trakt:
        require_login(trakt)
        mirror = trakt.local.open()
        try:
            with SyncBars(out.err) as bars:
                hooks = ImportHooks(write=WriteHooks(progress=bar), sync=bars.update, warn=out.warn)
                report = run_import(
                    trakt, plan, mirror=mirror, dry_run=dry_run, hooks=hooks, ratings=ratings
                )
        finally:
            bar.stop()
    if out.as_json:
        out.json(report.to_dict())
    else:
        _render(out, report)
    if report.problems:
        raise typer.Exit(NOT_FOUND)


@import_app.command("json")
@handle_errors
def import_json(
    file: str = typer.Argument(..., metavar="FILE", help="A backup made by `trakt export`."),
    ratings: str = RATINGS_OPTION,
    dry_run: bool = DRY_RUN_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Restore a traktkit JSON backup; what is already there is skipped.

    A different rating already in the account is replaced only by the backup's when the
    backup's is rated later (`--ratings newer`, the default), so restoring an old backup
    into the same account does not undo the ratings made since."""
    from traktkit.io.restore import load_backup

    out = Output(as_json)
    policy = _policy(ratings)
    plan = load_backup(read_text(file))
    _run(out, plan, dry_run, policy)


@import_app.command("imdb")
@handle_errors
def import_imdb(
    file: str = typer.Argument(..., metavar="FILE", help="IMDb's ratings.csv or watchlist CSV."),
    kind: str = typer.Option(
        None, "--as", metavar="KIND", help="ratings or watchlist (default: from the header)."
    ),
    ratings: str = RATINGS_OPTION,
    dry_run: bool = DRY_RUN_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import IMDb ratings or a watchlist export, matched by IMDb id."""
    from traktkit.api.validate import validate_choice
    from traktkit.io.imdb import IMDB_KINDS, parse_imdb

    out = Output(as_json)
    policy = _policy(ratings)
    chosen: ImdbKind | None = None
    if kind is not None:
        picked = validate_choice(kind, IMDB_KINDS, option="--as")
        chosen = "ratings" if picked == "ratings" else "watchlist"
    plan = parse_imdb(read_text(file), name=Path(file).name, kind=chosen)
    _run(out, plan, dry_run, policy)


@import_app.command("letterboxd")
@handle_errors
def import_letterboxd(
    path: str = typer.Argument(
        ..., metavar="PATH", help="The export's ZIP file, its folder, or one of its CSVs."
    ),
    undated: str = typer.Option(
        "unknown",
        "--undated",
        metavar="WHEN",
        help="watched.csv films without a diary entry: unknown, released or logged.",
    ),
    kind: str = typer.Option(
        None, "--as", metavar="KIND", help="For one CSV named otherwise: watched or watchlist."
    ),
    ratings: str = RATINGS_OPTION,
    dry_run: bool = DRY_RUN_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import a Letterboxd export (diary, ratings, watched, watchlist), by title and year."""
    from traktkit.api.errors import InvalidInput
    from traktkit.api.validate import validate_choice
    from traktkit.io.letterboxd import UNDATED, load_letterboxd, parse_letterboxd

    out = Output(as_json)
    when = cast("Undated", validate_choice(undated, UNDATED, option="--undated"))
    policy = _policy(ratings)
    as_kind: LetterboxdKind | None = None
    if kind is not None:
        picked = validate_choice(kind, ("watched", "watchlist"), option="--as")
        as_kind = "watched" if picked == "watched" else "watchlist"
    location = Path(path).expanduser()
    if not location.exists():
        raise InvalidInput(f"{path}: no such file or folder")
    tables = load_letterboxd(location, kind=as_kind)
    plan = parse_letterboxd(tables, undated=when)
    _run(out, plan, dry_run, policy)


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
