"""Returns as county offices really send them (tests/fixtures/returns, built by
scripts/make_return_fixtures.py): each layout gives exactly the figures of the tidy long file
beside it; wrong 合计 rows, no-figure cells, skipped sheets and footers are reported where they
stand; month and county come from where the fixture says."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuangye_cli.cli import app
from chuangye_cli.diagnostics import Diagnostic
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan, load_plan
from chuangye_cli.quantities import get_unit
from chuangye_cli.reading import SheetReading, read_actuals

from .conftest import REPO, SHIPPED_DATA

FIXTURES = REPO / "tests" / "fixtures" / "returns"
SINGLE = sorted(
    p.name
    for p in FIXTURES.iterdir()
    if p.is_file() and p.suffix in (".xlsx", ".xls", ".txt", ".csv") and ".expected." not in p.name
)
runner = CliRunner()


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded, found = load_plan(SHIPPED_DATA / "targets.yaml", SHIPPED_DATA / "tasks.yaml")
    assert loaded is not None, found
    return loaded


def read(plan: Plan, *paths: Path) -> tuple[list[SheetReading], list[Diagnostic]]:
    readings: list[SheetReading] = []
    _, found = read_actuals(list(paths), plan, readings=readings)
    return readings, found


def expected_figures(path: Path, plan: Plan) -> list[tuple[str, str, str, str, Decimal]]:
    """The fixture's expected.csv in the tool's terms: values in the indicator's target unit."""
    rows = list(csv.DictReader((path.parent / f"{path.name}.expected.csv").open(encoding="utf-8")))
    units = {i.id: plan.unit_of(i) for i in plan.indicators}
    stocks = {i.id for i in plan.indicators if i.kind == "stock"}
    out = []
    for row in rows:
        unit = get_unit(row["unit"])
        assert unit is not None
        value = Decimal(row["value"]) * unit.factor / units[row["indicator"]].factor
        basis = "level" if row["indicator"] in stocks and row["basis"] == "level" else row["basis"]
        out.append((row["period"], row["county"], row["indicator"], basis, value))
    return out


def got_figures(readings: list[SheetReading]) -> list[tuple[str, str, str, str, Decimal]]:
    return [
        (f.period, f.county, f.indicator, f.basis, f.value) for r in readings for f in r.figures
    ]


def expected_json(name: str) -> dict[str, object]:
    data = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("name", SINGLE)
def test_each_layout_gives_the_figures_of_its_tidy_file(plan: Plan, name: str) -> None:
    readings, found = read(plan, FIXTURES / name)
    assert sorted(got_figures(readings)) == sorted(expected_figures(FIXTURES / name, plan))
    assert [d for d in found if d.severity == "error"] == []


@pytest.mark.parametrize("name", SINGLE)
def test_no_figure_cells_are_listed_not_counted(plan: Plan, name: str) -> None:
    _, found = read(plan, FIXTURES / name)
    listed = [d for d in found if d.code == "actuals.no-figure"]
    marks = expected_json(name).get("no_figure_cells") or []
    assert isinstance(marks, list)
    assert len(listed) == len(marks)
    for d in listed:
        assert d.line is not None and d.column is not None  # located


@pytest.mark.parametrize(
    ("name", "period_from", "county_from"),
    [
        ("创业江淮行动计划进展情况统计表.xlsx", "title", "title"),
        ("舒城县2020年5月创业江淮报表.xlsx", "file_name", "file_name"),
        ("创业江淮进展情况统计表.xls", "title", "title"),
        ("创业江淮行动计划进展情况统计表（分县区）.xlsx", "hidden_sheet", "sheet_name"),
        ("各县区创业江淮行动计划进展情况汇总表.xlsx", "title", None),
        ("分县区指标明细.xlsx", None, None),
    ],
)
def test_month_and_county_come_from_where_they_are_written(
    plan: Plan, name: str, period_from: str | None, county_from: str | None
) -> None:
    readings, found = read(plan, FIXTURES / name)
    tables = [r for r in readings if r.layout != "none"]
    assert tables
    for r in tables:
        assert (r.period.origin if r.period else None) == period_from
        assert (r.county.origin if r.county else None) == county_from
    if period_from is not None:  # and say so
        assert any(d.code == "actuals.context" for d in found)


def test_a_wrong_total_is_a_located_warning_with_both_numbers(plan: Plan) -> None:
    _, found = read(plan, FIXTURES / "各县区创业江淮行动计划进展情况汇总表 - 副本.xlsx")
    totals = [d for d in found if d.code == "actuals.total"]
    assert [(d.sheet, d.line, d.column) for d in totals] == [("汇总表", 14, 6)]  # F14
    assert totals[0].arguments["declared"] == "14686"
    assert totals[0].arguments["computed"] == "14668"
    _, right = read(plan, FIXTURES / "各县区创业江淮行动计划进展情况汇总表.xlsx")
    assert [d for d in right if d.code == "actuals.total"] == []


def test_a_prose_sheet_is_listed_as_skipped(plan: Plan) -> None:
    _, found = read(plan, FIXTURES / "创业江淮行动计划进展情况统计表（分县区）.xlsx")
    skipped = {(d.sheet, d.variant) for d in found if d.code == "actuals.sheet-skipped"}
    assert skipped == {("填表说明", ""), ("模板信息", "record")}


def test_footer_and_sub_rows_are_listed(plan: Plan) -> None:
    _, found = read(plan, FIXTURES / "创业江淮行动计划进展情况统计表.xlsx")
    left = [(d.variant, d.line) for d in found if d.code == "actuals.row-left-out"]
    assert ("", 18) in left or any(v == "" for v, _ in left)  # a footer
    assert any(v == "subrow" for v, _ in left)  # 其中 rows


@pytest.mark.parametrize(
    ("name", "indicator", "variant", "meant"),
    [
        ("创业江淮进展情况统计表.xls", "带动就业", "exceeds", None),
        (
            "创业江淮行动计划进展情况统计表（分县区）.xlsx",
            "发放创业担保贷款",
            "magnitude",
            "785",
        ),
    ],
)
def test_a_month_figure_above_its_running_total_is_a_warning(
    plan: Plan, name: str, indicator: str, variant: str, meant: str | None
) -> None:
    """本月 1348 over 1-5月累计 1100; a loan typed in 元 (7850000) in a 万元 column: a slip
    of unit, 785 万元 meant (messages give figures in the unit of the returns)."""
    _, found = read(plan, FIXTURES / name)
    over = [d for d in found if d.code == "actuals.month-total"]
    assert [(d.arguments["indicator"], d.variant, d.arguments.get("meant")) for d in over] == [
        (indicator, variant, meant)
    ]
    if variant == "magnitude":  # the message groups the figure's digits, its argument does not
        assert over[0].arguments["month_value"] == "7850000"
        assert "本月 7,850,000 万元" in over[0].message()
        assert "the month's figure 7,850,000 万元" in over[0].message("en")


