"""Click groups for the `trakt` command line, tuned for start-up time.

`Group` is typer's group with one change: its `--help` flag defaults to False instead of
None. typer (0.2x) coerces every parameter value that is not already a bool through a
pydantic TypeAdapter, built on first use; the None of an absent `--help` on the groups a
command line passes through (`trakt`, `trakt watchlist`) made every subcommand, even
`trakt search --help`, import pydantic and build an adapter (~80 ms). The flag behaves
exactly as before: absent means "do not show help".

`LazyGroup` (the root `trakt` group) imports a command module only when one of its
commands is looked up, and lists the others from a static table (`main.COMMANDS`).
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from functools import cache
from gettext import gettext as _
from typing import TYPE_CHECKING, Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer import _click as click
    from typer.core import TyperOption

# The settings of the root `trakt` app; command modules are registered on a throw-away
# app with the same settings, so their commands are built exactly as they were when
# every module was registered on the root app.
APP_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}


class Group(TyperGroup):
    """A typer group whose absent `--help` is False, not None (see the module doc)."""

    def get_help_option(self, ctx: click.Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        if option is not None and option.default is None:
            option.default = False
        return option


@cache
def module_commands(module: str) -> typer.Typer:
    """The commands of one `traktkit.cli` module, registered on an app of their own."""
    register: Callable[[typer.Typer], None] = importlib.import_module(module).register
    app = typer.Typer(**APP_SETTINGS)
    register(app)
    return app


class LazyCommands(MutableMapping[str, "click.Command"]):
    """The root group's commands: every name is known up front (for listing, ordering and
    "did you mean" suggestions); a command is built when it is first looked up."""

    def __init__(
        self, table: Mapping[str, tuple[str, str]], built: Mapping[str, click.Command]
    ) -> None:
        self._table = table
        self._names = list(table)
        self._built: dict[str, click.Command] = {}
        for name, command in built.items():
            self[name] = command

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._built and name in self._names and name in self._table:
            # a command listed in the table: import its module and build its commands
            self._load(self._table[name][0])
        return self._built[name]

    def _load(self, module: str) -> None:
        for name, command in typer.main.get_group(module_commands(module)).commands.items():
            self._built.setdefault(name, command)

    def __setitem__(self, name: str, command: click.Command) -> None:
        if name not in self._names:
            self._names.append(name)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self._names:
            raise KeyError(name)
        self._names.remove(name)
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._names))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def loaded(self, name: str) -> click.Command | None:
        """The command if it was built already (nothing is imported)."""
        return self._built.get(name)


class LazyGroup(Group):
    """The root group: imports the module of a command only when that command runs (or
    its help is asked for); `trakt --help` lists every command from `table`."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """With `--json`, a usage error (missing argument, unknown option...) is also a
        JSON object on stdout, like every other error, and one line on stderr."""
        argv = list(sys.argv[1:] if args is None else args)
        if "--json" not in argv or not standalone_mode:
            return super().main(argv, prog_name, complete_var, standalone_mode, **extra)
        from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

        try:
            code = super().main(argv, prog_name, complete_var, False, **extra)
        except NoArgsIsHelpError as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except UsageError as exc:
            message = " ".join(exc.format_message().split())
            where = exc.ctx.command_path if exc.ctx is not None else "trakt"
            error = {"error": message, "exit_code": 2, "kind": "UsageError"}
            sys.stdout.write(json.dumps({**error, "help": f"{where} --help"}) + "\n")
            sys.stderr.write(f"error: {message} (see `{where} --help`)\n")
            sys.exit(2)
        except ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except typer.Abort:
            sys.stderr.write("Aborted!\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    table: Mapping[str, tuple[str, str]] = {}  # name -> (module, first paragraph of help)

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.table, self.commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def _listed(self, name: str) -> click.Command | None:
        commands = self.commands
        if isinstance(commands, LazyCommands):
            command = commands.loaded(name)
            if command is None and name in self.table:
                return TyperCommand(name=name, help=self.table[name][1])
            return command
        return commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """typer's command list, without importing the modules of the commands listed."""
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self._listed(name)) is not None and not command.hidden
        ]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _command in commands)
        rows = [(name, command.get_short_help_str(limit)) for name, command in commands]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)
