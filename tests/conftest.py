"""Shared fixtures: a real sandbox on loopback and a way to run the real `trakt` CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest
from typer.testing import CliRunner

from traktkit.cli.main import app
from traktkit.config import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET
from traktkit.sandbox import SandboxConfig, running_sandbox

FAST = {"device_interval": 0.05, "write_interval": 0.05}


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class Sandbox:
    """A running sandbox plus helpers to drive its control routes."""

    url: str
    state: Any
    home: Path
    env: dict[str, str] = field(default_factory=dict)

    def control(self, method: str, path: str, body: Any = None) -> Any:
        response = httpx2.request(method, self.url + path, json=body, timeout=10)
        response.raise_for_status()
        return response.json() if response.content else None

    def requests(self) -> dict[str, Any]:
        data: dict[str, Any] = self.control("GET", "/_sandbox/requests")
        return data

    def reset_counts(self) -> None:
        self.control("POST", "/_sandbox/reset")

    def cli(self, *args: str, input: str | None = None, **extra_env: str) -> Result:
        """Run the real CLI in-process (typer's runner), against this sandbox."""
        runner = CliRunner()
        env = {**self.env, **extra_env}
        result = runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    def cli_process(self, *args: str, **extra_env: str) -> Result:
        """Run `python -m traktkit ...` as a separate process."""
        env = {**os.environ, **self.env, **extra_env}
        done = subprocess.run(
            [sys.executable, "-m", "traktkit", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)


def _env(url: str, home: Path) -> dict[str, str]:
    return {
        "TRAKT_API_URL": url,
        "TRAKT_CLIENT_ID": SANDBOX_CLIENT_ID,
        "TRAKT_CLIENT_SECRET": SANDBOX_CLIENT_SECRET,
        "TRAKTKIT_HOME": str(home),
        "TRAKTKIT_TOKEN_STORE": "file",
        "TRAKT_ACCESS_TOKEN": "",
        "TRAKT_REFRESH_TOKEN": "",
        "TRAKT_AUTH_URL": "",
        "NO_COLOR": "1",
        "COLUMNS": "200",
    }


def make_sandbox(tmp_path: Path, **config: Any) -> Iterator[Sandbox]:
    options = {**FAST, **config}
    with running_sandbox(SandboxConfig(**options)) as sb:
        home = tmp_path / "home"
        yield Sandbox(sb.url, sb.state, home, _env(sb.url, home))


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    """A fresh sandbox that approves device codes for `demo`."""
    yield from make_sandbox(tmp_path, auto_approve="demo")


@pytest.fixture
def logged_in(sandbox: Sandbox) -> Sandbox:
    """A sandbox with the CLI already logged in as `demo`."""
    result = sandbox.cli("login")
    assert result.exit_code == 0, result.stderr
    return sandbox
