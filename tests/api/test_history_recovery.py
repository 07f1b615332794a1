"""No duplicate plays against the real sandbox: a history POST that the server applied
but the client saw fail (503 or a timeout) is checked, not blindly re-sent."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx2
import pytest

from tests.cli.cli_helpers import exact_write_counts
from tests.conftest import Sandbox
from traktkit.client import Trakt
from traktkit.config import Settings


class ApplyThenFail(httpx2.BaseTransport):
    """Forward to the sandbox over loopback, then replace the answer to the first
    `times` requests for `route` with a failure: the server applied the write, the
    client never learns it. (The sandbox's own faults fire before the handler.)"""

    def __init__(self, route: str, failure: str, times: int = 1) -> None:
        self.inner = httpx2.HTTPTransport()
        self.route, self.failure, self.times = route, failure, times

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = self.inner.handle_request(request)
        if f"{request.method} {request.url.path}" != self.route or self.times <= 0:
            return response
        self.times -= 1
        response.read()
        response.close()
        if self.failure == "timeout":
            raise httpx2.ReadTimeout("timed out", request=request)
        return httpx2.Response(503, json={"error": "service_unavailable"}, request=request)

    def close(self) -> None:
        self.inner.close()


@contextmanager
def client(sb: Sandbox, **kwargs: Any) -> Iterator[Trakt]:
    options = {"write_interval": 0.1, **kwargs.pop("http_options", {})}
    with Trakt(Settings.from_env(sb.env), http_options=options, **kwargs) as trakt:
        trakt.writer.verify_delay = 0.0
        yield trakt


def _plays(sb: Sandbox) -> int:
    user = sb.state.find_user("demo")
    assert user is not None
    return len(user.library.history)


@pytest.mark.parametrize("failure", ["503", "timeout"])
def test_applied_then_failed_post_is_not_resent(logged_in: Sandbox, failure: str) -> None:
    transport = ApplyThenFail("POST /sync/history", failure)
    exact_write_counts(logged_in)
    logged_in.reset_counts()
    with client(logged_in, transport=transport) as trakt:
        report = trakt.history.add(
            ["Inception (2010)", "Breaking Bad S01E01", "The Matrix (1999)"],
            watched_at="2024-05-01T21:30:45Z",
        )
    counts = logged_in.requests()["by_route"]
    assert counts["POST /sync/history"] == 1  # applied once, never sent again
    assert counts["GET /sync/history"] == 1  # one check of that minute
    assert _plays(logged_in) == 3
    assert report.recovered == 3
    assert [o.status for o in report.outcomes] == ["added"] * 3
    assert report.result.added is not None
    assert (report.result.added.movies, report.result.added.episodes) == (2, 1)


def test_server_error_before_applying_resends_only_once(logged_in: Sandbox) -> None:
    logged_in.control(
        "POST",
        "/_sandbox/faults",
        {"rules": [{"route": "POST /sync/history", "status": 500, "count": 1}]},
    )
    exact_write_counts(logged_in)
    logged_in.reset_counts()
    with client(logged_in) as trakt:
        report = trakt.history.add(["Breaking Bad S01"], watched_at="now")
    counts = logged_in.requests()["by_route"]
    assert counts["POST /sync/history"] == 2
    assert _plays(logged_in) == 7  # the season's episodes, once each
    assert report.result.added is not None and report.result.added.episodes == 7


def test_timeout_while_the_server_is_slow(logged_in: Sandbox) -> None:
    """The sandbox holds the POST longer than the client waits; the client lets it settle
    (`verify_delay`), checks, and the history ends with exactly one play. (The sandbox
    drops a request whose client has gone, so today this takes the re-send path; were it
    to apply it, the check would find the play and nothing would be re-sent.)"""
    logged_in.control(
        "POST",
        "/_sandbox/faults",
        {"rules": [{"route": "POST /sync/history", "status": 0, "delay": 0.6, "count": 1}]},
    )
    exact_write_counts(logged_in)
    with client(logged_in, http_options={"timeout": 0.3}) as trakt:
        trakt.writer.verify_delay = 1.0
        report = trakt.history.add(["Inception (2010)"], watched_at="now")
    assert report.count("added") == 1
    assert _plays(logged_in) == 1
    counts = logged_in.requests()["by_route"]
    assert counts["GET /sync/history"] == 1
    assert counts["POST /sync/history"] == (1 if report.recovered else 2)
