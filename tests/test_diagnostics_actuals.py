"""Bad actual figures give located diagnostics: code, file, line and column."""

from __future__ import annotations

import difflib
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from chuangye_cli.catalogue import Code
from chuangye_cli.cli import app
from chuangye_cli.diagnostics import _grouped, column_letters, hint_args, make, suggest
from tests.conftest import SHIPPED_DATA, csv_text, errors, load_data, make_data, progress_of

GOOD = ("2019-03", "east", "firms", "1", "", "", "")
# Columns of HEADER: period 1, county 2, indicator 3, value 4, unit 5, basis 6, note 7.


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        pytest.param(("2019-03", "north", "firms", "1"), "actuals.county", 2, id="unknown-county"),
        pytest.param(("2019-03", "", "firms", "1"), "actuals.county", 2, id="empty-county"),
        pytest.param(("2019-03", "east", "farms", "1"), "actuals.indicator", 3, id="unknown-indicator"),
        pytest.param(("2019-03", "east", "firms", "-1"), "actuals.value", 4, id="negative"),
        pytest.param(("2019-03", "east", "firms", "－3"), "actuals.value", 4, id="negative-fullwidth"),
        pytest.param(("2019-03", "east", "firms", ""), "actuals.value", 4, id="empty"),
        pytest.param(("2019-03", "east", "firms", "  "), "actuals.value", 4, id="blank"),
        pytest.param(("2019-03", "east", "firms", "abc"), "actuals.value", 4, id="non-numeric"),
        pytest.param(("2019-03", "east", "firms", "1.2.3"), "actuals.value", 4, id="two-points"),
        pytest.param(("2019-03", "east", "firms", "NaN"), "actuals.value", 4, id="nan"),
        pytest.param(("2019-03", "east", "firms", "nan"), "actuals.value", 4, id="nan-lower"),
        pytest.param(("2019-03", "east", "firms", "inf"), "actuals.value", 4, id="inf"),
        pytest.param(("2019-03", "east", "firms", "Infinity"), "actuals.value", 4, id="infinity"),
        pytest.param(("2018-12", "east", "firms", "1"), "actuals.period", 1, id="before-plan"),
        pytest.param(("2021-01", "east", "firms", "1"), "actuals.period", 1, id="after-plan"),
        pytest.param(("2019-13", "east", "firms", "1"), "actuals.period", 1, id="month-13"),
        pytest.param(("March 2019", "east", "firms", "1"), "actuals.period", 1, id="bad-period"),
        pytest.param(("", "east", "firms", "1"), "actuals.period", 1, id="empty-period"),
        pytest.param(("2019-03", "east", "firms", "1", "人"), "actuals.unit", 5, id="wrong-measure"),
        pytest.param(("2019-03", "east", "loans", "1", "个"), "actuals.unit", 5, id="count-for-money"),
        pytest.param(("2019-03", "east", "firms", "1", "斤"), "actuals.unit", 5, id="unknown-unit"),
        pytest.param(("2019-03", "east", "loans", "3人"), "actuals.unit", 4, id="inline-wrong-measure"),
        pytest.param(("2019-03", "east", "loans", "3万元", "人"), "actuals.unit", 4, id="inline-vs-column"),
        pytest.param(("2019-03", "east", "firms", "1", "", "weekly"), "actuals.basis", 6, id="unknown-basis"),
        pytest.param(("2019-03", "east", "firms", "1", "", "level"), "actuals.basis", 6, id="flow-as-level"),
        pytest.param(("2019-03", "east", "spaces", "1", "", "ytd"), "actuals.basis", 6, id="stock-as-ytd"),
    ],
)  # fmt: skip
def test_bad_row_is_located(tmp_path: Path, row: tuple[str, ...], code: str, column: int) -> None:
    # three good rows first (three ledger lines, told apart by their notes), so the bad one
    # stands on line 5 of the file
    goods = [(*GOOD[:-1], note) for note in ("甲", "乙", "丙")]
    data = make_data(tmp_path, [*goods, row])
    loaded = load_data(data)
    found = errors(loaded)
    assert [(d.code, d.file, d.line, d.column) for d in found] == [
        (code, str(data / "actuals.csv"), 5, column)
    ], [str(d) for d in found]
    assert loaded.actuals is not None
    # the good rows still count; the bad one adds nothing
    assert loaded.actuals.series[("east", "firms")].figures["increment"] == {GOOD_INDEX: 3}


