"""traktkit.io: backups (export / restore) and imports from other services.

A library module beside `traktkit.api` and `traktkit.mirror`: it talks to Trakt only
through the api write engine and iterators, and reads the library from the mirror.

    from traktkit import Trakt
    from traktkit.io import export_library, load_backup, run_import
    from traktkit.mirror import Mirror

    with Trakt.from_env() as trakt, Mirror.from_settings(trakt.settings) as mirror:
        result = export_library(trakt, mirror, format="json", output=Path("backups"))
        plan = load_backup(result.files[0].read_text())
        report = run_import(other_trakt, plan, dry_run=True)   # what would change

Modules:
- `library`: `read_library` (mirror after an incremental sync, else the API);
- `backup`, `csvexport`, `export`: the backup document (docs/backup-format.md), its CSV
  form, and `export_library`;
- `plan`: `ImportPlan` / `Wanted`, what every importer produces; `RatingsPolicy`, which
  of two different ratings wins (`run_import(..., ratings="newer")`);
- `restore` (traktkit backups), `imdb`, `letterboxd` (+ `csvread`): file -> plan,
  validated before anything is sent;
- `lookup`, `diff`, `apply`, `importer`: look up titles, compare with the account, send
  what is missing, restore ranks; `report`: the per-entry `ImportReport`;
- `keys`: item identity across sources; `compare`: what a round trip must reproduce.
"""

from traktkit.io.compare import backup_differences, comparable
from traktkit.io.export import ExportResult, export_library
from traktkit.io.imdb import parse_imdb
from traktkit.io.importer import ImportHooks, run_import
from traktkit.io.letterboxd import load_letterboxd, parse_letterboxd
from traktkit.io.library import LibrarySnapshot, read_library
from traktkit.io.plan import ImportPlan, RatingsPolicy, Wanted
from traktkit.io.report import ImportReport, Outcome
from traktkit.io.restore import load_backup, parse_backup

__all__ = [
    "ExportResult",
    "ImportHooks",
    "ImportPlan",
    "ImportReport",
    "LibrarySnapshot",
    "Outcome",
    "RatingsPolicy",
    "Wanted",
    "backup_differences",
    "comparable",
    "export_library",
    "load_backup",
    "load_letterboxd",
    "parse_backup",
    "parse_imdb",
    "parse_letterboxd",
    "read_library",
    "run_import",
]
