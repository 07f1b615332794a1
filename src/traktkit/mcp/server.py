"""`build_server()`: the traktkit MCP server (built on demand, never at import time).

    from traktkit.mcp.server import build_server
    build_server().run("stdio")            # what `trakt mcp` does

Tools (hints: R read-only, D destructive, I idempotent; all reach Trakt except stats):

| tool | hints | what |
|---|---|---|
| search | R I | candidates with type, year, ids (disambiguation) |
| item_details | R I | full details of one item |
| watchlist_list, history_list, ratings_list, collection_list | R I | the library |
| trending / popular / recommendations | R I | discovery |
| stats | R I, local | statistics from the mirror |
| watchlist_add | I | add many items |
| watchlist_remove | D I | remove many items |
| mark_watched | (appends) | add plays for many items |
| rate | D I | rate many items 1-10 (replaces) |
| collection_add | D I | collect many items (replaces metadata) |
| sync | I | update the local mirror |
| login_start / login_complete | (appends) | device-flow login; the device code stays here |
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from mcp.server import MCPServer

from traktkit._version import __version__
from traktkit.config import Settings
from traktkit.mcp import tools_account, tools_catalog, tools_lists, tools_writes
from traktkit.mcp.state import ServerState, TraktFactory

__all__ = ["INSTRUCTIONS", "SERVER_NAME", "build_server"]

SERVER_NAME = "traktkit"

INSTRUCTIONS = """\
Trakt.tv for the user: their watchlist, watch history, ratings and collection, plus search,
item details, trending, popular and personal recommendations.

- Items are ITEM text ('Dune (2021)', 'Breaking Bad S01E01', 'tt1375666', 'tmdb:27205') or
  objects with ids ({"type": "movie", "ids": {"trakt": 16662}}). Items returned by a tool
  (they carry type and ids) can be passed back to any other tool as they are.
- Prefer ids. When a title matches several items, the tool fails listing the candidates
  with their ids and writes nothing: ask the user which one they mean (or use search),
  then call again with the chosen item's ids.
- Writes take many items at once: put them in one call rather than one call per item.
- mark_watched adds a new play on every call: never repeat a call that succeeded.
- Not logged in: call login_start, show the user the URL and code, then login_complete.
- List tools answer from the local mirror while it is fresh (see `source`); call sync to
  refresh it; stats answers from it only.
"""


def build_server(
    settings: Settings | None = None,
    trakt_factory: TraktFactory | None = None,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> MCPServer:
    """A new server with every tool registered. `settings` default to the environment's
    (read on the first tool call; `settings.mirror_max_age` decides when the local mirror
    answers the list tools); `trakt_factory(settings)` builds the one client the tools
    share (tests pass fast write pacing); `sleep` is used while polling a login."""
    state = ServerState(settings, trakt_factory)

    @asynccontextmanager
    async def lifespan(_server: MCPServer) -> AsyncIterator[None]:
        try:
            yield None
        finally:
            state.close()

    server: MCPServer = MCPServer(
        name=SERVER_NAME,
        title="Trakt (traktkit)",
        instructions=INSTRUCTIONS,
        version=__version__,
        lifespan=lifespan,
        log_level="WARNING",
    )
    tools_catalog.register(server, state)
    tools_lists.register(server, state)
    tools_writes.register(server, state)
    tools_account.register(server, state, sleep=sleep)
    return server
