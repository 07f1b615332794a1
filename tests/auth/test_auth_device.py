"""device_login: polling cadence, slow down, every terminal status, client-side expiry."""

from __future__ import annotations

from pathlib import Path

import pytest
from auth_fakes import FakeTrakt, make_rig

from traktkit.auth import (
    DeviceCode,
    DeviceCodeAlreadyUsed,
    DeviceCodeDenied,
    DeviceCodeExpired,
    DeviceCodeInvalid,
    DeviceFlowError,
    Token,
    device_login,
)
from traktkit.auth.device import MAX_POLL_INTERVAL


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def run(tmp_path: Path, server: FakeTrakt) -> tuple[Token, Clock, list[DeviceCode]]:
    rig = make_rig(tmp_path, server)
    clock = Clock()
    shown: list[DeviceCode] = []
    token = device_login(rig.oauth, on_code=shown.append, sleep=clock.sleep, clock=clock)
    return token, clock, shown


def test_pending_then_approved(tmp_path: Path) -> None:
    server = FakeTrakt(device_polls=[400, 400, 200])
    token, clock, shown = run(tmp_path, server)
    assert token.access_token in server.access
    assert [c.user_code for c in shown] == ["5055CC52"]  # on_code called once
    assert clock.sleeps == [5, 5, 5]
    assert server.poll_count == 3


def test_slow_down_doubles_interval_with_cap(tmp_path: Path) -> None:
    server = FakeTrakt(device_polls=[429, 400, 429, 429, 429, 429, 200], device_expires_in=3600)
    _, clock, _ = run(tmp_path, server)
    assert clock.sleeps == [5, 10, 10, 20, 40, MAX_POLL_INTERVAL, MAX_POLL_INTERVAL]


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (404, DeviceCodeInvalid),
        (409, DeviceCodeAlreadyUsed),
        (410, DeviceCodeExpired),
        (418, DeviceCodeDenied),
    ],
)
def test_terminal_statuses(tmp_path: Path, status: int, error: type[DeviceFlowError]) -> None:
    server = FakeTrakt(device_polls=[400, status])
    with pytest.raises(error) as info:
        run(tmp_path, server)
    assert info.value.status == status
    assert "\n" not in str(info.value) and "SECRET" not in str(info.value)
    assert server.poll_count == 2


def test_client_side_expiry_stops_polling(tmp_path: Path) -> None:
    server = FakeTrakt(device_expires_in=20, device_interval=5)  # always pending
    with pytest.raises(DeviceCodeExpired, match="expired"):
        run(tmp_path, server)
    assert server.poll_count == 4  # at t=5, 10, 15, 20; then the deadline is reached


def test_transient_server_errors_are_tolerated(tmp_path: Path) -> None:
    server = FakeTrakt(device_polls=[503, 400, 200])
    token, _, _ = run(tmp_path, server)
    assert token.access_token in server.access


def test_login_device_saves_the_token(tmp_path: Path) -> None:
    server = FakeTrakt(device_polls=[200])
    rig = make_rig(tmp_path, server)
    clock = Clock()
    token = rig.session.login_device(lambda code: None, sleep=clock.sleep, clock=clock)
    assert rig.store.load() == token
    assert rig.session.access_token() == token.access_token
