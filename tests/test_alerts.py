"""预警: `compute_alerts` and `chuangye warnings` — thresholds, the half-time rule, projections at
the pace of the last 6 months, rankings (红黑榜) and sorting. Every expected figure is worked out
by hand (plan of tests/conftest.py: 24 months from 2019-01; at 2020-06 序时进度 = 18/24 = 0.75;
county targets split 1:3: firms 25 / 75, loans 0.5 / 1.5 亿元, spaces 3 / 7)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from chuangye_cli.alerts import LEVEL_ORDER, Alert, Alerts, compute_alerts
from chuangye_cli.cli import app
from chuangye_cli.periods import Period
from chuangye_cli.progress import compute
from tests.conftest import NORTH_TARGETS, TARGETS_YAML, as_json, errors, load_data, make_data, near
from tests.test_yearly import YEARLY_TARGETS

runner = CliRunner()

# Custom thresholds: yellow from 15 points behind, red from 35 (the severe status stays 0.25).
THRESHOLD_TARGETS = TARGETS_YAML.replace(
    "thresholds:\n  severe: 0.25\n", "thresholds:\n  severe: 0.25\n  yellow: 0.15\n  red: 0.35\n"
)
assert THRESHOLD_TARGETS != TARGETS_YAML

# At 2020-06, against 序时进度 0.75:
#   firms  东区 15/25 = 0.6     -> 15 points behind: exactly yellow        -> yellow
#          西县 30/75 = 0.4     -> 35 points behind: exactly red           -> red
#          全市 45/100 = 0.45   -> 30 points                               -> yellow
#   loans  东区 0.3001/0.5 = 0.6002 -> 14.98 points: just below yellow     -> green
#          西县 0.6001/1.5 = 6001/15000 -> 5249/150 ≈ 34.993: just below red -> yellow
#          全市 0.9002/2 = 0.4501 -> 29.99 points                           -> yellow
#   spaces 3 of 3, 7 of 7, 10 of 10: done, not lagging.
#   units: 协调办 (firms) 0.45 -> severe, 30 points, yellow; 甲局 and 乙局 (loans, spaces):
#          mean(0.4501, 1) = 0.72505 -> behind, 2.495 points, green; 丙局 qualitative.
THRESHOLD_ROWS = [
    ("2019-03", "east", "firms", "15", "", "", ""),
    ("2019-03", "west", "firms", "30", "", "", ""),
    ("2019-03", "east", "loans", "3001", "", "", ""),
    ("2019-03", "west", "loans", "6001", "", "", ""),
    ("2019-03", "east", "spaces", "3", "", "", ""),
    ("2019-03", "west", "spaces", "7", "", "", ""),
]
THRESHOLD_LAGGING: dict[tuple[str, str, str | None], tuple[str, str, str]] = {
    # (scope, subject, indicator): (completion, gap in points, level)
    ("city", "全市", "firms"): ("0.45", "30", "yellow"),
    ("county", "东区", "firms"): ("0.6", "15", "yellow"),
    ("county", "西县", "firms"): ("0.4", "35", "red"),
    ("city", "全市", "loans"): ("0.4501", "29.99", "yellow"),
    ("county", "东区", "loans"): ("0.6002", "14.98", "green"),
    ("county", "西县", "loans"): ("6001/15000", "5249/150", "yellow"),
    ("unit", "协调办", None): ("0.45", "30", "yellow"),
    ("unit", "甲局", None): ("0.72505", "2.495", "green"),
    ("unit", "乙局", None): ("0.72505", "2.495", "green"),
}


def alerts_of(
    root: Path,
    rows: Sequence[Sequence[str]],
    as_of: str,
    *,
    targets: str = TARGETS_YAML,
    year: int | None = None,
) -> Alerts:
    loaded = load_data(make_data(root, rows, targets=targets))
    assert errors(loaded) == [], [str(d) for d in loaded.diagnostics]
    assert loaded.plan is not None and loaded.actuals is not None
    progress = compute(loaded.plan, loaded.actuals, Period.parse(as_of), year)
    return compute_alerts(loaded.plan, loaded.actuals, progress)


def of_kind(alerts: Alerts, kind: str) -> dict[tuple[str, str, str | None], Alert]:
    found: dict[tuple[str, str, str | None], Alert] = {}
    for a in alerts.items:
        if a.kind == kind:
            key = (a.scope, a.subject, a.indicator)
            assert key not in found, f"{kind} listed twice for {key}"
            found[key] = a
    return found


# --- lagging: gap and colour at the thresholds' boundaries --------------------------------------


def test_lagging_gaps_and_levels_at_custom_thresholds(tmp_path: Path) -> None:
    alerts = alerts_of(tmp_path, THRESHOLD_ROWS, "2020-06", targets=THRESHOLD_TARGETS)
    lagging = of_kind(alerts, "lagging")
    assert set(lagging) == set(THRESHOLD_LAGGING)
    for key, (completion, gap, level) in THRESHOLD_LAGGING.items():
        a = lagging[key]
        assert near(a.completion, completion), (key, a)
        assert near(a.time_progress, "0.75"), (key, a)
        assert near(a.gap_points, gap), (key, a)
        assert a.level == level, (key, a)
    assert lagging[("county", "东区", "firms")].subject_id == "east"
    assert lagging[("city", "全市", "firms")].subject_id is None
    assert lagging[("unit", "协调办", None)].subject_id is None


def test_default_thresholds_are_10_and_30_points(tmp_path: Path) -> None:
    # the same figures without yellow/red in targets.yaml: yellow from 10 points, red from 30
    alerts = alerts_of(tmp_path, THRESHOLD_ROWS, "2020-06")
    levels = {k: a.level for k, a in of_kind(alerts, "lagging").items()}
    assert levels[("county", "东区", "firms")] == "yellow"  # 15
    assert levels[("county", "东区", "loans")] == "yellow"  # 14.98
    assert levels[("city", "全市", "firms")] == "red"  # exactly 30
    assert levels[("city", "全市", "loans")] == "yellow"  # 29.99
    assert levels[("unit", "甲局", None)] == "green"  # 2.495


def test_on_pace_and_done_are_not_lagging(tmp_path: Path) -> None:
    rows = [
        ("2019-03", "east", "firms", "19", "", "", ""),  # 0.76 of 25: ahead of 0.75
        ("2019-03", "west", "firms", "57", "", "", ""),  # 0.76 of 75
        ("2019-03", "east", "loans", "3750", "", "", ""),  # exactly 0.75 of 0.5 亿元
        ("2019-03", "west", "loans", "20000", "", "", ""),  # 2 亿元 of 1.5: done
        ("2019-03", "east", "spaces", "3", "", "", ""),
        ("2019-03", "west", "spaces", "7", "", "", ""),
    ]
    alerts = alerts_of(tmp_path, rows, "2020-06")
    assert of_kind(alerts, "lagging") == {}


def test_units_are_listed_only_when_behind(tmp_path: Path) -> None:
    # firms done (协调办 done); loans 0.1 of 2 亿元 = 0.05, spaces done: 甲局 and 乙局 average
    # (0.05 + 1)/2 = 0.525 -> behind, 22.5 points -> yellow (default thresholds).
    rows = [
        ("2019-03", "east", "firms", "25", "", "", ""),
        ("2019-03", "west", "firms", "75", "", "", ""),
        ("2019-03", "east", "loans", "1000", "", "", ""),
        ("2019-03", "east", "spaces", "3", "", "", ""),
        ("2019-03", "west", "spaces", "7", "", "", ""),
    ]
    alerts = alerts_of(tmp_path, rows, "2020-06")
    units = {a.subject: a for a in alerts.items if a.scope == "unit"}
    assert set(units) == {"甲局", "乙局"}
    for a in units.values():
        assert (a.kind, a.indicator, a.level) == ("lagging", None, "yellow")
        assert near(a.completion, "0.525") and near(a.gap_points, "22.5")


def test_worst_first(tmp_path: Path) -> None:
    alerts = alerts_of(tmp_path, THRESHOLD_ROWS, "2020-06", targets=THRESHOLD_TARGETS)
    items = alerts.items
    assert len(items) > 10
    keys = [(LEVEL_ORDER[a.level], -(a.gap_points or 0)) for a in items]
    assert keys == sorted(keys)
    levels = [a.level for a in items]
    assert levels[0] == "red" and levels[-1] == "green"
    assert "yellow" in levels
    # the largest gap among the red ones comes first: 西县 firms, projected 60 points short of
    # its target at the end (its lag is 35 points behind 序时进度)
    assert (items[0].subject, items[0].indicator, items[0].kind) == ("西县", "firms", "projection")
    assert near(items[0].gap_points, 60)
    lag = next(a for a in items if (a.subject, a.indicator, a.kind) == ("西县", "firms", "lagging"))
    assert near(lag.gap_points, 35)


# --- the half-time rule -------------------------------------------------------------------------

# 东区 firms 12 of 25 = 0.48; 东区 loans 2500 万元 = 0.25 of 0.5 亿元: exactly half.
HALF_ROWS = [
    ("2019-01", "east", "firms", "12", "", "", ""),
    ("2019-01", "east", "loans", "2500", "", "", ""),
]


def test_half_time_rule_applies_at_the_midpoint(tmp_path: Path) -> None:
    alerts = alerts_of(tmp_path, HALF_ROWS, "2019-12")  # 12 of 24 months: 12·2 ≥ 24
    assert alerts.half_time is True
    half = of_kind(alerts, "half_time")
    # every target under 50%: all but 东区 loans, which stands at exactly 50%
    assert set(half) == {
        ("city", "全市", "firms"),  # 0.12
        ("county", "东区", "firms"),  # 0.48
        ("county", "西县", "firms"),  # 0
        ("city", "全市", "loans"),  # 0.125
        ("county", "西县", "loans"),  # 0
    }  # (众创空间, a stock nobody reported: no figure, not a 0 under half)
    assert all(a.level == "red" for a in half.values())
    east = half[("county", "东区", "firms")]
    assert near(east.completion, "0.48") and near(east.gap_points, 2)  # 0.5 − 0.48


def test_half_time_rule_does_not_apply_before_the_midpoint(tmp_path: Path) -> None:
    alerts = alerts_of(tmp_path, HALF_ROWS, "2019-11")  # 11·2 < 24
    assert alerts.half_time is False
    assert of_kind(alerts, "half_time") == {}


@pytest.mark.parametrize(("as_of", "applies"), [("2020-05", False), ("2020-06", True)])
def test_half_time_in_a_yearly_view_is_june(tmp_path: Path, as_of: str, applies: bool) -> None:
    # 2020's firms target 59 (东区 15): 东区 7 of 15 < 0.5
    rows = [("2020-01", "east", "firms", "7", "", "", "")]
    alerts = alerts_of(tmp_path, rows, as_of, targets=YEARLY_TARGETS, year=2020)
    assert alerts.half_time is applies
    half = of_kind(alerts, "half_time")
    assert (("county", "东区", "firms") in half) is applies
    if applies:
        assert near(half[("county", "东区", "firms")].completion, "7/15")


def test_yearly_view_warns_only_where_a_yearly_target_exists(tmp_path: Path) -> None:
    # only firms has yearly targets (2020: 59, 东区 15, 西县 44); loans and spaces are measured
    # against nothing in 2020, so they raise no warning, not even for the city
    targets = TARGETS_YAML.replace(
        "    target: 100\n", "    target: 100\n    yearly: {2019: 41, 2020: 59}\n"
    )
    rows = [("2020-01", "east", "firms", "3", "", "", "")]  # 3 of 15 = 0.2; 3 of 59 in all
    alerts = alerts_of(tmp_path, rows, "2020-06", targets=targets, year=2020)
    assert {a.indicator for a in alerts.items if a.scope != "unit"} == {"firms"}
    assert {a.subject for a in alerts.items if a.scope == "unit"} == {"协调办"}
    lagging = of_kind(alerts, "lagging")
    # units: 协调办 (firms only) is measured against 2020's target and lags; 甲局 and 乙局
    # (loans, spaces) have no yearly target, so no status and no warning
    assert set(lagging) == {
        ("city", "全市", "firms"),
        ("county", "东区", "firms"),
        ("county", "西县", "firms"),
        ("unit", "协调办", None),
    }
    assert near(lagging[("unit", "协调办", None)].completion, "3/59")
    assert near(lagging[("county", "东区", "firms")].gap_points, 30)  # 0.5 − 0.2
    assert lagging[("county", "东区", "firms")].level == "red"
    assert near(lagging[("city", "全市", "firms")].completion, "3/59")


# --- projection at the pace of the last 6 months ------------------------------------------------

PACE_ROWS = [
    # 东区: 16 by 2020-06, 12 of them in 2020-01 … 2020-06: pace 2 a month
    ("2019-06", "east", "firms", "4", "", "", ""),
    ("2020-02", "east", "firms", "6", "", "", ""),
    ("2020-05", "east", "firms", "6", "", "", ""),
    # 西县: 46 by 2020-06, only 6 of them in the last 6 months (2019-12 is 7 months back)
    ("2019-06", "west", "firms", "30", "", "", ""),
    ("2019-12", "west", "firms", "10", "", "", ""),
    ("2020-03", "west", "firms", "6", "", "", ""),
]


def test_projection_flags_what_the_recent_pace_cannot_finish(tmp_path: Path) -> None:
    alerts = alerts_of(tmp_path, PACE_ROWS, "2020-06")  # 6 months left
    projected = {k: a for k, a in of_kind(alerts, "projection").items() if k[2] == "firms"}
    # 东区: (16 + 2·6)/25 = 28/25 ≥ 1: not flagged (at its whole-period average of 16/18 a
    # month it would be: (16 + 16/3)/25 < 1)
    assert ("county", "东区", "firms") not in projected
    # 西县: pace 6/6 = 1; (46 + 6)/75 = 52/75; short by 23/75 ≈ 0.307 -> red; needs 29/6 a month
    west = projected[("county", "西县", "firms")]
    assert near(west.projected, "52/75")
    assert near(west.pace_needed, "29/6")
    assert west.level == "red"
    assert near(west.completion, "46/75")
    assert near(west.gap_points, "2300/75")  # 差距: 30.7 points short at the end, as red says
    # 全市: 62, pace (12 + 6)/6 = 3; (62 + 18)/100 = 0.8; short by 0.2 -> yellow; needs 38/6
    city = projected[("city", "全市", "firms")]
    assert near(city.projected, "0.8")
    assert near(city.pace_needed, "38/6")
    assert city.level == "yellow" and near(city.gap_points, 20)
    assert set(projected) == {("county", "西县", "firms"), ("city", "全市", "firms")}


def test_projection_early_in_the_plan_averages_the_months_so_far(tmp_path: Path) -> None:
    # 2019-04: only 4 months so far; 东区 4 -> pace 4/4 = 1; 20 months left:
    # (4 + 20)/25 = 0.96 -> flagged, short by 0.04 -> green; needs (25 − 4)/20 = 1.05 a month
    rows = [("2019-02", "east", "firms", "4", "", "", "")]
    alerts = alerts_of(tmp_path, rows, "2019-04")
    east = of_kind(alerts, "projection")[("county", "东区", "firms")]
    assert near(east.projected, "0.96")
    assert near(east.pace_needed, "1.05")
    assert east.level == "green"


def test_no_projection_in_the_last_month(tmp_path: Path) -> None:
    alerts = alerts_of(tmp_path, PACE_ROWS, "2020-12")
    assert of_kind(alerts, "projection") == {}
    assert of_kind(alerts, "lagging") != {}


# --- rankings (红黑榜) ---------------------------------------------------------------------------

RANK_ROWS = [
    ("2019-03", "east", "firms", "10", "", "", ""),  # 0.5
    ("2019-03", "west", "firms", "12", "", "", ""),  # 0.2
    ("2019-03", "north", "firms", "10", "", "", ""),  # 0.5
    ("2019-03", "east", "loans", "4000", "", "", ""),  # 1.0
    ("2019-03", "west", "loans", "6000", "", "", ""),  # 0.5
    ("2019-03", "north", "loans", "8000", "", "", ""),  # 2.0 (1 once capped)
    ("2019-03", "east", "spaces", "1", "", "", ""),  # 0.5
    ("2019-03", "west", "spaces", "3", "", "", ""),  # 0.5
    ("2019-03", "north", "spaces", "0", "", "", ""),  # 0: a figure of 0, reported
]


def test_rankings_share_ranks_on_ties(tmp_path: Path) -> None:
    alerts = alerts_of(tmp_path, RANK_ROWS, "2020-06", targets=NORTH_TARGETS)
    got = {
        r.indicator: [(e.rank, e.county_id, e.completion) for e in r.entries]
        for r in alerts.rankings
    }
    assert [r.indicator for r in alerts.rankings] == [None, "firms", "loans", "spaces"]
    assert got["firms"] == [(1, "east", Decimal("0.5")), (1, "north", Decimal("0.5")),
                            (3, "west", Decimal("0.2"))]  # fmt: skip
    assert got["loans"] == [(1, "north", 2), (2, "east", 1), (3, "west", Decimal("0.5"))]
    assert got["spaces"] == [(1, "east", Decimal("0.5")), (1, "west", Decimal("0.5")),
                             (3, "north", 0)]  # fmt: skip
    by = {r.indicator: r for r in alerts.rankings}
    assert [e.county for e in by["firms"].first] == ["东区", "北区"]
    assert [e.county for e in by["firms"].last] == ["西县"]
    assert [e.county for e in by["loans"].first] == ["北区"]
    assert [e.county for e in by["spaces"].last] == ["北区"]


def test_overall_ranking_averages_capped_completions(tmp_path: Path) -> None:
    # 东区 (0.5 + 1 + 0.5)/3 = 2/3; 北区 (0.5 + 1 + 0)/3 = 0.5 (2.0 capped at 1; uncapped it
    # would lead with 5/6); 西县 (0.2 + 0.5 + 0.5)/3 = 0.4
    alerts = alerts_of(tmp_path, RANK_ROWS, "2020-06", targets=NORTH_TARGETS)
    overall = alerts.rankings[0]
    assert overall.indicator is None
    assert [(e.rank, e.county) for e in overall.entries] == [(1, "东区"), (2, "北区"), (3, "西县")]
    for entry, expected in zip(overall.entries, ["2/3", "0.5", "0.4"], strict=True):
        assert near(entry.completion, expected), entry
    assert [e.county for e in overall.first] == ["东区"]
    assert [e.county for e in overall.last] == ["西县"]


def test_a_stock_never_reported_is_no_figure_and_the_composite_leaves_it_out(
    tmp_path: Path,
) -> None:
    """北区 gave no 众创空间 (a stock): no figure, not a 0, so it is not ranked on it, and the
    composite scores every county on the same indicators, without it: 东区 (0.5 + 1)/2,
    北区 (0.5 + 1)/2, 西县 (0.2 + 0.5)/2, and says so."""
    rows = [r for r in RANK_ROWS if r[1:3] != ("north", "spaces")]
    alerts = alerts_of(tmp_path, rows, "2020-06", targets=NORTH_TARGETS)
    north = next(
        r for r in alerts.progress.counties if r.county.id == "north" and r.indicator.id == "spaces"
    )
    assert (north.figure, north.completion, north.status) == (False, None, None)
    by = {r.indicator: r for r in alerts.rankings}
    assert [e.county_id for e in by["spaces"].entries] == ["east", "west"]
    assert by["spaces"].unranked == ("北区",)  # left out, and said so
    overall = by[None]
    assert overall.not_scored == ("spaces",)
    assert [(e.rank, e.county_id) for e in overall.entries] == [
        (1, "east"),
        (1, "north"),
        (3, "west"),
    ]
    assert [e.completion for e in overall.entries] == [Decimal("0.75")] * 2 + [Decimal("0.35")]
    from chuangye_cli.views.alerts import ranking_table

    (row,) = (r for r in ranking_table(alerts).rows if r.cells["indicator"].value is None)
    assert row.cells["not_scored"].value == ["spaces"]
    assert "综合得分不计众创空间，因并非各县区都有数" in str(row.cells["ranking"].value)
    data = make_data(tmp_path / "cli", rows, targets=NORTH_TARGETS)
    report = runner.invoke(
        app, ["report", "--data", str(data), "--as-of", "2020-06", "--county", "北区"]
    )
    assert report.exit_code == 0, report.output
    assert "1项无数据或无目标，不作判断" in report.stdout  # 3 indicators: each one said
    assert "（综合得分不计众创空间，因并非各县区都有数）" in report.stdout


def test_all_tied_has_no_last_place(tmp_path: Path) -> None:
    rows = [
        ("2019-03", "east", "firms", "5", "", "", ""),  # 5/25 = 0.2
        ("2019-03", "west", "firms", "15", "", "", ""),  # 15/75 = 0.2
    ]
    alerts = alerts_of(tmp_path, rows, "2020-06")
    firms = next(r for r in alerts.rankings if r.indicator == "firms")
    assert [e.rank for e in firms.entries] == [1, 1]
    assert len(firms.first) == 2
    assert firms.last == ()


# --- the command --------------------------------------------------------------------------------


def invoke(*args: str) -> Result:
    return runner.invoke(app, ["warnings", *args])


@pytest.fixture
def threshold_data(tmp_path: Path) -> Path:
    return make_data(tmp_path / "data", THRESHOLD_ROWS, targets=THRESHOLD_TARGETS)


# At 2020-03 (序时进度 15/24 = 0.625, 9 months left) only 东区 firms lags: 13 of 25 = 0.52,
# 10.5 points -> yellow; at or above half; its pace (8 in 2019-10 … 2020-03)/6 = 4/3 finishes
# exactly: (13 + 12)/25 = 1. 全市 firms: 88 of 100, (88 + 12)/100 = 1. Everything else done.
YELLOW_ONLY_ROWS = [
    ("2019-05", "east", "firms", "5", "", "", ""),
    ("2020-01", "east", "firms", "8", "", "", ""),
    ("2019-05", "west", "firms", "75", "", "", ""),
    ("2019-05", "east", "loans", "5000", "", "", ""),
    ("2019-05", "west", "loans", "15000", "", "", ""),
    ("2019-05", "east", "spaces", "3", "", "", ""),
    ("2019-05", "west", "spaces", "7", "", "", ""),
]


@pytest.fixture
def yellow_data(tmp_path: Path) -> Path:
    return make_data(tmp_path / "yellow", YELLOW_ONLY_ROWS)


def test_yellow_only_scenario_by_hand(tmp_path: Path) -> None:
    alerts = alerts_of(tmp_path, YELLOW_ONLY_ROWS, "2020-03")
    assert [(a.kind, a.subject, a.indicator, a.level) for a in alerts.items] == [
        ("lagging", "东区", "firms", "yellow")
    ]
    assert near(alerts.items[0].gap_points, "10.5")


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "plain"])
def test_exit_0_whatever_is_found(threshold_data: Path, fmt: str) -> None:
    result = invoke("--data", str(threshold_data), "--as-of", "2020-06", "-f", fmt)
    assert result.exit_code == 0, result.output
    assert "西县" in result.stdout


def test_fail_on_red(threshold_data: Path, yellow_data: Path) -> None:
    red = invoke("--data", str(threshold_data), "--as-of", "2020-06", "--fail-on", "red")
    assert red.exit_code == 1
    assert "西县" in red.stdout  # the report is still printed
    yellow = invoke("--data", str(yellow_data), "--as-of", "2020-03", "--fail-on", "red")
    assert yellow.exit_code == 0, yellow.output
    assert invoke("--data", str(yellow_data), "--as-of", "2020-03").exit_code == 0
    on_yellow = invoke("--data", str(yellow_data), "--as-of", "2020-03", "--fail-on", "yellow")
    assert on_yellow.exit_code == 1


def test_fail_on_an_unknown_colour_exits_2(threshold_data: Path) -> None:
    result = invoke("--data", str(threshold_data), "--as-of", "2020-06", "--fail-on", "purple")
    assert result.exit_code == 2
    assert "purple" in result.stderr


def test_json_document(threshold_data: Path) -> None:
    result = invoke("--data", str(threshold_data), "--as-of", "2020-06", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert set(doc) == {
        "plan", "as_of", "year", "time_progress", "half_time", "county", "warnings",
        "rankings", "turned_green", "doubted",
    }  # fmt: skip
    assert doc["as_of"] == "2020-06" and doc["year"] is None
    assert doc["time_progress"] == Decimal("0.75") and doc["half_time"] is True
    assert doc["plan"]["id"] == "test-plan"
    engine = alerts_of(threshold_data.parent / "again", THRESHOLD_ROWS, "2020-06",
                       targets=THRESHOLD_TARGETS)  # fmt: skip
    assert len(doc["warnings"]) == len(engine.items)
    for row, a in zip(doc["warnings"], engine.items, strict=True):
        assert (row["kind"], row["level"], row["scope"], row["subject"]) == (
            a.kind, a.level, a.scope, a.subject,
        )  # fmt: skip
        assert (row["subject_id"], row["indicator"]) == (a.subject_id, a.indicator)
        assert row["completion"] == a.completion and row["gap_points"] == a.gap_points
        assert row["projected"] == a.projected and row["pace_needed"] == a.pace_needed
        assert isinstance(row["message"], str) and row["message"]
    west = next(
        r for r in doc["warnings"]
        if (r["kind"], r["subject_id"], r["indicator"]) == ("lagging", "west", "loans")
    )  # fmt: skip
    assert west["level"] == "yellow"
    assert Fraction(west["gap_points"]) - Fraction(5249, 150) < Fraction(1, 10**20)
    ranking = {r["indicator"]: r for r in doc["rankings"]}
    # firms: 东区 0.6, 西县 0.4
    assert ranking["firms"]["first"] == ["东区"] and ranking["firms"]["last"] == ["西县"]
    assert [(e["rank"], e["county_id"]) for e in ranking["firms"]["entries"]] == [
        (1, "east"), (2, "west"),
    ]  # fmt: skip


def test_json_in_a_yearly_view(tmp_path: Path) -> None:
    data = make_data(tmp_path, [("2020-01", "east", "firms", "7", "", "", "")],
                     targets=YEARLY_TARGETS)  # fmt: skip
    result = invoke("--data", str(data), "--year", "2020", "--as-of", "2020-06", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert doc["year"] == 2020 and doc["time_progress"] == Decimal("0.5")
    assert doc["half_time"] is True


def test_csv_lists_the_same_warnings(threshold_data: Path) -> None:
    doc = as_json(invoke("--data", str(threshold_data), "--as-of", "2020-06", "-f", "json").stdout)
    result = invoke("--data", str(threshold_data), "--as-of", "2020-06", "-f", "csv")
    assert result.exit_code == 0, result.output
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["kind"], r["level"], r["subject"], r["indicator"]) for r in records] == [
        (w["kind"], w["level"], w["subject"], w["indicator"] or "") for w in doc["warnings"]
    ]


def test_messages_name_the_unit_of_measure(tmp_path: Path) -> None:
    data = make_data(tmp_path, PACE_ROWS)
    doc = as_json(invoke("--data", str(data), "--as-of", "2020-06", "-f", "json").stdout)
    west = next(
        w for w in doc["warnings"]
        if (w["kind"], w["subject_id"], w["indicator"]) == ("projection", "west", "firms")
    )  # fmt: skip
    assert "69.3%" in west["message"]  # 52/75
    assert "需每月完成约5个" in west["message"]  # 29/6 ≈ 4.83 个 a month: a whole count
    loans = next(
        w for w in doc["warnings"]
        if (w["kind"], w["subject_id"], w["indicator"]) == ("projection", "east", "loans")
    )  # fmt: skip
    # nothing yet: 0.5 亿元 over 6 months ≈ 0.0833 亿元 = 833.3 万元, in the reporting unit
    assert "需每月完成约833万元" in loans["message"]


def test_caption_states_the_thresholds(threshold_data: Path) -> None:
    result = invoke("--data", str(threshold_data), "--as-of", "2020-06", "-f", "plain")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "15 个百分点起为黄色" in out and "35 个百分点起为红色" in out
    assert "预警清单" in out and "红黑榜" in out


def test_table_before_the_midpoint_says_the_half_time_check_is_not_made(tmp_path: Path) -> None:
    data = make_data(tmp_path, HALF_ROWS)
    result = invoke("--data", str(data), "--as-of", "2019-11")
    assert result.exit_code == 0, result.output
    assert "时间未过半" in result.stdout


def test_data_errors_exit_1(tmp_path: Path) -> None:
    data = make_data(tmp_path, [("2019-03", "east", "firms", "-1", "", "", "")])
    result = invoke("--data", str(data), "--as-of", "2019-03", "--fail-on", "red")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_a_yellow_or_green_warning_is_in_no_run_of_red_months() -> None:
    """The shipped data has a yellow projection of a subject whose lag has been red for
    months: it carries 0 and no 建议督办 (it had said “已连续N个月红色预警”)."""
    from tests.conftest import SHIPPED_DATA

    result = CliRunner().invoke(app, ["warnings", "--data", str(SHIPPED_DATA), "-f", "json"])
    assert result.exit_code == 0, result.output
    warnings = as_json(result.stdout)["warnings"]
    others = [w for w in warnings if w["level"] != "red"]
    assert others and all(w["consecutive_red_months"] == 0 for w in others)
    assert not any("建议督办" in w["message"] for w in others)
    assert any(w["consecutive_red_months"] >= 3 for w in warnings if w["level"] == "red")


def test_one_countys_warnings() -> None:
    """`warnings --county 金寨县`: only its warnings, the rankings of every county; the
    caption says so; an unknown county is a usage error with a hint."""
    from tests.conftest import SHIPPED_DATA

    runner = CliRunner()
    args = ["warnings", "--data", str(SHIPPED_DATA), "-f", "json"]
    every = as_json(runner.invoke(app, args).stdout)
    mine = as_json(runner.invoke(app, [*args, "--county", "金寨县"]).stdout)
    expected = [w for w in every["warnings"] if w["subject_id"] == "jinzhai"]
    assert mine["warnings"] == expected and 0 < len(expected) < len(every["warnings"])
    assert mine["rankings"] == every["rankings"]
    text = runner.invoke(app, [*args[:-2], "--county", "金寨县", "-f", "markdown"]).stdout
    assert "只列金寨县的预警；排名不限于金寨县。" in text
    assert mine["county"] == "jinzhai" and every["county"] is None
    wrong = runner.invoke(app, [*args, "--county", "金寨"])
    assert wrong.exit_code == 2 and "金寨县" in wrong.output
