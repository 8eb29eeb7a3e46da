"""Divisions in a hierarchy: parents (declared or from the code's prefix), levels, figures and
targets rolled up (a parent = its children + its own 本级 figures), views of one part
(--within, --level), rankings among siblings, a city's bulletin, and the errors."""

from __future__ import annotations

import csv
import importlib.util
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chuangye_cli.alerts import compute_alerts
from chuangye_cli.cli import app
from chuangye_cli.divisions import Hierarchy
from chuangye_cli.domain import Actuals, Series
from chuangye_cli.model import CountySpec, IndicatorSpec, PlanMeta, Thresholds
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.progress import Progress, compute
from chuangye_cli.scope import scoped

from .conftest import REPO, as_json, errors, load_data, make_data, near, warnings_of

D = Decimal
# 示范省 P (990000) with cities A (990100, weighted: a declared target) and B (990200, not
# weighted: its target is its counties' sum). A has a1, a2 (codes under 990100) and a zone az
# (no code: it names its parent). B has b1, b2. 10 months; at 2020-05 序时进度 = 0.5.
TARGETS = """\
plan:
  id: tree
  title: 层级测试
  start: 2020-01
  end: 2020-10
indicators:
  - {id: ent, name: 企业, target: 100, unit: 个, kind: flow}
  - {id: spaces, name: 空间, target: 10, unit: 个, kind: stock}
  - {id: rate, name: 就业率, target: 90, unit: "%", kind: stock}
counties:
  - {id: p, name: 示范省, code: "990000", kind: province}
  - {id: a, name: 甲市, code: "990100", kind: prefecture}
  - {id: a1, name: 甲一区, code: "990101", kind: district}
  - {id: a2, name: 甲二县, code: "990102", kind: county}
  - {id: az, name: 甲开发区, kind: zone, parent: a}
  - {id: b, name: 乙市, code: "990200", kind: prefecture}
  - {id: b1, name: 乙一区, code: "990201", kind: district}
  - {id: b2, name: 乙二县, code: "990202", kind: county}
allocation:
  label: test
  method: test
  weights: {a: 60, b1: 25, b2: 15, a1: 50, a2: 30, az: 20}
  explicit:
    - indicator: spaces
      targets: {a: 6, b1: 2, b2: 2, a1: 3, a2: 2, az: 1}
"""
TASKS = """\
units:
  - {name: 办公室, kind: coordinator}
tasks:
  - {number: 1, title: 任务, lead_text: 办公室, leads: [办公室]}
indicator_links:
  label: test
  tasks: {1: [ent, spaces, rate]}
"""
ROWS = (
    # ent (increments): A = a1 10 + a2 9 + az 6 + A's own 4 = 29; B = b1 10 + b2 3 + own 2 = 15;
    # P = 29 + 15 + P's own 7 = 51
    ("2020-01", "a1", "ent", "5", "", "", ""),
    ("2020-02", "a1", "ent", "5", "", "", ""),
    ("2020-03", "a2", "ent", "9", "", "", ""),
    ("2020-05", "az", "ent", "6", "", "", ""),
    ("2020-04", "a", "ent", "4", "", "", ""),
    ("2020-02", "b1", "ent", "10", "", "", ""),
    ("2020-05", "b2", "ent", "3", "", "", ""),
    ("2020-01", "b", "ent", "2", "", "", ""),
    ("2020-03", "p", "ent", "7", "", "", ""),
    # spaces (levels): A = a1 2 + a2 2 = 4; B = b1 1; P = 4 + 1 + own 1 = 6
    ("2020-05", "a1", "spaces", "2", "", "level", ""),
    ("2020-02", "a2", "spaces", "1", "", "level", ""),
    ("2020-04", "a2", "spaces", "2", "", "level", ""),
    ("2020-05", "b1", "spaces", "1", "", "level", ""),
    ("2020-01", "p", "spaces", "1", "", "level", ""),
    # rate: A's own 91 (a1's 95 is not A's); B has no own figure (b1's 80 is not B's); P's 88
    ("2020-05", "a1", "rate", "95", "", "level", ""),
    ("2020-03", "a", "rate", "91", "", "level", ""),
    ("2020-05", "b1", "rate", "80", "", "level", ""),
    ("2020-05", "p", "rate", "88", "", "level", ""),
)
MAY = Period(2020, 5)


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Plan, Actuals]:
    loaded = load_data(make_data(tmp_path / "tree", ROWS, targets=TARGETS, tasks=TASKS))
    assert errors(loaded) == [] and warnings_of(loaded) == [], loaded.diagnostics
    assert loaded.plan is not None and loaded.actuals is not None
    return loaded.plan, loaded.actuals


