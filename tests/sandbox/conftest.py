"""Fixtures: sandboxes served over real loopback HTTP (see sandbox_helpers for clients)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import httpx2
import pytest
from sandbox_helpers import FakeClock, Session, StartSandbox, authed, client

from traktkit.sandbox import SandboxConfig
from traktkit.sandbox.server import RunningSandbox, running_sandbox


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def start_sandbox() -> Iterator[StartSandbox]:
    """Start sandboxes with small, fast settings; all are stopped after the test."""
    with ExitStack() as stack:

        def make(**options: Any) -> RunningSandbox:
            options.setdefault("device_interval", 0.05)
            options.setdefault("synthetic_movies", 200)
            options.setdefault("synthetic_shows", 20)
            options.setdefault("write_interval", 0)
            return stack.enter_context(running_sandbox(SandboxConfig(**options)))

        yield make


@pytest.fixture(scope="module")
def shared_sandbox() -> Iterator[RunningSandbox]:
    """A read-only sandbox shared by a module (catalogue and search tests)."""
    config = SandboxConfig(auto_approve="demo", synthetic_movies=300, synthetic_shows=30)
    with running_sandbox(config) as sb:
        yield sb


@pytest.fixture
def api(shared_sandbox: RunningSandbox) -> Iterator[httpx2.Client]:
    with client(shared_sandbox) as c:
        yield c


@pytest.fixture
def session(start_sandbox: StartSandbox, clock: FakeClock) -> Iterator[Session]:
    """A fresh sandbox on a fake clock (2026-05-28) and a client logged in as `demo`."""
    sb = start_sandbox(auto_approve="demo", clock=clock)
    with authed(sb) as c:
        yield Session(sb, c, clock)
