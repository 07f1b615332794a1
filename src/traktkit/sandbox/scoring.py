"""Text search over the catalogue: normalisation, relevance scores and the search index.

Score (higher is better), per searched field:
* 100: the whole title equals the query (ignoring case, accents, punctuation, "the");
* 60: the title starts with the query;
* 40-50: every query word is a word of the title (more of the title covered = higher);
* 30: the query appears inside the title;
* up to 20: some of the query words are words of the title;
* up to 15: words found in overview/tagline/biography/description fields (when searched).
A popularity bonus below 10 (log of the votes) breaks ties, so exact matches always rank
first and, among equal titles, the more popular one wins.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from traktkit.sandbox.catalogue import Catalogue

STOPWORDS = frozenset({"the", "a", "an", "of", "and", "in", "on", "to", "at", "for"})
TEXT_FIELDS = frozenset({"overview", "tagline", "biography", "description"})
TITLE_FIELDS = frozenset(
    {"title", "original_title", "translations", "aliases", "name", "show_title"}
)


def normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    cleaned = "".join(c if c.isalnum() else " " for c in plain)
    return " ".join(cleaned.split())


def _strip_article(text: str) -> str:
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            return text[len(article) :]
    return text


def title_score(query: str, words: list[str], title: str) -> float:
    """Relevance of a normalised `title` for a normalised `query` (0 = no match)."""
    if not title or not query:
        return 0.0
    if title == query or _strip_article(title) == _strip_article(query):
        return 100.0
    if title.startswith(query) or _strip_article(title).startswith(_strip_article(query)):
        return 60.0
    title_words = title.split()
    present = sum(1 for w in words if w in title_words)
    if words and present == len(words):
        return 40.0 + 10.0 * len(words) / max(len(title_words), 1)
    if query in title:
        return 30.0
    # Partial matches only count meaningful words ("the" alone matches nothing).
    keys = [w for w in words if w not in STOPWORDS]
    found = sum(1 for w in keys if w in title_words)
    return 20.0 * found / len(keys) if found else 0.0


def text_score(words: list[str], text: str) -> float:
    if not text or not words:
        return 0.0
    text_words = set(text.split())
    present = sum(1 for w in words if w in text_words)
    return 15.0 * present / len(words)


def popularity(votes: int) -> float:
    return min(9.99, math.log10(max(votes, 0) + 1) * 2.0)


@dataclass(slots=True)
class Entry:
    kind: str  # movie | show | episode | person
    trakt: int
    titles: tuple[str, ...]  # normalised title-like fields: (title, show_title)
    text: str  # normalised overview/tagline
    votes: int
    year: int | None
    genres: tuple[str, ...]


class SearchIndex:
    """Normalised searchable fields of every catalogue item (built once, lazily)."""

    def __init__(self, catalogue: Catalogue) -> None:
        catalogue.ensure_loaded()
        self.entries: list[Entry] = []
        for m in catalogue.movies.values():
            text = normalize(f"{m.tagline or ''} {m.overview or ''}")
            self.entries.append(
                Entry("movie", m.trakt, (normalize(m.title),), text, m.votes, m.year, m.genres)
            )
        for s in catalogue.shows.values():
            show_title = normalize(s.title)
            self.entries.append(
                Entry(
                    "show",
                    s.trakt,
                    (show_title,),
                    normalize(s.overview or ""),
                    s.votes,
                    s.year,
                    s.genres,
                )
            )
            for e in s.episodes():
                self.entries.append(
                    Entry(
                        "episode",
                        e.trakt,
                        (normalize(e.title or ""), show_title),
                        normalize(e.overview or ""),
                        s.votes // 10,
                        s.year,
                        s.genres,
                    )
                )
        for p in catalogue.people.values():
            self.entries.append(Entry("person", p.trakt, (normalize(p.name),), "", 1000, None, ()))

    def search(
        self,
        query: str,
        kinds: Iterable[str],
        *,
        fields: frozenset[str] | None = None,
        years: tuple[int, int] | None = None,
        genres: frozenset[str] | None = None,
    ) -> list[tuple[float, Entry]]:
        wanted = set(kinds)
        q = normalize(query)
        words = q.split()
        use_titles = fields is None or bool(fields & TITLE_FIELDS)
        use_show_title = fields is None or "show_title" in fields
        use_text = fields is not None and bool(fields & TEXT_FIELDS)
        probes = [w for w in words if w not in STOPWORDS] or words
        results: list[tuple[float, Entry]] = []
        for entry in self.entries:
            if entry.kind not in wanted:
                continue
            if years is not None and (entry.year is None or not years[0] <= entry.year <= years[1]):
                continue
            if genres and not genres.intersection(entry.genres):
                continue
            if not use_text and not any(p in t for p in probes for t in entry.titles):
                continue  # cheap filter: no query word in any title
            best = 0.0
            if use_titles:
                best = title_score(q, words, entry.titles[0])
                if use_show_title and len(entry.titles) > 1:
                    best = max(best, 0.8 * title_score(q, words, entry.titles[1]))
            if use_text:
                best = max(best, text_score(words, entry.text))
            if best > 0:
                results.append((round(best + popularity(entry.votes), 6), entry))
        results.sort(key=lambda pair: (-pair[0], -pair[1].votes, pair[1].trakt))
        return results
