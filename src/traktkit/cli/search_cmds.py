"""`trakt search`: text search, or id lookup for tt…/tmdb:…/tvdb:…/trakt:… forms."""

from __future__ import annotations

import typer

from traktkit.cli.context import open_trakt
from traktkit.cli.errors import handle_errors
from traktkit.cli.output import Output
from traktkit.cli.render import id_cell, ids_of, title_of, year_of


@handle_errors
def search(
    query: list[str] = typer.Argument(
        ..., help="Words to search for, or an id: tt0903747, tmdb:27205."
    ),
    type: str = typer.Option(
        None, "--type", "-t", help="movie, show, episode, person or list (comma-separated)."
    ),
    year: int = typer.Option(None, "--year", "-y", help="Only titles from this year."),
    limit: int = typer.Option(10, "--limit", "-n", help="How many results (1-250)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON on stdout."),
) -> None:
    """Search Trakt for movies, shows, episodes, people or lists."""
    from traktkit.api.errors import InvalidInput
    from traktkit.api.items import parse_item
    from traktkit.api.search import SEARCH_TYPES
    from traktkit.api.validate import validate_discovery_limit

    out = Output(as_json)
    text = " ".join(query).strip()
    types = [t.strip() for t in (type or "movie,show").split(",") if t.strip()]
    unknown = [t for t in types if t not in SEARCH_TYPES]
    if unknown:
        raise InvalidInput(f"--type must be one of {', '.join(SEARCH_TYPES)}, not {unknown[0]!r}")
    validate_discovery_limit(limit)
    ref = parse_item(text, year=year)
    with open_trakt(out) as trakt:
        if ref.id_type is not None and not ref.bare_slug and ref.id is not None:
            results = trakt.search.lookup(
                ref.id_type, ref.id, type=types[0] if type and len(types) == 1 else None
            )
        else:
            results = trakt.search.text(ref.title or text, types=types, year=ref.year, limit=limit)
    results = results[:limit]
    if as_json:
        out.json([r.to_api() for r in results])
        return
    out.table(
        ["type", "title", "year", "id", "slug", "score"],
        (
            (
                r.type,
                title_of(r),
                year_of(r) or "",
                id_cell(ids_of(r)),
                ids_of(r).slug or "",
                f"{r.score:.1f}" if r.score is not None else "",
            )
            for r in results
        ),
        empty=(
            f"No results for {text!r}."
            + ("" if type else " (searched movies and shows; try --type person,episode,list)")
        ),
    )


def register(app: typer.Typer) -> None:
    app.command()(search)
