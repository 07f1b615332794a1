"""`trakt import json`: restore a backup into another account, twice, dry run, bad files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.cli_helpers import INCEPTION
from tests.cli.conftest import FAST_HTTP
from tests.cli.io_helpers import (
    LIBRARY,
    library,
    logged_in_sandbox,
    plays,
    posts,
    rate,
    ratings,
    read_json,
    route_count,
    run,
    second_account,
)
from tests.conftest import Sandbox
from traktkit.client import Trakt
from traktkit.config import Settings
from traktkit.io.compare import backup_differences, comparable


@pytest.fixture
def sb(tmp_path: Path) -> Iterator[Sandbox]:
    yield from logged_in_sandbox(tmp_path, LIBRARY)


def enrich(sb: Sandbox) -> None:
    """What the synthetic library lacks: notes (VIP), an undated play, two plays in the
    same minute, collected episodes with metadata, a season rating, an episode on the
    watchlist, show favorites, a list with a person and its own settings."""
    for user in ("demo", "restore"):
        sb.control("POST", "/_sandbox/users", {"username": user, "vip": True})
    with Trakt(Settings.from_env(sb.env), http_options=FAST_HTTP) as trakt:
        trakt.history.add(["Breaking Bad S01E02"], watched_at="unknown")
        trakt.history.add(["tt0133093", "tt0133093"], watched_at="2020-01-01T10:00")
        trakt.collection.add(
            ["Breaking Bad S01"],
            metadata={"media_type": "bluray", "resolution": "hd_1080p", "audio": "dts_ma"},
            collected_at="2022-02-02T10:00",
        )
        trakt.ratings.add(["Breaking Bad S02"], 9, rated_at="2023-03-03T10:00")
        trakt.watchlist.add(["Better Call Saul S01E01"], notes="start here")
        trakt.favorites.add(["Breaking Bad"], notes="the best")
        made = trakt.lists.create(
            "People and things", description="mixed", privacy="friends", display_numbers=True
        )
        assert made.ids.trakt is not None
        trakt.lists.add_items(made.ids.trakt, ["tt1375666", "Breaking Bad S03"], notes="nolan")
        trakt.lists.add_people(made.ids.trakt, [{"ids": {"slug": "christopher-nolan"}}])


def export(sb: Sandbox, folder: Path, **env: str) -> dict[str, Any]:
    result = run(sb, "export", "-o", str(folder), "--json", **env).json()
    backup: dict[str, Any] = read_json(result["files"][0])
    backup["_path"] = result["files"][0]
    return backup


def test_round_trip_into_an_empty_account(sb: Sandbox, tmp_path: Path) -> None:
    enrich(sb)
    source = export(sb, tmp_path / "a")
    assert source["counts"]["collection_episodes"] == 7
    assert any(p["watched_at"] == "1970-01-01T00:00:00.000Z" for p in source["history"])
    target = second_account(sb, tmp_path)

    sb.reset_counts()
    report = run(sb, "import", "json", source["_path"], "--json", **target).json()
    counts = source["counts"]
    items = (
        counts["history"]
        + counts["ratings"]
        + counts["watchlist"]
        + counts["collection_movies"]
        + counts["collection_episodes"]
        + counts["favorites"]
        + counts["list_items"]
    )
    assert report["added"] == items and report["existing"] == 0
    assert report["not_found"] == report["ambiguous"] == report["unsupported"] == 0
    assert report["lookups"] == 0  # backups carry ids: no search at all
    assert route_count(sb, "GET /search/{type}") == 0
    assert sorted(report["lists_created"]) == sorted(e["list"]["name"] for e in source["lists"])
    assert report["posts"] == posts(sb)  # every write request is accounted for
    # 250 plays per POST
    assert route_count(sb, "POST /sync/history") == -(-counts["history"] // 250)
    assert plays(sb, "restore") == plays(sb, "demo")

    restored = export(sb, tmp_path / "b", **target)
    assert backup_differences(source, restored) == []
    assert comparable(source) == comparable(restored)


def test_importing_twice_adds_nothing(sb: Sandbox, tmp_path: Path) -> None:
    source = export(sb, tmp_path / "a")
    target = second_account(sb, tmp_path)
    run(sb, "import", "json", source["_path"], **target)
    before = len(library(sb, "restore").history)
    assert before == source["counts"]["history"]

    sb.reset_counts()
    again = run(sb, "import", "json", source["_path"], "--json", **target).json()
    assert again["added"] == 0 and again["posts"] == 0
    assert again["existing"] == len(again["items"])
    assert posts(sb) == 0
    assert len(library(sb, "restore").history) == before


def test_into_the_same_account_nothing_changes(sb: Sandbox, tmp_path: Path) -> None:
    source = export(sb, tmp_path / "a")
    sb.reset_counts()
    report = run(sb, "import", "json", source["_path"], "--json").json()
    assert report["added"] == 0 and posts(sb) == 0
    assert report["library_source"] == "mirror"


def _rating_detail(report: dict[str, Any], trakt: int) -> tuple[str, str | None]:
    item = next(
        i for i in report["items"] if i["section"] == "ratings" and i["ids"].get("trakt") == trakt
    )
    return item["status"], item.get("detail")


def test_restore_keeps_newer_ratings_into_the_same_account(sb: Sandbox, tmp_path: Path) -> None:
    """The default (`--ratings newer`) replaces only ratings older than the backup's."""
    inception, matrix = 16662, 481
    rate(sb, ["tt1375666", "tt0133093"], 9, rated_at="2024-01-01T10:00")
    source = export(sb, tmp_path / "a")
    rate(sb, ["tt1375666"], 4, rated_at="2023-01-01T10:00")  # older than the backup's
    rate(sb, ["tt0133093"], 3)  # now: newer than the backup's
    today = ratings(sb)[("movie", matrix)][1][:10]
    kept = f"kept your newer rating 3 ({today}) over 9 (2024-01-01)"

    sb.reset_counts()
    dry = run(sb, "import", "json", source["_path"], "-n", "--json").json()
    assert _rating_detail(dry, inception) == ("updated", "updated 4 -> 9")
    assert _rating_detail(dry, matrix) == ("skipped", kept)
    assert posts(sb) == 0

    report = run(sb, "import", "json", source["_path"], "--json").json()
    assert _rating_detail(report, inception) == ("updated", "updated 4 -> 9")
    assert _rating_detail(report, matrix) == ("skipped", kept)
    assert report["updated"] == 1 and report["skipped"] == 1 and report["added"] == 0
    got = ratings(sb)
    assert got[("movie", inception)] == (9, "2024-01-01T10:00:00.000Z")
    assert got[("movie", matrix)][0] == 3

    keep = run(sb, "import", "json", source["_path"], "--ratings", "keep", "--json").json()
    assert _rating_detail(keep, matrix) == (
        "skipped",
        f"kept your rating 3 ({today}) over 9 (2024-01-01)",
    )
    assert ratings(sb)[("movie", matrix)][0] == 3

    over = run(sb, "import", "json", source["_path"], "--ratings", "overwrite", "--json").json()
    assert _rating_detail(over, matrix) == ("updated", "updated 3 -> 9")
    assert ratings(sb)[("movie", matrix)] == (9, "2024-01-01T10:00:00.000Z")
    assert backup_differences(source, export(sb, tmp_path / "b")) == []


