"""Turning an ITEM into one Trakt object with ids, from search results (no I/O here).

`resolve(ref, search)` asks a `search` callable (supplied by the api layer) for
candidates and picks one with `score_candidates` + `choose`, or raises `ItemNotFound` /
`AmbiguousItem`. The rules (`choose`):

1. Id lookups (`tt…`, `tmdb:…`, slugs, URLs): one object of the wanted type wins; several
   distinct objects (e.g. `tmdb:1396` is both a movie and a show id) are ambiguous:
   add `--type`.
2. Text: a candidate is *plausible* when its normalised title is similar enough
   (`title_similarity >= 0.6`) and, if a year was given, its year is within one year.
3. Exact title (normalised: case, accents, punctuation, leading The/A/An) and exact year
   is decisive when unique; with a year given, a unique exact title one year off wins
   next (release dates differ by country).
4. Without a year, a unique exact title wins (`Inception`); several exact titles are
   ambiguous and listed with the other plausible candidates (`Dune` -> Dune (2021),
   Dune (1984), Dune: Part Two (2024)); `Dune (2021)` or `--year 2021` resolves.
5. Otherwise the best candidate wins if its similarity is at least 0.75 and it beats the
   runner-up by `MARGIN` (10) points, or is the only plausible one; else ambiguous
   (several plausible) or not found (one weak candidate, named in the message).

Score = 100 * title similarity, + 40 (exact year) or + 10 (year +-1) or - 40 (other year),
+ up to 1 point of popularity (votes, else the search score) as a tie breaker.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any, Final, Literal

from pydantic import ValidationError

from traktkit.api.errors import AmbiguousItem, CandidateInfo, InvalidInput, ItemNotFound
from traktkit.api.items import IdType, ItemRef, ItemSpec, ItemType
from traktkit.models import Episode, Ids, Movie, SearchResult, Season, Show

__all__ = [
    "MARGIN",
    "MIN_SIMILARITY",
    "STRONG_SIMILARITY",
    "Candidate",
    "ResolvedItem",
    "Search",
    "SearchQuery",
    "SearchType",
    "SyncSection",
    "choose",
    "normalize_title",
    "numbered_item",
    "resolve",
    "resolve_spec",
    "score_candidates",
    "title_similarity",
]

SearchType = Literal["movie", "show", "episode"]
SyncSection = Literal["movies", "shows", "seasons", "episodes"]

MIN_SIMILARITY: Final = 0.6
STRONG_SIMILARITY: Final = 0.75
MARGIN: Final = 10.0
_AMBIGUOUS_LIMIT: Final = 10


@dataclass(frozen=True)
class SearchQuery:
    """What the `search` callable must look up.

    - id lookup (`id_type` set): `GET /search/{id_type}/{id}?type=…` for trakt, imdb,
      tmdb, tvdb; for `slug`, `GET /movies/{id}` and/or `/shows/{id}` per `types`,
      wrapped as `SearchResult(type=…, movie|show=…)`; a 404 is an empty list.
    - text search: `GET /search/{types}?query=text` (escape the engine's special
      characters). `year` is a hint for scoring; the callable should not filter on it,
      so that a year one off can still match.
    Return results best first; an empty list means nothing found.
    """

    types: tuple[SearchType, ...]
    text: str | None = None
    year: int | None = None
    id_type: IdType | None = None
    id: str | None = None

    @property
    def is_id_lookup(self) -> bool:
        return self.id_type is not None


Search = Callable[[SearchQuery], Sequence[SearchResult]]

# --- scoring ------------------------------------------------------------------------------

_ARTICLES: Final = ("the", "a", "an")


def normalize_title(text: str) -> str:
    """Casefolded, accents and punctuation removed, `&` as `and`, no leading The/A/An."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = t.casefold().replace("&", " and ")
    t = re.sub(r"['\u2019`]", "", t)
    t = re.sub(r"[\W_]+", " ", t)
    words = t.split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def _word_coverage(query_words: list[str], title_words: list[str]) -> float:
    """Mean over query words of the best match among the title's words (0..1)."""
    total = 0.0
    for word in query_words:
        total += max(SequenceMatcher(None, word, other).ratio() for other in title_words)
    return total / len(query_words)


