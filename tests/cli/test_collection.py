"""`trakt collection list|add|remove` against the sandbox."""

from __future__ import annotations

from tests.cli.cli_helpers import INCEPTION, ok, ok_json, statuses
from tests.conftest import Sandbox


def test_add_with_metadata_list_update_remove(logged_in: Sandbox) -> None:
    report = ok_json(
        logged_in,
        "collection",
        "add",
        "Inception (2010)",
        "Breaking Bad S01E01",
        "--media-type",
        "bluray",
        "--resolution",
        "uhd_4k",
        "--hdr",
        "dolby_vision",
        "--audio",
        "dolby_atmos",
        "--audio-channels",
        "7.1.4",
        "--3d",
    )
    assert report["added"]["movies"] == 1 and report["added"]["episodes"] == 1
    assert statuses(report) == ["added", "added"]

    movies = ok_json(logged_in, "collection", "list", "--type", "movies")
    (movie,) = movies
    assert movie["movie"]["ids"]["trakt"] == INCEPTION["trakt"]
    meta = movie["metadata"]
    assert (meta["media_type"], meta["resolution"], meta["hdr"]) == (
        "bluray",
        "uhd_4k",
        "dolby_vision",
    )
    assert (meta["audio"], meta["audio_channels"]) == ("dolby_atmos", "7.1.4")
    assert meta["3d"] in (True, 1)

    shows = ok_json(logged_in, "collection", "list", "--type", "shows")
    (show,) = shows
    assert show["show"]["title"] == "Breaking Bad"
    assert show["seasons"][0]["episodes"][0]["number"] == 1
    assert show["seasons"][0]["episodes"][0]["metadata"]["media_type"] == "bluray"

    both = ok_json(logged_in, "collection", "list")
    assert [("movie" in e, "show" in e) for e in both] == [(True, False), (False, True)]

    update = ok_json(
        logged_in, "collection", "add", "tt1375666", "-t", "movie", "--media-type", "digital"
    )
    assert statuses(update) == ["updated"] and update["updated"]["movies"] == 1
    table = ok(logged_in, "collection", "list")
    assert "digital" in table.stdout and "Breaking Bad" in table.stdout

    removed = ok_json(logged_in, "collection", "remove", "Inception (2010)", "Breaking Bad S01E01")
    assert removed["deleted"] == {"movies": 1, "episodes": 1}
    assert ok_json(logged_in, "collection", "list") == []


def test_whole_season_counts_its_episodes(logged_in: Sandbox) -> None:
    report = ok_json(logged_in, "collection", "add", "Breaking Bad S01")
    assert report["added"]["episodes"] == 7
    assert statuses(report) == ["added"]
    (show,) = ok_json(logged_in, "collection", "list", "--type", "shows")
    assert len(show["seasons"][0]["episodes"]) == 7
