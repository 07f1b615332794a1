"""Library changes shared by several routes: last_activities bumps, the account-limit check
(§6.3), watchlist bookkeeping and auto-removal on watch (§8.8, §13.15), recording plays
(history and scrobble, §8.6, §12.2) and playback progress (§8.3)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from traktkit.sandbox.errors import account_limit
from traktkit.sandbox.library import (
    LAST_ACTIVITY_FIELDS,
    HistoryAction,
    HistoryEntry,
    MediaRef,
    PlaybackEntry,
)
from traktkit.sandbox.listitems import remove_refs, summary
from traktkit.sandbox.matching import PLURAL

if TYPE_CHECKING:
    from traktkit.sandbox.state import SandboxState
    from traktkit.sandbox.users import UserState


def bump(user: UserState, kinds: Iterable[str], name: str, now: float) -> None:
    """Move `<kind>s.<name>` (for the kinds that have it) and `all` to `now`."""
    for kind in set(kinds):
        section = PLURAL.get(kind, kind)
        if name in LAST_ACTIVITY_FIELDS.get(section, ()):
            user.bump(section, name, now)


def check_limit(user: UserState, what: str, limit: int, current: int, adding: int) -> None:
    """420 when `adding` new entries would take `current` past `limit`."""
    if adding > 0 and current + adding > limit:
        raise account_limit(limit, user.vip, what)


def watchlist_summary(user: UserState) -> dict[str, Any]:
    """The `list` object of watchlist write responses."""
    updated = user.last_activities.values["watchlist"]["updated_at"]
    return summary(len(user.library.watchlist), updated)


def remove_from_watchlist(user: UserState, refs: set[MediaRef], now: float) -> dict[str, int]:
    """Drop the entries of `refs`; renumber, bump; the count removed per kind."""
    removed = remove_refs(user.library.watchlist, refs)
    if removed:
        bump(user, removed, "watchlisted_at", now)
        user.bump("watchlist", "updated_at", now)
    return removed


def remove_watched(
    state: SandboxState, user: UserState, played: Iterable[MediaRef], now: float
) -> dict[str, int]:
    """Auto-removal: a watched movie leaves the watchlist; a watched episode takes its own
    entry, its season's and its show's with it."""
    cat = state.catalogue
    refs: set[MediaRef] = set()
    for ref in played:
        refs.add(ref)
        if ref.kind == "episode":
            show, ep = cat.episodes[ref.trakt]
            refs.add(MediaRef("show", show.trakt))
            season = show.season(ep.season)
            if season is not None:
                refs.add(MediaRef("season", season.trakt))
    return remove_from_watchlist(user, refs, now)


def record_plays(
    state: SandboxState,
    user: UserState,
    plays: Sequence[tuple[MediaRef, float]],
    action: HistoryAction,
    now: float,
) -> list[HistoryEntry]:
    """Add plays `(ref, watched_at)` to the history (420 past `limits.history`), bump
    `watched_at` and take the watched items off the watchlist. Never de-duplicates."""
    lib = user.library
    check_limit(user, "history", user.limits.history, len(lib.history), len(plays))
    added = [HistoryEntry(state.next_id("history"), ref, at, action, now) for ref, at in plays]
    lib.history.extend(added)
    if added:
        bump(user, (ref.kind for ref, _ in plays), "watched_at", now)
        remove_watched(state, user, {ref for ref, _ in plays}, now)
    return added


def save_playback(
    state: SandboxState, user: UserState, ref: MediaRef, progress: float, now: float
) -> PlaybackEntry:
    """Store paused progress (one entry per item, its id kept) and bump `paused_at`."""
    lib = user.library
    entry = next((p for p in lib.playback if p.ref == ref), None)
    if entry is None:
        entry = PlaybackEntry(state.next_id("playback"), ref, progress, now)
        lib.playback.append(entry)
    entry.progress, entry.paused_at = progress, now
    bump(user, [ref.kind], "paused_at", now)
    return entry


def drop_playback(user: UserState, ref: MediaRef, now: float) -> bool:
    """Remove the paused progress of `ref` (bumping `paused_at`); whether there was one."""
    lib = user.library
    kept = [p for p in lib.playback if p.ref != ref]
    if len(kept) == len(lib.playback):
        return False
    lib.playback = kept
    bump(user, [ref.kind], "paused_at", now)
    return True