def test_inspect_shows_the_reading_in_chinese_and_json(plan: Plan) -> None:
    name = FIXTURES / "各县区创业江淮行动计划进展情况汇总表.xlsx"
    text = runner.invoke(app, ["inspect", str(name)])
    assert text.exit_code == 0, text.output
    for words in (
        "宽表",
        "表头在第3-4行",
        "月份：2020-06，取自标题",
        "读出的数字",
        "六安经济技术开发区",
    ):
        assert words in text.stdout
    data = json.loads(runner.invoke(app, ["inspect", str(name), "--format", "json"]).stdout)
    (sheet,) = data["sheets"]
    assert sheet["layout"] == "wide" and sheet["header_rows"] == [3, 4]
    assert sheet["period"]["value"] == "2020-06" and sheet["period"]["from"] == "title"
    assert len(sheet["figures"]) == len(expected_figures(name, plan))
    roles = {c["column"]: c["role"] for c in sheet["columns"]}
    assert roles["B"] == "county" and roles["C"] == "value"


def test_given_period_and_county_apply_to_the_files_before_them(tmp_path: Path) -> None:
    """A form with no month or county anywhere: --period and --county say them."""
    from openpyxl import Workbook

    path = tmp_path / "报表.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["指标名称", "计量单位", "本月完成"])
    ws.append(["带动就业人数", "人", 12])
    wb.save(path)
    bare = runner.invoke(app, ["validate", "--actuals", str(path)])
    assert bare.exit_code == 1 and "actuals.no-context" in bare.stdout
    told = runner.invoke(
        app,
        ["validate", "--actuals", str(path), "--period", "2020-06", "--county", "金寨县",
         "--format", "json"],
    )  # fmt: skip
    codes = {d["code"] for d in json.loads(told.stdout) if d["severity"] == "error"}
    assert told.exit_code == 0 and codes == set(), told.stdout


def test_a_long_form_under_a_two_row_header(tmp_path: Path, plan: Plan) -> None:
    """One row per indicator, 完成情况 merged over 本月 | 1-7月累计, the other header cells
    merged down over both rows, and a 合计 row that adds up figures of different units (it
    cannot be checked, and says so)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["金寨县创业江淮行动计划进展情况统计表（2020年7月）"])
    ws.append(["填报单位：金寨县人社局", None, None, "填报日期：2020年8月3日"])
    ws.append(["序号", "指标名称", "计量单位", "完成情况", None, "备注"])
    ws.append([None, None, None, "本月", "1-7月累计", None])
    ws.append([1, "新增注册企业", "个", 60, 638, None])
    ws.append([2, "带动就业人数", "人", 200, 1886, None])
    ws.append([None, "合计", None, 260, 2524, None])
    for cells in ("A3:A4", "B3:B4", "C3:C4", "F3:F4", "D3:E3"):
        ws.merge_cells(cells)
    path = tmp_path / "金寨县进展表.xlsx"
    wb.save(path)
    readings, found = read(plan, path)
    assert [d for d in found if d.severity == "error"] == []
    (reading,) = readings
    assert (reading.layout, reading.header) == ("long", (3, 4))
    got = [(f.column, f.indicator, f.basis, f.value) for f in reading.figures]
    assert got == [
        (4, "new_enterprises", "increment", Decimal("0.006")),  # 60 个 in 万个
        (5, "new_enterprises", "ytd", Decimal("0.0638")),
        (4, "jobs", "increment", Decimal("0.02")),
        (5, "jobs", "ytd", Decimal("0.1886")),
    ]
    (why,) = [why for line, why in reading.left_out if line == 7]
    assert "未核对" in why


def test_blank_cells_are_said_only_in_columns_the_indicator_fills(
    tmp_path: Path, plan: Plan
) -> None:
    """A form with 本月, 1-7月累计 and 期末数: a flow's blank 期末数 and a stock's blank
    1-7月累计 are the form's shape, not figures left out; a blank 本月 beside a 1-7月累计 is
    (said once for its column, at the first such cell)."""
    rows: list[list[object]] = [
        [1, "新增注册企业", "个", 60, 638, None],  # a flow without 期末数: its shape
        [2, "带动就业", "人", None, 2000, None],  # line 4: 本月 blank
        [3, "累计建设市级及以上众创空间", "个", 0, None, 2],  # a stock's level
        [4, "促进大学生等青年创业", "人", None, 180, None],  # line 6: 本月 blank
    ]
    header = ["序号", "指标名称", "计量单位", "本月", "1-7月累计", "期末数"]
    path = form(tmp_path / "金寨县进展表.xlsx", JULY, header, rows)
    _, found = read(plan, path)
    said = [(d.line, d.column, d.arguments["cells"]) for d in found if d.variant == "blank-cells"]
    assert said == [(4, 4, "D4、D6")]
    (cells,) = [d for d in found if d.variant == "blank-cells"]
    assert "has 2 blank cells (D4, D6) in rows" in cells.message("en")


def test_an_indicator_row_left_blank_is_said_at_its_line(tmp_path: Path, plan: Plan) -> None:
    """A form's row for 带动就业人数 with both figures blank: a notice at line 6 and a row
    inspect lists, and no figure for it (never a 0); a row with one figure is read."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["金寨县创业江淮行动计划进展情况统计表（2020年7月）"])
    ws.append(["序号", "指标名称", "计量单位", "本月", "1-7月累计"])
    ws.append([1, "新增注册企业", "个", None, 638])
    ws.append([2, "带动就业人数", "人", None, "  "])
    ws.append([3])  # a 序号 alone: no indicator's row, nothing to say
    path = tmp_path / "金寨县进展表.xlsx"
    wb.save(path)
    readings, found = read(plan, path)
    blank = [d for d in found if d.variant == "blank"]
    assert [(d.code, d.line, d.arguments["value"]) for d in blank] == [
        ("actuals.row-left-out", 4, "带动就业人数")
    ]
    # the row read from its 1-7月累计 alone: its blank 本月 is said too, at its cell
    (cell,) = [d for d in found if d.variant == "blank-cells"]
    assert (cell.code, cell.line, cell.column) == ("actuals.no-figure", 3, 4)
    assert cell.message() == (
        "“本月” 列有1格空白（D3），同行其他列填有数字：空白格未计入，不按0计；"
        "这些行按同行其他列的数字计算"
    )
    assert cell.message("en").startswith("column '本月' has 1 blank cell (D3) in rows with")
    assert "指标行未填数字：“带动就业人数”；该月此指标按未报送处理，不按 0 计" in blank[0].message()
    (reading,) = readings
    assert (4, "未填数字：带动就业人数") in reading.left_out
    assert [(f.indicator, f.basis) for f in reading.figures] == [("new_enterprises", "ytd")]


