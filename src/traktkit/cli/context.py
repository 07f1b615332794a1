"""Build the library objects a command needs, with CLI-friendly feedback.

`Trakt` (the client: httpx2, pydantic models, the api layer) is imported when the first
command opens it, not with this module. It stays a module attribute, resolved on first
use, so tests can still replace it (`monkeypatch.setattr(context, "Trakt", ...)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from traktkit.cli.output import Output

if TYPE_CHECKING:
    from traktkit.client import Trakt
    from traktkit.config import Settings


def __getattr__(name: str) -> Any:
    if name == "Trakt":
        from traktkit.client import Trakt

        globals()["Trakt"] = Trakt
        return Trakt
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_trakt(out: Output, settings: Settings | None = None) -> Trakt:
    """A Trakt client from the environment that reports waits (rate limits) on stderr."""
    from traktkit.config import Settings

    def on_wait(seconds: float, reason: str) -> None:
        if seconds >= 1.0:
            out.info(f"{reason}: waiting {seconds:.0f} s")

    factory: type[Trakt] = globals().get("Trakt") or __getattr__("Trakt")
    return factory(settings or Settings.from_env(), on_wait=on_wait)
