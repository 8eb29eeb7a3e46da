"""The reader's fast path gives exactly what checking every row gives: same series (basis,
values, where each came from, notes), same sources, same diagnostics — on generated files with
repeated and unique keys, units, bases, 万/亿 suffixes, bad cells and ragged rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chuangye_cli.domain import Actuals
from chuangye_cli.plan import Plan, load_plan
from chuangye_cli.reading import SheetReading, read_actuals

from .conftest import TARGETS_YAML, TASKS_YAML

PERIODS = [f"{y}-{m:02d}" for y in (2019, 2020) for m in range(1, 13)]
PERIOD_TEXTS = st.one_of(
    st.sampled_from(PERIODS),  # many months: keys that do not repeat
    st.sampled_from(
        ["2019/03", "2019年3月", "2019年1-3月", " 2019-03", "201903", "2019-13", "2021-01", ""]
    ),
)
COUNTIES = st.sampled_from(
    ["east", "东区", "东城", "340101", "west", "city", "市本级", "north", ""]
)
INDICATORS = st.sampled_from(["firms", "新增企业", "loans", "发放贷款", "spaces", "farms"])
VALUES = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(str),  # plain: what the fast path takes
    st.sampled_from(
        [
            "—",
            "无",
            "12,000",
            "1.5",
            "0.25",
            "1.2万",
            "3200万元",
            "1亿",
            "１２",
            "",
            "-5",
            "1e3",
            "abc",
            "7" * 19,
            "0" * 20 + "1",
            " 42",
        ]
    ),
)
UNITS = st.sampled_from(["", "个", "家", "万元", "元", "亿元", "平方米", "斤"])
BASES = st.sampled_from(["", "increment", "当月", "ytd", "1-6月累计", "to_date", "level", "weekly"])
NOTES = st.sampled_from(["", "", "", "备注", "另一条备注"])
ROW = st.tuples(PERIOD_TEXTS, COUNTIES, INDICATORS, VALUES, UNITS, BASES, NOTES)
HEADERS = {
    "full": ("period", "county", "indicator", "value", "unit", "basis", "note"),
    "no-unit": ("period", "county", "indicator", "value", "basis", "note"),
    "minimal": ("period", "county", "indicator", "value"),
    "reordered": ("value", "unit", "county", "period", "indicator"),
}
FULL = HEADERS["full"]


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    root = tmp_path_factory.mktemp("plan")
    (root / "targets.yaml").write_text(TARGETS_YAML, encoding="utf-8")
    (root / "tasks.yaml").write_text(TASKS_YAML, encoding="utf-8")
    loaded, found = load_plan(root / "targets.yaml", root / "tasks.yaml")
    assert loaded is not None, found
    return loaded


def _csv(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], ragged: list[int]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for k, row in enumerate(rows):
        cells = [dict(zip(FULL, row, strict=True))[name] for name in header]
        if k in ragged:
            cells = cells[:-1] if k % 2 else [*cells, "extra"]
        writer.writerow(cells)
    return buffer.getvalue()


def _snapshot(actuals: Actuals) -> object:
    return (
        {
            key: ({b: dict(v) for b, v in s.figures.items()}, dict(s.origin), list(s.notes))
            for key, s in actuals.series.items()
        },
        actuals.sources,
    )


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(  # a note on a row whose texts were seen without one: it must be kept
    header="full",
    rows=[
        ("2019-03", "east", "firms", "1", "", "", ""),
        ("2019-03", "east", "firms", "2", "", "", "备注"),
    ],
    repeat=1,
    ragged=[],
)
@example(  # a month's first row is a total, then a fast-path increment: the origin is the total's
    header="full",
    rows=[
        ("2019-03", "east", "firms", "5", "", "ytd", ""),
        ("2019-03", "west", "firms", "1", "", "", ""),  # the month's text is then known
        ("2019-02", "east", "firms", "1", "", "", ""),  # and 东区's increment texts
        ("2019-03", "east", "firms", "2", "", "", ""),  # so this row takes the fast path
    ],
    repeat=1,
    ragged=[],
)
@example(  # 2019年1-3月 is 1-3月累计 unless the row says 当月: the fast path must not learn it
    header="full",
    rows=[
        ("2019-02", "east", "firms", "5", "", "", ""),
        ("2019年1-3月", "east", "firms", "3", "", "当月", ""),
        ("2019年1-3月", "east", "firms", "40", "", "", ""),
    ],
    repeat=1,
    ragged=[],
)
@given(
    header=st.sampled_from(sorted(HEADERS)),
    rows=st.lists(ROW, min_size=1, max_size=60),
    repeat=st.integers(min_value=1, max_value=4),
    ragged=st.lists(st.integers(min_value=0, max_value=200), max_size=3),
)
def test_fast_path_reads_exactly_what_the_checker_reads(
    tmp_path: Path,
    plan: Plan,
    header: str,
    rows: list[tuple[str, ...]],
    repeat: int,
    ragged: list[int],
) -> None:
    path = tmp_path / "actuals.csv"
    path.write_text(_csv(HEADERS[header], rows * repeat, ragged), encoding="utf-8")
    fast, fast_found = read_actuals([path], plan, fast=True)
    slow, slow_found = read_actuals([path], plan, fast=False)
    assert _snapshot(fast) == _snapshot(slow)
    assert fast_found == slow_found


def test_the_fast_path_is_taken_and_converts_units(tmp_path: Path, plan: Plan) -> None:
    """Rows repeating checked texts add up through the fast path, in the target unit: 2000,
    3000 and 1000 万元 are 0.6 亿元, the second and third without the checker."""
    path = tmp_path / "actuals.csv"
    rows = [("2019-03", "east", "loans", v, "万元", "", "") for v in ("2000", "3000", "1000")]
    path.write_text(_csv(FULL, rows, []), encoding="utf-8")
    calls: list[int] = []
    from chuangye_cli.reading.checker import RowChecker

    original = RowChecker.check

    def counting(self: RowChecker, *args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(RowChecker, "check", counting)
        actuals, found = read_actuals([path], plan)
    # 0.6 亿元 in one month is over east's whole target of 0.5 亿元
    assert [(d.code, d.variant) for d in found] == [("actuals.implausible", "over-target")]
    assert len(calls) == 1  # only the first row was checked in full
    assert actuals.series[("east", "loans")].figures["increment"][2019 * 12 + 2] == Decimal("0.6")


def test_inspect_reads_a_tidy_table_as_every_command_does(tmp_path: Path, plan: Plan) -> None:
    """With ``readings`` (chuangye inspect) the same figures and the same diagnostics: a row
    with a cell past the header is an error there too (it was once taken as a figure)."""
    path = tmp_path / "actuals.csv"
    path.write_text(
        "period,county,indicator,value,unit,basis,note\n"
        "2019-03,east,firms,5,,,\n"
        "2019-04,east,firms,165,个,,,-5\n"
        "2019-05,东区,firms,7,,,\n"
        "2019-05,合计,firms,12,,,\n",
        encoding="utf-8",
    )
    plain, found = read_actuals([path], plan)
    readings: list[SheetReading] = []
    inspected, said = read_actuals([path], plan, readings=readings)
    assert _snapshot(inspected) == _snapshot(plain)
    assert [str(d) for d in said] == [str(d) for d in found]
    assert [d.code.value for d in found if d.severity == "error"] == ["actuals.extra-cells"]
    assert [f.line for f in readings[0].figures] == [2, 4]


def test_a_footer_left_of_the_month_is_left_out_on_the_fast_path_too(
    tmp_path: Path, plan: Plan
) -> None:
    """A 注： in a column before the month makes the row a footer, whatever its other cells."""
    path = tmp_path / "actuals.csv"
    path.write_text(
        "序号,period,county,indicator,value\n"
        "1,2019-03,east,firms,5\n"
        "2,2019-04,east,firms,6\n"
        "注：本行为表尾,2019-04,east,firms,6\n"
        "注：本行也是,2019-04,east,firms,7\n",
        encoding="utf-8",
    )
    fast, fast_found = read_actuals([path], plan, fast=True)
    slow, slow_found = read_actuals([path], plan, fast=False)
    assert _snapshot(fast) == _snapshot(slow)
    assert [str(d) for d in fast_found] == [str(d) for d in slow_found]
    assert fast.series[("east", "firms")].figures["increment"][2019 * 12 + 3] == 6
    left_out = [d.line for d in fast_found if d.code.value == "actuals.row-left-out"]
    assert left_out == [4, 5]
