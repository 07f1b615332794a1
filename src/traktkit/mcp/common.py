"""Pieces shared by the tool modules: the hint sets, shared argument types, the login
check."""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.types import ToolAnnotations
from pydantic import Field

from traktkit.client import Trakt

__all__ = [
    "ADDITIVE_WRITE",
    "APPEND_WRITE",
    "LOCAL_READ",
    "OVERWRITING_WRITE",
    "READ",
    "REMOVING_WRITE",
    "LimitField",
    "MediaKind",
    "hints",
    "require_login",
]


def hints(
    *, read_only: bool, destructive: bool, idempotent: bool, open_world: bool = True
) -> ToolAnnotations:
    return ToolAnnotations(
        readOnlyHint=read_only,
        destructiveHint=destructive,
        idempotentHint=idempotent,
        openWorldHint=open_world,
    )


READ = hints(read_only=True, destructive=False, idempotent=True)
"""Reads Trakt (or the fresh local mirror); changes nothing."""
LOCAL_READ = hints(read_only=True, destructive=False, idempotent=True, open_world=False)
"""Reads the local mirror only."""
ADDITIVE_WRITE = hints(read_only=False, destructive=False, idempotent=True)
"""Adds; adding again changes nothing (watchlist add)."""
APPEND_WRITE = hints(read_only=False, destructive=False, idempotent=False)
"""Adds a new record on every call (a play in the history; a login attempt)."""
OVERWRITING_WRITE = hints(read_only=False, destructive=True, idempotent=True)
"""Replaces existing values (a rating, collection metadata)."""
REMOVING_WRITE = hints(read_only=False, destructive=True, idempotent=True)
"""Removes entries."""

MediaKind = Literal["movies", "shows"]
LimitField = Annotated[int, Field(ge=1, le=1000, description="At most this many entries.")]


def require_login(trakt: Trakt) -> None:
    """Fail before any search or request when the call could not succeed anyway."""
    trakt.require_login("no Trakt login is stored")
