"""AuthSession: stored/env tokens, proactive refresh, 401 refresh, rotation across sessions."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx2
import pytest
from auth_fakes import FakeTrakt, Rig, make_rig, make_settings

from traktkit.auth import (
    AuthSession,
    FileTokenStore,
    MemoryTokenStore,
    RefreshRejected,
    Token,
    TokenStoreError,
)
from traktkit.http import NotAuthenticated, Unauthorized

HOUR = 3600


def logged_in(tmp_path: Path, server: FakeTrakt | None = None, **settings: object) -> Rig:
    server = server if server is not None else FakeTrakt()
    rig = make_rig(tmp_path, server, settings=make_settings(tmp_path, **settings))
    rig.store.save(server.issue())
    return rig


def settings_call(rig: Rig) -> object:
    return rig.http.get("/users/settings", auth="required").data


# -- stored token -----------------------------------------------------------------------------


def test_stored_token_is_sent(tmp_path: Path) -> None:
    rig = logged_in(tmp_path)
    assert settings_call(rig) == {"user": {"username": "demo"}}
    stored = rig.store.load()
    assert stored is not None
    sent = rig.server.requests[-1].headers["authorization"]
    assert sent == f"Bearer {stored.access_token}"
    assert rig.server.refresh_calls == []


def test_not_logged_in(tmp_path: Path) -> None:
    rig = make_rig(tmp_path)
    assert rig.session.access_token() is None
    with pytest.raises(NotAuthenticated, match="trakt login"):
        settings_call(rig)
    assert rig.server.requests == []
    assert rig.session.status().logged_in is False


def test_proactive_refresh_near_expiry(tmp_path: Path) -> None:
    rig = logged_in(tmp_path)
    old = rig.store.load()
    assert old is not None
    rig.server.clock.now = old.expires_at - 30 * 60  # inside the 1-hour window
    assert settings_call(rig) == {"user": {"username": "demo"}}
    new = rig.store.load()
    assert new is not None and new.access_token != old.access_token
    assert rig.server.refresh_calls == [old.refresh_token]
    assert old.refresh_token not in rig.server.refresh  # spent
    assert rig.server.requests[-1].headers["authorization"] == f"Bearer {new.access_token}"
    settings_call(rig)
    assert len(rig.server.refresh_calls) == 1  # the new token is fresh: no more refreshes


def test_no_refresh_while_fresh(tmp_path: Path) -> None:
    rig = logged_in(tmp_path)
    token = rig.store.load()
    assert token is not None
    rig.server.clock.now = token.expires_at - 2 * HOUR
    for _ in range(3):
        settings_call(rig)
    assert rig.server.refresh_calls == []


def test_proactive_refresh_failure_keeps_valid_token(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rig = logged_in(tmp_path, FakeTrakt(fail_refresh_with=503))
    token = rig.store.load()
    assert token is not None
    rig.server.clock.now = token.expires_at - 600
    assert rig.session.access_token() == token.access_token
    assert rig.session.access_token() == token.access_token
    assert len(rig.server.refresh_calls) == 1  # not retried on every call
    assert "could not refresh" in caplog.text
    assert rig.store.load() == token


def test_expired_without_refresh_token(tmp_path: Path) -> None:
    rig = make_rig(tmp_path)
    rig.store.save(
        Token(access_token="a-SECRET", refresh_token=None, expires_in=HOUR, created_at=1000)
    )
    with pytest.raises(NotAuthenticated, match="expired") as info:
        rig.session.access_token()
    assert "SECRET" not in str(info.value)


def test_401_refreshes_saves_and_replays(tmp_path: Path) -> None:
    rig = logged_in(tmp_path)
    old = rig.store.load()
    assert old is not None
    rig.server.access.discard(old.access_token)  # e.g. revoked server-side
    assert settings_call(rig) == {"user": {"username": "demo"}}
    new = rig.store.load()
    assert new is not None and new.access_token != old.access_token
    auths = [r.headers.get("authorization") for r in rig.server.requests]
    assert auths == [f"Bearer {old.access_token}", None, f"Bearer {new.access_token}"]


def test_new_pair_saved_before_use(tmp_path: Path) -> None:
    events: list[str] = []
    server = FakeTrakt()

    class RecordingStore(MemoryTokenStore):
        def save(self, token: Token) -> None:
            events.append(f"save {token.access_token}")
            super().save(token)

    def handler(request: httpx2.Request) -> httpx2.Response:
        events.append(f"request {request.headers.get('authorization', '-')}")
        return server.handler(request)

    store = RecordingStore(server.issue())
    settings = make_settings(tmp_path)
    rig = make_rig(tmp_path, server, settings=settings)
    rig.http._transport = httpx2.MockTransport(handler)
    session = AuthSession(settings, store, rig.oauth, now=server.clock)
    rig.http.set_token_source(session)
    first = store.load()
    assert first is not None
    server.access.discard(first.access_token)
    settings_call(rig)
    new = store.load()
    assert new is not None
    assert events.index(f"save {new.access_token}") < events.index(
        f"request Bearer {new.access_token}"
    )


def test_failed_save_means_new_token_not_used(tmp_path: Path) -> None:
    server = FakeTrakt()

    class FullDisk(MemoryTokenStore):
        def save(self, token: Token) -> None:
            raise TokenStoreError("cannot write the token: No space left on device")

    settings = make_settings(tmp_path)
    rig = make_rig(tmp_path, server, settings=settings)
    first = server.issue()
    session = AuthSession(settings, FullDisk(first), rig.oauth, now=server.clock)
    rig.http.set_token_source(session)
    server.access.discard(first.access_token)
    with pytest.raises(TokenStoreError):
        settings_call(rig)
    assert [r.url.path for r in server.requests] == ["/users/settings", "/oauth/token"]


def test_rejected_refresh_raises_and_keeps_store(tmp_path: Path) -> None:
    rig = logged_in(tmp_path)
    old = rig.store.load()
    assert old is not None and old.refresh_token is not None
    rig.server.refresh.discard(old.refresh_token)  # used elsewhere / revoked
    rig.server.access.discard(old.access_token)
    with pytest.raises(RefreshRejected, match="trakt login") as info:
        settings_call(rig)
    assert isinstance(info.value, NotAuthenticated)
    assert rig.store.load() == old  # nothing cleared silently


# -- two sessions (two processes) sharing the store and the lock ------------------------------


def test_concurrent_proactive_refresh_spends_refresh_token_once(tmp_path: Path) -> None:
    server = FakeTrakt()
    a = logged_in(tmp_path, server)
    b = make_rig(tmp_path, server)  # same home: same token file and lock
    token = a.store.load()
    assert token is not None
    # both sessions have loaded the same (still fresh) pair
    assert a.session.access_token() == b.session.access_token() == token.access_token
    server.clock.now = token.expires_at - 60
    new_a = a.session.access_token()
    new_b = b.session.access_token()  # sees A's new pair in the store under the lock
    assert new_a == new_b != token.access_token
    assert server.refresh_calls == [token.refresh_token]
    assert server.rejected_refreshes == []
    settings_call(a)
    settings_call(b)


def test_concurrent_401_uses_the_other_processes_token(tmp_path: Path) -> None:
    server = FakeTrakt()
    a = logged_in(tmp_path, server)
    b = make_rig(tmp_path, server)
    token = a.store.load()
    assert token is not None
    assert b.session.access_token() == token.access_token
    server.access.discard(token.access_token)
    settings_call(a)  # A refreshes (401 path)
    settings_call(b)  # B gets 401 with the old token, finds A's pair, replays
    assert len(server.refresh_calls) == 1
    assert server.rejected_refreshes == []
    a_token, b_token = a.session.current_token(), b.session.current_token()
    assert a_token == b_token == a.store.load()


def test_concurrent_refresh_threads(tmp_path: Path) -> None:
    import threading

    server = FakeTrakt()
    rigs = [logged_in(tmp_path, server)] + [make_rig(tmp_path, server) for _ in range(5)]
    token = rigs[0].store.load()
    assert token is not None
    for rig in rigs:
        rig.session.access_token()
    server.clock.now = token.expires_at - 60
    results: list[str | None] = []
    errors: list[BaseException] = []

    def work(rig: Rig) -> None:
        try:
            results.append(rig.session.access_token())
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(rig,)) for rig in rigs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(results)) == 1 and results[0] != token.access_token
    assert len(server.refresh_calls) == 1


def test_logged_out_elsewhere(tmp_path: Path) -> None:
    server = FakeTrakt()
    a = logged_in(tmp_path, server)
    b = make_rig(tmp_path, server)
    token = a.store.load()
    assert token is not None
    assert b.session.access_token() == token.access_token
    a.session.logout()
    with pytest.raises(Unauthorized):
        settings_call(b)  # 401 (revoked) -> store empty -> no refresh


# -- environment tokens -----------------------------------------------------------------------


def test_env_token_wins_over_stored(tmp_path: Path) -> None:
    server = FakeTrakt()
    env = server.issue()
    rig = logged_in(tmp_path, server, access_token=env.access_token)
    assert rig.session.access_token() == env.access_token
    settings_call(rig)
    assert rig.server.requests[-1].headers["authorization"] == f"Bearer {env.access_token}"
    status = rig.session.status()
    assert status.source == "env" and status.expires_at is None


def test_env_token_rejected_without_refresh_token(tmp_path: Path) -> None:
    rig = logged_in(tmp_path, access_token="env-SECRET-token")
    with pytest.raises(Unauthorized, match="TRAKT_ACCESS_TOKEN") as info:
        settings_call(rig)
    assert "env-SECRET" not in str(info.value)
    assert rig.server.refresh_calls == []  # the stored login is not used either


def test_env_refresh_token_is_spent_once_and_successor_reused(tmp_path: Path) -> None:
    server = FakeTrakt()
    env = server.issue()
    assert env.refresh_token is not None
    server.access.discard(env.access_token)  # the env access token has expired
    overrides = {"access_token": env.access_token, "refresh_token": env.refresh_token}
    rig = make_rig(tmp_path, server, settings=make_settings(tmp_path, **overrides))
    settings_call(rig)
    assert server.refresh_calls == [env.refresh_token]
    successor = rig.store.load()
    assert successor is not None and successor.env_origin is not None
    # a later run (new session) with the same variables: no second refresh, no 401
    later = make_rig(tmp_path, server, settings=make_settings(tmp_path, **overrides))
    assert later.session.access_token() == successor.access_token
    settings_call(later)
    assert server.refresh_calls == [env.refresh_token]
    assert server.rejected_refreshes == []
    # without the variables, the saved pair is an ordinary stored login
    plain = make_rig(tmp_path, server)
    assert plain.session.access_token() == successor.access_token


def test_env_refresh_token_rejected(tmp_path: Path) -> None:
    rig = logged_in(tmp_path, access_token="env-a-SECRET", refresh_token="env-r-SECRET")
    with pytest.raises(RefreshRejected, match="TRAKT_REFRESH_TOKEN") as info:
        settings_call(rig)
    assert "SECRET" not in str(info.value)


def test_env_refresh_only(tmp_path: Path) -> None:
    server = FakeTrakt()
    env = server.issue()
    rig = make_rig(
        tmp_path, server, settings=make_settings(tmp_path, refresh_token=env.refresh_token)
    )
    token = rig.session.access_token()
    assert token is not None and token != env.access_token
    assert token in server.access


# -- login, logout, status --------------------------------------------------------------------


def test_login_code_saves(tmp_path: Path) -> None:
    rig = make_rig(tmp_path)
    token = rig.session.login_code("good-code")
    assert rig.store.load() == token
    assert rig.session.current_token() == token


def test_logout_revokes_and_clears(tmp_path: Path) -> None:
    rig = logged_in(tmp_path)
    token = rig.store.load()
    assert token is not None
    result = rig.session.logout()
    assert result.forgotten and result.revoked and result.error is None
    assert rig.server.revoked == [token.access_token]
    assert rig.store.load() is None
    assert rig.session.access_token() is None


def test_logout_network_failure_still_forgets(tmp_path: Path) -> None:
    rig = logged_in(tmp_path)

    def down(request: httpx2.Request) -> httpx2.Response:
        raise httpx2.ConnectError("network unreachable")

    rig.http._transport = httpx2.MockTransport(down)
    result = rig.session.logout()
    assert result.forgotten and not result.revoked
    assert result.error is not None and "could not connect" in result.error
    assert rig.store.load() is None


def test_status_has_no_secrets(tmp_path: Path) -> None:
    rig = logged_in(tmp_path)
    status = rig.session.status()
    token = rig.store.load()
    assert token is not None
    assert status.source == "store"
    assert status.expires_at == token.expires_at
    assert status.expired is False and status.refresh_due is False and status.can_refresh
    assert status.store_name.startswith("file ")
    assert rig.session.store_name == status.store_name
    for secret in rig.server.secrets():
        assert secret not in repr(status)


def test_no_token_in_logs_across_a_full_flow(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server = FakeTrakt(device_polls=[400, 429, 200])
    rig = make_rig(tmp_path, server)
    rig.session.login_device(lambda code: None, sleep=lambda s: None)
    token = rig.store.load()
    assert token is not None
    server.access.discard(token.access_token)
    settings_call(rig)  # 401 -> refresh -> replay
    server.clock.now = token.expires_at - 10
    settings_call(rig)  # proactive refresh
    rig.session.logout()
    text = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert len(server.secrets()) >= 6
    for secret in [*server.secrets(), "device-SECRET-code", "csecret-fake-456"]:
        assert secret not in text


def test_session_on_real_store_file_is_0600(tmp_path: Path) -> None:
    import stat

    rig = logged_in(tmp_path)
    assert isinstance(rig.store, FileTokenStore)
    assert stat.S_IMODE(rig.store.path.stat().st_mode) == 0o600
