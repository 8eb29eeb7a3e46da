"""The README's console examples are real: each shown command, run from the repository root,
prints exactly the output shown (trailing spaces aside)."""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from chuangye_cli.cli import app

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```console\n\$ (chuangye [^\n]*)\n(.*?)```", re.S)
EXAMPLES = BLOCK.findall(README)
runner = CliRunner()


def test_readme_has_console_examples() -> None:
    assert len(EXAMPLES) >= 5


def _strip(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example_output(command: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    command, _, pipe = command.partition(" | ")
    result = runner.invoke(app, shlex.split(command)[1:])
    assert result.exit_code in (0, 1), result.output
    lines = _strip(result.stdout)
    if pipe:
        head = re.fullmatch(r"head -(\d+)", pipe.strip())
        assert head, f"unsupported pipe in README: {pipe}"
        lines = lines[: int(head.group(1))]
    assert lines == _strip(shown)