GOOD_INDEX = 2019 * 12 + 3 - 1


def test_every_bad_row_is_reported_not_just_the_first(tmp_path: Path) -> None:
    rows = [
        ("2019-03", "north", "firms", "1"),  # line 2
        GOOD,  # line 3
        ("2019-03", "east", "firms", "-5"),  # line 4
        ("2030-01", "east", "firms", "1"),  # line 5
        ("2019-03", "east", "spaces", "x"),  # line 6
    ]
    data = make_data(tmp_path, rows)
    found = errors(load_data(data))
    assert [(d.code, d.line, d.column) for d in found] == [
        ("actuals.county", 2, 2),
        ("actuals.value", 4, 4),
        ("actuals.period", 5, 1),
        ("actuals.value", 6, 4),
    ]
    assert all(d.file == str(data / "actuals.csv") for d in found)


def test_errors_follow_the_columns_of_a_chinese_header(tmp_path: Path) -> None:
    header = ("数值", "指标", "县区", "月份")
    text = csv_text([("1", "新增企业", "南区", "2019年3月")], header)
    data = make_data(tmp_path, actuals_text=text)
    found = errors(load_data(data))
    assert [(d.code, d.line, d.column) for d in found] == [("actuals.county", 2, 3)]
    assert "南区" in found[0].message("en")


@pytest.mark.parametrize("basis", ["ytd", "to_date"])
def test_conflicting_running_totals_for_one_key(tmp_path: Path, basis: str) -> None:
    rows = [
        ("2019-03", "east", "loans", "500", "", basis, ""),  # line 2
        ("2019-04", "east", "loans", "600", "", basis, ""),  # line 3
        ("2019-03", "east", "loans", "700", "", basis, ""),  # line 4: 2019-03 again, another value
    ]
    data = make_data(tmp_path, rows)
    found = errors(load_data(data))
    assert [(d.code, d.file, d.line, d.column) for d in found] == [
        ("actuals.conflict", str(data / "actuals.csv"), 4, 4)
    ]
    assert f"{data / 'actuals.csv'}:2" in found[0].message("en")  # points at the first value


def test_conflicting_levels_for_one_key(tmp_path: Path) -> None:
    rows = [
        ("2019-03", "west", "spaces", "5"),
        ("2019-03", "west", "spaces", "5"),  # the same value again is fine
        ("2019-03", "west", "spaces", "6"),  # line 4
    ]
    found = errors(load_data(make_data(tmp_path, rows)))
    assert [(d.code, d.line, d.column) for d in found] == [("actuals.conflict", 4, 4)]


def test_conflict_across_two_files(tmp_path: Path) -> None:
    data = make_data(tmp_path / "data", [])
    (data / "actuals.csv").unlink()
    (data / "actuals").mkdir()
    (data / "actuals" / "a.csv").write_text(
        csv_text([("2019-03", "east", "spaces", "5")]), encoding="utf-8"
    )
    (data / "actuals" / "b.csv").write_text(
        csv_text([GOOD, ("2019-03", "east", "spaces", "4")]), encoding="utf-8"
    )
    found = errors(load_data(data))
    # two returns of 东区 for 2019-03, neither marked as a correction: a conflict, never a sum,
    # at the figure that differs, which it names (firms, in b.csv only, does not differ)
    assert [(d.code, d.file, d.line) for d in found] == [
        ("actuals.return-conflict", str(data / "actuals" / "b.csv"), 3)
    ]
    assert found[0].arguments["first"] == "a.csv" and found[0].arguments["second"] == "b.csv"
    assert found[0].message().endswith("不能相加；两份不同的数字：众创空间（期末数）5 个、4 个")


