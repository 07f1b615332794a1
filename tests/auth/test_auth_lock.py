"""The inter-process token lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from traktkit.auth import FileLock, LockTimeout


def test_second_holder_times_out(tmp_path: Path) -> None:
    path = tmp_path / "home" / "token.lock"
    slept: list[float] = []
    now = [0.0]

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    with FileLock(path):
        other = FileLock(path, timeout=1.0, sleep=sleep, clock=lambda: now[0])
        with pytest.raises(LockTimeout, match="token lock"):
            other.acquire()
        assert not other.locked
        assert sum(slept) >= 1.0
    with FileLock(path, timeout=0):  # free again
        pass


def test_lock_excludes_threads(tmp_path: Path) -> None:
    path = tmp_path / "token.lock"
    inside = 0
    peak = 0
    guard = threading.Lock()

    def worker() -> None:
        nonlocal inside, peak
        for _ in range(20):
            with FileLock(path, poll_interval=0.001):
                with guard:
                    inside += 1
                    peak = max(peak, inside)
                time.sleep(0.0005)
                with guard:
                    inside -= 1

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak == 1


def test_not_reentrant_and_release_idempotent(tmp_path: Path) -> None:
    lock = FileLock(tmp_path / "token.lock")
    lock.acquire()
    with pytest.raises(RuntimeError):
        lock.acquire()
    lock.release()
    lock.release()


def test_lock_held_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "token.lock"
    script = textwrap.dedent(
        f"""
        import sys, time
        from traktkit.auth import FileLock
        with FileLock({str(path)!r}):
            print("locked", flush=True)
            sys.stdin.readline()
        """
    )
    with subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as child:
        try:
            assert child.stdout is not None and child.stdin is not None
            assert child.stdout.readline().strip() == "locked"
            with pytest.raises(LockTimeout):
                FileLock(path, timeout=0.2, poll_interval=0.01).acquire()
            child.stdin.write("\n")
            child.stdin.flush()
            assert child.wait(timeout=30) == 0
            with FileLock(path, timeout=5):
                pass
        finally:
            if child.poll() is None:
                child.kill()


def test_unwritable_lock_folder_is_a_clear_error(tmp_path: Path) -> None:
    from traktkit.auth import TokenStoreError

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(TokenStoreError, match="token lock"):
        FileLock(blocker / "token.lock").acquire()