def view(
    tree: tuple[Plan, Actuals], within: str | None = None, level: str | None = None
) -> Progress:
    plan, actuals = scoped(*tree, within, level)  # type: ignore[arg-type]
    return compute(plan, actuals, MAY)


def row(progress: Progress, county: str, indicator: str) -> tuple[object, object]:
    (found,) = (
        r for r in progress.counties if r.county.id == county and r.indicator.id == indicator
    )
    return found.target, found.actual


def area(progress: Progress, indicator: str) -> tuple[object, object]:
    (found,) = (r for r in progress.indicators if r.indicator.id == indicator)
    return found.target, found.actual


def test_parents_come_from_the_code_prefix_or_are_named(tree: tuple[Plan, Actuals]) -> None:
    h = tree[0].hierarchy
    assert h is not None
    assert dict(h.parents) == {
        "p": None, "a": "p", "a1": "a", "a2": "a", "az": "a", "b": "p", "b1": "b", "b2": "b",
    }  # fmt: skip
    assert h.inferred == {"a", "a1", "a2", "b", "b1", "b2"}  # az names its parent
    assert dict(h.levels) == {
        "p": "province", "a": "city", "a1": "county", "a2": "county", "az": "county",
        "b": "city", "b1": "county", "b2": "county",
    }  # fmt: skip
    assert h.root == "p"


def test_a_parent_is_its_children_plus_its_own_figures(tree: tuple[Plan, Actuals]) -> None:
    cities = view(tree, level="city")
    assert [r.county.id for r in cities.counties if r.indicator.id == "ent"] == [
        "a", "b", "p/own",
    ]  # fmt: skip
    assert row(cities, "a", "ent")[1] == 29
    assert row(cities, "b", "ent")[1] == 15
    assert row(cities, "p/own", "ent")[1] == 7
    assert area(cities, "ent") == (100, 51)
    counties = view(tree, level="county")
    ids = [r.county.id for r in counties.counties if r.indicator.id == "ent"]
    assert ids == ["a1", "a2", "az", "a/own", "b1", "b2", "b/own", "p/own"]
    assert [row(counties, c, "ent")[1] for c in ids] == [10, 9, 6, 4, 10, 3, 2, 7]
    assert area(counties, "ent")[1] == 51


def test_a_stock_sums_the_latest_levels(tree: tuple[Plan, Actuals]) -> None:
    cities = view(tree, level="city")
    assert row(cities, "a", "spaces")[1] == 4  # a1 2 + a2 2 (its level of 2020-04)
    assert row(cities, "b", "spaces")[1] == 1
    assert area(cities, "spaces") == (10, 6)


def test_a_rate_is_never_summed_nor_made_up(tree: tuple[Plan, Actuals]) -> None:
    cities = view(tree, level="city")
    (a,) = (r for r in cities.counties if r.county.id == "a" and r.indicator.id == "rate")
    assert a.actual == 91 and near(a.completion, "91/90") and a.status == "done"
    (b,) = (r for r in cities.counties if r.county.id == "b" and r.indicator.id == "rate")
    assert b.completion is None and b.status is None  # b1's 80 is not 乙市's rate
    (whole,) = (r for r in cities.indicators if r.indicator.id == "rate")
    assert whole.actual == 88 and whole.status == "behind"  # 示范省's own figure
    a_only = view(tree, within="b")  # 乙市 has no own rate figure: no level, no judgement
    (rate,) = (r for r in a_only.indicators if r.indicator.id == "rate")
    assert rate.status is None
    assert not b.figure and not rate.figure and a.figure  # no figure: never shown as a 0


