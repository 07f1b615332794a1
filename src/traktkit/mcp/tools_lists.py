"""List tools: watchlist_list, history_list, ratings_list, collection_list.

They read through the library's `Trakt.library()`: the local mirror answers when a sync
completed less than `TRAKTKIT_MIRROR_MAX_AGE` seconds ago (and no write failed since),
else Trakt does; `source` says which. What the mirror cannot answer (one item's plays,
watchlist orders other than rank/added/title/released) always goes to Trakt."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, TypeVar

from mcp.server import MCPServer
from pydantic import Field

from traktkit.api.validate import (
    SortHow,
    WatchlistSort,
    parse_since,
    validate_list_type,
    validate_range,
)
from traktkit.local import LibraryReader
from traktkit.mcp.common import READ, LimitField
from traktkit.mcp.errors import tool_errors
from traktkit.mcp.inputs import ITEM_DESCRIPTION, ItemArg, item_input
from traktkit.mcp.outputs import (
    CollectionList,
    HistoryList,
    RatingsList,
    WatchlistList,
    collection_entry,
    history_entry,
    rating_entry,
    stamp,
    watchlist_entry,
)
from traktkit.mcp.state import ServerState

__all__ = ["MIRROR_SORTS", "register"]

logger = logging.getLogger("traktkit.mcp")

T = TypeVar("T")

ListKind = Literal["all", "movies", "shows", "seasons", "episodes"]
TypeField = Annotated[ListKind, Field(description="all, movies, shows, seasons or episodes.")]
MIRROR_SORTS = ("rank", "added", "title", "released")
"""Watchlist orders the mirror can answer; the others are asked of Trakt."""


def _read(
    state: ServerState,
    question: str,
    limit: int,
    read: Callable[[LibraryReader, int], Sequence[T]],
    live: bool,
) -> tuple[list[T], dict[str, Any]]:
    """Up to `limit` entries (one more is read to tell whether more exist) from the
    library's reader, and the list's metadata (`source`, `count`, `more`)."""
    reader = state.trakt().library(live=live)
    source = reader.source_of(question)
    found = list(read(reader, limit + 1))
    synced = stamp(reader.synced_at()) if source == "mirror" else None
    entries = found[:limit]
    meta = {
        "source": source if source == "mirror" else "trakt",
        "mirror_synced_at": synced,
        "count": len(entries),
        "more": len(found) > limit,
    }
    return entries, meta


def register(server: MCPServer, state: ServerState) -> None:
    @server.tool(
        name="watchlist_list",
        description=(
            "The user's watchlist (movies, shows, seasons, episodes they want to watch), "
            "by rank unless sorted. Needs a login unless the local mirror is fresh."
        ),
        annotations=READ,
        structured_output=True,
    )
    def watchlist_list(
        type: TypeField = "all",
        sort: Annotated[
            WatchlistSort | None, Field(description="Order: rank (default), added, title, ...")
        ] = None,
        sort_how: Annotated[SortHow | None, Field(description="asc (default) or desc.")] = None,
        limit: LimitField = 100,
    ) -> WatchlistList:
        with tool_errors(state.secrets):
            kind = validate_list_type(type, option="type")
            how = sort_how or ("asc" if sort else None)
            items, meta = _read(
                state,
                "watchlist",
                limit,
                lambda r, n: r.watchlist(kind, sort_by=sort, sort_how=how, limit=n),
                live=sort is not None and sort not in MIRROR_SORTS,
            )
            return WatchlistList(items=[watchlist_entry(i) for i in items], **meta)

    @server.tool(
        name="history_list",
        description=(
            "What the user watched (plays), newest first: all of it, one type, one item "
            "(a show gives its episodes), or a time window. Each play has a history_id."
        ),
        annotations=READ,
        structured_output=True,
    )
    def history_list(
        type: TypeField = "all",
        item: Annotated[
            ItemArg | None, Field(description="Only the plays of this item. " + ITEM_DESCRIPTION)
        ] = None,
        since: Annotated[
            str | None,
            Field(
                description="From: 2024-01-01, 2024-01-01T20:00Z, 7d, 2w, today, yesterday.",
                examples=["7d", "2024-01-01"],
            ),
        ] = None,
        until: Annotated[
            str | None, Field(description="Up to (same forms as since).", examples=["today"])
        ] = None,
        limit: LimitField = 25,
    ) -> HistoryList:
        with tool_errors(state.secrets):
            kind = validate_list_type(type, option="type")
            start = parse_since(since, option="since") if since is not None else None
            end = parse_since(until, option="until") if until is not None else None
            validate_range(start, end, options=("since", "until"))
            if item is not None:  # the mirror has no item filter: ask Trakt
                ref = item_input(item)
                items, meta = _read(
                    state,
                    "history",
                    limit,
                    lambda _r, n: state.trakt().history.list(
                        item=ref, since=start, until=end, limit=n
                    ),
                    live=True,
                )
            else:
                items, meta = _read(
                    state,
                    "history",
                    limit,
                    lambda r, n: r.history(kind, since=start, until=end, limit=n),
                    live=False,
                )
            return HistoryList(items=[history_entry(p) for p in items], **meta)

    @server.tool(
        name="ratings_list",
        description="The user's ratings (1-10), newest first, optionally of some values only.",
        annotations=READ,
        structured_output=True,
    )
    def ratings_list(
        type: TypeField = "all",
        ratings: Annotated[
            list[Annotated[int, Field(ge=1, le=10)]] | None,
            Field(description="Only these values, e.g. [9, 10].", examples=[[9, 10]]),
        ] = None,
        limit: LimitField = 100,
    ) -> RatingsList:
        with tool_errors(state.secrets):
            kind = validate_list_type(type, option="type")
            wanted = sorted(set(ratings or []))
            items, meta = _read(
                state,
                "ratings",
                limit,
                lambda r, n: r.ratings(kind, ratings=wanted, limit=n),
                live=False,
            )
            return RatingsList(items=[rating_entry(i) for i in items], **meta)

    @server.tool(
        name="collection_list",
        description=(
            "The user's collection (what they own: disc, digital), with media metadata "
            "such as resolution and audio; movies first, newest first."
        ),
        annotations=READ,
        structured_output=True,
    )
    def collection_list(
        type: Annotated[
            Literal["all", "movies", "shows"], Field(description="all, movies or shows.")
        ] = "all",
        limit: LimitField = 100,
    ) -> CollectionList:
        with tool_errors(state.secrets):
            items, meta = _read(
                state, "collection", limit, lambda r, n: r.collection(type, limit=n), live=False
            )
            return CollectionList(items=[collection_entry(i) for i in items], **meta)
