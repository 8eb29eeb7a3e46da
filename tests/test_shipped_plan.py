"""The shipped 六安 plan holds what issue #2 (section 2) says the document states."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from chuangye_cli.inputs import load, resolve_inputs
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.progress import compute
from chuangye_cli.quantities import ratio
from tests.conftest import SHIPPED_DATA, csv_text, errors, load_data


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = load_data(SHIPPED_DATA)
    assert loaded.plan is not None
    return loaded.plan


def test_shipped_data_loads_without_problems() -> None:
    assert load_data(SHIPPED_DATA).diagnostics == []


def test_plan_metadata(plan: Plan) -> None:
    meta = plan.meta
    assert (meta.start, meta.end) == (Period(2018, 1), Period(2020, 12))
    assert meta.document_number == "六政办秘〔2018〕266号"
    assert meta.issuer == "六安市人民政府办公室"
    assert meta.implements is not None and "皖政办〔2018〕44号" in meta.implements
    assert meta.coordinator == "市就业工作领导小组办公室"
    assert plan.months == 36


@pytest.mark.parametrize(
    ("indicator", "target", "unit", "kind"),
    [
        ("new_enterprises", "2.7", "万个", "flow"),
        ("jobs", "8.4", "万人", "flow"),
        ("training", "6000", "人次", "flow"),
        ("return_platforms", "35", "个", "flow"),
        ("factory_space", "200", "万平米", "flow"),
        ("micro_enterprises", "2000", "家", "flow"),
        ("maker_spaces", "10", "个", "stock"),
        ("guarantee_loans", "12", "亿元", "flow"),
        ("youth_startups", "6000", "人", "flow"),
    ],
)
def test_the_nine_indicators(plan: Plan, indicator: str, target: str, unit: str, kind: str) -> None:
    spec = plan.indicator(indicator)
    assert spec.target == Decimal(target)
    assert spec.unit == unit
    assert spec.kind == kind
    assert spec.text is not None
    assert spec.at_least == ("以上" in spec.text)  # “at least” exactly where the document says 以上


def test_nine_indicators_in_the_documents_order(plan: Plan) -> None:
    assert [i.id for i in plan.indicators] == [
        "new_enterprises",
        "jobs",
        "training",
        "return_platforms",
        "factory_space",
        "micro_enterprises",
        "maker_spaces",
        "guarantee_loans",
        "youth_startups",
    ]


def test_counties(plan: Plan) -> None:
    codes = {c.name: c.code for c in plan.counties if c.kind in ("district", "county")}
    assert codes == {
        "金安区": "341502",
        "裕安区": "341503",
        "叶集区": "341504",
        "霍邱县": "341522",
        "舒城县": "341523",
        "金寨县": "341524",
        "霍山县": "341525",
    }
    zone = [c for c in plan.counties if c.kind == "zone"]
    assert [(c.name, c.code) for c in zone] == [("六安经济技术开发区", None)]
    city = [c for c in plan.counties if c.kind == "city"]
    assert len(city) == 1
    assert plan.county_lookup["市直"] == city[0].id


def test_thirteen_tasks_with_declared_units(plan: Plan) -> None:
    assert [t.number for t in plan.tasks] == list(range(1, 14))
    units = {u.name for u in plan.units}
    for task in plan.tasks:
        assert set(task.leads) <= units
        assert set(task.partners) <= units
    joint = [t.number for t in plan.tasks if t.joint_lead]
    assert all("按分工负责" in plan.tasks[n - 1].lead_text for n in joint)
    assert plan.links_label is not None


def test_allocation_is_labelled_illustrative(plan: Plan) -> None:
    assert plan.allocation is not None
    assert "illustrative" in plan.allocation.label
    assert plan.allocation.method.strip()


def test_shipped_plan_with_own_figures_in_other_units(tmp_path: Path) -> None:
    figures = tmp_path / "figures.csv"
    rows = [
        ("2019-06", "金寨县", "factory_space", "20000", "", "", ""),  # reporting unit: 平方米
        ("2019-06", "金寨县", "factory_space", "1.5", "万平米", "", ""),
        ("2019-06", "金寨县", "factory_space", "3000平米", "", "", ""),
        ("2019-06", "341524", "guarantee_loans", "3200", "", "", ""),  # reporting unit: 万元
        ("2019-06", "金寨县", "guarantee_loans", "0.5亿元", "", "", ""),
        ("2019-06", "市本级", "guarantee_loans", "18,000", "", "", ""),
    ]
    figures.write_text(csv_text(rows), encoding="utf-8")
    loaded = load(resolve_inputs(data=SHIPPED_DATA, actuals=[figures]))
    assert errors(loaded) == []
    assert loaded.plan is not None and loaded.actuals is not None
    result = compute(loaded.plan, loaded.actuals, Period(2019, 6))
    actual = {r.indicator.id: r.actual for r in result.indicators}
    assert actual["factory_space"] == Decimal("3.8")  # 2 + 1.5 + 0.3 万平米
    assert actual["guarantee_loans"] == Decimal("2.62")  # 0.32 + 0.5 + 1.8 亿元
    assert result.time_progress == Decimal("0.5")
    loans = next(r for r in result.indicators if r.indicator.id == "guarantee_loans")
    # 2.62 of 12 = 0.2183…: more than 0.2 below 序时进度 0.5
    assert loans.status == "severe"
    assert loans.pace_needed == ratio(Decimal(12) - Decimal("2.62"), 18)