def test_a_conflicting_level_within_one_file(tmp_path: Path) -> None:
    rows = [
        ("2019-03", "east", "spaces", "5", "", "", ""),
        ("2019-03", "east", "spaces", "4", "", "", ""),
    ]
    data = make_data(tmp_path, rows)
    found = errors(load_data(data))
    assert [(d.code, d.line, d.column) for d in found] == [("actuals.conflict", 3, 4)]


def test_increments_for_one_key_are_no_conflict(tmp_path: Path) -> None:
    rows = [("2019-03", "east", "firms", "5"), ("2019-03", "east", "firms", "6")]
    loaded = load_data(make_data(tmp_path, rows))
    assert loaded.diagnostics == []
    assert loaded.actuals is not None
    assert loaded.actuals.series[("east", "firms")].figures["increment"] == {GOOD_INDEX: 11}


def test_mixed_bases_for_one_county_and_indicator(tmp_path: Path) -> None:
    """A month's figure on one basis and the next month's on another read together: 500 万元
    to March (ytd), then 100 万元 in April (increment) is 600 万元 = 0.06 亿元."""
    rows = [
        ("2019-03", "east", "loans", "500", "", "ytd", ""),
        ("2019-04", "east", "loans", "100", "", "increment", ""),
    ]
    progress = progress_of(make_data(tmp_path, rows), "2019-04")
    loans = next(r for r in progress.indicators if r.indicator.id == "loans")
    assert loans.actual == D("0.06")


def test_a_month_figure_that_disagrees_with_the_totals_is_a_warning(tmp_path: Path) -> None:
    rows = [
        ("2019-03", "east", "loans", "500", "", "ytd", ""),
        ("2019-04", "east", "loans", "650", "", "ytd", ""),  # line 3
        ("2019-04", "east", "loans", "100", "", "increment", ""),  # 650 - 500 is 150, not 100
    ]
    loaded = load_data(make_data(tmp_path, rows))
    assert errors(loaded) == []
    found = [d for d in loaded.diagnostics if d.code == "actuals.month-total"]
    assert [(d.line, d.arguments["implied"], d.arguments["month_value"]) for d in found] == [
        (3, "150", "100")  # in 万元, the unit of the returns (the target's is 亿元)
    ]


def test_a_total_after_months_given_as_month_figures_is_checked_against_them(
    tmp_path: Path,
) -> None:
    """January to March as 本月 (100 万元 each: 300 to March), then April: 本月 100 beside a
    1-4月累计 of 250 (250 - 300 = -50, not 100): a warning; and a 1-4月累计 alone of 250 below
    the 300 already reported: the total falls (beside the 本月 too). 400 beside 100 agrees:
    nothing."""
    months = [(f"2019-0{m}", "east", "loans", "100", "", "increment", "") for m in (1, 2, 3)]
    disagree = [
        *months,
        ("2019-04", "east", "loans", "100", "", "increment", ""),  # line 5
        ("2019-04", "east", "loans", "250", "", "ytd", ""),
    ]
    found = load_data(make_data(tmp_path / "a", disagree)).diagnostics
    assert [(d.code, d.line, d.arguments.get("implied")) for d in found] == [
        ("actuals.falling", 5, None),
        ("actuals.month-total", 5, "-50"),  # in 万元, as the returns give it
    ]
    alone = [*months, ("2019-04", "east", "loans", "250", "", "ytd", "")]  # line 5
    found = load_data(make_data(tmp_path / "b", alone)).diagnostics
    assert [(d.code, d.line, d.arguments["before"], d.arguments["now"]) for d in found] == [
        ("actuals.falling", 5, "300", "250")
    ]
    # no February: 250 is above the 200 of January and March (150 would fall: see below)
    gap = [months[0], months[2], ("2019-04", "east", "loans", "250", "", "ytd", "")]
    agree = [*months, *disagree[3:4], ("2019-04", "east", "loans", "400", "", "ytd", "")]
    for k, rows in enumerate((gap, agree)):
        assert load_data(make_data(tmp_path / f"c{k}", rows)).diagnostics == []


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (("period", "county", "indicator"), "value"),
        (("月份", "县区", "数值"), "indicator"),
    ],
)
def test_missing_required_column(tmp_path: Path, header: tuple[str, ...], missing: str) -> None:
    data = make_data(tmp_path, [("x", "y", "z")], header=header)
    found = errors(load_data(data))
    assert [(d.code, d.file, d.line, d.column) for d in found] == [
        ("actuals.missing-column", str(data / "actuals.csv"), 1, 1)
    ]
    assert missing in found[0].message("en")


