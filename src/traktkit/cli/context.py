"""Build the library objects a command needs, with CLI-friendly feedback."""

from __future__ import annotations

from traktkit.cli.output import Output
from traktkit.client import Trakt
from traktkit.config import Settings


def open_trakt(out: Output, settings: Settings | None = None) -> Trakt:
    """A Trakt client from the environment that reports waits (rate limits) on stderr."""

    def on_wait(seconds: float, reason: str) -> None:
        if seconds >= 1.0:
            out.info(f"{reason}: waiting {seconds:.0f} s")

    return Trakt(settings or Settings.from_env(), on_wait=on_wait)
