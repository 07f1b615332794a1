"""Invalid input: exit code 2, a one-line error, and not a single request sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Sandbox

BAD: list[tuple[str, ...]] = [
    # ratings
    ("rate", "Inception", "11"),
    ("rate", "Inception", "0"),
    ("rate", "Inception", "nine"),
    ("ratings", "add", "Inception", "--rating", "11"),
    ("ratings", "add", "Inception"),  # no rating at all
    ("ratings", "list", "--rating", "12"),
    ("ratings", "list", "--rating", "8,x"),
    ("ratings", "list", "--type", "people"),
    # enums, sorts, limits
    ("watchlist", "list", "--type", "films"),
    ("watchlist", "list", "--sort", "bogus"),
    ("watchlist", "list", "--sort-how", "sideways"),
    ("watchlist", "list", "--limit", "0"),
    ("watchlist", "list", "--limit", "lots"),
    ("collection", "list", "--type", "seasons"),
    ("trending", "films"),
    ("popular", "movies", "--limit", "0"),
    ("anticipated", "shows", "--limit", "251"),
    ("trending", "movies", "--limit", "ten"),
    ("played", "movies", "--period", "hourly"),
    ("watched", "shows", "--period", "fortnightly"),
    ("collected", "documentaries"),
    ("recommendations", "movies", "--limit", "101"),
    ("recommendations", "shows", "--limit", "0"),
    # ITEMs and ids
    ("watchlist", "add"),
    ("watchlist", "add", ""),
    ("watchlist", "add", "tt12ab"),
    ("watchlist", "add", "tmdb:abc"),
    ("watchlist", "add", "trakt:0"),
    ("watchlist", "add", "imdb:nm0000138"),
    ("watchlist", "add", "S01E01"),
    ("watchlist", "add", "Inception", "--year", "1500"),
    ("watchlist", "add", "Inception", "--year", "twenty"),
    ("watchlist", "add", "Breaking Bad", "--episode", "2"),
    ("watchlist", "add", "Breaking Bad S01E01", "--type", "show"),
    ("watchlist", "add", "Breaking Bad S01", "--season", "2"),
    ("watchlist", "remove", "imdb:xyz"),
    ("info", "tvdb:-3"),
    ("recommendations", "hide", "tt0x"),
    ("history", "list", "Breaking Bad", "--season", "x"),
    # dates
    ("history", "add", "Inception", "--watched-at", "2099-01-01"),
    ("history", "add", "Inception", "--watched-at", "2024-13-45"),
    ("history", "add", "Inception", "--watched-at", "last tuesday"),
    ("history", "add", "Inception", "--watched-at", "1800-01-01"),
    ("history", "list", "--since", "whenever"),
    ("history", "list", "--since", "2024-05-01", "--until", "2024-01-01"),
    ("collection", "add", "Inception", "--collected-at", "unknown"),
    # history ids
    ("history", "remove", "--id", "abc"),
    ("history", "remove", "--id", "0"),
    ("history", "remove", "--id", "-4"),
    ("history", "remove", "--id", "5", "Inception"),
    # collection metadata
    ("collection", "add", "Inception", "--media-type", "floppy"),
    ("collection", "add", "Inception", "--resolution", "8k"),
    ("collection", "add", "Inception", "--hdr", "hdr11"),
    ("collection", "add", "Inception", "--audio", "mono"),
    ("collection", "add", "Inception", "--audio-channels", "3.3"),
    # --from files
    ("watchlist", "add", "--from", "/nonexistent/items.txt"),
    ("watchlist", "add", "--from", "/nonexistent/items.txt", "--season", "1"),
]


@pytest.mark.parametrize("args", BAD, ids=" ".join)
def test_invalid_input_exits_2_and_sends_nothing(logged_in: Sandbox, args: tuple[str, ...]) -> None:
    logged_in.reset_counts()
    result = logged_in.cli(*args)
    assert result.exit_code == 2, result.stderr + result.stdout
    assert logged_in.requests()["total"] == 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "content",
    [
        '[{"type": "movie", "ids": {"imdb": "tt1375666"}, "rating": 11}]',
        '[{"type": "movie", "ids": {"imdb": "tt1375666"}, "watched_at": "someday"}]',
        '[{"type": "movie", "ids": {"imdb": "tt1375666"}, "metadata": {"resolution": "8k"}}]',
        '{"movies": [{"ids": {"tmdb": "x"}}]}',
        '[{"type": "movie",',
        "Inception (2010)\nBreaking Bad S01E01\ntt12ab\n",
    ],
)
def test_invalid_from_file_exits_2_and_sends_nothing(
    logged_in: Sandbox, tmp_path: Path, content: str
) -> None:
    source = tmp_path / "items.txt"
    source.write_text(content)
    logged_in.reset_counts()
    for verb in (("ratings", "add"), ("history", "add"), ("collection", "add")):
        result = logged_in.cli(*verb, "--from", str(source), "--json")
        assert result.exit_code == 2, (verb, result.stderr)
        assert result.json()["exit_code"] == 2
    assert logged_in.requests()["total"] == 0


def test_not_logged_in_write_exits_4_before_any_search(sandbox: Sandbox) -> None:
    for args in (
        ("watchlist", "add", "Inception (2010)"),
        ("history", "add", "Inception (2010)"),
        ("rate", "Inception (2010)", "8"),
        ("recommendations", "movies"),
    ):
        result = sandbox.cli(*args)
        assert result.exit_code == 4, result.stderr
        assert "trakt login" in result.stderr
    assert sandbox.requests()["total"] == 0
