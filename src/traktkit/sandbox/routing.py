"""The route table: declare each API route once, match request paths to templates.

A route module declares handlers with the `route` decorator::

    @route("GET", "/movies/{id}", auth="none")
    def movie(ctx: Ctx) -> Any: ...

    @route("GET", "/search/{type}", auth="none", page=PageSpec(default=50))
    def search(ctx: Ctx) -> Listing[Any]: ...

The decorator only attaches a `RouteSpec` to the function; `Router.from_modules` collects
them (no global registry). Handlers are plain synchronous functions: the dispatcher calls
them under the state lock and turns their result into a response:

* any JSON-able value -> 200 JSON;
* `Reply(...)` -> explicit status / headers / HTML / empty body;
* `Listing(items, render)` -> paginated by the route's `PageSpec` (render runs only on the
  served page, so big libraries stay cheap); `Listing(..., page=SPEC)` pages by another
  spec for this answer (e.g. `extended=progress` capping the page size at 100);
* raising `ApiError` -> a JSON error.

Matching: templates are split on `/`; `{name}` matches one segment. When several
templates match, the one with literal segments earliest wins (`/users/settings` beats
`/users/{id}`). A path matching only with another method answers 405.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from traktkit.sandbox.errors import ApiError
from traktkit.sandbox.pagination import PageSpec

if TYPE_CHECKING:
    from starlette.datastructures import Headers, QueryParams

    from traktkit.sandbox.state import AccessToken, SandboxState
    from traktkit.sandbox.users import UserState

AuthMode = Literal["none", "optional", "required"]
T = TypeVar("T")
Handler = Callable[["Ctx"], Any]
_ATTR = "__sandbox_routes__"


@dataclass(frozen=True)
class RouteSpec:
    """One API route: method, Trakt-style path template and how the dispatcher treats it."""

    method: str
    path: str
    handler: Handler
    auth: AuthMode = "none"
    page: PageSpec | None = None
    api_headers: bool = True  # trakt-api-key / trakt-api-version required
    rate_limited: bool = True

    @property
    def key(self) -> str:
        """`GET /movies/{id}`: the name used by request counts and fault rules."""
        return f"{self.method} {self.path}"

    @property
    def segments(self) -> tuple[str, ...]:
        return tuple(s for s in self.path.split("/") if s)


def route(
    method: str,
    path: str,
    *,
    auth: AuthMode = "none",
    page: PageSpec | None = None,
    api_headers: bool = True,
    rate_limited: bool = True,
) -> Callable[[Handler], Handler]:
    """Declare `handler` as the answer to `method path` (stackable for several paths)."""

    def decorate(handler: Handler) -> Handler:
        spec = RouteSpec(method.upper(), path, handler, auth, page, api_headers, rate_limited)
        specs: list[RouteSpec] = list(getattr(handler, _ATTR, ()))
        specs.append(spec)
        setattr(handler, _ATTR, specs)
        return handler

    return decorate


@dataclass
class Reply:
    """An explicit response from a handler."""

    data: Any = None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    html: str | None = None
    empty: bool = False


@dataclass
class Listing(Generic[T]):
    """A list result: paginated by the dispatcher when the route has a PageSpec."""

    items: Sequence[T]
    render: Callable[[T], Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200
    page: PageSpec | None = None  # overrides the route's PageSpec for this answer


@dataclass
class Ctx:
    """What a handler sees of one request."""

    state: SandboxState
    method: str
    path: str
    params: dict[str, str]
    query: QueryParams
    headers: Headers
    body: Any
    base_url: str
    client_id: str | None = None
    token: AccessToken | None = None
    user: UserState | None = None

    def q(self, name: str, default: str | None = None) -> str | None:
        value = self.query.get(name)
        return default if value is None or value == "" else value

    @property
    def extended(self) -> frozenset[str]:
        raw = self.query.get("extended") or ""
        return frozenset(p.strip() for p in raw.split(",") if p.strip())

    @property
    def full(self) -> bool:
        return "full" in self.extended

    def require_user(self) -> UserState:
        if self.user is None:
            raise ApiError(401)
        return self.user

    def body_dict(self) -> dict[str, Any]:
        if self.body is None:
            return {}
        if not isinstance(self.body, dict):
            raise ApiError(400, "invalid_body", "The JSON body must be an object.")
        return self.body


@dataclass(frozen=True)
class Match:
    spec: RouteSpec | None
    params: dict[str, str]
    allowed: tuple[str, ...] = ()  # methods of routes matching the path (for 405)

    @property
    def key_for(self) -> str:
        return self.spec.key if self.spec else "unmatched"


class Router:
    """All routes, indexed by segment count for fast matching."""

    def __init__(self, specs: Iterable[RouteSpec]) -> None:
        self.routes: list[RouteSpec] = []
        self._by_length: dict[int, list[RouteSpec]] = {}
        seen: set[str] = set()
        for spec in specs:
            if spec.key in seen:
                raise ValueError(f"route declared twice: {spec.key}")
            seen.add(spec.key)
            self.routes.append(spec)
            self._by_length.setdefault(len(spec.segments), []).append(spec)

    @classmethod
    def from_modules(cls, modules: Iterable[types.ModuleType]) -> Router:
        specs: list[RouteSpec] = []
        for module in modules:
            for value in vars(module).values():
                specs.extend(getattr(value, _ATTR, ()))
        return cls(specs)

    def match(self, method: str, path: str) -> Match:
        parts = [p for p in path.split("/") if p]
        best: tuple[tuple[int, ...], RouteSpec, dict[str, str]] | None = None
        allowed: set[str] = set()
        for spec in self._by_length.get(len(parts), ()):
            params = _bind(spec.segments, parts)
            if params is None:
                continue
            allowed.add(spec.method)
            if spec.method != method:
                continue
            rank = tuple(0 if s.startswith("{") else 1 for s in spec.segments)
            if best is None or rank > best[0]:
                best = (rank, spec, params)
        if best is None:
            return Match(None, {}, tuple(sorted(allowed)))
        return Match(best[1], best[2], tuple(sorted(allowed)))

    def keys(self) -> list[str]:
        return [spec.key for spec in self.routes]


def _bind(template: Sequence[str], parts: Sequence[str]) -> dict[str, str] | None:
    params: dict[str, str] = {}
    for seg, part in zip(template, parts, strict=True):
        if seg.startswith("{") and seg.endswith("}"):
            params[seg[1:-1]] = part
        elif seg != part:
            return None
    return params
