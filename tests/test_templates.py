"""`chuangye template`: the form a county fills. Generated, filled with openpyxl, renamed, read
back: progress shows exactly the filled figures; only the input cells are unlocked and they
accept only non-negative numbers; the hidden record names plan, county and month."""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from chuangye_cli.cli import app
from chuangye_cli.diagnostics import Diagnostic
from chuangye_cli.domain import Basis
from chuangye_cli.inputs import load, resolve_inputs
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan, load_plan
from chuangye_cli.templates import FIRST_ROW, RECORD_SHEET, build_template, previous_totals

from .conftest import SHIPPED_DATA

runner = CliRunner()


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded, _ = load_plan(SHIPPED_DATA / "targets.yaml", SHIPPED_DATA / "tasks.yaml")
    assert loaded is not None
    return loaded


def fill(path: Path, plan: Plan, seed: int) -> dict[str, tuple[Decimal, Decimal]]:
    """Fill every 本月完成 and 1-N月累计 cell with numbers (whole and with decimals); return
    what was written, per indicator, in the indicator's reporting unit."""
    rng = random.Random(seed)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    written = {}
    for k, indicator in enumerate(plan.indicators):
        row = FIRST_ROW + k
        month = Decimal(rng.randint(0, 500))
        total = month + Decimal(rng.randint(0, 5000)) + Decimal(rng.randint(0, 9)) / 10
        ws[f"D{row}"] = int(month)
        ws[f"E{row}"] = float(total)
        written[indicator.id] = (month, total)
    ws["F2"] = dt.date(2020, 7, 3)
    wb.save(path)
    return written


def test_every_county_and_month_round_trips(tmp_path: Path, plan: Plan) -> None:
    """Every county for two months, and one county for every month of the plan."""
    cases = [(c.id, Period(2020, 6)) for c in plan.counties] + [
        (c.id, Period(2019, 1)) for c in plan.counties
    ]
    cases += [
        ("jinzhai", Period.from_index(i))
        for i in range(plan.meta.start.index, plan.meta.end.index + 1)
    ]
    for k, (county, month) in enumerate(cases):
        made = build_template(plan, county, month)
        path = tmp_path / f"renamed-{k}.xlsx"  # whatever the clerk calls it
        path.write_bytes(made.content)
        written = fill(path, plan, k)
        loaded = load(resolve_inputs(data=SHIPPED_DATA, actuals=[path]))
        assert not loaded.has_errors, [str(d) for d in loaded.diagnostics if d.severity == "error"]
        assert loaded.actuals is not None and loaded.plan is not None
        for indicator in plan.indicators:
            series = loaded.actuals.series[(county, indicator.id)]
            reporting, target = plan.reporting_unit_of(indicator), plan.unit_of(indicator)
            month_value, total = written[indicator.id]
            factor = reporting.factor / target.factor
            assert series.figures["increment"][month.index] == month_value * factor
            total_basis: Basis = "level" if indicator.kind == "stock" else "ytd"
            assert series.figures[total_basis][month.index] == total * factor


def jinzhai_form(out: Path) -> Workbook:
    """金寨县's June 2020 form, written by `chuangye template` to ``out`` and opened."""
    made = runner.invoke(
        app, ["template", "--period", "2020-06", "--county", "金寨县", "-o", str(out)]
    )
    assert made.exit_code == 0, made.output
    return load_workbook(out)