def test_a_rate_with_no_figure_is_shown_as_none_not_zero() -> None:
    doc = as_json(cli("progress", "--within", "西山市", "-f", "json"))
    (rate,) = (r for r in doc["rows"] if r["unit"] == "%")
    assert (rate["actual"], rate["completion"], rate["remaining"]) == (None, None, None)
    doc = as_json(cli("progress", "--level", "city", "-f", "json"))
    (xishan,) = (r for r in doc["rows"] if r["county"] == "西山市" and r["unit"] == "%")
    assert xishan["actual"] is None and xishan["target"] == 90


def test_a_rates_history_adds_nothing_and_has_no_level_before_its_first_figure(
    tree: tuple[Plan, Actuals],
) -> None:
    """The province's 就业率 month by month: 88 from May, its own figure (not a sum of the
    rates of 甲市, 甲一区 and 乙一区: 91 + 95 + 80 + 88), no 当月新增, 环比 or 同比, and no
    level (not 0) before anyone gave one; the bulletin's 本月 and 本年 of it are none."""
    from chuangye_cli.bulletin import additions_of
    from chuangye_cli.trend import trend

    history = trend(*tree, "rate", MAY)
    totals = [p.total for p in history.points]
    assert totals == [None, None, None, None, 88]
    assert all(p.addition is None and p.mom is None and p.yoy is None for p in history.points)
    assert [p.completion is None for p in history.points] == [True] * 4 + [False]
    now = additions_of(history, MAY)
    assert (now.month, now.year) == (None, None)
    a = trend(*scoped(*tree, "a", None), "rate", MAY)
    assert [p.total for p in a.points] == [None, None, 91, 91, 91]  # 甲市's own, from March
    ent = trend(*tree, "ent", MAY)  # a flow still adds up
    assert [p.addition for p in ent.points] == [7, 15, 16, 4, 9]


def test_the_whole_plans_rate_is_the_top_divisions_own(tree: tuple[Plan, Actuals]) -> None:
    whole = compute(*tree, MAY)  # the plan itself, not a view: 示范省's own 88, no mean
    (rate,) = (r for r in whole.indicators if r.indicator.id == "rate")
    assert rate.actual == 88
    (ent,) = (r for r in whole.indicators if r.indicator.id == "ent")
    assert ent.actual == 51


def test_declared_and_summed_targets(tree: tuple[Plan, Actuals]) -> None:
    allocation = tree[0].allocation
    assert allocation is not None
    ent = allocation.targets["ent"]
    # the province's 100 split 60 : 25 : 15 among 甲市, 乙一区, 乙二县; 甲市's 60 split 50:30:20
    assert dict(ent) == {
        "p": 100, "a": 60, "a1": 30, "a2": 18, "az": 12, "b": 40, "b1": 25, "b2": 15,
    }  # fmt: skip
    assert allocation.summed["ent"] == {"b"}  # 乙市 declared nothing: 25 + 15
    spaces = allocation.targets["spaces"]
    assert [spaces["a"], spaces["b"], spaces["p"]] == [6, 4, 10]
    assert allocation.targets["rate"]["b"] == 90  # a rate's target is a standard, not a sum
    cities = view(tree, level="city")
    assert row(cities, "a", "ent")[0] == 60 and row(cities, "b", "ent")[0] == 40
    assert row(cities, "p/own", "ent")[0] is None  # 本级 figures have no target


def test_a_declared_parent_target_wins_over_its_childrens_sum(tmp_path: Path) -> None:
    targets = TARGETS.replace("targets: {a: 6, b1: 2, b2: 2, a1: 3, a2: 2, az: 1}",
                              "targets: {a: 6, b1: 2, b2: 2, a1: 3, a2: 1, az: 1}")  # fmt: skip
    loaded = load_data(make_data(tmp_path / "d", ROWS, targets=targets, tasks=TASKS))
    (warning,) = warnings_of(loaded)
    assert warning.code == "allocation.sum"
    assert "甲市所辖单位的目标合计 5 个，甲市的目标为 6" in warning.message()
    assert loaded.plan is not None and loaded.plan.allocation is not None
    assert loaded.plan.allocation.targets["spaces"]["a"] == 6


