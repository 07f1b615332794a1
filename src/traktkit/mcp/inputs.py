"""Tool inputs: items as ITEM text (the CLI grammar) or as objects with ids, turned into
the library's item inputs (validated before anything is sent)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from traktkit.api.errors import InvalidInput
from traktkit.api.items import ItemRef, ItemSpec, parse_item, parse_items_file
from traktkit.api.writes import ItemInput

__all__ = [
    "ITEMS_DESCRIPTION",
    "ITEM_DESCRIPTION",
    "MAX_ITEMS",
    "IdsIn",
    "ItemArg",
    "ItemField",
    "ItemObject",
    "ItemType",
    "ItemsField",
    "item_input",
    "item_inputs",
]

ItemType = Literal["movie", "show", "season", "episode"]
MAX_ITEMS = 1000

_FILE_PREFIX = re.compile(r"^item 1: ")

ITEM_DESCRIPTION = (
    "One movie, show, season or episode: ITEM text such as 'Inception (2010)', "
    "'Breaking Bad', 'Breaking Bad S01E01', 'Breaking Bad S02', 'tt1375666', "
    "'imdb:tt1375666', 'tmdb:27205', 'trakt:16662', a trakt.tv/IMDb/TMDB URL; or an object "
    'with ids such as {"type": "movie", "ids": {"trakt": 16662}} (an item returned by '
    "another tool can be passed back as it is). Ids are exact; a bare title is searched "
    "and fails as ambiguous when several titles match."
)
ITEMS_DESCRIPTION = (
    "The items, many at once (they are sent in batches). Each is ITEM text such as "
    "'Dune (2021)', 'Breaking Bad S01E01', 'tt1375666', 'tmdb:27205', or an object with "
    'ids such as {"type": "movie", "ids": {"trakt": 16662}}; items returned by other '
    "tools can be passed back as they are."
)
ITEM_EXAMPLES: list[Any] = [
    "Dune (2021)",
    "Breaking Bad S01E01",
    {"type": "movie", "ids": {"imdb": "tt1375666"}},
]


class IdsIn(BaseModel):
    """Ids of a Trakt object (any one is enough; trakt or imdb are the most exact)."""

    model_config = ConfigDict(extra="ignore")

    trakt: int | None = Field(None, ge=1, description="Trakt id.", examples=[16662])
    imdb: str | None = Field(None, description="IMDb id.", examples=["tt1375666"])
    tmdb: int | None = Field(None, ge=1, description="TMDB id.", examples=[27205])
    tvdb: int | None = Field(None, ge=1, description="TVDB id.", examples=[81189])
    slug: str | None = Field(None, description="Trakt slug.", examples=["inception-2010"])

    def known(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


class ItemObject(BaseModel):
    """An item by ids (exact) or by title and year (searched).

    A season or an episode is its show (ids or title) plus `season` (and `episode`)
    numbers, or an episode's own ids without numbers. Extra keys are ignored, so the
    `item` objects other tools return can be passed back as they are.
    """

    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {"type": "movie", "ids": {"trakt": 16662}},
                {"type": "show", "title": "Breaking Bad", "year": 2008},
                {"type": "episode", "ids": {"imdb": "tt0903747"}, "season": 1, "episode": 1},
            ]
        },
    )

    type: ItemType | None = Field(
        None, description="movie, show, season or episode (narrows the lookup)."
    )
    ids: IdsIn | None = Field(
        None,
        description="The item's ids; with season/episode numbers, the show's ids.",
    )
    title: str | None = Field(
        None, max_length=500, description="Title to search when no ids are given."
    )
    year: int | None = Field(None, ge=1870, le=2100, description="Release year of the title.")
    season: int | None = Field(None, ge=0, description="Season number (with the show).")
    episode: int | None = Field(None, ge=1, description="Episode number (with season).")
    show_ids: IdsIn | None = Field(
        None, description="The show's ids, for a season or an episode given by numbers."
    )

    def describe(self) -> str:
        ids = self.ids.known() if self.ids else {}
        base = self.title or ", ".join(f"{k}:{v}" for k, v in ids.items()) or "?"
        return f"{self.type or 'item'} {base}"

    def to_item_json(self) -> dict[str, Any]:
        """The object in the `--from FILE` JSON form the library parses."""
        kind = self.type
        numbered = self.season is not None or self.episode is not None
        if numbered and kind in ("movie", "show"):
            raise InvalidInput(f"season/episode numbers go with type season or episode, not {kind}")
        if numbered and kind is None:
            kind = "episode" if self.episode is not None else "season"
        if kind == "season" and self.episode is not None:
            raise InvalidInput("a season has no episode number (use type episode)")
        ids = self.ids.known() if self.ids else {}
        obj: dict[str, Any] = {"type": kind} if kind else {}
        if numbered:
            show_ids = self.show_ids.known() if self.show_ids else ids
            obj.update(ids=show_ids, season=self.season, number=self.episode)
        else:
            obj["ids"] = ids
        obj.update(title=self.title, year=self.year)
        return {k: v for k, v in obj.items() if v not in (None, {})}


ItemArg = str | ItemObject


def _text_item(text: str) -> ItemRef | ItemSpec:
    if text.lstrip().startswith("{"):  # an object sent as JSON text
        specs = parse_items_file(text)
        if len(specs) != 1:
            raise InvalidInput("a JSON item must describe exactly one item")
        return specs[0]
    return parse_item(text)


def item_input(item: ItemArg) -> ItemRef | ItemSpec:
    """One tool item as a library input (InvalidInput when malformed)."""
    if isinstance(item, str):
        return _text_item(item)
    try:
        specs = parse_items_file(json.dumps(item.to_item_json()))
    except InvalidInput as exc:
        raise InvalidInput(_FILE_PREFIX.sub("", str(exc))) from None
    if len(specs) != 1:
        raise InvalidInput("an item object must describe exactly one item")
    return specs[0]


def item_inputs(items: Sequence[ItemArg]) -> list[ItemInput]:
    """Every tool item as a library input; the first malformed one fails them all."""
    if not items:
        raise InvalidInput("give at least one item")
    out: list[ItemInput] = []
    for number, item in enumerate(items, 1):
        try:
            out.append(item_input(item))
        except InvalidInput as exc:
            what = repr(item) if isinstance(item, str) else item.describe()
            raise InvalidInput(f"item {number} ({what}): {exc}") from None
    return out


ItemsField = Annotated[
    list[ItemArg],
    Field(
        min_length=1,
        max_length=MAX_ITEMS,
        description=ITEMS_DESCRIPTION,
        examples=[ITEM_EXAMPLES],
    ),
]
ItemField = Annotated[ItemArg, Field(description=ITEM_DESCRIPTION, examples=ITEM_EXAMPLES)]
