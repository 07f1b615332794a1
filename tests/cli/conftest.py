"""CLI test helpers: pace the client's writes like the sandbox (`write_interval=0.05`)
instead of Trakt's real one second, through the facade's internal `http_options`."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pytest

from traktkit.cli import context
from traktkit.client import Trakt

# Twice the sandbox interval: the pacer spaces writes start to start on the client, the
# sandbox counts them on arrival, so an exact match would trip 429 on timing jitter.
FAST_HTTP = {"write_interval": 0.1}


@pytest.fixture(autouse=True)
def fast_writes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every `trakt` command run in-process builds its client with fast write pacing."""
    monkeypatch.setattr(context, "Trakt", functools.partial(Trakt, http_options=FAST_HTTP))
    yield
