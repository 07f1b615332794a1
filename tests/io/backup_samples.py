"""A small hand-written backup document with every kind of entry."""

from __future__ import annotations

import copy
from typing import Any

INCEPTION = {
    "title": "Inception",
    "year": 2010,
    "ids": {"trakt": 16662, "slug": "inception-2010", "imdb": "tt1375666", "tmdb": 27205},
}
MATRIX = {
    "title": "The Matrix",
    "year": 1999,
    "ids": {"trakt": 481, "slug": "the-matrix-1999", "imdb": "tt0133093", "tmdb": 603},
}
BREAKING_BAD = {
    "title": "Breaking Bad",
    "year": 2008,
    "ids": {
        "trakt": 1388,
        "slug": "breaking-bad",
        "imdb": "tt0903747",
        "tmdb": 1396,
        "tvdb": 81189,
    },
}
PILOT = {
    "season": 1,
    "number": 1,
    "title": "Pilot",
    "ids": {"trakt": 73482, "tvdb": 349232, "imdb": "tt0959621", "tmdb": 62085},
}

BACKUP: dict[str, Any] = {
    "format": "traktkit-backup",
    "version": 1,
    "exported_at": "2026-01-01T12:00:00.000Z",
    "generator": "traktkit test",
    "source": "mirror",
    "user": {"username": "demo", "ids": {"slug": "demo"}},
    "counts": {},
    "unavailable": [],
    "history": [
        {
            "id": 3,
            "watched_at": "2024-05-01T21:30:45.000Z",
            "action": "watch",
            "type": "movie",
            "movie": INCEPTION,
        },
        {
            "id": 2,
            "watched_at": "2024-04-01T20:00:00.000Z",
            "action": "scrobble",
            "type": "episode",
            "episode": PILOT,
            "show": BREAKING_BAD,
        },
        {
            "id": 1,
            "watched_at": "1970-01-01T00:00:00.000Z",
            "action": "watch",
            "type": "movie",
            "movie": MATRIX,
        },
    ],
    "ratings": [
        {"rated_at": "2024-05-02T10:00:00.000Z", "rating": 9, "type": "movie", "movie": INCEPTION},
        {
            "rated_at": "2024-05-03T10:00:00.000Z",
            "rating": 8,
            "type": "season",
            "season": {"number": 2, "ids": {"trakt": 3951}},
            "show": BREAKING_BAD,
        },
    ],
    "watchlist": [
        {
            "rank": 2,
            "id": 11,
            "listed_at": "2024-01-01T00:00:00.000Z",
            "notes": None,
            "type": "show",
            "show": BREAKING_BAD,
        },
        {
            "rank": 1,
            "id": 10,
            "listed_at": "2024-01-02T00:00:00.000Z",
            "notes": "soon",
            "type": "movie",
            "movie": MATRIX,
        },
    ],
    "collection": {
        "movies": [
            {
                "collected_at": "2023-03-01T10:00:00.000Z",
                "updated_at": "2023-03-01T10:00:00.000Z",
                "movie": INCEPTION,
                "metadata": {
                    "media_type": "bluray",
                    "resolution": "hd_1080p",
                    "hdr": None,
                    "audio": "dts_ma",
                    "audio_channels": "5.1",
                    "3d": None,
                },
            },
        ],
        "shows": [
            {
                "last_collected_at": "2023-04-01T10:00:00.000Z",
                "last_updated_at": "2023-04-01T10:00:00.000Z",
                "show": BREAKING_BAD,
                "seasons": [
                    {
                        "number": 1,
                        "episodes": [
                            {
                                "number": 1,
                                "collected_at": "2023-04-01T10:00:00.000Z",
                                "metadata": {"media_type": "digital"},
                            },
                            {
                                "number": 2,
                                "collected_at": "2023-04-01T10:00:00.000Z",
                                "metadata": None,
                            },
                        ],
                    }
                ],
            },
        ],
    },
    "favorites": [
        {
            "rank": 1,
            "id": 20,
            "listed_at": "2024-01-03T00:00:00.000Z",
            "notes": "best",
            "type": "movie",
            "movie": INCEPTION,
        },
    ],
    "lists": [
        {
            "list": {
                "name": "Mind benders",
                "description": "twisty",
                "privacy": "public",
                "type": "personal",
                "display_numbers": True,
                "allow_comments": False,
                "sort_by": "rank",
                "sort_how": "asc",
                "created_at": "2023-01-01T00:00:00.000Z",
                "updated_at": "2023-01-02T00:00:00.000Z",
                "item_count": 2,
                "ids": {"trakt": 5, "slug": "mind-benders"},
            },
            "items": [
                {
                    "rank": 1,
                    "id": 30,
                    "listed_at": "2023-01-02T00:00:00.000Z",
                    "type": "movie",
                    "movie": INCEPTION,
                },
                {
                    "rank": 2,
                    "id": 31,
                    "listed_at": "2023-01-02T00:00:00.000Z",
                    "type": "person",
                    "person": {
                        "name": "Christopher Nolan",
                        "ids": {"trakt": 9, "slug": "christopher-nolan"},
                    },
                },
            ],
        }
    ],
}


def backup(**changes: Any) -> dict[str, Any]:
    """A deep copy of BACKUP with top-level keys replaced."""
    data = copy.deepcopy(BACKUP)
    data.update(changes)
    return data
