"""Where the token pair lives between runs: the OS keyring when one really works, else a
file readable by the user only.

File format (``settings.token_path``)::

    {"version": 1, "owner": "<api_url> <client_id>", "token": {...Token fields...}}

``owner`` keeps a sandbox token from being sent to the real API (and vice versa) when one
home folder is used with several API URLs or apps: a token saved for another owner reads
as "no token". A bare token object (other tools' format) is also accepted.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import stat
import threading
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from traktkit.auth.errors import TokenStoreError
from traktkit.auth.token import Token
from traktkit.config import Settings

logger = logging.getLogger("traktkit.auth")

KEYRING_SERVICE = "traktkit"
_FORMAT_VERSION = 1


def token_owner(settings: Settings) -> str:
    """The key a token belongs to: the API base URL and the app's client id."""
    return f"{settings.api_url.rstrip('/')} {settings.client_id or '-'}"


class TokenStore(Protocol):
    """Persistent storage of one token pair."""

    @property
    def name(self) -> str:
        """Human description for messages, e.g. "file /home/u/.local/share/traktkit/..."."""
        ...

    def load(self) -> Token | None: ...

    def save(self, token: Token) -> None: ...

    def clear(self) -> None: ...


def _encode(token: Token, owner: str | None) -> str:
    return json.dumps(
        {"version": _FORMAT_VERSION, "owner": owner, "token": token.model_dump(mode="json")},
        indent=2,
    )


def _decode(text: str, owner: str | None, where: str) -> Token | None:
    try:
        raw: Any = json.loads(text)
    except ValueError:
        raise TokenStoreError(
            f"the token in {where} is not valid JSON: run `trakt login` again"
        ) from None
    if not isinstance(raw, dict):
        raise TokenStoreError(f"the token in {where} is malformed: run `trakt login` again")
    if "token" in raw:
        stored_owner = raw.get("owner")
        if owner is not None and stored_owner is not None and stored_owner != owner:
            logger.debug("token in %s belongs to another API URL or app; ignored", where)
            return None
        raw = raw["token"]
    try:
        return Token.model_validate(raw)
    except ValidationError:
        # The pydantic message would echo the input, i.e. the token: say nothing of it.
        raise TokenStoreError(
            f"the token in {where} is malformed: run `trakt login` again"
        ) from None


class FileTokenStore:
    """A JSON file with mode 0600 in a 0700 folder, replaced atomically on every save."""

    def __init__(self, path: Path, *, owner: str | None = None) -> None:
        self._path = Path(path)
        self._owner = owner

    @property
    def path(self) -> Path:
        return self._path

    @property
    def name(self) -> str:
        return f"file {self._path}"

    def exists(self) -> bool:
        return self._path.exists()

    def load(self) -> Token | None:
        try:
            fd = os.open(self._path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise TokenStoreError(f"cannot read {self._path}: {exc.strerror}") from None
        with os.fdopen(fd, "r", encoding="utf-8") as handle:
            self._tighten(handle.fileno())
            text = handle.read()
        return _decode(text, self._owner, str(self._path))

    def _tighten(self, fd: int) -> None:
        """Re-tighten a token file that became group/world readable to 0600."""
        if os.name == "nt":
            return
        mode = stat.S_IMODE(os.fstat(fd).st_mode)
        if mode & 0o077:
            logger.warning(
                "%s was readable by other users (mode %o); restricted it to 0600",
                self._path,
                mode,
            )
            try:
                os.fchmod(fd, 0o600)
            except OSError as exc:
                raise TokenStoreError(
                    f"{self._path} is readable by other users and cannot be restricted: "
                    f"{exc.strerror}"
                ) from None

    def save(self, token: Token) -> None:
        """Write to a 0600 temp file, fsync, then os.replace over the old file."""
        folder = self._path.parent
        try:
            self._ensure_folder(folder)
            tmp = folder / f".{self._path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            raise TokenStoreError(f"cannot write the token to {folder}: {exc.strerror}") from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                if os.name != "nt":
                    os.fchmod(handle.fileno(), 0o600)
                handle.write(_encode(token, self._owner))
                handle.flush()
                os.fsync(handle.fileno())
            tmp.replace(self._path)  # atomic (os.replace)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise TokenStoreError(
                f"cannot write the token to {self._path}: {exc.strerror}"
            ) from None
        self._fsync_folder(folder)

    def clear(self) -> None:
        try:
            self._path.unlink(missing_ok=True)
        except OSError as exc:
            raise TokenStoreError(f"cannot delete {self._path}: {exc.strerror}") from None

    @staticmethod
    def _ensure_folder(folder: Path) -> None:
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    @staticmethod
    def _fsync_folder(folder: Path) -> None:
        if os.name == "nt":
            return
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


