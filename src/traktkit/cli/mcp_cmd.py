"""`trakt mcp`: run the MCP server over stdio (stdout carries protocol frames only)."""

from __future__ import annotations

import contextlib
import logging
import os
import sys

import typer

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def configure_logging(level: str) -> None:
    """Every log line goes to stderr (stdout belongs to the protocol)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def mcp(
    log_level: str = typer.Option(
        None,
        "--log-level",
        metavar="LEVEL",
        help="DEBUG, INFO, WARNING (default) or ERROR; logs go to stderr. "
        "Environment: TRAKTKIT_LOG_LEVEL.",
    ),
) -> None:
    """Run the MCP server over stdio, for AI assistants (Claude, OpenClaw, ...)."""
    level = (log_level or os.environ.get("TRAKTKIT_LOG_LEVEL") or "WARNING").strip().upper()
    if level not in LOG_LEVELS:
        sys.stderr.write(f"trakt: error: --log-level must be one of {', '.join(LOG_LEVELS)}\n")
        raise typer.Exit(2)
    configure_logging(level)
    from traktkit.mcp.server import build_server  # imported here: the CLI must start fast

    server = build_server()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C in a terminal: just stop
        server.run("stdio")


def register(app: typer.Typer) -> None:
    app.command("mcp")(mcp)
