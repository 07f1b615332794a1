"""`trakt demo` (what `make demo` runs) works end to end, offline."""

from __future__ import annotations

import subprocess
import sys


def test_demo_runs_every_step() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "traktkit", "demo"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = done.stdout
    for expected in (
        "Logged in as demo",
        "$ trakt watchlist add",
        "(exit code 3, as expected)",
        "Synced in 1 request(s): nothing changed.",
        "hours watched",
        "demo finished",
    ):
        assert expected in out, expected
    assert "step failed" not in done.stderr
    assert "429" not in done.stderr  # writes from separate processes stay paced