@pytest.mark.parametrize(
    ("header", "missing"),
    [(("county", "indicator", "value"), "month"), (("月份", "指标", "数值"), "county")],
)
def test_no_month_or_county_anywhere(tmp_path: Path, header: tuple[str, ...], missing: str) -> None:
    """Without a column, a title or a name that gives them, a month or county is missing."""
    data = make_data(tmp_path, [("x", "y", "z")], header=header)
    found = errors(load_data(data))
    assert [(d.code, d.file, d.line) for d in found] == [
        ("actuals.no-context", str(data / "actuals.csv"), 1)
    ]
    assert f"no {missing}" in found[0].message("en")


def test_unquoted_thousands_separator_is_an_error_not_a_smaller_number(tmp_path: Path) -> None:
    # 12,000 without quotes splits into two cells: "12" and "000"
    text = "period,county,indicator,value\n2019-03,east,firms,1\n2019-04,east,firms,12,000\n"
    loaded = load_data(make_data(tmp_path, actuals_text=text))
    found = errors(loaded)
    assert [(d.file, d.line) for d in found] == [(str(tmp_path / "actuals.csv"), 3)]
    assert loaded.actuals is not None
    assert loaded.actuals.series[("east", "firms")].figures["increment"] == {GOOD_INDEX: 1}


def test_header_after_blank_lines_is_located(tmp_path: Path) -> None:
    data = make_data(tmp_path, actuals_text="\n\nperiod,county,value\n2019-03,east,1\n")
    found = errors(load_data(data))
    assert [(d.code, d.line) for d in found] == [("actuals.missing-column", 3)]


def test_duplicate_column(tmp_path: Path) -> None:
    data = make_data(
        tmp_path, [(*GOOD[:4], "1")], header=("period", "county", "指标", "value", "数值")
    )
    found = errors(load_data(data))
    assert [(d.code, d.line, d.column) for d in found] == [("actuals.duplicate-column", 1, 5)]


def test_empty_file(tmp_path: Path) -> None:
    data = make_data(tmp_path, actuals_text="")
    found = errors(load_data(data))
    assert [(d.code, d.file) for d in found] == [("actuals.empty", str(data / "actuals.csv"))]


def test_file_neither_utf8_nor_gb18030(tmp_path: Path) -> None:
    data = make_data(tmp_path, [])
    (data / "actuals.csv").write_bytes(
        b"period,county,indicator,value\n2019-03,east,firms,1\n2019-04,east,firms,\xff\xfe\xff\n"
    )
    found = errors(load_data(data))
    assert [(d.code, d.file) for d in found] == [("actuals.encoding", str(data / "actuals.csv"))]
    # the line of the first bad byte, as the location or in the message
    assert found[0].line == 3 or "line 3" in found[0].message("en")


def test_bad_bytes_after_the_first_megabyte_are_located(tmp_path: Path) -> None:
    data = make_data(tmp_path, [])
    good = "2019-03,east,firms,1\n"
    lines = (1 << 20) // len(good) + 100  # past the reader's first 1 MiB chunk
    body = ("period,county,indicator,value\n" + good * lines).encode("utf-8")
    (data / "actuals.csv").write_bytes(body + b"2019-04,east,firms,\xff\xfe\xff\n")
    (found,) = errors(load_data(data))
    bad_line = lines + 2
    assert found.code == "actuals.encoding"
    assert found.line == bad_line or f"line {bad_line}" in found.message("en")


