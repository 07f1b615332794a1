"""Shared pieces of the item commands: options, ITEM collection, write hooks (progress
bar, optional prompt for ambiguous titles) and the rendering of write reports."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import typer

from traktkit.cli.errors import NOT_FOUND
from traktkit.cli.output import Output
from traktkit.cli.render import id_cell

if TYPE_CHECKING:
    # The library layers (pydantic, httpx2) are imported where they are used, so that
    # `trakt --help` and `trakt GROUP --help` do not load them.
    from rich.progress import Progress

    from traktkit.api.errors import AmbiguousItem, CandidateInfo
    from traktkit.api.items import ItemRef, ItemSpec
    from traktkit.api.resolve import ResolvedItem
    from traktkit.api.writes import WriteHooks, WriteProgress, WriteReport
    from traktkit.client import Trakt
    from traktkit.local import LibraryReader

JSON_OPTION = typer.Option(False, "--json", help="Print JSON on stdout.")
TYPE_OPTION = typer.Option(
    None,
    "--type",
    "-t",
    metavar="TYPE",
    help="movie, show, season or episode (narrows every ITEM).",
)
YEAR_OPTION = typer.Option(None, "--year", "-y", metavar="YEAR", help="Release year of the ITEM.")
SEASON_OPTION = typer.Option(
    None, "--season", "-s", metavar="N", help="Season number (with a show ITEM)."
)
EPISODE_OPTION = typer.Option(
    None, "--episode", "-e", metavar="N", help="Episode number (with --season)."
)
FROM_OPTION = typer.Option(
    None,
    "--from",
    metavar="FILE",
    help="Read ITEMs from FILE ('-' = stdin): one per line, or JSON.",
)
ITEMS_ARGUMENT = typer.Argument(
    None,
    metavar="ITEM",
    help="Titles ('Dune (2021)', 'Breaking Bad S01E01'), ids (tt…, tmdb:…) or URLs.",
    show_default=False,
)
LIMIT_HELP = "At most this many items (default: all pages)."

_INT = re.compile(r"[+-]?[0-9]{1,18}")
SEARCHES_FOR_PROGRESS: Final = 10  # show a progress bar from this many searches on
_STATUS_LABEL: Final = {
    "added": "added",
    "existing": "already there",
    "updated": "updated",
    "deleted": "deleted",
    "not_found": "not found",
    "unchanged": "unchanged",
}


def int_option(value: str | None, option: str) -> int | None:
    """A whole-number option given as text (a one-line error instead of click's usage)."""
    if value is None:
        return None
    text = value.strip()
    if not _INT.fullmatch(text):
        from traktkit.api.errors import InvalidInput

        raise InvalidInput(f"{option} must be a whole number; got {value!r}")
    return int(text)


def read_source(path: str) -> str:
    """The text of a `--from` file (`-` = stdin)."""
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        from traktkit.api.errors import InvalidInput

        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InvalidInput(f"--from {path}: {reason}") from None


def collect_items(
    items: Sequence[str] | None,
    source: str | None,
    *,
    type: str | None = None,
    year: str | None = None,
    season: str | None = None,
    episode: str | None = None,
) -> list[ItemRef | ItemSpec]:
    """Every ITEM argument (with the item options) and every `--from` item, parsed and
    validated; InvalidInput before anything is sent."""
    from traktkit.api.errors import InvalidInput
    from traktkit.api.items import parse_item, parse_items_file

    options: dict[str, Any] = {
        "type": type,
        "year": int_option(year, "--year"),
        "season": int_option(season, "--season"),
        "episode": int_option(episode, "--episode"),
    }
    out: list[ItemRef | ItemSpec] = [parse_item(text, **options) for text in items or ()]
    if source is not None:
        numbers = (options["year"], options["season"], options["episode"])
        if not items and any(n is not None for n in numbers):
            raise InvalidInput("--year/--season/--episode apply to ITEM arguments, not --from")
        out.extend(parse_items_file(read_source(source), type=type))
    if not out:
        raise InvalidInput("give at least one ITEM, or --from FILE")
    return out


def require_login(trakt: Trakt) -> None:
    """Fail before any search when a write cannot be sent anyway."""
    trakt.require_login()


# --- progress and prompts ---------------------------------------------------------------


class ProgressBar:
    """A rich progress bar on stderr for long writes: many searches or several POSTs."""

    _TITLES: Final = {
        "resolve": "Resolving titles",
        "write": "Writing batches",
        "verify": "Checking history",
    }

    def __init__(self, out: Output) -> None:
        self._out = out
        self._progress: Progress | None = None
        self._tasks: dict[str, Any] = {}

    def __call__(self, event: WriteProgress) -> None:
        if event.phase == "resolve" and event.total < SEARCHES_FOR_PROGRESS:
            return
        if event.phase == "verify":
            if event.done == 0:
                self._out.info(
                    f"the write may have reached Trakt: checking {event.total} play(s) "
                    "in your history before sending only the missing ones"
                )
            return
        progress = self._start()
        task = self._tasks.get(event.phase)
        if task is None:
            task = progress.add_task(self._TITLES[event.phase], total=event.total)
            self._tasks[event.phase] = task
        progress.update(task, completed=event.done, total=event.total)

    def _start(self) -> Progress:
        if self._progress is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=self._out.err,
                transient=True,
            )
            self._progress.start()
        return self._progress

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
            self._tasks = {}


