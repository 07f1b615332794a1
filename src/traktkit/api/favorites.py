"""Favorites: `GET /sync/favorites[/{type}[/{sort_by}/{sort_how}]]`, add, remove and
reorder (REFERENCE §8.9). Only movies and shows can be favorites; adds are idempotent
(an item already there counts as `existing`); `notes` are kept for every user; the cap
(50) is the same for free and VIP users (420 beyond it, never retried)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from traktkit.api.errors import InvalidInput
from traktkit.api.listitems import ListItemsApi
from traktkit.api.lists import reorder_ranked
from traktkit.api.validate import validate_choice
from traktkit.api.writes import WriteHooks, WriteItem, WriteReport, with_fields
from traktkit.models import ReorderResult

__all__ = ["FAVORITE_TYPES", "FavoritesApi"]

FAVORITE_TYPES: Final = ("movies", "shows", "all")
_SINGULAR: Final = {"movie": "movies", "show": "shows"}


class FavoritesApi(ListItemsApi):
    """The user's favorite movies and shows (see `ListItemsApi`), plus reorder."""

    path = "/sync/favorites"

    def _list_type(self, value: str) -> str:
        text = value.strip().lower() if isinstance(value, str) else value
        return validate_choice(_SINGULAR.get(text, text), FAVORITE_TYPES, option="--type")

    def _check(self, items: Sequence[WriteItem]) -> None:
        for entry in items:
            if entry.item.type not in ("movie", "show"):
                raise InvalidInput(
                    f"{entry.item.label} is a {entry.item.type}: "
                    "only movies and shows can be favorites"
                )

    def add_prepared(
        self, items: Sequence[WriteItem], *, hooks: WriteHooks | None = None
    ) -> WriteReport:
        """`POST /sync/favorites` for items already resolved, each with its own `notes`."""
        return self._write(self.path, with_fields(items, {}, ("notes",)), hooks)

    def reorder(self, ids: Sequence[int]) -> ReorderResult:
        """`POST /sync/favorites/reorder`: these list-item ids first, in this order."""
        return reorder_ranked(self._http, "/sync/favorites/reorder", ids)