def title_similarity(query: str, title: str) -> float:
    """0..1: 1 for equal normalised titles, else below 1.

    The character-level ratio is scaled by how well the query's words are covered by the
    title's words (a query word missing from the title costs up to half its share); a
    query whose words all occur in the title scores at least 0.6, so `Dune` keeps
    `Dune: Part Two` as a candidate.
    """
    a, b = normalize_title(query), normalize_title(title)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    qw, tw = a.split(), b.split()
    ratio = SequenceMatcher(None, a, b).ratio() * (0.5 + 0.5 * _word_coverage(qw, tw))
    if set(qw) <= set(tw):
        ratio = max(ratio, 0.6 + 0.35 * min(1.0, len(a) / len(b)))
    return min(ratio, 0.99)


@dataclass(frozen=True)
class Candidate:
    """One scored search result."""

    result: SearchResult
    type: SearchType
    title: str
    year: int | None
    ids: Ids
    score: float
    similarity: float
    exact_title: bool
    popularity: float

    @property
    def key(self) -> tuple[str, object]:
        """Identity of the object (type + Trakt id, else its other ids)."""
        return (self.type, self.ids.trakt or tuple(sorted(self.ids.known().items())))

    def info(self) -> CandidateInfo:
        return CandidateInfo(
            title=self.title,
            year=self.year,
            type=self.type,
            ids=self.ids.known(),
            score=self.score,
        )


def _query_types(ref: ItemRef) -> tuple[SearchType, ...]:
    t = ref.lookup_type
    if t == "movie":
        return ("movie",)
    if t == "episode":
        return ("episode",)
    if t in ("show", "season"):
        return ("show",)
    if ref.id_type == "imdb":
        return ("movie", "show", "episode")
    return ("movie", "show")


def _describe_result(result: SearchResult) -> tuple[str, int | None, Ids] | None:
    if result.type == "movie" and result.movie is not None:
        return result.movie.title or "", result.movie.year, result.movie.ids
    if result.type == "show" and result.show is not None:
        return result.show.title or "", result.show.year, result.show.ids
    if result.type == "episode" and result.episode is not None:
        ep = result.episode
        show = result.show.title if result.show and result.show.title else "?"
        label = f"{show} S{ep.season or 0:02d}E{ep.number or 0:02d}"
        if ep.title:
            label += f" {ep.title}"
        year = result.show.year if result.show else None
        return label, year, ep.ids
    return None


def _popularity(result: SearchResult) -> float:
    media = result.media
    votes = getattr(media, "votes", None) if media is not None else None
    if isinstance(votes, int) and votes > 0:
        return float(votes)
    return float(result.score or 0.0) if (result.score or 0) > 0 else 0.0


def score_candidates(ref: ItemRef, results: Sequence[SearchResult]) -> list[Candidate]:
    """Score results of the wanted types, best first (duplicates dropped)."""
    wanted = set(_query_types(ref))
    seen: set[tuple[str, object]] = set()
    out: list[Candidate] = []
    for result in results:
        if result.type not in wanted:
            continue
        described = _describe_result(result)
        if described is None:
            continue
        title, year, ids = described
        if ref.title is None:
            similarity, exact = 1.0, True
        else:
            similarity = title_similarity(ref.title, title)
            exact = similarity == 1.0
        score = 100.0 * similarity
        if ref.year is not None and year is not None:
            delta = abs(year - ref.year)
            score += 40.0 if delta == 0 else 10.0 if delta == 1 else -40.0
        popularity = _popularity(result)
        score += min(1.0, math.log10(1.0 + popularity) / 8.0)
        candidate = Candidate(
            result=result,
            type=result.type,
            title=title,
            year=year,
            ids=ids,
            score=score,
            similarity=similarity,
            exact_title=exact,
            popularity=popularity,
        )
        if candidate.key in seen:
            continue
        seen.add(candidate.key)
        out.append(candidate)
    out.sort(key=lambda c: c.score, reverse=True)
    return out


