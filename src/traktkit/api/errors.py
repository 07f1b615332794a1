"""Library errors raised before anything is sent (independent of `traktkit.http.errors`).

| exception | CLI exit code | meaning |
|---|---|---|
| `InvalidInput` | 2 | bad usage or invalid input; nothing was sent |
| `ItemNotFound` | 3 | no plausible match for an ITEM |
| `AmbiguousItem` | 3 | several plausible matches; `.candidates` lists them |

`str(exc)` is always a single line, suitable for `trakt: error: <message>`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

__all__ = [
    "AmbiguousItem",
    "CandidateInfo",
    "InvalidInput",
    "ItemLookupError",
    "ItemNotFound",
]


def _one_line(text: str) -> str:
    return " ".join(text.split())


class InvalidInput(ValueError):
    """Input rejected before any request (exit code 2)."""

    exit_code: ClassVar[int] = 2

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(message))

    @property
    def message(self) -> str:
        return str(self)


@dataclass(frozen=True)
class CandidateInfo:
    """One candidate of an ambiguous lookup, as shown to the user."""

    title: str
    year: int | None
    type: str
    ids: Mapping[str, Any] = field(default_factory=dict)
    score: float = 0.0

    @property
    def label(self) -> str:
        """`Dune (2021) [movie]`."""
        year = f" ({self.year})" if self.year else ""
        return f"{self.title}{year} [{self.type}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "title": self.title,
            "year": self.year,
            "ids": dict(self.ids),
            "score": round(self.score, 2),
        }


class ItemLookupError(LookupError):
    """Base of ItemNotFound and AmbiguousItem (exit code 3); `.query` is the ITEM text."""

    exit_code: ClassVar[int] = 3

    def __init__(self, query: str, message: str) -> None:
        super().__init__(_one_line(message))
        self.query = query

    @property
    def message(self) -> str:
        return str(self)


class ItemNotFound(ItemLookupError):
    """Nothing plausible matched the ITEM."""

    def __init__(self, query: str, message: str | None = None) -> None:
        super().__init__(query, message or f"no match for {query!r}")


class AmbiguousItem(ItemLookupError):
    """Several plausible matches; `.candidates` is best first."""

    def __init__(
        self,
        query: str,
        candidates: Sequence[CandidateInfo],
        message: str | None = None,
    ) -> None:
        self.candidates: tuple[CandidateInfo, ...] = tuple(candidates)
        if message is None:
            shown = ", ".join(c.label for c in self.candidates[:5])
            more = len(self.candidates) - 5
            if more > 0:
                shown += f" and {more} more"
            message = (
                f"{query!r} is ambiguous: {shown}; add a year, --type, or use an id (e.g. imdb:tt…)"
            )
        super().__init__(query, message)
