"""The progress engine on small hand-built plans; every expected figure is worked out by hand."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from chuangye_cli.domain import Actuals
from chuangye_cli.periods import Period
from chuangye_cli.progress import (
    CountyProgress,
    IndicatorProgress,
    Progress,
    classify,
    compute,
)
from chuangye_cli.quantities import ratio
from tests.conftest import (
    ENGINE_ROWS,
    SHIPPED_DATA,
    TARGETS_YAML,
    errors,
    load_data,
    make_data,
    progress_of,
)

D = Decimal


def indicator_row(progress: Progress, indicator: str) -> IndicatorProgress:
    return next(r for r in progress.indicators if r.indicator.id == indicator)


def county_row(progress: Progress, county: str, indicator: str) -> CountyProgress:
    return next(
        r for r in progress.counties if r.county.id == county and r.indicator.id == indicator
    )


def actuals_by_indicator(progress: Progress) -> dict[str, Decimal]:
    return {r.indicator.id: r.actual for r in progress.indicators}


# --- time progress ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "elapsed", "expected"),
    [
        (Period(2018, 1), 1, ratio(1, 36)),
        (Period(2019, 6), 18, D("0.5")),
        (Period(2019, 12), 24, ratio(2, 3)),
        (Period(2020, 12), 36, D(1)),
    ],
)
def test_time_progress_on_the_shipped_plan(as_of: Period, elapsed: int, expected: Decimal) -> None:
    loaded = load_data(SHIPPED_DATA)
    assert loaded.plan is not None
    result = compute(loaded.plan, Actuals(), as_of)
    assert result.months_elapsed == elapsed
    assert result.time_progress == expected


def test_time_progress_on_a_two_year_plan(engine_data: Path) -> None:
    assert progress_of(engine_data, "2020-06").time_progress == D("0.75")
    assert progress_of(engine_data, "2019-01").time_progress == ratio(1, 24)


@pytest.mark.parametrize("as_of", [Period(2018, 12), Period(2021, 1)])
def test_report_month_outside_the_plan_is_refused(engine_data: Path, as_of: Period) -> None:
    loaded = load_data(engine_data)
    assert loaded.plan is not None and loaded.actuals is not None
    with pytest.raises(ValueError, match="outside the plan"):
        compute(loaded.plan, loaded.actuals, as_of)


def test_no_figures_a_flow_is_zero_and_severe_a_stock_has_no_figure(engine_data: Path) -> None:
    loaded = load_data(engine_data)
    assert loaded.plan is not None
    result = compute(loaded.plan, Actuals(), Period(2020, 6))
    for row in result.indicators:
        if row.indicator.kind == "stock":  # nobody gave a level: none, not 0, not judged
            assert (row.figure, row.status) == (False, None)
            continue
        assert row.actual == 0
        assert row.completion == 0
        assert row.remaining == row.target
        assert row.status == "severe"
    assert {r.indicator.kind for r in result.indicators} == {"flow", "stock"}


# --- every basis -----------------------------------------------------------------------------


def test_increment_rows_add_up_and_later_rows_are_not_counted(engine_data: Path) -> None:
    result = progress_of(engine_data, "2020-06")
    # east: 10 + 5 (two ledger lines for 2019-03) + 20; the 2020-09 row is after as_of
    assert county_row(result, "east", "firms").actual == 35
    assert county_row(result, "west", "firms").actual == 30
    assert county_row(result, "city", "firms").actual == 10
    assert indicator_row(result, "firms").actual == 75  # counties + 市直


@pytest.mark.parametrize(
    ("as_of", "east_firms"),
    [("2019-02", 0), ("2019-03", 15), ("2020-01", 15), ("2020-02", 35), ("2020-09", 135)],
)
def test_increment_totals_over_time(engine_data: Path, as_of: str, east_firms: int) -> None:
    assert county_row(progress_of(engine_data, as_of), "east", "firms").actual == east_firms


@pytest.mark.parametrize(
    ("as_of", "east_loans"),
    [
        ("2019-05", D(0)),
        ("2019-06", D("0.3")),  # 3000 万元 year to date
        ("2019-12", D("0.8")),
        ("2020-02", D("0.8")),  # 2019 finished at 8000; nothing reported in 2020 yet
        ("2020-03", D("1.0")),  # 8000 + 2000
        ("2020-06", D("1.3")),  # 8000 + 5000 (the latest of 2020 by June)
    ],
)
def test_ytd_across_a_year_boundary(engine_data: Path, as_of: str, east_loans: Decimal) -> None:
    assert county_row(progress_of(engine_data, as_of), "east", "loans").actual == east_loans


@pytest.mark.parametrize(
    ("as_of", "west_loans"),
    [
        ("2019-08", D(0)),
        ("2019-09", D("0.1")),  # 1,000 万元
        ("2020-05", D("0.1")),
        ("2020-06", D("0.5")),
        ("2020-07", D("0.5")),
        ("2020-12", D("0.9")),
    ],
)
def test_to_date_takes_the_latest_figure(
    engine_data: Path, as_of: str, west_loans: Decimal
) -> None:
    assert county_row(progress_of(engine_data, as_of), "west", "loans").actual == west_loans


@pytest.mark.parametrize(
    ("as_of", "east_spaces"),
    [("2019-05", 0), ("2019-06", 2), ("2019-12", 2), ("2020-06", 6), ("2020-07", 9)],
)
def test_level_of_a_stock_is_the_latest_level(
    engine_data: Path, as_of: str, east_spaces: int
) -> None:
    assert county_row(progress_of(engine_data, as_of), "east", "spaces").actual == east_spaces


def test_a_falling_level_is_taken_as_it_is(tmp_path: Path) -> None:
    rows = [
        ("2019-06", "east", "spaces", "4", "", "", ""),
        ("2019-09", "east", "spaces", "3", "", "", ""),  # one space closed
    ]
    result = progress_of(make_data(tmp_path, rows), "2020-01")
    assert indicator_row(result, "spaces").actual == 3


def test_ytd_year_without_december_uses_its_last_figure(tmp_path: Path) -> None:
    rows = [
        ("2019-10", "east", "firms", "40", "", "ytd", ""),
        ("2020-02", "east", "firms", "7", "", "ytd", ""),
    ]
    result = progress_of(make_data(tmp_path, rows), "2020-03")
    assert indicator_row(result, "firms").actual == 47


def test_the_whole_hand_computed_picture_at_2020_06(engine_data: Path) -> None:
    result = progress_of(engine_data, "2020-06")
    assert actuals_by_indicator(result) == {"firms": 75, "loans": D("1.8"), "spaces": 11}
    firms, loans, spaces = (indicator_row(result, i) for i in ("firms", "loans", "spaces"))
    assert (firms.target, firms.completion, firms.remaining) == (D(100), D("0.75"), D(25))
    assert (loans.target, loans.completion, loans.remaining) == (D(2), D("0.9"), D("0.2"))
    assert (spaces.target, spaces.completion, spaces.remaining) == (D(10), D("1.1"), D(0))
    assert (firms.status, loans.status, spaces.status) == ("on_pace", "on_pace", "done")
    # six months are left after 2020-06
    assert firms.pace_needed == ratio(25, 6)
    assert loans.pace_needed == ratio(D("0.2"), 6)
    assert spaces.pace_needed == 0


# --- units of measure ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "expected_yi"),
    [
        ("3200", "", D("0.32")),  # the reporting unit, 万元
        ("3200", "万元", D("0.32")),
        ("3200万元", "", D("0.32")),
        ("3200万元", "万元", D("0.32")),
        ("0.32", "亿元", D("0.32")),
        ("0.32亿元", "", D("0.32")),
        ("32000000", "元", D("0.32")),
        ("32,000,000元", "", D("0.32")),
        ("1.2万", "", D("0.00012")),  # 1.2万 of the base unit: 1.2万元, not 1.2万 × 万元
        ("1.2亿", "", D("1.2")),  # 1.2亿元
        ("1.2亿", "元", D("1.2")),
        ("420万", "元", D("0.042")),
        ("12,000", "", D("1.2")),
        ("12000", "", D("1.2")),
    ],
)
def test_money_rows_convert_exactly_to_the_target_unit(
    tmp_path: Path, value: str, unit: str, expected_yi: Decimal
) -> None:
    rows = [("2019-06", "east", "loans", value, unit, "", "")]
    result = progress_of(make_data(tmp_path, rows), "2019-06")
    assert indicator_row(result, "loans").actual == expected_yi


@pytest.mark.parametrize(("value", "unit"), [("420万", "万元"), ("1.2亿", "万元"), ("3万", "万个")])
def test_a_wan_in_the_value_and_in_the_unit_is_an_error(
    tmp_path: Path, value: str, unit: str
) -> None:
    """420万 with the unit 万元: 420万元 or 420万万元? The file must say it once."""
    indicator = "firms" if unit.endswith("个") else "loans"
    rows = [("2019-06", "east", indicator, value, unit, "", "")]
    found = errors(load_data(make_data(tmp_path, rows)))
    assert [(d.code, d.variant, d.line, d.column) for d in found] == [
        ("actuals.unit", "double", 2, 4)
    ]


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        ("1.2万", "", D(12000)),
        ("12,000", "", D(12000)),
        ("1.2万个", "", D(12000)),
        ("1.2", "万个", D(12000)),
        ("30", "家", D(30)),  # 个, 家 and 户 all count things
        ("30", "户", D(30)),
    ],
)
def test_count_rows_convert(tmp_path: Path, value: str, unit: str, expected: Decimal) -> None:
    rows = [("2019-06", "east", "firms", value, unit, "", "")]
    result = progress_of(make_data(tmp_path, rows), "2019-06")
    assert indicator_row(result, "firms").actual == expected


def test_mixed_units_in_one_ytd_series_compare_after_conversion(tmp_path: Path) -> None:
    rows = [
        ("2019-06", "east", "loans", "3000", "", "ytd", ""),
        ("2019-06", "east", "loans", "0.3", "亿元", "ytd", ""),  # the same figure: no conflict
    ]
    loaded = load_data(make_data(tmp_path, rows))
    assert errors(loaded) == []
    result = progress_of(tmp_path, "2019-06")
    assert indicator_row(result, "loans").actual == D("0.3")


# --- statuses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("firms", "status", "remaining"),
    [
        ("130", "done", 0),  # beyond the target: remaining never below zero
        ("100", "done", 0),
        ("99", "on_pace", 1),
        ("75", "on_pace", 25),  # completion exactly = 序时进度 0.75
        ("74", "behind", 26),
        ("50", "behind", 50),  # exactly the threshold (0.25) below: not *more* than it
        ("49", "severe", 51),
        ("0", "severe", 100),
    ],
)
def test_status_boundaries(tmp_path: Path, firms: str, status: str, remaining: int) -> None:
    rows = [("2019-05", "west", "firms", firms, "", "", "")]
    row = indicator_row(progress_of(make_data(tmp_path, rows), "2020-06"), "firms")
    assert row.status == status
    assert row.remaining == remaining
    assert row.completion == ratio(D(firms), 100)


@pytest.mark.parametrize(
    ("severe_line", "firms", "status"),
    [
        ("  severe: 0.1\n", "66", "behind"),  # 0.66 is not below 0.75 - 0.1
        ("  severe: 0.1\n", "64", "severe"),
        ("", "55", "behind"),  # without thresholds the default is 0.2
        ("", "54", "severe"),
    ],
)
def test_severe_threshold_comes_from_targets_yaml(
    tmp_path: Path, severe_line: str, firms: str, status: str
) -> None:
    targets = TARGETS_YAML.replace("thresholds:\n  severe: 0.25\n", "")
    if severe_line:
        targets = targets.replace("indicators:\n", "thresholds:\n" + severe_line + "indicators:\n")
    rows = [("2019-05", "west", "firms", firms, "", "", "")]
    data = make_data(tmp_path, rows, targets=targets)
    assert indicator_row(progress_of(data, "2020-06"), "firms").status == status


@pytest.mark.parametrize(
    ("completion", "time_progress", "status"),
    [
        (Fraction(1), Fraction(1, 2), "done"),
        (Fraction(1), Fraction(1), "done"),
        (Fraction(1, 2), Fraction(1, 2), "on_pace"),
        (Fraction(49, 100), Fraction(1, 2), "behind"),
        (Fraction(3, 10), Fraction(1, 2), "behind"),
        (Fraction(299, 1000), Fraction(1, 2), "severe"),
    ],
)
def test_classify(completion: Fraction, time_progress: Fraction, status: str) -> None:
    assert classify(completion, time_progress, Fraction(1, 5)) == status


def test_pace_needed_is_none_in_the_last_month(tmp_path: Path) -> None:
    rows = [("2019-05", "west", "firms", "40", "", "", "")]
    result = progress_of(make_data(tmp_path, rows), "2020-12")
    row = indicator_row(result, "firms")
    assert row.pace_needed is None
    assert row.remaining == 60
    assert result.time_progress == 1


def test_pace_needed_spreads_the_remainder_over_the_months_left(tmp_path: Path) -> None:
    rows = [("2019-05", "west", "firms", "40", "", "", "")]
    # at 2019-12 twelve months are left: (100 - 40) / 12 = 5 a month
    assert (
        indicator_row(progress_of(make_data(tmp_path, rows), "2019-12"), "firms").pace_needed == 5
    )


# --- allocation and the county view -----------------------------------------------------------


def test_allocation_by_weights_uses_largest_remainder(engine_data: Path) -> None:
    loaded = load_data(engine_data)
    assert loaded.plan is not None and loaded.plan.allocation is not None
    targets = loaded.plan.allocation.targets
    # weights east 1 : west 3
    assert targets["firms"] == {"east": 25, "west": 75}
    # 2 亿元 = 20000 万元 (reporting unit) -> 5000 / 15000 万元
    assert targets["loans"] == {"east": D("0.5"), "west": D("1.5")}
    # 10 -> quotas 2.5 / 7.5: floors 2 + 7, the one left goes to the first listed on a tie
    assert targets["spaces"] == {"east": 3, "west": 7}
    assert "city" not in targets["firms"]


ALLOCATION_TARGETS = """\
plan:
  id: split
  title: 分解
  start: 2019-01
  end: 2019-12