def test_within_a_city(tree: tuple[Plan, Actuals]) -> None:
    city = view(tree, within="a")
    assert city.plan.area == "甲市"
    assert area(city, "ent") == (60, 29)  # 甲市's own target and rolled-up figure
    assert area(city, "spaces") == (6, 4)
    assert [r.county.id for r in city.counties if r.indicator.id == "ent"] == [
        "a1", "a2", "az", "a/own",
    ]  # fmt: skip
    assert row(city, "a1", "ent") == (30, 10)
    summed = view(tree, within="b")
    assert area(summed, "ent") == (40, 15)


def test_rankings_compare_siblings(tree: tuple[Plan, Actuals]) -> None:
    plan, actuals = scoped(*tree, "a")
    alerts = compute_alerts(plan, actuals, compute(plan, actuals, MAY))
    (ent,) = (r for r in alerts.rankings if r.indicator == "ent")
    # 甲一区 10/30, 甲二县 9/18 = 0.5, 甲开发区 6/12 = 0.5: ties share the first place
    assert [(e.county_id, e.rank) for e in ent.entries] == [("a2", 1), ("az", 1), ("a1", 3)]
    top, top_actuals = scoped(*tree)  # the province: its cities
    (ent,) = (
        r
        for r in compute_alerts(top, top_actuals, compute(top, top_actuals, MAY)).rankings
        if r.indicator == "ent"
    )
    assert [(e.county_id, e.rank) for e in ent.entries] == [("a", 1), ("b", 2)]  # 29/60, 15/40
    subjects = {a.subject for a in alerts.items if a.scope == "city"}
    assert subjects == {"甲市"}  # the area's warnings are named after it, not 全市


def test_the_flat_plan_has_no_hierarchy(engine_data: Path) -> None:
    loaded = load_data(engine_data)
    assert loaded.plan is not None and loaded.plan.hierarchy is None
    assert loaded.plan.area == "全市"


@pytest.mark.parametrize(
    ("old", "new", "code", "message"),
    [
        ("kind: zone, parent: a}", "kind: zone, parent: aa}", "ref.unknown-county",
         "counties[4].parent：未知县区 “aa”（您是否要找：a（甲市）、a1（甲一区）、a2（甲二县））"),
        ('code: "990100", kind: prefecture}', 'code: "990100", kind: prefecture, parent: az}',
         "hierarchy.cycle", "上下级关系成环：甲市 → 甲开发区 → 甲市"),
        ('code: "990202", kind: county}', 'code: "990202", kind: county, parent: b1}',
         "hierarchy.level", "乙二县（县级）不能是乙一区（县级）的下级"),
        ('code: "990101", kind: district}', 'code: "990101", kind: district, level: city}',
         "hierarchy.level", "按行政区划代码前缀，甲一区（市级）应在甲市（市级）之下"),
        ("weights: {a: 60,", "weights: {p: 1, a: 60,", "ref.city-allocation",
         "示范省是整个计划的范围"),
    ],
)  # fmt: skip
def test_errors_are_located(tmp_path: Path, old: str, new: str, code: str, message: str) -> None:
    assert TARGETS.count(old) == 1
    targets = TARGETS.replace(old, new)
    loaded = load_data(make_data(tmp_path / "bad", ROWS, targets=targets, tasks=TASKS))
    found = [d for d in errors(loaded) if d.code == code]
    assert found, [str(d) for d in loaded.diagnostics]
    line = next(k for k, text in enumerate(targets.splitlines(), 1) if new in text)
    assert found[0].line == line
    assert message in found[0].message(), found[0].message()
    assert loaded.plan is None


# --- the shipped example: a synthetic province ------------------------------------------------

EXAMPLE = REPO / "data" / "examples" / "province"
runner = CliRunner()


