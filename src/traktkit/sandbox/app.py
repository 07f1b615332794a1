"""`create_app(config)`: the Starlette application of one sandbox."""

from __future__ import annotations

import types
from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.routing import Route

from traktkit.sandbox.config import SandboxConfig
from traktkit.sandbox.control import control_routes
from traktkit.sandbox.dispatcher import Dispatcher
from traktkit.sandbox.routes import ROUTE_MODULES
from traktkit.sandbox.routing import Router
from traktkit.sandbox.seeding import fill_library
from traktkit.sandbox.state import SandboxState

API_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]


def create_app(
    config: SandboxConfig | None = None,
    *,
    route_modules: Sequence[types.ModuleType] = ROUTE_MODULES,
) -> Starlette:
    """Build a sandbox app; its live state is `app.state.sandbox` (a SandboxState).

    `route_modules` are the modules whose `@route` handlers make up the API (tests may
    pass extra modules to exercise the dispatcher with routes of their own).
    """
    cfg = config or SandboxConfig()
    state = SandboxState(cfg)
    spec = cfg.library_spec
    if not spec.empty:
        with state.lock:
            fill_library(state, state.ensure_user(cfg.library_user), spec)
    router = Router.from_modules(route_modules)
    dispatcher = Dispatcher(state, router)
    routes = [
        *control_routes(),
        Route("/{path:path}", dispatcher.handle, methods=API_METHODS),
    ]
    app = Starlette(routes=routes)
    app.state.sandbox = state
    app.state.router = router
    return app
