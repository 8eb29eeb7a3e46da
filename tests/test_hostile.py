"""Inputs and outputs that cannot hurt, through the commands: a FIFO or a symlink to /dev/zero
given as actuals is refused at once (never read); --output over an input is a usage error and
the input is unchanged; --output /dev/null leaves the device; a plan with an empty key, a
5,000-digit number or an impossible date is a located error. And the engine never imports the
reader."""

from __future__ import annotations

import ast
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuangye_cli.cli import app

from .conftest import REPO, TARGETS_YAML, make_data

runner = CliRunner()


def run(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chuangye_cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=REPO,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_a_fifo_given_as_actuals_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "actuals.csv"
    os.mkfifo(fifo)
    start = time.perf_counter()
    result = run("validate", "--actuals", str(fifo), "--format", "json", timeout=20)
    assert time.perf_counter() - start < 5
    assert result.returncode == 1
    assert '"actuals.not-regular"' in result.stdout


def test_a_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "figures.csv"
    link.symlink_to("/dev/zero")
    result = run("progress", "--actuals", str(link), timeout=20)
    assert result.returncode == 1
    assert "actuals.not-regular" in result.stderr


@pytest.mark.parametrize("which", ["targets", "actuals"])
def test_output_equal_to_an_input_is_a_usage_error(tmp_path: Path, which: str) -> None:
    data = make_data(tmp_path / "data", [("2019-03", "east", "firms", "1", "", "", "")])
    victim = data / ("targets.yaml" if which == "targets" else "actuals.csv")
    before = victim.read_bytes()
    link = tmp_path / "link"
    os.link(victim, link)  # a hard link to it, under another name
    for target in (victim, link):
        result = runner.invoke(app, ["progress", "--data", str(data), "-o", str(target)])
        assert result.exit_code == 2, result.output
        assert victim.read_bytes() == before


def test_output_to_dev_null_leaves_the_device() -> None:
    result = run("progress", "--format", "csv", "-o", "/dev/null")
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ("    reporting_unit: 万元", "    reporting_unit:"),
        ("  start: 2019-01", "  start: 2019-02-30"),
        ("    target: 100", "    target: " + "9" * 5000),
    ],
)
def test_plans_that_crashed_are_located_errors(tmp_path: Path, change: str, code: str) -> None:
    targets = TARGETS_YAML.replace(change, code, 1)
    assert targets != TARGETS_YAML
    data = make_data(tmp_path, [], targets=targets)
    result = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert '"line": ' in result.stdout and "internal error" not in result.output


def test_the_engine_imports_no_reader() -> None:
    engine = ("progress.py", "trend.py", "alerts.py", "bulletin.py", "returns.py", "domain.py")
    for name in engine:
        tree = ast.parse((REPO / "src" / "chuangye_cli" / name).read_text(encoding="utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        } | {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        assert not any(m.startswith("chuangye_cli.reading") for m in imported), name
        assert not any(
            m.startswith(("chuangye_cli.writers", "chuangye_cli.views")) for m in imported
        )