def test_not_a_csv_or_xlsx(tmp_path: Path) -> None:
    data = make_data(tmp_path, [])
    other = tmp_path / "figures.pdf"
    other.write_text("period,county,indicator,value\n", encoding="utf-8")
    from chuangye_cli.reading import read_actuals

    loaded = load_data(data)
    assert loaded.plan is not None
    _, diagnostics = read_actuals([other], loaded.plan)
    assert [(d.code, d.file) for d in diagnostics] == [("actuals.format", str(other))]


def test_damaged_workbook(tmp_path: Path) -> None:
    data = make_data(tmp_path, [])
    (data / "actuals.csv").unlink()
    (data / "actuals.xlsx").write_bytes(b"this is not a zip file")
    found = errors(load_data(data))
    assert [(d.code, d.file) for d in found] == [("actuals.workbook", str(data / "actuals.xlsx"))]


def test_error_text_has_file_line_column(tmp_path: Path) -> None:
    data = make_data(tmp_path, [GOOD, ("2019-03", "east", "firms", "abc")])
    (found,) = errors(load_data(data))
    assert str(found).startswith(f"{data / 'actuals.csv'}:3:4: error[actuals.value]: ")


def test_a_total_below_its_month_and_below_the_months_before_gives_both_warnings(
    tmp_path: Path,
) -> None:
    """100 万元 a month to March (300), then April: 本月 60 beside a 1-4月累计 of 50. The month
    exceeds its total, and the total is below the 300 already reported (April would be -250):
    both are said."""
    rows = [
        *[(f"2019-0{m}", "east", "loans", "100", "", "increment", "") for m in (1, 2, 3)],
        ("2019-04", "east", "loans", "60", "", "increment", ""),  # line 5
        ("2019-04", "east", "loans", "50", "", "ytd", ""),
    ]
    found = load_data(make_data(tmp_path, rows)).diagnostics
    assert [(d.code, d.variant, d.line) for d in found] == [
        ("actuals.month-total", "exceeds", 5),
        ("actuals.falling", "", 5),
    ]


@pytest.mark.parametrize(
    ("month", "variant", "meant"),
    [
        ("3000000", "magnitude", "300"),  # 300 万元 written in 元: a 万 slip, 300 万元 meant
        ("1600", "exceeds", None),  # just over the total: the total typed in the month's column
        ("16000000", "exceeds", None),  # over the total even divided by 10,000: no guess
    ],
)
def test_a_month_thousands_of_times_its_total_is_a_slip_of_unit(
    tmp_path: Path, month: str, variant: str, meant: str | None
) -> None:
    """本月 beside a 1-6月累计 of 1,500 万元 (0.15 亿元): 3,000,000 is 2,000 times it and,
    divided by 10,000, 300 万元 (0.03 亿元) is within it — the message names the unit, not
    a total typed in the month's column."""
    rows = [
        ("2019-06", "east", "loans", month, "万元", "increment", ""),
        ("2019-06", "east", "loans", "1500", "万元", "ytd", ""),
    ]
    found = [d for d in load_data(make_data(tmp_path, rows)).diagnostics
             if d.code == "actuals.month-total"]  # fmt: skip
    assert [(d.variant, d.arguments.get("meant")) for d in found] == [(variant, meant)]


