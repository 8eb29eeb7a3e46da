"""Version, help text, and the module entry point."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

import chuangye_cli
from chuangye_cli.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"chuangye {chuangye_cli.__version__}\n"
    assert result.stderr == ""


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(flag: str) -> None:
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0
    for text in ("用法", "progress", "validate", "--version"):
        assert text in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("flag", ["--help", "-h"])
@pytest.mark.parametrize(
    ("command", "options"),
    [
        (
            "progress",
            [
                "--data", "--targets", "--tasks", "--actuals", "--sheet", "--as-of", "--by",
                "--county", "--indicator", "--format", "--output",
            ],
        ),
        ("validate", ["--data", "--targets", "--tasks", "--actuals", "--sheet", "--format"]),
    ],
)  # fmt: skip
def test_command_help(flag: str, command: str, options: list[str]) -> None:
    result = runner.invoke(app, [command, flag])
    assert result.exit_code == 0
    for option in options:
        assert option in result.stdout, option


def test_unknown_command_is_a_usage_error() -> None:
    result = runner.invoke(app, ["forecast"])
    assert result.exit_code == 2
    assert result.stdout == ""


def test_python_m_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "chuangye_cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"chuangye {chuangye_cli.__version__}\n"