def cli(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--data", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_example_is_what_its_script_makes(tmp_path: Path, monkeypatch: Any) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_province_example", REPO / "scripts" / "make_province_example.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path)
    module.main()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (EXAMPLE / path.relative_to(tmp_path)).read_bytes()
    assert "SYNTHETIC" in (EXAMPLE / "targets.yaml").read_text(encoding="utf-8")


def test_the_example_rolls_up_to_its_cities() -> None:
    found = as_json(cli("progress", "--by", "county", "--level", "city", "-f", "json"))
    assert (found["within"], found["level"], found["area"]) == (None, "city", "示范省")
    ent = {r["county_id"]: r for r in found["rows"] if r["indicator"] == "new_enterprises"}
    assert list(ent) == ["donghu", "xishan", "nanhe", "shifan/own"]
    assert (ent["donghu"]["target"], ent["xishan"]["target"], ent["nanhe"]["target"]) == (
        2700, 2100, 1200,  # 东湖市 and 西山市 declared (weights); 南河市 = 720 + 480
    )  # fmt: skip
    # every figure of the file, once: the cities and the province's own add up to the whole
    figures: dict[str, Decimal] = {}
    with (EXAMPLE / "actuals" / "synthetic-province.csv").open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            if line["indicator"] == "new_enterprises" and line["period"] <= "2020-06":
                figures[line["county"]] = figures.get(line["county"], D(0)) + D(line["value"])
    donghu = sum(figures[c] for c in ("donghu", "dongcheng", "hubin", "donghu_xian", "gaoxin"))
    assert D(ent["donghu"]["actual"]) == donghu
    assert D(ent["shifan/own"]["actual"]) == figures["shifan"]
    assert sum(D(r["actual"]) for r in ent.values()) == sum(figures.values())
    assert ent["xishan"]["status"] == "not_reported"  # 石门县's return for 2020-06 is missing


def test_the_example_ranks_within_a_city() -> None:
    found = as_json(cli("warnings", "--within", "西山市", "-f", "json"))
    assert found["within"] == "xishan"
    overall = found["rankings"][0]
    assert overall["indicator"] is None
    assert [e["county"] for e in overall["entries"]] == ["西山区", "北岭县"]
    assert overall["unranked"] == ["石门县"]
    cities = as_json(cli("warnings", "-f", "json"))["rankings"][0]  # the province: its cities
    assert {e["county"] for e in cities["entries"]} == {"东湖市", "南河市"}
    assert cities["unranked"] == ["西山市"]  # one of its counties did not report


def test_the_example_makes_a_city_bulletin() -> None:
    text = cli("report", "--within", "东湖市")
    assert text.startswith("# 示范省创业行动（合成示例）东湖市月度通报（2020年6月）")
    assert "东湖市4项指标中" in text
    counties = text.split("## 四、各县区完成情况")[1].split("## 五")[0]
    for name in ("东城区", "湖滨区", "东湖县", "东湖高新区"):
        assert name in counties
    assert "西山区" not in text and "南河区" not in text
    assert "| 新增注册企业     |   2700个 |" in text  # 东湖市's target, not the province's


def test_a_bulletin_calls_cities_cities() -> None:
    """The province's bulletin lists its cities (各市完成情况), a city's bulletin is ranked among
    the cities (在2个市中), a city's own bulletin lists its counties (各县区完成情况)."""
    province = cli("report")
    assert "## 四、各市完成情况" in province
    assert "各市完成率（市目标为分解目标，见说明）" in province  # its note, its tables
    assert "| 市     |   新增注册企业 |" in province and "|   名次 | 市     |" in province
    assert "县区" not in province
    assert "在2个市中列第" in cli("report", "--county", "东湖市")
    assert "## 四、各县区完成情况" in cli("report", "--within", "东湖市")


def test_rankings_call_cities_cities() -> None:
    """The ranking table of the province's cities is 市排名, of a city's counties 县区排名, of
    divisions of two levels 地区排名; in English too."""
    assert "市排名（红黑榜）" in cli("warnings") and "县区排名" not in cli("warnings")
    assert "县区排名（红黑榜）" in cli("warnings", "--within", "东湖市")
    assert "City rankings (top and bottom)" in cli("--lang", "en", "warnings")
    assert "County rankings" in cli("--lang", "en", "warnings", "--within", "东湖市")


def test_a_county_bulletin_in_a_hierarchy_ranks_among_its_siblings() -> None:
    text = cli("report", "--county", "湖滨区")
    assert "湖滨区月度通报" in text
    assert "在4个县区中列第" in text  # among 东湖市's four counties


def test_options_on_a_flat_plan() -> None:
    same = runner.invoke(app, ["progress", "--by", "county", "-f", "json"])
    level = runner.invoke(app, ["progress", "--by", "county", "--level", "county", "-f", "json"])
    assert level.exit_code == 0 and level.stdout == same.stdout
    for args in (["--level", "city"], ["--within", "金安区"]):
        result = runner.invoke(app, ["progress", "--by", "county", *args])
        assert result.exit_code == 2, result.output
    unknown = runner.invoke(app, ["progress", "--data", str(EXAMPLE), "--within", "东湖"])
    assert unknown.exit_code == 2
    assert "您是否要找：东湖县、东湖市、东湖高新区" in unknown.output


# --- a property: every figure is counted once, whatever the view ------------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(min_value=-1, max_value=12), min_size=1, max_size=12),
    st.lists(st.integers(min_value=0, max_value=10**6), min_size=13, max_size=13),
    st.sampled_from([None, "city", "county"]),
)
def test_rows_add_up_to_the_whole(parents: list[int], values: list[int], level: str | None) -> None:
    """A random forest under one province: whatever the level, the rows' figures add up to the
    sum of every figure, and each row to its divisions' figures."""
    ids = ["p"] + [f"d{k}" for k in range(len(parents))]
    parent_of = {"p": None} | {
        f"d{k}": ids[j] if (j := min(p, k)) >= 0 else "p" for k, p in enumerate(parents)
    }
    levels = {"p": "province"}
    for k in range(len(parents)):
        above = parent_of[f"d{k}"]
        assert above is not None
        levels[f"d{k}"] = "city" if levels[above] == "province" else "county"
    depth = {"province": 0, "city": 1, "county": 2}
    kept = [c for c in ids if c == "p" or depth[levels[c]] <= 2]
    kept = [c for c in kept if c == "p" or levels[parent_of[c] or "p"] != "county"]
    hierarchy = Hierarchy(
        tuple(kept),
        {c: parent_of[c] for c in kept},
        {c: levels[c] for c in kept},  # type: ignore[misc]
        names={c: c for c in kept},
    )
    series = {
        (c, "ent"): Series(figures={"increment": {Period(2020, 1).index: D(values[k])}})
        for k, c in enumerate(kept)
    }
    specs = tuple(CountySpec(id=c, name=c, kind="province" if c == "p" else "county") for c in kept)
    plan = Plan(
        meta=PlanMeta(id="x", title="x", start=Period(2020, 1), end=Period(2020, 12)),
        thresholds=Thresholds(),
        indicators=(IndicatorSpec(id="ent", name="企业", target=D(1), unit="个", kind="flow"),),
        counties=specs,
        units=(),
        tasks=(),
        task_indicators={},
        coordinator_indicators=(),
        links_label=None,
        allocation=None,
        county_lookup={},
        indicator_lookup={},
        files=("", ""),
        hierarchy=hierarchy,
    )
    derived, actuals = scoped(plan, Actuals(series=series), None, level)  # type: ignore[arg-type]
    total = sum((D(values[k]) for k in range(len(kept))), D(0))
    progress = compute(derived, actuals, Period(2020, 1))
    rows = progress.counties
    assert sum((r.actual for r in rows), D(0)) == total == progress.indicators[0].actual
    for r in rows:
        members = derived.scope.parts[r.county.id] if derived.scope else ()
        assert r.actual == sum((D(values[kept.index(m)]) for m in members), D(0))


