"""Fixtures of the MCP server tests (helpers: `tests.mcp.mcp_helpers`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Sandbox, make_sandbox


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def manual(tmp_path: Path) -> Iterator[Sandbox]:
    """A sandbox where device codes wait for `/_sandbox/activate` (no auto-approval)."""
    yield from make_sandbox(tmp_path)
