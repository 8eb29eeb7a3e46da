"""The columnar engine against the row-by-row reader: the same figures, the same diagnostics
(codes, files, lines, columns, order), the same command output, byte for byte; and located
errors in a large generated file."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from chuangye_cli.cli import app
from chuangye_cli.domain import Actuals
from chuangye_cli.packed import PackedSeries, Store
from chuangye_cli.plan import Plan, load_plan
from chuangye_cli.reading import columnar, read_actuals
from chuangye_cli.reading.sources import MAX_CELL_CHARS

from .conftest import REPO, TARGETS_YAML, TASKS_YAML, csv_text

pytest.importorskip("duckdb")
pytest.importorskip("numpy")

runner = CliRunner()


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    root = tmp_path_factory.mktemp("plan")
    (root / "targets.yaml").write_text(TARGETS_YAML, encoding="utf-8")
    (root / "tasks.yaml").write_text(TASKS_YAML, encoding="utf-8")
    loaded, problems = load_plan(root / "targets.yaml", root / "tasks.yaml")
    assert loaded is not None, problems
    return loaded


def snapshot(actuals: Actuals) -> Any:
    """Everything a reading gives, in its order (dict order included)."""
    return (
        [
            (
                key,
                list(s.figures),
                {b: list(v.items()) for b, v in s.figures.items()},
                s.origin,
                s.notes,
            )
            for key, s in actuals.series.items()
        ],
        list(actuals.returns.items()),
        actuals.sources,
    )


def both_in_bulk(folder: Path, body: list[list[str]], plan: Plan) -> tuple[Any, Any, bool]:
    """:func:`both` on a tidy CSV of ``body`` (period, county, indicator, value, unit, basis)."""
    path = folder / "a.csv"
    header = ["period", "county", "indicator", "value", "unit", "basis"]
    path.write_text(csv_text(body, header), encoding="utf-8")
    return both([path], plan)


def both(paths: list[Path], plan: Plan) -> tuple[Any, Any, bool]:
    """(python reading, columnar reading, whether the columnar path read in bulk)."""
    used: list[bool] = []
    real = columnar.read

    def spy(*args: Any, **kwargs: Any) -> int:
        try:
            count = real(*args, **kwargs)
        except columnar.FallBack:
            used.append(False)
            raise
        used.append(True)
        return count

    readings = []
    for engine in ("python", "columnar"):
        columnar.read = spy
        try:
            actuals, found = read_actuals(paths, plan, engine=engine)
        finally:
            columnar.read = real
        months = range(plan.meta.start.index, plan.meta.end.index + 1)
        totals = {k: [s.to_date(m) for m in months] for k, s in actuals.series.items()}
        adds = {k: s.additions() for k, s in actuals.series.items()}
        readings.append((snapshot(actuals), found, totals, adds, actuals.latest))
    return readings[0], readings[1], any(used)


# -- generated files: every kind of cell the reader knows ------------------------------------

PERIODS = ["2019-01", "2019-02", "2019-06", "2019-12", "2020-01", "2020-06", "2020-12",
           "2019/3", "2019年4月", "201905", "2020年1-6月", "2018-12", "2021-01", "2020-13",
           "abc", "", " 2019-07 "]  # fmt: skip
COUNTIES = ["east", "west", "东区", "西县", "340101", "东城", "市直", "city", "合计", "无名县",
            "", " west "]  # fmt: skip
INDICATORS = ["firms", "loans", "spaces", "新增企业", "发放贷款", "nope", ""]
VALUES = ["0", "7", "12", "250", "3000", "12.5", "0.25", "7.10", "1,200", "12,000", "1.2万",
          "3万", "0.5亿", "300万元", "12元", "１２", "5个", " 8 ", "-3", "", "abc", "1e5",
          "1.2.3", "0.1234567", "123456789012345678901", "—", "3.5%", "1.", ".5", "0012",
          "7.000000", "0.000001", "999999999999.999999", "1000000000000", "+5"]  # fmt: skip
UNITS = ["", "", "", "个", "万元", "元", "亿元", "人", "斤"]
BASES = ["", "", "", "当月", "increment", "1-6月累计", "ytd", "to_date", "level", "存量", "weird"]
NOTES = ["", "", "", "", "", "", "报错已更正"]

row = st.tuples(
    st.sampled_from(PERIODS),
    st.sampled_from(COUNTIES),
    st.sampled_from(INDICATORS),
    st.sampled_from(VALUES),
    st.sampled_from(UNITS),
    st.sampled_from(BASES),
    st.sampled_from(NOTES),
)
# mostly well-formed rows on few keys, so that series, repeats and running totals occur
good_row = st.tuples(
    st.sampled_from(PERIODS[:7]),
    st.sampled_from(COUNTIES[:4]),
    st.sampled_from(INDICATORS[:3]),
    st.sampled_from(VALUES[:16]),
    st.sampled_from(["", "", "", "万元"]),
    st.sampled_from(["", "", "", "", "1-6月累计", "to_date"]),
    st.just(""),
)
rows = st.lists(st.one_of(good_row, good_row, good_row, row), min_size=1, max_size=60)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows, note=st.booleans(), repeat=st.integers(0, 3))
def test_columnar_equals_python(
    tmp_path_factory: pytest.TempPathFactory,
    plan: Plan,
    rows: list[tuple[str, ...]],
    note: bool,
    repeat: int,
) -> None:
    """Exactly the same reading, whatever the rows: figures, origins, notes, returns, rows
    read, every diagnostic in order, and the plan-to-date total of every month."""
    header = ["period", "county", "indicator", "value", "unit", "basis"] + (["note"] * note)
    body = [list(r[: len(header)]) for r in rows]
    body += body[:repeat]  # repeated rows: counted once, with a warning
    path = tmp_path_factory.mktemp("gen") / "a.csv"
    path.write_text(csv_text(body, header), encoding="utf-8")
    python, bulk, _ = both([path], plan)
    assert bulk == python


# 万元 of loans a month: ordinary months (and none), months about 20 times the median of
# ordinary ones (either side of it: a median of an even number of months is the mean of two),
# 万 slips; the plan's 2 亿元 (20,000 万元) leaves the median test to tell most of them
monthly = st.sampled_from(
    ["0", "1", "2", "5", "10", "20", "30", "40", "12.5", "401", "499", "500", "501", "550",
     "599", "600", "601", "1000", "30000", "100000", "250000", "300000"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(east=st.lists(monthly, min_size=3, max_size=24), west=st.lists(monthly, max_size=24))
@example(east=["10", "20", "30", "40", "550"], west=["10", "20", "30", "40", "30", "650"])
def test_implausible_months_are_found_alike(
    tmp_path_factory: pytest.TempPathFactory, plan: Plan, east: list[str], west: list[str]
) -> None:
    """The median test, the target and 万 slips on exact scaled ints (a file read in bulk)
    give the same warnings, in the same order, as on Decimals (row by row). The example:
    550 is over 20 times the median of 10, 20, 30, 40 (25), not 20 times their upper middle
    (30); 650 is over 20 times 30, the median of five months."""
    months = [f"{2019 + m // 12}-{m % 12 + 1:02d}" for m in range(24)]
    body = [[months[m], county, "loans", v, "万元", ""]
            for county, values in (("east", east), ("west", west))
            for m, v in enumerate(values)]  # fmt: skip
    python, bulk, used = both_in_bulk(tmp_path_factory.mktemp("median"), body, plan)
    assert used
    assert bulk == python


def tidy_rows(n: int) -> list[list[str]]:
    """Valid rows of every (month, county, indicator), some repeated and some with totals."""
    out = []
    for m in range(24):
        period = f"{2019 + m // 12}-{m % 12 + 1:02d}"
        for county in ("east", "west", "city"):
            out.append([period, county, "firms", str((m * 7 + len(county)) % 23), "", ""])
            out.append([period, county, "loans", f"{m}.5", "万元", ""])
            out.append([period, county, "spaces", str(m // 3), "", ""])
    return (out * (n // len(out) + 1))[:n]


def test_bulk_is_used_and_equal_on_a_clean_file(tmp_path: Path, plan: Plan) -> None:
    """A clean file goes in bulk (each figure a PackedSeries) and reads the same."""
    path = tmp_path / "a.csv"
    path.write_text(
        csv_text(tidy_rows(216), ["period", "county", "indicator", "value", "unit", "basis"]),
        encoding="utf-8",
    )
    python, bulk, used = both([path], plan)
    assert used
    assert bulk == python
    actuals, _ = read_actuals([path], plan, engine="columnar")
    assert all(isinstance(s, PackedSeries) for s in actuals.series.values())
    assert len(actuals.series) == 9  # 3 counties × 3 indicators
    # east's firms by 2019-02: (0·7 + 4) % 23 + (1·7 + 4) % 23 = 4 + 11
    assert str(actuals.series[("east", "firms")].to_date(2019 * 12 + 1)) == "15"


@pytest.mark.parametrize(
    "variant",
    [
        "gb18030",  # not UTF-8: read row by row
        "quoted line break",
        "blank line",
        "short row",
        "long row",
        "header below a title",
        "two files",
        "a cell too long",
    ],
)
def test_what_bulk_cannot_read_is_read_the_same(tmp_path: Path, plan: Plan, variant: str) -> None:
    header = ["period", "county", "indicator", "value", "unit", "basis"]
    body = tidy_rows(60)
    text = csv_text(body, header)
    lines = text.split("\n")
    if variant == "quoted line break":
        lines[5] = lines[5].replace(",east,", ',"ea\nst",')
    elif variant == "blank line":
        lines.insert(7, "")
    elif variant == "short row":
        lines[9] = ",".join(lines[9].split(",")[:4])
    elif variant == "long row":
        lines[9] += ",x"
    elif variant == "header below a title":
        lines.insert(0, "2019年报表")
    elif variant == "a cell too long":  # longer than the reader reads: the same error
        cells = lines[-2].split(",")  # far below the rows the layout is found from
        lines[-2] = ",".join([cells[0], cells[1] + " " * MAX_CELL_CHARS, *cells[2:]])
    text = "\n".join(lines)
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode("gb18030" if variant == "gb18030" else "utf-8"))
    paths = [path]
    if variant == "two files":  # a second return for the same months: compared, replaced
        other = tmp_path / "b更正.csv"
        other.write_text(csv_text(body[:10], header), encoding="utf-8")
        paths.append(other)
    python, bulk, _ = both(paths, plan)
    assert bulk == python


def test_commands_print_the_same(tmp_path: Path) -> None:
    """progress, warnings and validate: the same bytes on stdout and stderr either way."""
    from .conftest import make_data

    rows = tidy_rows(216)
    rows[10][3] = "abc"  # an error: validate lists it; the others refuse
    root = make_data(tmp_path / "bad", rows)
    clean = make_data(tmp_path / "clean", tidy_rows(216))
    for args in (
        ["validate", "--data", str(root), "--format", "json"],
        ["progress", "--data", str(clean), "--format", "json"],
        ["progress", "--data", str(clean), "--by", "county", "--format", "csv"],
        ["warnings", "--data", str(clean), "--format", "json"],
        ["trend", "--data", str(clean), "--indicator", "firms", "--format", "json"],
    ):
        results = [runner.invoke(app, [*args, "--engine", e]) for e in ("python", "columnar")]
        assert results[0].exit_code == results[1].exit_code, args
        assert results[0].stdout == results[1].stdout, args
        assert results[0].stderr == results[1].stderr, args
        assert results[0].stdout.strip(), args


# -- a large file with a few bad rows ---------------------------------------------------------


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "gen_returns", REPO / "scripts" / "gen_returns.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CODE_OF = {
    "abc": "actuals.value",
    "-5": "actuals.value",
    "1e30": "actuals.exponent",
    "county": "actuals.county",
    "month": "actuals.period",
}


def test_bad_rows_of_a_large_file_are_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """120,000 rows (3.7 MiB: over the switch), 10 bad cells: `validate` reads it in bulk and
    names each bad cell at its file, line and column, in file order."""
    gen = _generator()
    path = tmp_path / "returns.csv"
    expected = gen.write_returns(path, 120_000, 10)
    gen.write_plan(tmp_path, 120_000)
    # whole numbers only: fractional counts would be warnings, and past 1,000 warnings the
    # collector only counts (errors included)
    lines = path.read_text(encoding="utf-8").split("\n")
    for k, line in enumerate(lines[1:], 1):
        cells = line.split(",")
        if len(cells) == 6 and "." in cells[3]:
            cells[3] = cells[3].split(".")[0] + ("万" if "万" in cells[3] else "")
            lines[k] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert path.stat().st_size >= columnar.THRESHOLD
    read, bulk = columnar.read, []

    def spy(*args: Any, **kwargs: Any) -> int:
        bulk.append(read(*args, **kwargs))
        return bulk[-1]

    monkeypatch.setattr(columnar, "read", spy)
    result = runner.invoke(
        app,
        ["validate", "--data", str(tmp_path), "--actuals", str(path), "--format", "json"],
    )
    assert result.exit_code == 1, result.stdout
    found = [
        (d["line"], d["column"], d["code"])
        for d in json.loads(result.stdout)
        if d["severity"] == "error"
    ]
    want = [(e["line"], e["column"], CODE_OF[e["kind"]]) for e in expected]
    assert found == want
    assert bulk == [120_000]  # read in bulk: every row counted


def test_auto_switches_at_the_threshold(tmp_path: Path, plan: Plan) -> None:
    assert not columnar.applies(columnar.THRESHOLD - 1, "auto")
    assert columnar.applies(columnar.THRESHOLD, "auto")
    assert columnar.applies(10, "columnar")
    assert not columnar.applies(10**9, "python")


@settings(max_examples=40, deadline=None)
@given(
    n=st.sampled_from([0, 1, 5, 4095, 4096, 5000, 70_000]),
    seed=st.integers(0, 2**32 - 1),
    clustered=st.booleans(),
)
def test_hash_lookup_finds_every_key(n: int, seed: int, clustered: bool) -> None:
    """The ids of hashes looked up in the table of distinct texts by buckets of their leading
    bits (a binary search when the buckets are full): the ids a binary search gives, and a
    hash of no text sends the file to the row-by-row reader. ``clustered``: keys sharing their
    leading bits (full buckets)."""
    import numpy as np

    from chuangye_cli.reading.columnar import FallBack, _Texts

    rng = np.random.default_rng(seed)
    keys = rng.integers(0, 2**63, size=n, dtype=np.uint64) * np.uint64(2)
    if clustered:
        keys[: n // 2] = np.uint64(2**60) + np.arange(n // 2, dtype=np.uint64) * np.uint64(2)
    keys = np.unique(keys)  # sorted, distinct
    ids = rng.permutation(len(keys)).astype(np.int64)
    queries = keys[rng.integers(0, max(len(keys), 1), size=20_000)] if len(keys) else keys
    found = _Texts.lookup((keys, ids), queries)
    assert (found == ids[np.searchsorted(keys, queries)]).all()
    if len(keys):
        stranger = np.concatenate([queries, keys[-1:] + np.uint64(1)])  # keys are even
        with pytest.raises(FallBack):
            _Texts.lookup((keys, ids), stranger)


@settings(max_examples=300, deadline=None)
@given(
    grid=st.lists(
        st.lists(st.integers(-5, 10**6) | st.sampled_from([0, 1, 10**16]), min_size=1, max_size=12),
        min_size=1,
        max_size=6,
    ),
    times=st.sampled_from([1, 2, 20]),
    months=st.integers(1, 4),
)
def test_cells_with_half_the_months_before_below_are_found_exactly(
    grid: list[list[int]], times: int, months: int
) -> None:
    """The median test's cells (positive, ``months`` or more positive months before, half of
    them or more below a ``times``-th of it) are the cells the definition gives, counted by
    hand, though only those above a bound from the sorted series are counted."""
    import numpy as np

    width = max(len(r) for r in grid)
    rows = [r + [0] * (width - len(r)) for r in grid]
    expected = [
        [
            v > 0
            and len(before := [b for b in r[:j] if b > 0]) >= months
            and 2 * sum(b * times < v for b in before) >= len(before)
            for j, v in enumerate(r)
        ]
        for r in rows
    ]
    found = Store._half_below(np.array(rows, dtype=np.int64), times, months)
    assert found.tolist() == expected


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.integers(-(10**12), 10**12), st.sampled_from([0, 10, 1_000_000, 15])),
        min_size=1,
        max_size=12,
    ),
    scale=st.integers(0, 8),
)
def test_a_sum_of_totals_is_the_same_decimal(values: list[int], scale: int) -> None:
    """The sum of many series' totals from their scaled ints is the Decimal that adding up
    their totals one by one gives: equal, and with the same exponent (so the same text)."""
    import numpy as np

    from chuangye_cli.domain import ZERO
    from chuangye_cli.packed import Store

    n = len(values)
    store = Store(
        "a.csv",
        None,
        [(f"c{k}", "firms") for k in range(n)],
        np.arange(n + 1, dtype=np.int64),
        np.full(n, 240, dtype=np.int64),
        np.array(values, dtype=np.int64),
        np.arange(n, dtype=np.int64),
        np.zeros(n, dtype=np.int64),
        [scale] * n,
    )
    ks = list(range(n))
    one_by_one = sum((store.to_date(k, 240) for k in ks), ZERO)
    at_once = store.sum_to_date(ks, 240)
    assert at_once == one_by_one
    assert str(at_once) == str(one_by_one)
    months = [239, 240, 241]  # every month at once (trend): each the same Decimal
    many = store.sums_to_date(ks, months)
    assert many is not None
    for month, got in zip(months, many, strict=True):
        expected = sum((store.to_date(k, month) for k in ks), ZERO)
        assert str(got) == str(expected)


@settings(max_examples=300, deadline=None)
@given(
    series=st.lists(
        st.tuples(
            st.integers(0, 3),  # the basis: 本月, 1-N月累计, 开累, a level
            st.dictionaries(
                st.integers(238, 262),  # months across three years
                st.one_of(st.integers(-(10**9), 10**12), st.sampled_from([0, 10, 1_000_000, 15])),
                min_size=1,
                max_size=8,
            ),
        ),
        min_size=1,
        max_size=6,
    ),
    scale=st.integers(0, 8),
)
def test_additions_from_scaled_ints_are_the_same_decimals(
    series: list[tuple[int, dict[int, int]]], scale: int
) -> None:
    """Series each on one basis: what each month added, made from the scaled ints at once,
    is what :func:`additions_of` makes of the figures (same months, same Decimals, same text:
    a 1-N月累计 of 2.5 after 1.5 adds 1.0, not 1); and summed over the series by month, what
    the trend sums one by one from ZERO."""
    import numpy as np

    from chuangye_cli.domain import additions_of
    from chuangye_cli.packed import PackedSeries, Store
    from chuangye_cli.trend import _sum_by_month

    months = [m for _, s in series for m in sorted(s)]
    values = [s[m] for _, s in series for m in sorted(s)]
    bases = [b for b, s in series for _ in s]
    starts = np.cumsum([0] + [len(s) for _, s in series]).astype(np.int64)
    store = Store(
        "a.csv",
        None,
        [(f"c{k}", "firms") for k in range(len(series))],
        starts,
        np.array(months, dtype=np.int64),
        np.array(values, dtype=np.int64),
        np.arange(len(values), dtype=np.int64),
        np.array(bases, dtype=np.int64),
        [scale] * len(series),
    )
    ks = list(range(len(series)))
    for k in ks:
        slow = additions_of(store.figures(k))
        quick = PackedSeries(store, k).additions()
        assert list(quick) == list(slow)
        assert [str(v) for v in quick.values()] == [str(v) for v in slow.values()]
    one_by_one = _sum_by_month(additions_of(store.figures(k)) for k in ks)
    at_once = store.sum_additions(ks)
    assert at_once is not None
    assert sorted(at_once) == sorted(one_by_one)
    assert {m: str(v) for m, v in at_once.items()} == {m: str(v) for m, v in one_by_one.items()}


def running_rows(county: str, basis: str, first: int, amounts: list[str]) -> list[list[str]]:
    """Rows of loans (万元) of ``county`` from month ``first`` (0: 2019-01) adding ``amounts``
    month by month: each month's own (basis ""), or the running total (1-N月累计 restarting
    each January, or 开累)."""
    body, total = [], Decimal(0)
    for k, amount in enumerate(amounts):
        m = first + k
        if basis == "1-N月累计" and m % 12 == 0:
            total = Decimal(0)
        total += Decimal(amount)
        value = amount if basis == "" else str(total)
        body.append([f"{2019 + m // 12}-{m % 12 + 1:02d}", county, "loans", value, "万元", basis])
    return body


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    amounts=st.lists(monthly, min_size=1, max_size=20),
    basis=st.sampled_from(["", "1-N月累计", "to_date"]),
    first=st.integers(0, 14),
)
def test_running_totals_are_judged_alike(
    tmp_path_factory: pytest.TempPathFactory,
    plan: Plan,
    amounts: list[str],
    basis: str,
    first: int,
) -> None:
    """A series of running totals (1-N月累计 restarting each January, or 开累) that may start
    after the plan's first month, whose first figure adds up months before it: the same
    warnings read in bulk as row by row."""
    body = running_rows("east", basis, first, amounts)
    python, bulk, used = both_in_bulk(tmp_path_factory.mktemp("totals"), body, plan)
    assert used
    assert bulk == python


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    series=st.lists(
        st.tuples(
            st.sampled_from(["east", "west", "city"]),
            st.sampled_from(["", "1-N月累计", "to_date"]),
            st.integers(0, 14),
            st.lists(monthly, min_size=1, max_size=10),  # (within the plan's 24 months)
        ),
        min_size=1,
        max_size=3,
        unique_by=lambda s: s[0],
    ),
    limit=st.integers(0, 6),
)
def test_warnings_past_the_limit_are_counted_alike(
    tmp_path_factory: pytest.TempPathFactory,
    plan: Plan,
    series: list[tuple[str, str, int, list[str]]],
    limit: int,
) -> None:
    """Past the collector's limit the warnings of series read in bulk are counted at once
    (Store.count_implausible): the same warnings listed, and the same number counted, as the
    same figures judged one series at a time as ordinary series."""
    from chuangye_cli.diagnostics import Collector
    from chuangye_cli.reading.plausible import plausibility

    body = [row for one in series for row in running_rows(*one)]
    path = tmp_path_factory.mktemp("limit") / "a.csv"
    path.write_text(csv_text(body, ["period", "county", "indicator", "value", "unit", "basis"]))
    actuals, _ = read_actuals([path], plan, engine="columnar")
    packed = {k: s for k, s in actuals.series.items() if isinstance(s, PackedSeries)}
    assert len(packed) == len(actuals.series)
    plain = Actuals({k: s.plain() for k, s in packed.items()}, actuals.sources)
    found = []
    for figures in (actuals, plain):
        out = Collector(limit=limit)
        plausibility(plan, figures, out)
        found.append(([str(d) for d in out.items], out.tallies))
    assert found[0] == found[1]


@pytest.mark.parametrize("engine", ["python", "columnar"])
@pytest.mark.parametrize(
    ("basis", "first", "warned"),
    [
        ("to_date", "2019-06", [("2019-07", "over-target")]),  # 开累 from 2019-01
        ("1-6月累计", "2019-06", [("2019-07", "over-target")]),  # 1-6月累计
        ("to_date", "2019-01", [("2019-01", "over-target"), ("2019-07", "over-target")]),
    ],
)
def test_a_first_running_total_is_not_one_months_figure(
    tmp_path: Path, basis: str, first: str, warned: list[tuple[str, str]], engine: str
) -> None:
    """East's target for loans is 5000 万元. A 开累 of 6000 first given for June 2019 adds up
    January to June: no month added more than the target (it was warned of as one month's
    6000); July's 开累 of 12000 adds 6000 in one month: warned of. Given for the plan's first
    month, the same 6000 is that month's."""
    from chuangye_cli.inputs import Inputs, load

    data = tmp_path / "plan"
    data.mkdir()
    (data / "targets.yaml").write_text(TARGETS_YAML, encoding="utf-8")
    (data / "tasks.yaml").write_text(TASKS_YAML, encoding="utf-8")
    july = "1-7月累计" if basis.startswith("1-") else basis
    second = "2019-07"
    body = [[first, "east", "loans", "6000", "万元", basis]]
    if first != "2019-06":
        body.append(["2019-06", "east", "loans", "6000", "万元", basis])
    body.append([second, "east", "loans", "12000", "万元", july])
    path = tmp_path / "a.csv"
    header = ["period", "county", "indicator", "value", "unit", "basis"]
    path.write_text(csv_text(body, header), encoding="utf-8")
    inputs = Inputs(data / "targets.yaml", data / "tasks.yaml", (path,), data, False)
    found = load(inputs, engine=engine).diagnostics
    got = [(d.arguments["period"], d.variant) for d in found if d.code == "actuals.implausible"]
    assert got == warned