class KeyringTokenStore:
    """The token as a JSON password in the OS keyring (service "traktkit").

    Build it with ``KeyringTokenStore.probe(owner)``, which returns None unless a
    write-then-read-back roundtrip works (or a token is already stored there).
    """

    def __init__(self, backend: Any, *, owner: str, service: str = KEYRING_SERVICE) -> None:
        self._keyring = backend
        self._owner = owner
        self._service = service

    @classmethod
    def probe(cls, owner: str, *, service: str = KEYRING_SERVICE) -> KeyringTokenStore | None:
        """A working keyring store, or None (not installed, no backend, or any failure)."""
        try:
            import keyring
        except ImportError:
            return None
        try:
            if keyring.get_password(service, owner) is not None:
                return cls(keyring, owner=owner, service=service)
            probe_key = f"{owner} probe"
            probe_value = secrets.token_hex(8)
            keyring.set_password(service, probe_key, probe_value)
            try:
                works = keyring.get_password(service, probe_key) == probe_value
            finally:
                with contextlib.suppress(Exception):
                    keyring.delete_password(service, probe_key)
        except Exception as exc:  # any backend failure means "no keyring"
            logger.debug("keyring unusable: %s", type(exc).__name__)
            return None
        return cls(keyring, owner=owner, service=service) if works else None

    @property
    def name(self) -> str:
        try:
            backend = type(self._keyring.get_keyring()).__name__
        except Exception:
            backend = "keyring"
        return f"OS keyring ({backend}, service {self._service})"

    def load(self) -> Token | None:
        try:
            text = self._keyring.get_password(self._service, self._owner)
        except Exception as exc:
            raise TokenStoreError(
                f"cannot read the token from the OS keyring ({type(exc).__name__})"
            ) from None
        if text is None:
            return None
        return _decode(str(text), self._owner, "the OS keyring")

    def save(self, token: Token) -> None:
        try:
            self._keyring.set_password(self._service, self._owner, _encode(token, self._owner))
        except Exception as exc:
            raise TokenStoreError(
                f"cannot save the token in the OS keyring ({type(exc).__name__})"
            ) from None

    def clear(self) -> None:
        try:
            if self._keyring.get_password(self._service, self._owner) is not None:
                self._keyring.delete_password(self._service, self._owner)
        except Exception as exc:
            raise TokenStoreError(
                f"cannot delete the token from the OS keyring ({type(exc).__name__})"
            ) from None


class MemoryTokenStore:
    """A token store that forgets everything at exit (tests, one-shot scripts)."""

    def __init__(self, token: Token | None = None) -> None:
        self._token = token

    @property
    def name(self) -> str:
        return "memory"

    def load(self) -> Token | None:
        return self._token

    def save(self, token: Token) -> None:
        self._token = token

    def clear(self) -> None:
        self._token = None


def open_token_store(settings: Settings) -> TokenStore:
    """Choose the store for ``settings.token_store``.

    * ``file``: the token file.
    * ``auto``: an existing token file wins (a login saved before a keyring appeared is
      not lost); else the OS keyring if a roundtrip works; else the token file.
    * ``keyring``: the OS keyring if a roundtrip works; else the file, with a warning.
    """
    owner = token_owner(settings)
    file_store = FileTokenStore(settings.token_path, owner=owner)
    if settings.token_store == "file":
        return file_store
    if settings.token_store == "auto" and file_store.exists():
        return file_store
    keyring_store = KeyringTokenStore.probe(owner)
    if keyring_store is not None:
        return keyring_store
    if settings.token_store == "keyring":
        logger.warning("no working OS keyring; storing the token in %s", settings.token_path)
    return file_store


class LazyTokenStore:
    """`open_token_store(settings)` on first use: creating a client probes nothing (the
    keyring check writes, reads and deletes an entry, which anonymous commands such as
    `trakt trending` never need)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._store: TokenStore | None = None
        self._lock = threading.Lock()

    def _open(self) -> TokenStore:
        with self._lock:
            if self._store is None:
                self._store = open_token_store(self._settings)
            return self._store

    @property
    def name(self) -> str:
        return self._open().name

    def load(self) -> Token | None:
        return self._open().load()

    def save(self, token: Token) -> None:
        self._open().save(token)

    def clear(self) -> None:
        self._open().clear()