def _ambiguous(
    ref: ItemRef, first: Sequence[Candidate], rest: Sequence[Candidate]
) -> AmbiguousItem:
    listed: list[Candidate] = list(first)
    listed += [c for c in rest if c not in listed]
    return AmbiguousItem(ref.text, [c.info() for c in listed[:_AMBIGUOUS_LIMIT]])


def _year_ok(ref: ItemRef, c: Candidate) -> bool:
    return ref.year is None or c.year is None or abs(c.year - ref.year) <= 1


def choose(ref: ItemRef, candidates: Sequence[Candidate]) -> Candidate:
    """The clear winner (see the module docstring), else ItemNotFound / AmbiguousItem."""
    if not candidates:
        raise ItemNotFound(ref.text, f"no match for {ref.text!r}")
    if ref.id_type is not None:
        pool = list(candidates)
        if ref.year is not None and len(pool) > 1:
            pool = [c for c in pool if c.year == ref.year] or pool
        if len({c.key for c in pool}) == 1:
            return pool[0]
        raise _ambiguous(ref, pool, [])
    plausible = [c for c in candidates if c.similarity >= MIN_SIMILARITY and _year_ok(ref, c)]
    if not plausible:
        best = candidates[0].info().label
        raise ItemNotFound(ref.text, f"no match for {ref.text!r} (closest: {best})")
    exact = [c for c in plausible if c.exact_title]
    if ref.year is not None:
        for same in (
            [c for c in exact if c.year == ref.year],
            [c for c in exact if c.year is not None and abs(c.year - ref.year) == 1],
            [c for c in exact if c.year is None],
        ):
            if len(same) == 1:
                return same[0]
            if len(same) > 1:
                raise _ambiguous(ref, same, plausible)
    elif len(exact) == 1:
        return exact[0]
    elif len(exact) > 1:
        raise _ambiguous(ref, exact, plausible)
    top = plausible[0]
    if top.similarity >= STRONG_SIMILARITY and (
        len(plausible) == 1 or top.score - plausible[1].score >= MARGIN
    ):
        return top
    if len(plausible) == 1:
        raise ItemNotFound(ref.text, f"no match for {ref.text!r} (closest: {top.info().label})")
    raise _ambiguous(ref, [], plausible)


# --- resolved items -----------------------------------------------------------------------

MediaModel = Movie | Show | Season | Episode
_MEDIA_CLASS: Final[dict[str, type[MediaModel]]] = {
    "movie": Movie,
    "show": Show,
    "season": Season,
    "episode": Episode,
}


