"""A title narrowed to the wrong kind says what it is instead of only "no match"."""

from __future__ import annotations

from tests.conftest import Sandbox


def test_season_numbers_on_a_movie_name_the_real_type(logged_in: Sandbox) -> None:
    result = logged_in.cli("info", "Inception", "--season", "1")
    assert result.exit_code == 3
    assert "Inception (2010) is a movie, not a show" in result.stderr


def test_type_movie_on_a_show_says_to_drop_it(logged_in: Sandbox) -> None:
    logged_in.reset_counts()
    result = logged_in.cli("watchlist", "add", "Breaking Bad", "--type", "movie")
    assert result.exit_code == 3
    assert "Breaking Bad (2008) is a show, not a movie: drop --type movie" in result.stderr
    assert logged_in.requests()["by_route"].get("POST /sync/watchlist", 0) == 0
