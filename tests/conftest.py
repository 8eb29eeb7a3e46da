"""Shared fixtures and helpers: a small hand-built plan and writers for actual figures.

The plan here is deliberately tiny so that every expected figure in the tests can be worked
out by hand: 24 months (2019-01 … 2020-12), three indicators, two counties plus 市直.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from chuangye_cli.diagnostics import Diagnostic
from chuangye_cli.inputs import Loaded, load, resolve_inputs
from chuangye_cli.periods import Period
from chuangye_cli.progress import Progress, compute

REPO = Path(__file__).resolve().parents[1]
SHIPPED_DATA = REPO / "data"

# Line numbers matter: several tests point at lines of this text (see TARGETS_LINES).
TARGETS_YAML = """\
plan:
  id: test-plan
  title: 测试行动计划
  short_title: 测试计划
  start: 2019-01
  end: 2020-12
thresholds:
  severe: 0.25
indicators:
  - id: firms
    name: 新增企业
    target: 100
    unit: 个
    kind: flow
  - id: loans
    name: 发放贷款
    target: 2
    unit: 亿元
    reporting_unit: 万元
    kind: flow
  - id: spaces
    name: 众创空间
    target: 10
    unit: 个
    kind: stock
counties:
  - id: east
    name: 东区
    code: "340101"
    kind: district
    aliases: [东城]
  - id: west
    name: 西县
    code: "340102"
    kind: county
  - id: city
    name: 市直
    aliases: [市本级]
    kind: city
allocation:
  label: test split
  method: weights 1 to 3, largest remainder
  weights:
    east: 1
    west: 3
"""

# the test plan with a third county, 北区 (weights 1:3:1: firms 20 / 60 / 20; loans 0.4 / 1.2 /
# 0.4 亿元; spaces 2 / 6 / 2)
NORTH_TARGETS = TARGETS_YAML.replace(
    "  - id: city\n", "  - id: north\n    name: 北区\n    kind: district\n  - id: city\n"
).replace("    west: 3\n", "    west: 3\n    north: 1\n")

TASKS_YAML = """\
units:
  - name: 协调办
    kind: coordinator
  - name: 甲局
  - name: 乙局
  - name: 丙局
  - name: 丁局
  - name: 各县区
    kind: counties
tasks:
  - number: 1
    title: 任务一
    lead_text: 甲局
    leads: [甲局]
    partners: [丁局, 各县区]
  - number: 2
    title: 任务二
    lead_text: 甲局、乙局按分工负责
    joint_lead: true
    leads: [甲局, 乙局]
  - number: 3
    title: 任务三（定性）
    lead_text: 丙局
    leads: [丙局]
indicator_links:
  label: test links
  coordinator: [firms]
  tasks:
    1: [loans]
    2: [loans, spaces]
"""

HEADER = ("period", "county", "indicator", "value", "unit", "basis", "note")

# Figures for the plan above, worked out by hand at 2020-06 (18 of 24 months: 序时进度 0.75):
#   firms  (flow, increment, 个):  east 10+5+20 = 35 (the 2020-09 row comes later), west 30,
#          市直 10 -> city 75 of 100 = 0.75, exactly on pace;
#   loans  (flow, 亿元, reported in 万元): east ytd: 2019 ends at 8000, 2020 stands at 5000 ->
#          13000 万元 = 1.3 亿元; west to_date: latest by 2020-06 is 0.5 亿元 -> city 1.8 of 2 = 0.9;
#   spaces (stock, level, 个): east 6 (the 2020-07 level comes later), west 5 -> 11 of 10 = 1.1.
ENGINE_ROWS: tuple[tuple[str, ...], ...] = (
    ("2019-03", "east", "firms", "10", "", "", "first ledger line"),
    ("2019-03", "east", "firms", "5", "", "", "second ledger line"),
    ("2020-02", "east", "firms", "20", "", "increment", ""),
    ("2020-09", "east", "firms", "100", "", "increment", ""),
    ("2019-12", "west", "firms", "30", "", "", ""),
    ("2020-01", "city", "firms", "10", "", "", ""),
    ("2019-06", "east", "loans", "3000", "", "ytd", ""),
    ("2019-12", "east", "loans", "8000", "万元", "ytd", ""),
    ("2020-03", "east", "loans", "2000", "", "ytd", ""),
    ("2020-05", "east", "loans", "5000万元", "", "ytd", ""),
    ("2019-09", "west", "loans", "1,000", "", "to_date", ""),
    ("2020-06", "west", "loans", "0.5", "亿元", "to_date", ""),
    ("2020-08", "west", "loans", "0.9", "亿元", "to_date", ""),
    ("2019-06", "east", "spaces", "2", "", "level", ""),
    ("2020-01", "east", "spaces", "6", "", "level", ""),
    ("2020-07", "east", "spaces", "9", "", "level", ""),
    ("2020-06", "west", "spaces", "5", "", "", ""),
    ("2020-06", "west", "spaces", "5", "", "", "the same level twice is no conflict"),
)


def csv_text(rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> str:
    """CSV text (``\\n`` line ends) of a header row and data rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def shipped_with(tmp_path: Path, files: Mapping[str, str]) -> Path:
    """A copy of the shipped data with more returns in its actuals folder (name: CSV text)."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    for name, text in files.items():
        (data / "actuals" / name).write_text(text, encoding="utf-8")
    return data


def july_form(county: str, *rows: str) -> str:
    """A county's July 2020 form as a CSV: its title, a two-basis header, then ``rows``."""
    return (
        f"{county}创业江淮行动计划进展情况统计表（2020年7月）\n"
        "序号,指标名称,计量单位,本月完成,1-7月累计,备注\n" + "".join(f"{r}\n" for r in rows)
    )