def test_a_county_code_ending_in_00_is_no_parent() -> None:
    """A flat plan whose counties include a 市辖区-like code (xxxx00) stays flat."""
    from chuangye_cli.divisions import resolve

    found: list[object] = []
    spec = [
        CountySpec(id="x0", name="甲区", code="110100", kind="district"),
        CountySpec(id="x1", name="乙区", code="110101", kind="district"),
    ]
    h = resolve(spec, lambda *a, **k: found.append(a))
    assert found == [] and h.parents == {"x0": None, "x1": None}


def test_returns_within_a_city_are_its_divisions() -> None:
    """`returns --within 东湖市`: the returns of its districts, county, zone and 本级, not the
    other cities'; `--level city` (the province's rows): the cities and the province's 本级,
    with 西山市's missing June."""
    data = str(EXAMPLE)
    runner = CliRunner()

    def reporters(*args: str) -> dict[str, int]:
        result = runner.invoke(app, ["returns", "--data", data, *args, "--format", "json"])
        assert result.exit_code == 0, result.output
        missing: dict[str, int] = {}
        for cell in as_json(result.stdout)["returns"]:
            missing.setdefault(cell["reporter"], 0)
            missing[cell["reporter"]] += cell["state"] == "missing"
        return missing

    assert reporters("--within", "东湖市") == {
        "东城区": 0, "湖滨区": 0, "东湖县": 0, "东湖高新区": 0, "东湖市本级": 0,
    }  # fmt: skip
    assert reporters("--level", "city") == {
        "东湖市": 0, "西山市": 1, "南河市": 0, "示范省本级": 0,
    }  # fmt: skip


