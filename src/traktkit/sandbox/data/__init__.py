"""Static catalogue data: real, well-known titles with their real ids.

Provenance of each Trakt id is recorded per row (`id_source`):

* `verified`: the same ids appear in independent public Trakt API responses/fixtures
  (e.g. Inception 16662, The Matrix 481, The Shawshank Redemption 231, Breaking Bad 1388,
  Game of Thrones 1390, Stranger Things 104439, and the 2025 titles of a real chart dump);
* `recalled`: a Trakt id known from public examples but seen in a single source only;
* `generated`: the real Trakt id could not be checked, so a deterministic id in the
  reserved range 60,000,000+ is used instead (it cannot collide with a real id).

IMDb, TMDB and TVDB ids, years, release dates, runtimes and certifications are the
public values of these well-known titles. Overviews are written for this project.
Vote counts and ratings are plausible figures, not live data.
"""
