"""Helpers of the export / import CLI tests: sandboxes, a second account, counts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.cli.conftest import FAST_HTTP
from tests.conftest import Result, Sandbox, make_sandbox
from traktkit.client import Trakt
from traktkit.config import Settings
from traktkit.sandbox.library import Library
from traktkit.sandbox.timeutil import iso

SMALL_CATALOGUE = {"synthetic_movies": 400, "synthetic_shows": 40}
LIBRARY = "synthetic:plays=300,ratings=80,watchlist=20,collection=30,favorites=8,lists=2,items=6"
DATA = Path(__file__).parent.parent / "data"


def logged_in_sandbox(tmp_path: Path, library: str | None = None) -> Iterator[Sandbox]:
    """A sandbox (small catalogue) with the CLI logged in as `demo`; counts reset."""
    for sb in make_sandbox(tmp_path, auto_approve="demo", library=library, **SMALL_CATALOGUE):
        result = sb.cli("login")
        assert result.exit_code == 0, result.stderr
        sb.reset_counts()
        yield sb


def second_account(sb: Sandbox, tmp_path: Path, username: str = "restore") -> dict[str, str]:
    """Log a second TRAKTKIT_HOME in as another (empty) user; its env overrides."""
    sb.control("POST", "/_sandbox/config", {"auto_approve": username})
    env = {"TRAKTKIT_HOME": str(tmp_path / f"home-{username}")}
    result = sb.cli("login", **env)
    assert result.exit_code == 0, result.stderr
    sb.control("POST", "/_sandbox/config", {"auto_approve": "demo"})
    return env


def run(sb: Sandbox, *args: str, expect: int = 0, **env: str) -> Result:
    result = sb.cli(*args, **env)
    assert result.exit_code == expect, f"exit {result.exit_code}\n{result.stderr}\n{result.stdout}"
    return result


def library(sb: Sandbox, user: str = "demo") -> Library:
    found = sb.state.find_user(user)
    assert found is not None
    lib: Library = found.library
    return lib


def posts(sb: Sandbox) -> int:
    """Write requests the sandbox received since the last reset."""
    by_route: dict[str, int] = sb.requests()["by_route"]
    return sum(n for route, n in by_route.items() if not route.startswith("GET "))


def route_count(sb: Sandbox, route: str) -> int:
    by_route: dict[str, int] = sb.requests()["by_route"]
    return by_route.get(route, 0)


def plays(sb: Sandbox, user: str = "demo") -> Counter[tuple[str, int, str]]:
    """The user's plays as (kind, trakt id, watched_at) with their counts."""
    return Counter((p.ref.kind, p.ref.trakt, iso(p.watched_at)) for p in library(sb, user).history)


def ratings(sb: Sandbox, user: str = "demo") -> dict[tuple[str, int], tuple[int, str]]:
    return {
        (ref.kind, ref.trakt): (e.rating, iso(e.rated_at))
        for ref, e in library(sb, user).ratings.items()
    }


def rate(sb: Sandbox, items: list[str], rating: int, rated_at: str | None = None) -> None:
    """Rate items as `demo` (`rated_at`: now unless given), through the library."""
    with Trakt(Settings.from_env(sb.env), http_options=FAST_HTTP) as trakt:
        trakt.ratings.add(items, rating, rated_at=rated_at)


def watchlist(sb: Sandbox, user: str = "demo") -> list[tuple[str, int, str | None]]:
    items = sorted(library(sb, user).watchlist, key=lambda i: i.rank)
    return [(i.ref.kind, i.ref.trakt, i.notes) for i in items]


def read_json(path: str | Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))
