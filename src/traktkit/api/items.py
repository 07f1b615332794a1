"""The ITEM grammar of the command line (DESIGN.md, "Command-line contract").

`parse_item` turns one ITEM plus the `--type/--year/--season/--episode` options into an
`ItemRef`; nothing is looked up here. Forms, tried in this order:

1. URLs: `https://trakt.tv/movies/inception-2010`, `…/shows/breaking-bad/seasons/1/episodes/1`
   (also `app.trakt.tv`), `https://www.imdb.com/title/tt1375666/`,
   `https://www.themoviedb.org/movie/27205-inception` and `/tv/1396…/season/1/episode/1`.
2. An episode or season suffix, unless `--type movie`: `Breaking Bad S01E01`,
   `Breaking Bad S1 E1`, `Breaking Bad 1x01`, `Breaking Bad S01` (whole season).
3. A year in trailing parentheses: `Inception (2010)` (1870..2100).
4. Ids: `tt1375666` / `imdb:tt1375666`, `tmdb:27205`, `tvdb:81189`, `trakt:16662`,
   `slug:inception-2010`. A bare number is a title (`1917`, `2012`), never an id.
5. A bare slug: a single token of lowercase ASCII letters/digits with at least one hyphen
   (`inception-2010`, `breaking-bad`). It is looked up as a slug first; if no movie or
   show has that slug it is searched as a title (`inception` + year 2010, then
   `inception 2010`), see `ItemRef.fallback_queries`. Anything with a space, a capital
   letter or no hyphen (`Inception`, `dune`, `Spider-Man`) is a title.
6. Otherwise a title.

`parse_items_file` reads the `--from FILE` formats into `ItemSpec`s (implemented in
`traktkit.api.itemfile`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal
from urllib.parse import urlsplit

from traktkit.api.errors import InvalidInput
from traktkit.api.validate import METADATA_FIELDS

__all__ = [
    "ID_TYPES",
    "ITEM_TYPES",
    "MAX_ITEM_LENGTH",
    "SYNC_FIELDS",
    "YEAR_MAX",
    "YEAR_MIN",
    "IdType",
    "ItemRef",
    "ItemSpec",
    "ItemType",
    "best_id",
    "check_number",
    "check_year",
    "normalize_id",
    "normalize_type",
    "parse_item",
    "parse_items_file",
]

ItemType = Literal["movie", "show", "season", "episode"]
IdType = Literal["trakt", "imdb", "tmdb", "tvdb", "slug"]

ITEM_TYPES: Final[tuple[ItemType, ...]] = ("movie", "show", "season", "episode")
ID_TYPES: Final[tuple[IdType, ...]] = ("trakt", "imdb", "tmdb", "tvdb", "slug")
YEAR_MIN: Final = 1870
YEAR_MAX: Final = 2100
MAX_ITEM_LENGTH: Final = 500
_MAX_ID: Final = 2**63 - 1

SYNC_FIELDS: Final[tuple[str, ...]] = (
    "watched_at",
    "collected_at",
    "rated_at",
    "rating",
    "notes",
    *METADATA_FIELDS,
)
"""Per-item fields kept from `--from` files (a nested `metadata` object is flattened)."""


@dataclass(frozen=True)
class ItemRef:
    """A parsed ITEM: what to look up, not yet resolved.

    - `type`: movie/show/season/episode, or None (search movies and shows).
    - `title`/`year`: text search (year is also a check for ids).
    - `id_type`/`id`: a direct lookup; `id` is normalised (`tt1375666`, `27205`, slug).
    - `season`/`episode`: when set, the title/id names the *show*; `type` is then
      `season` or `episode`. With `type == "episode"` and no numbers, the id names the
      episode itself (episode ids from IMDb/TMDB/TVDB/Trakt).
    - `bare_slug`: the id is a guessed slug that may fall back to a title search.
    """

    text: str
    title: str | None = None
    year: int | None = None
    type: ItemType | None = None
    id_type: IdType | None = None
    id: str | None = None
    season: int | None = None
    episode: int | None = None
    bare_slug: bool = False

    @property
    def names_show(self) -> bool:
        """True when the title/id names the show of a season or episode."""
        return self.season is not None

    @property
    def lookup_type(self) -> ItemType | None:
        """The type of the object the title/id names (the show for numbered items)."""
        return "show" if self.names_show else self.type

    def fallback_queries(self) -> list[tuple[str, int | None]]:
        """(title, year) text searches to try when a bare slug matched nothing."""
        if not (self.bare_slug and self.id):
            return []
        words = self.id.split("-")
        out: list[tuple[str, int | None]] = []
        last = words[-1]
        if len(words) > 1 and len(last) == 4 and last.isdigit():
            year = int(last)
            if YEAR_MIN <= year <= YEAR_MAX:
                out.append((" ".join(words[:-1]), year))
        out.append((" ".join(words), None))
        return out

    def describe(self) -> str:
        """`Breaking Bad (2008) S01E01`, `imdb:tt1375666`: for messages."""
        if self.id_type is not None and not self.bare_slug:
            base = f"{self.id_type}:{self.id}"
        else:
            base = self.title or self.id or self.text
        if self.year is not None and self.id_type is None:
            base += f" ({self.year})"
        if self.season is not None:
            base += f" S{self.season:02d}"
            if self.episode is not None:
                base += f"E{self.episode:02d}"
        return base


@dataclass(frozen=True)
class ItemSpec:
    """One item from a `--from` file.

    `media` is the object as given (title/year/ids, sync fields removed); `show` is the
    show object for seasons/episodes given by numbers or wrapped with their show; `fields`
    holds the validated per-item sync fields (`rating`, `watched_at`, `notes`, metadata
    ...), ready to merge into a payload entry.
    """

    ref: ItemRef
    fields: Mapping[str, Any] = field(default_factory=dict)
    media: Mapping[str, Any] | None = None
    show: Mapping[str, Any] | None = None
    source: str = ""

    @property
    def needs_search(self) -> bool:
        """False when the type and ids are known, so no lookup is needed."""
        t = self.ref.type
        if t is None:
            return True
        if t in ("movie", "show") or (t in ("season", "episode") and self.ref.season is None):
            return not _has_ids(self.media)
        return not _has_ids(self.show)


# --- parse_item ---------------------------------------------------------------------------

_TYPE_ALIASES: Final[dict[str, ItemType]] = {
    "movie": "movie",
    "movies": "movie",
    "show": "show",
    "shows": "show",
    "season": "season",
    "seasons": "season",
    "episode": "episode",
    "episodes": "episode",
}

_SXXEYY = re.compile(
    r"(?P<rest>.*?)\s+S(?P<s>[0-9]{1,4})(?:\s*E(?P<e>[0-9]{1,5}))?", re.IGNORECASE | re.ASCII
)
_NXM = re.compile(r"(?P<rest>.*?)\s+(?P<s>[0-9]{1,4})x(?P<e>[0-9]{1,5})", re.IGNORECASE | re.ASCII)
_LONE_EPISODE = re.compile(r"S[0-9]{1,4}\s*E[0-9]{1,5}|[0-9]{1,4}x[0-9]{1,5}", re.I | re.A)
_YEAR_SUFFIX = re.compile(r"(?P<rest>.*?)\s*\((?P<y>[0-9]{4})\)", re.ASCII)
_PREFIXED_ID = re.compile(r"(?P<kind>imdb|tmdb|tvdb|trakt|slug):(?P<value>.*)", re.IGNORECASE)
_BARE_IMDB = re.compile(r"tt|(?i:tt[0-9]\w*)")
_BARE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+", re.ASCII)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_URL = re.compile(r"(?:https?://)?(?:www\.|app\.)?(?:trakt\.tv|imdb\.com|themoviedb\.org)/", re.I)


def normalize_type(value: str | None, *, option: str = "--type") -> ItemType | None:
    """`movie|show|season|episode` (plural forms accepted), None passes through."""
    if value is None:
        return None
    if isinstance(value, str):
        found = _TYPE_ALIASES.get(value.strip().lower())
        if found is not None:
            return found
    raise InvalidInput(f"unknown {option} {value!r}; expected movie, show, season or episode")


def check_year(value: object, where: str, context: str = "") -> int:
    """`value` if it is a whole number in 1870..2100, else InvalidInput naming `where`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{where} must be a year like 2010; got {value!r}")
    if not YEAR_MIN <= value <= YEAR_MAX:
        raise InvalidInput(f"{where} {value}{context} is outside {YEAR_MIN}..{YEAR_MAX}")
    return value


