"""Account tools: login_start, login_complete (device flow), sync and stats (the local
mirror)."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Annotated

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from traktkit.auth.errors import DeviceCodeExpired, DeviceFlowError
from traktkit.auth.oauth import DeviceCode, OAuthClient
from traktkit.auth.session import AuthSession
from traktkit.auth.token import Token
from traktkit.client import Trakt
from traktkit.mcp.common import APPEND_WRITE, LOCAL_READ, hints, require_login
from traktkit.mcp.errors import MirrorNotSynced, mirror_errors, tool_errors
from traktkit.mcp.outputs_account import (
    LoginComplete,
    LoginStart,
    StatsOut,
    SyncOut,
    epoch_iso,
)
from traktkit.mcp.state import PendingLogin, ServerState

__all__ = ["ResumedDeviceFlow", "register"]

MAX_LOGIN_WAIT = 120

SYNC = hints(read_only=False, destructive=False, idempotent=True)
"""Writes only the local mirror, and only from Trakt's own data."""


class ResumedDeviceFlow(OAuthClient):
    """The OAuth client of a device login started earlier: `device_code()` hands back
    that code instead of asking for a new one, so `AuthSession.login_device` polls it
    (with its slow-down and retry rules) and saves the token the same way `trakt login`
    does."""

    def __init__(self, trakt: Trakt, code: DeviceCode) -> None:
        super().__init__(trakt.http, trakt.settings)
        self._code = code

    def device_code(self) -> DeviceCode:
        return self._code


def _minutes(seconds: float) -> int:
    return max(1, int(seconds // 60))


def _pending_result(pending: PendingLogin) -> LoginComplete:
    code = pending.code
    left = _minutes(pending.deadline - time.monotonic())
    return LoginComplete(
        status="pending",
        message=(
            f"Not approved yet. Ask the user to open {code.verification_url} and enter the "
            f"code {code.user_code} (valid about {left} more minutes), then call "
            "login_complete again."
        ),
        verification_url=code.verification_url,
        user_code=code.user_code,
    )


def poll_login(
    state: ServerState, pending: PendingLogin, wait: float, sleep: Callable[[float], None]
) -> Token | None:
    """Poll the pending code for up to `wait` seconds (at least one poll interval): the
    saved token, None while still pending; device-flow errors when it ended."""
    remaining = pending.deadline - time.monotonic()
    if remaining <= 0:
        raise DeviceCodeExpired(status=None)
    budget = min(remaining, max(wait, pending.code.interval))
    code = pending.code.model_copy(update={"expires_in": max(1, math.ceil(budget))})
    trakt = state.trakt()
    session = AuthSession(trakt.settings, trakt.auth.store, ResumedDeviceFlow(trakt, code))
    session.on_account_change = trakt.auth.on_account_change
    try:
        return session.login_device(on_code=lambda _code: None, sleep=sleep)
    except DeviceCodeExpired as exc:
        if exc.status is None and time.monotonic() < pending.deadline:
            return None  # our wait ran out, not the code
        raise


def register(
    server: MCPServer, state: ServerState, *, sleep: Callable[[float], None] = time.sleep
) -> None:
    @server.tool(
        name="login_start",
        description=(
            "Start signing the user in to Trakt (device flow). Returns a URL and a code: "
            "show both to the user, ask them to open the URL, enter the code and approve, "
            "then call login_complete. Use it when another tool says the user is not "
            "logged in."
        ),
        annotations=APPEND_WRITE,
        structured_output=True,
    )
    def login_start() -> LoginStart:
        with tool_errors(state.secrets):
            trakt = state.trakt()
            trakt.settings.require_app()
            already = trakt.auth.status().logged_in
            code = trakt.oauth.device_code()
            pending = state.start_login(code)
            return LoginStart(
                verification_url=code.verification_url,
                user_code=code.user_code,
                expires_in=code.expires_in,
                expires_at=epoch_iso(pending.expires_at),
                already_logged_in=already,
                next_step=(
                    f"Ask the user to open {code.verification_url}, enter the code "
                    f"{code.user_code} and approve (within {_minutes(code.expires_in)} "
                    "minutes); then call login_complete."
                ),
            )

    @server.tool(
        name="login_complete",
        description=(
            "Finish the login started by login_start: waits up to wait_seconds for the "
            "user's approval. Returns status logged_in (with the username), or pending "
            "(call again once the user has entered the code)."
        ),
        annotations=APPEND_WRITE,
        structured_output=True,
    )
    def login_complete(
        wait_seconds: Annotated[
            int,
            Field(
                ge=0,
                le=MAX_LOGIN_WAIT,
                description="How long to wait for the approval (at least one poll).",
            ),
        ] = 30,
    ) -> LoginComplete:
        with tool_errors(state.secrets), state.login_lock:
            pending = state.pending
            if pending is None:
                raise ToolError("No login is in progress: call login_start first.")
            try:
                token = poll_login(state, pending, float(wait_seconds), sleep)
            except DeviceFlowError:
                state.end_login(pending)
                raise
            if token is None:
                return _pending_result(pending)
            state.end_login(pending)
            state.reset_trakt()
            user = state.trakt().users.settings().user
            name = user.username if user is not None else None
            return LoginComplete(
                status="logged_in",
                message=f"Logged in to Trakt as {name or 'the user'}.",
                username=name,
                expires_at=epoch_iso(token.expires_at),
            )

    @server.tool(
        name="sync",
        description=(
            "Bring the local mirror of the user's Trakt library up to date (only what "
            "changed since the last sync; full=true fetches everything again). While it "
            "is fresh, the list tools answer from it instantly, and stats needs it."
        ),
        annotations=SYNC,
        structured_output=True,
    )
    def sync_tool(
        full: Annotated[
            bool, Field(description="Fetch every section again, even unchanged ones.")
        ] = False,
    ) -> SyncOut:
        with tool_errors(state.secrets):
            trakt = state.trakt()
            require_login(trakt)
            with mirror_errors(trakt.settings.mirror_path):
                report = trakt.sync_mirror(full=full)
            data = report.to_dict()
            changed = ", ".join(data["changed"]) or "nothing changed"
            summary = f"Synced in {report.requests} request(s): {changed}."
            return SyncOut.model_validate({**data, "summary": summary})

    @server.tool(
        name="stats",
        description=(
            "Viewing statistics from the local mirror: plays, hours watched, top genres, "
            "shows and movies, ratings distribution, activity by month; for all time or "
            "one year. Call sync first if it was never synced or is old (see last_sync_at)."
        ),
        annotations=LOCAL_READ,
        structured_output=True,
    )
    def stats(
        year: Annotated[
            int | None, Field(ge=1900, le=2200, description="Only this calendar year (UTC).")
        ] = None,
    ) -> StatsOut:
        with tool_errors(state.secrets):
            with mirror_errors(state.settings().mirror_path):
                mirror = state.synced_mirror()
                if mirror is None:
                    raise MirrorNotSynced("the local mirror has never been synced")
                with mirror:
                    result = mirror.stats(year)
            return StatsOut.model_validate(result.to_dict())
