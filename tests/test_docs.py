"""Every command and every option is documented: it has help text, and the README names it
(in the manner of sqlite-utils' test_docs)."""

from __future__ import annotations

from typing import Any

import pytest
import typer.main
from typer.core import TyperGroup, TyperOption

from chuangye_cli.cli import app

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
_GROUP = typer.main.get_command(app)
assert isinstance(_GROUP, TyperGroup)
GROUP: TyperGroup = _GROUP
COMMANDS = sorted(GROUP.commands)


def _options(command: Any) -> list[str]:
    return sorted(
        max(p.opts, key=len)
        for p in command.params
        if isinstance(p, TyperOption) and "--help" not in p.opts
    )


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name: str) -> None:
    assert f"chuangye {name}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    assert (GROUP.commands[name].help or "").strip()


@pytest.mark.parametrize(
    ("name", "option"),
    [(name, option) for name in COMMANDS for option in _options(GROUP.commands[name])]
    + [("", option) for option in _options(GROUP)],
)
def test_option_is_in_the_readme_and_has_help(name: str, option: str) -> None:
    command = GROUP.commands[name] if name else GROUP
    param = next(p for p in command.params if option in p.opts)
    assert isinstance(param, TyperOption) and (param.help or "").strip(), option
    assert f"`{option}" in README, f"{name} {option} is not in the README"
