"""FileTokenStore (0600, atomic replace, re-tightening), keyring store, store choice."""

from __future__ import annotations

import json
import os
import stat
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from auth_fakes import make_settings

from traktkit.auth import (
    FileTokenStore,
    KeyringTokenStore,
    MemoryTokenStore,
    Token,
    TokenStoreError,
    open_token_store,
)

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def sample(n: int = 1) -> Token:
    return Token(
        access_token=f"access-SECRET-{n}",
        refresh_token=f"refresh-SECRET-{n}",
        expires_in=604800,
        created_at=1_700_000_000 + n,
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_save_creates_0700_folder_and_0600_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "home" / "token.json"
    store = FileTokenStore(path, owner="o")
    old = os.umask(0o022)
    try:
        store.save(sample())
    finally:
        os.umask(old)
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert store.load() == sample()
    assert [p.name for p in path.parent.iterdir()] == ["token.json"]  # no temp left


def test_save_is_atomic_replace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "token.json"
    store = FileTokenStore(path)
    store.save(sample(1))
    inode_before = path.stat().st_ino

    def broken_replace(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", broken_replace)
    with pytest.raises(TokenStoreError, match="No space left"):
        store.save(sample(2))
    monkeypatch.undo()
    assert store.load() == sample(1)  # old token intact
    assert [p.name for p in tmp_path.iterdir()] == ["token.json"]  # temp cleaned up
    store.save(sample(3))
    assert path.stat().st_ino != inode_before  # replaced, not rewritten in place
    assert store.load() == sample(3)


def test_temp_file_created_exclusively_with_0600(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, int]] = []
    real_open = os.open

    def spy(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
        if str(path).endswith(".tmp"):
            calls.append((flags, mode))
        return real_open(path, flags, mode, **kw)

    monkeypatch.setattr(os, "open", spy)
    FileTokenStore(tmp_path / "token.json").save(sample())
    ((flags, created_mode),) = calls
    assert flags & os.O_CREAT and flags & os.O_EXCL
    assert created_mode == 0o600


def test_load_retightens_readable_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "token.json"
    store = FileTokenStore(path)
    store.save(sample())
    path.chmod(0o644)
    assert store.load() == sample()
    assert mode(path) == 0o600
    assert "restricted it to 0600" in caplog.text
    assert "SECRET" not in caplog.text


def test_missing_file_is_none_and_clear_is_idempotent(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "nope" / "token.json")
    assert store.load() is None
    store.clear()
    store.save(sample())
    store.clear()
    assert store.load() is None


@pytest.mark.parametrize("content", ["{not json", "[]", '{"token": {"access_token": "x-SECRET"}}'])
def test_corrupt_file_gives_clear_error_without_secrets(tmp_path: Path, content: str) -> None:
    path = tmp_path / "token.json"
    path.write_text(content)
    with pytest.raises(TokenStoreError, match="trakt login") as info:
        FileTokenStore(path).load()
    assert "SECRET" not in str(info.value)


def test_other_owner_token_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    FileTokenStore(path, owner="http://127.0.0.1:1 sandbox").save(sample())
    assert FileTokenStore(path, owner="https://api.trakt.tv real").load() is None
    assert FileTokenStore(path, owner="http://127.0.0.1:1 sandbox").load() == sample()


def test_bare_token_json_accepted(tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    path.write_text(json.dumps(sample().model_dump()))
    assert FileTokenStore(path, owner="x").load() == sample()


def test_store_name_has_no_secret(tmp_path: Path) -> None:
    assert FileTokenStore(tmp_path / "token.json").name == f"file {tmp_path / 'token.json'}"


# -- keyring ---------------------------------------------------------------------------------


class FakeKeyring(types.ModuleType):
    def __init__(self, *, broken: bool = False, lossy: bool = False) -> None:
        super().__init__("keyring")
        self.data: dict[tuple[str, str], str] = {}
        self.broken = broken
        self.lossy = lossy

    def get_password(self, service: str, key: str) -> str | None:
        if self.broken:
            raise RuntimeError("no backend")
        if self.lossy:
            return None
        return self.data.get((service, key))

    def set_password(self, service: str, key: str, value: str) -> None:
        if self.broken:
            raise RuntimeError("no backend")
        self.data[(service, key)] = value

    def delete_password(self, service: str, key: str) -> None:
        self.data.pop((service, key), None)

    def get_keyring(self) -> object:
        return self


@pytest.fixture
def fake_keyring(monkeypatch: pytest.MonkeyPatch) -> FakeKeyring:
    module = FakeKeyring()
    monkeypatch.setitem(sys.modules, "keyring", module)
    return module


def test_keyring_roundtrip(fake_keyring: FakeKeyring) -> None:
    store = KeyringTokenStore.probe("owner-1")
    assert store is not None
    assert fake_keyring.data == {}  # probe entry removed
    store.save(sample())
    assert store.load() == sample()
    assert ("traktkit", "owner-1") in fake_keyring.data
    store.clear()
    assert store.load() is None
    assert "keyring" in store.name.lower()


def test_keyring_unusable_means_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "keyring", FakeKeyring(broken=True))
    assert KeyringTokenStore.probe("o") is None
    monkeypatch.setitem(sys.modules, "keyring", FakeKeyring(lossy=True))
    assert KeyringTokenStore.probe("o") is None  # write succeeded but read-back failed
    monkeypatch.setitem(sys.modules, "keyring", None)  # import raises ImportError
    assert KeyringTokenStore.probe("o") is None


def test_open_token_store_choices(tmp_path: Path, fake_keyring: FakeKeyring) -> None:
    assert isinstance(open_token_store(make_settings(tmp_path, token_store="file")), FileTokenStore)
    auto = open_token_store(make_settings(tmp_path, token_store="auto"))
    assert isinstance(auto, KeyringTokenStore)
    # an existing token file wins in auto mode
    FileTokenStore(make_settings(tmp_path).token_path).save(sample())
    assert isinstance(open_token_store(make_settings(tmp_path, token_store="auto")), FileTokenStore)
    assert isinstance(
        open_token_store(make_settings(tmp_path, token_store="keyring")), KeyringTokenStore
    )


def test_open_token_store_falls_back_to_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "keyring", FakeKeyring(broken=True))
    store = open_token_store(make_settings(tmp_path, token_store="keyring"))
    assert isinstance(store, FileTokenStore)
    assert "no working OS keyring" in caplog.text
    assert isinstance(open_token_store(make_settings(tmp_path, token_store="auto")), FileTokenStore)


def test_memory_store() -> None:
    store = MemoryTokenStore()
    assert store.load() is None
    store.save(sample())
    assert store.load() == sample()
    store.clear()
    assert store.load() is None
