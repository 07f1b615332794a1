"""List commands answer from the local mirror (offline, or when it is fresh), and writes
through traktkit keep the mirror in step."""

from __future__ import annotations

from tests.conftest import Sandbox


def _sync(sb: Sandbox) -> None:
    result = sb.cli("sync", "--json")
    assert result.exit_code == 0, result.stderr


def test_offline_without_a_mirror_exits_2_and_sends_nothing(logged_in: Sandbox) -> None:
    logged_in.reset_counts()
    result = logged_in.cli("watchlist", "list", "--offline")
    assert result.exit_code == 2
    assert "trakt sync" in result.stderr
    assert logged_in.requests()["total"] == 0


def test_offline_answers_match_live_ones_and_send_nothing(logged_in: Sandbox) -> None:
    added = logged_in.cli("watchlist", "add", "Inception", "Breaking Bad", "--json")
    assert added.exit_code == 0, added.stderr
    assert (
        logged_in.cli(
            "history", "add", "The Matrix (1999)", "--watched-at", "2024-01-15T20:00Z"
        ).exit_code
        == 0
    )
    assert logged_in.cli("rate", "The Matrix (1999)", "9").exit_code == 0
    assert (
        logged_in.cli("collection", "add", "Dune (2021)", "--media-type", "bluray").exit_code == 0
    )
    _sync(logged_in)
    for command in (
        ("watchlist", "list"),
        ("history", "list"),
        ("ratings", "list"),
        ("collection", "list"),
    ):
        live = logged_in.cli(*command, "--live", "--json")
        assert live.exit_code == 0, live.stderr
        logged_in.reset_counts()
        offline = logged_in.cli(*command, "--offline", "--json")
        assert offline.exit_code == 0, offline.stderr
        assert logged_in.requests()["total"] == 0, command
        assert offline.json() == live.json(), command
        assert live.json(), command


def test_fresh_mirror_answers_by_default_and_max_age_0_goes_live(logged_in: Sandbox) -> None:
    assert logged_in.cli("watchlist", "add", "Inception").exit_code == 0
    _sync(logged_in)
    logged_in.reset_counts()
    result = logged_in.cli("watchlist", "list", "--json")
    assert result.exit_code == 0
    assert "local mirror" in result.stderr
    assert logged_in.requests()["total"] == 0
    assert [i["movie"]["title"] for i in result.json()] == ["Inception"]

    live = logged_in.cli("watchlist", "list", "--json", TRAKTKIT_MIRROR_MAX_AGE="0")
    assert live.exit_code == 0
    assert (
        logged_in.requests()["by_route"].get("GET /sync/watchlist/{type}", 0)
        + logged_in.requests()["by_route"].get("GET /sync/watchlist", 0)
        >= 1
    )


def test_writes_update_the_mirror_without_a_resync(logged_in: Sandbox) -> None:
    assert logged_in.cli("watchlist", "add", "Dune (2021)").exit_code == 0
    _sync(logged_in)
    assert logged_in.cli("watchlist", "add", "Inception").exit_code == 0
    assert logged_in.cli("rate", "Inception", "8").exit_code == 0
    assert (
        logged_in.cli(
            "history", "add", "Dune (2021)", "--watched-at", "2024-02-01T21:00Z"
        ).exit_code
        == 0
    )

    logged_in.reset_counts()
    watchlist = logged_in.cli("watchlist", "list", "--offline", "--json").json()
    ratings = logged_in.cli("ratings", "list", "--offline", "--json").json()
    history = logged_in.cli("history", "list", "--offline", "--json").json()
    assert logged_in.requests()["total"] == 0
    # watching Dune removed it from the watchlist, on Trakt and in the mirror alike
    assert [i["movie"]["title"] for i in watchlist] == ["Inception"]
    assert [(r["movie"]["title"], r["rating"]) for r in ratings] == [("Inception", 8)]
    assert [(h["movie"]["title"], h["watched_at"]) for h in history] == [
        ("Dune", "2024-02-01T21:00:00.000Z")
    ]
    # the next sync agrees with what the mirror already had (server-made ids replace the
    # provisional ones)
    _sync(logged_in)
    synced = logged_in.cli("watchlist", "list", "--offline", "--json").json()
    assert [i["movie"]["ids"] for i in synced] == [i["movie"]["ids"] for i in watchlist]
    assert synced[0]["id"] > 0 > watchlist[0]["id"]


def test_a_failed_write_makes_reads_go_live(logged_in: Sandbox) -> None:
    _sync(logged_in)
    rule = {"route": "POST /sync/watchlist", "status": 503, "count": 20}
    logged_in.control("POST", "/_sandbox/faults", {"rules": [rule]})
    failed = logged_in.cli("watchlist", "add", "Inception")
    assert failed.exit_code == 1
    logged_in.control("DELETE", "/_sandbox/faults")
    logged_in.reset_counts()
    result = logged_in.cli("watchlist", "list", "--json")
    assert result.exit_code == 0
    assert "local mirror" not in result.stderr
    assert logged_in.requests()["total"] >= 1


def test_a_broken_mirror_file_never_fails_a_write_and_reads_go_live(logged_in: Sandbox) -> None:
    (logged_in.home / "mirror.sqlite3").write_bytes(b"this is not a database" * 100)
    added = logged_in.cli("watchlist", "add", "Inception")
    assert added.exit_code == 0, added.stderr  # Trakt accepted it: that is what counts
    listed = logged_in.cli("watchlist", "list", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert [i["movie"]["title"] for i in listed.json()] == ["Inception"]
    offline = logged_in.cli("watchlist", "list", "--offline")
    assert offline.exit_code == 2
    assert "trakt sync" in offline.stderr


def test_the_mirror_belongs_to_one_api_and_a_new_login_makes_it_stale(logged_in: Sandbox) -> None:
    assert logged_in.cli("watchlist", "add", "Inception").exit_code == 0
    _sync(logged_in)
    # a mirror of this sandbox never answers for another API (e.g. trakt.tv)
    other = logged_in.cli("watchlist", "list", "--offline", TRAKT_API_URL="http://127.0.0.1:9")
    assert other.exit_code == 2
    assert "trakt sync" in other.stderr
    # logging in again (maybe as someone else): reads go live until the next sync
    assert logged_in.cli("login").exit_code == 0
    logged_in.reset_counts()
    live = logged_in.cli("watchlist", "list", "--json")
    assert live.exit_code == 0
    assert "local mirror" not in live.stderr
    assert logged_in.requests()["total"] >= 1
    _sync(logged_in)
    logged_in.reset_counts()
    assert "local mirror" in logged_in.cli("watchlist", "list").stderr
    assert logged_in.requests()["total"] == 0