indicators:
  - id: things
    name: 事物
    target: {target}
    unit: {unit}
    reporting_unit: {reporting}
    kind: flow
counties:
  - id: a
    name: 甲
    kind: county
  - id: b
    name: 乙
    kind: county
  - id: c
    name: 丙
    kind: county
allocation:
  label: test
  method: weights
  weights:
    a: {wa}
    b: {wb}
    c: {wc}
"""
SPLIT_TASKS = """\
units:
  - name: 单位
tasks:
  - number: 1
    title: 任务
    lead_text: 单位
    leads: [单位]
indicator_links:
  label: links
  tasks:
    1: [things]
"""


@pytest.mark.parametrize(
    ("target", "unit", "reporting", "weights", "expected"),
    [
        # 100/3 = 33.33 each: rounding each would give 99; the one left goes to the first
        ("100", "个", "个", (1, 1, 1), (34, 33, 33)),
        # quotas 1.4, 2.1, 3.5: floors 1 + 2 + 3 = 6; the largest remainder (0.5) is c's
        ("7", "个", "个", (2, 3, 5), (1, 2, 4)),
        # quotas 0.6, 3.6, 5.8: floors 0 + 3 + 5 = 8; the two left go to c (.8), then a (.6, listed
        # before b's equal .6)
        ("10", "个", "个", (3, 18, 29), (1, 3, 6)),
        # 2.7 万个 = 27000 个 split 1:2:0 -> 9000 / 18000 个 = 0.9 / 1.8 万个
        ("2.7", "万个", "个", (1, 2, 0), (D("0.9"), D("1.8"), 0)),
    ],
)
def test_weighted_allocation_adds_up_to_the_city_target(
    tmp_path: Path,
    target: str,
    unit: str,
    reporting: str,
    weights: tuple[int, int, int],
    expected: tuple[Decimal, Decimal, Decimal],
) -> None:
    targets = ALLOCATION_TARGETS.format(
        target=target, unit=unit, reporting=reporting, wa=weights[0], wb=weights[1], wc=weights[2]
    )
    loaded = load_data(make_data(tmp_path, [], targets=targets, tasks=SPLIT_TASKS))
    assert errors(loaded) == []
    assert loaded.plan is not None and loaded.plan.allocation is not None
    split = loaded.plan.allocation.targets["things"]
    assert (split["a"], split["b"], split["c"]) == expected
    assert sum(split.values(), D(0)) == D(target)


def test_shipped_allocation_adds_up_exactly_for_every_indicator() -> None:
    loaded = load_data(SHIPPED_DATA)
    assert loaded.plan is not None and loaded.plan.allocation is not None
    for indicator in loaded.plan.indicators:
        split = loaded.plan.allocation.targets[indicator.id]
        assert sum(split.values(), D(0)) == indicator.target, indicator.id
        assert "shizhi" not in split  # 市直 takes no share


def test_county_rows_against_their_allocated_targets(engine_data: Path) -> None:
    result = progress_of(engine_data, "2020-06")
    east = county_row(result, "east", "firms")
    assert (east.target, east.actual, east.completion, east.status) == (
        D(25),
        D(35),
        D("1.4"),
        "done",
    )
    west = county_row(result, "west", "firms")
    assert (west.target, west.actual, west.completion, west.status) == (
        D(75),
        D(30),
        D("0.4"),
        "severe",
    )
    assert (east.remaining, east.pace_needed) == (D(0), D(0))  # never below zero
    # 75 - 30 = 45 still to do over the six months after 2020-06
    assert (west.remaining, west.pace_needed) == (D(45), D("7.5"))
    west_spaces = county_row(result, "west", "spaces")
    assert west_spaces.completion == ratio(5, 7)
    assert west_spaces.status == "behind"  # 0.714 is under 0.75 but not 0.25 below it
    east_loans = county_row(result, "east", "loans")
    assert (east_loans.target, east_loans.actual) == (D("0.5"), D("1.3"))


def test_city_row_has_no_target(engine_data: Path) -> None:
    city = county_row(progress_of(engine_data, "2020-06"), "city", "firms")
    assert city.actual == 10
    assert (city.target, city.completion, city.status) == (None, None, None)
    assert (city.remaining, city.pace_needed) == (None, None)


def test_city_rows_only_when_the_city_reports(tmp_path: Path) -> None:
    rows = [("2019-05", "west", "firms", "4", "", "", "")]
    result = progress_of(make_data(tmp_path, rows), "2019-06")
    assert {r.county.id for r in result.counties} == {"east", "west"}
    # every county appears for every indicator, with zero where nothing was reported
    assert len(result.counties) == 2 * 3
    assert county_row(result, "east", "loans").actual == 0


def test_county_notes_are_carried(engine_data: Path) -> None:
    result = progress_of(engine_data, "2020-06")
    assert county_row(result, "east", "firms").notes == ("first ledger line", "second ledger line")


def test_latest_period_of_the_actuals(engine_data: Path) -> None:
    loaded = load_data(engine_data)
    assert loaded.actuals is not None
    assert loaded.actuals.latest == Period(2020, 9)
    assert Actuals().latest is None


# --- responsible units and tasks --------------------------------------------------------------


def test_unit_view(engine_data: Path) -> None:
    units = {r.unit.name: r for r in progress_of(engine_data, "2020-06").units}
    coordinator = units["协调办"]
    assert (coordinator.tasks, coordinator.indicators) == ((), ("firms",))
    assert (coordinator.completion, coordinator.status) == (D("0.75"), "on_pace")
    # 甲局 leads tasks 1 and 2: loans 0.9 and spaces 1.1 capped at 1 -> mean 0.95 (not 1.0)
    jia = units["甲局"]
    assert (jia.tasks, jia.indicators) == ((1, 2), ("loans", "spaces"))
    assert (jia.completion, jia.status) == (D("0.95"), "on_pace")
    yi = units["乙局"]
    assert (yi.tasks, yi.completion) == ((2,), D("0.95"))
    bing = units["丙局"]  # leads a task with no indicator
    assert (bing.tasks, bing.completion, bing.status) == ((3,), None, "qualitative")
    assert (units["丁局"].completion, units["丁局"].status) == (None, "partner_only")
    assert units["各县区"].status == "partner_only"
    assert list(units) == ["协调办", "甲局", "乙局", "丙局", "丁局", "各县区"]


def test_unit_mean_with_a_capped_done_indicator_can_still_be_behind(tmp_path: Path) -> None:
    # at 2020-06: loans 4000 万元 = 0.4 of 2 亿元 -> 0.2; spaces 30 of 10 -> 3, capped at 1
    rows = [
        ("2019-06", "east", "loans", "4000", "", "", ""),
        ("2019-06", "east", "spaces", "30", "", "", ""),
    ]
    units = {r.unit.name: r for r in progress_of(make_data(tmp_path, rows), "2020-06").units}
    # mean of 0.2 and 1 = 0.6: behind 0.75 but not more than 0.25 below it
    assert (units["甲局"].completion, units["甲局"].status) == (D("0.6"), "behind")


def test_task_view(engine_data: Path) -> None:
    tasks = {r.task.number: r for r in progress_of(engine_data, "2020-06").tasks}
    assert (tasks[1].indicators, tasks[1].completion, tasks[1].status) == (
        ("loans",),
        D("0.9"),
        "on_pace",
    )
    assert (tasks[2].indicators, tasks[2].completion) == (("loans", "spaces"), D("0.95"))
    assert tasks[2].task.leads == ["甲局", "乙局"]
    assert (tasks[3].indicators, tasks[3].completion, tasks[3].status) == ((), None, "qualitative")
    assert tasks[1].task.partners == ["丁局", "各县区"]


def test_every_shipped_indicator_has_a_responsible_unit() -> None:
    loaded = load_data(SHIPPED_DATA)
    assert loaded.plan is not None and loaded.actuals is not None
    result = compute(loaded.plan, loaded.actuals, Period(2020, 6))
    owned = {i for u in result.units for i in u.indicators}
    assert owned == {i.id for i in loaded.plan.indicators}
    assert len(result.tasks) == 13
    assert len(loaded.plan.indicators) == 9


def test_engine_rows_fixture_is_clean_but_for_one_implausible_month(engine_data: Path) -> None:
    loaded = load_data(engine_data)
    # 2020-09: 东区 adds 100 firms in one month, more than its whole target (25): a warning
    assert [(d.code, d.variant, d.line) for d in loaded.diagnostics] == [
        ("actuals.implausible", "over-target", 5)
    ]
    assert loaded.actuals is not None
    assert loaded.actuals.rows == len(ENGINE_ROWS)


def test_without_an_allocation_county_rows_have_no_targets(tmp_path: Path) -> None:
    targets = TARGETS_YAML[: TARGETS_YAML.index("allocation:")]
    rows = [("2019-05", "west", "firms", "4", "", "", "")]
    result = progress_of(make_data(tmp_path, rows, targets=targets), "2019-06")
    assert result.plan.allocation is None
    west = county_row(result, "west", "firms")
    assert (west.actual, west.target, west.completion, west.status) == (D(4), None, None, None)
    assert indicator_row(result, "firms").actual == 4


def test_what_is_kept_of_a_load_is_made_once_per_key() -> None:
    """Actuals.kept: made once for the same figures and key; a month counts by its value, a
    plan (unhashable) by its identity, and is kept alive with what was made; more series make
    it afresh."""
    from chuangye_cli.domain import Actuals
    from chuangye_cli.periods import Period

    loaded = load_data(SHIPPED_DATA)
    assert loaded.plan is not None and loaded.actuals is not None
    actuals, plan = loaded.actuals, loaded.plan
    made: list[object] = []

    def make() -> int:
        made.append(1)
        return len(made)

    assert actuals.kept("x", make, plan, Period(2020, 6)) == 1
    assert actuals.kept("x", make, plan, Period(2020, 6)) == 1  # an equal month: kept
    assert actuals.kept("x", make, plan, Period(2020, 5)) == 2
    other = load_data(SHIPPED_DATA).plan  # an equal plan, another object: made again
    assert actuals.kept("x", make, other, Period(2020, 6)) == 3
    assert actuals.kept("y", make, plan, Period(2020, 6)) == 4
    fresh = Actuals(series=dict(actuals.series), sources=actuals.sources)
    assert fresh.kept("x", make, plan, Period(2020, 6)) == 5
    fresh.series[("nowhere", "jobs")] = next(iter(actuals.series.values()))
    assert fresh.kept("x", make, plan, Period(2020, 6)) == 6  # more series: made afresh
    kept = actuals.__dict__["_kept"]
    assert any(key[0] is plan for key, _ in kept.values())  # the plan held with it
