"""`trakt collection list|add|remove`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from traktkit.cli.common import (
    EPISODE_OPTION,
    FROM_OPTION,
    ITEMS_ARGUMENT,
    JSON_OPTION,
    LIMIT_HELP,
    LIVE_OPTION,
    OFFLINE_OPTION,
    SEASON_OPTION,
    TYPE_OPTION,
    YEAR_OPTION,
    collect_items,
    int_option,
    library,
    run_write,
    when_text,
)
from traktkit.cli.context import open_trakt
from traktkit.cli.errors import handle_errors
from traktkit.cli.group import Group
from traktkit.cli.output import Output
from traktkit.cli.render import id_cell

if TYPE_CHECKING:
    from traktkit.api.collection import CollectionEntry
    from traktkit.models import CollectionMetadata

collection_app = typer.Typer(
    help="Your collection (library): list, add, remove.", no_args_is_help=True, cls=Group
)


def _metadata_text(meta: CollectionMetadata | None) -> str:
    if meta is None:
        return ""
    parts = [meta.media_type, meta.resolution, meta.hdr, meta.audio, meta.audio_channels]
    text = " ".join(p for p in parts if p)
    return f"{text} 3d".strip() if meta.three_d else text


def _row(entry: CollectionEntry) -> tuple[Any, ...]:
    from traktkit.models import CollectionMovie

    if isinstance(entry, CollectionMovie):
        movie = entry.movie
        return (
            "movie",
            movie.title if movie else "",
            movie.year if movie else "",
            id_cell(movie.ids) if movie else "",
            when_text(entry.collected_at),
            _metadata_text(entry.metadata),
        )
    show = entry.show
    episodes = sum(len(s.episodes or []) for s in entry.seasons or [])
    return (
        "show",
        show.title if show else "",
        show.year if show else "",
        id_cell(show.ids) if show else "",
        when_text(entry.last_collected_at),
        f"{episodes} episode(s)",
    )


@collection_app.command("list")
@handle_errors
def list_(
    type: str = typer.Option("all", "--type", "-t", help="movies, shows or all."),
    limit: str = typer.Option(None, "--limit", "-n", help=LIMIT_HELP),
    offline: bool = OFFLINE_OPTION,
    live: bool = LIVE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List the collection with its metadata (every page)."""
    out = Output(as_json)
    max_items = int_option(limit, "--limit")
    with open_trakt(out) as trakt:
        source = library(trakt, out, "collection", offline=offline, live=live)
        entries = source.collection(type, limit=max_items)
    if as_json:
        out.json([entry.to_api() for entry in entries])
        return
    out.table(
        ["type", "title", "year", "id", "collected", "metadata"],
        (_row(e) for e in entries),
        empty="Your collection is empty.",
    )


@collection_app.command("add")
@handle_errors
def add(
    items: list[str] = ITEMS_ARGUMENT,
    source: str = FROM_OPTION,
    type: str = TYPE_OPTION,
    year: str = YEAR_OPTION,
    season: str = SEASON_OPTION,
    episode: str = EPISODE_OPTION,
    media_type: str = typer.Option(None, "--media-type", help="digital, bluray, dvd, ..."),
    resolution: str = typer.Option(None, "--resolution", help="uhd_4k, hd_1080p, ..."),
    hdr: str = typer.Option(None, "--hdr", help="dolby_vision, hdr10, hdr10_plus, hlg."),
    audio: str = typer.Option(None, "--audio", help="dolby_atmos, dts_x, aac, ..."),
    audio_channels: str = typer.Option(None, "--audio-channels", help="2.0, 5.1, 7.1.4, ..."),
    three_d: bool = typer.Option(None, "--3d/--no-3d", help="3D or not."),
    collected_at: str = typer.Option(
        None, "--collected-at", help="now, released, or a UTC date/time (default: now)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add ITEMs to the collection, with optional media metadata (re-adding updates it)."""
    from traktkit.api.validate import parse_when, validate_metadata

    out = Output(as_json)
    metadata = validate_metadata(
        {
            "media_type": media_type,
            "resolution": resolution,
            "hdr": hdr,
            "audio": audio,
            "audio_channels": audio_channels,
            "3d": three_d,
        }
    )
    when = parse_when(collected_at, option="--collected-at") if collected_at else None
    refs = collect_items(items, source, type=type, year=year, season=season, episode=episode)
    run_write(
        out,
        lambda trakt, hooks: trakt.collection.add(
            refs, metadata=metadata, collected_at=when, hooks=hooks
        ),
    )


@collection_app.command("remove")
@handle_errors
def remove(
    items: list[str] = ITEMS_ARGUMENT,
    source: str = FROM_OPTION,
    type: str = TYPE_OPTION,
    year: str = YEAR_OPTION,
    season: str = SEASON_OPTION,
    episode: str = EPISODE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Remove ITEMs from the collection."""
    out = Output(as_json)
    refs = collect_items(items, source, type=type, year=year, season=season, episode=episode)
    run_write(out, lambda trakt, hooks: trakt.collection.remove(refs, hooks=hooks))


def register(app: typer.Typer) -> None:
    app.add_typer(collection_app, name="collection")
