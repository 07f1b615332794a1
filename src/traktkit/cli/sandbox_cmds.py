"""`trakt sandbox serve`: the local Trakt API emulator on loopback."""

from __future__ import annotations

import typer

from traktkit.cli.group import Group
from traktkit.config import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET

sandbox_app = typer.Typer(
    help="The local Trakt API sandbox (for tests, demos, offline work).", cls=Group
)


@sandbox_app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", help="Interface to bind (loopback by default)."),
    port: int = typer.Option(8787, help="Port; 0 picks a free one."),
    auto_approve: str = typer.Option(
        None, "--auto-approve", metavar="USER", help="Approve every device code for USER."
    ),
    library: str = typer.Option(
        None,
        metavar="SPEC",
        help=(
            "Fill the user's library: synthetic:plays=N,ratings=N,watchlist=N,"
            "collection=N,favorites=N,lists=N,items=N,playback=N (or empty)."
        ),
    ),
    faults: str = typer.Option(
        None,
        metavar="SPEC",
        help=(
            "Fault injection, e.g. 'GET /users/settings=503x2'; '+after' applies the "
            "request first ('POST /sync/history=503x1+after')."
        ),
    ),
    token_ttl: int = typer.Option(604800, help="Access-token lifetime in seconds."),
    device_interval: float = typer.Option(5.0, help="Device-flow polling interval (s)."),
) -> None:
    """Serve the Trakt API v2 on loopback; the first line on stdout is the base URL."""
    from traktkit.sandbox import SandboxConfig
    from traktkit.sandbox.server import serve as run

    config = SandboxConfig(
        auto_approve=auto_approve,
        library=library,
        faults=faults,
        token_ttl=token_ttl,
        device_interval=device_interval,
    )
    typer.echo(
        f"app credentials: client id {SANDBOX_CLIENT_ID}, secret {SANDBOX_CLIENT_SECRET}",
        err=True,
    )
    run(config, host=host, port=port, ready=lambda url: print(url, flush=True))


def register(app: typer.Typer) -> None:
    app.add_typer(sandbox_app, name="sandbox")
