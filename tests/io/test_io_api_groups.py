"""The lists and favorites api groups (used by the importers) against the sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import FAST_HTTP
from tests.cli.io_helpers import library, logged_in_sandbox
from tests.conftest import Sandbox
from traktkit.api.errors import InvalidInput
from traktkit.api.lists import check_list_id
from traktkit.client import Trakt
from traktkit.config import Settings


@pytest.fixture
def trakt(tmp_path: Path) -> Iterator[tuple[Sandbox, Trakt]]:
    for sb in logged_in_sandbox(tmp_path):
        sb.control("POST", "/_sandbox/users", {"username": "demo", "vip": True})
        with Trakt(Settings.from_env(sb.env), http_options=FAST_HTTP) as client:
            yield sb, client


def test_lists(trakt: tuple[Sandbox, Trakt]) -> None:
    sb, client = trakt
    made = client.lists.create("Sci-fi", description="space", privacy="public", sort_by="title")
    assert made.name == "Sci-fi" and made.privacy == "public" and made.sort_by == "title"
    list_id = made.ids.trakt
    assert list_id is not None
    report = client.lists.add_items(list_id, ["tt1375666", "Breaking Bad", "tt0133093"], notes="n")
    assert [o.status for o in report.outcomes] == ["added", "added", "added"]
    people = client.lists.add_people(list_id, [{"ids": {"slug": "christopher-nolan"}}])
    assert people.added is not None and people.added.get("people") == 1
    items = list(client.lists.items(list_id, sort_by="rank", sort_how="asc"))
    assert [i.type for i in items] == ["movie", "movie", "show", "person"]
    assert items[0].notes == "n"
    ids = [i.id for i in items if i.id is not None]
    client.lists.reorder_items(list_id, ids[::-1])
    again = list(client.lists.items(list_id, sort_by="rank", sort_how="asc"))
    assert [i.id for i in again] == ids[::-1]
    removed = client.lists.remove_items(list_id, ["tt1375666"])
    assert [o.status for o in removed.outcomes] == ["deleted"]
    assert [lst.name for lst in client.lists.list()] == ["Sci-fi"]
    client.lists.delete(list_id)
    assert client.lists.list() == []
    assert library(sb).lists == []


def test_favorites(trakt: tuple[Sandbox, Trakt]) -> None:
    _, client = trakt
    report = client.favorites.add(["tt1375666", "Breaking Bad"], notes="best")
    assert [o.status for o in report.outcomes] == ["added", "added"]
    favorites = client.favorites.list()
    assert [f.type for f in favorites] == ["movie", "show"] and favorites[0].notes == "best"
    assert [f.type for f in client.favorites.list("shows")] == ["show"]
    ids = [f.id for f in favorites if f.id is not None]
    client.favorites.reorder(ids[::-1])
    assert [f.id for f in client.favorites.list(sort_by="rank")] == ids[::-1]
    with pytest.raises(InvalidInput, match="only movies and shows"):
        client.favorites.add(["Breaking Bad S01E01"])
    removed = client.favorites.remove(["Breaking Bad"])
    assert [o.status for o in removed.outcomes] == ["deleted"]


@pytest.mark.parametrize("value", ["0", "-3", "Not A Slug", "", True])
def test_bad_list_ids(value: object) -> None:
    with pytest.raises(InvalidInput):
        check_list_id(value)  # type: ignore[arg-type]


def test_bad_list_fields(trakt: tuple[Sandbox, Trakt]) -> None:
    sb, client = trakt
    sb.reset_counts()
    for fields in ({"privacy": "secret"}, {"sort_how": "up"}, {"display_numbers": "yes"}):
        with pytest.raises(InvalidInput):
            client.lists.create("x", **fields)
    with pytest.raises(InvalidInput, match="needs a name"):
        client.lists.create("  ")
    assert sb.requests()["total"] == 0
