"""`trakt rate`, `trakt ratings list|add|remove` against the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.cli_helpers import INCEPTION, media_ids, ok, ok_json, statuses
from tests.conftest import Sandbox


def test_rate_shorthand_and_list(logged_in: Sandbox) -> None:
    report = ok_json(logged_in, "rate", "Inception (2010)", "9")
    assert report["added"]["movies"] == 1 and statuses(report) == ["added"]
    (rating,) = ok_json(logged_in, "ratings", "list")
    assert rating["rating"] == 9 and rating["type"] == "movie"
    assert media_ids(rating)["trakt"] == INCEPTION["trakt"]
    assert rating["rated_at"].endswith("Z")

    ok(logged_in, "rate", "Inception (2010)", "7")  # re-rating overwrites
    (again,) = ok_json(logged_in, "ratings", "list", "--type", "movies")
    assert again["rating"] == 7


def test_show_season_episode_ratings_and_filters(logged_in: Sandbox) -> None:
    report = ok_json(
        logged_in, "ratings", "add", "Breaking Bad", "Breaking Bad S01", "--rating", "10"
    )
    assert report["added"]["shows"] == 1 and report["added"]["seasons"] == 1
    ok(logged_in, "rate", "Breaking Bad S01E02", "6")
    ok(logged_in, "rate", "The Matrix (1999)", "8")

    types = {r["type"]: r["rating"] for r in ok_json(logged_in, "ratings", "list")}
    assert types == {"show": 10, "season": 10, "episode": 6, "movie": 8}
    high = ok_json(logged_in, "ratings", "list", "--rating", "8,10")
    assert sorted(r["rating"] for r in high) == [8, 10, 10]
    repeated = ok_json(logged_in, "ratings", "list", "--rating", "6", "--rating", "8")
    assert sorted(r["rating"] for r in repeated) == [6, 8]
    (episode,) = ok_json(logged_in, "ratings", "list", "--type", "episodes")
    assert (episode["episode"]["season"], episode["episode"]["number"]) == (1, 2)

    removed = ok_json(logged_in, "ratings", "remove", "Breaking Bad S01", "The Matrix (1999)")
    assert removed["deleted"]["seasons"] == 1 and removed["deleted"]["movies"] == 1
    assert {r["type"] for r in ok_json(logged_in, "ratings", "list")} == {"show", "episode"}


def test_ratings_from_a_file_carry_their_own_values(logged_in: Sandbox, tmp_path: Path) -> None:
    source = tmp_path / "ratings.json"
    source.write_text(
        json.dumps(
            [
                {"type": "movie", "ids": {"imdb": "tt1375666"}, "rating": 9},
                {"item": "The Matrix (1999)", "rating": 5},
            ]
        )
    )
    report = ok_json(logged_in, "ratings", "add", "--from", str(source))
    assert report["added"]["movies"] == 2
    ratings = {r["movie"]["title"]: r["rating"] for r in ok_json(logged_in, "ratings", "list")}
    assert ratings == {"Inception": 9, "The Matrix": 5}
