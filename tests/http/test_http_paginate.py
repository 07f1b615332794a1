"""HttpClient.paginate: page/limit, X-Pagination-Page-Count, laziness, on_page."""

from __future__ import annotations

import math
from collections.abc import Callable

import httpx2
import pytest
from http_fakes import MakeClient, StaticTokens, json_response

from traktkit.http import NotAuthenticated, PageInfo, TraktError


def paged_server(
    total: int, *, headers: bool = True, max_limit: int = 250
) -> Callable[[httpx2.Request], httpx2.Response]:
    items = [{"id": i} for i in range(total)]

    def handler(request: httpx2.Request) -> httpx2.Response:
        page = int(request.url.params.get("page", "1"))
        limit = min(int(request.url.params.get("limit", "10")), max_limit)
        chunk = items[(page - 1) * limit : page * limit]
        extra = {}
        if headers:
            extra = {
                "X-Pagination-Page": str(page),
                "X-Pagination-Limit": str(limit),
                "X-Pagination-Page-Count": str(max(1, math.ceil(total / limit))),
                "X-Pagination-Item-Count": str(total),
            }
        return json_response(200, chunk, extra)

    return handler


def test_1000_items_limit_250_exactly_4_requests(make_client: MakeClient) -> None:
    h = make_client(paged_server(1000))
    pages: list[PageInfo] = []
    items = list(h.client.paginate("/sync/history", on_page=pages.append))
    assert [item["id"] for item in items] == list(range(1000))
    assert len(h.requests) == 4
    assert [r.url.params["page"] for r in h.requests] == ["1", "2", "3", "4"]
    assert {r.url.params["limit"] for r in h.requests} == {"250"}
    assert all(r.method == "GET" for r in h.requests)
    assert pages == [
        PageInfo(page=p, page_count=4, item_count=1000, limit=250) for p in (1, 2, 3, 4)
    ]


def test_missing_header_is_single_page(make_client: MakeClient) -> None:
    h = make_client(paged_server(30, headers=False))
    items = list(h.client.paginate("/users/me/lists", limit=100))
    assert len(items) == 30
    assert len(h.requests) == 1


def test_custom_limit_and_params_kept(make_client: MakeClient) -> None:
    h = make_client(paged_server(25))
    items = list(h.client.paginate("/movies/trending", params={"extended": "full"}, limit=10))
    assert len(items) == 25
    assert len(h.requests) == 3
    assert all(r.url.params["extended"] == "full" for r in h.requests)


def test_clamped_limit_still_consistent(make_client: MakeClient) -> None:
    h = make_client(paged_server(600, max_limit=250))
    pages: list[PageInfo] = []
    items = list(h.client.paginate("/sync/history", limit=1000, on_page=pages.append))
    assert len(items) == 600
    assert len(h.requests) == 3
    assert pages[0].limit == 250  # what the server applied


def test_empty_result(make_client: MakeClient) -> None:
    h = make_client(paged_server(0))
    assert list(h.client.paginate("/sync/history")) == []
    assert len(h.requests) == 1


def test_lazy(make_client: MakeClient) -> None:
    h = make_client(paged_server(1000))
    iterator = h.client.paginate("/sync/history")
    assert h.requests == []
    first = [next(iterator) for _ in range(251)]
    assert len(first) == 251
    assert len(h.requests) == 2


def test_stops_at_an_early_empty_page(make_client: MakeClient) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        page = int(request.url.params["page"])
        body = [{"id": 1}] if page == 1 else []
        return json_response(200, body, {"X-Pagination-Page-Count": "5"})

    h = make_client(handler)
    assert len(list(h.client.paginate("/sync/history"))) == 1
    assert len(h.requests) == 2


def test_non_list_raises(make_client: MakeClient) -> None:
    h = make_client(lambda r: json_response(200, {"not": "a list"}))
    with pytest.raises(TraktError, match="expected a list"):
        list(h.client.paginate("/sync/history"))


def test_required_auth_checked(make_client: MakeClient) -> None:
    h = make_client(paged_server(10), tokens=StaticTokens(None))
    with pytest.raises(NotAuthenticated):
        list(h.client.paginate("/sync/history", auth="required"))
    assert h.requests == []
