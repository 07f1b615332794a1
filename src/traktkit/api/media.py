"""Item details with `extended=full` (REFERENCE §7.2, §10): a movie, a show, a season or
an episode, after resolving the ITEM."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from traktkit.api.errors import ItemNotFound
from traktkit.api.items import ItemType
from traktkit.api.listing import path_id
from traktkit.api.resolve import ResolvedItem
from traktkit.api.writes import ItemInput, SyncWriter
from traktkit.http.client import HttpClient
from traktkit.models import Episode, Movie, Season, Show

__all__ = ["ItemInfo", "MediaApi"]


@dataclass(frozen=True)
class ItemInfo:
    """Full details of one item; `show` is set for seasons and episodes."""

    type: ItemType
    media: Movie | Show | Season | Episode
    show: Show | None = None

    def to_dict(self) -> dict[str, Any]:
        """The Trakt wrapper shape: `{"type":"episode","show":{…},"episode":{…}}`."""
        out: dict[str, Any] = {"type": self.type}
        if self.show is not None:
            out["show"] = self.show.to_api()
        out[self.type] = self.media.to_api()
        return out


class MediaApi:
    def __init__(self, http: HttpClient, writer: SyncWriter) -> None:
        self._http = http
        self._writer = writer

    def _full(self, path: str) -> Any:
        return self._http.get(path, params={"extended": "full"}).data

    def info(self, item: ItemInput) -> ItemInfo:
        """Resolve `item` and fetch it with `extended=full`."""
        resolved = self._writer.resolve_one(item, direct=False)
        return self.details(resolved)

    def details(self, item: ResolvedItem) -> ItemInfo:
        """`extended=full` details of an already resolved item."""
        if item.type == "movie":
            movie = Movie.model_validate(self._full(f"/movies/{path_id(item.ids, item.label)}"))
            return ItemInfo("movie", movie)
        if item.type == "show":
            show = Show.model_validate(self._full(f"/shows/{path_id(item.ids, item.label)}"))
            return ItemInfo("show", show)
        show_obj = item.show or Show()
        show_id = path_id(show_obj.ids, item.label)
        full_show = Show.model_validate(self._full(f"/shows/{show_id}"))
        if item.type == "season":
            seasons = self._full(f"/shows/{show_id}/seasons") or []
            for raw in seasons:
                season = Season.model_validate(raw)
                if season.number == item.season:
                    return ItemInfo("season", season, full_show)
            raise ItemNotFound(item.query or item.label, f"{item.label}: no such season")
        path = f"/shows/{show_id}/seasons/{item.season}/episodes/{item.episode}"
        return ItemInfo("episode", Episode.model_validate(self._full(path)), full_show)
