"""`stats(year)`: questions answered from the mirror alone (no request).

* plays: every mirrored play (movies and episodes) in the period;
* minutes: the sum of the played items' runtimes: the movie's, the episode's, else its
  show's (Trakt's typical episode runtime); plays whose runtime is unknown (no
  `extended=full` data) are counted in `unknown_runtime_plays`, not guessed;
* top genres: plays per genre of the movie or the episode's show (a play counts once for
  each of its title's genres);
* top shows / top movies: plays per title;
* ratings: the distribution of ratings 1-10 given in the period (by `rated_at`);
* by month: plays and minutes per `YYYY-MM` of `watched_at` (UTC).

With `year`, plays and ratings are those of that calendar year (UTC); without it, all of
them (plays at an unknown date, which Trakt dates 1970-01-01T00:00:00.000Z, count in the
totals, not in the months).
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["MonthCount", "Stats", "TitleCount", "compute_stats"]

TOP = 10
UNKNOWN_DATE = "1970-01-01T00:00:00.000Z"  # how Trakt shows "watched at an unknown date"

_PLAYS = """
SELECT p.kind AS kind, p.trakt AS trakt, p.show_trakt AS show_trakt,
       p.watched_at AS watched_at, coalesce(m.runtime, s.runtime) AS runtime
FROM plays p
LEFT JOIN media m ON m.kind = p.kind AND m.trakt = p.trakt
LEFT JOIN media s ON s.kind = 'show' AND s.trakt = p.show_trakt
WHERE {where}
"""


@dataclass(frozen=True)
class TitleCount:
    """A genre, show or movie with its plays and minutes (`trakt`/`year` for titles)."""

    name: str
    plays: int
    minutes: int
    trakt: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class MonthCount:
    month: str  # YYYY-MM
    plays: int
    minutes: int


@dataclass
class Stats:
    year: int | None
    plays: int = 0
    movie_plays: int = 0
    episode_plays: int = 0
    movies: int = 0  # distinct titles played
    episodes: int = 0
    shows: int = 0
    minutes: int = 0
    unknown_runtime_plays: int = 0
    top_genres: list[TitleCount] = field(default_factory=list)
    top_shows: list[TitleCount] = field(default_factory=list)
    top_movies: list[TitleCount] = field(default_factory=list)
    ratings: dict[int, int] = field(default_factory=dict)
    by_month: list[MonthCount] = field(default_factory=list)
    last_sync_at: str | None = None

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def ratings_count(self) -> int:
        return sum(self.ratings.values())

    @property
    def ratings_average(self) -> float | None:
        total = self.ratings_count
        if not total:
            return None
        return round(sum(r * n for r, n in self.ratings.items()) / total, 2)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["hours"] = self.hours
        data["ratings"] = {str(r): n for r, n in sorted(self.ratings.items())}
        data["ratings_count"] = self.ratings_count
        data["ratings_average"] = self.ratings_average
        return data


def _period(column: str, year: int | None) -> tuple[str, list[Any]]:
    if year is None:
        return "1", []
    return f"{column} >= ? AND {column} < ?", [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]


def compute_stats(conn: sqlite3.Connection, year: int | None = None) -> Stats:
    where, args = _period("p.watched_at", year)
    plays = _PLAYS.format(where=where)
    stats = Stats(year=year)
    row = conn.execute(
        f"""SELECT count(*), sum(kind = 'movie'), sum(kind = 'episode'),
                   count(DISTINCT CASE WHEN kind = 'movie' THEN trakt END),
                   count(DISTINCT CASE WHEN kind = 'episode' THEN trakt END),
                   count(DISTINCT show_trakt),
                   coalesce(sum(runtime), 0), sum(runtime IS NULL)
            FROM ({plays})""",
        args,
    ).fetchone()
    (
        stats.plays,
        stats.movie_plays,
        stats.episode_plays,
        stats.movies,
        stats.episodes,
        stats.shows,
        stats.minutes,
        stats.unknown_runtime_plays,
    ) = (int(v or 0) for v in row)
    stats.by_month = [
        MonthCount(m, int(n), int(mins))
        for m, n, mins in conn.execute(
            f"""SELECT substr(watched_at, 1, 7), count(*), coalesce(sum(runtime), 0)
                FROM ({plays}) WHERE watched_at IS NOT NULL AND watched_at != ?
                GROUP BY 1 ORDER BY 1""",
            [*args, UNKNOWN_DATE],
        )
    ]
    stats.top_genres = [
        TitleCount(g, int(n), int(mins))
        for g, n, mins in conn.execute(
            f"""SELECT g.genre, count(*), coalesce(sum(p.runtime), 0)
                FROM ({plays}) p JOIN media_genres g
                  ON g.kind = CASE p.kind WHEN 'movie' THEN 'movie' ELSE 'show' END
                 AND g.trakt = CASE p.kind WHEN 'movie' THEN p.trakt ELSE p.show_trakt END
                GROUP BY g.genre ORDER BY 2 DESC, 1 LIMIT {TOP}""",
            args,
        )
    ]
    stats.top_shows = _titles(conn, plays, args, "show", "p.show_trakt", "p.kind = 'episode'")
    stats.top_movies = _titles(conn, plays, args, "movie", "p.trakt", "p.kind = 'movie'")
    rwhere, rargs = _period("rated_at", year)
    stats.ratings = {
        int(r): int(n)
        for r, n in conn.execute(
            f"SELECT rating, count(*) FROM ratings WHERE {rwhere} GROUP BY rating ORDER BY rating",
            rargs,
        )
    }
    found = conn.execute("SELECT value FROM meta WHERE key = 'last_sync_at'").fetchone()
    stats.last_sync_at = found[0] if found else None
    return stats


def _titles(
    conn: sqlite3.Connection, plays: str, args: list[Any], kind: str, key: str, where: str
) -> list[TitleCount]:
    rows = conn.execute(
        f"""SELECT {key}, m.title, m.year, count(*) AS n, coalesce(sum(p.runtime), 0)
            FROM ({plays}) p LEFT JOIN media m ON m.kind = '{kind}' AND m.trakt = {key}
            WHERE {where} AND {key} IS NOT NULL
            GROUP BY {key} ORDER BY n DESC, m.title, {key} LIMIT {TOP}""",
        args,
    ).fetchall()
    return [
        TitleCount(str(title or f"trakt:{trakt}"), int(n), int(mins), int(trakt), year)
        for trakt, title, year, n, mins in rows
    ]
