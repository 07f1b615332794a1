"""API route modules. Each declares its routes with `@route`; `ROUTE_MODULES` lists them."""

from __future__ import annotations

import types

from traktkit.sandbox.routes import catalogue, oauth, search, users

ROUTE_MODULES: tuple[types.ModuleType, ...] = (oauth, users, catalogue, search)