@pytest.mark.parametrize("engine", ["python", "columnar"])
@pytest.mark.parametrize(
    ("basis", "totals", "month", "expected", "meant"),
    [
        # 10 a month to July (70), August's 80 typed as 800,000: 70 and an ordinary month
        ("ytd", [10, 20, 30, 40, 50, 60, 70, 800000], "2019-08", "80", "80"),
        ("to_date", [10, 20, 30, 40, 50, 60, 70, 800000], "2019-08", "80", "80"),
        # August not sent, September's 90 typed as 900,000: 70 and two ordinary months
        ("ytd", [10, 20, 30, 40, 50, 60, 70, None, 900000], "2019-09", "90", "90"),
        # no ordinary month known yet (two months before it): about the total before it
        ("ytd", [10, 20, 300000], "2019-03", "20", "30"),
    ],
)
def test_a_running_total_typed_ten_thousand_times_too_big_is_a_slip_of_unit(
    tmp_path: Path,
    engine: str,
    basis: str,
    totals: list[int | None],
    month: str,
    expected: str,
    meant: str,
) -> None:
    """东区's 新增企业 as a running total with its last one typed 10,000 times too big: what
    that month adds, divided by 10,000, is no ordinary month (or there is none yet), but the
    total divided by 10,000 is about what it should be: a unit slip in the total, not just a
    month far above the target."""
    rows = [
        (f"2019-{m:02d}", "east", "firms", str(v), "", basis, "")
        for m, v in enumerate(totals, 1)
        if v is not None
    ]
    data = make_data(tmp_path, rows)
    result = CliRunner().invoke(
        app, ["validate", "--data", str(data), "--engine", engine, "--format", "json"]
    )
    found = [d for d in json.loads(result.stdout) if d["code"] == "actuals.implausible"]
    said = f"1-{int(month[-2:])}月累计" if basis == "ytd" else "开累"
    assert [(d["line"], d["message"]) for d in found] == [
        (
            len(rows) + 1,
            f"东区·新增企业 {month} {said} {int(rows[-1][3]):,} 个，约为应有累计（约 {expected} 个）"
            f"的一万倍：是否把单位写错了（应为 {meant} 个）？",
        )
    ]
    (slip,) = [d for d in load_data(data).diagnostics if d.code == "actuals.implausible"]
    assert slip.variant == "magnitude-total"
    assert [slip.arguments[k] for k in ("expected", "meant")] == [expected, meant]


def test_warnings_do_not_crowd_out_the_errors_after_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five fractional counts, then an unknown county and a -5, with a limit of three: the
    errors are listed (they were only counted, behind the warnings that filled the list)."""
    import chuangye_cli.reading as reading
    from chuangye_cli.diagnostics import Collector

    monkeypatch.setattr(reading, "Collector", lambda: Collector(limit=3))
    rows = [(f"2019-0{m}", "east", "firms", "2.5") for m in range(1, 6)]
    rows += [("2019-06", "nowhere", "firms", "3"), ("2019-07", "east", "firms", "-5")]
    found = load_data(make_data(tmp_path, rows)).diagnostics
    assert [(d.code, d.line) for d in found if d.severity == "error"] == [
        ("actuals.county", 7),
        ("actuals.value", 8),
    ]
    (summary,) = [d for d in found if d.code == "too-many-warnings"]
    assert summary.count == 2


def test_strict_makes_a_month_against_its_total_an_error(tmp_path: Path) -> None:
    """A 本月 of 300,000 万元 beside a 1-6月累计 of 1,500 (200 times it: 30 万元 meant), as
    README's “Numbers that cannot be right” says: a warning, an error with --strict."""
    from typer.testing import CliRunner

    from chuangye_cli.cli import app

    rows = [
        ("2019-06", "east", "loans", "300000", "万元", "increment", ""),
        ("2019-06", "east", "loans", "1500", "万元", "ytd", ""),
    ]
    data = str(make_data(tmp_path, rows))
    runner = CliRunner()
    plain = runner.invoke(app, ["validate", "--data", data, "--format", "json"])
    strict = runner.invoke(app, ["validate", "--data", data, "--strict", "--format", "json"])
    assert (plain.exit_code, strict.exit_code) == (0, 1)
    found = [(d["code"], d["severity"]) for d in json.loads(strict.stdout)]
    assert ("actuals.month-total", "error") in found
    slip = next(d for d in json.loads(plain.stdout) if d["code"] == "actuals.month-total")
    assert "应为 30 万元" in slip["message"]  # in the unit of the returns


def test_a_total_below_the_months_before_a_missing_month_falls(tmp_path: Path) -> None:
    """January to March as 本月 (100 万元 each), April not given, May's 1-5月累计 of 250:
    below the 300 already given, whatever April was (figures are never negative): a falling
    total (nothing was said when a month was missing between)."""
    rows = [(f"2019-0{m}", "east", "loans", "100", "", "increment", "") for m in (1, 2, 3)]
    rows.append(("2019-05", "east", "loans", "250", "", "ytd", ""))  # line 5
    found = load_data(make_data(tmp_path, rows)).diagnostics
    assert [
        (d.code, d.line, d.arguments["before"], d.arguments["before_period"]) for d in found
    ] == [("actuals.falling", 5, "300", "2019-03")]