@dataclass(frozen=True)
class ResolvedItem:
    """One item ready for a sync payload.

    - `media`: the object itself (`Movie`, `Show`, `Season`, `Episode`). A season or
      episode known only by numbers has a `Season(number=…)` / `Episode(season=…,
      number=…)` without ids.
    - `show`, `season`, `episode`: the show and numbers of a season/episode (when known).
    - `query`: the ITEM text it came from (for messages and `--json` output).
    """

    type: ItemType
    media: MediaModel
    show: Show | None = None
    season: int | None = None
    episode: int | None = None
    query: str = ""

    def __post_init__(self) -> None:
        expected = _MEDIA_CLASS[self.type]
        if not isinstance(self.media, expected):
            raise TypeError(f"a {self.type} needs a {expected.__name__}, not {self.media!r}")

    @property
    def ids(self) -> Ids:
        return self.media.ids

    @property
    def by_numbers(self) -> bool:
        """A season/episode addressed via its show's ids and numbers (no ids of its own)."""
        return self.type in ("season", "episode") and not self.media.ids.known()

    @property
    def title(self) -> str:
        if isinstance(self.media, Movie | Show):
            return self.media.title or ""
        return (self.show.title or "") if self.show else ""

    @property
    def year(self) -> int | None:
        if isinstance(self.media, Movie | Show):
            return self.media.year
        return self.show.year if self.show else None

    @property
    def label(self) -> str:
        """`Inception (2010)`, `Breaking Bad (2008) S01E01`, `Breaking Bad (2008) S02`."""
        ids = self.ids.known()
        text = self.title or (f"{next(iter(ids))}:{next(iter(ids.values()))}" if ids else "?")
        if self.year:
            text += f" ({self.year})"
        if self.season is not None:
            text += f" S{self.season:02d}"
            if self.type == "episode" and self.episode is not None:
                text += f"E{self.episode:02d}"
        return text

    def to_sync_entry(
        self, fields: Mapping[str, Any] | None = None
    ) -> tuple[SyncSection, dict[str, Any]]:
        """(top-level key, entry) for a sync POST body; ids only, never title-only
        (REFERENCE §13.9); `fields` go on the innermost object.

        Seasons/episodes with ids of their own go under `seasons`/`episodes`; those known
        by numbers nest under their show: `{"ids":…, "seasons":[{"number":1,
        "episodes":[{"number":1, **fields}]}]}`.
        """
        extra = dict(fields or {})
        own = self.media.ids.known()
        if self.type in ("movie", "show"):
            if not own:
                raise InvalidInput(f"{self.label} has no ids; resolve it before sending")
            return ("movies" if self.type == "movie" else "shows"), {"ids": own, **extra}
        if own:
            return ("seasons" if self.type == "season" else "episodes"), {"ids": own, **extra}
        show_ids = self.show.ids.known() if self.show else {}
        if not show_ids or self.season is None or (self.type == "episode" and not self.episode):
            raise InvalidInput(f"{self.label} has neither ids nor show ids with numbers")
        if self.type == "season":
            season: dict[str, Any] = {"number": self.season, **extra}
        else:
            episode = {"number": self.episode, **extra}
            season = {"number": self.season, "episodes": [episode]}
        return "shows", {"ids": show_ids, "seasons": [season]}

    def to_dict(self) -> dict[str, Any]:
        """The Trakt wrapper shape: `{"type":"episode","show":{…},"episode":{…}}`."""
        out: dict[str, Any] = {"type": self.type}
        if self.show is not None and self.type in ("season", "episode"):
            out["show"] = self.show.to_api()
        out[self.type] = self.media.to_api()
        return out


def _resolved_from(ref: ItemRef, chosen: Candidate) -> ResolvedItem:
    r = chosen.result
    if chosen.type == "movie" and r.movie is not None:
        return ResolvedItem(type="movie", media=r.movie, query=ref.text)
    if chosen.type == "episode" and r.episode is not None:
        ep = r.episode
        return ResolvedItem(
            type="episode",
            media=ep,
            show=r.show,
            season=ep.season,
            episode=ep.number,
            query=ref.text,
        )
    show = r.show
    assert show is not None
    if ref.season is None:
        return ResolvedItem(type="show", media=show, query=ref.text)
    return numbered_item(ref, show)


def numbered_item(ref: ItemRef, show: Show) -> ResolvedItem:
    """The season (no episode number) or episode `ref` names by numbers, under `show`."""
    if ref.episode is None:
        return ResolvedItem(
            type="season",
            media=Season(number=ref.season),
            show=show,
            season=ref.season,
            query=ref.text,
        )
    return ResolvedItem(
        type="episode",
        media=Episode(season=ref.season, number=ref.episode),
        show=show,
        season=ref.season,
        episode=ref.episode,
        query=ref.text,
    )


