"""skills/trakt/SKILL.md: AgentSkills/OpenClaw frontmatter, no secrets, every example of
the old curl skill covered, and every command it shows runs against the sandbox."""

from __future__ import annotations

import functools
import json
import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import Sandbox
from traktkit.cli import context
from traktkit.client import Trakt

SKILL = Path(__file__).resolve().parents[2] / "skills" / "trakt" / "SKILL.md"


def frontmatter() -> dict[str, str]:
    text = SKILL.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    block = text.split("---\n", 2)[1]
    return dict(line.split(": ", 1) for line in block.strip().splitlines())


def commands() -> list[list[str]]:
    """The arguments of every `trakt ...` line of the bash blocks (comments dropped)."""
    text = SKILL.read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            if line.startswith("trakt "):
                found.append(shlex.split(line, comments=True)[1:])
    return found


def test_frontmatter() -> None:
    meta = frontmatter()
    assert set(meta) == {"name", "description", "metadata"}
    assert meta["name"] == SKILL.parent.name == "trakt"
    assert 0 < len(meta["description"]) <= 1024 and ": " not in meta["description"]
    openclaw = json.loads(meta["metadata"])["openclaw"]
    assert openclaw["requires"] == {"bins": ["trakt"]}  # optional variables are not required
    (install,) = openclaw["install"]
    assert install["kind"] == "uv" and install["package"].startswith("traktkit")
    assert install["bins"] == ["trakt"]


def test_no_secrets_and_every_exit_code() -> None:
    text = SKILL.read_text(encoding="utf-8")
    assert "sandbox-client-secret" not in text and "Bearer" not in text
    assert not re.search(r"TRAKT_[A-Z_]+=\S", text)  # no variable is given a value
    assert "curl -" not in text
    for code in range(5):
        assert re.search(rf"^\| {code} \|", text, flags=re.M), f"exit code {code}"
    assert "AmbiguousItem" in text and "candidates" in text
    assert "trakt mcp" in text


def test_covers_every_example_of_the_old_skill() -> None:
    shown = commands()
    wanted = {
        "watchlist add",
        "watchlist list",
        "watchlist remove",
        "search",
        "history list",
        "history add",
        "collection list",
        "collection add",
        "ratings add",
        "ratings list",
        "rate",
        "recommendations movies",
        "trending movies",
        "popular movies",
        "login",
    }
    text = SKILL.read_text(encoding="utf-8")
    for command in wanted:
        assert f"trakt {command}" in text, command
    assert all("--json" in args for args in shown)
    assert ["watchlist", "add", "Dune (2021)", "--json"] in shown
    assert any(args[:3] == ["rate", "Breaking Bad", "10"] for args in shown)
    assert any(args[:3] == ["history", "add", "The Matrix (1999)"] for args in shown)


def test_every_command_runs(logged_in: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        context, "Trakt", functools.partial(Trakt, http_options={"write_interval": 0.1})
    )
    ran = 0
    for args in commands():
        if args[0] == "login" or any("<" in a for a in args):
            continue  # the sign-in needs the user; placeholders are filled in by the assistant
        result = logged_in.cli(*args)
        expected = {3} if args[:3] == ["watchlist", "add", "Dune"] else {0}
        assert result.exit_code in expected, f"trakt {shlex.join(args)}: {result.stderr}"
        json.loads(result.stdout)  # stdout is JSON only
        ran += 1
    assert ran >= 15
