"""A tiny in-memory Trakt for library tests over `httpx2.MockTransport`: enough of
/sync/history, /sync/watchlist and /search to drive the write engine, with faults that
fail a request before or *after* applying it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from traktkit.client import Trakt
from traktkit.config import Settings
from traktkit.models import format_datetime, parse_datetime, truncate_to_minute

MOVIES: dict[int, dict[str, Any]] = {
    16662: {"title": "Inception", "year": 2010, "ids": {"trakt": 16662, "imdb": "tt1375666"}},
    481: {"title": "The Matrix", "year": 1999, "ids": {"trakt": 481, "imdb": "tt0133093"}},
    1001: {"title": "Dune", "year": 2021, "ids": {"trakt": 1001, "imdb": "tt1160419"}},
    1002: {"title": "Dune", "year": 1984, "ids": {"trakt": 1002, "imdb": "tt0087182"}},
}
NOW = "2025-03-01T10:00:00.000Z"


@dataclass
class Fault:
    """Fail `count` requests to `route` (after letting `after` through): `mode` is `503`
    (not applied), `apply-503` or `apply-timeout` (applied, then the client sees a
    failure)."""

    route: str
    mode: str
    count: int = 1
    after: int = 0  # let this many matching requests through first


@dataclass
class FakeTrakt:
    plays: list[dict[str, Any]] = field(default_factory=list)
    watchlist: list[int] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    bodies: list[Any] = field(default_factory=list)

    def handler(self, request: httpx2.Request) -> httpx2.Response:
        route = f"{request.method} {request.url.path}"
        self.calls.append(route)
        body = json.loads(request.content) if request.content else None
        if request.method == "POST":
            self.bodies.append(body)
        fault = next((f for f in self.faults if f.route == route and f.count > 0), None)
        if fault is not None and fault.after > 0:
            fault.after -= 1
            fault = None
        if fault is not None:
            fault.count -= 1
            if fault.mode == "503":
                return httpx2.Response(503, json={"error": "unavailable"})
        response = self._answer(request, body)
        if fault is not None and fault.mode == "apply-503":
            return httpx2.Response(503, json={"error": "unavailable"})
        if fault is not None and fault.mode == "apply-timeout":
            raise httpx2.ReadTimeout("timed out", request=request)
        return response

    def _answer(self, request: httpx2.Request, body: Any) -> httpx2.Response:
        path, params = request.url.path, request.url.params
        if path.startswith("/search/movie"):
            query = params.get("query", "").lower()
            hits = [m for m in MOVIES.values() if query in m["title"].lower()]
            return httpx2.Response(
                200, json=[{"type": "movie", "score": 10.0, "movie": m} for m in hits]
            )
        if path.startswith("/search/trakt/"):
            movie = MOVIES.get(int(path.rsplit("/", 1)[1]))
            hits = [{"type": "movie", "score": None, "movie": movie}] if movie else []
            return httpx2.Response(200, json=hits)
        if path == "/sync/history" and request.method == "GET":
            start, end = params.get("start_at"), params.get("end_at")
            found = [
                p
                for p in self.plays
                if (start is None or p["watched_at"] >= start)
                and (end is None or p["watched_at"] <= end)
            ]
            return httpx2.Response(200, json=found, headers={"X-Pagination-Page-Count": "1"})
        if path == "/sync/history" and request.method == "POST":
            added = 0
            not_found = []
            for entry in body.get("movies", []):
                movie = MOVIES.get(entry["ids"].get("trakt", 0))
                if movie is None:
                    not_found.append(entry)
                    continue
                when = entry.get("watched_at", NOW)
                if when in ("released", "unknown"):
                    when = NOW
                when = format_datetime(truncate_to_minute(parse_datetime(when)))
                self.plays.append(
                    {
                        "id": 9000 + len(self.plays),
                        "watched_at": when,
                        "action": "watch",
                        "type": "movie",
                        "movie": movie,
                    }
                )
                added += 1
            return httpx2.Response(
                201,
                json={
                    "added": {"movies": added, "episodes": 0},
                    "not_found": {"movies": not_found, "shows": [], "episodes": []},
                },
            )
        if path == "/sync/watchlist" and request.method == "POST":
            added = existing = 0
            for entry in body.get("movies", []):
                trakt = entry["ids"]["trakt"]
                if trakt in self.watchlist:
                    existing += 1
                else:
                    self.watchlist.append(trakt)
                    added += 1
            return httpx2.Response(
                201,
                json={
                    "added": {"movies": added},
                    "existing": {"movies": existing},
                    "not_found": {"movies": []},
                },
            )
        return httpx2.Response(404, json={"error": "not_found"})

    def client(self, home: Path, **http: Any) -> Trakt:
        settings = Settings(
            client_id="cid",
            api_url="https://api.example.test",
            home=home,
            access_token="token-123",
            token_store="file",
        )
        sleeps: list[float] = []
        options: dict[str, Any] = {"write_interval": 0.0, **http}
        trakt = Trakt(
            settings,
            transport=httpx2.MockTransport(self.handler),
            sleep=sleeps.append,
            http_options=options,
        )
        trakt.writer.verify_delay = 0.0
        return trakt

    def count(self, route: str) -> int:
        return self.calls.count(route)
