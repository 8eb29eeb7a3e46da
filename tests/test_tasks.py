"""The task ledger (任务台账): the ledger fields of tasks.yaml, reading task returns (located errors),
the ledger at a report month (status, milestones due and overdue, 未报送, 可销号) and `chuangye
tasks`. Expectations by hand on the test plan (tasks 1: 甲局; 2: 甲局 and 乙局 jointly; 3: 丙局,
qualitative; 丁局 cooperates on task 1) at 2020-06."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner, Result

from chuangye_cli.cli import app
from chuangye_cli.diagnostics import Diagnostic
from chuangye_cli.periods import Period
from chuangye_cli.progress import compute
from chuangye_cli.taskledger import TaskLedger, compute_ledger
from chuangye_cli.taskreturns import read_task_returns
from tests.conftest import (
    SHIPPED_DATA,
    TASKS_YAML,
    as_json,
    column_of,
    errors,
    line_of,
    load_data,
    make_data,
)

runner = CliRunner()

LEDGER_YAML = """\
ledger:
  label: test ledger
  tasks:
    1:
      standard: 标准一
      milestones:
        - {due: 2019-06, what: 节点甲}
        - {due: 2020-03, what: 节点乙}
        - {due: 2020-12, what: 节点丙}
      duties:
        - {unit: 甲局, department: 一科, person: 张三}
    3:
      milestones:
        - {due: 2019-12, what: 定性节点}
