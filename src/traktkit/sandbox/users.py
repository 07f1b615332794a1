"""Users: identity, settings, account limits (2026 table) and their library."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields, replace
from typing import Any

from traktkit.sandbox.library import LastActivities, Library
from traktkit.sandbox.timeutil import iso


@dataclass(frozen=True)
class AccountLimits:
    """REFERENCE §6.3, "Updating Trakt limits for 2026"."""

    list_count: int
    list_item_count: int
    list_total_items: int
    watchlist: int
    favorites: int
    collection: int
    ratings: int
    history: int

    @classmethod
    def for_vip(cls, vip: bool) -> AccountLimits:
        if vip:
            return cls(100, 5000, 100_000, 5000, 50, 100_000, 20_000, 100_000)
        return cls(5, 250, 1000, 250, 50, 1000, 10_000, 100_000)

    def with_overrides(self, overrides: dict[str, int]) -> AccountLimits:
        return replace(self, **overrides) if overrides else self

    def settings_json(self) -> dict[str, Any]:
        return {
            "list": {"count": self.list_count, "item_count": self.list_item_count},
            "watchlist": {"item_count": self.watchlist},
            "favorites": {"item_count": self.favorites},
        }


LIMIT_NAMES: tuple[str, ...] = tuple(f.name for f in fields(AccountLimits))


def slugify_username(username: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in username.lower())
    return "-".join(p for p in out.split("-") if p) or "user"


@dataclass
class UserState:
    username: str
    trakt_id: int
    joined_at: float
    name: str = ""
    vip: bool = False
    vip_ep: bool = False
    vip_og: bool = False
    vip_years: int = 0
    private: bool = False
    locked: bool = False
    location: str = "Albuquerque, NM"
    about: str = "A sandbox user."
    gender: str | None = None
    age: int | None = None
    uuid: str = ""
    account: dict[str, Any] = field(
        default_factory=lambda: {
            "timezone": "America/Los_Angeles",
            "date_format": "mdy",
            "time_24hr": False,
            "cover_image": None,
        }
    )
    connections: dict[str, bool] = field(
        default_factory=lambda: dict.fromkeys(
            (
                "facebook",
                "twitter",
                "mastodon",
                "google",
                "tumblr",
                "medium",
                "slack",
                "apple",
                "dropbox",
                "microsoft",
            ),
            False,
        )
    )
    sharing_text: dict[str, str] = field(
        default_factory=lambda: {
            "watching": "I'm watching [item]",
            "watched": "I just watched [item]",
            "rated": "[item] [stars]",
        }
    )
    permissions: dict[str, bool] = field(
        default_factory=lambda: {"commenting": True, "liking": True, "following": True}
    )
    library: Library = field(default_factory=Library)
    activities: LastActivities | None = None
    limit_overrides: dict[str, int] = field(default_factory=dict)  # POST /_sandbox/users
    watchlist_sort: tuple[str, str] = ("rank", "asc")  # the user's preferred sort (X-Sort-*)

    def __post_init__(self) -> None:
        if not self.uuid:
            self.uuid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"sandbox-user:{self.username}"))
        if not self.name:
            self.name = self.username.replace("_", " ").replace("-", " ").title()
        if self.activities is None:
            self.activities = LastActivities.starting_at(self.joined_at)

    @property
    def slug(self) -> str:
        return slugify_username(self.username)

    @property
    def limits(self) -> AccountLimits:
        """The 2026 limits of the user's tier, with the control route's overrides."""
        return AccountLimits.for_vip(self.vip).with_overrides(self.limit_overrides)

    @property
    def last_activities(self) -> LastActivities:
        assert self.activities is not None
        return self.activities

    def bump(self, section: str, name: str, ts: float) -> None:
        """Move one last_activities timestamp (and `all`)."""
        self.last_activities.bump(section, name, ts)

    def to_json(self, *, full: bool = False, vip_fields: bool = False) -> dict[str, Any]:
        """The user object (§7.1), with `extended=full` / `extended=vip` additions."""
        out: dict[str, Any] = {
            "username": self.username,
            "private": self.private,
            "deleted": False,
            "name": self.name,
            "vip": self.vip,
            "vip_ep": self.vip_ep,
            "director": False,
            "ids": {"slug": self.slug, "trakt": self.trakt_id},
        }
        if full:
            out.update(
                {
                    "joined_at": iso(self.joined_at),
                    "location": self.location,
                    "about": self.about,
                    "gender": self.gender,
                    "age": self.age,
                    "images": {"avatar": {"full": _avatar(self.slug)}},
                }
            )
        if vip_fields:
            out.update(
                {"vip_og": self.vip_og, "vip_years": self.vip_years, "vip_cover_image": None}
            )
        return out

    def settings_json(self) -> dict[str, Any]:
        """GET /users/settings, full 2026 shape (REFERENCE §12.4)."""
        user = self.to_json(full=True, vip_fields=True)
        user.pop("vip_cover_image", None)
        user["ids"] = {"slug": self.slug, "uuid": self.uuid, "trakt": self.trakt_id}
        return {
            "user": user,
            "account": dict(self.account),
            "connections": dict(self.connections),
            "sharing_text": dict(self.sharing_text),
            "limits": self.limits.settings_json(),
            "permissions": dict(self.permissions),
        }


def _avatar(slug: str) -> str:
    return f"https://secure.gravatar.com/avatar/{slug}?d=identicon&s=256"