def _search_and_choose(ref: ItemRef, search: Search) -> Candidate:
    types = _query_types(ref)
    if ref.id_type is not None:
        query = SearchQuery(types=types, id_type=ref.id_type, id=ref.id)
    else:
        query = SearchQuery(types=types, text=ref.title, year=ref.year)
    candidates = score_candidates(ref, search(query))
    if not candidates and ref.id_type is not None:
        what = " or ".join(types)
        raise ItemNotFound(ref.text, f"no {what} with {ref.id_type} id {ref.id!r}")
    return choose(ref, candidates)


def resolve(ref: ItemRef, search: Search) -> ResolvedItem:
    """Look `ref` up through `search` and return the chosen item.

    Seasons/episodes given by numbers resolve the show, then attach the numbers (the
    episode itself is not fetched). A bare slug that matches nothing falls back to title
    searches (`ItemRef.fallback_queries`). Raises ItemNotFound / AmbiguousItem.
    """
    try:
        chosen = _search_and_choose(ref, search)
    except ItemNotFound as exc:
        fallbacks = ref.fallback_queries()
        if not fallbacks:
            hint = _wrong_type_hint(ref, search)
            if hint is not None:
                raise ItemNotFound(ref.text, hint) from None
            raise exc from None
        for title, year in fallbacks:
            alt = ItemRef(
                text=ref.text,
                title=title,
                year=ref.year if ref.year is not None else year,
                type=ref.type,
                season=ref.season,
                episode=ref.episode,
            )
            try:
                chosen = _search_and_choose(alt, search)
            except ItemNotFound:
                continue
            return _resolved_from(alt, chosen)
        raise ItemNotFound(ref.text, f"no match for {ref.text!r}") from None
    return _resolved_from(ref, chosen)


def _wrong_type_hint(ref: ItemRef, search: Search) -> str | None:
    """When a title was narrowed to movies or shows (`--type`, or season/episode numbers,
    which need a show) and nothing matched: is it the other kind? One more search, only on
    this failure path."""
    want = ref.lookup_type
    if ref.id_type is not None or not ref.title or want not in ("movie", "show"):
        return None
    other: SearchType = "show" if want == "movie" else "movie"
    results = search(SearchQuery(types=(other,), text=ref.title, year=ref.year))
    loose = replace(ref, type=other, season=None, episode=None)
    exact = [c for c in score_candidates(loose, results) if c.exact_title]
    if not exact:
        return None
    found = exact[0]
    label = f"{found.title} ({found.year})" if found.year else found.title
    fix = "drop the season/episode part" if ref.names_show else f"drop --type {want}"
    return f"{label} is a {other}, not a {want}: {fix}"


def _model(kind: str, data: Mapping[str, Any], source: str) -> Any:
    try:
        return _MEDIA_CLASS[kind].model_validate(dict(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        prefix = f"{source}: " if source else ""
        raise InvalidInput(f"{prefix}invalid {kind} field {where!r}: {first['msg']}") from None


def resolve_spec(spec: ItemSpec, search: Search) -> ResolvedItem:
    """Resolve a `--from` item: without any search when its type and ids are known."""
    if spec.needs_search:
        return resolve(spec.ref, search)
    ref = spec.ref
    kind = ref.type
    assert kind is not None
    show: Show | None = _model("show", spec.show, spec.source) if spec.show else None
    if kind in ("movie", "show") or ref.season is None:
        media = _model(kind, spec.media or {}, spec.source)
        season = episode = None
        if isinstance(media, Episode):
            season, episode = media.season, media.number
        elif isinstance(media, Season):
            season = media.number
        return ResolvedItem(
            type=kind, media=media, show=show, season=season, episode=episode, query=ref.text
        )
    base = dict(spec.media or {})
    if kind == "season":
        base["number"] = ref.season
    else:
        base.update(season=ref.season, number=ref.episode)
    return ResolvedItem(
        type=kind,
        media=_model(kind, base, spec.source),
        show=show,
        season=ref.season,
        episode=ref.episode,
        query=ref.text,
    )
