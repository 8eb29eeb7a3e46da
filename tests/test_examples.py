"""The pre-commit hook and the CI examples for a data repository: each ``chuangye`` command they
run works on a repository of plan files and returns, passes on good data and fails on bad."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from chuangye_cli.cli import app

from .conftest import REPO, SHIPPED_DATA

runner = CliRunner()
EXAMPLES = REPO / "examples"


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _commands(lines: list[str]) -> list[list[str]]:
    """The chuangye command lines among shell lines, without redirections or `|| true`."""
    found = []
    for line in lines:
        line = re.split(r"\s(?:>>?|\|\|)\s", line)[0]
        words = shlex.split(line)
        if words and words[0] == "chuangye":
            found.append(words[1:])
    return found


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data repository: data/ with the plan files and returns; the working folder."""
    shutil.copytree(SHIPPED_DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _spoil(repository: Path) -> None:
    shutil.copy(EXAMPLES / "bad-actuals.csv", repository / "data" / "actuals" / "bad.csv")


def _github_steps() -> list[str]:
    workflow = _load(EXAMPLES / "github-actions.yml")
    return [step["run"] for step in workflow["jobs"]["validate"]["steps"] if "run" in step]


def _gitlab_script() -> list[str]:
    return list(_load(EXAMPLES / "gitlab-ci.yml")["chuangye"]["script"])


def test_github_workflow_annotates_with_validate() -> None:
    commands = _commands(_github_steps())
    assert ["validate", "--data", "data", "--format", "github"] in commands


@pytest.mark.parametrize("lines", [_github_steps(), _gitlab_script()], ids=["github", "gitlab"])
def test_every_command_of_the_ci_examples_runs(lines: list[str], repository: Path) -> None:
    commands = _commands(lines)
    assert commands
    for args in commands:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    _spoil(repository)
    failed = [args for args in commands if args[0] == "validate" and "--quiet" not in args]
    for args in failed:
        result = runner.invoke(app, args)
        assert result.exit_code == 1, args
    annotations = runner.invoke(app, ["validate", "--data", "data", "--format", "github"])
    assert annotations.stdout.startswith("::error file=data/actuals/bad.csv,line=3,col=2,")


def test_pre_commit_hook_runs_validate() -> None:
    (hook,) = _load(REPO / ".pre-commit-hooks.yaml")
    assert hook["id"] == "chuangye-validate"
    assert hook["entry"] == "chuangye validate"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "data/actuals/金安区 2020-06.xlsx")
    assert re.search(hook["files"], "data/targets.yaml")
    assert not re.search(hook["files"], "README.md")


def test_pre_commit_example_uses_the_hook_with_its_data_folder(repository: Path) -> None:
    """What `pre-commit run` does with the example's configuration: the hook's entry with the
    configured args (pre-commit's documented way of running a hook)."""
    (hook,) = _load(REPO / ".pre-commit-hooks.yaml")
    (configured,) = _load(EXAMPLES / "pre-commit-config.yaml")["repos"][0]["hooks"]
    assert configured["id"] == hook["id"]
    args = [*shlex.split(hook["entry"])[1:], *configured["args"]]
    assert runner.invoke(app, args).exit_code == 0
    _spoil(repository)
    assert runner.invoke(app, args).exit_code == 1


@pytest.mark.skipif(
    not (
        os.environ.get("CHUANGYE_SLOW_TESTS") and shutil.which("pre-commit") and shutil.which("git")
    ),
    reason="needs pre-commit, git and a package index; set CHUANGYE_SLOW_TESTS=1",
)
def test_pre_commit_try_repo(repository: Path) -> None:  # pragma: no cover - slow, networked
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "data"], check=True)
    try_repo = ["pre-commit", "try-repo", str(REPO), "chuangye-validate", "--all-files"]
    assert subprocess.run(try_repo, capture_output=True, check=False).returncode == 0
    _spoil(repository)
    subprocess.run([*git, "add", "-A"], check=True)
    assert subprocess.run(try_repo, capture_output=True, check=False).returncode == 1