def test_progress_shows_exactly_the_filled_figures(tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    wb = jinzhai_form(out)
    ws = wb.worksheets[0]
    ws["D5"], ws["E5"] = 321, 4321  # 带动就业, in 人
    wb.save(out)
    result = runner.invoke(
        app,
        ["progress", "--actuals", str(out), "--by", "county", "--county", "金寨县",
         "--indicator", "jobs", "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["rows"]
    assert Decimal(str(row["actual"])) == Decimal("0.4321")  # 4321 人 in 万人 (1-6月累计)


def test_only_input_cells_are_unlocked_and_numbers_validated(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(build_template(plan, "jinzhai", Period(2020, 6)).content)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.protection.sheet  # Excel refuses to edit a locked cell of a protected sheet
    last = FIRST_ROW + len(plan.indicators) - 1
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False}
    inputs = {f"{col}{r}" for r in range(FIRST_ROW, last + 1) for col in "DEG"}
    assert inputs <= unlocked
    assert unlocked - inputs == {
        "F2",
        "B" + str(last + 2),
        "D" + str(last + 2),
        "F" + str(last + 2),
    }
    for locked in ("A1", "B4", "C4", f"F{FIRST_ROW}", "A3"):
        assert ws[locked].protection.locked
    rules = ws.data_validations.dataValidation
    numbers = next(r for r in rules if r.type == "decimal")
    assert numbers.operator == "greaterThanOrEqual" and numbers.formula1 == "0"
    assert str(numbers.sqref) == f"D{FIRST_ROW}:E{last}"
    assert wb[RECORD_SHEET].sheet_state == "veryHidden"
    record = {r[0].value: r[1].value for r in wb[RECORD_SHEET].iter_rows()}
    assert record["plan"] == plan.meta.id and record["county"] == "jinzhai"
    assert record["period"] == "2020-06"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.fitToHeight == 1
    assert "填表说明" in wb.sheetnames


def test_previous_totals_are_shown_where_earlier_returns_give_them(plan: Plan) -> None:
    loaded = load(resolve_inputs(data=SHIPPED_DATA))
    assert loaded.actuals is not None
    totals = previous_totals(plan, loaded.actuals, "jinzhai", Period(2020, 6))
    assert set(totals) == {i.id for i in plan.indicators}
    series = loaded.actuals.series[("jinzhai", "jobs")]
    may = Period(2020, 5).index
    expected = sum(v for m, v in series.additions().items() if Period(2020, 1).index <= m <= may)
    assert totals["jobs"] == expected
    assert previous_totals(plan, loaded.actuals, "yeji", Period(2020, 7)) == {
        "maker_spaces": loaded.actuals.series[("yeji", "maker_spaces")].to_date(
            Period(2020, 6).index
        )
    }  # 叶集区 sent no June return: only the unit's 众创空间 is known
    assert previous_totals(plan, loaded.actuals, "jinzhai", Period(2020, 1)) == {}


def test_same_inputs_same_bytes_and_all_counties(tmp_path: Path, plan: Plan) -> None:
    first = build_template(plan, "yuan", Period(2019, 3)).content
    assert build_template(plan, "yuan", Period(2019, 3)).content == first
    result = runner.invoke(
        app, ["template", "--period", "2020-07", "--all", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 9 and "市直2020年7月创业江淮报表.xlsx" in names


@pytest.mark.parametrize(
    "args",
    [
        ["--period", "2020-06", "-o", "x.xlsx"],  # neither --county nor --all
        ["--period", "2020-06", "--county", "金寨县", "--all", "-o", "x"],
        ["--period", "2021-01", "--county", "金寨县", "-o", "x.xlsx"],  # outside the plan
        ["--period", "2020-13", "--county", "金寨县", "-o", "x.xlsx"],
        ["--period", "2020-06", "--county", "北区", "-o", "x.xlsx"],
    ],
)
def test_bad_template_options_are_usage_errors(args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["template", *[a if a not in ("x", "x.xlsx") else str(tmp_path / a) for a in args]]
    )
    assert result.exit_code == 2, result.output


def test_all_never_replaces_a_filled_in_return_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["template", "--period", "2020-07", "--all", "-o", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    assert runner.invoke(app, args).exit_code == 0  # the same forms again: nothing lost
    filled = out / "金寨县2020年7月创业江淮报表.xlsx"
    workbook = load_workbook(filled)
    workbook.worksheets[0]["C5"] = 88  # a clerk's figure
    workbook.save(filled)
    kept = filled.read_bytes()
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2
    assert "金寨县2020年7月创业江淮报表.xlsx" in refused.output and "--force" in refused.output
    assert filled.read_bytes() == kept
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert filled.read_bytes() != kept


def test_a_running_total_typed_in_the_month_column_is_a_warning(tmp_path: Path) -> None:
    """The form shows 金寨县's 上月累计 beside each row. A 本月 not smaller than it is most
    likely the total in the wrong column: a warning at the cell, with the 1-N月累计 filled in
    too (the year's total typed in both: it was not warned of); a 本月 below it is not."""
    from chuangye_cli.reading import PREVIOUS_COLUMN
    from chuangye_cli.templates import PREVIOUS

    assert PREVIOUS_COLUMN == PREVIOUS
    out = tmp_path / "form.xlsx"
    wb = jinzhai_form(out)
    ws = wb.worksheets[0]
    before = [ws[f"F{row}"].value for row in (FIRST_ROW, FIRST_ROW + 1, FIRST_ROW + 2)]
    assert all(isinstance(v, int | float) and v > 0 for v in before), before
    ws[f"D{FIRST_ROW}"] = before[0]  # = 上月累计: warned
    ws[f"D{FIRST_ROW + 1}"] = before[1] - 1  # below it: fine
    ws[f"D{FIRST_ROW + 2}"] = before[2] + 5  # the year's total in both columns: warned
    ws[f"E{FIRST_ROW + 2}"] = before[2] + 5
    wb.save(out)
    result = runner.invoke(app, ["validate", "--actuals", str(out), "--format", "json"])
    found = [d for d in json.loads(result.stdout) if d["code"] == "actuals.month-total"]
    assert [(d["line"], d["column"]) for d in found] == [(FIRST_ROW, 4), (FIRST_ROW + 2, 4)]
    assert "是否把1-N月累计填进了本月栏" in found[0]["message"]


@pytest.mark.parametrize(
    ("county", "title"),
    [
        ("jinzhai", "金寨县“创业江淮”行动计划（2018-2020年）进展情况统计表（2020年6月）"),
        ("shizhi", "六安市“创业江淮”行动计划（2018-2020年）进展情况统计表（2020年6月）"),
        (
            "kaifaqu",
            "六安经济技术开发区“创业江淮”行动计划（2018-2020年）进展情况统计表（2020年6月）",
        ),
    ],
)
def test_the_title_names_the_county_once(
    tmp_path: Path, plan: Plan, county: str, title: str
) -> None:
    """The county's name in place of the city's at the head of the plan's short title (it read
    金寨县六安市“创业江淮”…); the city's own units keep the city's title."""
    path = tmp_path / "form.xlsx"
    path.write_bytes(build_template(plan, county, Period(2020, 6)).content)
    assert load_workbook(path).worksheets[0]["A1"].value == title


def test_inspect_lists_the_columns_of_a_form(tmp_path: Path, plan: Plan) -> None:
    """A blank 填报表 read for `inspect`: each column with what it is read as (it showed an
    empty 各列 table), the 上月累计 beside the figures not read."""
    from chuangye_cli.reading import SheetReading, read_actuals

    path = tmp_path / "form.xlsx"
    path.write_bytes(build_template(plan, "jinzhai", Period(2020, 6)).content)
    readings: list[SheetReading] = []
    read_actuals([path], plan, readings=readings)
    (reading,) = readings
    assert [(c.index, c.header, c.role, c.basis) for c in reading.columns] == [
        (0, "序号", "seq", None),
        (1, "指标名称", "indicator", None),
        (2, "计量单位", "unit", None),
        (3, "本月完成", "value", "increment"),
        (4, "1-6月累计", "value", "ytd"),
        (5, "上月累计（参考）", "ignored", None),
        (6, "备注", "note", None),
    ]


def test_a_form_with_a_row_deleted_or_added_is_read_by_its_names(tmp_path: Path) -> None:
    """The clerk deletes 创建返乡创业平台's row and adds a 其中 row: each figure is still read as
    the indicator its row names (they shifted to the row above: 厂房 read as 返乡平台, …), the
    其中 row is listed, not read."""
    out = tmp_path / "form.xlsx"
    wb = jinzhai_form(out)
    ws = wb.worksheets[0]
    names = {ws[f"B{r}"].value: r for r in range(FIRST_ROW, FIRST_ROW + 9)}
    ws.delete_rows(names["创建市级及以上返乡创业类平台"])
    ws.insert_rows(FIRST_ROW + 1)
    ws[f"B{FIRST_ROW + 1}"], ws[f"D{FIRST_ROW + 1}"] = "其中：女性", 7
    filled = {"新增标准化厂房": 3, "发放创业担保贷款": 150, "促进大学生等青年创业": 9}
    for r in range(FIRST_ROW, FIRST_ROW + 10):
        if ws[f"B{r}"].value in filled:
            ws[f"D{r}"] = filled[ws[f"B{r}"].value]
    wb.save(out)
    result = runner.invoke(app, ["validate", "--actuals", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    from chuangye_cli.inputs import resolve_inputs
    from chuangye_cli.reading import SheetReading, read_actuals

    readings: list[SheetReading] = []
    plan = load(resolve_inputs(data=SHIPPED_DATA)).plan
    assert plan is not None
    actuals, _ = read_actuals([out], plan, readings=readings)
    got = {i: s.figures["increment"] for (_, i), s in actuals.series.items()}
    june = Period(2020, 6).index
    assert got["guarantee_loans"][june] == Decimal("0.015")  # 150 万元 in 亿元
    assert set(got) == {"factory_space", "guarantee_loans", "youth_startups"}
    left = [text for r in readings for _, text in r.left_out]
    assert any("其中：女性" in text for text in left)


@pytest.mark.parametrize(("own", "counted"), [(None, 12), (30, 30)])
def test_a_sub_row_added_to_the_form_is_read_when_its_indicators_row_is_blank(
    tmp_path: Path, own: int | None, counted: int
) -> None:
    """A clerk adds 其中：新增小微创业企业 12 under 新增注册企业. With 小微's own row blank, the
    其中 row is read as that indicator (not listed and dropped); with 30 in its own row, 30
    counts, not 42."""
    out = tmp_path / "form.xlsx"
    wb = jinzhai_form(out)
    ws = wb.worksheets[0]
    names = {ws[f"B{r}"].value: r for r in range(FIRST_ROW, FIRST_ROW + 9)}
    ws.insert_rows(names["新增注册企业"] + 1)
    ws[f"B{names['新增注册企业'] + 1}"] = "其中：新增小微创业企业"
    ws[f"D{names['新增注册企业'] + 1}"] = 12
    ws[f"D{names['新增小微创业企业'] + 1}"] = own
    wb.save(out)
    from chuangye_cli.inputs import resolve_inputs
    from chuangye_cli.reading import read_actuals

    plan = load(resolve_inputs(data=SHIPPED_DATA)).plan
    assert plan is not None
    actuals, found = read_actuals([out], plan)
    assert [d for d in found if d.severity != "notice"] == []
    (series,) = [s for (_, i), s in actuals.series.items() if i == "micro_enterprises"]
    assert series.figures["increment"][Period(2020, 6).index] == Decimal(counted)
    # its own row blank is no row “未填数字”: the 其中 row gives its figure
    blank = [d.arguments["value"] for d in found if d.variant == "blank"]
    assert "新增小微创业企业" not in blank


def micro_enterprises_read(
    tmp_path: Path, month: int, total: int | None = None
) -> tuple[int, list[Diagnostic]]:
    """金寨县's form with 新增小微创业企业's 本月 (and 1-6月累计) filled in, read: its row and
    the diagnostics."""
    from chuangye_cli.reading import read_actuals

    out = tmp_path / "form.xlsx"
    wb = jinzhai_form(out)
    ws = wb.worksheets[0]
    row = next(
        r for r in range(FIRST_ROW, FIRST_ROW + 9) if ws[f"B{r}"].value == "新增小微创业企业"
    )
    ws[f"D{row}"], ws[f"E{row}"] = month, total
    wb.save(out)
    plan = load(resolve_inputs(data=SHIPPED_DATA)).plan
    assert plan is not None
    return row, read_actuals([out], plan)[1]


@pytest.mark.parametrize(("month", "total", "warned"), [(38, 76, False), (40, 40, True)])
def test_a_month_as_large_as_last_months_total_is_no_slip_when_the_total_agrees(
    tmp_path: Path, month: int, total: int, warned: bool
) -> None:
    """新增小微创业企业's 上月累计 is 38. 本月 38 beside a 1-6月累计 of 76 (38 + 38) is a real
    month, which was warned of as the year's total in the month's column; 40 in both columns
    still is."""
    _, found = micro_enterprises_read(tmp_path, month, total)
    cumulative = [d for d in found if d.variant == "cumulative"]
    assert len(cumulative) == int(warned)


@pytest.mark.parametrize(
    ("month", "variant", "meant"),
    [
        (380000, "cumulative-magnitude", "38"),
        (3800000000, "cumulative-magnitude", "38"),  # a 亿 slip
        (380, "cumulative", None),
        (38000000000, "cumulative", None),  # over it even divided by 10^8: no guess
    ],
)
def test_a_month_in_yuan_beside_last_months_total_is_a_slip_of_unit(
    tmp_path: Path, month: int, variant: str, meant: str | None
) -> None:
    """新增小微创业企业's 上月累计 is 38. 本月 380,000 is over ten times it and, divided by
    10,000, 38 (within it): a unit slip, as the plausibility check says too, not the year's
    total typed in the month's column; 380 (0.038 divided: under a hundredth of it) and
    38,000,000,000 (380 divided by 10^8) are no clean slip: the total in the month's column,
    as before."""
    row, found = micro_enterprises_read(tmp_path, month)
    said = [
        (d.variant, d.arguments.get("meant"), d.line, d.column)
        for d in found
        if d.code == "actuals.month-total"
    ]
    assert said == [(variant, meant, row, 4)]


def test_a_row_left_blank_and_a_row_given_twice_are_said_at_their_lines(tmp_path: Path) -> None:
    """On the tool's own form: 带动就业's row left blank is a notice at its line (never a 0);
    a copy of 新增注册企业's row with another 序号 is one row given twice, counted once."""
    out = tmp_path / "form.xlsx"
    wb = jinzhai_form(out)
    ws = wb.worksheets[0]
    rows = {ws[f"B{r}"].value: r for r in range(FIRST_ROW, FIRST_ROW + 9)}
    for name, r in rows.items():
        if name != "带动就业":
            ws[f"D{r}"] = 5
    firms = rows["新增注册企业"]
    ws.insert_rows(firms + 1)
    for column in "BCD":
        ws[f"{column}{firms + 1}"] = ws[f"{column}{firms}"].value
    ws[f"A{firms + 1}"] = 99
    wb.save(out)
    result = runner.invoke(app, ["validate", "--actuals", str(out), "--format", "json"])
    found = {(d["code"], d["line"]) for d in json.loads(result.stdout)}
    jobs = rows["带动就业"] + 1  # (below the inserted row)
    assert ("actuals.row-left-out", jobs) in found
    assert ("actuals.duplicate-row", firms + 1) in found
    assert not any(code == "actuals.repeated-indicator" for code, _ in found)
