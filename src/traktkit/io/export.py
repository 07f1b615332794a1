"""`export_library`: a complete backup of the logged-in user's library on disk.

JSON: one file `DIR/traktkit-backup-USER-STAMP.json` (the whole document, see
`traktkit.io.backup`). CSV: a folder `DIR/traktkit-backup-USER-STAMP/` with one file per
section and `manifest.json`. The library is read by `read_library` (mirror after an
incremental sync, else the API).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

from traktkit.client import Trakt
from traktkit.io.backup import backup_name, build_backup, dump_json, manifest_of, write_atomic
from traktkit.io.csvexport import write_csv_backup
from traktkit.io.library import read_library
from traktkit.mirror import Mirror, ProgressHook

__all__ = ["EXPORT_FORMATS", "ExportResult", "export_library"]

ExportFormat = Literal["json", "csv"]
EXPORT_FORMATS: Final[tuple[str, ...]] = ("json", "csv")


@dataclass(frozen=True)
class ExportResult:
    format: ExportFormat
    files: tuple[Path, ...]
    manifest: dict[str, Any]
    requests: int | None = None  # requests the mirror sync took
    note: str | None = None  # set when the API was read instead of the mirror

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "files": [str(path) for path in self.files],
            "manifest": self.manifest,
            "requests": self.requests,
            "note": self.note,
        }


def export_library(
    trakt: Trakt,
    mirror: Mirror | None,
    *,
    format: ExportFormat,
    output: Path,
    progress: ProgressHook | None = None,
    now: datetime | None = None,
) -> ExportResult:
    """Read the library and write the backup files into `output` (created if needed)."""
    snap = read_library(trakt, mirror, progress=progress)
    backup = build_backup(snap, exported_at=now or datetime.now(UTC))
    manifest = manifest_of(backup)
    output.mkdir(parents=True, exist_ok=True)
    name = backup_name(backup)
    if format == "json":
        path = output / f"{name}.json"
        write_atomic(path, dump_json(backup))
        files: tuple[Path, ...] = (path,)
    else:
        files = tuple(write_csv_backup(output / name, backup, manifest))
    return ExportResult(format, files, manifest, snap.requests, snap.note)
