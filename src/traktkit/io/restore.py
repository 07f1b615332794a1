"""Reading a traktkit backup (JSON) into an import plan, validated before anything is sent.

Every item must carry ids (backups always do); nothing is looked up by title. Decisions:
- a play's `watched_at` is kept to the minute; a play without a date (null, or the epoch
  `1970-01-01T00:00:00.000Z` Trakt shows for "unknown") is restored as `unknown`;
- ratings keep `rated_at`; collected items keep `collected_at` and their metadata (only
  the documented metadata keys, null values dropped);
- watchlist, favorites and list items keep their `notes` and their order (the engine
  reorders them by the backup's ranks after adding);
- lists are matched by name in the target account and created with the backup's
  settings (description, privacy, display_numbers, allow_comments, sort_by, sort_how)
  when missing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from traktkit.api.errors import InvalidInput
from traktkit.api.lists import list_fields
from traktkit.api.resolve import ResolvedItem
from traktkit.api.validate import (
    METADATA_FIELDS,
    validate_metadata,
    validate_notes,
    validate_rating,
)
from traktkit.io.backup import BACKUP_FORMAT, BACKUP_VERSION
from traktkit.io.plan import ImportPlan, ListSpec, Section, Target, Wanted
from traktkit.models import (
    CollectionMovie,
    CollectionShow,
    Episode,
    HistoryItem,
    Ids,
    ListInfo,
    Movie,
    Person,
    RatingItem,
    Season,
    Show,
    WatchlistItem,
    format_datetime,
    truncate_to_minute,
)

__all__ = ["load_backup", "parse_backup"]

M = TypeVar("M", bound=BaseModel)
_EPOCH = "1970-01-01T00:00:00.000Z"


def _model(model: type[M], raw: object, where: str) -> M:
    if not isinstance(raw, Mapping):
        raise InvalidInput(f"{where}: expected an object")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise InvalidInput(f"{where}: invalid {field or 'item'}: {first['msg']}") from None


def _ids(ids: Ids) -> Ids:
    return Ids.model_validate(ids.known())


def _show(show: Show | None) -> Show | None:
    if show is None:
        return None
    return Show(title=show.title, year=show.year, ids=_ids(show.ids))


def _need_ids(ids: Ids, where: str, what: str) -> None:
    if not ids.known():
        raise InvalidInput(f"{where}: the {what} has no ids")


def _numbered(show: Show | None, where: str, what: str) -> Show:
    if show is None or not show.ids.known():
        raise InvalidInput(f"{where}: the {what} has neither ids nor a show with ids")
    return show


def target_of(wrapper: Any, where: str, *, people: bool = False) -> Target:
    """The target of an API item wrapper (`{"type", "movie" | "show" | ...}`)."""
    kind = wrapper.type
    media = getattr(wrapper, kind, None) if kind in ("movie", "show", "season", "episode") else None
    if kind == "person" and people:
        person = wrapper.person
        if person is None or not person.ids.known():
            raise InvalidInput(f"{where}: the person has no ids")
        found = Person(name=person.name, ids=_ids(person.ids))
        return Target(label=person.name or "?", kind="person", person=found)
    if media is None:
        if kind in ("movie", "show", "season", "episode"):
            raise InvalidInput(f"{where}: the {kind} object is missing")
        raise InvalidInput(f"{where}: unsupported item type {kind!r}")
    item: ResolvedItem
    if kind in ("movie", "show"):
        _need_ids(media.ids, where, kind)
        cls = Movie if kind == "movie" else Show
        obj = cls(title=media.title, year=media.year, ids=_ids(media.ids))
        item = ResolvedItem(type=kind, media=obj)
    elif kind == "season":
        show = _show(wrapper.show)
        if not media.ids.known():
            show = _numbered(show, where, "season")
        season = Season(number=media.number, ids=_ids(media.ids))
        item = ResolvedItem(type="season", media=season, show=show, season=media.number)
    else:
        show = _show(wrapper.show)
        if not media.ids.known():
            show = _numbered(show, where, "episode")
        episode = Episode(
            season=media.season, number=media.number, title=media.title, ids=_ids(media.ids)
        )
        item = ResolvedItem(
            type="episode", media=episode, show=show, season=media.season, episode=media.number
        )
    return Target(label=item.label, kind=kind, item=item)


def _when(value: Any) -> str | None:
    return None if value is None else format_datetime(value)


def _list(data: Mapping[str, Any], key: str) -> Sequence[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(f"{key!r} must be an array")
    return value


def _notes(item: WatchlistItem, where: str) -> dict[str, Any]:
    return (
        {} if item.notes is None else {"notes": validate_notes(item.notes, option=f"{where}.notes")}
    )


def _metadata(meta: BaseModel | None) -> dict[str, Any]:
    if meta is None:
        return {}
    raw = meta.model_dump(by_alias=True, exclude_none=True)
    try:
        return validate_metadata({k: v for k, v in raw.items() if k in METADATA_FIELDS})
    except InvalidInput as exc:
        raise InvalidInput(f"metadata: {exc}") from None


def _ranked(items: Sequence[WatchlistItem]) -> list[tuple[int, WatchlistItem]]:
    order = sorted(range(len(items)), key=lambda i: (items[i].rank is None, items[i].rank or 0))
    return [(i, items[i]) for i in order]


class _Reader:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.plan = ImportPlan(kind="json", keep_order=True)

    def add(
        self, section: Section, target: Target, fields: dict[str, Any], where: str, **kw: Any
    ) -> None:
        self.plan.entries.append(Wanted(section, target, fields, where, **kw))

    def history(self) -> None:
        for i, raw in enumerate(_list(self.data, "history")):
            where = f"history[{i}]"
            play = _model(HistoryItem, raw, where)
            target = target_of(play, where)
            if target.kind not in ("movie", "episode"):
                raise InvalidInput(
                    f"{where}: a play is of a movie or an episode, not a {target.kind}"
                )
            at = play.watched_at
            stamp = None if at is None else format_datetime(truncate_to_minute(at))
            watched = "unknown" if stamp in (None, _EPOCH) else stamp
            self.add("history", target, {"watched_at": watched}, where)

    def ratings(self) -> None:
        for i, raw in enumerate(_list(self.data, "ratings")):
            where = f"ratings[{i}]"
            rated = _model(RatingItem, raw, where)
            fields: dict[str, Any] = {
                "rating": validate_rating(rated.rating, option=f"{where}.rating")
            }
            if rated.rated_at is not None:
                fields["rated_at"] = format_datetime(rated.rated_at)
            self.add("ratings", target_of(rated, where), fields, where)

    def listed(self, section: Section, key: str, *, kinds: tuple[str, ...]) -> None:
        items = [
            _model(WatchlistItem, raw, f"{key}[{i}]") for i, raw in enumerate(_list(self.data, key))
        ]
        for i, item in _ranked(items):
            where = f"{key}[{i}]"
            target = target_of(item, where)
            if target.kind not in kinds:
                raise InvalidInput(f"{where}: a {target.kind} cannot be in {key}")
            self.add(section, target, _notes(item, where), where)

    def collection(self) -> None:
        value = self.data.get("collection")
        if value is None:
            return
        if not isinstance(value, Mapping):
            raise InvalidInput("'collection' must be an object with 'movies' and 'shows'")
        for i, raw in enumerate(_list(value, "movies")):
            where = f"collection.movies[{i}]"
            entry = _model(CollectionMovie, raw, where)
            wrapper = WatchlistItem(type="movie", movie=entry.movie)
            fields = self._collected(entry.collected_at, entry.metadata, where)
            self.add("collection", target_of(wrapper, where), fields, where)
        for i, raw in enumerate(_list(value, "shows")):
            where = f"collection.shows[{i}]"
            entry_show = _model(CollectionShow, raw, where)
            for season in entry_show.seasons or []:
                for episode in season.episodes or []:
                    spot = f"{where} S{season.number}E{episode.number}"
                    numbers = Episode(season=season.number, number=episode.number)
                    wrapper = WatchlistItem(type="episode", show=entry_show.show, episode=numbers)
                    fields = self._collected(episode.collected_at, episode.metadata, spot)
                    self.add("collection", target_of(wrapper, spot), fields, spot)

    @staticmethod
    def _collected(at: Any, meta: BaseModel | None, where: str) -> dict[str, Any]:
        try:
            fields = _metadata(meta)
        except InvalidInput as exc:
            raise InvalidInput(f"{where}: {exc}") from None
        if at is not None:
            fields["collected_at"] = format_datetime(at)
        return fields

    def lists(self) -> None:
        for i, raw in enumerate(_list(self.data, "lists")):
            where = f"lists[{i}]"
            if not isinstance(raw, Mapping):
                raise InvalidInput(f"{where}: expected an object with 'list' and 'items'")
            info = _model(ListInfo, raw.get("list"), f"{where}.list")
            try:
                fields = list_fields(
                    name=info.name,
                    description=info.description,
                    privacy=info.privacy,
                    display_numbers=info.display_numbers,
                    allow_comments=info.allow_comments,
                    sort_by=info.sort_by,
                    sort_how=info.sort_how,
                )
            except InvalidInput as exc:
                raise InvalidInput(f"{where}.list: {exc}") from None
            name = fields.pop("name")
            self.plan.lists.append(ListSpec(name, fields))
            items = [
                _model(WatchlistItem, r, f"{where}.items[{j}]")
                for j, r in enumerate(_list(raw, "items"))
            ]
            for j, item in _ranked(items):
                spot = f"{where}.items[{j}]"
                target = target_of(item, spot, people=True)
                self.add("lists", target, _notes(item, spot), spot, list_name=name)


def _check_manifest(data: object) -> Mapping[str, Any]:
    if not isinstance(data, Mapping) or data.get("format") != BACKUP_FORMAT:
        raise InvalidInput(
            f'not a traktkit backup: expected an object with "format": "{BACKUP_FORMAT}"'
        )
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidInput(f"the backup has no valid format version ({version!r})")
    if version > BACKUP_VERSION:
        raise InvalidInput(
            f"the backup has format version {version}; this traktkit reads up to {BACKUP_VERSION}: "
            "upgrade traktkit"
        )
    return data


def parse_backup(data: object) -> ImportPlan:
    """A parsed backup document as an import plan (InvalidInput when anything is wrong)."""
    reader = _Reader(_check_manifest(data))
    steps: list[Callable[[], None]] = [
        reader.history,
        reader.collection,
        reader.ratings,
        lambda: reader.listed(
            "watchlist", "watchlist", kinds=("movie", "show", "season", "episode")
        ),
        lambda: reader.listed("favorites", "favorites", kinds=("movie", "show")),
        reader.lists,
    ]
    for step in steps:
        step()
    return reader.plan


def load_backup(text: str) -> ImportPlan:
    """Parse the text of a backup file (see `parse_backup`)."""
    body = text.removeprefix("\ufeff")
    if not body.strip():
        raise InvalidInput("the file is empty")
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    return parse_backup(data)
