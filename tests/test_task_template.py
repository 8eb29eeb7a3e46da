"""`chuangye template --unit`: the blank task return of one unit for one month, on the shipped
plan; filled in, it reads back as a task return without problems."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from chuangye_cli.catalogue import Code
from chuangye_cli.cli import app
from chuangye_cli.plan import load_plan
from chuangye_cli.taskreturns import read_task_returns
from tests.conftest import SHIPPED_DATA

runner = CliRunner()
LED_BY_RENSHE = [2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13]  # tasks.yaml: 市人社局 leads these


def template(*args: str) -> Result:
    return runner.invoke(app, ["template", "--data", str(SHIPPED_DATA), *args])


def make(tmp_path: Path, unit: str = "市人社局", period: str = "2020-07") -> Path:
    tmp_path.mkdir(exist_ok=True)
    out = tmp_path / "t.xlsx"
    result = template("--tasks", "--unit", unit, "--period", period, "--output", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_one_row_per_task_led_with_the_month_filled_in(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(make(tmp_path))
    assert wb.sheetnames == ["任务报送", "时间节点"]
    ws = wb["任务报送"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("月份", "任务序号", "工作任务", "责任单位", "完成状态")
    assert [r[1] for r in rows[1:]] == LED_BY_RENSHE
    assert {(r[0], r[3], r[4]) for r in rows[1:]} == {("2020-07", "市人社局", None)}
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1 and validations[0].formula1 == '"未启动,推进中,已完成,滞后"'
    assert str(validations[0].sqref) == f"E2:E{len(LED_BY_RENSHE) + 1}"
    milestones = list(wb["时间节点"].iter_rows(values_only=True))
    assert ("2019-12", "创业服务云平台上线运行") in {(r[3], r[4]) for r in milestones}


def test_a_unit_leading_nothing_gets_the_tasks_it_cooperates_on(tmp_path: Path) -> None:
    rows = list(openpyxl.load_workbook(make(tmp_path, "市商务局"))["任务报送"].values)
    assert [r[1] for r in rows[1:]] == [9]


def test_filled_in_it_reads_back(tmp_path: Path) -> None:
    path = make(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["任务报送"]
    for row in range(2, ws.max_row + 1):
        ws.cell(row=row, column=5, value="推进中")
        ws.cell(row=row, column=6, value="按计划推进")
    ws.cell(row=2, column=9, value="2020-06")  # task 2's milestone of 2020-06
    wb.save(path)
    plan, _ = load_plan(SHIPPED_DATA / "targets.yaml", SHIPPED_DATA / "tasks.yaml")
    assert plan is not None
    returns, found = read_task_returns([path], plan)
    assert [(d.code, d.sheet, d.variant) for d in found] == [
        (Code.ACTUALS_SHEET_SKIPPED, "时间节点", "task-reference")
    ]
    assert [(str(r.period), r.task, r.unit, r.status) for r in returns.items][:2] == [
        ("2020-07", 2, "市人社局", "in_progress"),
        ("2020-07", 3, "市人社局", "in_progress"),
    ]
    assert len(returns.items) == len(LED_BY_RENSHE)


def test_rows_left_blank_are_not_reported_not_errors(tmp_path: Path) -> None:
    """A unit fills in two tasks and leaves the other rows as they came: those are 未报送
    (a warning each), and the two filled rows are read; nothing stops the ledger."""
    path = make(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["任务报送"]
    for row in (2, 3):
        ws.cell(row=row, column=5, value="推进中")
    wb.save(path)
    plan, _ = load_plan(SHIPPED_DATA / "targets.yaml", SHIPPED_DATA / "tasks.yaml")
    assert plan is not None
    returns, found = read_task_returns([path], plan)
    blank = [d for d in found if d.code == Code.TASKRETURN_BLANK]
    assert [d.line for d in blank] == list(range(4, len(LED_BY_RENSHE) + 2))
    assert {d.severity for d in found if d.code != Code.ACTUALS_SHEET_SKIPPED} == {"warning"}
    assert [r.task for r in returns.items] == LED_BY_RENSHE[:2]


def test_the_same_arguments_give_the_same_bytes(tmp_path: Path) -> None:
    first = make(tmp_path / "a")
    second = make(tmp_path / "b")
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--period", "2020-07"), "--unit"),
        (("--tasks", "--period", "2020-07"), "--unit"),
        (("--unit", "市人社局", "--county", "金寨县", "--period", "2020-07"), "--unit"),
        (("--unit", "市人社", "--period", "2020-07"), "市人社局"),
        (("--unit", "市人社局", "--period", "2021-01"), "2021-01"),
        (("--unit", "市人社局", "--period", "July"), "--period"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    out = tmp_path / "t.xlsx"
    result = template(*args, "--output", str(out))
    assert result.exit_code == 2, result.output
    assert needle in result.stderr and not out.exists()


def test_unit_alone_asks_for_the_same_task_return(tmp_path: Path) -> None:
    out = tmp_path / "u.xlsx"
    result = template("--unit", "市人社局", "--period", "2020-07", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == make(tmp_path / "t").read_bytes()