@pytest.mark.parametrize(("second", "codes", "counted"), [
    (60, ["actuals.duplicate-row"], Decimal("0.006")),  # the same row, renumbered: once
    (70, ["actuals.repeated-indicator"], Decimal("0.013")),  # another figure: added, and said
])  # fmt: skip
def test_an_indicator_twice_on_a_form_is_never_silent(
    tmp_path: Path, plan: Plan, second: int, codes: list[str], counted: Decimal
) -> None:
    """新增注册企业 on rows 3 and 4 of a form, with 序号 1 and 2 (a county clerk's copy of a
    row): the same figure is one row given twice, counted once; another figure is added up
    (60 + 70 = 130 个 = 0.013 万个), with a warning naming both rows, and doubted."""
    import openpyxl

    from chuangye_cli.suspects import doubts_of

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["金寨县创业江淮行动计划进展情况统计表（2020年7月）"])
    ws.append(["序号", "指标名称", "计量单位", "本月"])
    ws.append([1, "新增注册企业", "个", 60])
    ws.append([2, "新增注册企业", "个", second])
    path = tmp_path / "金寨县进展表.xlsx"
    wb.save(path)
    _, found = read(plan, path)
    said = [d for d in found if d.code in ("actuals.duplicate-row", "actuals.repeated-indicator")]
    assert [(d.code, d.line, d.column) for d in said] == [(codes[0], 4, 4)]
    actuals, _ = read_actuals([path], plan)
    (series,) = actuals.series.values()
    assert series.additions() == {Period(2020, 7).index: counted}
    doubted = doubts_of(found, plan).suspects
    assert [s.reasons for s in doubted] == ([("repeated",)] if second == 70 else [])
    if second == 70:
        assert "第3行已填本月 60 个，此行又填 70 个，已相加，共 130 个" in said[0].message()


def test_rows_of_parts_add_up_and_a_third_copy_names_the_first_rows_figure(
    tmp_path: Path, plan: Plan
) -> None:
    """Rows of one indicator that differ in a column not read (乡镇) are parts, added without
    a word, even with equal figures (50 + 50); a form giving 带动就业人数 three times says, at
    each copy, the first row's own figure and the sum so far (10, then 10 + 20 + 30 = 60)."""

    def form(name: str, first: str, rows: list[str]) -> Path:
        path = tmp_path / name
        title = "金寨县创业江淮行动计划进展情况统计表（2020年7月）"
        lines = [title, f"{first},指标名称,计量单位,本月完成", *rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    towns = form("towns.csv", "乡镇", ["梅山镇,带动就业人数,人,50", "白塔畈镇,带动就业人数,人,50"])
    actuals, found = read_actuals([towns], plan)
    warned = [d.code for d in found if d.severity == "warning"]
    assert warned == ["actuals.unknown-column"]  # 乡镇, not read (and said), no duplicate
    (series,) = actuals.series.values()
    assert series.additions() == {Period(2020, 7).index: Decimal("0.01")}  # 100 人 in 万人
    three = form("three.csv", "序号", [f"{k},带动就业人数,人,{10 * k}" for k in (1, 2, 3)])
    _, found = read_actuals([three], plan)
    repeated = [d for d in found if d.code == "actuals.repeated-indicator"]
    assert [(d.line, d.arguments["before"], d.arguments["total"]) for d in repeated] == [
        (4, "10", "30"),
        (5, "10", "60"),
    ]
    assert "第3行已填本月 10 人，此行又填 30 人，已相加，共 60 人" in repeated[1].message()


def test_inspect_shows_a_run_of_empty_columns_as_one(tmp_path: Path) -> None:
    """A sheet whose used range runs 300 columns past its table (a stray cell far to the right)
    lists those columns once: G–KS 空列（共300列）, and in JSON one entry with to and count."""
    from openpyxl import Workbook

    path = tmp_path / "金寨县2020年6月报表.xlsx"
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["序号", "指标名称", "计量单位", "本月完成", "1-6月累计", "备注"])
    ws.append([1, "带动就业人数", "人", 12, 120, None])
    ws.cell(row=3, column=306, value=" ")  # blank, but it widens the sheet to column KT
    wb.save(path)
    text = runner.invoke(app, ["inspect", str(path)])
    assert text.exit_code == 0, text.output
    assert "G–KT" in text.stdout and "空列（共300列），不读" in text.stdout
    assert len(text.stdout.splitlines()) < 60
    data = json.loads(runner.invoke(app, ["inspect", str(path), "--format", "json"]).stdout)
    columns = data["sheets"][0]["columns"]
    assert [c["column"] for c in columns] == ["A", "B", "C", "D", "E", "F", "G"]
    assert (columns[-1]["to"], columns[-1]["count"], columns[-1]["role"]) == ("KT", 300, "ignored")