def test_dry_run_sends_no_write(sb: Sandbox, tmp_path: Path) -> None:
    source = export(sb, tmp_path / "a")
    target = second_account(sb, tmp_path)
    sb.reset_counts()
    report = run(sb, "import", "json", source["_path"], "--dry-run", "--json", **target).json()
    assert report["dry_run"] is True
    assert report["added"] == source["counts"]["history"] + source["counts"]["ratings"] + len(
        [i for i in report["items"] if i["section"] not in ("history", "ratings")]
    )
    assert len(report["lists_created"]) == len(source["lists"])
    assert posts(sb) == 0
    assert library(sb, "restore").history == []
    human = run(sb, "import", "json", source["_path"], "-n", **target)
    assert "Dry run: nothing was sent" in human.stderr
    assert posts(sb) == 0


def test_part_of_a_backup_already_there(sb: Sandbox, tmp_path: Path) -> None:
    """Plays already in the target's history (same item, same minute) are skipped."""
    target = second_account(sb, tmp_path)
    backup = {
        "format": "traktkit-backup",
        "version": 1,
        "history": [
            {
                "watched_at": "2024-05-01T21:30:10.000Z",
                "type": "movie",
                "movie": {"ids": INCEPTION},
            },
            {
                "watched_at": "2024-05-01T21:30:50.000Z",
                "type": "movie",
                "movie": {"ids": INCEPTION},
            },
        ],
    }
    path = tmp_path / "mini.json"
    path.write_text(json.dumps(backup))
    run(sb, "history", "add", "tt1375666", "--watched-at", "2024-05-01T21:30", **target)
    report = run(sb, "import", "json", str(path), "--json", **target).json()
    assert [i["status"] for i in report["items"]] == ["existing", "added"]
    assert len(library(sb, "restore").history) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "invalid JSON"),
        ('{"format": "something-else", "version": 1}', "not a traktkit backup"),
        ('{"format": "traktkit-backup", "version": 9}', "upgrade traktkit"),
        (
            '{"format": "traktkit-backup", "version": 1, "ratings": '
            '[{"rating": 12, "type": "movie", "movie": {"ids": {"trakt": 16662}}}]}',
            "between 1 and 10",
        ),
        (
            "Const,Your Rating,Date Rated,Title\ntt1375666,9,2020-01-01,Inception\n",
            "invalid JSON",
        ),
    ],
)
def test_bad_files_exit_2_and_send_nothing(
    sb: Sandbox, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "backup.json"
    path.write_text(content)
    result = run(sb, "import", "json", str(path), expect=2)
    assert message in result.stderr
    assert sb.requests()["total"] == 0
    as_json = run(sb, "import", "json", str(path), "--json", expect=2).json()
    assert as_json["exit_code"] == 2 and message in as_json["error"]
    assert sb.requests()["total"] == 0


def test_missing_file(sb: Sandbox, tmp_path: Path) -> None:
    result = run(sb, "import", "json", str(tmp_path / "nope.json"), expect=2)
    assert "nope.json" in result.stderr
    result = run(sb, "import", "json", str(tmp_path), expect=2)
    assert "is a folder" in result.stderr
    assert sb.requests()["total"] == 0


def test_unusable_mirror_reads_the_api_and_still_skips(sb: Sandbox, tmp_path: Path) -> None:
    source = export(sb, tmp_path / "a")
    target = second_account(sb, tmp_path)
    mirror = Path(target["TRAKTKIT_HOME"]) / "mirror.sqlite3"
    mirror.write_bytes(b"not a database" * 64)
    first = run(sb, "import", "json", source["_path"], "--json", **target).json()
    assert first["library_source"] == "api"
    assert any("mirror cannot be used" in note for note in first["notes"])
    assert first["added"] == len(first["items"])
    sb.reset_counts()
    again = run(sb, "import", "json", source["_path"], "--json", **target).json()
    assert again["added"] == 0 and posts(sb) == 0
    assert len(library(sb, "restore").history) == source["counts"]["history"]
