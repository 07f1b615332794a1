"""Sandbox configuration and the parsers of its SPEC strings.

`SandboxConfig` holds every tunable of the emulated server. The defaults are the real
Trakt numbers of 2026 (7-day tokens, 1000 GETs per 5 minutes, one write per second);
tests shrink them (`device_interval=0.05`, small `get_limit`) and inject a fake `clock`.

SPEC strings (also accepted by `trakt sandbox serve`):

* `--library`: `empty` or `synthetic[:key=value,...]` with keys `plays`, `ratings`,
  `watchlist`, `collection`, `favorites`, `lists` (personal lists), `items` (items per
  list, default 10), `playback` (paused progress entries), e.g.
  `synthetic:plays=10000,ratings=2000,watchlist=250,collection=1000,lists=3,items=40`.
* `--faults`: rules separated by `;`, each
  `ROUTE=STATUS[xCOUNT][+delay=S][+retry_after=S][+html][+after]`
  where ROUTE is `METHOD /template` or `*`, STATUS an HTTP status (0 = no status, only the
  delay), COUNT an integer or `*` (unlimited; default 1). Example:
  `GET /users/settings=503x2;POST /oauth/device/token=429x1+retry_after=2`.
  By default a fault fires *before* the request is handled (nothing is applied). With
  `+after` the request is handled normally first (a write is applied), then the delay
  runs and STATUS replaces the real answer: "the server applied it, the client saw a
  5xx" (`POST /sync/history=503x1+after`) or, with a delay longer than the client's
  timeout, "applied, but the client timed out" (`POST /sync/history=0x1+delay=2+after`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

PaginationProfile = Literal["2026", "classic"]
PAGINATION_PROFILES: tuple[str, ...] = ("2026", "classic")

BUILTIN_CLIENT_ID = "sandbox-client-id"
BUILTIN_CLIENT_SECRET = "sandbox-client-secret"
OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob"
DEFAULT_USER = "demo"

FAULT_STATUSES = frozenset({0, 429, 500, 502, 503, 504, 520, 521, 522})
LIBRARY_KEYS = (
    "plays",
    "ratings",
    "watchlist",
    "collection",
    "favorites",
    "lists",
    "items",
    "playback",
)
_SYNTHETIC_DEFAULTS = {"plays": 1000, "ratings": 200, "watchlist": 50, "collection": 100}


class SpecError(ValueError):
    """A SPEC string or a config value is invalid (one-line message)."""


@dataclass(frozen=True)
class LibrarySpec:
    """What `--library` asks for: counts of each kind of library entry to generate."""

    plays: int = 0
    ratings: int = 0
    watchlist: int = 0
    collection: int = 0
    favorites: int = 0
    lists: int = 0
    items: int = 10  # per list
    playback: int = 0

    @property
    def empty(self) -> bool:
        counts = (self.plays, self.ratings, self.watchlist, self.collection, self.favorites)
        return not any((*counts, self.lists, self.playback))


@dataclass(frozen=True)
class FaultRule:
    """One fault-injection rule: answer `status` (after `delay` s) `count` times.

    `after=False`: the fault replaces the handling (nothing is applied). `after=True`: the
    request is handled first (state changes applied), then the delay and the status
    replace the real answer (status 0: the real answer, late).
    """

    route: str = "*"
    status: int = 500
    count: int | None = 1  # None = unlimited
    retry_after: float | None = None
    html: bool | None = None  # None = HTML for Cloudflare 52x only
    delay: float = 0.0
    after: bool = False  # handle the request first, then delay / replace its answer

    def __post_init__(self) -> None:
        if self.status not in FAULT_STATUSES:
            allowed = ", ".join(str(s) for s in sorted(FAULT_STATUSES))
            raise SpecError(f"fault status {self.status} not supported (use one of {allowed})")
        if self.count is not None and self.count < 1:
            raise SpecError("fault count must be >= 1")
        if self.delay < 0 or (self.retry_after is not None and self.retry_after < 0):
            raise SpecError("fault delay and retry_after must be >= 0")
        if self.route != "*" and not _is_route_key(self.route):
            raise SpecError(f"fault route {self.route!r} must be '*' or 'METHOD /path'")

    @classmethod
    def from_json(cls, raw: Any) -> FaultRule:
        if not isinstance(raw, dict):
            raise SpecError("each fault rule must be a JSON object")
        known = {"route", "status", "count", "retry_after", "html", "delay", "after"}
        unknown = set(raw) - known
        if unknown:
            raise SpecError(f"unknown fault rule keys: {', '.join(sorted(unknown))}")
        try:
            count = raw.get("count", 1)
            return cls(
                route=str(raw.get("route", "*")),
                status=int(raw.get("status", 500)),
                count=None if count in (None, "*", 0) else int(count),
                retry_after=None if raw.get("retry_after") is None else float(raw["retry_after"]),
                html=None if raw.get("html") is None else bool(raw["html"]),
                delay=float(raw.get("delay", 0.0)),
                after=_flag(raw.get("after", False)),
            )
        except (TypeError, ValueError) as exc:
            if isinstance(exc, SpecError):
                raise
            raise SpecError(f"invalid fault rule {raw!r}: {exc}") from None


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise SpecError(f"fault 'after' must be true or false, not {value!r}")
    return value


def _is_route_key(text: str) -> bool:
    method, _, path = text.partition(" ")
    return method in {"GET", "POST", "PUT", "DELETE", "PATCH"} and path.startswith("/")


def parse_library_spec(spec: str | None) -> LibrarySpec:
    """Parse `empty` / `synthetic[:plays=N,...]` (None or "" = empty)."""
    text = (spec or "").strip()
    if text in ("", "empty"):
        return LibrarySpec()
    kind, _, rest = text.partition(":")
    if kind.strip() != "synthetic":
        raise SpecError(f"library spec must be 'empty' or 'synthetic:...', not {text!r}")
    counts: dict[str, int] = dict(_SYNTHETIC_DEFAULTS) if not rest.strip() else {}
    for part in filter(None, (p.strip() for p in rest.split(","))):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in LIBRARY_KEYS:
            raise SpecError(f"library spec item {part!r}: use KEY=N with KEY in {LIBRARY_KEYS}")
        try:
            number = int(value)
        except ValueError:
            raise SpecError(f"library spec item {part!r}: {value!r} is not an integer") from None
        if number < 0:
            raise SpecError(f"library spec item {part!r}: must be >= 0")
        counts[key] = number
    return LibrarySpec(**counts)


def parse_faults_spec(spec: str | None) -> list[FaultRule]:
    """Parse `ROUTE=STATUS[xCOUNT][+delay=S][+retry_after=S][+html][+after];...`."""
    rules: list[FaultRule] = []
    for chunk in filter(None, (c.strip() for c in (spec or "").split(";"))):
        # Routes contain no '=', options ("+delay=0.5") do: split on the first one.
        head, sep, tail = chunk.partition("=")
        if not sep or not head.strip():
            raise SpecError(f"fault rule {chunk!r}: expected ROUTE=STATUS[xCOUNT]")
        route, action = head.strip(), tail.strip()
        main, *options = action.split("+")
        status_text, _, count_text = main.strip().partition("x")
        try:
            status = int(status_text)
            count: int | None = None if count_text.strip() == "*" else int(count_text or "1")
        except ValueError:
            raise SpecError(f"fault rule {chunk!r}: bad STATUS or COUNT") from None
        values: dict[str, Any] = {"route": route, "status": status, "count": count}
        for option in options:
            name, _, value = option.strip().partition("=")
            try:
                if name == "html":
                    values["html"] = True
                elif name == "after":
                    if value:  # a bare flag: `+after`
                        raise ValueError(value)
                    values["after"] = True
                elif name in ("delay", "retry_after"):
                    values[name] = float(value)
                else:
                    raise SpecError(f"fault rule {chunk!r}: unknown option {name!r}")
            except ValueError:
                raise SpecError(f"fault rule {chunk!r}: bad value for {name}") from None
        rules.append(FaultRule(**values))
    return rules


@dataclass
class SandboxConfig:
    """All knobs of the emulated Trakt server (real 2026 values by default)."""

    auto_approve: str | None = None
    library: str | None = None
    faults: str | None = None
    token_ttl: int = 604800
    device_code_ttl: int = 600
    device_interval: float = 5
    get_limit: int = 1000
    get_period: float = 300
    unauthed_get_limit: int = 1000
    write_interval: float = 1.0
    require_user_agent: bool = True
    pagination_profile: PaginationProfile = "2026"
    seed: int = 0
    synthetic_movies: int = 5000
    synthetic_shows: int = 300
    revoke_access_on_refresh: bool = False
    title_fallback: bool = True  # sync matching: title+year, then title, when no id matches
    clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise SpecError (one line) when a value is out of range."""
        if self.pagination_profile not in PAGINATION_PROFILES:
            raise SpecError(f"pagination_profile must be one of {PAGINATION_PROFILES}")
        for name in ("token_ttl", "device_code_ttl", "get_limit", "unauthed_get_limit"):
            if int(getattr(self, name)) < 1:
                raise SpecError(f"{name} must be >= 1")
        for name in ("device_interval", "get_period", "write_interval"):
            if float(getattr(self, name)) < 0:
                raise SpecError(f"{name} must be >= 0")
        if self.get_period <= 0:
            raise SpecError("get_period must be > 0")
        if self.synthetic_movies < 0 or self.synthetic_shows < 0:
            raise SpecError("synthetic_movies and synthetic_shows must be >= 0")
        parse_library_spec(self.library)
        parse_faults_spec(self.faults)

    @property
    def library_spec(self) -> LibrarySpec:
        return parse_library_spec(self.library)

    @property
    def fault_rules(self) -> list[FaultRule]:
        return parse_faults_spec(self.faults)

    @property
    def library_user(self) -> str:
        """The user `--library` fills: the auto-approve user, else `demo`."""
        return self.auto_approve or DEFAULT_USER

    @classmethod
    def from_cli_options(
        cls,
        *,
        auto_approve: str | None = None,
        library: str | None = None,
        faults: str | None = None,
        **overrides: Any,
    ) -> SandboxConfig:
        """Build a config from CLI options; raises SpecError with a one-line message."""
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise SpecError(f"unknown sandbox option(s): {', '.join(sorted(unknown))}")
        return cls(auto_approve=auto_approve or None, library=library, faults=faults, **overrides)

    def updated(self, changes: dict[str, Any]) -> SandboxConfig:
        """A validated copy with `changes` applied (used by POST /_sandbox/config)."""
        allowed = RUNTIME_FIELDS
        unknown = set(changes) - set(allowed)
        if unknown:
            raise SpecError(f"cannot change {', '.join(sorted(unknown))} at runtime")
        coerced: dict[str, Any] = {}
        for name, value in changes.items():
            kind = allowed[name]
            try:
                coerced[name] = None if value is None and kind is str else kind(value)
            except (TypeError, ValueError):
                raise SpecError(f"{name}: invalid value {value!r}") from None
        return replace(self, **coerced)

    def public_dict(self) -> dict[str, Any]:
        """The runtime-changeable values, for GET/POST /_sandbox/config."""
        return {name: getattr(self, name) for name in RUNTIME_FIELDS}


RUNTIME_FIELDS: dict[str, type] = {
    "token_ttl": int,
    "device_code_ttl": int,
    "device_interval": float,
    "get_limit": int,
    "get_period": float,
    "unauthed_get_limit": int,
    "write_interval": float,
    "require_user_agent": bool,
    "pagination_profile": str,
    "auto_approve": str,
    "revoke_access_on_refresh": bool,
    "title_fallback": bool,
}
