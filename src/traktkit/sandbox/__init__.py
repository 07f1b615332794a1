"""traktkit.sandbox: a local emulator of the Trakt API v2 (Starlette).

It is an independent model of the server: it imports nothing from the client layers.

    from traktkit.sandbox import SandboxConfig, create_app, running_sandbox
    with running_sandbox(SandboxConfig(auto_approve="demo", token_ttl=3600)) as sb:
        sb.url      # "http://127.0.0.1:PORT"
        sb.state    # the live SandboxState

Control routes for tests are documented in `traktkit.sandbox.control`.
"""

from traktkit.sandbox.app import create_app
from traktkit.sandbox.config import (
    BUILTIN_CLIENT_ID,
    BUILTIN_CLIENT_SECRET,
    FaultRule,
    LibrarySpec,
    SandboxConfig,
    SpecError,
    parse_faults_spec,
    parse_library_spec,
)
from traktkit.sandbox.server import RunningSandbox, running_sandbox
from traktkit.sandbox.state import SandboxState

__all__ = [
    "BUILTIN_CLIENT_ID",
    "BUILTIN_CLIENT_SECRET",
    "FaultRule",
    "LibrarySpec",
    "RunningSandbox",
    "SandboxConfig",
    "SandboxState",
    "SpecError",
    "create_app",
    "parse_faults_spec",
    "parse_library_spec",
    "running_sandbox",
]
