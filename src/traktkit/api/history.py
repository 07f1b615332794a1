"""History: plays listed, added and removed (REFERENCE §8.6, §13.1).

Adds are not idempotent (the API never de-duplicates plays), so every add carries an
explicit minute-precision `watched_at` (`now` is computed here, not left to the server)
and a POST that fails after it was sent is checked against `/sync/history` before only
the missing plays are sent again (see `traktkit.api.playcheck`).
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any, Final

from traktkit.api.errors import InvalidInput
from traktkit.api.listing import as_bound, check_max_items, paged
from traktkit.api.payload import DEFAULT_CHUNK_SIZE, chunk_items
from traktkit.api.playcheck import count_applied, play_windows, watched_minute
from traktkit.api.resolve import ResolvedItem
from traktkit.api.validate import parse_when, validate_list_type, validate_range
from traktkit.api.writes import (
    ItemInput,
    SyncWriter,
    WriteHooks,
    WriteItem,
    WriteReport,
    with_fields,
)
from traktkit.http.client import HttpClient, PageInfo
from traktkit.http.errors import TraktError
from traktkit.models import (
    HistoryItem,
    SyncResult,
    format_datetime,
    parse_datetime,
    truncate_to_minute,
)

__all__ = ["MAX_PLAY_ID", "HistoryApi", "check_play_ids"]

MAX_PLAY_ID: Final = 2**63 - 1
_SECTION: Final = {"movie": "movies", "show": "shows", "season": "shows", "episode": "episodes"}


def check_play_ids(ids: Sequence[object]) -> list[int]:
    """History ids (positive 64-bit integers), validated before anything is sent."""
    out: list[int] = []
    for value in ids:
        text = str(value).strip()
        if isinstance(value, bool) or not text.isdigit() or not 0 < int(text) <= MAX_PLAY_ID:
            raise InvalidInput(
                f"--id must be a history id (a positive whole number); got {value!r}"
            )
        out.append(int(text))
    if not out:
        raise InvalidInput("give at least one history id")
    return out


def _watched_at(value: str | datetime | None) -> str:
    if value is None:
        return parse_when("now")
    if isinstance(value, datetime):
        return format_datetime(truncate_to_minute(value))
    return parse_when(value, option="--watched-at", allow_unknown=True)


class HistoryApi:
    def __init__(self, http: HttpClient, writer: SyncWriter) -> None:
        self._http = http
        self._writer = writer

    # -- reading ---------------------------------------------------------------------

    def iter(
        self,
        type: str = "all",
        *,
        item: ItemInput | None = None,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
        limit: int | None = None,
        on_page: Callable[[PageInfo], None] | None = None,
    ) -> Iterator[HistoryItem]:
        """Plays, newest first, all pages: of one `type` (movies, shows, seasons,
        episodes, all), or of one `item` (a show gives all its episodes; a season or an
        episode known by numbers is filtered from its show's plays), between `since`
        and `until` (datetimes, or text: `2024-01-01`, `7d`, `yesterday` ...)."""
        kind = validate_list_type(type)
        start, end = as_bound(since, "--since"), as_bound(until, "--until")
        if start and end:
            validate_range(parse_datetime(start), parse_datetime(end))
        max_items = check_max_items(limit)
        params = {"start_at": start, "end_at": end}
        if item is None:
            path = "/sync/history" if kind == "all" else f"/sync/history/{kind}"
            return paged(
                self._http,
                path,
                HistoryItem.model_validate,
                params=params,
                limit=max_items,
                on_page=on_page,
            )
        resolved = self._writer.resolve_one(item, direct=False)
        path, keep = self._item_path(resolved)
        plays = paged(self._http, path, HistoryItem.model_validate, params=params, on_page=on_page)
        filtered = (p for p in plays if keep(p))
        return _take(filtered, max_items)

    def list(
        self,
        type: str = "all",
        *,
        item: ItemInput | None = None,
        since: datetime | str | None = None,
        until: datetime | str | None = None,
        limit: int | None = None,
    ) -> builtins.list[HistoryItem]:
        return builtins.list(self.iter(type, item=item, since=since, until=until, limit=limit))

    @staticmethod
    def _item_path(item: ResolvedItem) -> tuple[str, Callable[[HistoryItem], bool]]:
        own = item.media.ids.trakt
        if item.type in ("movie", "show") or (item.type == "episode" and own):
            if not own:
                raise InvalidInput(f"{item.label} has no Trakt id to read its history by")
            return f"/sync/history/{_SECTION[item.type]}/{own}", lambda p: True
        show = item.show.ids.trakt if item.show is not None else None
        if not show:
            raise InvalidInput(f"{item.label} has no show Trakt id to read its history by")

        def keep(play: HistoryItem) -> bool:
            ep = play.episode
            if ep is None or ep.season != item.season:
                return False
            return item.type == "season" or ep.number == item.episode

        return f"/sync/history/shows/{show}", keep

    # -- writing ---------------------------------------------------------------------

    def add(
        self,
        items: Sequence[ItemInput],
        *,
        watched_at: str | datetime | None = None,
        hooks: WriteHooks | None = None,
    ) -> WriteReport:
        """`POST /sync/history` in batches. `watched_at`: a datetime, ISO text, `now`
        (default: the current minute, computed here so a failed write can be checked),
        `released` or `unknown`; an item's own `watched_at` (from a file) wins."""
        when = _watched_at(watched_at)
        resolved = self._writer.resolve_all(items, hooks)
        prepared = with_fields(resolved, {"watched_at": when}, ("watched_at",))
        return self._writer.write(
            "/sync/history", prepared, idempotent=False, hooks=hooks, verifier=self.applied
        )

    def remove(self, items: Sequence[ItemInput], *, hooks: WriteHooks | None = None) -> WriteReport:
        """`POST /sync/history/remove`: every play of each item."""
        resolved = with_fields(self._writer.resolve_all(items, hooks), {}, ())
        return self._writer.write("/sync/history/remove", resolved, idempotent=True, hooks=hooks)

    def remove_plays(self, ids: Sequence[int]) -> WriteReport:
        """`POST /sync/history/remove {"ids": [...]}`: single plays by history id."""
        play_ids = check_play_ids(ids)
        path, result = "/sync/history/remove", SyncResult()
        try:
            for chunk in chunk_items(play_ids, DEFAULT_CHUNK_SIZE):
                result = result.merge(self._writer.post(path, {"ids": chunk}, idempotent=True))
        except TraktError:
            if self._writer.observer is not None:
                self._writer.observer.failed(path)
            raise
        missing = set(result.not_found.ids or []) if result.not_found else set()
        plays = tuple((i, "not_found" if i in missing else "deleted") for i in play_ids)
        report = WriteReport(resolved=(), result=result, outcomes=(), plays=plays)
        if self._writer.observer is not None:
            self._writer.observer.written(path, (), report)
        return report

    # -- checking a failed add -----------------------------------------------------------

    def applied(self, items: Sequence[WriteItem]) -> builtins.list[int | None]:
        """For each item of a failed add, how many matching plays exist (None: unknown)."""
        minutes = [m for w in items if (m := watched_minute(w.fields)) is not None]
        plays: builtins.list[HistoryItem] = []
        for start, end in play_windows(minutes):
            params: dict[str, Any] = {
                "start_at": format_datetime(start),
                "end_at": format_datetime(end),
            }
            plays.extend(
                paged(self._http, "/sync/history", HistoryItem.model_validate, params=params)
            )
        return count_applied([(w.item, w.fields) for w in items], plays)


def _take(items: Iterator[HistoryItem], limit: int | None) -> Iterator[HistoryItem]:
    for count, item in enumerate(items, 1):
        yield item
        if limit is not None and count >= limit:
            return
