"""Small helpers shared by the CLI tests of the item commands."""

from __future__ import annotations

from typing import Any

from tests.conftest import Result, Sandbox

INCEPTION = {"trakt": 16662, "imdb": "tt1375666", "tmdb": 27205}
BREAKING_BAD = {"trakt": 1388, "imdb": "tt0903747", "tvdb": 81189}


def ok(sb: Sandbox, *args: str, **env: str) -> Result:
    result = sb.cli(*args, **env)
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.stderr}\n{result.stdout}"
    return result


def ok_json(sb: Sandbox, *args: str) -> Any:
    return ok(sb, *args, "--json").json()


def count(sb: Sandbox, route: str) -> int:
    by_route: dict[str, int] = sb.requests()["by_route"]
    return by_route.get(route, 0)


def statuses(report: dict[str, Any]) -> list[str]:
    return [item["status"] for item in report["items"]]


def media_ids(entry: dict[str, Any]) -> dict[str, Any]:
    """The ids of the item a wrapper names (`{"type":"movie","movie":{…}}`)."""
    ids: dict[str, Any] = entry[entry["type"]]["ids"]
    return ids


def library(sb: Sandbox, user: str = "demo") -> Any:
    found = sb.state.find_user(user)
    assert found is not None
    return found.library


def exact_write_counts(sb: Sandbox) -> None:
    """Before asserting exact POST counts: shrink the sandbox's write interval well below
    the client's pacing, so that timing jitter on a loaded machine cannot add a 429 (and
    its retry) to the counts. Pacing itself is tested in tests/http."""
    sb.control("POST", "/_sandbox/config", {"write_interval": 0.01})
