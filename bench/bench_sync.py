"""Mirror benchmarks: full, no-op and incremental syncs of a big synthetic library against
the sandbox over loopback, and offline reads. Prints a table of requests and seconds.

Run with `make bench` or `.venv/bin/python bench/bench_sync.py`.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from traktkit.client import Trakt
from traktkit.config import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, Settings
from traktkit.mirror import Mirror, SyncReport, sync
from traktkit.sandbox import SandboxConfig, running_sandbox

LIBRARY = "synthetic:plays=10000,ratings=2000,watchlist=250,collection=1000"


def header(first: str, count: str) -> None:
    print(f"| {first:<46} | {count:>8} | {'median s':>9} | {'best s':>9} | {'n':>3} |")
    print(f"|{'-' * 48}|{'-' * 10}|{'-' * 11}|{'-' * 11}|{'-' * 5}|")


def row(name: str, requests: int | str, samples: list[float]) -> None:
    median, best = statistics.median(samples), min(samples)
    print(f"| {name:<46} | {requests!s:>8} | {median:>9.3f} | {best:>9.3f} | {len(samples):>3} |")


def timed_sync(run: Callable[[], SyncReport], repeat: int) -> tuple[int, list[float]]:
    samples, requests = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        report = run()
        samples.append(time.perf_counter() - start)
        requests = report.requests
    return requests, samples


def main() -> None:
    config = SandboxConfig(
        auto_approve="demo",
        library=LIBRARY,
        device_interval=0.05,
        write_interval=0.05,
        get_limit=100_000,
    )
    with running_sandbox(config) as sb, tempfile.TemporaryDirectory() as home:
        settings = Settings(
            client_id=SANDBOX_CLIENT_ID,
            client_secret=SANDBOX_CLIENT_SECRET,
            api_url=sb.url,
            home=Path(home),
            token_store="file",
        )
        options = {"write_interval": 0.05, "get_limit": 100_000}
        with Trakt(settings, http_options=options) as trakt:
            trakt.auth.login_device(on_code=lambda device: None)
            path = Path(home) / "mirror.sqlite3"
            print(f"library: {LIBRARY}\n")
            header("sync", "requests")

            def fresh_full() -> SyncReport:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                with Mirror(path) as mirror:
                    return sync(trakt.http, mirror)

            requests, samples = timed_sync(fresh_full, 3)
            row("first sync (empty mirror, everything)", requests, samples)

            with Mirror(path) as mirror:
                requests, samples = timed_sync(lambda: sync(trakt.http, mirror), 5)
                row("no-op sync (nothing changed)", requests, samples)

                movies = iter(sorted(sb.state.catalogue.movies))

                def one_play() -> SyncReport:
                    body = {"movies": [{"ids": {"trakt": next(movies)}}]}
                    trakt.http.post("/sync/history", body)
                    return sync(trakt.http, mirror)

                requests, samples = timed_sync(one_play, 5)
                row("incremental sync (1 new play)", requests, samples)

                def one_removal() -> SyncReport:
                    newest = mirror.history(limit=1)[0].id
                    trakt.http.post("/sync/history/remove", {"ids": [newest]})
                    return sync(trakt.http, mirror)

                requests, samples = timed_sync(one_removal, 3)
                row("sync after 1 removed play (history resync)", requests, samples)

                requests, samples = timed_sync(lambda: sync(trakt.http, mirror, full=True), 3)
                row("--full sync (nothing changed)", requests, samples)

                print()
                header("offline read", "items")
                for name, read in (
                    ("history (all plays, minimal)", lambda: mirror.history()),
                    ("history (all plays, extended=full)", lambda: mirror.history(full=True)),
                    ("ratings", lambda: mirror.ratings()),
                    ("watchlist sorted by title", lambda: mirror.watchlist(sort_by="title")),
                    ("collection movies", lambda: mirror.collection("movies")),
                ):
                    samples, count = [], 0
                    for _ in range(3):
                        start = time.perf_counter()
                        count = len(read())
                        samples.append(time.perf_counter() - start)
                    row(name, count, samples)
                samples = []
                for _ in range(5):
                    start = time.perf_counter()
                    mirror.stats()
                    samples.append(time.perf_counter() - start)
                row("stats (all time)", "-", samples)
            print(f"\nmirror file: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
