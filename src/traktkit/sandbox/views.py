"""JSON shapes of library entries: list items (§7.4), plays (§8.6), ratings (§8.7), hidden
items (§12.5), playback (§8.3). Each embeds its media object by `MediaRef` (seasons and
episodes with their `show`), minimal or `extended=full`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from traktkit.sandbox.library import (
    HiddenItem,
    HistoryEntry,
    ListItem,
    MediaRef,
    PlaybackEntry,
    RatingEntry,
)
from traktkit.sandbox.render import episode_json, movie_json, person_json, season_json, show_json
from traktkit.sandbox.timeutil import iso

if TYPE_CHECKING:
    from traktkit.sandbox.state import SandboxState


def media(state: SandboxState, ref: MediaRef, *, full: bool = False) -> dict[str, Any]:
    """`{"movie": …}`, `{"show": …}`, `{"season": …, "show": …}`, `{"episode": …, "show": …}`
    or `{"person": …}`."""
    cat = state.catalogue
    now = state.now()
    if ref.kind == "movie":
        return {"movie": movie_json(cat.movies[ref.trakt], full=full)}
    if ref.kind == "show":
        return {"show": show_json(cat.shows[ref.trakt], full=full, now=now)}
    if ref.kind == "season":
        show, season = cat.seasons[ref.trakt]
        return {
            "season": season_json(show, season, full=full, now=now),
            "show": show_json(show, full=full, now=now),
        }
    if ref.kind == "episode":
        show, episode = cat.episodes[ref.trakt]
        return {
            "episode": episode_json(episode, full=full),
            "show": show_json(show, full=full, now=now),
        }
    if ref.kind == "person":
        return {"person": person_json(cat.people[ref.trakt], full=full)}
    raise ValueError(f"no media view for {ref.kind}")


def list_item_json(state: SandboxState, item: ListItem, *, full: bool = False) -> dict[str, Any]:
    return {
        "rank": item.rank,
        "id": item.id,
        "listed_at": iso(item.listed_at),
        "notes": item.notes,
        "type": item.ref.kind,
        **media(state, item.ref, full=full),
    }


def history_json(state: SandboxState, entry: HistoryEntry, *, full: bool = False) -> dict[str, Any]:
    return {
        "id": entry.id,
        "watched_at": iso(entry.watched_at),
        "action": entry.action,
        "type": entry.ref.kind,
        **media(state, entry.ref, full=full),
    }


def rating_json(state: SandboxState, entry: RatingEntry, *, full: bool = False) -> dict[str, Any]:
    return {
        "rated_at": iso(entry.rated_at),
        "rating": entry.rating,
        "type": entry.ref.kind,
        **media(state, entry.ref, full=full),
    }


def hidden_json(state: SandboxState, item: HiddenItem, *, full: bool = False) -> dict[str, Any]:
    if item.username is not None:
        user = state.find_user(item.username)
        shown = user.to_json() if user else {"username": item.username, "ids": {}}
        return {"hidden_at": iso(item.hidden_at), "type": "user", "user": shown}
    return {
        "hidden_at": iso(item.hidden_at),
        "type": item.ref.kind,
        **media(state, item.ref, full=full),
    }


def playback_json(
    state: SandboxState, entry: PlaybackEntry, *, full: bool = False
) -> dict[str, Any]:
    return {
        "progress": entry.progress,
        "paused_at": iso(entry.paused_at),
        "id": entry.id,
        "type": entry.ref.kind,
        **media(state, entry.ref, full=full),
    }
