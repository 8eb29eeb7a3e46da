"""`chuangye trend` and the trend engine: monthly additions, plan-to-date totals, completion,
序时进度, status, 环比 and 同比, for every reporting basis. Every expected figure below is worked
out by hand from the rows written next to it (plan of tests/conftest.py: 2019-01 … 2020-12, so
序时进度 = month number ÷ 24; county targets split 1:3 between 东区 and 西县, largest remainder)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from chuangye_cli.cli import app
from chuangye_cli.periods import Period
from chuangye_cli.trend import Trend, TrendPoint, average_pace, monthly_additions, trend
from tests.conftest import as_json, errors, load_data, make_data, near

runner = CliRunner()

# --- hand-built series ------------------------------------------------------------------------

# firms (flow, 个, target 100; 东区 25, 西县 75), increment basis; a reported zero in 2020-02.
FIRMS_ROWS = [
    ("2019-01", "east", "firms", "2", "", "", ""),
    ("2019-02", "east", "firms", "1", "", "", ""),
    ("2019-12", "east", "firms", "5", "", "", ""),
    ("2020-01", "east", "firms", "10", "", "", ""),
    ("2020-02", "east", "firms", "0", "", "", ""),
    ("2020-03", "east", "firms", "8", "", "", ""),
    ("2019-02", "west", "firms", "3", "", "", ""),
    ("2020-03", "west", "firms", "2", "", "", ""),
    ("2020-01", "city", "firms", "1", "", "", ""),
]

# (period, addition, total, completion, status, 环比, 同比) of 东区's firms through 2020-03,
# against its allocated target of 25:
#   additions 2, 1, —×9, 5, 10, 0, 8; totals 2, 3 (through 2019-11), 8, 18, 18, 26;
#   2019-09: 3/25 = 0.12 < 9/24 − 0.25 = 0.125 -> severe; 2019-08: 0.12 ≥ 8/24 − 0.25 -> behind;
#   2020-03: 26/25 -> done;
#   环比 2019-02: (1−2)/2; 2019-12: 2019-11 missing -> None; 2020-01: (10−5)/5 = 1;
#   2020-02: (0−10)/10 = −1; 2020-03: the previous month is zero -> None;
#   同比 2019: no month a year earlier -> None; 2020-01: (10−2)/2 = 4; 2020-02: (0−1)/1 = −1;
#   2020-03: 2019-03 not reported -> None.
EAST_FIRMS: list[tuple[str, str | None, str, str, str, str | None, str | None]] = [
    ("2019-01", "2", "2", "2/25", "on_pace", None, None),
    ("2019-02", "1", "3", "3/25", "on_pace", "-1/2", None),
    ("2019-03", None, "3", "3/25", "behind", None, None),
    ("2019-04", None, "3", "3/25", "behind", None, None),
    ("2019-05", None, "3", "3/25", "behind", None, None),
    ("2019-06", None, "3", "3/25", "behind", None, None),
    ("2019-07", None, "3", "3/25", "behind", None, None),
    ("2019-08", None, "3", "3/25", "behind", None, None),
    ("2019-09", None, "3", "3/25", "severe", None, None),
    ("2019-10", None, "3", "3/25", "severe", None, None),
    ("2019-11", None, "3", "3/25", "severe", None, None),
    ("2019-12", "5", "8", "8/25", "behind", None, None),
    ("2020-01", "10", "18", "18/25", "on_pace", "1", "4"),
    ("2020-02", "0", "18", "18/25", "on_pace", "-1", "-1"),
    ("2020-03", "8", "26", "26/25", "done", None, None),
]

# loans (flow, target unit 亿元, reported in 万元; 东区's target 0.5 亿元), ytd basis:
# 1000, 3000 in 2019; 500, 1500, 2500 in 2020 (万元).
YTD_ROWS = [
    ("2019-06", "east", "loans", "1000", "", "ytd", ""),
    ("2019-12", "east", "loans", "3000", "", "ytd", ""),
    ("2020-02", "east", "loans", "500", "", "ytd", ""),
    ("2020-03", "east", "loans", "1500", "", "ytd", ""),
    ("2020-06", "east", "loans", "2500", "", "ytd", ""),
]
# additions (亿元): 0.1; 0.3 − 0.1 = 0.2; 2020-02 is the first report of 2020, so all 2020 had
# added so far: 0.05 (not 0.05 − 0.3); 0.15 − 0.05 = 0.1; 0.25 − 0.15 = 0.1.
# totals: each finished year's last figure plus this year's latest: 0.3 + 0.05 = 0.35, …, 0.55.
# 2019-11: 0.2 < 11/24 − 0.25 -> severe; 2019-10: 0.2 ≥ 10/24 − 0.25 -> behind.
# 环比 2020-03: (0.1 − 0.05)/0.05 = 1; 同比 2020-06: (0.1 − 0.1)/0.1 = 0 (a zero, not None).
EAST_LOANS_YTD: list[tuple[str, str | None, str, str, str, str | None, str | None]] = [
    ("2019-05", None, "0", "0", "behind", None, None),
    ("2019-06", "0.1", "0.1", "0.2", "behind", None, None),
    ("2019-10", None, "0.1", "0.2", "behind", None, None),
    ("2019-11", None, "0.1", "0.2", "severe", None, None),
    ("2019-12", "0.2", "0.3", "0.6", "on_pace", None, None),
    ("2020-01", None, "0.3", "0.6", "on_pace", None, None),
    ("2020-02", "0.05", "0.35", "0.7", "on_pace", None, None),
    ("2020-03", "0.1", "0.45", "0.9", "on_pace", "1", None),
    ("2020-05", None, "0.45", "0.9", "on_pace", None, None),
    ("2020-06", "0.1", "0.55", "1.1", "done", None, "0"),
]

# loans, 西县 (target 1.5 亿元), to_date basis in 亿元: 0.2, 0.4, 0.5, 0.5, 0.6.
TO_DATE_ROWS = [
    ("2019-10", "west", "loans", "0.2", "亿元", "to_date", ""),
    ("2019-12", "west", "loans", "0.4", "亿元", "to_date", ""),
    ("2020-01", "west", "loans", "0.5", "亿元", "to_date", ""),
    ("2020-03", "west", "loans", "0.5", "亿元", "to_date", ""),
    ("2020-04", "west", "loans", "0.6", "亿元", "to_date", ""),
]
# additions: changes since the previous report, across the year boundary too: 0.2, 0.2, 0.1, 0,
# 0.1. 2019-10: 0.2/1.5 = 2/15 < 10/24 − 0.25 -> severe; 2020-01: 1/3 ≥ 13/24 − 0.25 -> behind
# (2020-02: 1/3 is exactly 14/24 − 0.25, not below it: still behind);
# 2020-04: 0.4 < 16/24 − 0.25 -> severe. 环比 2020-01: (0.1 − 0.2)/0.2 = −1/2; 2020-03: 2020-02
# not reported -> None; 2020-04: the previous addition is zero -> None.
WEST_LOANS_TO_DATE: list[tuple[str, str | None, str, str, str, str | None, str | None]] = [
    ("2019-09", None, "0", "0", "severe", None, None),  # 0 < 9/24 − 0.25
    ("2019-10", "0.2", "0.2", "2/15", "severe", None, None),
    ("2019-11", None, "0.2", "2/15", "severe", None, None),
    ("2019-12", "0.2", "0.4", "4/15", "behind", None, None),
    ("2020-01", "0.1", "0.5", "1/3", "behind", "-1/2", None),
    ("2020-02", None, "0.5", "1/3", "behind", None, None),
    ("2020-03", "0", "0.5", "1/3", "severe", None, None),  # 1/3 < 15/24 − 0.25
    ("2020-04", "0.1", "0.6", "2/5", "severe", None, None),
]

# spaces (stock, 东区's target 3: 10 split 2.5/7.5, the tie goes to the county listed first),
# level basis: 2, 2, 3, 1, 2.
LEVEL_ROWS = [
    ("2019-06", "east", "spaces", "2", "", "level", ""),
    ("2019-12", "east", "spaces", "2", "", "level", ""),
    ("2020-01", "east", "spaces", "3", "", "level", ""),
    ("2020-02", "east", "spaces", "1", "", "level", ""),
    ("2020-03", "east", "spaces", "2", "", "level", ""),
]
# additions are changes of level: 2 (from zero), 0, 1, −2, 1; the total is the level itself.
# 2020-02: 1/3 against 14/24: exactly 0.25 below (not more) -> behind, not severe.
# 环比 2020-01: previous addition zero -> None; 2020-02: (−2 − 1)/1 = −3; 2020-03 against a
# negative month: (1 − (−2))/|−2| = 3/2, a rise (not −3/2).
EAST_SPACES_LEVEL: list[
    tuple[str, str | None, str | None, str | None, str | None, str | None, str | None]
] = [
    ("2019-05", None, None, None, None, None, None),  # no level given yet: none, not 0
    ("2019-06", "2", "2", "2/3", "on_pace", None, None),
    ("2019-11", None, "2", "2/3", "on_pace", None, None),
    ("2019-12", "0", "2", "2/3", "on_pace", None, None),
    ("2020-01", "1", "3", "1", "done", None, None),
    ("2020-02", "-2", "1", "1/3", "behind", "-3", None),
    ("2020-03", "1", "2", "2/3", "on_pace", "3/2", None),
]


def trend_in(
    data: Path, indicator: str, as_of: str, county: str | None = None
) -> tuple[Trend, dict[str, TrendPoint]]:
    loaded = load_data(data)
    assert errors(loaded) == [], [str(d) for d in loaded.diagnostics]
    assert loaded.plan is not None and loaded.actuals is not None
    result = trend(loaded.plan, loaded.actuals, indicator, Period.parse(as_of), county)
    return result, {str(p.period): p for p in result.points}


def check_points(
    points: dict[str, TrendPoint],
    expected: Sequence[
        tuple[str, str | None, str | None, str | None, str | None, str | None, str | None]
    ],
) -> None:
    for period, addition, total, completion, status, mom, yoy in expected:
        p = points[period]
        month = Period.parse(period)
        got = (p.addition, p.total, p.completion, p.time_progress, p.status, p.mom, p.yoy)
        assert near(p.addition, addition), (period, got)
        assert near(p.total, total), (period, got)
        assert near(p.completion, completion), (period, got)
        assert near(p.time_progress, f"{month.index - Period(2019, 1).index + 1}/24"), got
        assert p.status == status, (period, got)
        assert near(p.mom, mom), (period, got)
        assert near(p.yoy, yoy), (period, got)


# --- the engine, basis by basis ----------------------------------------------------------------


def test_increment_county_trend_month_by_month(tmp_path: Path) -> None:
    result, points = trend_in(make_data(tmp_path, FIRMS_ROWS), "firms", "2020-03", "east")
    assert result.county is not None and result.county.id == "east"
    assert result.target == 25  # the county's allocated target, not the city's 100
    assert [str(p.period) for p in result.points] == [
        str(Period.from_index(i)) for i in range(Period(2019, 1).index, Period(2020, 3).index + 1)
    ]
    check_points(points, EAST_FIRMS)


def test_ytd_trend_restarts_each_year(tmp_path: Path) -> None:
    result, points = trend_in(make_data(tmp_path, YTD_ROWS), "loans", "2020-06", "east")
    assert result.target == Decimal("0.5")
    assert len(result.points) == 18
    check_points(points, EAST_LOANS_YTD)


def test_to_date_trend_takes_changes_across_the_year_boundary(tmp_path: Path) -> None:
    result, points = trend_in(make_data(tmp_path, TO_DATE_ROWS), "loans", "2020-04", "west")
    assert result.target == Decimal("1.5")
    check_points(points, WEST_LOANS_TO_DATE)


def test_level_trend_gives_changes_of_level(tmp_path: Path) -> None:
    result, points = trend_in(make_data(tmp_path, LEVEL_ROWS), "spaces", "2020-03", "east")
    assert result.target == 3
    check_points(points, EAST_SPACES_LEVEL)


@pytest.mark.parametrize(
    ("rows", "indicator", "county", "expected"),
    [
        (FIRMS_ROWS, "firms", "east", {"2019-01": 2, "2019-02": 1, "2019-12": 5, "2020-01": 10,
                                       "2020-02": 0, "2020-03": 8}),
        (YTD_ROWS, "loans", "east", {"2019-06": "0.1", "2019-12": "0.2", "2020-02": "0.05",
                                     "2020-03": "0.1", "2020-06": "0.1"}),
        (TO_DATE_ROWS, "loans", "west", {"2019-10": "0.2", "2019-12": "0.2", "2020-01": "0.1",
                                         "2020-03": 0, "2020-04": "0.1"}),
        (LEVEL_ROWS, "spaces", "east", {"2019-06": 2, "2019-12": 0, "2020-01": 1,
                                        "2020-02": -2, "2020-03": 1}),
    ],
    ids=["increment", "ytd", "to_date", "level"],
)  # fmt: skip
def test_monthly_additions_of_a_series(
    tmp_path: Path, rows: list[tuple[str, ...]], indicator: str, county: str,
    expected: dict[str, int | str],
) -> None:  # fmt: skip
    loaded = load_data(make_data(tmp_path, rows))
    assert loaded.actuals is not None and errors(loaded) == []
    got = monthly_additions(loaded.actuals.series[(county, indicator)])
    assert {str(Period.from_index(k)): v for k, v in got.items()}.keys() == expected.keys()
    for period, value in expected.items():
        assert near(got[Period.parse(period).index], value), (period, got)


def test_ytd_first_report_of_a_year_after_a_gap(tmp_path: Path) -> None:
    # 2019 ends at 8000 万元 (reported in June and December); 2020's first report is May.
    rows = [
        ("2019-06", "east", "loans", "3000", "", "ytd", ""),
        ("2019-12", "east", "loans", "8000", "", "ytd", ""),
        ("2020-05", "east", "loans", "5000", "", "ytd", ""),
    ]
    _, points = trend_in(make_data(tmp_path, rows), "loans", "2020-05", "east")
    assert near(points["2019-12"].addition, "0.5")  # 0.8 − 0.3 亿元
    assert near(points["2020-05"].addition, "0.5")  # all of 2020 so far, not 0.5 − 0.8
    assert near(points["2020-05"].total, "1.3")
    assert near(points["2020-05"].completion, "2.6")  # 1.3 of 0.5
    assert points["2020-05"].status == "done"


def test_city_trend_sums_the_counties(tmp_path: Path) -> None:
    result, points = trend_in(make_data(tmp_path, FIRMS_ROWS), "firms", "2020-03")
    assert result.county is None
    assert result.target == 100
    # additions: 东区 + 西县 + 市直 per month
    expected_additions = {
        "2019-01": 2, "2019-02": 4, "2019-03": None, "2019-11": None, "2019-12": 5,
        "2020-01": 11, "2020-02": 0, "2020-03": 10,
    }  # fmt: skip
    for period, value in expected_additions.items():
        assert near(points[period].addition, value), period
    # totals: 2; 6; 8 + 3 = 11; 18 + 3 + 1 = 22; 22; 26 + 5 + 1 = 32
    totals = {"2019-01": 2, "2019-02": 6, "2019-11": 6, "2019-12": 11, "2020-01": 22,
              "2020-02": 22, "2020-03": 32}  # fmt: skip
    for period, value in totals.items():
        assert near(points[period].total, value), period
    last = points["2020-03"]
    assert near(last.completion, "0.32")
    assert near(last.time_progress, "15/24")
    assert last.status == "severe"  # 0.32 < 0.625 − 0.25
    assert near(points["2019-02"].mom, 1)  # (4 − 2)/2
    assert near(points["2020-01"].mom, "6/5")  # (11 − 5)/5
    assert near(points["2020-01"].yoy, "9/2")  # (11 − 2)/2
    assert near(points["2020-02"].yoy, -1)  # (0 − 4)/4
    assert points["2020-03"].mom is None  # the previous month added zero


def test_other_county_trends_use_their_own_targets(tmp_path: Path) -> None:
    data = make_data(tmp_path, FIRMS_ROWS)
    west, points = trend_in(data, "firms", "2020-03", "west")
    assert west.target == 75
    assert near(points["2020-03"].total, 5)
    assert near(points["2020-03"].completion, "1/15")
    assert near(points["2020-03"].mom, None)
    # 市直 takes no share of the allocation: totals but no completion or status
    city, points = trend_in(data, "firms", "2020-03", "city")
    assert city.target is None
    assert near(points["2020-03"].total, 1)
    assert all(p.completion is None and p.status is None for p in city.points)


def test_trend_without_any_figures(tmp_path: Path) -> None:
    result, _ = trend_in(make_data(tmp_path, FIRMS_ROWS), "spaces", "2019-03")
    # a stock nobody gave a level of: no level (not 0), not judged
    assert [(p.addition, p.total, p.mom, p.yoy) for p in result.points] == [
        (None, None, None, None)
    ] * 3
    assert [(p.completion, p.status) for p in result.points] == [(None, None)] * 3
    firms, _ = trend_in(make_data(tmp_path / "f", FIRMS_ROWS), "firms", "2019-03", "west")
    assert [p.total for p in firms.points] == [0, 3, 3]  # a flow with nothing added yet is 0


def test_average_pace_of_the_last_six_months(tmp_path: Path) -> None:
    data = make_data(tmp_path, FIRMS_ROWS)
    east, _ = trend_in(data, "firms", "2020-03", "east")
    # 2019-10 … 2020-03 added 5 + 10 + 0 + 8 = 23 (total 26 now, 3 at 2019-09)
    assert near(average_pace(east), "23/6")
    assert near(average_pace(east, 3), "18/3")  # 2020-01 … 2020-03: 10 + 0 + 8
    short, _ = trend_in(data, "firms", "2019-04", "east")
    assert near(average_pace(short), "3/4")  # only 4 months so far: 3 over 4


# --- the command --------------------------------------------------------------------------------


def invoke(*args: str) -> Result:
    return runner.invoke(app, ["trend", *args])


@pytest.fixture
def firms_data(tmp_path: Path) -> Path:
    rows = FIRMS_ROWS + YTD_ROWS[:4] + LEVEL_ROWS
    return make_data(tmp_path / "data", rows)


def json_rows_equal_engine(rows: list[dict[str, object]], trends: list[Trend]) -> None:
    expected = [(t, p) for t in trends for p in t.points]
    assert len(rows) == len(expected)
    for row, (t, p) in zip(rows, expected, strict=True):
        assert row == {
            "indicator": t.indicator.id,
            "county": t.county.name if t.county else None,
            "period": str(p.period),
            "addition": p.addition,
            "total": p.total,
            "completion": p.completion,
            "time_progress": p.time_progress,
            "status": p.status,
            "mom": p.mom,
            "yoy": p.yoy,
        }


def test_json_for_one_indicator_equals_the_engine(firms_data: Path) -> None:
    result = invoke("--data", str(firms_data), "--as-of", "2020-03", "--indicator", "firms",
                    "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert doc["as_of"] == "2020-03"
    assert doc["county"] is None
    assert doc["units"] == {"firms": "个"}
    assert doc["plan"]["id"] == "test-plan"
    city, _ = trend_in(firms_data, "firms", "2020-03")
    json_rows_equal_engine(doc["rows"], [city])
    last = doc["rows"][-1]
    assert (last["total"], last["completion"], last["status"]) == (32, Decimal("0.32"), "severe")


def test_json_for_every_indicator(firms_data: Path) -> None:
    result = invoke("--data", str(firms_data), "--as-of", "2020-03", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert doc["units"] == {"firms": "个", "loans": "亿元", "spaces": "个"}
    trends = [trend_in(firms_data, i, "2020-03")[0] for i in ("firms", "loans", "spaces")]
    json_rows_equal_engine(doc["rows"], trends)
    assert len(doc["rows"]) == 3 * 15


def test_json_for_one_county_by_alias(firms_data: Path) -> None:
    result = invoke("--data", str(firms_data), "--as-of", "2020-03", "--indicator", "新增企业",
                    "--county", "东城", "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert doc["county"] == "东区"
    east, _ = trend_in(firms_data, "firms", "2020-03", "east")
    json_rows_equal_engine(doc["rows"], [east])
    by_period = {r["period"]: r for r in doc["rows"]}
    assert by_period["2020-01"]["mom"] == 1 and by_period["2020-01"]["yoy"] == 4
    assert by_period["2020-03"]["mom"] is None and by_period["2020-03"]["yoy"] is None
    assert by_period["2019-03"]["addition"] is None
    assert by_period["2020-03"]["completion"] == Decimal("1.04")


@pytest.mark.parametrize(
    ("options", "rows"),
    [((), 3 * 15), (("--county", "east"), 3 * 15), (("--indicator", "loans"), 15)],
)
def test_csv_matches_the_json(firms_data: Path, options: tuple[str, ...], rows: int) -> None:
    args = ("--data", str(firms_data), "--as-of", "2020-03", *options)
    doc = as_json(invoke(*args, "-f", "json").stdout)
    result = invoke(*args, "-f", "csv")
    assert result.exit_code == 0, result.output
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(records[0]) == ["indicator", "county", "period", "addition", "total",
                                "completion", "time_progress", "status", "mom", "yoy"]  # fmt: skip
    assert len(records) == len(doc["rows"]) == rows
    for record, row in zip(records, doc["rows"], strict=True):
        for key, value in row.items():
            if value is None:
                assert record[key] == "", (key, record)
            elif isinstance(value, int | Decimal):
                assert Decimal(record[key]) == value, (key, record)
            else:
                assert record[key] == value, (key, record)


def test_markdown_for_one_indicator(firms_data: Path) -> None:
    result = invoke("--data", str(firms_data), "--as-of", "2020-03", "--indicator", "firms",
                    "--county", "east", "-f", "markdown")  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "新增企业　东区" in out
    assert "当月新增（个）" in out and "环比" in out and "同比" in out
    rows = {
        cells[0]: cells
        for line in out.splitlines()
        if line.startswith("| 20")
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }
    assert len(rows) == 15
    # 月份, 当月新增, 累计, 完成率, 序时进度, 状态, 环比, 同比
    assert rows["2020年1月"] == ["2020年1月", "10", "18", "72.0%", "54.2%", "达序时", "+100.0%",
                                "+400.0%"]  # fmt: skip
    assert rows["2020年2月"][6:] == ["-100.0%", "-100.0%"]
    assert rows["2020年3月"][1:] == ["8", "26", "104.0%", "62.5%", "已完成", "—", "—"]
    assert rows["2019年9月"][1:6] == ["—", "3", "12.0%", "37.5%", "严重滞后"]


def test_markdown_for_every_indicator(firms_data: Path) -> None:
    result = invoke("--data", str(firms_data), "--as-of", "2020-03", "-f", "markdown")
    assert result.exit_code == 0, result.output
    rows = {
        cells[0]: cells
        for line in result.stdout.splitlines()
        if line.startswith("| ") and not line.startswith("| 指标")
        for cells in [[c.strip() for c in line.strip("|").split("|")]]
    }
    # 全市 at 2020-03 (序时 15/24 = 62.5%): firms 32 of 100; loans 0.3 + 0.15 = 0.45 of 2 亿元;
    # spaces: 东区's level 2 of 10 — all more than 25 points behind
    assert rows["新增企业"][3:] == ["32", "32.0%", "62.5%", "严重滞后"]
    assert rows["发放贷款"][1] == "亿元"
    assert rows["发放贷款"][3:] == ["0.45", "22.5%", "62.5%", "严重滞后"]
    assert rows["众创空间"][3:] == ["2", "20.0%", "62.5%", "严重滞后"]
    assert set(rows) == {"新增企业", "发放贷款", "众创空间"}


def test_table_for_every_indicator_shows_a_sparkline(firms_data: Path) -> None:
    result = invoke("--data", str(firms_data), "--as-of", "2020-03")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for name in ("新增企业", "发放贷款", "众创空间"):
        assert name in out
    # city firms additions 2, 4, nine unreported months, 5, 11, 0, 10 on a scale of 0 … 7 with
    # 11 at the top: round(2·7/11) = 1, round(4·7/11) = 3, round(5·7/11) = 3, 7, 0,
    # round(10·7/11) = 6
    assert "▂▄" + " " * 9 + "▄█▁▇" in out
    assert "2019年1月至2020年3月" in out
    assert "\x1b[" not in out


def test_table_for_one_indicator_has_a_row_per_month(firms_data: Path) -> None:
    result = invoke("--data", str(firms_data), "--as-of", "2020-03", "--indicator", "loans")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "发放贷款　全市" in out
    for month in range(1, 13):
        assert f"2019年{month}月" in out
    assert "2020年3月" in out and "2020年4月" not in out


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize("args", [("--indicator", "nothing"), ("--county", "north")])
def test_unknown_indicator_or_county_exits_2(
    firms_data: Path, fmt: str, args: tuple[str, str]
) -> None:
    result = invoke("--data", str(firms_data), "--as-of", "2020-03", *args, "-f", fmt)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert args[1] in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("as_of", ["2018-12", "2021-01"])
def test_report_month_outside_the_plan_exits_2(firms_data: Path, as_of: str) -> None:
    result = invoke("--data", str(firms_data), "--as-of", as_of)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_bad_format_exits_2(firms_data: Path) -> None:
    assert invoke("--data", str(firms_data), "-f", "yaml").exit_code == 2


def test_data_errors_exit_1(tmp_path: Path) -> None:
    data = make_data(tmp_path, [("2019-03", "north", "firms", "1", "", "", "")])
    result = invoke("--data", str(data), "--as-of", "2019-03")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_a_county_month_without_its_return_is_not_judged() -> None:
    """The sample lacks 叶集区's June 2020 return: `trend --county 叶集区` marks June 未报送
    (its total stops at May), as progress does, and judges May as before; the city's June is
    judged; a county that reported every month is judged every month."""
    from tests.conftest import SHIPPED_DATA

    def points(*args: str) -> dict[str, str | None]:
        result = runner.invoke(
            app, ["trend", "--data", str(SHIPPED_DATA), "--indicator", "带动就业", *args,
                  "--format", "json"],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        return {p["period"]: p["status"] for p in as_json(result.stdout)["rows"]}

    yeji = points("--county", "叶集区")
    assert yeji["2020-06"] == "not_reported"
    assert yeji["2020-05"] not in (None, "not_reported")
    assert "not_reported" not in points().values()
    assert "not_reported" not in points("--county", "金安区").values()
