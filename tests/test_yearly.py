"""Yearly views: `compute(..., year=)` and `chuangye progress --year`, with and without yearly
targets in targets.yaml. Expected figures are worked out by hand from YEARLY_ROWS below."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from chuangye_cli.cli import app
from chuangye_cli.periods import Period
from chuangye_cli.progress import CountyProgress, IndicatorProgress, Progress, compute, window
from tests.conftest import (
    TARGETS_YAML,
    as_json,
    column_of,
    errors,
    line_of,
    load_data,
    make_data,
    near,
)

runner = CliRunner()
D = Decimal

# Yearly targets that add up to the whole-period ones. Split 1:3 by largest remainder:
#   firms  2019: 41 -> 10.25 / 30.75 -> 10 / 31;  2020: 59 -> 14.75 / 44.25 -> 15 / 44;
#   loans  2019: 0.8 亿元 = 8000 万元 -> 2000 / 6000 (0.2 / 0.6 亿元);
#          2020: 1.2 亿元 = 12000 万元 -> 3000 / 9000 (0.3 / 0.9 亿元);
#   spaces 2019: 4 -> 1 / 3;  2020: 10 -> 2.5 / 7.5, a tie: the county listed first -> 3 / 7.
YEARLY_TARGETS = (
    TARGETS_YAML.replace("    target: 100\n", "    target: 100\n    yearly: {2019: 41, 2020: 59}\n")
    .replace("    target: 2\n", "    target: 2\n    yearly: {2019: 0.8, 2020: 1.2}\n")
    .replace("    target: 10\n", "    target: 10\n    yearly: {2019: 4, 2020: 10}\n")
)

YEARLY_ROWS = [
    # firms, increment: 东区 10 + 5 in 2019, 6 + 4 in 2020; 西县 20 in 2019, 12 in 2020
    ("2019-03", "east", "firms", "10", "", "", ""),
    ("2019-12", "east", "firms", "5", "", "", ""),
    ("2020-02", "east", "firms", "6", "", "", ""),
    ("2020-04", "east", "firms", "4", "", "", ""),
    ("2019-06", "west", "firms", "20", "", "", ""),
    ("2020-03", "west", "firms", "12", "", "", ""),
    # loans, 东区 ytd in 万元: 2019 ends at 8000; 2020 stands at 2000 in March, 5000 in May
    ("2019-06", "east", "loans", "3000", "", "ytd", ""),
    ("2019-12", "east", "loans", "8000", "", "ytd", ""),
    ("2020-03", "east", "loans", "2000", "", "ytd", ""),
    ("2020-05", "east", "loans", "5000", "", "ytd", ""),
    # loans, 西县 to_date in 亿元: 0.1 by 2019-09, 0.5 by 2020-06
    ("2019-09", "west", "loans", "0.1", "亿元", "to_date", ""),
    ("2020-06", "west", "loans", "0.5", "亿元", "to_date", ""),
    # spaces, levels: 东区 2 then 6; 西县 5
    ("2019-06", "east", "spaces", "2", "", "level", ""),
    ("2020-01", "east", "spaces", "6", "", "level", ""),
    ("2020-06", "west", "spaces", "5", "", "level", ""),
]


def yearly(root: Path, as_of: str, year: int | None, targets: str = YEARLY_TARGETS) -> Progress:
    loaded = load_data(make_data(root, YEARLY_ROWS, targets=targets))
    assert errors(loaded) == [], [str(d) for d in loaded.diagnostics]
    assert loaded.plan is not None and loaded.actuals is not None
    return compute(loaded.plan, loaded.actuals, Period.parse(as_of), year)


def ind(progress: Progress, indicator: str) -> IndicatorProgress:
    return next(r for r in progress.indicators if r.indicator.id == indicator)


def county(progress: Progress, county_id: str, indicator: str) -> CountyProgress:
    return next(
        r for r in progress.counties if r.county.id == county_id and r.indicator.id == indicator
    )


# --- the engine -------------------------------------------------------------------------------


def test_yearly_targets_parse_exactly(tmp_path: Path) -> None:
    loaded = load_data(make_data(tmp_path, YEARLY_ROWS, targets=YEARLY_TARGETS))
    assert loaded.plan is not None
    assert {i.id: i.yearly for i in loaded.plan.indicators} == {
        "firms": {2019: 41, 2020: 59},
        "loans": {2019: Decimal("0.8"), 2020: Decimal("1.2")},
        "spaces": {2019: 4, 2020: 10},
    }


def test_county_yearly_targets_are_split_by_weights(tmp_path: Path) -> None:
    loaded = load_data(make_data(tmp_path, YEARLY_ROWS, targets=YEARLY_TARGETS))
    assert loaded.plan is not None and loaded.plan.allocation is not None
    split = loaded.plan.allocation.yearly
    assert {y: {i: dict(c) for i, c in v.items()} for y, v in split.items()} == {
        2019: {
            "firms": {"east": 10, "west": 31},
            "loans": {"east": Decimal("0.2"), "west": Decimal("0.6")},
            "spaces": {"east": 1, "west": 3},
        },
        2020: {
            "firms": {"east": 15, "west": 44},
            "loans": {"east": Decimal("0.3"), "west": Decimal("0.9")},
            "spaces": {"east": 3, "west": 7},
        },
    }
    for year, indicators in split.items():
        for indicator, shares in indicators.items():
            spec = loaded.plan.indicator(indicator)
            assert spec.yearly is not None
            assert sum(shares.values()) == spec.yearly[year]  # adds up exactly


def test_year_2020_at_june(tmp_path: Path) -> None:
    p = yearly(tmp_path, "2020-06", 2020)
    assert (p.year, p.months_elapsed, p.window_months) == (2020, 6, 12)
    assert p.time_progress == Decimal("0.5")  # 6 of 12 months
    assert p.yearly_targets is True
    firms, loans, spaces = ind(p, "firms"), ind(p, "loans"), ind(p, "spaces")
    # firms: 2020's additions only: 6 + 4 + 12 = 22 of 59; 22/59 ≈ 0.373 ≥ 0.5 − 0.25 -> behind
    assert (firms.target, firms.actual, firms.status) == (D(59), D(22), "behind")
    assert near(firms.completion, "22/59")
    assert near(firms.remaining, 37) and near(firms.pace_needed, "37/6")
    # loans: 东区 (8000 + 5000) − 8000 万元 = 0.5 亿元; 西县 0.5 − 0.1 = 0.4 -> 0.9 of 1.2 = 0.75
    assert (loans.target, loans.status) == (Decimal("1.2"), "on_pace")
    assert near(loans.actual, "0.9") and near(loans.completion, "0.75")
    assert near(loans.remaining, "0.3") and near(loans.pace_needed, "0.05")
    # spaces (a stock): the level, not a difference: 6 + 5 = 11 of 10
    assert (spaces.target, spaces.actual, spaces.status) == (D(10), D(11), "done")
    assert near(spaces.completion, "1.1") and spaces.remaining == 0


def test_year_2020_counties_against_their_yearly_targets(tmp_path: Path) -> None:
    p = yearly(tmp_path, "2020-06", 2020)
    expected = {
        ("east", "firms"): (15, "10", "2/3", "on_pace"),
        ("west", "firms"): (44, "12", "3/11", "behind"),  # 3/11 ≥ 0.5 − 0.25
        ("east", "loans"): (Decimal("0.3"), "0.5", "5/3", "done"),
        ("west", "loans"): (Decimal("0.9"), "0.4", "4/9", "behind"),
        ("east", "spaces"): (3, "6", "2", "done"),
        ("west", "spaces"): (7, "5", "5/7", "on_pace"),
    }
    for (county_id, indicator), (target, actual, completion, status) in expected.items():
        row = county(p, county_id, indicator)
        assert row.target == target, (county_id, indicator)
        assert near(row.actual, actual), (county_id, indicator)
        assert near(row.completion, completion), (county_id, indicator)
        assert row.status == status, (county_id, indicator)
    assert near(county(p, "west", "firms").pace_needed, "32/6")  # (44 − 12) over 6 months


def test_yearly_flows_with_ytd_figures_before_the_last_report(tmp_path: Path) -> None:
    # 2020-04: 东区 ytd stands at 2000 万元 (to date 8000 + 2000), minus 2019's 8000 -> 0.2 亿元;
    # 西县's latest to_date figure is still 2019's 0.1 -> no addition in 2020 yet.
    p = yearly(tmp_path, "2020-04", 2020)
    assert near(p.time_progress, "1/3")
    assert near(county(p, "east", "loans").actual, "0.2")
    assert near(county(p, "west", "loans").actual, 0)
    assert near(ind(p, "loans").completion, "1/6")  # 0.2 of 1.2
    assert ind(p, "firms").actual == 22  # all of 2020's firms rows are by April


def test_year_2019_at_december(tmp_path: Path) -> None:
    p = yearly(tmp_path, "2019-12", 2019)
    assert (p.months_elapsed, p.window_months, p.time_progress) == (12, 12, D(1))
    firms, loans, spaces = ind(p, "firms"), ind(p, "loans"), ind(p, "spaces")
    assert (firms.target, firms.actual, firms.status) == (D(41), D(35), "behind")  # 35/41 ≈ 0.854
    assert firms.remaining == 6
    assert firms.pace_needed is None  # no month left in the year
    assert near(loans.actual, "0.9") and loans.status == "done"  # 0.8 + 0.1 of 0.8
    assert (spaces.actual, spaces.status) == (D(2), "severe")  # 2 of 4 = 0.5 < 1 − 0.25


def test_whole_period_view_is_unchanged_by_yearly_targets(tmp_path: Path) -> None:
    p = yearly(tmp_path, "2020-06", None)
    assert (p.year, p.months_elapsed, p.window_months) == (None, 18, 24)
    assert ind(p, "firms").target == 100 and ind(p, "firms").actual == 57  # 35 + 22
    assert county(p, "east", "firms").target == 25


def test_without_yearly_targets_the_share_of_the_whole_target(tmp_path: Path) -> None:
    p = yearly(tmp_path, "2020-06", 2020, targets=TARGETS_YAML)
    assert p.yearly_targets is False
    assert p.time_progress == Decimal("0.5")
    firms, loans = ind(p, "firms"), ind(p, "loans")
    assert (firms.target, firms.actual, firms.status) == (D(100), D(22), None)
    assert near(firms.completion, "0.22")  # 2020's 22 of the whole period's 100
    assert firms.remaining is None and firms.pace_needed is None
    assert (loans.target, loans.status) == (D(2), None)
    assert near(loans.completion, "0.45")  # 0.9 of 2
    # counties, as the city: their whole-period targets, the year's share of them, no status
    # and nothing “still needed” (the caption says so)
    east = county(p, "east", "firms")
    assert (east.target, east.actual, east.status, east.remaining) == (D(25), D(10), None, None)
    assert near(east.completion, "0.4")  # 2020's 10 of the whole period's 25
    assert all(r.status in (None, "not_reported") and r.remaining is None for r in p.counties)
    # units: completions but no status
    assert {u.unit.name: u.status for u in p.units if u.completion is not None} == {
        "协调办": "no_target",
        "甲局": "no_target",
        "乙局": "no_target",
    }


def test_mixed_yearly_targets(tmp_path: Path) -> None:
    targets = TARGETS_YAML.replace(
        "    target: 100\n", "    target: 100\n    yearly: {2019: 41, 2020: 59}\n"
    )
    p = yearly(tmp_path, "2020-06", 2020, targets=targets)
    assert p.yearly_targets is False  # not every indicator has one
    assert (ind(p, "firms").target, ind(p, "firms").status) == (D(59), "behind")
    assert (ind(p, "loans").target, ind(p, "loans").status) == (D(2), None)


@pytest.mark.parametrize(
    ("year", "first", "last"),
    [(2019, Period(2019, 1), Period(2019, 12)), (2020, Period(2020, 1), Period(2020, 12))],
)
def test_window_of_a_year(tmp_path: Path, year: int, first: Period, last: Period) -> None:
    loaded = load_data(make_data(tmp_path, []))
    assert loaded.plan is not None
    assert window(loaded.plan, year) == (first, last)
    assert window(loaded.plan, None) == (Period(2019, 1), Period(2020, 12))


@pytest.mark.parametrize("year", [2018, 2021])
def test_year_outside_the_plan_is_refused(tmp_path: Path, year: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        yearly(tmp_path, f"{year}-06", year)


@pytest.mark.parametrize(("as_of", "year"), [("2020-01", 2019), ("2019-12", 2020)])
def test_report_month_outside_the_year_is_refused(tmp_path: Path, as_of: str, year: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        yearly(tmp_path, as_of, year)


# --- the command ------------------------------------------------------------------------------


def invoke(*args: str) -> Result:
    return runner.invoke(app, ["progress", *args])


@pytest.fixture
def with_yearly(tmp_path: Path) -> Path:
    return make_data(tmp_path / "yearly", YEARLY_ROWS, targets=YEARLY_TARGETS)


@pytest.fixture
def without_yearly(tmp_path: Path) -> Path:
    return make_data(tmp_path / "plain", YEARLY_ROWS)


def test_cli_year_json(with_yearly: Path) -> None:
    result = invoke(
        "--data", str(with_yearly), "--year", "2020", "--as-of", "2020-06", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert doc["as_of"] == "2020-06"
    assert doc["time_progress"] == Decimal("0.5")
    assert doc["year"] == 2020 and doc["no_yearly_target"] == []
    rows = {r["indicator"]: r for r in doc["rows"]}
    assert (rows["firms"]["target"], rows["firms"]["actual"], rows["firms"]["status"]) == (
        59,
        22,
        "behind",
    )
    assert (rows["loans"]["target"], rows["loans"]["actual"]) == (Decimal("1.2"), Decimal("0.9"))
    assert (rows["loans"]["completion"], rows["loans"]["status"]) == (Decimal("0.75"), "on_pace")
    assert (rows["spaces"]["actual"], rows["spaces"]["status"]) == (11, "done")


def test_cli_year_county_view(with_yearly: Path) -> None:
    result = invoke(
        "--data", str(with_yearly), "--year", "2019", "--by", "county", "-f", "json"
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {(r["county_id"], r["indicator"]): r for r in as_json(result.stdout)["rows"]}
    assert rows[("east", "firms")]["target"] == 10 and rows[("west", "firms")]["target"] == 31
    assert rows[("east", "firms")]["actual"] == 15 and rows[("west", "firms")]["actual"] == 20


def test_cli_year_table_caption(with_yearly: Path) -> None:
    result = invoke("--data", str(with_yearly), "--year", "2020", "--as-of", "2020-06")
    assert result.exit_code == 0, result.output
    assert "2020年度" in result.stdout
    assert "6/12" in result.stdout  # months elapsed of the year's months
    assert "50.0%" in result.stdout
    assert "未定义" not in result.stdout


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown"])
def test_cli_year_without_yearly_targets_says_so(without_yearly: Path, fmt: str) -> None:
    result = invoke(
        "--data", str(without_yearly), "--year", "2020", "--as-of", "2020-06", "-f", fmt
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "未定义" in result.stdout
    assert "2020年度" in result.stdout


def test_cli_year_without_yearly_targets_json(without_yearly: Path) -> None:
    result = invoke(
        "--data", str(without_yearly), "--year", "2020", "--as-of", "2020-06", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert doc["year"] == 2020
    assert doc["no_yearly_target"] == ["firms", "loans", "spaces"]
    rows = {r["indicator"]: r for r in doc["rows"]}
    assert (rows["firms"]["target"], rows["firms"]["actual"]) == (100, 22)
    assert rows["firms"]["completion"] == Decimal("0.22")
    assert all(r["status"] is None for r in rows.values())


def test_cli_year_with_some_yearly_targets_names_the_others(tmp_path: Path) -> None:
    targets = TARGETS_YAML.replace(
        "    target: 100\n", "    target: 100\n    yearly: {2019: 41, 2020: 59}\n"
    )
    data = make_data(tmp_path, YEARLY_ROWS, targets=targets)
    args = ("--data", str(data), "--year", "2020", "--as-of", "2020-06")
    plain = invoke(*args, "-f", "plain")
    assert plain.exit_code == 0, plain.output
    assert "发放贷款、众创空间未定义2020年度目标" in plain.stdout
    doc = as_json(invoke(*args, "-f", "json").stdout)
    assert doc["no_yearly_target"] == ["loans", "spaces"]
    rows = {r["indicator"]: r for r in doc["rows"]}
    assert (rows["firms"]["target"], rows["firms"]["status"]) == (59, "behind")
    assert (rows["loans"]["target"], rows["loans"]["status"]) == (2, None)


def test_cli_whole_period_says_nothing_about_yearly_targets(without_yearly: Path) -> None:
    result = invoke("--data", str(without_yearly), "--as-of", "2020-06")
    assert result.exit_code == 0, result.output
    assert "未定义" not in result.stdout and "年度" not in result.stdout


@pytest.mark.parametrize(
    ("year", "latest"),
    [("2019", "2019-12"), ("2020", "2020-06")],  # a finished year: its December
)
def test_cli_default_report_month_in_a_year(with_yearly: Path, year: str, latest: str) -> None:
    result = invoke("--data", str(with_yearly), "--year", year, "-f", "json")
    assert result.exit_code == 0, result.output
    assert as_json(result.stdout)["as_of"] == latest


@pytest.mark.parametrize("year", ["2018", "2021"])
def test_cli_year_outside_the_plan_exits_2(with_yearly: Path, year: str) -> None:
    result = invoke("--data", str(with_yearly), "--year", year)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert year in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("year", "as_of"), [("2019", "2020-01"), ("2020", "2019-12")])
def test_cli_as_of_outside_the_year_exits_2(with_yearly: Path, year: str, as_of: str) -> None:
    result = invoke("--data", str(with_yearly), "--year", year, "--as-of", as_of)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert as_of in result.stderr
    assert "Traceback" not in result.output


def test_yearly_target_outside_the_plan_is_a_located_error(tmp_path: Path) -> None:
    targets = TARGETS_YAML.replace(
        "    target: 100\n", "    target: 100\n    yearly: {2019: 40, 2021: 60}\n"
    )
    data = make_data(tmp_path, YEARLY_ROWS, targets=targets)
    result = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    assert result.exit_code == 1
    found = [d for d in as_json(result.stdout) if d["severity"] == "error"]
    assert len(found) == 1
    error = found[0]
    assert error["code"] == "ref.year"
    assert error["file"] == str(data / "targets.yaml")
    assert error["line"] == line_of(targets, "yearly: {2019: 40, 2021: 60}")
    assert error["column"] == column_of(targets, "2021: 60")
    assert "2021" in error["message"]
    # and the other commands refuse the data
    assert invoke("--data", str(data), "--year", "2019").exit_code == 1
