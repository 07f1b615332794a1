"""The `--from FILE` formats: one ITEM per line, or JSON (see `parse_items_file`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Final

from traktkit.api.errors import InvalidInput
from traktkit.api.items import (
    ITEM_TYPES,
    SYNC_FIELDS,
    ItemRef,
    ItemSpec,
    ItemType,
    best_id,
    check_number,
    check_year,
    normalize_type,
    parse_item,
)
from traktkit.api.validate import (
    METADATA_FIELDS,
    parse_when,
    validate_metadata,
    validate_notes,
    validate_rating,
)

__all__ = ["parse_items_file"]


def _validate_fields(obj: Mapping[str, Any]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    metadata = obj.get("metadata")
    if metadata is not None:
        if not isinstance(metadata, Mapping):
            raise InvalidInput("'metadata' must be an object")
        raw.update(metadata)
    for key in SYNC_FIELDS:
        if key in obj and obj[key] is not None:
            raw[key] = obj[key]
    out: dict[str, Any] = {}
    meta = {k: v for k, v in raw.items() if k in METADATA_FIELDS or k == "three_d"}
    out.update(validate_metadata(meta))
    if "rating" in raw:
        out["rating"] = validate_rating(raw["rating"])
    if "notes" in raw:
        out["notes"] = validate_notes(raw["notes"], option="notes")
    for key in ("watched_at", "collected_at", "rated_at"):
        if key in raw:
            if not isinstance(raw[key], str):
                raise InvalidInput(f"{key} must be a date string, not {raw[key]!r}")
            out[key] = parse_when(
                raw[key],
                option=key,
                allow_released=key != "rated_at",
                allow_unknown=key == "watched_at",
            )
    return out


def _strip_fields(obj: Mapping[str, Any]) -> dict[str, Any]:
    drop = {*SYNC_FIELDS, "metadata", "type", "seasons", "episodes"}
    return {k: v for k, v in obj.items() if k not in drop}


def _opt_int(obj: Mapping[str, Any], key: str) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{key!r} must be a whole number, not {value!r}")
    return value


def _title_of(obj: Mapping[str, Any] | None) -> tuple[str | None, int | None]:
    if not obj:
        return None, None
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        raise InvalidInput(f"'title' must be text, not {title!r}")
    year = _opt_int(obj, "year")
    if year is not None:
        check_year(year, "year")
    return (title.strip() or None) if title else None, year


def _ref_for(
    kind: ItemType | None,
    target: Mapping[str, Any],
    *,
    season: int | None = None,
    episode: int | None = None,
) -> ItemRef:
    """The ItemRef naming `target` (the item itself, or its show when numbered)."""
    title, year = _title_of(target)
    found = best_id(target)
    if found is None and title is None:
        raise InvalidInput("an item needs ids or a title")
    id_type, id_value = found if found else (None, None)
    ref = ItemRef(
        text="",
        title=title,
        year=year,
        type=kind,
        id_type=id_type,
        id=id_value,
        season=season,
        episode=episode,
    )
    if kind in ("season", "episode") and season is None and id_type is None:
        article = "an" if kind == "episode" else "a"
        raise InvalidInput(f"{article} {kind} needs its own ids, or a show with numbers")
    if kind == "episode" and season is not None and episode is None:
        raise InvalidInput("an episode needs a number")
    if season is not None:
        check_number(season, "season", 0)
    if episode is not None:
        check_number(episode, "episode", 1)
    return replace(ref, text=ref.describe())


def _from_object(obj: Mapping[str, Any], default_type: ItemType | None) -> list[ItemSpec]:
    """One JSON item (flat or wrapper form) as specs (a show with seasons expands)."""
    if "item" in obj:
        text = obj["item"]
        if not isinstance(text, str):
            raise InvalidInput("'item' must be text")
        kind = normalize_type(obj.get("type"), option="type") or default_type
        ref = parse_item(text, type=kind)
        return [ItemSpec(ref=ref, fields=_validate_fields(obj))]
    wrapped = [k for k in ITEM_TYPES if isinstance(obj.get(k), Mapping)]
    kind = normalize_type(obj.get("type"), option="type")
    fields = _validate_fields(obj)
    if kind in ("season", "episode") and wrapped == ["show"]:
        wrapped = []  # flat form: {"type":"season","number":1,"show":{…}}
    if wrapped:
        if kind is None:
            kind = next(k for k in ("episode", "season", "movie", "show") if k in wrapped)
        if kind not in wrapped:
            raise InvalidInput(f"item of type {kind!r} has no {kind!r} object")
        media: Mapping[str, Any] = obj[kind]
        show = obj.get("show") if kind in ("season", "episode") else None
        if kind == "show" and isinstance(obj.get("seasons"), list):
            return _expand_show(media, obj["seasons"], fields)
        return [_wrapped_spec(kind, media, show, fields)]
    kind = kind or default_type
    if kind in ("season", "episode"):
        show = obj.get("show")
        if isinstance(show, Mapping):
            media = _strip_fields(obj)
            media.pop("show", None)
            return [_wrapped_spec(kind, media, show, fields)]
        season = _opt_int(obj, "season")
        number = _opt_int(obj, "number")
        if number is None:
            number = _opt_int(obj, "episode")
        if season is not None:  # the title/ids describe the show
            show_obj = _strip_fields(obj)
            for key in ("season", "number", "episode"):
                show_obj.pop(key, None)
            ref = _ref_for(kind, show_obj, season=season, episode=number)
            return [ItemSpec(ref=ref, fields=fields, show=show_obj)]
    if kind == "show" and isinstance(obj.get("seasons"), list):
        return _expand_show(_strip_fields(obj), obj["seasons"], fields)
    media = _strip_fields(obj)
    return [ItemSpec(ref=_ref_for(kind, media), fields=fields, media=media)]


def _wrapped_spec(
    kind: ItemType,
    media: Mapping[str, Any],
    show: object,
    fields: Mapping[str, Any],
) -> ItemSpec:
    show_obj = dict(show) if isinstance(show, Mapping) else None
    media_obj = _strip_fields(media)
    if kind in ("movie", "show") or best_id(media_obj) is not None or show_obj is None:
        return ItemSpec(
            ref=_ref_for(kind, media_obj), fields=fields, media=media_obj, show=show_obj
        )
    season = _opt_int(media_obj, "season") if kind == "episode" else _opt_int(media_obj, "number")
    number = _opt_int(media_obj, "number") if kind == "episode" else None
    if season is None or (kind == "episode" and number is None):
        raise InvalidInput(f"{kind} without ids needs its season and number")
    ref = _ref_for(kind, show_obj, season=season, episode=number)
    return ItemSpec(ref=ref, fields=fields, media=media_obj, show=show_obj)


def _expand_show(
    show: Mapping[str, Any], seasons: list[Any], fields: Mapping[str, Any]
) -> list[ItemSpec]:
    """`{"ids":…, "seasons":[{"number":1,"episodes":[{"number":1}]}]}` as season/episode
    specs; fields are inherited show → season → episode."""
    show_obj = _strip_fields(show)
    out: list[ItemSpec] = []
    for s in seasons:
        if not isinstance(s, Mapping):
            raise InvalidInput("'seasons' entries must be objects")
        number = _opt_int(s, "number")
        if number is None:
            raise InvalidInput("a season entry needs a 'number'")
        season_fields = {**fields, **_validate_fields(s)}
        episodes = s.get("episodes")
        if not isinstance(episodes, list):
            ref = _ref_for("season", show_obj, season=number)
            out.append(ItemSpec(ref=ref, fields=season_fields, show=show_obj))
            continue
        for e in episodes:
            if not isinstance(e, Mapping):
                raise InvalidInput("'episodes' entries must be objects")
            ep = _opt_int(e, "number")
            if ep is None:
                raise InvalidInput("an episode entry needs a 'number'")
            ref = _ref_for("episode", show_obj, season=number, episode=ep)
            ep_fields = {**season_fields, **_validate_fields(e)}
            out.append(ItemSpec(ref=ref, fields=ep_fields, show=show_obj))
    return out


_SECTIONS: Final[dict[str, ItemType]] = {
    "movies": "movie",
    "shows": "show",
    "seasons": "season",
    "episodes": "episode",
}


def _from_json(data: object, default_type: ItemType | None) -> list[ItemSpec]:
    specs: list[ItemSpec] = []

    def add(where: str, obj: object, kind: ItemType | None) -> None:
        try:
            if isinstance(obj, str):
                new = [ItemSpec(ref=parse_item(obj, type=kind))]
            elif isinstance(obj, Mapping):
                new = _from_object(obj, kind)
            else:
                raise InvalidInput(f"expected an object or a string, not {obj!r}")
        except InvalidInput as exc:
            raise InvalidInput(f"{where}: {exc}") from None
        specs.extend(replace(s, source=where) for s in new)

    if isinstance(data, list):
        for i, obj in enumerate(data, 1):
            add(f"item {i}", obj, default_type)
        return specs
    if isinstance(data, Mapping):
        body_keys = (*_SECTIONS, "people", "users")
        is_body = any(k in data for k in body_keys) or isinstance(data.get("ids"), list)
        if not is_body:
            add("item 1", data, default_type)
            return specs
        unknown = [k for k in data if k not in _SECTIONS]
        if unknown:
            raise InvalidInput(
                f"unsupported key(s) {', '.join(map(repr, unknown))}: "
                "expected movies, shows, seasons, episodes"
            )
        for key, entries in data.items():
            if not isinstance(entries, list):
                raise InvalidInput(f"{key!r} must be an array")
            for i, obj in enumerate(entries):
                add(f"{key}[{i}]", obj, _SECTIONS[key])
        return specs
    raise InvalidInput("a JSON --from file must hold an array or an object")


def _looks_like_json(text: str) -> bool:
    if text.startswith("{"):
        return True
    if not text.startswith("["):
        return False
    after = text[1:].lstrip()
    return after == "" or after[0] in '{["]' or text.split("\n", 1)[0].strip() == "["


def parse_items_file(text: str, *, type: str | None = None) -> list[ItemSpec]:
    """Parse a `--from FILE` body into item specs (an empty file gives `[]`).

    Two forms:
    - text: one ITEM per line (same grammar as the command line); blank lines and lines
      starting with `#` are skipped; `type` applies to every line.
    - JSON (text starting with `[` or `{` that parses as JSON; a parse error is reported
      when it starts with `{`, or with `[` followed by `{`, `[`, `"` or `]`): an array of
      strings (ITEMs), of Trakt-style items (`{"type":"movie","title":…,"year":…,
      "ids":{…}, "rating":9}`), of wrappers as `--json` prints them
      (`{"type":"episode","episode":{…},"show":{…},"watched_at":…}`), of
      `{"item":"Dune (2021)","rating":8}`; or a sync body
      `{"movies":[…],"shows":[{"ids":…,"seasons":[{"number":1,"episodes":[…]}]}],…}`
      whose shows expand to season/episode specs (fields inherited downwards).
    Per-item fields (`SYNC_FIELDS`; a nested `metadata` object is flattened) are
    validated here so that nothing is sent when one is wrong.
    """
    default_type = normalize_type(type)
    content = text.removeprefix("\ufeff")
    body = content.strip()
    if not body:
        return []
    if body[0] in "[{":
        try:
            return _from_json(json.loads(body), default_type)
        except json.JSONDecodeError as exc:
            if _looks_like_json(body):
                raise InvalidInput(
                    f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
                ) from None
    specs: list[ItemSpec] = []
    for number, line in enumerate(content.splitlines(), 1):
        item = line.strip()
        if not item or item.startswith("#"):
            continue
        try:
            ref = parse_item(item, type=default_type)
        except InvalidInput as exc:
            raise InvalidInput(f"line {number}: {exc}") from None
        specs.append(ItemSpec(ref=ref, source=f"line {number}"))
    return specs
