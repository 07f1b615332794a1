"""Search: text queries, id lookups, and resolving an ITEM to one object with ids."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from traktkit.api.items import ItemRef, ItemSpec, parse_item
from traktkit.api.resolve import ResolvedItem, SearchQuery, resolve, resolve_spec
from traktkit.http.client import HttpClient
from traktkit.http.errors import NotFound
from traktkit.models import SearchResult

SEARCH_TYPES = ("movie", "show", "episode", "person", "list")
# Characters the search engine treats as syntax (REFERENCE §9.1); escaped with a backslash.
_SPECIAL = re.compile(r'(&&|\|\||[+\-!(){}\[\]^"~*?:/\\])')


def escape_query(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _results(data: Any) -> list[SearchResult]:
    return [SearchResult.model_validate(item) for item in data or []]


class SearchApi:
    """`GET /search/...` plus the title-to-ids resolution every write relies on."""

    def __init__(self, http: HttpClient) -> None:
        self._http = http

    def text(
        self,
        query: str,
        *,
        types: Sequence[str] = ("movie", "show"),
        year: int | None = None,
        limit: int = 10,
        full: bool = False,
    ) -> list[SearchResult]:
        """Text search, best match first; `year` filters on the release year."""
        params: dict[str, Any] = {"query": escape_query(query), "limit": limit, "page": 1}
        if year is not None:
            params["years"] = year
        if full:
            params["extended"] = "full"
        data = self._http.get(f"/search/{','.join(types)}", params=params).data
        return _results(data)

    def lookup(
        self, id_type: str, value: str, *, type: str | None = None, full: bool = False
    ) -> list[SearchResult]:
        """Id lookup (`trakt`, `imdb`, `tmdb`, `tvdb`, or a `slug` of a movie/show)."""
        if id_type == "slug":
            return self._by_slug(value, ("movie", "show") if type is None else (type,), full)
        params: dict[str, Any] = {}
        if type:
            params["type"] = type
        if full:
            params["extended"] = "full"
        return _results(self._http.get(f"/search/{id_type}/{value}", params=params).data)

    def _by_slug(self, slug: str, types: Sequence[str], full: bool) -> list[SearchResult]:
        found = []
        for kind in types:
            if kind not in ("movie", "show"):
                continue
            try:
                data = self._http.get(
                    f"/{kind}s/{slug}", params={"extended": "full"} if full else None
                ).data
            except NotFound:
                continue
            found.append(SearchResult.model_validate({"type": kind, "score": None, kind: data}))
        return found

    def __call__(self, query: SearchQuery) -> list[SearchResult]:
        """The `Search` callable `resolve()` uses."""
        if query.id_type is not None and query.id is not None:
            types = query.types
            return self.lookup(query.id_type, query.id, type=types[0] if len(types) == 1 else None)
        return self.text(query.text or "", types=query.types, limit=20)

    def resolve(self, item: str | ItemRef | ItemSpec, **options: Any) -> ResolvedItem:
        """One object with ids for an ITEM, or ItemNotFound / AmbiguousItem."""
        if isinstance(item, ItemSpec):
            return resolve_spec(item, self)
        ref = item if isinstance(item, ItemRef) else parse_item(item, **options)
        return resolve(ref, self)
