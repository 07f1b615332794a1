"""`trakt login`, `trakt logout`, `trakt whoami`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import typer

from traktkit.cli.context import open_trakt
from traktkit.cli.errors import handle_errors
from traktkit.cli.output import Output

JSON_OPTION = typer.Option(False, "--json", help="Print JSON on stdout.")


def _when(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _token_line(source: str, store: str, expires_at: int | None) -> str:
    where = "environment variables" if source == "env" else store
    return f"from {where}, expires {_when(expires_at)}" if expires_at else f"from {where}"


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat().replace("+00:00", "Z")


@handle_errors
def login(
    code: str = typer.Option(
        None,
        "--code",
        help="Authorization code from the code flow (see --print-url); default: device flow.",
    ),
    print_url: bool = typer.Option(
        False, "--print-url", help="Print the authorization URL for the code flow and exit."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Sign in to Trakt (device flow: open the URL shown and enter the code)."""
    from traktkit.api.errors import InvalidInput
    from traktkit.models import User

    out = Output(as_json)
    if code and print_url:
        raise InvalidInput("--code and --print-url contradict each other: choose one")
    with open_trakt(out) as trakt:
        trakt.settings.require_app()
        if print_url:
            url = trakt.oauth.authorize_url(state="traktkit")
            if as_json:
                out.json({"authorize_url": url})
            else:
                out.line(url)
            return
        if code:
            token = trakt.auth.login_code(code)
        else:

            def show(device: Any) -> None:
                out.info(
                    f"To sign in, open {device.verification_url} and enter the code "
                    f"{device.user_code} (valid {int(device.expires_in) // 60} min)."
                )
                out.info("Waiting for approval...")

            token = trakt.auth.login_device(on_code=show)
        user = trakt.users.settings().user or User()
        info = {
            "username": user.username,
            "name": user.name,
            "vip": bool(user.vip),
            "expires_at": _iso(token.expires_at),
            "store": trakt.auth.store_name,
        }
        if as_json:
            out.json(info)
        else:
            out.line(
                f"Logged in as {user.username} (token stored in the {info['store']}, "
                f"expires {_when(token.expires_at)})."
            )


@handle_errors
def logout(as_json: bool = JSON_OPTION) -> None:
    """Revoke the token at Trakt, then forget it locally."""
    out = Output(as_json)
    with open_trakt(out) as trakt:
        result = trakt.auth.logout()
    if as_json:
        out.json(
            {
                "revoked": result.revoked,
                "forgotten": result.forgotten,
                "error": result.error,
                "env_active": result.env_active,
            }
        )
        return
    if not result.forgotten:
        out.line("No stored login to forget.")
    else:
        note = "" if result.revoked else f" (the server did not confirm revocation: {result.error})"
        out.line(f"Logged out{note}.")
    if result.env_active:
        out.warn("TRAKT_ACCESS_TOKEN / TRAKT_REFRESH_TOKEN are still set and still log you in")


@handle_errors
def whoami(as_json: bool = JSON_OPTION) -> None:
    """Show the logged-in user and the token's expiry (never the token itself)."""
    from traktkit.models import User

    out = Output(as_json)
    with open_trakt(out) as trakt:
        settings = trakt.users.settings()
        status = trakt.auth.status()
    user = settings.user or User()
    token_info = {
        "source": status.source,
        "store": status.store_name,
        "expires_at": _iso(status.expires_at) if status.expires_at else None,
    }
    if as_json:
        out.json({"user": user.model_dump(mode="json", exclude_none=True), "token": token_info})
        return
    limits = settings.limits or {}
    watchlist_limit = (limits.get("watchlist") or {}).get("item_count")
    rows = [
        ("user", user.username),
        ("name", user.name or ""),
        ("VIP", "yes" if user.vip else "no"),
        ("token", _token_line(status.source, status.store_name, status.expires_at)),
    ]
    if watchlist_limit:
        rows.append(("watchlist limit", str(watchlist_limit)))
    out.table(["", ""], rows)


def register(app: typer.Typer) -> None:
    app.command()(login)
    app.command()(logout)
    app.command()(whoami)
