"""An inter-process exclusive lock on a file (fcntl.flock on POSIX, msvcrt on Windows).

Used around token refresh: refresh tokens are single-use, so only one process at a time
may spend one. Each ``acquire`` opens its own file descriptor, so two FileLock objects in
one process exclude each other too (flock locks belong to the open file description).
Not re-entrant.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from traktkit.auth.errors import LockTimeout, TokenStoreError

DEFAULT_LOCK_TIMEOUT = 120.0  # a refresh may spend a few network retries under the lock


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


class FileLock:
    """``with FileLock(path, timeout=10): ...`` — raises LockTimeout after ``timeout`` s."""

    def __init__(
        self,
        path: Path,
        *,
        timeout: float = DEFAULT_LOCK_TIMEOUT,
        poll_interval: float = 0.05,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._path = Path(path)
        self._timeout = timeout
        self._poll = poll_interval
        self._sleep = sleep
        self._clock = clock
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        return self._path

    @property
    def locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        if self._fd is not None:
            raise RuntimeError("FileLock is not re-entrant")
        folder = self._path.parent
        try:
            if not folder.exists():
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise TokenStoreError(
                f"cannot open the token lock {self._path}: {exc.strerror}"
            ) from None
        deadline = self._clock() + self._timeout
        try:
            while not _try_lock(fd):
                if self._clock() >= deadline:
                    raise LockTimeout(
                        f"another traktkit process held the token lock {self._path} for "
                        f"over {self._timeout:g} s (refreshing the login?); try again"
                    )
                self._sleep(self._poll)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
