"""Pagination (REFERENCE §3): defaults per route, 250 clamp, headers, profiles, bad values."""

from __future__ import annotations

from collections.abc import Iterator

import httpx2
import pytest
import sandbox_extra_routes
from sandbox_helpers import client

from traktkit.sandbox import SandboxConfig
from traktkit.sandbox.pagination import PageSpec, resolve
from traktkit.sandbox.routes import ROUTE_MODULES
from traktkit.sandbox.server import running_sandbox

MODULES = (*ROUTE_MODULES, sandbox_extra_routes)


@pytest.fixture(scope="module", params=["2026", "classic"])
def paged(request: pytest.FixtureRequest) -> Iterator[tuple[str, httpx2.Client]]:
    config = SandboxConfig(
        pagination_profile=request.param, synthetic_movies=300, synthetic_shows=10
    )
    with running_sandbox(config, route_modules=MODULES) as sb, client(sb) as c:
        yield request.param, c


def _pages(r: httpx2.Response) -> tuple[int, int, int, int]:
    h = r.headers
    return (
        int(h["x-pagination-page"]),
        int(h["x-pagination-limit"]),
        int(h["x-pagination-page-count"]),
        int(h["x-pagination-item-count"]),
    )


def test_default_page_size(paged: tuple[str, httpx2.Client]) -> None:
    profile, c = paged
    r = c.get("/test/numbers")
    if profile == "2026":
        assert _pages(r) == (1, 100, 6, 600)
        assert [x["n"] for x in r.json()][:3] == [1, 2, 3] and len(r.json()) == 100
    else:  # classic: "pagination optional" routes return everything, no headers
        assert "x-pagination-page" not in r.headers
        assert len(r.json()) == 600
    search = c.get("/search/movie", params={"query": "the"})
    assert _pages(search)[1] == (50 if profile == "2026" else 10)


def test_limit_is_clamped_to_250(paged: tuple[str, httpx2.Client]) -> None:
    _, c = paged
    r = c.get("/test/numbers", params={"limit": 1000, "page": 2})
    assert _pages(r) == (2, 250, 3, 600)
    assert r.json()[0] == {"n": 251}
    capped = c.get("/test/capped", params={"limit": 1000})
    assert _pages(capped)[1] == 100


def test_page_beyond_the_end_is_empty(paged: tuple[str, httpx2.Client]) -> None:
    _, c = paged
    r = c.get("/test/numbers", params={"limit": 250, "page": 9})
    assert r.status_code == 200
    assert r.json() == []
    assert _pages(r) == (9, 250, 3, 600)
    empty = c.get("/test/numbers", params={"count": 0, "page": 1, "limit": 10})
    assert _pages(empty) == (1, 10, 1, 0)


@pytest.mark.parametrize("params", [{"page": "abc"}, {"page": 0}, {"limit": -5}, {"limit": "x"}])
def test_bad_page_or_limit_is_400(
    paged: tuple[str, httpx2.Client], params: dict[str, str | int]
) -> None:
    _, c = paged
    assert c.get("/test/numbers", params=params).status_code == 400


def test_resolve_rules() -> None:
    optional = PageSpec(default=100, optional=True)
    assert resolve(optional, {}, "classic") is None
    window = resolve(optional, {"page": "3"}, "classic")
    assert window is not None and (window.page, window.limit) == (3, 10)
    window = resolve(PageSpec(default=50), {"limit": "999"}, "2026")
    assert window is not None and window.limit == 250