"""
LEDGER_TASKS = TASKS_YAML + LEDGER_YAML

# loans 2 亿元 (done), spaces 3 + 7 (done): task 2's indicators are done; task 1's too.
FIGURES = [
    ("2019-03", "east", "loans", "20000", "", "", ""),
    ("2019-03", "east", "spaces", "3", "", "", ""),
    ("2019-03", "west", "spaces", "7", "", "", ""),
    ("2020-06", "east", "firms", "1", "", "", ""),
]
RETURN_HEADER = (
    "月份",
    "任务序号",
    "责任单位",
    "完成状态",
    "进展情况",
    "佐证材料",
    "下一步计划",
    "完成节点",
)
RETURNS = [
    ("2019-06", "1", "甲局", "推进中", "启动一期", "a.pdf", "推进二期", "2019-06"),
    (
        "2020-06",
        "1",
        "甲局",
        "推进中",
        "二期施工中，预计下月完工并组织验收，验收后转入运营管理阶段",
        "b.pdf、c.pdf",
        "验收",
        "",
    ),
    ("2020-06", "1", "丁局", "推进中", "配合推进", "", "", ""),
    ("2020-06", "2", "甲局", "已完成", "全部完成", "", "", ""),
    ("2020-05", "2", "乙局", "已完成", "全部完成", "", "", ""),
    ("2020-05", "3", "丙局", "推进中", "制定方案", "", "", ""),
]


def csv_bytes(rows: Sequence[Sequence[str]], header: Sequence[str] = RETURN_HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def ledger_data(
    root: Path,
    returns: Sequence[Sequence[str]] = RETURNS,
    *,
    header: Sequence[str] = RETURN_HEADER,
    tasks: str = LEDGER_TASKS,
) -> Path:
    data = make_data(root, FIGURES, tasks=tasks)
    (data / "task-returns").mkdir()
    (data / "task-returns" / "returns.csv").write_bytes(csv_bytes(returns, header))
    return data


def read(root: Path) -> tuple[TaskLedger | None, list[Diagnostic]]:
    loaded = load_data(root)
    assert errors(loaded) == [], [str(d) for d in loaded.diagnostics]
    assert loaded.plan is not None and loaded.actuals is not None
    returns, found = read_task_returns([root / "task-returns"], loaded.plan)
    if any(d.severity == "error" for d in found):
        return None, found
    progress = compute(loaded.plan, loaded.actuals, Period(2020, 6))
    return compute_ledger(loaded.plan, returns, progress), found


# --- the ledger -----------------------------------------------------------------------------------


def test_the_ledger_at_the_report_month(tmp_path: Path) -> None:
    ledger, found = read(ledger_data(tmp_path))
    assert found == [] and ledger is not None
    rows = {(r.duty.task.number, r.duty.unit): r for r in ledger.rows}
    assert list(rows) == [(1, "甲局"), (2, "甲局"), (2, "乙局"), (3, "丙局")]  # leads only
    one = rows[(1, "甲局")]
    assert (one.status, one.last_update, one.reported) == ("in_progress", Period(2020, 6), True)
    assert one.progress == "二期施工中，预计下月完工并组织验收，验收后转入运营管理阶段"
    assert one.evidence == ("b.pdf", "c.pdf")
    assert (one.duty.department, one.duty.person, one.duty.standard) == ("一科", "张三", "标准一")
    assert [(str(m.due), m.met, m.overdue) for m in one.milestones] == [
        ("2019-06", Period(2019, 6), False),
        ("2020-03", None, True),  # due, not named under 完成节点: 逾期
        ("2020-12", None, False),
    ]
    assert len(one.due) == 2 and one.next_milestone is not None
    assert str(one.next_milestone.due) == "2020-12"
    # 乙局 sent no June return but reported 已完成 in May: nothing more is due from it
    assert rows[(2, "乙局")].reported and rows[(2, "乙局")].status == "done"
    # 丙局's latest return is May's: 未报送; its 2019-12 milestone was never reported met
    three = rows[(3, "丙局")]
    assert not three.reported and [m.overdue for m in three.milestones] == [True]
    assert ledger.closable_tasks == (2,)  # both leads done, loans and spaces done
    assert [(r.duty.task.number, r.duty.unit) for r in ledger.not_reported] == [(3, "丙局")]
    assert ledger.partner_returns == 1  # 丁局 on task 1: read, not a row


def test_a_finished_unit_has_met_its_milestones(tmp_path: Path) -> None:
    returns = [*RETURNS[:-1], ("2020-06", "3", "丙局", "已完成", "完成", "", "", "")]
    ledger, _ = read(ledger_data(tmp_path, returns))
    assert ledger is not None
    three = next(r for r in ledger.rows if r.duty.task.number == 3)
    assert [(m.met, m.overdue) for m in three.milestones] == [(Period(2020, 6), False)]
    assert ledger.closable_tasks == (2, 3)  # task 3 has no indicator: the reports alone


def test_without_returns_nobody_is_not_reported(tmp_path: Path) -> None:
    data = make_data(tmp_path, FIGURES, tasks=LEDGER_TASKS)
    loaded = load_data(data)
    assert loaded.plan is not None and loaded.actuals is not None
    returns, found = read_task_returns([], loaded.plan)
    ledger = compute_ledger(
        loaded.plan, returns, compute(loaded.plan, loaded.actuals, Period(2020, 6))
    )
    assert found == [] and not ledger.in_use
    assert ledger.not_reported == () and ledger.closable_tasks == ()
    assert all(r.status is None for r in ledger.rows)


def test_a_milestone_of_the_report_month_not_reported_met_is_overdue(tmp_path: Path) -> None:
    returns = [*RETURNS, ("2020-03", "1", "甲局", "推进中", "三月", "", "", "")]
    loaded = load_data(ledger_data(tmp_path, returns))
    assert loaded.plan is not None and loaded.actuals is not None
    found, _ = read_task_returns([tmp_path / "task-returns"], loaded.plan)
    march = compute_ledger(
        loaded.plan, found, compute(loaded.plan, loaded.actuals, Period(2020, 3))
    )
    one = next(r for r in march.rows if r.duty.task.number == 1)
    assert [str(m.due) for m in one.overdue] == ["2020-03"]  # due by the end of March
    assert one.reported and one.last_update == Period(2020, 3)


def test_a_later_month_does_not_count(tmp_path: Path) -> None:
    returns = [*RETURNS, ("2020-07", "1", "甲局", "已完成", "提前报", "", "", "2020-12")]
    ledger, _ = read(ledger_data(tmp_path, returns))
    assert ledger is not None
    one = next(r for r in ledger.rows if r.duty.task.number == 1)
    assert one.status == "in_progress" and [m.met for m in one.milestones][2] is None


# --- reading: headers and located errors --------------------------------------------------------


def test_english_headers_and_a_title_row_in_a_workbook(tmp_path: Path) -> None:
    data = make_data(tmp_path, FIGURES, tasks=LEDGER_TASKS)
    folder = data / "task-returns"
    folder.mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["甲局任务推进情况报送表（2020年6月）"])
    ws.append(["month", "title", "unit", "status", "progress", "milestones"])
    ws.append(["2020-06", "任务一", "甲局", "in progress", "ok", "2019-06、2020-03"])
    wb.save(folder / "r.xlsx")
    ledger, found = read(data)
    assert found == [] and ledger is not None
    one = next(r for r in ledger.rows if r.duty.task.number == 1)
    assert one.status == "in_progress" and not one.overdue


BAD = [
    (("2020-13", "1", "甲局", "推进中"), "taskreturn.period", "month", 1),
    (("2021-01", "1", "甲局", "推进中"), "taskreturn.period", "outside", 1),
    (("2020-06", "99", "甲局", "推进中"), "taskreturn.task", "", 2),
    (("2020-06", "", "甲局", "推进中"), "taskreturn.task", "empty", 2),
    (("2020-06", "1", "甲 局长", "推进中"), "taskreturn.unit", "", 3),
    (("2020-06", "1", "乙局", "推进中"), "taskreturn.role", "", 3),
    (("2020-06", "1", "甲局", "完成了"), "taskreturn.status", "", 4),
    (("2020-06", "1", "甲局", "", "已起草方案"), "taskreturn.status", "empty", 4),
    (("2020-06", "1", "甲局", ""), "taskreturn.blank-row", "", None),  # a form row left blank
    (("2020-06", "1", "甲局", "推进中", "", "", "", "2019-07"), "taskreturn.milestone", "", 8),
]


@pytest.mark.parametrize(("row", "code", "variant", "column"), BAD, ids=[b[1] + b[2] for b in BAD])
def test_bad_cells_are_located(
    tmp_path: Path, row: tuple[str, ...], code: str, variant: str, column: int | None
) -> None:
    cells = [*row, *[""] * (8 - len(row))]
    _, found = read(ledger_data(tmp_path, [RETURNS[0], cells]))
    assert [(d.code, d.variant, d.line, d.column) for d in found] == [(code, variant, 3, column)]
    assert found[0].file == str(tmp_path / "task-returns" / "returns.csv")


def test_messages_name_what_is_wrong(tmp_path: Path) -> None:
    rows = [("2020-06", "1", "乙局", "推进中"), ("2020-06", "9", "甲局", "推进中")]
    _, found = read(ledger_data(tmp_path, [[*r, "", "", "", ""] for r in rows]))
    assert [d.message("zh") for d in found] == [
        "“乙局” 既不牵头也不配合任务 1（牵头：甲局）",
        "未知任务 “9”",
    ]


def test_the_same_return_twice_must_agree(tmp_path: Path) -> None:
    twice = [RETURNS[0], RETURNS[0], (*RETURNS[0][:3], "滞后", *RETURNS[0][4:])]
    _, found = read(ledger_data(tmp_path, twice))
    assert [(d.code, d.line) for d in found] == [("taskreturn.conflict", 4)]
    assert "returns.csv:2" in d_message(found[0])


def d_message(d: Diagnostic) -> str:
    return d.message("zh")


def test_missing_columns(tmp_path: Path) -> None:
    header = ("月份", "任务序号", "责任单位", "进展情况")
    _, found = read(ledger_data(tmp_path, [("2020-06", "1", "甲局", "x")], header=header))
    assert [(d.code, d.line, d.column) for d in found] == [("taskreturn.missing-column", 1, 1)]
    assert "完成状态" in found[0].message("zh")


# --- the ledger in tasks.yaml ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "code", "needle"),
    [
        ("{unit: 甲局, department", "{unit: 乙局, department", "ref.not-lead", "{unit: 乙局"),
        ("{unit: 甲局, department", "{unit: 甲 局, department", "ref.unknown-unit", "{unit: 甲 局"),
        (
            "{due: 2020-12, what: 节点丙}",
            "{due: 2021-01, what: 节点丙}",
            "ref.milestone",
            "2021-01",
        ),
        ("    3:\n      milestones", "    7:\n      milestones", "ref.unknown-task", "    7:"),
    ],
)
def test_ledger_mistakes_in_tasks_yaml_are_located(
    tmp_path: Path, old: str, new: str, code: str, needle: str
) -> None:
    tasks = LEDGER_TASKS.replace(old, new, 1)
    assert tasks != LEDGER_TASKS
    loaded = load_data(make_data(tmp_path, [], tasks=tasks))
    found = errors(loaded)
    assert [(d.code, d.line) for d in found] == [(code, line_of(tasks, needle))], found
    assert found[0].column is not None and found[0].column <= column_of(tasks, needle) + 8


# --- the command --------------------------------------------------------------------------------


def tasks(*args: str) -> Result:
    return runner.invoke(app, ["tasks", *args])


def test_json_rows_and_keys(tmp_path: Path) -> None:
    data = str(ledger_data(tmp_path))
    result = tasks("--data", data, "--as-of", "2020-06", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert list(doc) == ["plan", "as_of", "returns_in_use", "rows", "closable_tasks"]
    assert doc["closable_tasks"] == [2]
    first = doc["rows"][0]
    assert list(first) == [
        "task", "title", "unit", "department", "person", "standard", "status", "reported",
        "last_update", "progress", "evidence", "next_steps", "milestones_due", "milestones_met",
        "overdue", "overdue_what", "next_milestone", "next_milestone_what", "indicators",
        "completion", "indicator_status", "closable",
    ]  # fmt: skip
    assert (
        first["progress"] == "二期施工中，预计下月完工并组织验收，验收后转入运营管理阶段"
    )  # whole
    assert (first["overdue"], first["overdue_what"]) == (["2020-03"], ["节点乙"])
    assert (first["milestones_due"], first["milestones_met"]) == (2, 1)
    assert first["next_milestone"] == "2020-12" and first["reported"] is True
    third = doc["rows"][3]
    assert (third["unit"], third["status"], third["reported"]) == ("丙局", "not_reported", False)


def test_table_shortens_progress_and_names_who_lags(tmp_path: Path) -> None:
    result = tasks("--data", str(ledger_data(tmp_path)), "--as-of", "2020-06", "-f", "plain")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "二期施工中，预计下月完工并组织验收，验收后转入…" in out  # 23 characters and …
    assert "转入运营" not in out
    assert "逾期节点2个" in out and "任务1·甲局“节点乙”（2020年3月）" in out
    assert "2020年6月未报送1个：丙局（任务3）" in out
    assert "可销号任务：任务2" in out


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html", "plain", "github"])
def test_every_format(tmp_path: Path, fmt: str) -> None:
    result = tasks("--data", str(ledger_data(tmp_path)), "--as-of", "2020-06", "-f", fmt)
    assert result.exit_code == 0, result.output
    assert "丙局" in result.stdout


def test_unit_and_task_filters(tmp_path: Path) -> None:
    data = str(ledger_data(tmp_path))
    doc = as_json(
        tasks("--data", data, "--as-of", "2020-06", "--unit", "甲局", "-f", "json").stdout
    )
    assert [(r["task"], r["unit"]) for r in doc["rows"]] == [(1, "甲局"), (2, "甲局")]
    doc = as_json(tasks("--data", data, "--as-of", "2020-06", "--task", "2", "-f", "json").stdout)
    assert [(r["task"], r["unit"]) for r in doc["rows"]] == [(2, "甲局"), (2, "乙局")]


@pytest.mark.parametrize(
    ("args", "needle"),
    [(("--unit", "甲 局"), "甲局"), (("--unit", "丁局"), "丁局"), (("--task", "9"), "9")],
)
def test_bad_filters_exit_2(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    result = tasks("--data", str(ledger_data(tmp_path)), *args)
    assert result.exit_code == 2
    assert needle in result.stderr and result.stdout == ""


def test_errors_in_returns_exit_1_with_locations(tmp_path: Path) -> None:
    data = ledger_data(tmp_path, [("2020-06", "1", "甲局", "完成了", "", "", "", "")])
    result = tasks("--data", str(data))
    assert result.exit_code == 1
    assert f"{data / 'task-returns' / 'returns.csv'}:2:4" in result.stderr
    assert "taskreturn.status" in result.stderr and result.stdout == ""


def test_validate_checks_the_task_returns(tmp_path: Path) -> None:
    data = ledger_data(tmp_path, [("2020-06", "1", "乙局", "推进中", "", "", "", "")])
    result = runner.invoke(app, ["validate", "--data", str(data), "-f", "json"])
    assert result.exit_code == 1
    found = [d for d in as_json(result.stdout) if d["severity"] == "error"]
    assert [(d["code"], d["line"], d["column"]) for d in found] == [("taskreturn.role", 2, 3)]
    clean = runner.invoke(app, ["validate", "--data", str(ledger_data(tmp_path / "ok"))])
    assert clean.exit_code == 0 and "returns.csv" in clean.stdout


def test_task_returns_option_replaces_the_folder(tmp_path: Path) -> None:
    data = ledger_data(tmp_path)
    other = tmp_path / "other.csv"
    other.write_bytes(csv_bytes([("2020-06", "3", "丙局", "已完成", "完成", "", "", "")]))
    doc = as_json(
        tasks("--data", str(data), "--task-returns", str(other), "--task", "3", "-f", "json").stdout
    )
    assert [r["status"] for r in doc["rows"]] == ["done"]
    missing = tasks("--data", str(data), "--task-returns", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 2 and "nope.csv" in missing.stderr


# --- the shipped sample -------------------------------------------------------------------------


def test_the_shipped_sample_shows_an_overdue_milestone_and_a_missing_return() -> None:
    result = tasks("--data", str(SHIPPED_DATA), "-f", "json")
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert doc["as_of"] == "2020-06" and doc["returns_in_use"] is True
    assert {r["task"] for r in doc["rows"]} == set(range(1, 14))
    overdue = [(r["task"], r["unit"], r["overdue"]) for r in doc["rows"] if r["overdue"]]
    assert overdue == [(10, "市人社局", ["2019-12"])]
    missing = [(r["task"], r["unit"]) for r in doc["rows"] if not r["reported"]]
    assert missing == [(4, "六安银监分局")]
    assert doc["closable_tasks"] == [1, 2]
    table = tasks("--data", str(SHIPPED_DATA)).stdout
    assert "未报送" in table and "逾期节点1个" in table and "合成示例" in table
