"""Test-only routes that exercise the generic dispatcher (writes, paging, optional auth)."""

from __future__ import annotations

from typing import Any

from traktkit.sandbox.pagination import PageSpec
from traktkit.sandbox.routing import Ctx, Listing, Reply, route


@route("POST", "/test/echo", auth="required")
def echo(ctx: Ctx) -> Any:
    return Reply({"user": ctx.require_user().username, "body": ctx.body}, status=201)


@route("GET", "/test/numbers", auth="optional", page=PageSpec(default=100, optional=True))
def numbers(ctx: Ctx) -> Any:
    count = int(ctx.q("count", "600") or 600)
    return Listing(range(1, count + 1), render=lambda n: {"n": n})


@route("GET", "/test/capped", page=PageSpec(default=10, max_limit=100))
def capped(ctx: Ctx) -> Any:
    return list(range(500))
