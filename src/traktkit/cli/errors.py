"""Map library exceptions to the documented exit codes and one-line messages.

Exit codes: 0 ok; 1 API or network failure; 2 bad usage or invalid input (nothing sent);
3 item not found or ambiguous; 4 not logged in or token rejected.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer

from traktkit.api.errors import AmbiguousItem, InvalidInput, ItemNotFound
from traktkit.auth.errors import AuthError
from traktkit.cli.output import Output
from traktkit.config import ConfigError
from traktkit.http.errors import (
    AccountLimitExceeded,
    NotAuthenticated,
    NotFound,
    RateLimited,
    TraktError,
    Unauthorized,
)

OK, FAILURE, USAGE, NOT_FOUND, AUTH = 0, 1, 2, 3, 4

KNOWN_ERRORS = (TraktError, ConfigError, InvalidInput, ItemNotFound, AmbiguousItem, AuthError)

P = ParamSpec("P")
R = TypeVar("R")


def exit_code_for(exc: BaseException) -> int:
    if isinstance(exc, ConfigError | InvalidInput):
        return USAGE
    if isinstance(exc, ItemNotFound | AmbiguousItem | NotFound):
        return NOT_FOUND
    if isinstance(exc, NotAuthenticated | Unauthorized | AuthError):
        return AUTH
    return FAILURE


def error_payload(exc: BaseException, code: int) -> dict[str, Any]:
    """The JSON object printed on stdout with --json when a command fails."""
    payload: dict[str, Any] = {"error": str(exc), "exit_code": code, "kind": type(exc).__name__}
    if isinstance(exc, AmbiguousItem):
        payload["query"] = exc.query
        payload["candidates"] = [c.to_dict() for c in exc.candidates]
    elif isinstance(exc, ItemNotFound):
        payload["query"] = exc.query
    elif isinstance(exc, AccountLimitExceeded):
        payload["limit"] = exc.limit
        payload["upgrade_url"] = exc.upgrade_url
    elif isinstance(exc, RateLimited):
        payload["retry_after"] = exc.retry_after
    return payload


def report(exc: BaseException, out: Output) -> int:
    code = exit_code_for(exc)
    out.error(str(exc) or type(exc).__name__)
    if isinstance(exc, AmbiguousItem) and not out.as_json:
        out.table(
            ["#", "type", "title", "year", "trakt", "imdb", "slug"],
            (
                (
                    i,
                    c.type,
                    c.title,
                    c.year,
                    c.ids.get("trakt"),
                    c.ids.get("imdb"),
                    c.ids.get("slug"),
                )
                for i, c in enumerate(exc.candidates, 1)
            ),
            title="Candidates (add the year, --type or an id to choose)",
        )
    if out.as_json:
        out.json(error_payload(exc, code))
    return code


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Decorate a command: known exceptions become a one-line error and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        out = Output(as_json=bool(kwargs.get("as_json", False)))
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except (
            TraktError,
            ConfigError,
            InvalidInput,
            ItemNotFound,
            AmbiguousItem,
            AuthError,
        ) as exc:
            raise typer.Exit(report(exc, out)) from None
        except KeyboardInterrupt:
            out.error("interrupted")
            raise typer.Exit(130) from None

    return wrapper
