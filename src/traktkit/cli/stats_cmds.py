"""`trakt stats [--year Y] [--json] [--chart]`: questions answered from the local mirror."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import typer

from traktkit.cli.errors import handle_errors
from traktkit.cli.output import Output
from traktkit.cli.sync_cmds import MirrorError, fail, mirror_errors

if TYPE_CHECKING:
    from traktkit.mirror import Stats

BAR_WIDTH = 40
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, largest: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of block characters, `width` cells for `largest`."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * width * 8)
    full, rest = divmod(max(eighths, 1), 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def _with_bars(rows: Sequence[tuple[str, int]], chart: bool) -> list[tuple[str, ...]]:
    largest = max((n for _, n in rows), default=0)
    if chart:
        return [(label, str(n), bar(n, largest)) for label, n in rows]
    return [(label, str(n)) for label, n in rows]


def _summary(out: Output, s: Stats) -> None:
    period = str(s.year) if s.year else "all time"
    rows = [
        ("plays", f"{s.plays} ({s.movie_plays} movies, {s.episode_plays} episodes)"),
        ("titles", f"{s.movies} movies, {s.episodes} episodes of {s.shows} shows"),
        ("hours watched", f"{s.hours:,.1f}"),
    ]
    if s.unknown_runtime_plays:
        rows.append(("runtime unknown", f"{s.unknown_runtime_plays} plays (not counted)"))
    average = f", average {s.ratings_average}" if s.ratings_average is not None else ""
    rows.append(("ratings", f"{s.ratings_count}{average}"))
    rows.append(("mirror synced", s.last_sync_at or "never"))
    out.table(["", ""], rows, title=f"Trakt stats, {period}")


def _render(out: Output, s: Stats, chart: bool) -> None:
    _summary(out, s)
    extra = ["chart"] if chart else []
    genres = [(g.name, g.plays) for g in s.top_genres]
    out.table(["genre", "plays", *extra], _with_bars(genres, chart), title="Top genres")
    shows = [(f"{t.name} ({t.year})" if t.year else t.name, t.plays) for t in s.top_shows]
    out.table(["show", "plays", *extra], _with_bars(shows, chart), title="Top shows")
    movies = [(f"{t.name} ({t.year})" if t.year else t.name, t.plays) for t in s.top_movies]
    out.table(["movie", "plays", *extra], _with_bars(movies, chart), title="Top movies")
    ratings = [(str(r), s.ratings.get(r, 0)) for r in range(10, 0, -1)]
    if s.ratings_count:
        out.table(["rating", "count", *extra], _with_bars(ratings, chart), title="Ratings")
    months = [(m.month, m.plays) for m in s.by_month]
    rows = _with_bars(months, chart)
    hours = {m.month: f"{m.minutes / 60:.1f}" for m in s.by_month}
    rows = [(r[0], r[1], hours[r[0]], *r[2:]) for r in rows]
    out.table(["month", "plays", "hours", *extra], rows, title="Activity by month")


@handle_errors
def stats(
    year: int = typer.Option(None, "--year", "-y", help="Only this calendar year (UTC)."),
    chart: bool = typer.Option(False, "--chart", help="Draw bar charts in the terminal."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON on stdout."),
) -> None:
    """Plays, hours, top genres and shows, ratings, activity by month (from the mirror)."""
    from traktkit.config import Settings
    from traktkit.local import MirrorLink

    out = Output(as_json)
    if year is not None and not 1900 <= year <= 2200:
        from traktkit.api.errors import InvalidInput

        raise InvalidInput(f"--year must be a year such as 2024, not {year}")
    link = MirrorLink(Settings.from_env())
    try:
        # exit 2 with the reason when there is no usable mirror of this API
        mirror = link.for_reading("history", offline=True)
        assert mirror is not None
        try:
            with mirror_errors(mirror.path):
                result = mirror.stats(year)
        except MirrorError as exc:
            raise fail(exc, out) from None
    finally:
        link.close()
    if as_json:
        out.json(result.to_dict())
    else:
        _render(out, result, chart)


def register(app: typer.Typer) -> None:
    app.command()(stats)
