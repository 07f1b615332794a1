"""User endpoints: settings (who am I, account limits) and profiles."""

from __future__ import annotations

from traktkit.http.client import AuthMode, HttpClient
from traktkit.models import User, UserSettings


class UsersApi:
    def __init__(self, http: HttpClient) -> None:
        self._http = http

    def settings(self) -> UserSettings:
        """`GET /users/settings`: the logged-in user, account settings and limits."""
        return UserSettings.model_validate(self._http.get("/users/settings", auth="required").data)

    def profile(self, user: str = "me", *, full: bool = True) -> User:
        """`GET /users/{id}`; `me` is the logged-in user."""
        params = {"extended": "full"} if full else None
        auth: AuthMode = "required" if user == "me" else "optional"
        return User.model_validate(self._http.get(f"/users/{user}", params=params, auth=auth).data)
