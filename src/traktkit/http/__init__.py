"""The transport layer: the only part of traktkit that talks HTTP (httpx2)."""

from traktkit.http.client import HttpClient
from traktkit.http.errors import (
    AccountLimitExceeded,
    AccountLocked,
    BadRequest,
    CloudflareError,
    Conflict,
    Forbidden,
    NetworkError,
    NotAuthenticated,
    NotFound,
    PreconditionFailed,
    RateLimited,
    ServerError,
    TraktError,
    Unauthorized,
    ValidationFailed,
    VipRequired,
    error_from_response,
)
from traktkit.http.headers import RateLimitInfo
from traktkit.http.pacing import GetBudget, WritePacer
from traktkit.http.types import (
    DEFAULT_USER_AGENT,
    AuthMode,
    HttpConfig,
    PageInfo,
    Response,
    TokenSource,
)

__all__ = [
    "DEFAULT_USER_AGENT",
    "AccountLimitExceeded",
    "AccountLocked",
    "AuthMode",
    "BadRequest",
    "CloudflareError",
    "Conflict",
    "Forbidden",
    "GetBudget",
    "HttpClient",
    "HttpConfig",
    "NetworkError",
    "NotAuthenticated",
    "NotFound",
    "PageInfo",
    "PreconditionFailed",
    "RateLimitInfo",
    "RateLimited",
    "Response",
    "ServerError",
    "TokenSource",
    "TraktError",
    "Unauthorized",
    "ValidationFailed",
    "VipRequired",
    "WritePacer",
    "error_from_response",
]
