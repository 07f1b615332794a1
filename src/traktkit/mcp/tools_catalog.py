"""Catalogue tools: search, item_details, trending, popular, recommendations."""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server import MCPServer
from pydantic import Field

from traktkit.api.items import parse_item
from traktkit.mcp.common import READ, MediaKind
from traktkit.mcp.errors import tool_errors
from traktkit.mcp.inputs import ItemField, item_input
from traktkit.mcp.outputs import (
    DiscoverEntry,
    DiscoverList,
    ItemDetails,
    SearchHit,
    SearchResults,
    item_details,
    media_ref,
    wrapper_ref,
)
from traktkit.mcp.state import ServerState

__all__ = ["register"]

KindField = Annotated[MediaKind, Field(description="movies or shows.")]
DiscoverLimit = Annotated[int, Field(ge=1, le=100, description="How many (1-100).")]


def register(server: MCPServer, state: ServerState) -> None:
    @server.tool(
        name="search",
        description=(
            "Search Trakt for movies, shows or episodes by title, or look one up by id "
            "(tt…, tmdb:…, tvdb:…, trakt:…). Returns candidates with type, year and ids, "
            "best first: use it to tell titles apart (e.g. Dune 1984 vs 2021) and pass the "
            "chosen item (or its ids) to the other tools."
        ),
        annotations=READ,
        structured_output=True,
    )
    def search(
        query: Annotated[
            str,
            Field(
                min_length=1,
                max_length=500,
                description="Words to search for, or an id such as tt1375666 or tmdb:27205.",
                examples=["Dune", "Breaking Bad", "tt1375666"],
            ),
        ],
        type: Annotated[
            Literal["movie", "show", "episode"] | None,
            Field(description="Only this kind (default: movies and shows)."),
        ] = None,
        year: Annotated[
            int | None, Field(ge=1870, le=2100, description="Only titles from this year.")
        ] = None,
        limit: Annotated[int, Field(ge=1, le=50, description="How many results (1-50).")] = 10,
    ) -> SearchResults:
        with tool_errors(state.secrets):
            ref = parse_item(query, year=year)
            trakt = state.trakt()
            if ref.id_type is not None and ref.id is not None and not ref.bare_slug:
                results = trakt.search.lookup(ref.id_type, ref.id, type=type)
            else:
                types = [type] if type else ["movie", "show"]
                text = ref.title or query
                results = trakt.search.text(text, types=types, year=ref.year, limit=limit)
            hits = [
                SearchHit(score=r.score, item=wrapper_ref(r))
                for r in results[:limit]
                if r.type in ("movie", "show", "episode")
            ]
            return SearchResults(query=query, results=hits)

    @server.tool(
        name="item_details",
        description=(
            "Full details of one movie, show, season or episode: overview, release date, "
            "runtime, genres, rating, status, network, and its ids."
        ),
        annotations=READ,
        structured_output=True,
    )
    def details(item: ItemField) -> ItemDetails:
        with tool_errors(state.secrets):
            info = state.trakt().media.info(item_input(item))
            return item_details(info.type, info.media, info.show)

    def discover_list(name: str, kind: str, entries: list[DiscoverEntry]) -> DiscoverList:
        return DiscoverList(name=name, type=kind, items=entries)

    @server.tool(
        name="trending",
        description="Movies or shows being watched on Trakt right now, most watchers first.",
        annotations=READ,
        structured_output=True,
    )
    def trending(type: KindField = "movies", limit: DiscoverLimit = 10) -> DiscoverList:
        with tool_errors(state.secrets):
            found = state.trakt().discover.trending(type, limit=limit)
            entries = [
                DiscoverEntry(rank=n, item=wrapper_ref(t), watchers=t.watchers)
                for n, t in enumerate(found, 1)
            ]
            return discover_list("trending", type, entries)

    @server.tool(
        name="popular",
        description="The most popular movies or shows on Trakt (all time).",
        annotations=READ,
        structured_output=True,
    )
    def popular(type: KindField = "movies", limit: DiscoverLimit = 10) -> DiscoverList:
        with tool_errors(state.secrets):
            found = state.trakt().discover.popular(type, limit=limit)
            entries = [
                DiscoverEntry(rank=n, item=media_ref(None, m)) for n, m in enumerate(found, 1)
            ]
            return discover_list("popular", type, entries)

    @server.tool(
        name="recommendations",
        description=(
            "Personal movie or show recommendations for the logged-in user (leaves out "
            "what they watched). Needs a login."
        ),
        annotations=READ,
        structured_output=True,
    )
    def recommendations(
        type: KindField = "movies",
        limit: DiscoverLimit = 10,
        ignore_collected: Annotated[
            bool, Field(description="Leave out what the user collected.")
        ] = False,
        ignore_watchlisted: Annotated[
            bool, Field(description="Leave out what is on the user's watchlist.")
        ] = False,
    ) -> DiscoverList:
        with tool_errors(state.secrets):
            found = state.trakt().recommendations.get(
                type,
                ignore_collected=ignore_collected,
                ignore_watchlisted=ignore_watchlisted,
                limit=limit,
            )
            entries = [
                DiscoverEntry(rank=n, item=media_ref(None, m)) for n, m in enumerate(found, 1)
            ]
            return discover_list("recommendations", type, entries)
