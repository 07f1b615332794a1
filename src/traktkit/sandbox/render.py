"""JSON shapes of catalogue objects: minimal (§7.1) and `extended=full` (§7.2)."""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.catalogue import Episode, Movie, Person, Season, Show
from traktkit.sandbox.library import PersonalList
from traktkit.sandbox.timeutil import iso, iso_or_none
from traktkit.sandbox.users import UserState

CATALOGUE_UPDATED_AT = "2026-01-01T00:00:00.000Z"


def _trailer(slug: str) -> str:
    return f"https://youtube.com/watch?v=sandbox-{slug}"


def movie_json(movie: Movie, *, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": movie.title,
        "year": movie.year,
        "ids": {"trakt": movie.trakt, "slug": movie.slug, "imdb": movie.imdb, "tmdb": movie.tmdb},
    }
    if full:
        out.update(
            {
                "tagline": movie.tagline,
                "overview": movie.overview,
                "released": movie.released,
                "runtime": movie.runtime,
                "country": movie.country,
                "trailer": _trailer(movie.slug),
                "homepage": None,
                "status": movie.status,
                "rating": movie.rating,
                "votes": movie.votes,
                "comment_count": 0,
                "updated_at": CATALOGUE_UPDATED_AT,
                "language": movie.language,
                "languages": [movie.language],
                "available_translations": [movie.language],
                "genres": list(movie.genres),
                "subgenres": [],
                "certification": movie.certification,
                "original_title": movie.title,
                "after_credits": False,
                "during_credits": False,
            }
        )
    return out


def show_json(show: Show, *, full: bool = False, now: float | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "title": show.title,
        "year": show.year,
        "ids": {
            "trakt": show.trakt,
            "slug": show.slug,
            "tvdb": show.tvdb,
            "imdb": show.imdb,
            "tmdb": show.tmdb,
        },
    }
    if full:
        day, time, timezone = show.airs
        aired = [e for e in show.episodes() if e.season > 0 and _aired(e, now)]
        out.update(
            {
                "tagline": None,
                "overview": show.overview,
                "first_aired": iso_or_none(show.first_aired),
                "airs": {"day": day, "time": time, "timezone": timezone},
                "runtime": show.runtime,
                "certification": show.certification,
                "network": show.network,
                "country": show.country,
                "trailer": _trailer(show.slug),
                "homepage": None,
                "status": show.status,
                "rating": show.rating,
                "votes": show.votes,
                "comment_count": 0,
                "updated_at": CATALOGUE_UPDATED_AT,
                "language": show.language,
                "languages": [show.language],
                "available_translations": [show.language],
                "genres": list(show.genres),
                "subgenres": [],
                "aired_episodes": len(aired),
                "original_title": show.title,
                "total_runtime": (show.runtime or 0) * len(aired),
            }
        )
    return out


def _aired(episode: Episode, now: float | None) -> bool:
    if episode.first_aired is None:
        return False
    return now is None or episode.first_aired <= now


def episode_json(episode: Episode, *, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "season": episode.season,
        "number": episode.number,
        "title": episode.title,
        "ids": {
            "trakt": episode.trakt,
            "tvdb": episode.tvdb,
            "imdb": episode.imdb,
            "tmdb": episode.tmdb,
        },
    }
    if full:
        out.update(
            {
                "number_abs": episode.number_abs,
                "overview": episode.overview,
                "first_aired": iso_or_none(episode.first_aired),
                "updated_at": CATALOGUE_UPDATED_AT,
                "rating": episode.rating,
                "votes": episode.votes,
                "comment_count": 0,
                "available_translations": ["en"],
                "runtime": episode.runtime,
                "episode_type": episode.episode_type,
                "original_title": episode.title,
                "after_credits": False,
                "during_credits": False,
            }
        )
    return out


def season_json(
    show: Show,
    season: Season,
    *,
    full: bool = False,
    episodes: bool = False,
    episodes_full: bool = False,
    now: float | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": season.number,
        "ids": {"trakt": season.trakt, "tvdb": season.tvdb, "tmdb": season.tmdb},
    }
    if full:
        aired = [e for e in season.episodes if _aired(e, now)]
        out.update(
            {
                "rating": season.rating,
                "votes": season.votes,
                "episode_count": len(season.episodes),
                "aired_episodes": len(aired),
                "title": season.title,
                "overview": None,
                "first_aired": iso_or_none(season.first_aired),
                "updated_at": CATALOGUE_UPDATED_AT,
                "network": show.network,
                "total_runtime": sum(e.runtime or 0 for e in aired),
            }
        )
    if episodes:
        out["episodes"] = [episode_json(e, full=episodes_full) for e in season.episodes]
    return out


def person_json(person: Person, *, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": person.name,
        "ids": {
            "trakt": person.trakt,
            "slug": person.slug,
            "imdb": person.imdb,
            "tmdb": person.tmdb,
        },
    }
    if full:
        out.update(
            {
                "social_ids": {
                    "twitter": None,
                    "facebook": None,
                    "instagram": None,
                    "wikipedia": None,
                },
                "biography": None,
                "birthday": None,
                "death": None,
                "birthplace": None,
                "homepage": None,
                "gender": None,
                "known_for_department": person.known_for_department,
                "updated_at": CATALOGUE_UPDATED_AT,
            }
        )
    return out


def list_json(user: UserState, plist: PersonalList) -> dict[str, Any]:
    """A personal list object (§7.3)."""
    return {
        "name": plist.name,
        "description": plist.description,
        "privacy": plist.privacy,
        "share_link": f"https://trakt.tv/lists/{plist.trakt}",
        "type": "personal",
        "display_numbers": plist.display_numbers,
        "allow_comments": plist.allow_comments,
        "sort_by": plist.sort_by,
        "sort_how": plist.sort_how,
        "created_at": iso(plist.created_at),
        "updated_at": iso(plist.updated_at),
        "item_count": len(plist.items),
        "comment_count": plist.comment_count,
        "likes": plist.likes,
        "ids": {"trakt": plist.trakt, "slug": plist.slug},
        "user": user.to_json(),
    }
