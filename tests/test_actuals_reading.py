"""Reading actual figures: encodings, Chinese headers, ways of naming things, Excel, folders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from chuangye_cli.domain import Actuals, Basis
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.reading import read_actuals
from tests.conftest import csv_text, errors, load_data, make_data, warnings_of

D = Decimal
ZH_HEADER = ("月份", "县区", "指标", "数值", "单位", "口径", "备注")


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    loaded = load_data(make_data(tmp_path / "plan", []))
    assert loaded.plan is not None
    return loaded.plan


def values(actuals: Actuals, county: str, indicator: str) -> dict[Period, Decimal]:
    series = actuals.series[(county, indicator)]
    (basis,) = series.bases
    return {Period.from_index(p): v for p, v in series.figures[basis].items()}


def read_text(
    tmp_path: Path, plan: Plan, text: str, encoding: str = "utf-8", name: str = "a.csv"
) -> tuple[Actuals, list[str]]:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    actuals, diagnostics = read_actuals([path], plan)
    return actuals, [str(d) for d in diagnostics]


def besides_implausible(diagnostics: list[str]) -> list[str]:
    """The diagnostics of reading, without the warnings on figures too large for the small test
    plan (its targets are tens of firms: :mod:`chuangye_cli.reading.plausible`)."""
    return [d for d in diagnostics if "[actuals.implausible]" not in d]


CHINESE_ROWS = [
    ("2019年6月", "东区", "新增企业", "3", "个", "当月新增", "一季度补报"),
    ("2019/07", "西县", "发放贷款", "1,200", "万元", "1-7月累计", ""),
    ("2019-08", "市直", "众创空间", "2", "个", "期末存量", ""),
]


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030")],
)
def test_encodings_with_chinese_headers_and_names(
    tmp_path: Path, plan: Plan, encoding: str, detected: str
) -> None:
    actuals, diagnostics = read_text(
        tmp_path, plan, csv_text(CHINESE_ROWS, ZH_HEADER), encoding=encoding
    )
    assert diagnostics == []
    assert values(actuals, "east", "firms") == {Period(2019, 6): 3}
    assert values(actuals, "west", "loans") == {Period(2019, 7): D("0.12")}  # 1200 万元
    assert values(actuals, "city", "spaces") == {Period(2019, 8): 2}
    assert actuals.series[("west", "loans")].bases == {"ytd"}
    assert actuals.series[("city", "spaces")].bases == {"level"}
    assert actuals.series[("east", "firms")].notes == ["一季度补报"]
    assert [(s.kind, s.encoding, s.rows) for s in actuals.sources] == [("csv", detected, 3)]


def test_gb18030_bytes_really_are_not_utf8(tmp_path: Path) -> None:
    # guard for the test above: the GB18030 file must not also be valid UTF-8
    with pytest.raises(UnicodeDecodeError):
        csv_text(CHINESE_ROWS, ZH_HEADER).encode("gb18030").decode("utf-8")


def test_columns_in_any_order_and_unknown_columns_are_ignored(tmp_path: Path, plan: Plan) -> None:
    header = ("数值", "备注", "说不清", "指标", "月份", "县区")
    text = csv_text([("7", "", "whatever", "firms", "2019-06", "east")], header)
    actuals, diagnostics = read_text(tmp_path, plan, text)
    assert values(actuals, "east", "firms") == {Period(2019, 6): 7}
    assert len(diagnostics) == 1
    assert "warning[actuals.unknown-column]" in diagnostics[0]
    assert ":1:3:" in diagnostics[0]  # header line, third column
    # the columns it does read, in Chinese for a Chinese clerk (they were the English ids)
    assert diagnostics[0].endswith(
        "列 “说不清” 不是本工具读取的列，已忽略（可识别：期间、县区、指标、数值、单位、口径、备注，"
        "及“本月完成”“1-N月累计”“期末数”等数字列）"
    )


@pytest.mark.parametrize(
    "period",
    ["2019-06", "2019-6", "2019/06", "2019/6", "2019年6月", "2019年06月", "2019年6月份", "201906"],
)
def test_period_spellings(tmp_path: Path, plan: Plan, period: str) -> None:
    actuals, diagnostics = read_text(tmp_path, plan, csv_text([(period, "east", "firms", "1")]))
    assert diagnostics == []
    assert values(actuals, "east", "firms") == {Period(2019, 6): 1}


@pytest.mark.parametrize(("county", "expected"), [
    ("east", "east"),  # id
    ("东区", "east"),  # name
    ("340101", "east"),  # division code
    ("东城", "east"),  # alias
    ("西县", "west"),
    ("340102", "west"),
    ("市直", "city"),
    ("市本级", "city"),
])  # fmt: skip
def test_county_by_id_name_code_or_alias(
    tmp_path: Path, plan: Plan, county: str, expected: str
) -> None:
    actuals, diagnostics = read_text(tmp_path, plan, csv_text([("2019-06", county, "firms", "1")]))
    assert diagnostics == []
    assert list(actuals.series) == [(expected, "firms")]


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [("firms", "firms"), ("新增企业", "firms"), ("发放贷款", "loans"), ("众创空间", "spaces")],
)
def test_indicator_by_id_or_chinese_name(
    tmp_path: Path, plan: Plan, indicator: str, expected: str
) -> None:
    actuals, diagnostics = read_text(
        tmp_path, plan, csv_text([("2019-06", "east", indicator, "1")])
    )
    assert diagnostics == []
    assert list(actuals.series) == [("east", expected)]


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        ("increment", "increment"),
        ("当月", "increment"),
        ("ytd", "ytd"),
        ("1-6月累计", "ytd"),
        ("本年累计", "ytd"),
        ("to_date", "to_date"),
        ("开累", "to_date"),
    ],
)
def test_basis_spellings(tmp_path: Path, plan: Plan, basis: str, expected: str) -> None:
    text = csv_text(
        [("2019-06", "east", "firms", "1", basis)], ("月份", "县区", "指标", "数值", "口径")
    )
    actuals, diagnostics = read_text(tmp_path, plan, text)
    assert diagnostics == []
    assert actuals.series[("east", "firms")].bases == {expected}


def test_default_basis_is_increment_for_flows_and_level_for_stocks(
    tmp_path: Path, plan: Plan
) -> None:
    rows = [("2019-06", "east", "firms", "1"), ("2019-06", "east", "spaces", "4")]
    actuals, _ = read_text(
        tmp_path, plan, csv_text(rows, ("period", "county", "indicator", "value"))
    )
    assert actuals.series[("east", "firms")].bases == {"increment"}
    assert actuals.series[("east", "spaces")].bases == {"level"}


def test_tab_separated_text_and_blank_lines(tmp_path: Path, plan: Plan) -> None:
    text = "period\tcounty\tindicator\tvalue\n\n2019-06\teast\tfirms\t12,000\n\n"
    actuals, diagnostics = read_text(tmp_path, plan, text)
    assert besides_implausible(diagnostics) == []
    assert values(actuals, "east", "firms") == {Period(2019, 6): 12000}


def test_line_numbers_follow_quoted_newlines(tmp_path: Path, plan: Plan) -> None:
    text = (
        "period,county,indicator,value,note\n"  # line 1
        '2019-06,east,firms,1,"two\n'  # line 2
        'lines"\n'  # line 3
        "2019-07,east,firms,oops,\n"  # line 4
    )
    _, diagnostics = read_text(tmp_path, plan, text)
    assert len(diagnostics) == 1
    assert f"{tmp_path / 'a.csv'}:4:4: error[actuals.value]" in diagnostics[0]


def write_workbook(path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "汇总"
    first.append(["月份", "县区", "指标", "数值", "单位"])
    first.append([dt.datetime(2019, 6, 1), "东区", "新增企业", 3, None])  # a date cell
    first.append(["2019年7月", "340102", "loans", 2.5, "亿元"])  # a float cell
    first.append([201908, "east", "firms", "1.2万", None])  # a number as period
    second = workbook.create_sheet("明细")
    second.append(["period", "county", "indicator", "value"])
    second.append(["2019-06", "west", "firms", 7])
    workbook.save(path)


def test_xlsx_every_sheet_with_a_table(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "figures.xlsx"
    write_workbook(path)
    actuals, diagnostics = read_actuals([path], plan)
    assert besides_implausible([str(d) for d in diagnostics]) == []
    assert values(actuals, "east", "firms") == {Period(2019, 6): 3, Period(2019, 8): 12000}
    assert values(actuals, "west", "loans") == {Period(2019, 7): D("2.5")}
    assert values(actuals, "west", "firms") == {Period(2019, 6): 7}  # the second sheet
    assert [(s.kind, s.sheet, s.rows) for s in actuals.sources] == [
        ("xlsx", "汇总", 3),
        ("xlsx", "明细", 1),
    ]


def test_xlsx_named_sheet(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "figures.xlsx"
    write_workbook(path)
    actuals, diagnostics = read_actuals([path], plan, sheet="明细")
    assert diagnostics == []
    assert list(actuals.series) == [("west", "firms")]
    assert values(actuals, "west", "firms") == {Period(2019, 6): 7}


def test_xlsx_missing_sheet_is_an_error(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "figures.xlsx"
    write_workbook(path)
    _, diagnostics = read_actuals([path], plan, sheet="没有")
    assert [(d.code, d.file) for d in diagnostics] == [("actuals.sheet", str(path))]
    assert "明细" in diagnostics[0].message("en")  # names the sheets there are


def test_xlsx_errors_name_the_sheet_row_and_column(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "bad.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["B3"] = "period"  # the table starts at B3
    sheet["C3"] = "county"
    sheet["D3"] = "indicator"
    sheet["E3"] = "value"
    sheet.append([None, "2019-06", "east", "firms", 1])  # row 4
    sheet.append([None, "2019-06", "north", "firms", 1])  # row 5
    workbook.save(path)
    _, diagnostics = read_actuals([path], plan)
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("actuals.county", 5, 3)]


def test_a_folder_of_files(tmp_path: Path) -> None:
    data = make_data(tmp_path / "data", [])
    (data / "actuals.csv").unlink()
    folder = data / "actuals"
    folder.mkdir()
    (folder / "a.csv").write_text(csv_text([("2019-06", "east", "firms", "3")]), encoding="utf-8")
    (folder / "b.csv").write_bytes(
        csv_text([("2019年6月", "东区", "新增企业", "4")], ZH_HEADER[:4]).encode("gb18030")
    )
    write_workbook(folder / "c.xlsx")
    (folder / "README.md").write_text("not figures", encoding="utf-8")
    (folder / "~$c.xlsx").write_bytes(b"an Excel lock file")
    loaded = load_data(data)
    # 东区's 2019-06 is in a.csv (3), b.csv (4) and the workbook's first sheet (3): three
    # returns for one county and month, none marked as a correction: b.csv conflicts (never a
    # sum); the workbook's holds a.csv's figure again (a warning, counted once)
    conflicts = [
        (Path(d.file or "").name, d.arguments["first"], d.arguments["second"])
        for d in errors(loaded)
    ]
    assert conflicts == [("b.csv", "a.csv", "b.csv")]
    same = [d for d in loaded.diagnostics if d.code == "actuals.same-return"]
    assert [(d.arguments["first"], d.arguments["second"]) for d in same] == [
        ("a.csv", "c.xlsx[汇总]")
    ]
    assert loaded.actuals is not None
    assert sorted(s.name for s in loaded.actuals.sources) == [
        "a.csv",
        "b.csv",
        "c.xlsx[明细]",
        "c.xlsx[汇总]",
    ]


def test_a_folder_of_files_for_different_months(tmp_path: Path) -> None:
    data = make_data(tmp_path / "data", [])
    (data / "actuals.csv").unlink()
    folder = data / "actuals"
    folder.mkdir()
    (folder / "a.csv").write_text(csv_text([("2019-05", "east", "firms", "3")]), encoding="utf-8")
    (folder / "b.csv").write_bytes(
        csv_text([("2019年6月", "东区", "新增企业", "4")], ZH_HEADER[:4]).encode("gb18030")
    )
    (folder / "README.md").write_text("not figures", encoding="utf-8")
    loaded = load_data(data)
    assert errors(loaded) == []
    assert loaded.actuals is not None
    assert values(loaded.actuals, "east", "firms") == {Period(2019, 5): 3, Period(2019, 6): 4}


def test_several_files_given_one_by_one(tmp_path: Path, plan: Plan) -> None:
    first, second = tmp_path / "one.csv", tmp_path / "two.csv"
    first.write_text(csv_text([("2019-06", "east", "spaces", "2")]), encoding="utf-8")
    second.write_text(csv_text([("2019-07", "east", "spaces", "3")]), encoding="utf-8")
    actuals, diagnostics = read_actuals([first, second], plan)
    assert diagnostics == []
    assert values(actuals, "east", "spaces") == {Period(2019, 6): 2, Period(2019, 7): 3}
    assert actuals.rows == 2


def test_a_falling_ytd_series_is_a_warning_not_an_error(tmp_path: Path) -> None:
    rows = [
        ("2019-05", "east", "loans", "500", "", "ytd", ""),  # line 2
        ("2019-06", "east", "loans", "400", "", "ytd", ""),  # line 3: falls
        ("2020-01", "east", "loans", "100", "", "ytd", ""),  # a new year restarts: no warning
    ]
    loaded = load_data(make_data(tmp_path, rows))
    assert errors(loaded) == []
    found = warnings_of(loaded)
    assert [(d.code, d.file, d.line) for d in found] == [
        ("actuals.falling", str(tmp_path / "actuals.csv"), 3)
    ]


def test_a_falling_to_date_series_is_a_warning_even_across_years(tmp_path: Path) -> None:
    rows = [
        ("2019-12", "east", "loans", "500", "", "to_date", ""),
        ("2020-01", "east", "loans", "100", "", "to_date", ""),  # line 3
    ]
    loaded = load_data(make_data(tmp_path, rows))
    assert errors(loaded) == []
    assert [(d.code, d.line) for d in warnings_of(loaded)] == [("actuals.falling", 3)]


@pytest.mark.parametrize("engine", ["python", "columnar"])
def test_a_falling_level_of_a_stock_built_up_is_a_warning(
    tmp_path: Path, plan: Plan, engine: str
) -> None:
    """众创空间 (a stock built up toward 10): a 期末数 below the one before it is doubted, across
    years and over a month not reported; a level that stays or rises is not. Both engines."""
    path = tmp_path / "levels.csv"
    rows = [
        ("2019-11", "east", "spaces", "3", "", "level", ""),  # line 2
        ("2019-12", "east", "spaces", "3", "", "level", ""),  # line 3: stays
        ("2020-02", "east", "spaces", "2", "", "level", ""),  # line 4: falls (over January)
        ("2020-03", "east", "spaces", "4", "", "level", ""),  # line 5: rises
        ("2020-03", "west", "spaces", "1", "", "level", ""),  # line 6: a first level
    ]
    path.write_text(csv_text(rows), encoding="utf-8")
    _, diagnostics = read_actuals([path], plan, engine=engine)
    assert [(d.code, d.line) for d in diagnostics] == [("actuals.falling", 4)]
    assert diagnostics[0].message() == "东区·众创空间：期末数从 3 个（2019-12）降到 2 个（2020-02）"


@pytest.mark.parametrize("engine", ["python", "columnar"])
def test_a_month_that_disagrees_with_the_level_of_a_stock_built_up_is_a_warning(
    tmp_path: Path, plan: Plan, engine: str
) -> None:
    """A form gives 本月新增 beside 期末数 of 众创空间: the month must add what the level grew
    by (3 - 1 = 2, not 0); one that agrees (1 + 1 = 2) or has no level before it is not doubted."""
    path = tmp_path / "levels.csv"
    rows = [
        ("2020-06", "east", "spaces", "1", "", "level", ""),  # line 2
        ("2020-07", "east", "spaces", "0", "", "increment", ""),  # line 3: adds 0 ...
        ("2020-07", "east", "spaces", "3", "", "level", ""),  # line 4: ... but grew by 2
        ("2020-06", "west", "spaces", "1", "", "level", ""),
        ("2020-07", "west", "spaces", "1", "", "increment", ""),
        ("2020-07", "west", "spaces", "2", "", "level", ""),  # agrees
        ("2020-07", "city", "spaces", "4", "", "increment", ""),
        ("2020-07", "city", "spaces", "5", "", "level", ""),  # no level before it
    ]
    path.write_text(csv_text(rows), encoding="utf-8")
    _, diagnostics = read_actuals([path], plan, engine=engine)
    assert [(d.code, d.line) for d in diagnostics] == [("actuals.month-total", 3)]
    assert diagnostics[0].message() == (
        "东区·众创空间 2020-07：本月新增 0 个，但期末数 3 减去上月期末数 1 为 2 个"
    )


def test_a_rate_that_falls_is_not_doubted(tmp_path: Path) -> None:
    """A rate goes up and down (就业率 93.0 → 91.0): not a figure that fell by mistake."""
    from tests.test_rates import RATE_TARGETS

    rows = [
        ("2020-05", "east", "employment_rate", "93.0", "", "", ""),
        ("2020-06", "east", "employment_rate", "91.0", "", "", ""),
        ("2020-06", "east", "spaces", "2", "", "level", ""),
        ("2020-07", "east", "spaces", "1", "", "level", ""),  # line 5: the stock does warn
    ]
    loaded = load_data(make_data(tmp_path, rows, targets=RATE_TARGETS))
    found = [(d.code, d.line) for d in loaded.diagnostics if d.code.startswith("actuals.")]
    assert found == [("actuals.falling", 5)]  # (the plan's rates belong to no task: a warning)


# --- rows that repeat, blank rows, records over several lines ---------------------------------


@pytest.mark.parametrize(
    ("indicator", "first", "second", "expected"),
    [
        # 0.5 亿元 + 3000 万元 (the reporting unit) = 0.5 + 0.3 亿元
        ("loans", "0.5亿元", "3000", D("0.8")),
        ("loans", "3000", "0.5亿元", D("0.8")),
        # 1.2万个 + 5 个
        ("firms", "1.2万个", "5", D(12005)),
        ("firms", "5", "1.2万个", D(12005)),
        ("firms", "7", "5", D(12)),
    ],
)
def test_repeated_ledger_rows_each_keep_their_own_unit(
    tmp_path: Path, indicator: str, first: str, second: str, expected: Decimal
) -> None:
    """Two increment rows with the same period, county and indicator texts add up, each in the
    unit it is written in (a unit inside the value applies to that value only)."""
    rows = [
        ("2019-03", "east", indicator, first, "", "", ""),
        ("2019-03", "east", indicator, second, "", "", ""),
    ]
    loaded = load_data(make_data(tmp_path, rows))
    assert errors(loaded) == []
    assert loaded.actuals is not None
    assert values(loaded.actuals, "east", indicator) == {Period(2019, 3): expected}


def test_many_ledger_rows_add_up(tmp_path: Path, plan: Plan) -> None:
    # 300 ledger rows of 1..300 for each of three months (a row per loan: no two alike), and
    # a 万 row in the middle of each month
    rows = []
    for month in ("2019-01", "2019-02", "2019-03"):
        rows += [(month, "west", "firms", str(k), "", "", "") for k in range(1, 151)]
        rows += [(month, "west", "firms", "1万", "", "", "")]
        rows += [(month, "west", "firms", str(k), "", "", "") for k in range(151, 301)]
    actuals, diagnostics = read_text(tmp_path, plan, csv_text(rows))
    assert besides_implausible(diagnostics) == []
    expected = D(300 * 301 // 2 + 10000)
    assert values(actuals, "west", "firms") == {Period(2019, m): expected for m in (1, 2, 3)}
    assert actuals.rows == 3 * 301


def test_blank_rows_with_empty_cells_are_skipped(tmp_path: Path, plan: Plan) -> None:
    # spreadsheet programs export empty rows as runs of delimiters
    text = (
        "period,county,indicator,value,unit,basis,note\n"
        "2019-03,east,firms,1,,,\n"
        ",,,,,,\n"
        "2019-04,east,firms,2,,,\n"
        ", , ,,,,\n"
        ",,,,,,\n"
    )
    actuals, diagnostics = read_text(tmp_path, plan, text)
    assert diagnostics == []
    assert values(actuals, "east", "firms") == {Period(2019, 3): 1, Period(2019, 4): 2}
    assert actuals.rows == 2


def test_xlsx_empty_rows_are_skipped(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "gaps.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["period", "county", "indicator", "value"])
    sheet.append(["2019-03", "east", "firms", 1])
    sheet["A4"] = "2019-04"  # row 3 is left empty
    sheet["B4"] = "east"
    sheet["C4"] = "firms"
    sheet["D4"] = 2
    sheet["F9"] = None  # touching a far cell widens the sheet's range with empty rows
    workbook.save(path)
    actuals, diagnostics = read_actuals([path], plan)
    assert [str(d) for d in diagnostics] == []
    assert values(actuals, "east", "firms") == {Period(2019, 3): 1, Period(2019, 4): 2}


def test_error_in_a_record_over_two_lines_points_at_its_first_line(
    tmp_path: Path, plan: Plan
) -> None:
    text = (
        "period,county,indicator,value,note\n"  # line 1
        '2019-06,east,firms,abc,"a note\n'  # line 2: the bad value is here
        'over two lines"\n'  # line 3
    )
    _, diagnostics = read_text(tmp_path, plan, text)
    assert len(diagnostics) == 1
    assert diagnostics[0].startswith(f"{tmp_path / 'a.csv'}:2:4: error[actuals.value]")


@pytest.mark.parametrize("dash", ["—", "/", "无"])
def test_a_no_figure_mark_in_a_tidy_table_is_no_figure_not_an_error(
    tmp_path: Path, plan: Plan, dash: str
) -> None:
    text = f"period,county,indicator,value\n2019-06,east,firms,{dash}\n2019-07,east,firms,5\n"
    actuals, diagnostics = read_text(tmp_path, plan, text)
    assert values(actuals, "east", "firms") == {Period(2019, 7): 5}  # June missing, not 0
    assert len(diagnostics) == 1
    assert "a.csv:2:4" in diagnostics[0] and "actuals.no-figure" in diagnostics[0]


def test_a_no_figure_row_has_its_other_cells_checked(tmp_path: Path, plan: Plan) -> None:
    """A “—” does not excuse an unknown county or month; the notice names the row's basis as
    the checker reads it (a stock without a basis is its level; 2019年1-6月 is 1-6月累计)."""
    text = (
        "period,county,indicator,value\n"
        "2019-06,nowhere,firms,—\n"  # 2: unknown county: an error, as with any value
        "2035-05,east,firms,—\n"  # 3: a month outside the plan: an error
        "2019-06,east,spaces,—\n"  # 4: a stock: 期末数
        "2019年1-6月,east,firms,—\n"  # 5: 1-6月累计
    )
    actuals, _ = read_text(tmp_path, plan, text)
    found = read_actuals([tmp_path / "a.csv"], plan)[1]
    assert actuals.series == {}
    assert [(d.line, d.severity) for d in found if d.severity == "error"] == [
        (2, "error"),
        (3, "error"),
    ]
    notices = {d.line: dict(d.args) for d in found if d.code.value == "actuals.no-figure"}
    assert list(notices) == [4, 5]
    assert (notices[4]["basis"], notices[4]["indicator"]) == ("level", "众创空间")
    assert (notices[5]["basis"], notices[5]["indicator"]) == ("ytd", "新增企业")


def test_a_duplicate_row_names_the_row_it_repeats(tmp_path: Path, plan: Plan) -> None:
    text = (
        "period,county,indicator,value,basis\n"
        "2019-05,east,firms,50,ytd\n"  # 2: the month's first row, another basis
        "2019-05,east,firms,5,\n"  # 3
        "2019-05,east,firms,7,\n"  # 4
        "2019-05,east,firms,7,\n"  # 5: repeats 4
        "2019-05,east,firms,5,\n"  # 6: repeats 3
    )
    for fast in (True, False):
        path = tmp_path / "a.csv"
        path.write_text(text, encoding="utf-8")
        actuals, found = read_actuals([path], plan, fast=fast)
        repeats = [
            (d.line, dict(d.args)["first"])
            for d in found
            if d.code.value == "actuals.duplicate-row"
        ]
        assert repeats == [(5, "4"), (6, "3")]
        assert values_of(actuals, "increment") == {Period(2019, 5): 12}


def values_of(actuals: Actuals, basis: Basis) -> dict[Period, Decimal]:
    series = actuals.series[("east", "firms")]
    return {Period.from_index(p): v for p, v in series.figures[basis].items()}
