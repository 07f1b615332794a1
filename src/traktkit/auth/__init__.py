"""The auth layer: OAuth flows, the token model, token storage and refresh under a lock."""

from traktkit.auth.device import device_login
from traktkit.auth.errors import (
    AuthError,
    CodeRejected,
    DeviceCodeAlreadyUsed,
    DeviceCodeDenied,
    DeviceCodeExpired,
    DeviceCodeInvalid,
    DeviceFlowError,
    LockTimeout,
    RefreshRejected,
    TokenStoreError,
)
from traktkit.auth.lock import FileLock
from traktkit.auth.oauth import OOB_REDIRECT_URI, DeviceCode, DevicePollStatus, OAuthClient
from traktkit.auth.session import AuthSession, AuthStatus, LogoutResult
from traktkit.auth.store import (
    FileTokenStore,
    KeyringTokenStore,
    MemoryTokenStore,
    TokenStore,
    open_token_store,
    token_owner,
)
from traktkit.auth.token import Token

__all__ = [
    "OOB_REDIRECT_URI",
    "AuthError",
    "AuthSession",
    "AuthStatus",
    "CodeRejected",
    "DeviceCode",
    "DeviceCodeAlreadyUsed",
    "DeviceCodeDenied",
    "DeviceCodeExpired",
    "DeviceCodeInvalid",
    "DeviceFlowError",
    "DevicePollStatus",
    "FileLock",
    "FileTokenStore",
    "KeyringTokenStore",
    "LockTimeout",
    "LogoutResult",
    "MemoryTokenStore",
    "OAuthClient",
    "RefreshRejected",
    "Token",
    "TokenStore",
    "TokenStoreError",
    "device_login",
    "open_token_store",
    "token_owner",
]
