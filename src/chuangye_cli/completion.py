"""Shell completion: the scripts for bash, zsh, fish and PowerShell (Typer's protocol, under
``_CHUANGYE_COMPLETE``), and the county and indicator names of the plan in use.

The name completers read the plan named by the options already typed (``--data``,
``--targets``, ``--tasks``; else ``./data`` or the shipped plan) and offer its Chinese names (or,
for what starts like an id, the ids and division codes), each with what it stands for.
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chuangye_cli.clihelp import COMPLETE_VAR, PROG

if TYPE_CHECKING:
    from chuangye_cli.plan import Plan


class Shell(StrEnum):
    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"
    POWERSHELL = "powershell"


def script(shell: Shell) -> str:
    """The completion script of ``shell`` for ``chuangye``."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell.value)


def _path(value: Any) -> Path | None:
    return Path(value) if isinstance(value, str | Path) and str(value) else None


def _plan(ctx: Any) -> "Plan | None":
    """The plan the command line names so far, or None when it cannot be read."""
    from chuangye_cli.diagnostics import UsageError
    from chuangye_cli.inputs import resolve_inputs
    from chuangye_cli.plan import load_plan

    params = getattr(ctx, "params", None) or {}
    try:
        inputs = resolve_inputs(
            _path(params.get("data")), _path(params.get("targets")), _path(params.get("tasks"))
        )
    except (UsageError, OSError):
        return None
    plan, _ = load_plan(inputs.targets, inputs.tasks)
    return plan


def _matches(incomplete: str, named: list[tuple[str, str, list[str]]]) -> list[tuple[str, str]]:
    """(value, help) for each thing (name, id, other spellings) whose name, alias, id or code
    starts with what was typed; ids only when what was typed looks like one."""
    typed = incomplete.strip()
    found: list[tuple[str, str]] = []
    for name, ident, others in named:
        if name.startswith(typed):
            found.append((name, ident))
        for other in others:
            if typed and other.startswith(typed) and other != name:
                found.append((other, name))
        if typed and typed.isascii() and ident.startswith(typed):
            found.append((ident, name))
    return list(dict.fromkeys(found))


def counties(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Completions of ``--county``: names, aliases, ids and division codes."""
    plan = _plan(ctx)
    if plan is None:
        return []
    return _matches(
        incomplete,
        [(c.name, c.id, [*c.aliases, *([c.code] if c.code else [])]) for c in plan.counties],
    )


def indicators(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Completions of ``--indicator``: names, aliases and ids."""
    plan = _plan(ctx)
    if plan is None:
        return []
    return _matches(incomplete, [(i.name, i.id, list(i.aliases)) for i in plan.indicators])
