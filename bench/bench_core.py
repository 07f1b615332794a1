"""Foundation benchmarks: CLI start-up, sandbox start-up, loopback request rate, paging.

Prints a table; run with `make bench` or `.venv/bin/python bench/bench_core.py`.
"""

from __future__ import annotations

import functools
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from traktkit.config import SANDBOX_CLIENT_ID
from traktkit.http.client import HttpClient, HttpConfig
from traktkit.sandbox import SandboxConfig, create_app, running_sandbox


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def row(name: str, samples: list[float], unit: str = "ms", per: int = 1) -> None:
    scale = 1000.0 if unit == "ms" else 1.0
    median = statistics.median(samples) * scale / per
    best = min(samples) * scale / per
    print(f"| {name:<44} | {median:>9.2f} | {best:>9.2f} | {unit:<4} | {len(samples):>3} |")


def main() -> None:
    print("| measure                                      |    median |      best | unit |   n |")
    print("|----------------------------------------------|-----------|-----------|------|-----|")
    trakt = [sys.executable, "-m", "traktkit"]
    for args in (["--help"], ["search", "--help"]):
        run = functools.partial(subprocess.run, [*trakt, *args], capture_output=True, check=True)
        row(f"`trakt {' '.join(args)}` (process start to exit)", timed(run, 5))
    row("sandbox create_app (empty library)", timed(lambda: create_app(SandboxConfig()), 5))
    spec = "synthetic:plays=10000,ratings=2000,watchlist=250,collection=1000"
    row(
        "sandbox create_app (10k plays library)",
        timed(lambda: create_app(SandboxConfig(library=spec)), 3),
    )

    with running_sandbox(SandboxConfig(get_limit=100_000)) as sb:
        http = HttpClient(
            HttpConfig(api_url=sb.url, client_id=SANDBOX_CLIENT_ID, get_limit=100_000)
        )
        with http:
            n = 300
            row(
                f"GET /movies/inception-2010 over loopback (x{n})",
                timed(lambda: [http.get("/movies/inception-2010") for _ in range(n)], 3),
                per=n,
            )
            query = {"query": "the", "extended": "full"}
            pages: list[int] = []

            def page_all() -> None:
                pages.clear()
                items = list(
                    http.paginate(
                        "/search/movie", params=query, on_page=lambda p: pages.append(p.page)
                    )
                )
                assert items

            row("paginate /search/movie?query=the (250/page)", timed(page_all, 3))
            print(f"\npages fetched for the search: {len(pages)}")


if __name__ == "__main__":
    main()
