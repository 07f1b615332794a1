"""Running the sandbox: `running_sandbox` (background thread, for tests) and `serve`."""

from __future__ import annotations

import asyncio
import socket
import threading
import types
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from starlette.applications import Starlette

from traktkit.sandbox.app import create_app
from traktkit.sandbox.config import SandboxConfig
from traktkit.sandbox.state import SandboxState


@dataclass
class RunningSandbox:
    url: str  # "http://127.0.0.1:PORT", no trailing slash
    app: Starlette
    state: SandboxState


class _Server(uvicorn.Server):
    def __init__(
        self, config: uvicorn.Config, on_ready: Callable[[], None] | None, tick: float = 0.1
    ) -> None:
        super().__init__(config)
        self._on_ready = on_ready
        self._tick = tick

    async def main_loop(self) -> None:
        # uvicorn's loop polls `should_exit` every 0.1 s; tests stop servers often, so the
        # background server polls faster (date headers still refresh every 10 ticks).
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 8_640_000
            await asyncio.sleep(self._tick)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self._tick >= 0.1 or not hasattr(self, "server_state"):
            await super().shutdown(sockets)
            return
        # The background (test) server: same steps as uvicorn's shutdown, without its
        # fixed 0.1 s pauses, so that a test suite can start and stop hundreds of them.
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        for _ in range(400):  # at most ~2 s for in-flight responses
            if not self.server_state.connections and not self.server_state.tasks:
                break
            await asyncio.sleep(0.005)
        for server in self.servers:
            await server.wait_closed()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self._on_ready is not None and not self.should_exit:
            self._on_ready()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on such sockets, and
    # without it every keep-alive response waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _url(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def _uvicorn_config(app: Starlette) -> uvicorn.Config:
    return uvicorn.Config(
        app, log_level="warning", lifespan="off", access_log=False, server_header=False
    )


@contextmanager
def running_sandbox(
    config: SandboxConfig | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    route_modules: Sequence[types.ModuleType] | None = None,
) -> Iterator[RunningSandbox]:
    """Serve a fresh sandbox in a background thread for the duration of the block."""
    app = (
        create_app(config)
        if route_modules is None
        else create_app(config, route_modules=route_modules)
    )
    sock = _bind(host, port)
    ready = threading.Event()
    server = _Server(_uvicorn_config(app), ready.set, tick=0.01)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="traktkit-sandbox", daemon=True
    )
    thread.start()
    try:
        if not ready.wait(timeout=10):
            raise RuntimeError("the sandbox server did not start within 10 s")
        yield RunningSandbox(_url(sock, host), app, app.state.sandbox)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def serve(
    config: SandboxConfig | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve in the foreground until interrupted; `ready(url)` runs once it accepts."""
    app = create_app(config)
    sock = _bind(host, port)
    url = _url(sock, host)
    server = _Server(_uvicorn_config(app), (lambda: ready(url)) if ready else None)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
