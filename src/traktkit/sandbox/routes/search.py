"""Search routes (REFERENCE §9): text query and id lookup."""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.filters import parse_years
from traktkit.sandbox.pagination import SEARCH
from traktkit.sandbox.render import episode_json, list_json, movie_json, person_json, show_json
from traktkit.sandbox.routing import Ctx, Listing, route
from traktkit.sandbox.scoring import normalize, text_score, title_score
from traktkit.sandbox.state import SandboxState

SEARCH_TYPES = ("movie", "show", "episode", "person", "list")
ID_TYPES = ("trakt", "imdb", "tmdb", "tvdb")


def parse_types(raw: str | None, default: tuple[str, ...] = SEARCH_TYPES) -> tuple[str, ...]:
    if raw is None or raw == "":
        return default
    kinds = tuple(k.strip() for k in raw.split(",") if k.strip())
    bad = [k for k in kinds if k not in SEARCH_TYPES]
    if bad or not kinds:
        raise ApiError(
            400, "invalid_type", f"type must be a comma list of {', '.join(SEARCH_TYPES)}"
        )
    return kinds


def result_json(state: SandboxState, kind: str, trakt: int, score: float | None, full: bool) -> Any:
    cat = state.catalogue
    out: dict[str, Any] = {"type": kind, "score": score}
    if kind == "movie":
        out["movie"] = movie_json(cat.movies[trakt], full=full)
    elif kind == "show":
        out["show"] = show_json(cat.shows[trakt], full=full, now=state.now())
    elif kind == "episode":
        show, ep = cat.episodes[trakt]
        out["episode"] = episode_json(ep, full=full)
        out["show"] = show_json(show, full=full, now=state.now())
    elif kind == "person":
        out["person"] = person_json(cat.people[trakt], full=full)
    return out


def _list_hits(state: SandboxState, query: str, trakt: int | None = None) -> list[Any]:
    q = normalize(query)
    words = q.split()
    hits: list[tuple[float, Any]] = []
    for user in state.users.values():
        if user.private:
            continue
        for plist in user.library.lists:
            if plist.privacy != "public":
                continue
            if trakt is not None:
                score: float | None = None if plist.trakt == trakt else -1.0
            else:
                score = max(
                    title_score(q, words, normalize(plist.name)),
                    text_score(words, normalize(plist.description or "")),
                )
            if score is None or score > 0:
                hits.append(
                    (score or 0.0, {"type": "list", "score": score, "list": list_json(user, plist)})
                )
    hits.sort(key=lambda pair: -pair[0])
    return [hit for _, hit in hits]


@route("GET", "/search/{type}", page=SEARCH)
def text_search(ctx: Ctx) -> Any:
    kinds = parse_types(ctx.params["type"])
    query = ctx.q("query")
    if query is None or not query.strip():
        raise ApiError(400, "invalid_parameter", "query is required")
    fields_raw = ctx.q("fields")
    fields = frozenset(f.strip() for f in fields_raw.split(",")) if fields_raw else None
    genres_raw = ctx.q("genres")
    genres = frozenset(g.strip() for g in genres_raw.split(",")) if genres_raw else None
    state, full = ctx.state, ctx.full
    hits = state.search_index().search(
        query, kinds, fields=fields, years=parse_years(ctx.q("years")), genres=genres
    )
    results: list[Any] = [(score, entry) for score, entry in hits]
    if "list" in kinds:
        results.extend((hit["score"], hit) for hit in _list_hits(state, query))
        results.sort(key=lambda pair: -float(pair[0]))

    def render(pair: Any) -> Any:
        score, entry = pair
        if isinstance(entry, dict):
            return entry
        return result_json(state, entry.kind, entry.trakt, score, full)

    return Listing(results, render)


@route("GET", "/search/{id_type}/{id}", page=SEARCH)
def id_lookup(ctx: Ctx) -> Any:
    id_type, ident = ctx.params["id_type"], ctx.params["id"]
    if id_type not in ID_TYPES:
        raise ApiError(400, "invalid_id_type", f"id_type must be one of {', '.join(ID_TYPES)}")
    kinds = parse_types(ctx.q("type"))
    state = ctx.state
    out: list[Any] = []
    for kind in kinds:
        if kind == "list":
            if id_type == "trakt" and ident.isdigit():
                out.extend(_list_hits(state, "", int(ident)))
            continue
        trakt = state.catalogue.by_id(kind, id_type, ident)
        if trakt is not None:
            out.append(result_json(state, kind, trakt, None, ctx.full))
    return Listing(out)
