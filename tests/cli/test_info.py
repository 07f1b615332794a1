"""`trakt info ITEM`: extended=full details of movies, shows, seasons and episodes."""

from __future__ import annotations

from tests.cli.cli_helpers import BREAKING_BAD, INCEPTION, count, ok, ok_json
from tests.conftest import Sandbox


def test_movie_info(logged_in: Sandbox) -> None:
    logged_in.reset_counts()
    data = ok_json(logged_in, "info", "Inception", "(2010)")
    assert data["type"] == "movie"
    movie = data["movie"]
    assert movie["ids"]["trakt"] == INCEPTION["trakt"]
    assert {"overview", "runtime", "released", "genres", "rating"} <= set(movie)
    assert count(logged_in, "GET /movies/{id}") == 1

    table = ok(logged_in, "info", "tt1375666")
    assert "Inception (2010)" in table.stdout and "overview" in table.stdout


def test_show_season_and_episode_info(logged_in: Sandbox) -> None:
    show = ok_json(logged_in, "info", "Breaking Bad", "--type", "show")
    assert show["type"] == "show"
    assert show["show"]["ids"]["tvdb"] == BREAKING_BAD["tvdb"]
    assert {"overview", "network", "status", "aired_episodes"} <= set(show["show"])

    season = ok_json(logged_in, "info", "Breaking Bad S02")
    assert season["type"] == "season" and season["season"]["number"] == 2
    assert season["show"]["title"] == "Breaking Bad"

    episode = ok_json(logged_in, "info", "Breaking Bad", "--season", "1", "--episode", "1")
    assert episode["type"] == "episode"
    assert episode["episode"]["title"] == "Pilot"
    assert "overview" in episode["episode"]
    table = ok(logged_in, "info", "Breaking Bad S01E01")
    assert "Pilot" in table.stdout


def test_unknown_episode_exits_3(logged_in: Sandbox) -> None:
    result = logged_in.cli("info", "Breaking Bad S09E01")
    assert result.exit_code == 3
