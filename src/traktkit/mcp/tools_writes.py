"""Write tools: watchlist_add, watchlist_remove, mark_watched, rate, collection_add.

Each takes many items at once, resolves every one to ids before anything is sent (an
ambiguous title fails the whole call with the candidates listed, nothing written), sends
them in batches paced at Trakt's write limit and reports each item's outcome. The
library keeps the local mirror in step with every write (`Trakt.local`)."""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server import MCPServer
from pydantic import Field

from traktkit.api.validate import (
    AUDIO,
    AUDIO_CHANNELS,
    HDR,
    MEDIA_TYPES,
    NOTES_MAX,
    RESOLUTIONS,
    parse_when,
    validate_metadata,
)
from traktkit.mcp.common import (
    ADDITIVE_WRITE,
    APPEND_WRITE,
    OVERWRITING_WRITE,
    REMOVING_WRITE,
    require_login,
)
from traktkit.mcp.errors import tool_errors
from traktkit.mcp.inputs import ItemsField, item_inputs
from traktkit.mcp.outputs import WriteResult, write_result
from traktkit.mcp.state import ServerState

__all__ = ["register"]


def _choice(allowed: tuple[str, ...], what: str) -> Any:
    return Field(
        description=f"{what}: one of {', '.join(allowed)}.",
        json_schema_extra={"enum": [*allowed, None]},
    )


def register(server: MCPServer, state: ServerState) -> None:
    @server.tool(
        name="watchlist_add",
        description=(
            "Add movies, shows, seasons or episodes to the user's watchlist (many at once). "
            "Items already there are reported as existing. A free account has a watchlist "
            "limit (the error then names it and the VIP upgrade URL)."
        ),
        annotations=ADDITIVE_WRITE,
        structured_output=True,
    )
    def watchlist_add(
        items: ItemsField,
        notes: Annotated[
            str | None,
            Field(max_length=NOTES_MAX, description="A note on every item (Trakt VIP only)."),
        ] = None,
    ) -> WriteResult:
        with tool_errors(state.secrets):
            trakt = state.trakt()
            refs = item_inputs(items)
            require_login(trakt)
            report = trakt.watchlist.add(refs, notes=notes)
            return write_result("watchlist_add", report)

    @server.tool(
        name="watchlist_remove",
        description="Remove items from the user's watchlist (many at once).",
        annotations=REMOVING_WRITE,
        structured_output=True,
    )
    def watchlist_remove(items: ItemsField) -> WriteResult:
        with tool_errors(state.secrets):
            trakt = state.trakt()
            refs = item_inputs(items)
            require_login(trakt)
            report = trakt.watchlist.remove(refs)
            return write_result("watchlist_remove", report)

    @server.tool(
        name="mark_watched",
        description=(
            "Mark movies, shows, seasons or episodes as watched: adds a play to the user's "
            "history for each (a show or season adds all its episodes) and takes them off "
            "the watchlist. Every call adds new plays, so do not repeat a call that "
            "succeeded; check history_list when unsure."
        ),
        annotations=APPEND_WRITE,
        structured_output=True,
    )
    def mark_watched(
        items: ItemsField,
        watched_at: Annotated[
            str,
            Field(
                description=(
                    "When: now (default), released (the release date), unknown, or a UTC "
                    "date/time such as 2024-01-15T20:00Z or 2024-01-15."
                ),
                examples=["now", "2024-01-15T20:00Z", "released"],
            ),
        ] = "now",
    ) -> WriteResult:
        with tool_errors(state.secrets):
            when = parse_when(watched_at, option="watched_at", allow_unknown=True)
            trakt = state.trakt()
            refs = item_inputs(items)
            require_login(trakt)
            report = trakt.history.add(refs, watched_at=when)
            return write_result("mark_watched", report)

    @server.tool(
        name="rate",
        description=(
            "Rate movies, shows, seasons or episodes from 1 to 10 (10/10 = 10). A new "
            "rating replaces the previous one."
        ),
        annotations=OVERWRITING_WRITE,
        structured_output=True,
    )
    def rate(
        items: ItemsField,
        rating: Annotated[int, Field(ge=1, le=10, description="1 (worst) to 10 (best).")],
    ) -> WriteResult:
        with tool_errors(state.secrets):
            trakt = state.trakt()
            refs = item_inputs(items)
            require_login(trakt)
            report = trakt.ratings.add(refs, rating)
            return write_result("rate", report)

    @server.tool(
        name="collection_add",
        description=(
            "Add items the user owns to their collection, with optional media metadata. "
            "Adding an item that is already collected replaces its metadata."
        ),
        annotations=OVERWRITING_WRITE,
        structured_output=True,
    )
    def collection_add(
        items: ItemsField,
        media_type: Annotated[str | None, _choice(MEDIA_TYPES, "Media")] = None,
        resolution: Annotated[str | None, _choice(RESOLUTIONS, "Resolution")] = None,
        hdr: Annotated[str | None, _choice(HDR, "HDR format")] = None,
        audio: Annotated[str | None, _choice(AUDIO, "Audio codec")] = None,
        audio_channels: Annotated[str | None, _choice(AUDIO_CHANNELS, "Audio channels")] = None,
        three_d: Annotated[bool | None, Field(description="True for a 3D copy.")] = None,
        collected_at: Annotated[
            str | None,
            Field(description="When: now (default), released, or a UTC date/time."),
        ] = None,
    ) -> WriteResult:
        with tool_errors(state.secrets):
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
            when = parse_when(collected_at, option="collected_at") if collected_at else None
            trakt = state.trakt()
            refs = item_inputs(items)
            require_login(trakt)
            report = trakt.collection.add(refs, metadata=metadata, collected_at=when)
            return write_result("collection_add", report)