def _interactive(out: Output) -> bool:
    return not out.as_json and sys.stdin.isatty() and sys.stderr.isatty()


def _prompt(out: Output, bar: ProgressBar, exc: AmbiguousItem) -> CandidateInfo | None:
    bar.stop()
    out.warn(str(exc))
    for number, candidate in enumerate(exc.candidates, 1):
        ids = candidate.ids
        ref = ids.get("imdb") or (f"trakt:{ids['trakt']}" if ids.get("trakt") else "")
        out.info(f"  {number}. {candidate.label}  {ref}")
    answer = typer.prompt(
        "Which one? (number; empty to stop)", default="", show_default=False, err=True
    )
    text = answer.strip()
    if text.isdigit() and 1 <= int(text) <= len(exc.candidates):
        return exc.candidates[int(text) - 1]
    return None


@contextmanager
def write_hooks(out: Output) -> Iterator[WriteHooks]:
    """Hooks for a write: a progress bar on stderr, and on an interactive terminal (not
    --json) a prompt that lets the user pick one candidate of an ambiguous title."""
    from traktkit.api.writes import WriteHooks

    bar = ProgressBar(out)
    choose = (lambda exc: _prompt(out, bar, exc)) if _interactive(out) else None
    try:
        yield WriteHooks(progress=bar, choose=choose)
    finally:
        bar.stop()


# --- rendering ------------------------------------------------------------------------


def item_id(item: ResolvedItem) -> str:
    """The item's own id, else its show's (`show tt0903747` for `S01E01` by numbers)."""
    own = id_cell(item.ids)
    if own or item.show is None:
        return own
    show = id_cell(item.show.ids)
    return f"show {show}" if show else ""


def api_counts(report: WriteReport) -> str:
    """`added 1 movie, 7 episodes; existing 1 show`: the API's own counts, merged."""
    parts = []
    for status in ("added", "updated", "existing", "deleted"):
        counts = getattr(report.result, status)
        if counts is None:
            continue
        named = [
            f"{n} {key[:-1] if n == 1 else key}"
            for key in ("movies", "shows", "seasons", "episodes")
            if (n := counts.get(key))
        ]
        if named:
            parts.append(f"{status} {', '.join(named)}")
    return "; ".join(parts)