def test_a_total_below_the_years_running_total_is_warned_of_once(tmp_path: Path) -> None:
    """January's 1-1月累计 100, February's 本月 20, April's 1-4月累计 90: below January's
    total (one warning), not also below January and February together (a second one)."""
    rows = [
        ("2019-01", "east", "loans", "100", "", "ytd", ""),
        ("2019-02", "east", "loans", "20", "", "increment", ""),
        ("2019-04", "east", "loans", "90", "", "ytd", ""),
    ]
    found = load_data(make_data(tmp_path, rows)).diagnostics
    assert [(d.code, d.line) for d in found] == [("actuals.falling", 4)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新增众创空间", ["众创空间"]),  # written whole inside: before 新增注册企业's 新增
        ("金安县", ["金安区"]),  # a longer shared start: before 金寨县
        ("创业担保贷款额", ["创业担保贷款"]),
    ],
)
def test_suggest_prefers_a_name_written_whole(text: str, expected: list[str]) -> None:
    names = ["新增注册企业", "新增小微创业企业", "众创空间", "金安区", "金寨县", "创业担保贷款"]
    assert suggest(text, names) == expected


def _suggest_by_definition(text: str, names: list[str], limit: int = 3) -> list[str]:
    """suggest as its docstring says, every name scored by its full ratio (no bound first)."""
    text = text.strip()
    scored = []
    for name in sorted(set(names)):
        ratio = difflib.SequenceMatcher(None, text, name).ratio()
        prefix = next((k for k, (a, b) in enumerate(zip(text, name, strict=False)) if a != b), None)
        prefix = min(len(text), len(name)) if prefix is None else prefix
        whole = min(len(text), len(name)) >= 3 and (name in text or text in name)
        if ratio >= 0.5 or prefix >= 2 or whole:
            scored.append((-whole, -prefix, -ratio, name))
    scored.sort()
    if len(scored) > 1 and scored[0][0] < scored[1][0]:
        return [scored[0][3]]
    longer_start = len(scored) > 1 and scored[0][0] == scored[1][0] == 0 and scored[0][1] <= -2
    if longer_start and scored[1][1] > scored[0][1]:
        return [scored[0][3]]
    return [name for *_, name in scored[:limit]]


_NAME = st.text(alphabet="金安区县寨霍山邱舒城叶集新增创业企业众空间ab", min_size=0, max_size=7)


@given(text=_NAME, names=st.lists(_NAME, max_size=12))
def test_suggest_bounds_skip_only_names_it_would_not_name(text: str, names: list[str]) -> None:
    """The quick bound that skips a name (and the memo) change nothing: the same names, in
    the same order, as scoring every name in full."""
    assert suggest(text, names) == _suggest_by_definition(text, names)


def test_suggest_among_thousands_of_counties_names_the_same_when_asked_again() -> None:
    """An unknown county on thousands of rows of a plan with thousands of counties: found
    once (it took 0.15 s a row, 103 s for a 40,000-row file with 10,000 bad rows)."""
    names = [f"第{n}县" for n in range(3000)]
    first = suggest("无名县", names)
    assert suggest("无名县", names) == first == _suggest_by_definition("无名县", names)
    assert suggest("第12县", names)[0] == "第12县"


def test_an_unknown_indicator_is_pointed_at_by_its_alias(tmp_path: Path) -> None:
    """新增众创空间 is none of the plan's names, but holds the alias 众创空间 whole: the hint names
    it with its indicator, not 新增注册企业 (which only shares 新增)."""
    path = tmp_path / "a.csv"
    path.write_text("period,county,indicator,value\n2020-06,金寨县,新增众创空间,1\n", "utf-8")
    result = CliRunner().invoke(
        app, ["validate", "--data", str(SHIPPED_DATA), "--actuals", str(path), "-f", "json"]
    )
    (found,) = [d for d in json.loads(result.stdout) if d["code"] == "actuals.indicator"]
    # (by the indicator's own name: the alias is what matched)
    assert found["message"].endswith("（您是否要找：累计建设市级及以上众创空间）")


