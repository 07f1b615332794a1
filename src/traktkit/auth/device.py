"""The device login loop: show a code, poll until the user approves it or it expires."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from traktkit.auth.errors import (
    DeviceCodeAlreadyUsed,
    DeviceCodeDenied,
    DeviceCodeExpired,
    DeviceCodeInvalid,
    DeviceFlowError,
)
from traktkit.auth.oauth import DeviceCode, DevicePollStatus, OAuthClient
from traktkit.auth.token import Token
from traktkit.http.errors import NetworkError, ServerError

logger = logging.getLogger("traktkit.auth")

MAX_POLL_INTERVAL = 60.0  # seconds; slow_down doubles the interval up to this
DEFAULT_POLL_INTERVAL = 5.0  # when the server sends no usable interval
MAX_TRANSIENT_FAILURES = 3  # consecutive network/5xx failures tolerated while polling

_TERMINAL: dict[DevicePollStatus, Callable[[], DeviceFlowError]] = {
    DevicePollStatus.INVALID: DeviceCodeInvalid,
    DevicePollStatus.ALREADY_USED: DeviceCodeAlreadyUsed,
    DevicePollStatus.EXPIRED: DeviceCodeExpired,
    DevicePollStatus.DENIED: DeviceCodeDenied,
}


def device_login(
    oauth: OAuthClient,
    *,
    on_code: Callable[[DeviceCode], None],
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Token:
    """Run the device flow and return the approved token (not saved: see AuthSession).

    Calls ``on_code`` once with the code to show, then polls every ``interval`` seconds
    (first poll after one interval) until ``expires_in`` has elapsed. Pending (400) keeps
    polling; slow down (429) doubles the interval (capped at 60 s); 404/409/410/418 raise
    DeviceCodeInvalid / DeviceCodeAlreadyUsed / DeviceCodeExpired / DeviceCodeDenied; the
    client-side deadline raises DeviceCodeExpired without another poll.
    """
    code = oauth.device_code()
    on_code(code)
    deadline = clock() + max(0, code.expires_in)
    interval = code.interval if code.interval > 0 else DEFAULT_POLL_INTERVAL
    failures = 0
    while True:
        remaining = deadline - clock()
        if remaining <= 0:
            raise DeviceCodeExpired(status=None)
        sleep(min(interval, remaining))
        if clock() > deadline:
            raise DeviceCodeExpired(status=None)
        try:
            result = oauth.poll_device_token(code.device_code)
        except (NetworkError, ServerError) as exc:
            failures += 1
            if failures > MAX_TRANSIENT_FAILURES:
                raise
            logger.warning("device login: %s; polling again", exc.message)
            continue
        failures = 0
        if isinstance(result, Token):
            return result
        if result is DevicePollStatus.PENDING:
            continue
        if result is DevicePollStatus.SLOW_DOWN:
            interval = min(interval * 2, MAX_POLL_INTERVAL)
            logger.debug("device login: slow down, polling every %g s", interval)
            continue
        raise _TERMINAL[result]()
