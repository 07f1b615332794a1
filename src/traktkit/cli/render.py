"""Shared helpers that turn Trakt objects into table cells."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # the models (pydantic) are imported when a command renders, not for `--help`
    from traktkit.models import Ids, Show
    from traktkit.models.base import TraktModel


def title_of(item: TraktModel) -> str:
    """`Inception`, `Breaking Bad S01E01 Pilot`, `Breaking Bad S02`, a person's name."""
    from traktkit.models import Episode, Movie, Person, Season, Show

    show: Show | None = getattr(item, "show", None)
    media = getattr(item, "media", None) or getattr(item, "item", None) or item
    if isinstance(media, Episode):
        code = f"S{(media.season or 0):02d}E{(media.number or 0):02d}"
        name = f" {media.title}" if media.title else ""
        return f"{show.title if show else '?'} {code}{name}"
    if isinstance(media, Season):
        return f"{show.title if show else '?'} S{(media.number or 0):02d}"
    if isinstance(media, Person):
        return media.name or ""
    if isinstance(media, Movie | Show):
        return media.title or ""
    label = getattr(media, "name", None) or getattr(media, "title", None)
    return str(label or "")


def year_of(item: TraktModel) -> int | None:
    from traktkit.models import Movie, Show

    media = getattr(item, "media", None) or item
    if isinstance(media, Movie | Show):
        return media.year
    show: Show | None = getattr(item, "show", None)
    return show.year if show else None


def ids_of(item: TraktModel) -> Ids:
    from traktkit.models import Ids

    media = getattr(item, "media", None) or getattr(item, "item", None) or item
    ids = getattr(media, "ids", None)
    return ids if isinstance(ids, Ids) else Ids()


def id_cell(ids: Ids) -> str:
    """The most useful id for a human: imdb, else trakt, else any other id."""
    if ids.imdb:
        return ids.imdb
    if ids.trakt:
        return f"trakt:{ids.trakt}"
    return next((f"{k}:{v}" for k, v in ids.known().items()), "")
