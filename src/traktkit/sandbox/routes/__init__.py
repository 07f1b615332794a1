"""API route modules. Each declares its routes with `@route`; `ROUTE_MODULES` lists them."""

from __future__ import annotations

import types

from traktkit.sandbox.routes import (
    catalogue,
    discovery,
    hidden,
    list_items,
    lists,
    oauth,
    recommendations,
    scrobble,
    search,
    sync_collection,
    sync_favorites,
    sync_history,
    sync_playback,
    sync_ratings,
    sync_watched,
    sync_watchlist,
    users,
)

ROUTE_MODULES: tuple[types.ModuleType, ...] = (
    oauth,
    users,
    catalogue,
    search,
    discovery,
    recommendations,
    hidden,
    sync_watchlist,
    sync_history,
    sync_collection,
    sync_ratings,
    sync_watched,
    sync_favorites,
    sync_playback,
    scrobble,
    lists,
    list_items,
)