def test_a_unit_is_not_marked_down_for_a_rate_without_a_figure() -> None:
    """西山市 reports no 高校毕业生就业率: its office's mean is of the three indicators with a
    figure (it averaged the rate in as 0 %: 50.1 %, 严重滞后)."""
    from decimal import Decimal

    runner = CliRunner()

    def rows(*args: str) -> list[dict[str, Any]]:
        result = runner.invoke(
            app, ["progress", "--data", str(EXAMPLE), "--within", "西山市", *args, "-f", "json"]
        )
        assert result.exit_code == 0, result.output
        return list(as_json(result.stdout)["rows"])

    indicators = rows()
    with_figure = [Decimal(str(r["completion"])) for r in indicators if r["status"] is not None]
    assert len(with_figure) == 3 and len(indicators) == 4
    (office, *_) = rows("--by", "unit")
    mean = sum((min(c, Decimal(1)) for c in with_figure), Decimal(0)) / 3
    assert abs(Decimal(str(office["completion"])) - mean) < Decimal("1e-20")


def test_a_city_total_row_among_its_counties_is_warned_of(tmp_path: Path) -> None:
    """东湖市's July table with a row for the city that is exactly its four divisions' sum (a
    total row, which would be counted again as 东湖市本级): a located warning, an error with
    --strict; the shipped example's own 本级 rows (not sums) give none."""
    import shutil

    data = tmp_path / "province"
    shutil.copytree(EXAMPLE, data)
    (data / "actuals" / "东湖市2020年7月.csv").write_text(
        "period,county,indicator,value\n"
        "2020-07,东湖市,新增注册企业,100\n"  # line 2: 35 + 27 + 17 + 21
        "2020-07,东城区,新增注册企业,35\n2020-07,湖滨区,新增注册企业,27\n"
        "2020-07,东湖县,新增注册企业,17\n2020-07,东湖高新区,新增注册企业,21\n"
        "2020-07,东湖市,带动就业,5\n2020-07,东城区,带动就业,3\n2020-07,湖滨区,带动就业,4\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(app, ["validate", "--data", str(data), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = [(d["code"], d["line"]) for d in as_json(result.stdout) if d["severity"] != "notice"]
    # (东湖县 and 东湖高新区 give no 带动就业 for July, which they gave before; the others sent
    # no July return)
    assert [f for f in found if f[0] != "returns.missing"] == [
        ("actuals.parent-total", 2),
        ("returns.partial", None),
        ("returns.partial", None),
    ]
    strict = runner.invoke(app, ["validate", "--data", str(data), "--strict"])
    assert strict.exit_code == 1
    shipped = runner.invoke(app, ["validate", "--data", str(EXAMPLE), "--format", "json"])
    # the example lacks 石门县's June 2020 return on purpose
    (missing,) = as_json(shipped.stdout)
    assert missing["code"] == "returns.missing" and "石门县" in missing["message"]
