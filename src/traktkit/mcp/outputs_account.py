"""Outputs of the account tools: login, sync and stats."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

__all__ = [
    "LoginComplete",
    "LoginStart",
    "MonthOut",
    "StatsOut",
    "SyncOut",
    "SyncSectionOut",
    "TitleCountOut",
    "epoch_iso",
]


def epoch_iso(epoch: float) -> str:
    """`2026-01-15T20:00:00Z` from epoch seconds."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class LoginStart(BaseModel):
    verification_url: str = Field(description="The page the user opens.")
    user_code: str = Field(description="The code the user enters there.")
    expires_in: int = Field(description="Seconds the code stays valid.")
    expires_at: str
    already_logged_in: bool = Field(
        description="A login already exists; completing this one replaces it."
    )
    next_step: str


class LoginComplete(BaseModel):
    status: Literal["logged_in", "pending"]
    message: str
    username: str | None = None
    expires_at: str | None = Field(None, description="When the new access token expires.")
    verification_url: str | None = None
    user_code: str | None = None


class SyncSectionOut(BaseModel):
    section: str
    status: str = Field(description="unchanged, full, incremental or unavailable.")
    added: int = 0
    removed: int = 0
    updated: int = 0
    total: int | None = None
    requests: int = 0
    skipped: int | None = None
    detail: str | None = None


class SyncOut(BaseModel):
    summary: str
    full: bool
    requests: int = Field(description="API requests the sync took.")
    started_at: str | None = None
    finished_at: str | None = None
    changed: list[str]
    unavailable: list[str]
    sections: list[SyncSectionOut]


class TitleCountOut(BaseModel):
    name: str
    plays: int
    minutes: int
    trakt: int | None = None
    year: int | None = None


class MonthOut(BaseModel):
    month: str = Field(description="YYYY-MM.")
    plays: int
    minutes: int


class StatsOut(BaseModel):
    year: int | None = Field(None, description="The calendar year; none for all time.")
    plays: int
    movie_plays: int
    episode_plays: int
    movies: int = Field(description="Distinct movies played.")
    episodes: int = Field(description="Distinct episodes played.")
    shows: int = Field(description="Distinct shows played.")
    minutes: int
    hours: float
    unknown_runtime_plays: int = Field(description="Plays whose runtime is unknown (not counted).")
    top_genres: list[TitleCountOut]
    top_shows: list[TitleCountOut]
    top_movies: list[TitleCountOut]
    ratings: dict[str, int] = Field(description="How many ratings of each value 1-10.")
    ratings_count: int
    ratings_average: float | None = None
    by_month: list[MonthOut]
    last_sync_at: str | None = Field(None, description="When the local mirror was synced.")
