"""Two real processes refreshing the same login at once both end with a working token.

A tiny loopback OAuth server (stdlib http.server, single-use refresh tokens, a slow
/oauth/token so that the refreshes overlap) and two `python -c` children that share one
TRAKTKIT_HOME, i.e. one token file and one lock file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from traktkit.auth import FileTokenStore, Token, token_owner
from traktkit.config import Settings


class OAuthState:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.access: set[str] = set()
        self.refresh: set[str] = set()
        self.refresh_calls = 0
        self.rejected = 0
        self.counter = 0

    def issue(self) -> dict[str, Any]:
        with self.lock:
            self.counter += 1
            n = self.counter
        body = {
            "access_token": f"mp-access-{n}",
            "refresh_token": f"mp-refresh-{n}",
            "token_type": "bearer",
            "expires_in": 604800,
            "scope": "public",
            "created_at": int(time.time()),
        }
        self.access.add(body["access_token"])
        self.refresh.add(body["refresh_token"])
        return body


def make_handler(state: OAuthState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def reply(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path == "/oauth/token" and body.get("grant_type") == "refresh_token":
                time.sleep(0.3)  # keep the first refresh in flight while the other waits
                with state.lock:
                    state.refresh_calls += 1
                    ok = body["refresh_token"] in state.refresh
                    state.refresh.discard(body["refresh_token"])
                    if not ok:
                        state.rejected += 1
                if not ok:
                    self.reply(400, {"error": "invalid_grant", "error_description": "used"})
                    return
                self.reply(200, state.issue())
                return
            self.reply(404, {"error": "not_found"})

        def do_GET(self) -> None:
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if self.path == "/users/settings" and token in state.access:
                self.reply(200, {"user": {"username": "demo"}})
                return
            self.reply(401, {"error": "invalid_token"})

    return Handler


@pytest.fixture
def oauth_server() -> Iterator[tuple[str, OAuthState]]:
    state = OAuthState()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()


CHILD = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from traktkit.auth import AuthSession
    from traktkit.config import Settings
    from traktkit.http import HttpClient, HttpConfig

    go = Path(sys.argv[1])
    settings = Settings.from_env()
    http = HttpClient(HttpConfig.from_settings(settings, timeout=10))
    session = AuthSession.create(settings, http)
    while not go.exists():
        time.sleep(0.01)
    data = http.get("/users/settings", auth="required").data
    token = session.current_token()
    print(json.dumps({"data": data, "token": token.access_token if token else None}))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX test harness")
def test_two_processes_refresh_concurrently(
    tmp_path: Path, oauth_server: tuple[str, OAuthState]
) -> None:
    url, state = oauth_server
    home = tmp_path / "home"
    env = {
        **os.environ,
        "TRAKT_CLIENT_ID": "cid",
        "TRAKT_CLIENT_SECRET": "secret",
        "TRAKT_API_URL": url,
        "TRAKTKIT_HOME": str(home),
        "TRAKTKIT_TOKEN_STORE": "file",
    }
    for name in ("TRAKT_ACCESS_TOKEN", "TRAKT_REFRESH_TOKEN", "TRAKT_AUTH_URL"):
        env.pop(name, None)
    settings = Settings.from_env(env)
    store = FileTokenStore(settings.token_path, owner=token_owner(settings))
    first = state.issue()
    first["created_at"] -= first["expires_in"] - 600  # 10 minutes left: refresh is due
    store.save(Token.model_validate(first))

    go = tmp_path / "go"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(go)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        time.sleep(0.5)  # let both start up and load the old token
        go.touch()
        outputs = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    for child, (_out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
    results = [json.loads(out) for out, _ in outputs]
    assert all(r["data"] == {"user": {"username": "demo"}} for r in results)
    assert state.refresh_calls == 1
    assert state.rejected == 0
    final = store.load()
    assert final is not None
    assert {r["token"] for r in results} == {final.access_token}
    assert final.access_token in state.access