def check_number(value: object, where: str, minimum: int) -> int:
    """`value` if it is a whole number >= `minimum`, else InvalidInput naming `where`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{where} must be a whole number; got {value!r}")
    if value < minimum:
        raise InvalidInput(f"{where} must be {minimum} or more; got {value}")
    return value


def _numeric_id(kind: str, value: str) -> str:
    text = value.strip()
    if not re.fullmatch(r"[0-9]{1,19}", text, re.ASCII) or not 0 < int(text) <= _MAX_ID:
        raise InvalidInput(f"malformed {kind} id {value!r}: expected a positive whole number")
    return str(int(text))


def _imdb_id(value: str) -> str:
    text = value.strip().lower()
    if re.fullmatch(r"nm[0-9]+", text, re.ASCII):
        raise InvalidInput(f"{value!r} is an IMDb person id; ITEMs are movies, shows or episodes")
    if not re.fullmatch(r"tt[0-9]{1,12}", text, re.ASCII):
        raise InvalidInput(f"malformed IMDb id {value!r}: expected tt followed by digits")
    return text


def _slug(value: str) -> str:
    text = value.strip().lower()
    if not _SLUG.fullmatch(text):
        raise InvalidInput(
            f"malformed slug {value!r}: expected lowercase letters, digits and hyphens"
        )
    return text


def normalize_id(kind: str, value: object) -> tuple[IdType, str]:
    """Validate one id (`kind` in trakt/imdb/tmdb/tvdb/slug) and normalise its value."""
    k = kind.strip().lower()
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidInput(f"malformed {k} id {value!r}")
    text = str(value)
    if k == "imdb":
        return "imdb", _imdb_id(text)
    if k == "slug":
        return "slug", _slug(text)
    if k in ("trakt", "tmdb", "tvdb"):
        return k, _numeric_id(k, text)  # type: ignore[return-value]
    raise InvalidInput(f"unknown id type {kind!r}; expected one of {', '.join(ID_TYPES)}")


@dataclass
class _Parsed:
    title: str | None = None
    year: int | None = None
    id_type: IdType | None = None
    id: str | None = None
    season: int | None = None
    episode: int | None = None
    url_type: ItemType | None = None
    bare_slug: bool = False


def _parse_url(text: str) -> _Parsed:
    if any(ch.isspace() for ch in text):
        raise InvalidInput(f"unsupported URL {text!r}")
    url = text if "://" in text else "https://" + text
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("app.")
    segs = [s for s in parts.path.split("/") if s]
    p = _Parsed()

    def numbers(at: int, season_word: str, episode_word: str) -> None:
        if len(segs) > at + 1 and segs[at] == season_word:
            p.season = _url_number(segs[at + 1], text)
            if len(segs) > at + 3 and segs[at + 2] == episode_word:
                p.episode = _url_number(segs[at + 3], text)

    if host == "trakt.tv" and len(segs) >= 2 and segs[0] in ("movies", "shows"):
        p.url_type = "movie" if segs[0] == "movies" else "show"
        if segs[1].isdigit():
            p.id_type, p.id = "trakt", _numeric_id("trakt", segs[1])
        else:
            p.id_type, p.id = "slug", _slug(segs[1])
        if p.url_type == "show":
            numbers(2, "seasons", "episodes")
        return p
    if host == "imdb.com" and len(segs) >= 2 and segs[0] == "title":
        p.id_type, p.id = "imdb", _imdb_id(segs[1])
        return p
    if host == "themoviedb.org" and len(segs) >= 2 and segs[0] in ("movie", "tv"):
        p.url_type = "movie" if segs[0] == "movie" else "show"
        p.id_type, p.id = "tmdb", _numeric_id("tmdb", segs[1].split("-", 1)[0])
        if p.url_type == "show":
            numbers(2, "season", "episode")
        return p
    raise InvalidInput(f"unsupported URL {text!r}: expected a trakt.tv, imdb.com or TMDB link")


def _url_number(segment: str, url: str) -> int:
    if not re.fullmatch(r"[0-9]{1,5}", segment, re.ASCII):
        raise InvalidInput(f"unsupported URL {url!r}: {segment!r} is not a number")
    return int(segment)


def _parse_text(text: str, *, allow_numbers: bool) -> _Parsed:
    if _URL.match(text) or re.match(r"https?://", text, re.IGNORECASE):
        return _parse_url(text)
    p = _Parsed()
    rest = text
    if allow_numbers and _LONE_EPISODE.fullmatch(rest):
        raise InvalidInput(f"{text!r} names an episode but no show (try 'Show {text}')")
    # "Show (2005) S01E01" and "Show S01E01 (2005)" are both accepted.
    for _ in range(2):
        if allow_numbers and p.season is None:
            m = _SXXEYY.fullmatch(rest) or _NXM.fullmatch(rest)
            if m and m.group("rest").strip():
                rest = m.group("rest").strip()
                p.season = int(m.group("s"))
                if m.group("e") is not None:
                    p.episode = int(m.group("e"))
        if p.year is None:
            m = _YEAR_SUFFIX.fullmatch(rest)
            if m:
                if not m.group("rest").strip():
                    raise InvalidInput(f"{text!r} has a year but no title")
                p.year = check_year(int(m.group("y")), "year", f" in {text!r}")
                rest = m.group("rest").strip()
    if not any(ch.isspace() for ch in rest):
        prefixed = _PREFIXED_ID.fullmatch(rest)
        if prefixed:
            p.id_type, p.id = normalize_id(prefixed.group("kind"), prefixed.group("value"))
            return p
        if _BARE_IMDB.fullmatch(rest):
            p.id_type, p.id = "imdb", _imdb_id(rest)
            return p
        if _BARE_SLUG.fullmatch(rest):
            p.id_type, p.id, p.bare_slug = "slug", rest, True
            return p
    p.title = " ".join(rest.split())
    return p


def _merge_option(
    text_value: int | None, option_value: int | None, what: str, text: str
) -> int | None:
    if text_value is not None and option_value is not None and text_value != option_value:
        raise InvalidInput(
            f"{what} {text_value} in {text!r} conflicts with --{what} {option_value}"
        )
    return text_value if text_value is not None else option_value


def _final_type(p: _Parsed, want: ItemType | None, text: str) -> ItemType | None:
    season, episode = p.season, p.episode
    if episode is not None and season is None:
        raise InvalidInput("an episode number needs a season number (--season)")
    numbered: ItemType | None = (
        "episode" if episode is not None else "season" if season is not None else None
    )
    if p.url_type == "movie" and (want not in (None, "movie") or numbered):
        raise InvalidInput(f"{text!r} is a movie link; it cannot be a {want or numbered}")
    if p.url_type == "show" and want == "movie":
        raise InvalidInput(f"{text!r} is a show link; it cannot be a movie")
    if want == "movie" and numbered:
        raise InvalidInput("--type movie cannot take a season or episode number")
    if want == "show" and numbered:
        raise InvalidInput(
            f"--type show conflicts with a season/episode number (use --type {numbered})"
        )
    if want == "season":
        if episode is not None:
            raise InvalidInput("--type season conflicts with an episode number")
        if season is None:
            raise InvalidInput("--type season needs a season number ('Show S01' or --season 1)")
    if want == "episode":
        if season is not None and episode is None:
            raise InvalidInput("--type episode needs an episode number (--episode)")
        if season is None and (p.id_type in (None, "slug")):
            raise InvalidInput(
                "--type episode needs a show with season and episode numbers "
                "('Show S01E01' or --season 1 --episode 1) or an episode id"
            )
    return want or numbered or p.url_type


def parse_item(
    text: str,
    *,
    type: str | None = None,
    year: int | None = None,
    season: int | None = None,
    episode: int | None = None,
) -> ItemRef:
    """Parse one ITEM (see the module docstring) with its options; raises InvalidInput."""
    if not isinstance(text, str):
        raise InvalidInput(f"an ITEM must be text, not {text.__class__.__name__}")
    stripped = text.strip()
    if not stripped:
        raise InvalidInput("empty ITEM: give a title, an id (tt…, tmdb:…) or a URL")
    if len(stripped) > MAX_ITEM_LENGTH:
        raise InvalidInput(f"ITEM is too long ({len(stripped)} characters)")
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in stripped):
        raise InvalidInput("ITEM contains control characters or line breaks")
    want = normalize_type(type)
    opt_year = None if year is None else check_year(year, "--year")
    opt_season = None if season is None else check_number(season, "--season", 0)
    opt_episode = None if episode is None else check_number(episode, "--episode", 1)

    p = _parse_text(stripped, allow_numbers=want != "movie")
    if p.season is not None and p.season < 0:  # pragma: no cover - regex gives digits only
        raise InvalidInput("season must be 0 or more")
    if p.episode is not None and p.episode < 1:
        raise InvalidInput(f"episode numbers start at 1; got {p.episode} in {stripped!r}")
    p.year = _merge_option(p.year, opt_year, "year", stripped)
    p.season = _merge_option(p.season, opt_season, "season", stripped)
    p.episode = _merge_option(p.episode, opt_episode, "episode", stripped)
    final = _final_type(p, want, stripped)
    return ItemRef(
        text=stripped,
        title=p.title,
        year=p.year,
        type=final,
        id_type=p.id_type,
        id=p.id,
        season=p.season,
        episode=p.episode,
        bare_slug=p.bare_slug,
    )


# --- ids of Trakt-style objects and --from FILE ----------------------------------------


def _has_ids(obj: Mapping[str, Any] | None) -> bool:
    return obj is not None and best_id(obj) is not None


def best_id(obj: Mapping[str, Any]) -> tuple[IdType, str] | None:
    """The strongest id of a Trakt-style object (trakt, imdb, tmdb, tvdb, slug), validated."""
    ids = obj.get("ids")
    if ids is None:
        return None
    if not isinstance(ids, Mapping):
        raise InvalidInput(f"'ids' must be an object, not {ids!r}")
    for kind in ("trakt", "imdb", "tmdb", "tvdb", "slug"):
        value = ids.get(kind)
        if value is None or value == "":
            continue
        return normalize_id(kind, value)
    return None


def parse_items_file(text: str, *, type: str | None = None) -> list[ItemSpec]:
    """Parse a `--from FILE` body into item specs; see `traktkit.api.itemfile`."""
    from traktkit.api.itemfile import parse_items_file as parse

    return parse(text, type=type)
