"""Checks that behave the same everywhere: usage errors with --json, limits on the mirror
path, contradictory options, relative --watched-at, the private mirror file."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from tests.conftest import Sandbox


def test_usage_errors_with_json_print_a_json_error(sandbox: Sandbox) -> None:
    result = sandbox.cli("search", "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["exit_code"] == 2 and data["kind"] == "UsageError"
    assert "Missing argument" in data["error"]
    assert len(result.stderr.strip().splitlines()) == 1
    assert sandbox.requests()["total"] == 0


def test_limit_is_checked_when_the_mirror_answers(logged_in: Sandbox) -> None:
    assert logged_in.cli("sync").exit_code == 0
    logged_in.reset_counts()
    for command in ("watchlist", "history", "ratings", "collection"):
        result = logged_in.cli(command, "list", "--limit", "0", "--offline")
        assert result.exit_code == 2, (command, result.stdout)
        assert "--limit" in result.stderr
    assert logged_in.requests()["total"] == 0


def test_the_mirror_file_is_private(logged_in: Sandbox) -> None:
    assert logged_in.cli("sync").exit_code == 0
    mode = stat.S_IMODE((logged_in.home / "mirror.sqlite3").stat().st_mode)
    assert mode == 0o600


def test_rate_without_quotes_and_relative_watched_at(logged_in: Sandbox) -> None:
    rated = logged_in.cli("rate", "The", "Matrix", "(1999)", "8", "--json")
    assert rated.exit_code == 0, rated.stderr
    assert rated.json()["items"][0]["movie"]["title"] == "The Matrix"
    watched = logged_in.cli("history", "add", "Inception", "--watched-at", "2d", "--json")
    assert watched.exit_code == 0, watched.stderr
    yesterday = logged_in.cli("history", "add", "Inception", "--watched-at", "yesterday")
    assert yesterday.exit_code == 0, yesterday.stderr


def test_contradictory_options_exit_2_and_send_nothing(logged_in: Sandbox, tmp_path: Path) -> None:
    logged_in.reset_counts()
    assert logged_in.cli("login", "--code", "abc", "--print-url").exit_code == 2
    source = tmp_path / "ratings.json"
    source.write_text(json.dumps([{"type": "movie", "ids": {"trakt": 16662}, "rating": 4}]))
    clash = logged_in.cli("ratings", "add", "--from", str(source), "--rating", "10")
    assert clash.exit_code == 2
    assert "contradicts" in clash.stderr
    assert logged_in.requests()["total"] == 0


def test_search_without_results_suggests_other_types(sandbox: Sandbox) -> None:
    result = sandbox.cli("search", "Bryan", "Cranston")
    assert result.exit_code == 0
    assert "try --type person" in result.stderr
    people = sandbox.cli("search", "Bryan", "Cranston", "--type", "person", "--json")
    assert people.json()[0]["person"]["name"] == "Bryan Cranston"


def test_info_shows_units(sandbox: Sandbox) -> None:
    result = sandbox.cli("info", "Inception (2010)")
    assert result.exit_code == 0, result.stderr
    assert "148 min (2 h 28)" in result.stdout
    assert "/ 10" in result.stdout
