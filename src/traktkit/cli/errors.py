"""Map library exceptions to the documented exit codes and one-line messages.

Exit codes: 0 ok; 1 API or network failure; 2 bad usage or invalid input (nothing sent);
3 item not found or ambiguous; 4 not logged in or token rejected.

The library's exception classes are imported only when a command fails: importing
`traktkit.api`, `traktkit.auth` or `traktkit.http` pulls in pydantic and httpx2, which
`trakt --help` and the commands that do not talk to Trakt must not pay for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import typer

from traktkit.cli.output import Output

OK, FAILURE, USAGE, NOT_FOUND, AUTH = 0, 1, 2, 3, 4

P = ParamSpec("P")
R = TypeVar("R")


def known_errors() -> tuple[type[Exception], ...]:
    """The library exceptions a command turns into a one-line error and an exit code."""
    from traktkit.api.errors import AmbiguousItem, InvalidInput, ItemNotFound
    from traktkit.auth.errors import AuthError
    from traktkit.config import ConfigError
    from traktkit.http.errors import TraktError

    return (TraktError, ConfigError, InvalidInput, ItemNotFound, AmbiguousItem, AuthError)


def exit_code_for(exc: BaseException) -> int:
    from traktkit.api.errors import AmbiguousItem, InvalidInput, ItemNotFound
    from traktkit.auth.errors import AuthError
    from traktkit.config import ConfigError
    from traktkit.http.errors import NotAuthenticated, NotFound, Unauthorized

    if isinstance(exc, ConfigError | InvalidInput):
        return USAGE
    if isinstance(exc, ItemNotFound | AmbiguousItem | NotFound):
        return NOT_FOUND
    if isinstance(exc, Unauthorized) and exc.private_user:
        return NOT_FOUND  # a private user's data: the login is fine, the data is not visible
    if isinstance(exc, NotAuthenticated | Unauthorized | AuthError):
        return AUTH
    return FAILURE


def error_payload(exc: BaseException, code: int) -> dict[str, Any]:
    """The JSON object printed on stdout with --json when a command fails."""
    from traktkit.api.errors import AmbiguousItem, ItemNotFound
    from traktkit.http.errors import AccountLimitExceeded, RateLimited

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
    from traktkit.api.errors import AmbiguousItem

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
        except KeyboardInterrupt:
            out.error("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:
            if not isinstance(exc, known_errors()):
                raise
            raise typer.Exit(report(exc, out)) from None

    return wrapper
