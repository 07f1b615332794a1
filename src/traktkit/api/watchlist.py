"""The watchlist: `GET /sync/watchlist[/{type}[/{sort_by}/{sort_how}]]`, add and remove
(REFERENCE §8.8). Adds are idempotent (an item already there counts as `existing`);
`notes` are VIP only; a free account over its limit gets 420 (`AccountLimitExceeded`,
never retried)."""

from __future__ import annotations

from traktkit.api.listitems import ListItemsApi

__all__ = ["WatchlistApi"]


class WatchlistApi(ListItemsApi):
    """Movies, shows, seasons and episodes the user wants to watch (see `ListItemsApi`)."""

    path = "/sync/watchlist"