def test_a_total_row_with_its_word_in_the_number_column(tmp_path: Path, plan: Plan) -> None:
    """Offices often write 合计 in the 序号 column: it is a total row, not a row with an empty
    indicator (two errors before)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["金寨县创业江淮行动计划进展情况统计表（2020年7月）"])
    ws.append(["序号", "指标名称", "计量单位", "本月完成", "1-7月累计", "备注"])
    ws.append([1, "新增注册企业", "个", 60, 638, None])
    ws.append(["合计", None, None, 60, 638, None])
    path = tmp_path / "金寨县7月.xlsx"
    wb.save(path)
    readings, found = read(plan, path)
    assert [d for d in found if d.severity == "error"] == []
    assert [line for line, _ in readings[0].left_out] == [4]
    assert len(readings[0].figures) == 2
    # and validate says so, as for a tidy table's total row (a form's was silent: a clerk's
    # finding)
    (said,) = [d for d in found if d.code == "actuals.row-left-out"]
    assert (said.line, said.variant, said.message()) == (
        4,
        "total",
        "合计行，未作为数据读取：“合计”",
    )


def test_an_unknown_column_of_a_wide_table_names_the_nearest_indicator(
    tmp_path: Path, plan: Plan
) -> None:
    """A wide table whose 发放创业担保贷款额 is not an indicator's name: its figures are not read,
    and the warning says which indicator was probably meant; a column that is plainly not one
    (联系人) gets no guess."""
    path = tmp_path / "分县区.csv"
    path.write_text(
        "月份,县区,新增注册企业,带动就业,发放创业担保贷款额,联系人\n2020-06,金寨县,120,300,50,张三\n",
        encoding="utf-8",
    )
    _, found = read(plan, path)
    unknown = [(d.column, d.message("zh")) for d in found if d.code == "actuals.unknown-column"]
    assert unknown == [
        (5, "列 “发放创业担保贷款额” 既不是计划中的指标，也不是本工具读取的列，已忽略"
            "（您是否要找：发放创业担保贷款）"),
        (6, "列 “联系人” 既不是计划中的指标，也不是本工具读取的列，已忽略"),
    ]  # fmt: skip


def test_a_table_of_one_indicator_by_county_is_read(tmp_path: Path, plan: Plan) -> None:
    """One indicator's column beside 月份 and 县区 (a unit's return of its own indicator) is a
    wide table of one indicator; it was refused as missing its 指标 and 数值 columns."""
    path = tmp_path / "带动就业.csv"
    path.write_text(
        "月份,县区,带动就业\n2020-06,金寨县,300\n2020-06,霍山县,250\n", encoding="utf-8"
    )
    readings, found = read(plan, path)
    assert [d.code for d in found if d.severity == "error"] == []
    assert [(r.layout, len(r.figures)) for r in readings] == [("wide", 2)]
    got = {(f.county, f.indicator): f.value for f in readings[0].figures}
    assert got == {
        ("金寨县", "jobs"): Decimal("0.03"),
        ("霍山县", "jobs"): Decimal("0.025"),
    }  # 万人


@pytest.mark.parametrize(
    ("title", "basis"),
    [("（2020年1-6月）", "ytd"), ("（2020年6月）", "increment")],
)
def test_a_wide_table_of_the_year_to_date_by_its_title(
    tmp_path: Path, plan: Plan, title: str, basis: str
) -> None:
    """A wide table under 六安市…进展情况表（2020年1-6月）: its figures are the year's to
    date, as in a long form (they were read as June's own, counting January to May twice);
    under （2020年6月）, the month's."""
    path = tmp_path / "分县区.csv"
    path.write_text(
        f"六安市创业江淮行动计划进展情况表{title}\n县区,新增注册企业（个）,带动就业（人）\n"
        "金寨县,504,1200\n霍山县,400,900\n",
        encoding="utf-8",
    )
    readings, found = read(plan, path)
    assert [d.code for d in found if d.severity == "error"] == []
    assert {(f.period, f.basis) for f in readings[0].figures} == {("2020-06", basis)}
    assert len(readings[0].figures) == 4


def test_a_lone_misnamed_indicator_column_is_named_in_the_error(tmp_path: Path, plan: Plan) -> None:
    """月份 | 县区 | 发放创业担保贷款额: no column of the plan, so no table; the error names the
    column and the indicator it is near (it gave only the accepted header names)."""
    path = tmp_path / "贷款.csv"
    path.write_text("月份,县区,发放创业担保贷款额\n2020-06,金寨县,50\n", encoding="utf-8")
    _, found = read(plan, path)
    (error,) = [d for d in found if d.severity == "error"]
    assert (error.code, error.variant) == ("actuals.missing-column", "indicator-like")
    assert (
        "列“发放创业担保贷款额”不是计划中的指标名称（您是否要找：发放创业担保贷款）"
        in error.message()
    )


def test_inspect_names_the_indicator_a_wide_column_was_matched_to(
    tmp_path: Path, plan: Plan
) -> None:
    """新增注册企业数 is read as 新增注册企业 (by its alias): the 各列 table says so (it repeated
    the header); JSON keeps the header's text."""
    from chuangye_cli.views.inspect import inspect_document

    path = tmp_path / "分县区.csv"
    path.write_text(
        "月份,县区,新增注册企业数,带动就业人数（人）\n2020-06,金寨县,12,30\n", encoding="utf-8"
    )
    readings, found = read(plan, path)
    doc = inspect_document(plan, readings, found, "zh")
    from chuangye_cli.document import Table

    table = next(
        b for section in doc.sections for b in section.blocks
        if isinstance(b, Table) and b.title == "各列"
    )  # fmt: skip
    shown = [row.cell("indicator").text for row in table.rows]
    assert shown == ["", "", "新增注册企业", "带动就业"]
    assert [c.indicator for c in readings[0].columns][2:] == [
        "新增注册企业数",
        "带动就业人数（人）",
    ]


def test_a_figure_merged_over_two_counties_counts_once(tmp_path: Path, plan: Plan) -> None:
    """带动就业 200 in a cell merged over 金安区 and 裕安区: it counted for both (400 in all);
    now for 金安区's row only, with a warning at the cell. The county names are not merged."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in (["月份", "县区", "新增注册企业", "带动就业"], ["2020-06", "金安区", 5, 200],
                ["2020-06", "裕安区", 7, None]):  # fmt: skip
        ws.append(row)
    ws.merge_cells("D2:D3")
    path = tmp_path / "分县区.xlsx"
    wb.save(path)
    readings, found = read(plan, path)
    jobs = {f.county: f.value for f in readings[0].figures if f.indicator == "jobs"}
    assert jobs == {"金安区": Decimal("0.02")}  # 200 人 in 万人, once
    merged = [(d.line, d.column) for d in found if d.code == "actuals.merged-figure"]
    assert merged == [(2, 4)]


def hand_made_form(path: Path, rows: list[list[object]]) -> Path:
    """金寨县's own form for June 2020: title, header, then ``rows``."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["金寨县创业江淮行动计划进展情况统计表（2020年6月）"])
    ws.append(["序号", "指标名称", "计量单位", "本月完成", "1-6月累计", "备注"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def form(path: Path, title: str, header: list[str], rows: list[list[object]]) -> Path:
    """A county's form: its title, its header, then ``rows``."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([title])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


JULY = "金寨县创业江淮行动计划进展情况统计表（2020年7月）"


def test_a_sub_row_naming_an_indicator_of_the_plan_is_read_as_it(
    tmp_path: Path, plan: Plan
) -> None:
    """其中：新增小微创业企业 under 新增注册企业 is an indicator of its own in the plan: read as
    it (it was left out, and progress showed 0); 其中：个人创业担保贷款 is part of the loans
    above and is still left out, with the indented line of its group."""
    path = hand_made_form(
        tmp_path / "金寨县6月.xlsx",
        [
            [1, "新增注册企业", "个", 96, 532, None],
            [None, "　其中：新增小微创业企业", "家", 7, 40, None],
            [2, "发放创业担保贷款", "万元", 612.5, 3318.6, None],
            [None, "　其中：个人创业担保贷款", "万元", 560.5, 2978.6, None],
            [None, "　　　　小微企业创业担保贷款", "万元", 52, 340, None],
            [3, "带动就业人数", "人", 280, 1540, None],
            [4, "新增小微创业企业", "家", None, None, None],  # blank: its 其中 row gives it
        ],
    )
    readings, found = read(plan, path)
    assert [d for d in found if d.severity != "notice"] == []
    got = {(f.line, f.indicator, f.basis): f.value for f in readings[0].figures}
    assert got[(4, "micro_enterprises", "increment")] == Decimal(7)
    assert got[(4, "micro_enterprises", "ytd")] == Decimal(40)
    assert {line for line, _, _ in got} == {3, 4, 5, 8}
    left = sorted((d.line, d.variant) for d in found if d.code == "actuals.row-left-out")
    assert left == [(6, "subrow"), (7, "subrow")]  # and no “未填数字” for line 9


def test_a_form_row_with_figures_and_no_indicator_name_is_a_warning(
    tmp_path: Path, plan: Plan
) -> None:
    """带动就业人员 with figures on a hand-made form is most likely 带动就业 under another name:
    a warning at its name cell with the nearest indicator (it was a notice, and the county
    counted as having reported); a row with no figure stays a notice. Under --strict an
    error."""
    path = hand_made_form(
        tmp_path / "金寨县6月.xlsx",
        [
            [1, "新增注册企业", "个", 96, 532, None],
            [2, "带动就业人员", "人", 280, 1540, None],
            [3, "联系人数", "人", None, None, None],
        ],
    )
    _, found = read(plan, path)
    (warned,) = [d for d in found if d.severity == "warning"]
    assert (warned.code, warned.line, warned.column) == ("actuals.row-not-read", 4, 2)
    assert warned.message("zh") == (
        "“带动就业人员” 填有数字（本月完成 280，1-6月累计 1540），但不是计划中的指标，该行未读取"
        "（您是否要找：带动就业）"
    )
    notices = [(d.line, d.variant) for d in found if d.code == "actuals.row-left-out"]
    assert notices == [(5, "unknown")]
    strict = runner.invoke(app, ["validate", "--actuals", str(path), "--strict"])
    assert strict.exit_code == 1 and "actuals.row-not-read" in strict.stdout


def test_a_warning_of_a_form_s_figure_names_its_cell(tmp_path: Path, plan: Plan) -> None:
    """A falling 1-6月累计 (E), a 本月 at odds with it (D), a 元 slip (E, the total the month
    is read from): each at its cell, as errors are (they named only the row)."""

    def month(n: int, rows: list[list[object]]) -> Path:
        title = f"金寨县创业江淮行动计划进展情况统计表（2020年{n}月）"
        header = ["序号", "指标名称", "计量单位", "本月完成", f"1-{n}月累计"]
        return form(tmp_path / f"金寨县{n}月.xlsx", title, header, rows)

    may = month(5, [[1, "新增注册企业", "个", 100, 500], [2, "带动就业", "人", 300, 1500]])
    june = month(6, [[1, "新增注册企业", "个", 90, 480], [2, "带动就业", "人", 5, 18000000]])
    _, found = read(plan, may, june)
    at = sorted((d.code, d.line, d.column) for d in found if d.severity == "warning")
    assert at == [
        ("actuals.falling", 3, 5),  # 480 after 500
        ("actuals.implausible", 4, 5),  # 18,000,000: a 万 slip of the total
        ("actuals.month-total", 3, 4),  # 90, but 480 - 500
        ("actuals.month-total", 4, 4),  # 5, but 18,000,000 - 1,500
    ]
    assert all(
        d.location.endswith(("(D3)", "(E3)", "(D4)", "(E4)"))
        for d in found
        if d.severity == "warning"
    )


def test_a_month_at_odds_with_a_unit_s_level_is_said_at_the_county_s_cell(
    tmp_path: Path,
) -> None:
    """开发区's form says 众创空间 本月新增 0 beside a 期末数 of 2; 市科技局's file, read first,
    gives the same 2 after June's 1: the warning stands at the form's 本月 cell (D), where the
    0 was written, not at 市科技局's row (a city office's finding: the wrong unit was blamed)."""
    import shutil

    import openpyxl

    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    (data / "actuals" / "市科技局2020年7月众创空间.csv").write_text(
        "period,county,indicator,value,basis\n2020-07,kaifaqu,maker_spaces,2,level\n",
        encoding="utf-8",
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["六安经济技术开发区创业江淮行动计划进展情况统计表（2020年7月）"])
    ws.append(["序号", "指标名称", "计量单位", "本月完成", "1-7月累计", "期末数"])
    ws.append([1, "累计建设市级及以上众创空间", "个", 0, None, 2])
    wb.save(data / "actuals" / "开发区7月.xlsx")
    found = json.loads(runner.invoke(app, ["validate", "--data", str(data), "-f", "json"]).stdout)
    (warned,) = [d for d in found if d["code"] == "actuals.month-total"]
    assert (Path(str(warned["file"])).name, warned["line"], warned["column"]) == (
        "开发区7月.xlsx",
        3,
        4,
    )
    assert str(warned["message"]).endswith("本月新增 0 个，但期末数 2 减去上月期末数 1 为 1 个")
    # corrected (更正) with the same 本月 a row lower: at the correction's cell, not the replaced
    ws.insert_rows(3)
    ws.cell(row=3, column=2, value="（单位：个）")
    wb.save(data / "actuals" / "开发区7月（更正）.xlsx")
    found = json.loads(runner.invoke(app, ["validate", "--data", str(data), "-f", "json"]).stdout)
    assert "actuals.replaced" in {d["code"] for d in found}
    (warned,) = [d for d in found if d["code"] == "actuals.month-total"]
    assert (Path(str(warned["file"])).name, warned["line"]) == ("开发区7月（更正）.xlsx", 4)


def test_a_note_is_shown_in_the_views_of_its_month_and_after(tmp_path: Path) -> None:
    """金寨县's July form, sent early, says 本月未单列 in 备注: the June view (the default) does
    not show it beside June's figures (it contradicted them: an analyst's finding); July's does."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    header = ["序号", "指标名称", "计量单位", "本月完成", "1-7月累计", "备注"]
    rows: list[list[object]] = [[1, "阶梯式创业培训", "人次", None, 300, "本月未单列"]]
    form(data / "actuals" / "金寨县7月.xlsx", JULY, header, rows)

    def note(*args: str) -> object:
        out = runner.invoke(
            app, ["progress", "--data", str(data), "--by", "county", "-f", "json", *args]
        )
        doc = json.loads(out.stdout)
        (row,) = [
            r for r in doc["rows"] if r["county_id"] == "jinzhai" and r["indicator"] == "training"
        ]
        return row["note"]

    assert note() == ""
    assert note("--as-of", "2020-07") == "本月未单列"


def test_a_row_not_read_is_pointed_only_to_indicators_its_figures_fit(
    tmp_path: Path, plan: Plan
) -> None:
    """创业担保贷款回收率 in % is near 发放创业担保贷款 by name but not by unit (万元): no “您是否
    要找” that would put 0.98 into an amount (a clerk's finding); 发放创业担报贷款 in 万元 is
    pointed to it."""
    path = hand_made_form(
        tmp_path / "金寨县6月.xlsx",
        [
            [1, "创业担保贷款回收率", "%", 0.98, 0.98, None],
            [2, "发放创业担报贷款", "万元", 400, 2479, None],
        ],
    )
    _, found = read(plan, path)
    said = [d.message("zh") for d in found if d.code == "actuals.row-not-read"]
    assert said == [
        "“创业担保贷款回收率” 填有数字（本月完成 0.98，1-6月累计 0.98），但不是计划中的指标，该行未读取",
        "“发放创业担报贷款” 填有数字（本月完成 400，1-6月累计 2479），但不是计划中的指标，该行未读取"
        "（您是否要找：发放创业担保贷款）",
    ]


def test_a_return_lacking_an_indicator_names_the_row_not_read_that_may_be_it(
    tmp_path: Path,
) -> None:
    """A misspelt row (新增小微企业) is not read, so the return lacks 新增小微创业企业 and the
    county is marked 缺项: the warning of the lacking indicator names the row (a clerk saw the
    two warnings and did not tie them); a row near no lacking indicator is not named."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    rows: list[list[object]] = [
        [1, "新增注册企业", "个", 96, 900, None],
        [2, "新增小微企业", "家", 7, 300, None],  # line 4: misspelt
        [3, "联系电话数", "个", 3, 3, None],  # line 5: near no indicator it lacks
    ]
    header = ["序号", "指标名称", "计量单位", "本月完成", "1-7月累计", "备注"]
    form(data / "actuals" / "金寨县7月.xlsx", JULY, header, rows)
    found = json.loads(runner.invoke(app, ["validate", "--data", str(data), "-f", "json"]).stdout)
    (partial,) = [d for d in found if d["code"] == "returns.partial"]
    assert partial["message"].startswith(
        "金寨县 2020年7月的报表（金寨县7月.xlsx[Sheet]）没有此前报送的指标："
    )
    assert partial["message"].endswith(
        "该月这些指标按未报送处理，不按 0 计。表中第4行“新增小微企业”填有数字但未读取："
        "如即此指标，请改为计划中的名称"
    )
    english = runner.invoke(app, ["--lang", "en", "validate", "--data", str(data)]).stdout
    assert "The form's line 4 “新增小微企业” with figures was not read" in " ".join(english.split())


@pytest.mark.parametrize(
    ("june", "warned"), [(560, True), (600, True), (601, False), (500, False), (60, False)]
)
def test_a_month_figure_as_large_as_the_months_received_is_a_warning(
    tmp_path: Path, plan: Plan, june: int, warned: bool
) -> None:
    """January–May are held (100 人 a month); June's form gives only 本月. 560 and 600 are the
    year's total typed in the month's column (60, 100 meant); 601 is over the five months by
    more than any of them (a lumpy month), 500 no more than them, 60 a month."""
    held = tmp_path / "1-5月.csv"
    held.write_text(
        "period,county,indicator,value,unit\n"
        + "".join(f"2020-0{m},金寨县,带动就业,100,人\n" for m in range(1, 6)),
        encoding="utf-8",
    )
    form = hand_made_form(
        tmp_path / "金寨县6月.xlsx", [[1, "带动就业人数", "人", june, None, None]]
    )
    _, found = read(plan, held, form)
    got = [d for d in found if d.code == "actuals.month-total"]
    assert [(d.variant, d.file, d.line) for d in got] == (
        [("held", str(form), 3)] if warned else []
    )
    if june == 560:
        assert got[0].message("zh") == (
            "金寨县·带动就业 2020-06：本月 560 人 大于已收到的1-5月之和 500 人："
            "是否把1-6月累计填进了本月栏（本月应为 60 人）？"
        )


@pytest.mark.parametrize(("months", "form_month"), [((1, 2), 3), ((1, 2, 3, 5), 6)])
def test_no_year_total_warning_without_three_whole_months_before(
    tmp_path: Path, plan: Plan, months: tuple[int, ...], form_month: int
) -> None:
    """March after two months (Spring Festival makes a small February), or June with April
    missing: the months received say nothing of the year's total."""
    held = tmp_path / "held.csv"
    held.write_text(
        "period,county,indicator,value,unit\n"
        + "".join(f"2020-0{m},金寨县,带动就业,100,人\n" for m in months),
        encoding="utf-8",
    )
    path = tmp_path / f"金寨县{form_month}月.xlsx"
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([f"金寨县创业江淮行动计划进展情况统计表（2020年{form_month}月）"])
    ws.append(["序号", "指标名称", "计量单位", "本月完成"])
    ws.append([1, "带动就业人数", "人", 900])
    wb.save(path)
    _, found = read(plan, held, path)
    assert [d for d in found if d.code == "actuals.month-total"] == []


@pytest.mark.parametrize("name", ["六安市", "六安市合计"])
def test_a_row_for_the_whole_city_is_a_total_row(tmp_path: Path, plan: Plan, name: str) -> None:
    """六安市 is the plan's whole area (its title's head), no division of it: a row for it is
    a total, checked against the rows above, not an unknown county three times over."""
    path = tmp_path / "分县区.csv"
    path.write_text(
        "月份,县区,新增注册企业,带动就业,发放创业担保贷款（万元）\n"
        "2020-06,金安区,100,300,50\n2020-06,裕安区,120,310,60\n"
        f"2020-06,{name},220,600,110\n",
        encoding="utf-8",
    )
    readings, found = read(plan, path)
    assert [(d.code, d.line, d.column) for d in found if d.severity != "notice"] == [
        ("actuals.total", 4, 4)  # 600 against 610
    ]
    assert {f.county for r in readings for f in r.figures} == {"金安区", "裕安区"}


def test_an_unknown_county_of_a_wide_row_is_reported_once(tmp_path: Path, plan: Plan) -> None:
    """The county's cell is read for each of the row's three figures: one error at it."""
    path = tmp_path / "分县区.csv"
    path.write_text(
        "月份,县区,新增注册企业,带动就业,发放创业担保贷款（万元）\n2020-06,东城区,100,300,50\n",
        encoding="utf-8",
    )
    _, found = read(plan, path)
    assert [(d.code, d.line, d.column) for d in found if d.severity == "error"] == [
        ("actuals.county", 2, 2)
    ]


def test_a_month_outside_the_plan_in_the_title_is_one_error(tmp_path: Path, plan: Plan) -> None:
    """The title's 2017年6月 is read for each of the form's four figures: one error, at the
    title (there were four, one per figure, all at A1)."""
    path = hand_made_form(tmp_path / "金寨县.xlsx", [[1, "新增注册企业", "个", 5, 50, None]])
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws["A1"] = "金寨县创业江淮行动计划进展情况统计表（2017年6月）"
    ws.append([2, "带动就业人数", "人", 5, 50, None])
    wb.save(path)
    _, found = read(plan, path)
    assert [(d.code, d.line, d.column) for d in found if d.severity == "error"] == [
        ("actuals.period", 1, 1)
    ]


def test_a_sub_row_whose_indicator_has_its_own_row_is_not_counted_again(
    tmp_path: Path, plan: Plan
) -> None:
    """其中：新增小微创业企业 7 under 新增注册企业, and 新增小微创业企业's own row of 9: the 其中
    row is part of the row above, listed and not read (it was added to its own row: 16)."""
    path = hand_made_form(
        tmp_path / "金寨县6月.xlsx",
        [
            [1, "新增注册企业", "个", 96, None, None],
            [None, "其中：新增小微创业企业", "家", 7, None, None],
            [2, "新增小微创业企业", "家", 9, None, None],
        ],
    )
    readings, found = read(plan, path)
    got = [(f.line, f.indicator, f.value) for f in readings[0].figures]
    assert got == [(3, "new_enterprises", Decimal("0.0096")), (5, "micro_enterprises", 9)]
    assert [(d.line, d.variant) for d in found if d.code == "actuals.row-left-out"] == [
        (4, "subrow")
    ]


@pytest.mark.parametrize(
    ("name", "unit", "read_as"),
    [
        ("其中：新增小微创业企业（家）", "家", "micro_enterprises"),  # a unit in brackets
        ("其中：大学生创业", "万元", None),  # 促进大学生等青年创业 is counted in 人: not it
    ],
)
def test_a_sub_row_is_read_as_an_indicator_only_when_its_figures_fit(
    tmp_path: Path, plan: Plan, name: str, unit: str, read_as: str | None
) -> None:
    path = hand_made_form(
        tmp_path / "金寨县6月.xlsx",
        [[1, "发放创业担保贷款", "万元", 612.5, None, None], [None, name, unit, 60, None, None]],
    )
    readings, found = read(plan, path)
    assert [d for d in found if d.severity == "error"] == []
    got = {f.indicator for f in readings[0].figures if f.line == 4}
    assert got == ({read_as} if read_as else set())


def test_indented_rows_are_a_group_only_under_a_sub_row(tmp_path: Path, plan: Plan) -> None:
    """A form with a heading (一、创业主体) and its indicators indented under it: an indented
    带动就业人员 with figures is a row of its own, warned of (it was taken for a line of a
    其中 group, none having begun); under 其中：个人创业担保贷款 the indented line is the group's."""
    path = hand_made_form(
        tmp_path / "金寨县6月.xlsx",
        [
            [None, "一、创业主体", None, None, None, None],
            [1, "  新增注册企业", "个", 96, None, None],
            [2, "  带动就业人员", "人", 280, None, None],
            [3, "  发放创业担保贷款", "万元", 612.5, None, None],
            [None, "  其中：个人创业担保贷款", "万元", 560.5, None, None],
            [None, "      小微企业创业担保贷款", "万元", 52, None, None],
            [4, "  促进大学生等青年创业", "人", 21, None, None],
        ],
    )
    readings, found = read(plan, path)
    assert [(d.code, d.line) for d in found if d.severity == "warning"] == [
        ("actuals.row-not-read", 5)
    ]
    assert [(d.line, d.variant) for d in found if d.code == "actuals.row-left-out"] == [
        (3, "unknown"), (7, "subrow"), (8, "subrow")
    ]  # fmt: skip
    assert {f.line for f in readings[0].figures} == {4, 6, 9}


def test_a_row_of_text_is_no_row_with_figures(tmp_path: Path, plan: Plan) -> None:
    """数据来源 | 统计局 and 报送时间 | 7月5日 are notes, not figures: notices (they were warned
    of as rows with figures, and errors under --strict)."""
    path = hand_made_form(
        tmp_path / "金寨县6月.xlsx",
        [
            [1, "新增注册企业", "个", 96, None, None],
            [None, "数据来源", None, "统计局", "见附件", None],
        ],
    )
    _, found = read(plan, path)
    assert [d for d in found if d.severity != "notice"] == []
    assert [(d.line, d.variant) for d in found if d.code == "actuals.row-left-out"] == [
        (4, "unknown")
    ]


def test_different_problems_of_one_header_cell_are_each_reported(
    tmp_path: Path, plan: Plan
) -> None:
    """A header's 万元 fits the loans and neither 带动就业 nor 新增注册企业: an error for each
    (one cell, two problems; only the first was reported)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["金寨县创业江淮行动计划进展情况统计表（2020年6月）"])
    ws.append(["序号", "指标名称", "本月完成（万元）"])
    ws.append([1, "发放创业担保贷款", 612.5])
    ws.append([2, "带动就业人数", 280])
    ws.append([3, "新增注册企业", 96])
    path = tmp_path / "金寨县6月.xlsx"
    wb.save(path)
    _, found = read(plan, path)
    errors_found = [(d.code, d.arguments.get("indicator")) for d in found if d.severity == "error"]
    assert errors_found == [("actuals.unit", "带动就业"), ("actuals.unit", "新增注册企业")]


def test_a_total_over_a_row_that_could_not_be_read_is_not_checked(
    tmp_path: Path, plan: Plan
) -> None:
    """金寨区 is no county: its row's figures are an error, and the 六安市合计 row cannot be
    checked against a sum that lacks them: a notice naming the row, not a wrong total warning
    for every column (there were two, 合计 220 against 100 and 600 against 300)."""
    path = tmp_path / "分县区.csv"
    path.write_text(
        "月份,县区,新增注册企业,带动就业\n2020-06,金安区,100,300\n2020-06,金寨区,120,300\n"
        "2020-06,六安市合计,220,600\n",
        encoding="utf-8",
    )
    _, found = read(plan, path)
    assert [(d.code, d.line) for d in found if d.severity != "notice"] == [("actuals.county", 3)]
    (unchecked,) = [d for d in found if d.variant == "unchecked"]
    assert (unchecked.line, unchecked.arguments["rows"]) == (4, "3")


@pytest.mark.parametrize(
    ("title", "code", "at", "said"),
    [
        ("金寨县创业江淮行动计划进展情况统计表（2020年13月）", "actuals.period", (1, 1),
         "“2020年13月” 中的月份 13 不在 1-12 之间"),
        ("金寨区创业江淮行动计划进展情况统计表（2020年6月）", "actuals.no-context", (2, None),
         "没有县区：表中无此列，标题、填报单位行、工作表名和文件名中也没有；标题开头的 “金寨区” "
         "不是县区（您是否要找：金寨县）"),
    ],
)  # fmt: skip
def test_a_title_with_a_wrong_month_or_county_says_what_is_wrong(
    tmp_path: Path, plan: Plan, title: str, code: str, at: tuple[int, int | None], said: str
) -> None:
    """The title gives a month that cannot be, or a place that is no county: the error says
    so (it said the title named no month or county at all)."""
    path = hand_made_form(tmp_path / "报表.xlsx", [[1, "新增注册企业", "个", 96, None, None]])
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws["A1"] = title
    wb.save(path)
    _, found = read(plan, path)
    (error,) = [d for d in found if d.severity == "error"]
    assert (error.code, (error.line, error.column), error.message("zh")) == (code, at, said)


@pytest.mark.parametrize(
    "rows",
    [
        [[1, "新增注册企业", "个", 100, None, None], [None, "其中：新增小微创业企业", "家", 150, None, None]],
        [[1, "新增注册企业", "个", 100, None, None], [None, "其中：返乡创业企业", "个", 30, None, None],
         [None, "　　新增小微创业企业", "家", 10, None, None]],
    ],
)  # fmt: skip
def test_a_sub_row_is_not_taken_for_the_countys_whole_figure(
    tmp_path: Path, plan: Plan, rows: list[list[object]]
) -> None:
    """A 其中 row of 150 under 100 is no part of it; a line under 其中：返乡创业企业 naming
    新增小微创业企业 is a part of a part, not the county's figure: neither is read."""
    readings, _ = read(plan, hand_made_form(tmp_path / "金寨县6月.xlsx", rows))
    assert [f.indicator for f in readings[0].figures] == ["new_enterprises"]


@pytest.mark.parametrize(
    ("rows", "read_as"),
    [
        # a bare 其中： opens a list of items: the line under it names one
        ([[1, "新增注册企业", "个", 100, None, None], [None, "其中：", None, None, None, None],
          [None, "　　新增小微创业企业", "家", 30, None, None]], ["new_enterprises", "micro_enterprises"]),
        # a blank unit is the row above's: 150 户 is more than the 100 户 it is part of
        ([[1, "新增注册企业", "户", 100, None, None],
          [None, "其中：新增小微创业企业", None, 150, None, None]], ["new_enterprises"]),
        # units in the names: 300 户 is within 0.12 万户
        ([[1, "新增注册企业（万户）", None, 0.12, None, None],
          [None, "其中：新增小微创业企业（户）", None, 300, None, None]],
         ["new_enterprises", "micro_enterprises"]),
    ],
)  # fmt: skip
def test_what_a_sub_row_gives_is_read_by_its_group_and_its_unit(
    tmp_path: Path, plan: Plan, rows: list[list[object]], read_as: list[str]
) -> None:
    readings, _ = read(plan, hand_made_form(tmp_path / "金寨县6月.xlsx", rows))
    assert [f.indicator for f in readings[0].figures] == read_as


def test_a_filing_date_that_is_no_date_is_warned_of(tmp_path: Path, plan: Plan) -> None:
    """填报日期：2020年8月34日 decides nothing (it was dropped without a word, though the
    later of two returns replaces the other): a warning at its cell."""
    path = hand_made_form(tmp_path / "金寨县.xlsx", [[1, "新增注册企业", "个", 96, None, None]])
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws.insert_rows(2)
    ws["A2"] = "填报单位：金寨县人社局　填报日期：2020年8月34日"
    wb.save(path)
    _, found = read(plan, path)
    (warned,) = [d for d in found if d.severity != "notice"]
    assert (warned.code, warned.line, warned.column) == ("actuals.filed", 2, 1)
    assert warned.message("zh") == "填报日期 “2020年8月34日” 不是有效日期，未用来判断报表先后"
