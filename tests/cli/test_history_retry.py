"""`trakt history add` when the server applied the write but the client saw a failure
(REFERENCE §5 last bullet, §13.1): the real client over loopback must end with exactly
one play, whether the answer was a 503 after applying, a timeout after applying, or a
503 before applying."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.cli.cli_helpers import count, exact_write_counts, library, ok_json, statuses
from tests.cli.conftest import FAST_HTTP
from tests.conftest import Sandbox
from traktkit.cli import context
from traktkit.client import Trakt

DUNE = "Dune (2021)"
WATCHED_AT = "2024-01-15T20:00Z"
CLIENT_TIMEOUT = 1.0  # seconds; the delayed answer comes well after the client gave up
HELD_BACK = 2.5  # the `after` delay: longer than CLIENT_TIMEOUT
VERIFY_DELAY = 0.05  # the write is applied before the sandbox stalls: no need to wait 2 s


@pytest.fixture
def short_timeout(fast_writes: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """In-process `trakt` commands build a client with a short HTTP timeout (and a short
    verify delay), on top of the fast write pacing of tests/cli/conftest.py."""

    def make(*args: Any, **kwargs: Any) -> Trakt:
        options = {**FAST_HTTP, "timeout": CLIENT_TIMEOUT}
        trakt = Trakt(*args, http_options=options, **kwargs)
        trakt.writer.verify_delay = VERIFY_DELAY
        return trakt

    monkeypatch.setattr(context, "Trakt", make)
    yield


def _fault(sb: Sandbox, **rule: Any) -> None:
    rules = [{"route": "POST /sync/history", "count": 1, **rule}]
    sb.control("POST", "/_sandbox/faults", {"rules": rules})
    exact_write_counts(sb)
    sb.reset_counts()


def _add_dune(sb: Sandbox) -> dict[str, Any]:
    result = sb.cli("history", "add", DUNE, "--watched-at", WATCHED_AT, "--json")
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.stderr}\n{result.stdout}"
    report: dict[str, Any] = result.json()
    return report


def _assert_one_dune_play(sb: Sandbox) -> None:
    fired = sb.control("GET", "/_sandbox/faults")["rules"][0]["fired"]
    assert fired == 1  # the fault really hit the write
    plays = ok_json(sb, "history", "list", "--live")
    assert [(p["movie"]["title"], p["movie"]["year"]) for p in plays] == [("Dune", 2021)]
    assert plays[0]["watched_at"] == "2024-01-15T20:00:00.000Z"
    assert len(library(sb).history) == 1  # the sandbox's own state agrees


def _assert_added(report: dict[str, Any]) -> None:
    assert report["added"]["movies"] == 1
    assert statuses(report) == ["added"]


def test_503_after_applying_is_recovered_without_a_duplicate(logged_in: Sandbox) -> None:
    """The server stores the play, then answers 503: the client checks the history,
    finds the play and does not send it again."""
    _fault(logged_in, status=503, after=True)
    report = _add_dune(logged_in)
    _assert_added(report)
    assert count(logged_in, "POST /sync/history") == 1  # never re-sent
    assert count(logged_in, "GET /sync/history") >= 1  # the check (a clean add sends none)
    _assert_one_dune_play(logged_in)


def test_timeout_after_applying_is_recovered_without_a_duplicate(
    logged_in: Sandbox, short_timeout: None
) -> None:
    """The server stores the play, then holds the answer back longer than the client's
    timeout: the client gives up, checks the history and does not send it again."""
    _fault(logged_in, status=0, delay=HELD_BACK, after=True)
    report = _add_dune(logged_in)
    _assert_added(report)
    assert count(logged_in, "POST /sync/history") == 1  # never re-sent
    assert count(logged_in, "GET /sync/history") >= 1  # the check (a clean add sends none)
    _assert_one_dune_play(logged_in)


def test_503_before_applying_is_sent_again_once(logged_in: Sandbox) -> None:
    """The existing fault placement: 503 and nothing stored; the client finds the play
    missing and sends it once more."""
    _fault(logged_in, status=503)
    report = _add_dune(logged_in)
    _assert_added(report)
    assert count(logged_in, "POST /sync/history") == 2  # the failed one, one re-send
    _assert_one_dune_play(logged_in)
