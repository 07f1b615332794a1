"""Token expiry arithmetic and the refresh policy."""

from __future__ import annotations

import pytest

from traktkit.auth import Token

CREATED = 1_700_000_000


def token(expires_in: int) -> Token:
    return Token(
        access_token="access-SECRET-1",
        refresh_token="refresh-SECRET-2",
        expires_in=expires_in,
        created_at=CREATED,
    )


@pytest.mark.parametrize("lifetime", [7200, 86_400, 604_800, 7_776_000])
def test_expires_at_is_created_plus_expires_in(lifetime: int) -> None:
    t = token(lifetime)
    assert t.expires_at == CREATED + lifetime
    assert not t.expired(CREATED + lifetime - 1)
    assert t.expired(CREATED + lifetime)


@pytest.mark.parametrize(
    ("lifetime", "window"),
    [
        (604_800, 3600),  # 7 days: last hour
        (86_400, 3600),  # 24 hours: last hour
        (7_776_000, 3600),  # 90 days: last hour
        (7200, 720),  # 2 hours: last 10% = 12 minutes
        (600, 60),
    ],
)
def test_should_refresh_policy(lifetime: int, window: int) -> None:
    t = token(lifetime)
    assert t.refresh_window() == window
    expires = CREATED + lifetime
    assert not t.should_refresh(CREATED)
    assert not t.should_refresh(expires - window)
    assert t.should_refresh(expires - window + 1)
    assert t.should_refresh(expires + 10)  # expired tokens are due too


def test_fresh_token_is_not_refreshed_on_every_call() -> None:
    t = token(86_400)
    assert not any(t.should_refresh(CREATED + s) for s in range(0, 86_400 - 3600, 600))


def test_repr_and_str_hide_secrets() -> None:
    t = token(3600)
    for text in (repr(t), str(t), f"{t}", str([t])):
        assert "SECRET" not in text
    assert "expires_in=3600" in repr(t)


def test_parses_trakt_response_and_ignores_extras() -> None:
    t = Token.model_validate(
        {
            "access_token": "a" * 64,
            "token_type": "bearer",
            "expires_in": 7776000,
            "refresh_token": "r" * 64,
            "scope": "public",
            "created_at": 1487889741,
            "unexpected": True,
        }
    )
    assert t.expires_at == 1487889741 + 7776000
    assert t.env_origin is None
