"""Rendering: rich tables and messages for people, plain JSON for scripts and agents.

stdout carries the result (a table, or JSON only with --json); stderr carries progress,
prompts and messages. rich honours NO_COLOR by itself.

rich is imported when an `Output` is made, not with this module: `trakt --help` never
makes one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


UNWRAPPED_COLUMNS = frozenset(
    {
        "id",
        "history id",
        "imdb",
        "trakt",
        "tmdb",
        "tvdb",
        "slug",
        "added",
        "watched",
        "rated",
        "collected",
        "rating",
        "year",
        "#",
        "rank",
    }
)


class Output:
    """Where a command writes: stdout for results, stderr for everything else."""

    def __init__(self, as_json: bool = False) -> None:
        from rich.console import Console

        self.as_json = as_json
        self.out: Console = Console(highlight=False, soft_wrap=False)
        # soft_wrap: a message is one line however long (the terminal wraps it, not rich)
        self.err: Console = Console(stderr=True, highlight=False, soft_wrap=True)

    def json(self, data: Any) -> None:
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        sys.stdout.write("\n")
        sys.stdout.flush()

    def table(
        self,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        title: str | None = None,
        empty: str = "Nothing to show.",
    ) -> None:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, show_lines=False, header_style="bold", show_header=any(columns))
        for column in columns:
            # ids and times are copied and compared whole: never wrapped; text may fold
            whole = column.lower() in UNWRAPPED_COLUMNS
            table.add_column(column, overflow="fold", no_wrap=whole)
        count = 0
        for row in rows:
            # cells are plain text: "Dune (2021) [movie]" must not be read as rich markup
            table.add_row(*(Text("" if cell is None else str(cell)) for cell in row))
            count += 1
        if count:
            self.out.print(table)
        else:
            self.info(empty)

    def line(self, text: str) -> None:
        """A plain result line on stdout (human mode only)."""
        self.out.print(text, markup=False, soft_wrap=True)

    def info(self, text: str) -> None:
        self.err.print(text, markup=False)

    def warn(self, text: str) -> None:
        self.err.print(f"warning: {text}", markup=False, style="yellow")

    def error(self, text: str) -> None:
        self.err.print(f"error: {text}", markup=False, style="red")