def when_text(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def status_label(status: str) -> str:
    """`already there`; a mixed status (`added_or_existing`) as `added or already there`,
    `deleted_or_absent` as `deleted or not there`."""
    if status in _STATUS_LABEL:
        return _STATUS_LABEL[status]
    parts = status.split("_or_")
    if len(parts) < 2:
        return status.replace("_", " ")
    names = ["not there" if p == "absent" else _STATUS_LABEL.get(p, p) for p in parts]
    return ", ".join(names[:-1]) + " or " + names[-1]


def render_write(out: Output, report: WriteReport) -> None:
    """The report item by item (table, or JSON); exit code 3 when an item was not found.

    An item whose status the API's counts do not pin down says what is known (`added or
    already there`); the summary then repeats the API's own counts, which are exact.
    """
    if out.as_json:
        out.json(report.to_dict())
    else:
        rows: list[tuple[Any, ...]] = []
        inferred = mixed = False
        tally: dict[str, int] = {}
        for outcome in report.outcomes:
            label = status_label(outcome.status)
            tally[label] = tally.get(label, 0) + 1
            if not outcome.known:
                mixed = True
            elif not outcome.exact:
                label += " *"
                inferred = True
            item = outcome.item
            rows.append((label, item.type, item.label, item_id(item)))
        for i, s in report.plays:
            label = status_label(s)
            tally[label] = tally.get(label, 0) + 1
            rows.append((label, "play", f"history id {i}", ""))
        out.table(["result", "type", "item", "id"], rows, empty="Nothing was sent.")
        order = list(_STATUS_LABEL.values())
        labels = sorted(tally, key=lambda k: order.index(k) if k in order else len(order))
        summary = ", ".join(f"{tally[k]} {k}" for k in labels) or "nothing changed"
        if report.recovered:
            summary += f" ({report.recovered} confirmed in your history after a failed request)"
        out.info(summary + ".")
        if mixed or any(o.item.type in ("show", "season") for o in report.outcomes):
            out.info(f"Trakt counted: {api_counts(report) or 'nothing'}.")
        if mixed:
            out.info(
                "Trakt's counts do not name the items, so where they mix (some added, some "
                "already there) each item says what is known."
            )
        if inferred:
            out.info("* inferred from the API's counts, which do not name the items.")
    if report.count("not_found"):
        raise typer.Exit(NOT_FOUND)


@contextmanager
def notes_on_error(out: Output) -> Iterator[None]:
    """Print an exception's notes (other unresolved ITEMs, batches already written) on
    stderr before `handle_errors` reports the error itself."""
    try:
        yield
    except Exception as exc:
        for note in getattr(exc, "__notes__", ()):
            out.info(f"note: {note}")
        raise


OFFLINE_OPTION = typer.Option(
    False, "--offline", help="Answer from the local mirror (see `trakt sync`); send nothing."
)
LIVE_OPTION = typer.Option(False, "--live", help="Ask Trakt even when the local mirror is fresh.")


def library(
    trakt: Trakt, out: Output, question: str, *, offline: bool, live: bool
) -> LibraryReader:
    """The mirror or the API for a list command; says on stderr when the mirror answers."""
    reader = trakt.library(offline=offline, live=live)
    if reader.source_of(question) == "mirror":
        when = reader.synced_at()
        stamp = when.strftime("%Y-%m-%d %H:%M UTC") if when is not None else "?"
        out.info(f"(from the local mirror, last synced {stamp}; --live asks Trakt)")
    return reader


WriteAction = Callable[["Trakt", "WriteHooks"], "WriteReport"]


def run_write(out: Output, action: WriteAction) -> None:
    """The write commands' common run: log-in check (exit 4 before any search), progress
    and ambiguity hooks, `action(trakt, hooks)`, then the item-by-item report."""
    from traktkit.cli.context import open_trakt

    with open_trakt(out) as trakt, write_hooks(out) as hooks, notes_on_error(out):
        require_login(trakt)
        report = action(trakt, hooks)
    render_write(out, report)
