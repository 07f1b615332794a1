"""The OAuth token pair and its expiry arithmetic.

Lifetimes are never hard-coded: Trakt changed them from 90 days to 24 hours to 7 days, so
expiry is always ``created_at + expires_in`` as the server reported them.

Refresh policy: refresh when less than ``min(1 hour, 10% of the lifetime)`` remains. A
7-day or 24-hour token is refreshed in its last hour; a 2-hour token in its last 12
minutes. This avoids both refreshing on every call (the 2025 bug of clients that refreshed
"2 days before expiry") and using a token that expires mid-command.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

REFRESH_WINDOW_MAX = 3600.0  # seconds
REFRESH_WINDOW_FRACTION = 0.10


class Token(BaseModel):
    """An access/refresh token pair as returned by POST /oauth/token (repr hides secrets)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    access_token: str = Field(repr=False, min_length=1)
    refresh_token: str | None = Field(default=None, repr=False)
    token_type: str = "bearer"
    expires_in: int
    scope: str = "public"
    created_at: int  # Unix epoch seconds (server time)
    # traktkit metadata, not from Trakt: fingerprint of the TRAKT_ACCESS_TOKEN /
    # TRAKT_REFRESH_TOKEN pair this token descends from (None for a pair from a login), so
    # that a refreshed environment token is found again by later runs and other processes.
    env_origin: str | None = Field(default=None, repr=False)

    @property
    def expires_at(self) -> int:
        """Unix epoch seconds at which the access token stops working."""
        return self.created_at + self.expires_in

    def remaining(self, now: float) -> float:
        """Seconds of validity left at ``now`` (epoch seconds); negative when expired."""
        return self.expires_at - now

    def refresh_window(self) -> float:
        """How long before expiry a refresh is due: min(1 hour, 10% of the lifetime)."""
        return min(REFRESH_WINDOW_MAX, REFRESH_WINDOW_FRACTION * max(0, self.expires_in))

    def should_refresh(self, now: float) -> bool:
        return self.remaining(now) < self.refresh_window()

    def expired(self, now: float) -> bool:
        return now >= self.expires_at
