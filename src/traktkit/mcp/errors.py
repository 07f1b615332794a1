"""Library exceptions as `ToolError`s whose text tells the model what to do next.

| exception | the model is told to |
|---|---|
| `NotAuthenticated`, `Unauthorized`, `RefreshRejected` | call `login_start`, `login_complete` |
| `AmbiguousItem` | ask the user or retry with one of the listed candidates' ids |
| `ItemNotFound`, `NotFound` | fix the title or call `search` and retry with ids |
| `InvalidInput`, `ConfigError` | fix the argument (the message says what is allowed) |
| `RateLimited` | wait the given number of seconds, then call again |
| `AccountLimitExceeded` | tell the user the limit and the VIP upgrade URL |
| device-flow errors | call `login_start` again |
| network / 5xx | retry later (a write may have been applied: check first) |

Every message is scrubbed of the secrets the server knows, on top of the library's own
redaction, so no token can reach a tool result or a log line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from mcp.server.mcpserver.exceptions import ToolError

from traktkit.api.errors import AmbiguousItem, CandidateInfo, InvalidInput, ItemNotFound
from traktkit.auth.errors import (
    DeviceCodeAlreadyUsed,
    DeviceCodeDenied,
    DeviceCodeExpired,
    DeviceCodeInvalid,
    DeviceFlowError,
    TokenStoreError,
)
from traktkit.config import ConfigError
from traktkit.http.errors import (
    AccountLimitExceeded,
    NetworkError,
    NotAuthenticated,
    NotFound,
    RateLimited,
    ServerError,
    TraktError,
    Unauthorized,
    VipRequired,
    redact,
)
from traktkit.mirror import MIRROR_ERRORS

__all__ = [
    "LOGIN_HINT",
    "MirrorNotSynced",
    "MirrorUnusable",
    "candidates_text",
    "message_for",
    "mirror_errors",
    "tool_errors",
]

LOGIN_HINT = (
    "Call the login_start tool, show the user the verification URL and code it returns, "
    "then call login_complete."
)
_SHOWN_CANDIDATES = 8


logger = logging.getLogger("traktkit.mcp")


class MirrorNotSynced(Exception):
    """The local mirror has never been synced (a question only the mirror answers)."""


class MirrorUnusable(Exception):
    """The local mirror file cannot be opened or read."""


@contextmanager
def mirror_errors(path: object) -> Iterator[None]:
    """SQLite and file errors of the mirror as one `MirrorUnusable`."""
    try:
        yield
    except MIRROR_ERRORS as exc:
        raise MirrorUnusable(f"the local mirror {path} cannot be used: {exc}") from None


def _ids_text(candidate: CandidateInfo) -> str:
    ids = candidate.ids
    parts = [f"{key}={ids[key]}" for key in ("trakt", "imdb", "tmdb", "tvdb") if ids.get(key)]
    return ", ".join(parts) or "no ids"


def candidates_text(candidates: Sequence[CandidateInfo]) -> str:
    """`1) Dune (2021) [movie] ids trakt=438, imdb=tt1160419; 2) …`."""
    shown = [
        f"{n}) {c.label} ids {_ids_text(c)}"
        for n, c in enumerate(candidates[:_SHOWN_CANDIDATES], 1)
    ]
    more = len(candidates) - _SHOWN_CANDIDATES
    if more > 0:
        shown.append(f"and {more} more")
    return "; ".join(shown)


def _ambiguous(exc: AmbiguousItem) -> str:
    example = next((c for c in exc.candidates if c.ids.get("trakt")), None)
    how = (
        f'{{"type": "{example.type}", "ids": {{"trakt": {example.ids["trakt"]}}}}}'
        if example is not None
        else '{"type": "movie", "ids": {"imdb": "tt…"}}'
    )
    return (
        f"{exc.query!r} matches several titles on Trakt: {candidates_text(exc.candidates)}. "
        "Nothing was written. Ask the user which one they mean (or pick the one the "
        f"conversation clearly refers to), then call again with that item as an object "
        f"such as {how}, or with the year in the title, e.g. 'Title (2021)'."
    )


def _rate_limited(exc: RateLimited) -> str:
    if exc.retry_after is not None:
        wait = max(1, round(exc.retry_after))
        return f"Trakt's rate limit was reached (429). Wait {wait} seconds, then call again."
    return "Trakt's rate limit was reached (429). Wait a minute, then call again."


def _account_limit(exc: AccountLimitExceeded) -> str:
    what = f"of {exc.limit} items " if exc.limit is not None else ""
    text = f"The user's Trakt account limit {what}is reached (420); nothing more was added."
    if exc.vip:
        return text + " The account is already VIP: remove items to make room."
    upgrade = f" at {exc.upgrade_url}" if exc.upgrade_url else ""
    return (
        f"{text} Tell the user: they can remove items (for example with watchlist_remove) "
        f"or upgrade to Trakt VIP{upgrade}, which raises the limit."
    )


def _device_flow(exc: DeviceFlowError) -> str:
    if isinstance(exc, DeviceCodeExpired):
        return (
            "The login code expired before the user approved it. Call login_start for a "
            "new code and ask the user to enter it promptly."
        )
    if isinstance(exc, DeviceCodeDenied):
        return (
            "The user denied the authorization on trakt.tv. Call login_start again only if "
            "the user wants to retry."
        )
    if isinstance(exc, DeviceCodeInvalid | DeviceCodeAlreadyUsed):
        return "This login code is no longer valid. Call login_start for a new code."
    return f"The login did not complete ({exc}). Call login_start for a new code."


def _unavailable(exc: NetworkError | ServerError) -> str:
    text = f"Trakt could not be reached or failed ({exc}). Try again in a minute."
    if exc.maybe_applied:
        text += (
            " The write may have been applied anyway: check with the matching list tool "
            "(e.g. history_list) before repeating it."
        )
    return text


def message_for(exc: BaseException) -> str | None:
    """The model-facing message for a known exception (None: not ours to explain)."""
    if isinstance(exc, AmbiguousItem):
        return _ambiguous(exc)
    if isinstance(exc, ItemNotFound):
        return (
            f"{exc} on Trakt. Check the spelling, add the year ('Title (2010)') or the type, "
            "or call search and retry with the item's ids."
        )
    if isinstance(exc, InvalidInput):
        return f"Invalid input: {exc}. Nothing was sent to Trakt; fix it and call again."
    if isinstance(exc, ConfigError):
        return (
            f"traktkit is not configured: {exc}. Set the variable in the env block of this "
            "MCP server's configuration and restart it."
        )
    if isinstance(exc, DeviceFlowError):
        return _device_flow(exc)
    if isinstance(exc, TokenStoreError):
        return f"The stored Trakt login cannot be used ({exc}). {LOGIN_HINT}"
    if isinstance(exc, Unauthorized) and exc.private_user:
        return str(exc)
    if isinstance(exc, NotAuthenticated | Unauthorized):
        return f"Not logged in to Trakt, or the login expired ({exc}). {LOGIN_HINT}"
    if isinstance(exc, RateLimited):
        return _rate_limited(exc)
    if isinstance(exc, AccountLimitExceeded):
        return _account_limit(exc)
    if isinstance(exc, VipRequired):
        where = f" Upgrade at {exc.upgrade_url}." if exc.upgrade_url else ""
        return f"This needs a Trakt VIP account ({exc}).{where} Tell the user."
    if isinstance(exc, NotFound):
        return f"{exc}. Check the item's ids (call search to find them) and call again."
    if isinstance(exc, NetworkError | ServerError):
        return _unavailable(exc)
    if isinstance(exc, TraktError):
        return str(exc)
    if isinstance(exc, MirrorNotSynced):
        return f"{exc}. Call the sync tool first (it needs a Trakt login), then call again."
    if isinstance(exc, MirrorUnusable):
        return (
            f"{exc}. Tell the user; deleting that file (it is only a cache) and calling "
            "sync again rebuilds it."
        )
    if isinstance(exc, MIRROR_ERRORS) and not isinstance(exc, OSError):
        return f"The local mirror cannot be used: {exc}."
    return None


def _with_notes(exc: BaseException, text: str) -> str:
    notes = [str(n) for n in getattr(exc, "__notes__", ())]
    return text + (" Also: " + " ".join(notes) if notes else "")


@contextmanager
def tool_errors(secrets: Callable[[], Iterable[str]]) -> Iterator[None]:
    """Turn known library exceptions raised in the block into `ToolError`s (scrubbed of
    `secrets()`); anything else is a bug: logged on stderr (scrubbed), and the model gets
    only its type, never its text, which could quote a secret."""
    try:
        yield
    except ToolError as exc:
        raise ToolError(redact(str(exc), secrets())) from None
    except Exception as exc:
        text = message_for(exc)
        if text is None:
            logger.error("internal error in a tool: %s", redact(repr(exc), secrets()))
            raise ToolError(
                f"internal error ({type(exc).__name__}) in traktkit; the server log on stderr "
                "has details. Tell the user; retrying will likely fail the same way."
            ) from None
        raise ToolError(redact(_with_notes(exc, text), secrets())) from None
