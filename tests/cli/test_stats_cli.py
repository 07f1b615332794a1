"""`trakt stats` end to end: answers from the mirror, tables, JSON and charts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import Sandbox, make_sandbox
from tests.mirror.mirror_helpers import SMALL_CATALOGUE, SMALL_LIBRARY, library


@pytest.fixture
def sb(tmp_path: Path) -> Iterator[Sandbox]:
    for sandbox in make_sandbox(
        tmp_path, auto_approve="demo", library=SMALL_LIBRARY, **SMALL_CATALOGUE
    ):
        result = sandbox.cli("login")
        assert result.exit_code == 0, result.stderr
        yield sandbox


def test_stats_before_any_sync(sb: Sandbox) -> None:
    result = sb.cli("stats")
    assert result.exit_code == 2  # a local precondition, like `list --offline`
    assert "run `trakt sync` first" in result.stderr
    data = sb.cli("stats", "--json").json()
    assert data["exit_code"] == 2 and "trakt sync" in data["error"]


def test_stats_json_all_time_and_by_year(sb: Sandbox) -> None:
    assert sb.cli("sync").exit_code == 0
    sb.reset_counts()
    data = sb.cli("stats", "--json").json()
    assert sb.requests()["total"] == 0  # offline: the mirror answers
    plays = library(sb).history
    assert data["plays"] == len(plays)
    assert data["movie_plays"] == sum(1 for p in plays if p.ref.kind == "movie")
    assert data["ratings_count"] == len(library(sb).ratings)
    assert sum(m["plays"] for m in data["by_month"]) == len(plays)
    assert data["hours"] == round(data["minutes"] / 60, 1)

    year = datetime.now(UTC).year - 1
    yearly = sb.cli("stats", "--year", str(year), "--json").json()
    in_year = [p for p in plays if datetime.fromtimestamp(p.watched_at, UTC).year == year]
    assert yearly["year"] == year and yearly["plays"] == len(in_year)
    assert all(m["month"].startswith(str(year)) for m in yearly["by_month"])


def test_stats_tables_and_charts(sb: Sandbox) -> None:
    assert sb.cli("sync").exit_code == 0
    plain = sb.cli("stats")
    assert plain.exit_code == 0, plain.stderr
    for title in ("Trakt stats, all time", "Top genres", "Top shows", "Ratings", "Activity"):
        assert title in plain.stdout
    assert "█" not in plain.stdout
    charted = sb.cli("stats", "--chart")
    assert charted.exit_code == 0
    assert "█" in charted.stdout and "chart" in charted.stdout


def test_stats_rejects_a_bad_year(sb: Sandbox) -> None:
    result = sb.cli("stats", "--year", "12")
    assert result.exit_code == 2
    assert "--year" in result.stderr


def test_an_unusable_mirror_file_is_a_one_line_error(sb: Sandbox) -> None:
    sb.home.mkdir(parents=True, exist_ok=True)
    (sb.home / "mirror.sqlite3").write_text("this is not a database" * 100)
    for args, code in ((("stats",), 2), (("sync",), 1)):
        result = sb.cli(*args)
        assert result.exit_code == code, result.stdout
        assert "cannot be used" in result.stderr
        assert "Traceback" not in result.stderr
