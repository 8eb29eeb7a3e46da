"""Text is text: names, notes, titles and messages that look like Rich markup reach the terminal
exactly as typed, through every view (progress by every view, trend, warnings, validate)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuangye_cli.cli import app

from .conftest import ENGINE_ROWS, TARGETS_YAML, TASKS_YAML, make_data

runner = CliRunner()
COUNTY = "东区[red]x[/]"
INDICATOR = "新增[link=x]企业"
LOANS = "发放贷款\\[b]"
UNIT = "甲局[/]"
TITLE = "[bold]任务一[/bold]"
PLAN = "测试[red]计划[/]"
NOTE = "[red]备注[/] \\[x]"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    targets = (
        TARGETS_YAML.replace("name: 东区", f"name: '{COUNTY}'")
        .replace("name: 新增企业", f"name: '{INDICATOR}'")
        .replace("name: 发放贷款", f"name: '{LOANS}'")
        .replace("short_title: 测试计划", f"short_title: '{PLAN}'")
    )
    tasks = (
        TASKS_YAML.replace("- name: 甲局", f"- name: '{UNIT}'")
        .replace("lead_text: 甲局\n", f"lead_text: '{UNIT}'\n")
        .replace("lead_text: 甲局、乙局按分工负责", f"lead_text: '{UNIT}、乙局按分工负责'")
        .replace("[甲局", f"['{UNIT}'")
        .replace("title: 任务一", f"title: '{TITLE}'")
    )
    rows = [*ENGINE_ROWS[:-1], ("2020-06", "west", "spaces", "5", "", "", NOTE)]
    rows = [r if r[1] != "east" or r[2] != "firms" else (*r[:6], NOTE) for r in rows]
    return make_data(tmp_path / "数据[red]", rows, targets=targets, tasks=tasks)


@pytest.mark.parametrize(
    ("args", "texts"),
    [
        (["progress"], [PLAN, INDICATOR, LOANS]),
        (["progress", "--by", "county"], [PLAN, COUNTY, INDICATOR, LOANS, NOTE]),
        (["progress", "--by", "unit"], [UNIT, INDICATOR, LOANS]),
        (["progress", "--by", "task"], [TITLE, UNIT, LOANS]),
        (["trend"], [PLAN, INDICATOR, LOANS]),
        (["trend", "--indicator", "firms", "--county", "east"], [INDICATOR, COUNTY]),
        (["warnings"], [PLAN, COUNTY, INDICATOR]),
        (["plan"], [PLAN, COUNTY, INDICATOR, LOANS, UNIT, TITLE]),
    ],
)
def test_every_view_shows_brackets_as_typed(data: Path, args: list[str], texts: list[str]) -> None:
    for width in ("200", "60"):  # as a table, and as a narrow table or blocks
        month = [] if args[0] == "plan" else ["--as-of", "2020-06"]
        shown = runner.invoke(app, [*args, "--data", str(data), *month], env={"COLUMNS": width})
        assert shown.exit_code == 0, shown.output
        for text in texts:  # whole, or (a name in a narrow table) abbreviated: never eaten
            cut = any(text[:k] + "…" in shown.stdout for k in range(4, len(text)))
            # (long text wraps in a narrow table: each bracket and the text between them whole)
            pieces = re.findall(r"\\?\[[^\]]*\]|[^\[\\]+", text)
            wrapped = all(piece.strip() in shown.stdout for piece in pieces)
            assert text in shown.stdout or (width == "60" and (cut or wrapped)), (text, width)


def test_validate_shows_brackets_as_typed(data: Path) -> None:
    bad = data / "actuals.csv"
    bad.write_text(
        "period,county,indicator,value\n2020-01,金安[/]县,firms,1\n2020-01,east,[link=x],2\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    assert "“金安[/]县”" in result.stdout
    assert "“[link=x]”" in result.stdout
    assert "数据[red]" in result.stdout  # the path, in the location and the footer
    narrow = runner.invoke(app, ["validate", "--data", str(data)], env={"COLUMNS": "60"})
    for text in ("[/]", "[link=x]", "[red]"):  # long text wraps, but never inside these
        assert text in narrow.stdout, text
