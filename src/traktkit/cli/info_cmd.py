"""`trakt info ITEM`: details of a movie, show, season or episode (`extended=full`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from traktkit.cli.common import (
    EPISODE_OPTION,
    JSON_OPTION,
    SEASON_OPTION,
    TYPE_OPTION,
    YEAR_OPTION,
    int_option,
)
from traktkit.cli.context import open_trakt
from traktkit.cli.errors import handle_errors
from traktkit.cli.output import Output
from traktkit.cli.render import id_cell

if TYPE_CHECKING:
    from traktkit.api.media import ItemInfo

_FIELDS = (
    "tagline",
    "released",
    "first_aired",
    "status",
    "runtime",
    "certification",
    "network",
    "country",
    "language",
    "genres",
    "rating",
    "votes",
    "aired_episodes",
    "episode_count",
    "overview",
)


def _title(info: ItemInfo) -> str:
    from traktkit.models import Episode, Movie, Season, Show

    media = info.media
    show = info.show
    if isinstance(media, Movie | Show):
        year = f" ({media.year})" if media.year else ""
        return f"{media.title or ''}{year}"
    name = show.title if show and show.title else "?"
    if isinstance(media, Season):
        return f"{name} S{(media.number or 0):02d}" + (f" {media.title}" if media.title else "")
    assert isinstance(media, Episode)
    code = f"S{(media.season or 0):02d}E{(media.number or 0):02d}"
    return f"{name} {code}" + (f" {media.title}" if media.title else "")


def _cell(key: str, value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if key == "runtime" and isinstance(value, int):
        return f"{value} min" if value < 60 else f"{value} min ({value // 60} h {value % 60:02d})"
    if key == "rating" and isinstance(value, int | float):
        return f"{value:.1f} / 10"
    if key == "first_aired" and isinstance(value, str) and "T" in value:
        return value[:16].replace("T", " ") + " UTC"  # minute precision, like the tables
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _rows(info: ItemInfo) -> list[tuple[str, str]]:
    data = info.media.to_api()
    rows = [("type", info.type), ("title", _title(info))]
    ids = {k: v for k, v in (data.get("ids") or {}).items() if v not in (None, "")}
    rows.append(("ids", ", ".join(f"{k}:{v}" for k, v in ids.items())))
    if info.show is not None:
        rows.append(("show", f"{info.show.title or ''} ({id_cell(info.show.ids)})"))
    for key in _FIELDS:
        value = data.get(key)
        if value not in (None, "", []):
            rows.append((key.replace("_", " "), _cell(key, value)))
    return rows


@handle_errors
def info(
    item: list[str] = typer.Argument(
        ..., metavar="ITEM", help="'Inception (2010)', 'Breaking Bad S01E01', tt0903747, ..."
    ),
    type: str = TYPE_OPTION,
    year: str = YEAR_OPTION,
    season: str = SEASON_OPTION,
    episode: str = EPISODE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Details of a movie, show, season or episode (Trakt's extended=full)."""
    from traktkit.api.items import parse_item

    out = Output(as_json)
    ref = parse_item(
        " ".join(item),
        type=type,
        year=int_option(year, "--year"),
        season=int_option(season, "--season"),
        episode=int_option(episode, "--episode"),
    )
    with open_trakt(out) as trakt:
        details = trakt.info(ref)
    if as_json:
        out.json(details.to_dict())
        return
    out.table(["", ""], _rows(details), title=_title(details))


def register(app: typer.Typer) -> None:
    app.command()(info)
