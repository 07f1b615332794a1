"""`trakt demo`: a guided tour of traktkit against the built-in sandbox, fully offline.

It starts the sandbox in-process on a free loopback port, points a throw-away
TRAKTKIT_HOME at a temporary folder and runs real `trakt` commands as subprocesses,
echoing each command line before its output.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import typer

from traktkit.config import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET

# Each step: (comment, argv) or (comment, argv, expected exit code).
Step = tuple[str, list[str]] | tuple[str, list[str], int]

STEPS: list[Step] = [
    ("Sign in with the device flow (the sandbox approves the code for 'demo')", ["login"]),
    ("Who is logged in?", ["whoami"]),
    ("Search for a title: several films are called Dune", ["search", "Dune", "--type", "movie"]),
    ("Look a title up by its IMDb id", ["search", "tt1375666"]),
    (
        "The same, as JSON for scripts and agents",
        ["search", "Breaking Bad", "--json", "--limit", "1"],
    ),
    (
        "Details of one episode (extended=full)",
        ["info", "Breaking Bad S01E01"],
    ),
    (
        "Add to the watchlist: titles are resolved to ids first, then sent in one batch",
        ["watchlist", "add", "Dune (2021)", "Breaking Bad", "The Matrix (1999)"],
    ),
    ("The watchlist now", ["watchlist", "list"]),
    (
        "Mark a movie and an episode as watched (explicit minute-precision watched_at)",
        ["history", "add", "Dune (2021)", "Breaking Bad S01E01", "--watched-at", "now"],
    ),
    (
        "Watching removed Dune and Breaking Bad from the watchlist, as Trakt does",
        ["watchlist", "list"],
    ),
    ("Rate it (1 to 10)", ["rate", "Dune (2021)", "9"]),
    ("What is trending", ["trending", "movies", "--limit", "5"]),
    (
        "Collect it, with media metadata validated before sending",
        [
            "collection",
            "add",
            "Dune (2021)",
            "--media-type",
            "bluray",
            "--resolution",
            "uhd_4k",
            "--hdr",
            "dolby_vision",
            "--audio",
            "dolby_atmos",
        ],
    ),
    (
        "Recommendations (what you watched or collected is left out)",
        ["recommendations", "movies", "--limit", "5", "--ignore-collected"],
    ),
    (
        "An ambiguous title is never guessed: exit code 3 and the candidates",
        ["watchlist", "add", "Dune"],
        3,
    ),
    ("Mirror the whole library into SQLite (the first run reads every section)", ["sync"]),
    ("Nothing changed since: the next sync costs one request", ["sync"]),
    (
        "Answered offline from the mirror, in milliseconds",
        ["history", "list", "--offline", "--limit", "5"],
    ),
    ("Statistics from the mirror", ["stats", "--chart"]),
]


def run_demo(steps: list[Step] | None = None) -> int:
    from traktkit.sandbox import SandboxConfig, running_sandbox

    # A year of viewing history and ratings, so recommendations and stats have material;
    # the watchlist and collection start empty so the steps below read clearly.
    config = SandboxConfig(
        auto_approve="demo", device_interval=1.0, library="synthetic:plays=600,ratings=80"
    )
    with (
        tempfile.TemporaryDirectory(prefix="traktkit-demo-") as home,
        running_sandbox(config) as sb,
    ):
        env = dict(os.environ)
        env.update(
            TRAKT_API_URL=sb.url,
            TRAKT_CLIENT_ID=SANDBOX_CLIENT_ID,
            TRAKT_CLIENT_SECRET=SANDBOX_CLIENT_SECRET,
            TRAKTKIT_HOME=str(Path(home)),
            TRAKTKIT_TOKEN_STORE="file",
        )
        for name in ("TRAKT_ACCESS_TOKEN", "TRAKT_REFRESH_TOKEN", "TRAKT_AUTH_URL"):
            env.pop(name, None)
        print(f"# traktkit demo: sandbox at {sb.url}, TRAKTKIT_HOME={home}", flush=True)
        for step in steps or STEPS:
            comment, argv = step[0], step[1]
            expected = step[2] if len(step) == 3 else 0
            print(f"\n# {comment}\n$ trakt {shlex.join(argv)}", flush=True)
            done = subprocess.run([sys.executable, "-m", "traktkit", *argv], env=env, check=False)
            if done.returncode != expected:
                print(f"# step failed with exit code {done.returncode}", file=sys.stderr)
                return done.returncode or 1
            if expected:
                print(f"# (exit code {done.returncode}, as expected)", flush=True)
        print("\n# demo finished: everything above ran offline against the sandbox.", flush=True)
    return 0


def demo() -> None:
    """Run a guided tour against the built-in sandbox (offline; nothing touches trakt.tv)."""
    raise typer.Exit(run_demo())


def register(app: typer.Typer) -> None:
    app.command()(demo)
