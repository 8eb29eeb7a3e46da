"""Rates and ceilings: indicators judged on their level against the target, not on the time
elapsed. A rate (unit %, 就业率92.4%以上) is done once reached; a ceiling (失业率控制在3.5%以内)
while the level stays within it. Every figure below is worked out by hand at 2020-06 (test plan:
severe 0.25, so completion under 0.75 is severe)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuangye_cli.alerts import compute_alerts
from chuangye_cli.cli import app
from chuangye_cli.periods import Period
from chuangye_cli.progress import compute
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

RATE_INDICATORS = """\
  - id: employment_rate
    name: 就业率
    target: 92.4
    unit: '%'
    kind: stock
  - id: unemployment
    name: 城镇登记失业率
    target: 3.5
    unit: '%'
    kind: stock
    ceiling: true
"""
RATE_TARGETS = TARGETS_YAML.replace("counties:\n", RATE_INDICATORS + "counties:\n", 1)
assert RATE_TARGETS != TARGETS_YAML

# 东区 93.0 (done), 西县 91.0 (91/92.4 = 0.98485: behind), the city itself 92.0 (behind).
# 东区 3.2 (within 3.5: done), 西县 5.0 (3.5/5 = 0.7 < 0.75: severe), the city 3.6 (3.5/3.6: behind).
RATE_ROWS = [
    ("2020-06", "east", "employment_rate", "93.0", "", "", ""),
    ("2020-06", "west", "employment_rate", "91%", "", "", ""),
    ("2020-06", "city", "employment_rate", "92.0", "%", "", ""),
    ("2020-06", "east", "unemployment", "3.2", "", "", ""),
    ("2020-06", "west", "unemployment", "5.0", "", "level", ""),
    ("2020-06", "city", "unemployment", "3.6", "", "", ""),
    ("2020-03", "west", "unemployment", "3.0", "", "", ""),  # an earlier level: not the latest
]


def rate_data(root: Path, rows: Sequence[Sequence[str]] = RATE_ROWS) -> Path:
    return make_data(root, rows, targets=RATE_TARGETS)


def test_statuses_of_a_rate_and_a_ceiling(tmp_path: Path) -> None:
    loaded = load_data(rate_data(tmp_path))
    assert errors(loaded) == [], [str(d) for d in loaded.diagnostics]
    assert loaded.plan is not None and loaded.actuals is not None
    progress = compute(loaded.plan, loaded.actuals, Period(2020, 6))
    city = {r.indicator.id: r for r in progress.indicators}
    rate, ceiling = city["employment_rate"], city["unemployment"]
    assert (rate.actual, rate.status, rate.pace_needed) == (Decimal(92), "behind", None)
    assert near(rate.completion, "920/924") and near(rate.remaining, "0.4")
    assert (ceiling.actual, ceiling.status, ceiling.pace_needed) == (Decimal("3.6"), "behind", None)
    assert near(ceiling.completion, "35/36") and near(ceiling.remaining, "0.1")
    county = {(r.county.id, r.indicator.id): r for r in progress.counties}
    expected = {
        ("east", "employment_rate"): ("93.0", "done", "930/924", "0"),
        ("west", "employment_rate"): ("91", "behind", "910/924", "1.4"),
        ("east", "unemployment"): ("3.2", "done", "1", "0"),
        ("west", "unemployment"): ("5.0", "severe", "0.7", "1.5"),
    }
    for key, (actual, status, completion, remaining) in expected.items():
        row = county[key]
        assert near(row.actual, actual) and row.status == status, (key, row)
        assert near(row.completion, completion) and near(row.remaining, remaining), (key, row)
        assert row.pace_needed is None
        # a rate is a standard for every county, not a total split by the weights 1:3
        assert row.target == Decimal("92.4" if key[1] == "employment_rate" else "3.5")


def test_without_a_city_figure_the_city_level_is_the_mean_of_the_counties(tmp_path: Path) -> None:
    rows = [r for r in RATE_ROWS if r[1] != "city"]
    loaded = load_data(rate_data(tmp_path, rows))
    assert loaded.plan is not None and loaded.actuals is not None
    city = {
        r.indicator.id: r for r in compute(loaded.plan, loaded.actuals, Period(2020, 6)).indicators
    }
    assert near(city["employment_rate"].actual, "92")  # (93 + 91) / 2
    assert near(city["unemployment"].actual, "4.1")  # (3.2 + 5.0) / 2
    assert city["unemployment"].status == "behind"  # 3.5/4.1 = 0.854


def test_a_level_nobody_reported_has_no_status(tmp_path: Path) -> None:
    rows = [r for r in RATE_ROWS if r[2] != "unemployment"]
    loaded = load_data(rate_data(tmp_path, rows))
    assert loaded.plan is not None and loaded.actuals is not None
    progress = compute(loaded.plan, loaded.actuals, Period(2020, 6))
    city = {r.indicator.id: r for r in progress.indicators}
    assert city["unemployment"].status is None  # not “done” because 0 is within the ceiling
    assert all(
        r.status is None and r.completion is None
        for r in progress.counties
        if r.indicator.id == "unemployment"
    )


def test_off_target_warnings(tmp_path: Path) -> None:
    loaded = load_data(rate_data(tmp_path))
    assert loaded.plan is not None and loaded.actuals is not None
    progress = compute(loaded.plan, loaded.actuals, Period(2020, 6))
    found = {
        (a.subject, a.indicator): a
        for a in compute_alerts(loaded.plan, loaded.actuals, progress).items
        if a.indicator in ("employment_rate", "unemployment")
    }
    # only off_target (no half-time check, no projection) and only where the target is missed
    assert {a.kind for a in found.values()} == {"off_target"}
    assert set(found) == {
        ("全市", "employment_rate"),
        ("西县", "employment_rate"),
        ("全市", "unemployment"),
        ("西县", "unemployment"),
    }
    west = found[("西县", "unemployment")]
    # red: 30 % over the ceiling (3.5 ÷ 5.0 = 0.7); 差距 in percentage points, 5.0 - 3.5
    assert west.level == "red" and west.gap_points == Decimal("1.5")
    employment = found[("西县", "employment_rate")]  # 1.4/92.4 short: green; 1.4 points
    assert employment.level == "green" and employment.gap_points == Decimal("1.4")
    from chuangye_cli.views.alerts import warnings_table

    table = warnings_table(compute_alerts(loaded.plan, loaded.actuals, progress))
    shown = [
        r.cells["time_progress"].text for r in table.rows if r.cells["kind"].value == "off_target"
    ]
    assert shown and set(shown) == {"—"}  # a level is judged against its target, not the time


def test_words_in_the_table_and_the_warnings(tmp_path: Path) -> None:
    data = str(rate_data(tmp_path))
    table = runner.invoke(app, ["progress", "--data", data, "--by", "county", "--as-of", "2020-06"])
    assert table.exit_code == 0, table.output
    lines = {tuple(line.split()[:2]): line for line in table.stdout.splitlines() if "率" in line}
    assert "严重超出" in lines[("西县", "城镇登记失业率")]
    assert "3.5以内" in lines[("西县", "城镇登记失业率")]
    assert "控制在目标内" in lines[("东区", "城镇登记失业率")]
    assert "达标" in lines[("东区", "就业率")] and "未达标" in lines[("西县", "就业率")]
    warnings = runner.invoke(app, ["warnings", "--data", data, "--format", "json"])
    messages = [w["message"] for w in as_json(warnings.stdout)["warnings"]]
    assert "西县·城镇登记失业率：5%，超出控制目标（3.5%以内）1.5个百分点" in messages
    assert "西县·就业率：91%，低于目标（92.4%）1.4个百分点" in messages
    rows = as_json(runner.invoke(app, ["progress", "--data", data, "--format", "json"]).stdout)[
        "rows"
    ]
    assert {r["indicator"]: r["status"] for r in rows}["unemployment"] == "behind"  # codes stay


@pytest.mark.parametrize(
    ("old", "new", "variant", "needle"),
    [
        ("    ceiling: true\n", "    ceiling: true\n    at_least: true\n", "ceiling", "- id: unemployment"),
        ("    target: 3.5\n    unit: '%'\n    kind: stock\n", "    target: 3.5\n    unit: '%'\n    kind: flow\n", "level", "- id: unemployment"),
    ],
)  # fmt: skip
def test_a_rate_or_ceiling_that_contradicts_itself_is_a_located_error(
    tmp_path: Path, old: str, new: str, variant: str, needle: str
) -> None:
    targets = RATE_TARGETS.replace(old, new, 1)
    assert targets != RATE_TARGETS
    loaded = load_data(make_data(tmp_path, [], targets=targets))
    found = errors(loaded)
    assert [(d.code, d.variant, d.line) for d in found] == [
        ("schema.value", variant, line_of(targets, needle))
    ]
    assert column_of(targets, "id: unemployment") == found[0].column


def test_a_percent_in_a_count_indicator_is_a_unit_error(tmp_path: Path) -> None:
    rows = [("2020-06", "east", "firms", "5%", "", "", "")]
    loaded = load_data(make_data(tmp_path, rows, targets=RATE_TARGETS))
    assert [(d.code, d.variant) for d in errors(loaded)] == [("actuals.unit", "measure")]


def test_before_a_level_is_reported_it_is_not_judged(tmp_path: Path) -> None:
    # At 2020-05 only 西县's 2020-03 unemployment (3.0) has been reported: 东区 and the city
    # report in June. So 东区 has no status, and the city's level is 西县's alone: 3.0, within.
    loaded = load_data(rate_data(tmp_path))
    assert loaded.plan is not None and loaded.actuals is not None
    progress = compute(loaded.plan, loaded.actuals, Period(2020, 5))
    city = next(r for r in progress.indicators if r.indicator.id == "unemployment")
    assert (city.actual, city.status) == (Decimal("3.0"), "done")
    county = {r.county.id: r for r in progress.counties if r.indicator.id == "unemployment"}
    assert county["east"].status is None and county["west"].status == "done"
    # month by month: no status until the first report, then within the ceiling, then severe
    data = str(rate_data(tmp_path / "again"))
    result = runner.invoke(
        app,
        ["trend", "--data", data, "--as-of", "2020-06", "--indicator", "unemployment",
         "--county", "west", "-f", "json"],
    )  # fmt: skip
    statuses = {r["period"]: r["status"] for r in as_json(result.stdout)["rows"]}
    assert statuses["2020-02"] is None
    assert (statuses["2020-03"], statuses["2020-05"], statuses["2020-06"]) == (
        "done",
        "done",
        "severe",
    )
