"""The lazy root group lists commands from a static table: it must match the modules."""

from __future__ import annotations

import subprocess
import sys

from traktkit.cli.main import COMMANDS, lazy_table_mismatches


def test_static_command_table_matches_the_command_modules() -> None:
    assert lazy_table_mismatches() == []


def test_help_lists_every_command_without_importing_the_library() -> None:
    code = (
        "import sys; from traktkit.cli.main import main; sys.argv=['trakt','--help'];\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('httpx2', 'pydantic', 'traktkit.api', 'traktkit.mirror', 'mcp')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    for name in COMMANDS:
        assert name in done.stdout
    assert "HEAVY []" in done.stdout
