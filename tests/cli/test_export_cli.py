"""`trakt export` end to end against the sandbox."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.io_helpers import LIBRARY, library, logged_in_sandbox, read_json, run
from tests.conftest import Sandbox, make_sandbox
from traktkit.sandbox.timeutil import iso


@pytest.fixture
def sb(tmp_path: Path) -> Iterator[Sandbox]:
    yield from logged_in_sandbox(tmp_path, LIBRARY)


def test_json_backup_holds_the_whole_library(sb: Sandbox, tmp_path: Path) -> None:
    result = run(sb, "export", "--output", str(tmp_path / "out"), "--json").json()
    assert result["format"] == "json" and result["note"] is None
    [path] = result["files"]
    assert Path(path).parent == tmp_path / "out" and Path(path).name.startswith(
        "traktkit-backup-demo-"
    )
    backup = read_json(path)
    lib = library(sb)
    assert backup["format"] == "traktkit-backup" and backup["version"] == 1
    assert backup["source"] == "mirror" and backup["user"]["username"] == "demo"
    assert backup["counts"] == {
        "history": len(lib.history),
        "ratings": len(lib.ratings),
        "watchlist": len(lib.watchlist),
        "collection_movies": len(lib.collection),
        "collection_shows": 0,
        "collection_episodes": 0,
        "favorites": len(lib.favorites),
        "lists": len(lib.lists),
        "list_items": sum(len(p.items) for p in lib.lists),
    }
    assert result["manifest"]["counts"] == backup["counts"]
    # every play with its history id, watched_at and item
    assert {
        (p["id"], p["watched_at"], p[p["type"]]["ids"]["trakt"]) for p in backup["history"]
    } == {(h.id, iso(h.watched_at), h.ref.trakt) for h in lib.history}
    episode = next(p for p in backup["history"] if p["type"] == "episode")
    assert episode["show"]["title"] and episode["episode"]["season"] is not None
    assert {
        (r["type"], r[r["type"]]["ids"]["trakt"], r["rating"], r["rated_at"])
        for r in backup["ratings"]
    } == {(ref.kind, ref.trakt, e.rating, iso(e.rated_at)) for ref, e in lib.ratings.items()}
    assert [(w["rank"], w["id"]) for w in backup["watchlist"]] == [
        (i.rank, i.id) for i in sorted(lib.watchlist, key=lambda i: i.rank)
    ]
    movie = backup["collection"]["movies"][0]
    assert movie["collected_at"] and movie["metadata"]["media_type"]
    assert [entry["list"]["name"] for entry in backup["lists"]] == [p.name for p in lib.lists]
    assert [len(entry["items"]) for entry in backup["lists"]] == [len(p.items) for p in lib.lists]
    # read from the mirror after a first (full) sync: the requests are the sync's
    assert sb.requests()["total"] == result["requests"]

    sb.reset_counts()
    again = run(sb, "export", "--output", str(tmp_path / "out2"), "--json").json()
    assert again["requests"] == 1 == sb.requests()["total"]  # nothing changed: one request
    assert again["manifest"]["counts"] == backup["counts"]


def test_csv_backup(sb: Sandbox, tmp_path: Path) -> None:
    result = run(sb, "export", "--format", "csv", "-o", str(tmp_path), "--json").json()
    names = [Path(p).name for p in result["files"]]
    assert names == [
        "manifest.json",
        "history.csv",
        "ratings.csv",
        "watchlist.csv",
        "collection.csv",
        "favorites.csv",
        "lists.csv",
        "list_items.csv",
    ]
    folder = Path(result["files"][0]).parent
    assert read_json(folder / "manifest.json")["files"]["ratings"] == "ratings.csv"
    with (folder / "history.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    lib = library(sb)
    assert len(rows) == len(lib.history)
    assert {int(r["history_id"]) for r in rows} == {h.id for h in lib.history}
    with (folder / "collection.csv").open(newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(lib.collection)


def test_human_output(sb: Sandbox, tmp_path: Path) -> None:
    result = run(sb, "export", "-o", str(tmp_path))
    assert "plays" in result.stdout and "Backup (json) written to" in result.stdout


def test_unusable_mirror_falls_back_to_the_api(sb: Sandbox, tmp_path: Path) -> None:
    (sb.home / "mirror.sqlite3").write_bytes(b"this is not a database" * 100)
    result = run(sb, "export", "-o", str(tmp_path), "--json").json()
    assert "mirror cannot be used" in result["note"]
    backup = read_json(result["files"][0])
    assert backup["source"] == "api"
    lib = library(sb)
    assert backup["counts"]["history"] == len(lib.history)
    assert backup["counts"]["list_items"] == sum(len(p.items) for p in lib.lists)
    assert [w["rank"] for w in backup["watchlist"]] == list(range(1, len(lib.watchlist) + 1))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xml"), "--format must be one of json, csv"),
        (("--output", "FILE"), "not a folder"),
    ],
)
def test_bad_usage_sends_nothing(
    sb: Sandbox, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    argv = [a.replace("FILE", str(target)) for a in args]
    result = run(sb, "export", *argv, expect=2)
    assert message in result.stderr
    assert sb.requests()["total"] == 0


def test_not_logged_in(tmp_path: Path) -> None:
    for sb in make_sandbox(tmp_path):
        result = run(sb, "export", "-o", str(tmp_path), expect=4)
        assert "not logged in" in result.stderr
        assert sb.requests()["total"] == 0
