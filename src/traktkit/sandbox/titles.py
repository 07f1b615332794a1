"""Title lookups for the sync matching fallback (REFERENCE §8.1).

When no id of a sent movie/show matches, Trakt falls back to `title` + `year`, then to the
title alone, picking the "most current" object with that title. `TitleIndex` answers both
from normalised titles (case, accents, punctuation ignored), built once per sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from traktkit.sandbox.catalogue import Catalogue
from traktkit.sandbox.scoring import normalize


@dataclass(frozen=True, slots=True)
class Titled:
    year: int | None
    votes: int
    trakt: int


class TitleIndex:
    """(kind, normalised title) -> candidates, for movies and shows."""

    def __init__(self, catalogue: Catalogue) -> None:
        catalogue.ensure_loaded()
        self._by_title: dict[tuple[str, str], list[Titled]] = {}
        for m in catalogue.movies.values():
            self._add("movie", m.title, Titled(m.year, m.votes, m.trakt))
        for s in catalogue.shows.values():
            self._add("show", s.title, Titled(s.year, s.votes, s.trakt))

    def _add(self, kind: str, title: str, item: Titled) -> None:
        self._by_title.setdefault((kind, normalize(title)), []).append(item)

    def find(self, kind: str, title: str, year: int | None) -> int | None:
        """Title + year first; else the most current title (newest year, then most votes)."""
        candidates = self._by_title.get((kind, normalize(title)), [])
        if not candidates:
            return None
        if year is not None:
            same_year = [c for c in candidates if c.year == year]
            if same_year:
                return max(same_year, key=lambda c: (c.votes, -c.trakt)).trakt
        best = max(candidates, key=lambda c: (c.year or 0, c.votes, -c.trakt))
        return best.trakt
