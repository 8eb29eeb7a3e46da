"""Shell completion: ``chuangye completion SHELL`` prints the script; the completion protocol
offers commands, options, choices, and the county and indicator names of the plan in use."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuangye_cli.cli import app

from .conftest import make_data

runner = CliRunner()


@pytest.mark.parametrize(
    ("shell", "expected"),
    [
        ("bash", "complete -o default -F _chuangye_completion chuangye"),
        ("zsh", "compdef _chuangye_completion chuangye"),
        ("fish", "complete --command chuangye --no-files"),
        ("powershell", "Register-ArgumentCompleter -Native -CommandName chuangye"),
    ],
)
def test_scripts(shell: str, expected: str) -> None:
    result = runner.invoke(app, ["completion", shell])
    assert result.exit_code == 0
    assert expected in result.stdout
    assert "_CHUANGYE_COMPLETE=complete_" in result.stdout or "_CHUANGYE_COMPLETE" in result.stdout


def test_unknown_shell() -> None:
    result = runner.invoke(app, ["completion", "tcsh"])
    assert result.exit_code == 2
    assert "可选：bash、zsh、fish、powershell" in result.stderr


def bash(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash would be offered for the last of ``words`` (the protocol of the bash script)."""
    parts = words.split(" ")
    result = runner.invoke(
        app,
        [],
        env={"_CHUANGYE_COMPLETE": "complete_bash", "COMP_WORDS": words,
             "COMP_CWORD": str(len(parts) - 1), **(env or {})},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_commands_and_options() -> None:
    assert bash("chuangye pr") == ["progress"]
    assert set(bash("chuangye ")) >= {"progress", "trend", "warnings", "validate", "plan"}
    assert bash("chuangye progress --cou") == ["--county"]


def test_choices() -> None:
    assert bash("chuangye progress --by c") == ["county"]
    assert bash("chuangye progress --format x") == ["xlsx"]
    assert bash("chuangye completion p") == ["powershell"]


def test_county_names_of_the_shipped_plan() -> None:
    assert bash("chuangye progress --county 金") == ["金安区", "金寨县"]
    assert bash("chuangye trend --county jin") == ["jinan", "jinzhai"]
    assert bash("chuangye progress --county 3415") == [
        "341502", "341503", "341504", "341522", "341523", "341524", "341525"
    ]  # fmt: skip
    assert bash("chuangye progress --county 六安经") == ["六安经济技术开发区", "六安经开区"]


def test_indicator_names_of_the_shipped_plan() -> None:
    # 新增注册企业数 is an alias of 新增注册企业 in targets.yaml
    assert bash("chuangye progress --indicator 新增") == ["新增注册企业", "新增注册企业数",
                                                        "新增标准化厂房", "新增小微创业企业"]  # fmt: skip
    assert bash("chuangye trend --indicator guar") == ["guarantee_loans"]


def test_names_of_the_plan_given_with_data(tmp_path: Path) -> None:
    data = make_data(tmp_path / "d", ())
    assert bash(f"chuangye progress --data {data} --county 东") == ["东区", "东城"]
    assert bash(f"chuangye progress --data {data} --indicator ") == ["新增企业", "发放贷款",
                                                                    "众创空间"]  # fmt: skip


def test_a_plan_that_cannot_be_read_offers_nothing(tmp_path: Path) -> None:
    assert bash(f"chuangye progress --data {tmp_path / 'none'} --county 金") == []


def test_zsh_fish_and_powershell_get_names_with_what_they_stand_for() -> None:
    zsh = runner.invoke(
        app, [], env={"_CHUANGYE_COMPLETE": "complete_zsh",
                      "_TYPER_COMPLETE_ARGS": "chuangye progress --county 金寨"},
    )  # fmt: skip
    assert '"金寨县":"jinzhai"' in zsh.stdout
    fish = runner.invoke(
        app, [], env={"_CHUANGYE_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION":
                      "get-args", "_TYPER_COMPLETE_ARGS": "chuangye progress --indicator 带动"},
    )  # fmt: skip
    assert "带动就业\tjobs" in fish.stdout
    powershell = runner.invoke(
        app, [], env={"_CHUANGYE_COMPLETE": "complete_powershell",
                      "_TYPER_COMPLETE_ARGS": "chuangye trend --county 霍",
                      "_TYPER_COMPLETE_WORD_TO_COMPLETE": "霍"},
    )  # fmt: skip
    assert powershell.stdout.split() == ["霍邱县:::huoqiu", "霍山县:::huoshan"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_bash_script_in_bash(tmp_path: Path) -> None:
    """The script sourced in a real bash, its function called as bash calls it on Tab."""
    command = (
        "source <(chuangye completion bash); "
        "COMP_WORDS=(chuangye progress --county 金); COMP_CWORD=3; "
        '_chuangye_completion chuangye; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    done = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
        cwd=tmp_path,
        check=False,
        timeout=60,
    )
    assert done.stdout.split() == ["金安区", "金寨县"], done.stderr