def make_data(
    root: Path,
    rows: Sequence[Sequence[str]] = (),
    *,
    targets: str = TARGETS_YAML,
    tasks: str = TASKS_YAML,
    header: Sequence[str] = HEADER,
    actuals_text: str | None = None,
    encoding: str = "utf-8",
) -> Path:
    """A data folder: targets.yaml, tasks.yaml and actuals.csv (from ``rows`` or raw text)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "targets.yaml").write_text(targets, encoding="utf-8")
    (root / "tasks.yaml").write_text(tasks, encoding="utf-8")
    text = actuals_text if actuals_text is not None else csv_text(rows, header)
    (root / "actuals.csv").write_bytes(text.encode(encoding))
    return root


def md_rows(text: str) -> list[list[str]]:
    """The body rows of the markdown tables in ``text``, as cells (a rule row, and the first
    row, a header, left out)."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in text.splitlines()]
    return [r for r in rows if len(r) > 3 and not set(r[0]) <= set("-: ")][1:]


def load_data(root: Path, sheet: str | None = None) -> Loaded:
    return load(resolve_inputs(data=root), sheet)


def errors(loaded: Loaded | Sequence[Diagnostic]) -> list[Diagnostic]:
    items = loaded.diagnostics if isinstance(loaded, Loaded) else loaded
    return [d for d in items if d.severity == "error"]


def warnings_of(loaded: Loaded) -> list[Diagnostic]:
    return [d for d in loaded.diagnostics if d.severity == "warning"]


def progress_of(root: Path, as_of: str) -> Progress:
    """Load a data folder that must be free of errors and compute its progress at ``as_of``."""
    loaded = load_data(root)
    assert errors(loaded) == [], [str(d) for d in loaded.diagnostics]
    assert loaded.plan is not None and loaded.actuals is not None
    return compute(loaded.plan, loaded.actuals, Period.parse(as_of))


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based number of the line holding the ``occurrence``-th line that contains ``needle``."""
    found = 0
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            found += 1
            if found == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found {occurrence} time(s)")


def column_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based column where ``needle`` starts on the line found by :func:`line_of`."""
    line = text.splitlines()[line_of(text, needle, occurrence) - 1]
    return line.index(needle) + 1


def as_json(text: str) -> Any:
    """JSON text read with exact numbers: non-integers become Decimals, not floats."""
    return json.loads(text, parse_float=Decimal)


def near(actual: Decimal | Fraction | int | None, expected: Fraction | int | str | None) -> bool:
    """Whether an engine figure equals a hand-computed one (a Fraction, or text such as "0.35"
    or "1/3"): exactly for terminating decimals, within 1e-24 for ones such as 1/3 that a
    Decimal can only round; None only equals None."""
    if actual is None or expected is None:
        return actual is None and expected is None
    return abs(Fraction(actual) - Fraction(expected)) <= Fraction(1, 10**24)


@pytest.fixture
def engine_data(tmp_path: Path) -> Path:
    """A data folder with the hand-computed figures of :data:`ENGINE_ROWS`."""
    return make_data(tmp_path / "data", ENGINE_ROWS)


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Pin what the renderers might read from the environment, so table output is stable."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    yield