@given(st.integers(0, 10**15), st.sampled_from(["", ".5", ".000001", ".25"]))
def test_a_figure_in_a_message_keeps_every_digit(whole: int, fraction: str) -> None:
    """3800000 → 3,800,000: digits grouped by three, nothing rounded or lost."""
    text = f"{whole}{fraction}"
    grouped = _grouped(text)
    assert grouped.replace(",", "") == text
    head = grouped.split(".")[0].split(",")
    assert 1 <= len(head[0]) <= 3 and all(len(part) == 3 for part in head[1:])


@pytest.mark.parametrize("text", ["abc", "-5", "1e5", "12,000", "3.5%", "", "0012"])
def test_what_is_not_a_plain_figure_is_left_as_it_is(text: str) -> None:
    assert _grouped(text) == text


def test_an_alias_is_suggested_by_the_name_it_stands_for() -> None:
    """新曾注册企业 holds the alias 注册企业 whole: the hint names the indicator by its own name
    (a county clerk read “注册企业（新增注册企业）” as a suggestion to write the alias); ids
    are still given with their names."""
    texts = {"新增注册企业": "新增注册企业", "注册企业": "新增注册企业", "带动就业": "带动就业"}
    assert hint_args("新曾注册企业", texts)["hint"] == "（您是否要找：新增注册企业）"
    assert hint_args("注册企业数", texts)["hint_en"] == " (did you mean 新增注册企业?)"
    ids = {"jinan": "金安区", "yuan": "裕安区"}
    assert hint_args("jinnan", ids)["hint"] == "（您是否要找：jinan（金安区））"


@pytest.mark.parametrize(
    ("column", "letters"), [(1, "A"), (4, "D"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA")]
)
def test_a_sheets_column_is_named_as_the_spreadsheet_names_it(column: int, letters: str) -> None:
    assert column_letters(column) == letters


def test_a_cell_of_a_sheet_is_located_as_people_find_it() -> None:
    """A sheet's row and column, and the cell (D7) a clerk looks for; a CSV's line and field,
    and a sheet's row alone, as before."""
    sheet = make(Code.ACTUALS_VALUE, "a.xlsx", 7, 4, sheet="7月", value="见附件")
    assert sheet.location == "a.xlsx[7月]:7:4 (D7)"
    assert sheet.line_text().startswith("a.xlsx[7月]:7:4 (D7): error[actuals.value]: ")
    assert make(Code.ACTUALS_VALUE, "a.csv", 7, 4, value="x").location == "a.csv:7:4"
    assert make(Code.ACTUALS_VALUE, "a.xlsx", 7, sheet="7月", value="x").location == "a.xlsx[7月]:7"


@pytest.mark.parametrize(
    ("text", "variant", "said"),
    [
        ("约120", "words", "“约120” 不是数字：只填数字（如 120），说明可写在备注栏"),
        ("大约1,200", "words", "“大约1,200” 不是数字：只填数字（如 1,200），说明可写在备注栏"),
        ("120左右", "words", "“120左右” 不是数字：只填数字（如 120），说明可写在备注栏"),
        ("1,200余", "words", "“1,200余” 不是数字：只填数字（如 1,200），说明可写在备注栏"),
        ("120万美元", "unit", "“120万美元”：未知单位 美元"),  # a unit, not a word of about
        ("见附件", "", "“见附件” 不是数字"),
        ("1-2", "", "“1-2” 不是数字"),  # two numbers: no guess
    ],
)
def test_a_number_among_words_is_said_to_be_written_alone(
    tmp_path: Path, text: str, variant: str, said: str
) -> None:
    rows = [("2019-06", "east", "firms", text, "", "", "")]
    (found,) = errors(load_data(make_data(tmp_path, rows)))
    assert (found.code, found.variant, found.line, found.column) == ("actuals.value", variant, 2, 4)
    assert found.message() == said
