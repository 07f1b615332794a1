"""The CSV form of a backup (no network)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.io.backup_samples import BACKUP
from traktkit.io.backup import manifest_of
from traktkit.io.csvexport import CSV_FILES, ITEM_COLUMNS, csv_tables, write_csv_backup


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_section_has_its_file_and_columns(tmp_path: Path) -> None:
    files = write_csv_backup(tmp_path / "b", BACKUP, manifest_of(BACKUP))
    assert [f.name for f in files] == ["manifest.json", *CSV_FILES]
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert manifest["format"] == "traktkit-backup" and manifest["files"]["history"] == "history.csv"
    for name, columns in CSV_FILES.items():
        with (tmp_path / "b" / name).open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == list(columns)
    history = _read(tmp_path / "b" / "history.csv")
    assert len(history) == 3
    episode = history[1]
    assert episode["history_id"] == "2" and episode["action"] == "scrobble"
    assert episode["type"] == "episode" and episode["title"] == "Pilot"
    assert episode["imdb"] == "tt0959621" and episode["show_title"] == "Breaking Bad"
    assert episode["show_tvdb"] == "81189" and (episode["season"], episode["episode"]) == ("1", "1")
    movie = history[0]
    assert movie["show_title"] == "" and movie["year"] == "2010" and movie["trakt"] == "16662"


def test_collection_rows_are_movies_and_episodes() -> None:
    rows = csv_tables(BACKUP)["collection.csv"]
    assert [(r["type"], r.get("season"), r.get("episode")) for r in rows] == [
        ("movie", None, None),
        ("episode", 1, 1),
        ("episode", 1, 2),
    ]
    assert rows[0]["media_type"] == "bluray" and rows[0]["hdr"] is None
    assert rows[1]["show_trakt"] == 1388 and rows[1]["collected_at"] == "2023-04-01T10:00:00.000Z"


def test_lists_and_their_items() -> None:
    tables = csv_tables(BACKUP)
    [info] = tables["lists.csv"]
    assert (
        info["list_trakt"] == 5 and info["name"] == "Mind benders" and info["privacy"] == "public"
    )
    items = tables["list_items.csv"]
    assert [(i["rank"], i["type"], i["title"]) for i in items] == [
        (1, "movie", "Inception"),
        (2, "person", "Christopher Nolan"),
    ]
    assert items[1]["slug"] == "christopher-nolan" and items[1]["list_name"] == "Mind benders"
    watchlist = tables["watchlist.csv"]
    assert watchlist[1]["notes"] == "soon" and watchlist[1]["list_item_id"] == 10
    assert set(ITEM_COLUMNS) <= set(CSV_FILES["watchlist.csv"])
