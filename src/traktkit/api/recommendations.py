"""Personal recommendations (REFERENCE §11): `GET /recommendations/{movies|shows}` with
`ignore_collected`, `ignore_watchlisted` and `limit` (1..100), and hiding one."""

from __future__ import annotations

from typing import Final

from traktkit.api.discovery import media_kind
from traktkit.api.errors import InvalidInput
from traktkit.api.listing import path_id
from traktkit.api.resolve import ResolvedItem
from traktkit.api.validate import validate_recommendation_limit
from traktkit.api.writes import ItemInput, SyncWriter, WriteHooks
from traktkit.http.client import HttpClient
from traktkit.models import Movie, Show

__all__ = ["RecommendationsApi"]

_SECTION: Final = {"movie": "movies", "show": "shows"}


class RecommendationsApi:
    def __init__(self, http: HttpClient, writer: SyncWriter) -> None:
        self._http = http
        self._writer = writer

    def get(
        self,
        type: str,
        *,
        ignore_collected: bool = False,
        ignore_watchlisted: bool = False,
        limit: int = 10,
    ) -> list[Movie | Show]:
        """Recommended movies or shows for the logged-in user (best first)."""
        kind = media_kind(type)
        size = validate_recommendation_limit(limit)
        params = {
            "ignore_collected": ignore_collected,
            "ignore_watchlisted": ignore_watchlisted,
            "limit": size,
        }
        data = self._http.get(f"/recommendations/{kind}", params=params, auth="required").data
        build = Movie.model_validate if kind == "movies" else Show.model_validate
        return [build(x) for x in list(data or [])[:size]]

    def hide(self, item: ItemInput, *, hooks: WriteHooks | None = None) -> ResolvedItem:
        """`DELETE /recommendations/{movies|shows}/{id}`: never recommend this again."""
        resolved = self._writer.resolve_one(item, hooks, direct=False)
        section = _SECTION.get(resolved.type)
        if section is None:
            raise InvalidInput(
                f"only movies and shows can be hidden, not {resolved.label} ({resolved.type})"
            )
        ident = path_id(resolved.ids, resolved.label)
        self._http.delete(f"/recommendations/{section}/{ident}")
        return resolved
