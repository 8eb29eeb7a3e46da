"""`chuangye progress` through Typer's CliRunner: every view and format, options, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import tabulate
from typer.testing import CliRunner, Result

from chuangye_cli.choices import TABULATE_FORMATS, Format, View
from chuangye_cli.cli import app
from chuangye_cli.display import quantity
from chuangye_cli.periods import Period
from chuangye_cli.progress import Progress, compute
from chuangye_cli.quantities import plain, ratio
from tests.conftest import SHIPPED_DATA, TARGETS_YAML, csv_text, load_data, make_data

runner = CliRunner()
VIEWS = [v.value for v in View]
FORMATS = [f.value for f in Format if f is not Format.XLSX]  # text formats (xlsx: test_excel)
DISPLAY_FORMATS = [f for f in FORMATS if f not in ("json", "csv")]
SHIPPED_AS_OF = "2020-06"  # the last month of the shipped sample figures

# Row keys of each view as issue #2 (section 5) lists them ...
SPEC_ROW_KEYS = {
    "indicator": {"indicator", "name", "unit", "target", "actual", "completion", "remaining", "status"},
    "county": {"county", "indicator", "unit", "target", "actual", "completion", "status"},
    "unit": {"unit", "tasks", "indicators", "completion", "status"},
    "task": {"task", "title", "leads", "partners", "indicators", "completion", "status"},
}  # fmt: skip
# ... and the keys the README documents on top of them.
README_EXTRA_KEYS = {
    "indicator": {"pace_needed"},
    "county": {"county_id", "remaining", "pace_needed", "note", "reported_through", "missing"},
    "unit": set(),
    "task": set(),
}


def invoke(*args: str) -> Result:
    return runner.invoke(app, ["progress", *args])


def shipped(*args: str) -> Result:
    return invoke("--data", str(SHIPPED_DATA), *args)


def as_json(text: str) -> Any:
    return json.loads(text, parse_float=Decimal)


def number(value: object) -> Decimal | None:
    if value is None:
        return None
    assert isinstance(value, int | Decimal) and not isinstance(value, bool), value
    return Decimal(value)


@pytest.fixture(scope="module")
def shipped_progress() -> Progress:
    loaded = load_data(SHIPPED_DATA)
    assert loaded.plan is not None and loaded.actuals is not None
    assert loaded.actuals.latest == Period.parse(SHIPPED_AS_OF)
    return compute(loaded.plan, loaded.actuals, Period.parse(SHIPPED_AS_OF))


# --- every view in every format ---------------------------------------------------------------


def labels(progress: Progress, view: str, fmt: str) -> list[str]:
    """Texts that must appear in the output of ``view``."""
    if view == "indicator":
        found = [i.name for i in progress.plan.indicators]
        show = plain if fmt in ("json", "csv") else quantity
        return found + [show(r.actual) for r in progress.indicators]
    if view == "county":
        return [c.name for c in progress.plan.counties]
    if view == "unit":
        return [u.name for u in progress.plan.units]
    # task titles are long and wrap in a terminal table; these two are short enough not to
    return ["强化资金保障。", "加大宣传力度。"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("view", VIEWS)
def test_every_view_in_every_format(shipped_progress: Progress, view: str, fmt: str) -> None:
    result = shipped("--by", view, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.strip()
    assert result.stdout.endswith("\n")
    for text in labels(shipped_progress, view, fmt):
        assert text in result.stdout, (text, fmt, view)
    if fmt in DISPLAY_FORMATS and fmt != "tsv":  # tsv may be the bare table, for spreadsheets
        assert "2020年6月" in result.stdout  # the report month, in the caption
    assert "\x1b[" not in result.stdout  # no colour codes when not on a terminal


def test_default_view_and_format_is_the_indicator_table(shipped_progress: Progress) -> None:
    default = shipped()
    explicit = shipped("--by", "indicator", "--format", "table")
    assert default.exit_code == 0
    assert default.stdout == explicit.stdout
    for name in ("已完成", "达序时", "滞后", "严重滞后", "序时进度"):
        assert name in default.stdout
    assert "synthetic" in default.stdout  # the sample figures are labelled as such


def test_table_caption_names_plan_month_and_sources(shipped_progress: Progress) -> None:
    out = shipped().stdout
    meta = shipped_progress.plan.meta
    assert meta.short_title is not None and meta.short_title in out
    assert "30/36" in out  # months elapsed at 2020-06 of a 2018-01 … 2020-12 plan
    for source in shipped_progress.actuals.sources:
        assert Path(source.path).name in out


def test_offered_tabulate_formats_exist_in_tabulate() -> None:
    ours = [f for f in TABULATE_FORMATS if f != "markdown"]
    assert ours
    missing = [f for f in ours if f not in tabulate.tabulate_formats]
    assert missing == []
    assert "markdown" in FORMATS


def test_markdown_is_a_pipe_table() -> None:
    out = shipped("--format", "markdown").stdout
    table_lines = [line for line in out.splitlines() if line.startswith("|")]
    assert len(table_lines) == 2 + 9  # header, rule, nine indicators
    assert set(table_lines[1]) <= set("|-: ")


# --- JSON: shape, and equal to the engine ------------------------------------------------------


@pytest.mark.parametrize("view", VIEWS)
def test_json_top_level_shape(shipped_progress: Progress, view: str) -> None:
    doc = as_json(shipped("--by", view, "--format", "json").stdout)
    assert list(doc) == ["plan", "as_of", "time_progress", "by", "rows", "doubted"]
    meta = shipped_progress.plan.meta
    assert doc["plan"] == {
        "id": meta.id,
        "title": meta.title,
        "start": "2018-01",
        "end": "2020-12",
    }
    assert doc["as_of"] == SHIPPED_AS_OF
    assert doc["by"] == view
    assert number(doc["time_progress"]) == ratio(30, 36)
    assert isinstance(doc["rows"], list) and doc["rows"]


@pytest.mark.parametrize("view", VIEWS)
def test_json_rows_have_exactly_the_documented_keys(view: str) -> None:
    rows = as_json(shipped("--by", view, "--format", "json").stdout)["rows"]
    for row in rows:
        assert set(row) == SPEC_ROW_KEYS[view] | README_EXTRA_KEYS[view]


def test_json_indicator_rows_equal_the_engine(shipped_progress: Progress) -> None:
    rows = as_json(shipped("--format", "json").stdout)["rows"]
    assert len(rows) == len(shipped_progress.indicators)
    for row, r in zip(rows, shipped_progress.indicators, strict=True):
        assert (row["indicator"], row["name"], row["unit"], row["status"]) == (
            r.indicator.id,
            r.indicator.name,
            r.indicator.unit,
            r.status,
        )
        assert number(row["target"]) == r.target
        assert number(row["actual"]) == r.actual
        assert number(row["completion"]) == r.completion
        assert number(row["remaining"]) == r.remaining
        assert number(row["pace_needed"]) == r.pace_needed


def test_json_county_rows_equal_the_engine(shipped_progress: Progress) -> None:
    rows = as_json(shipped("--by", "county", "--format", "json").stdout)["rows"]
    assert len(rows) == len(shipped_progress.counties)
    for row, r in zip(rows, shipped_progress.counties, strict=True):
        assert (row["county"], row["indicator"], row["unit"], row["status"]) == (
            r.county.name,
            r.indicator.id,
            r.indicator.unit,
            r.status,
        )
        assert row["county_id"] == r.county.id
        assert number(row["target"]) == r.target
        assert number(row["actual"]) == (r.actual if r.figure else None)  # no figure: null
        assert number(row["completion"]) == r.completion
        assert number(row["remaining"]) == r.remaining
        assert number(row["pace_needed"]) == r.pace_needed
    city = [row for row in rows if row["county"] == "市直"]
    assert city, "the sample figures have 市直 rows"
    for row in city:
        assert (row["target"], row["completion"], row["remaining"], row["status"]) == (
            None,
            None,
            None,
            None,
        )


def test_json_unit_rows_equal_the_engine(shipped_progress: Progress) -> None:
    rows = as_json(shipped("--by", "unit", "--format", "json").stdout)["rows"]
    assert len(rows) == len(shipped_progress.units)
    for row, r in zip(rows, shipped_progress.units, strict=True):
        assert row["unit"] == r.unit.name
        assert row["tasks"] == list(r.tasks)
        assert row["indicators"] == list(r.indicators)
        assert number(row["completion"]) == r.completion
        assert row["status"] == r.status


def test_json_task_rows_equal_the_engine(shipped_progress: Progress) -> None:
    rows = as_json(shipped("--by", "task", "--format", "json").stdout)["rows"]
    assert [row["task"] for row in rows] == list(range(1, 14))
    for row, r in zip(rows, shipped_progress.tasks, strict=True):
        assert (row["title"], row["leads"], row["partners"]) == (
            r.task.title,
            list(r.task.leads),
            list(r.task.partners),
        )
        assert row["indicators"] == list(r.indicators)
        assert number(row["completion"]) == r.completion
        assert row["status"] == r.status


def test_json_on_hand_computed_figures(engine_data: Path) -> None:
    result = invoke("--data", str(engine_data), "--as-of", "2020-06", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert number(doc["time_progress"]) == Decimal("0.75")
    got = {
        row["indicator"]: (number(row["actual"]), number(row["completion"]), row["status"])
        for row in doc["rows"]
    }
    assert got == {
        "firms": (75, Decimal("0.75"), "on_pace"),
        "loans": (Decimal("1.8"), Decimal("0.9"), "on_pace"),
        "spaces": (11, Decimal("1.1"), "done"),
    }
    # exact numbers: no float noise such as 1.8000000000000000444
    assert '"actual": 1.8,' in result.stdout


def test_as_of_defaults_to_the_latest_month_in_the_figures(engine_data: Path) -> None:
    doc = as_json(invoke("--data", str(engine_data), "--format", "json").stdout)
    assert doc["as_of"] == "2020-09"  # the latest row of ENGINE_ROWS
    firms = next(row for row in doc["rows"] if row["indicator"] == "firms")
    assert number(firms["actual"]) == 175  # the 2020-09 row now counts


@pytest.mark.parametrize("as_of", ["2020-06", "2020年6月", "2020/06"])
def test_as_of_spellings(engine_data: Path, as_of: str) -> None:
    doc = as_json(invoke("--data", str(engine_data), "--as-of", as_of, "-f", "json").stdout)
    assert doc["as_of"] == "2020-06"


def test_json_and_table_show_the_same_completion(engine_data: Path) -> None:
    table = invoke("--data", str(engine_data), "--as-of", "2020-06", "--format", "plain")
    assert "75.0%" in table.stdout  # firms, and also 序时进度
    assert "90.0%" in table.stdout  # loans
    assert "110.0%" in table.stdout  # spaces


# --- CSV ---------------------------------------------------------------------------------------


def csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


@pytest.mark.parametrize("view", VIEWS)
def test_csv_matches_the_json_rows(view: str) -> None:
    rows = as_json(shipped("--by", view, "--format", "json").stdout)["rows"]
    out = shipped("--by", view, "--format", "csv").stdout
    records = list(csv.DictReader(io.StringIO(out)))
    assert len(records) == len(rows)
    assert records and list(records[0]) == list(rows[0])
    for record, row in zip(records, rows, strict=True):
        for key, value in row.items():
            if isinstance(value, int | Decimal) and not isinstance(value, bool):
                assert Decimal(record[key]) == value, (key, record[key], value)
            else:
                assert record[key] == csv_cell(value), key
    assert "," not in "".join(r.get("actual", "") for r in records)  # no thousands separators


def test_csv_of_an_empty_selection_still_has_its_header(engine_data: Path) -> None:
    # firms is linked to the coordinator only, so no task has it
    args = ("--data", str(engine_data), "--by", "task", "--indicator", "firms")
    assert as_json(invoke(*args, "-f", "json").stdout)["rows"] == []
    out = invoke(*args, "-f", "csv").stdout
    columns = ("task", "title", "leads", "partners", "indicators", "completion", "status")
    assert out.splitlines() == [",".join(columns)]


def test_the_same_file_named_twice_is_read_once(tmp_path: Path, engine_data: Path) -> None:
    figures = tmp_path / "figures.csv"
    figures.write_text(csv_text([("2019-06", "east", "firms", "4")]), encoding="utf-8")
    args = ("--data", str(engine_data), "-f", "json", "--actuals", str(figures))
    doc = as_json(invoke(*args, "--actuals", str(figures)).stdout)
    firms = next(row for row in doc["rows"] if row["indicator"] == "firms")
    assert number(firms["actual"]) == 4


# --- --output ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "table", "csv", "html"])
def test_output_writes_the_file_and_not_stdout(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"report.{fmt}"
    result = shipped("--format", fmt, "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert str(target) in result.stderr
    bom = b"\xef\xbb\xbf" if fmt == "csv" else b""  # CSV files open in Excel: UTF-8 with a BOM
    assert target.read_bytes() == bom + shipped("--format", fmt).stdout_bytes
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_output_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    assert shipped("--format", "json", "-o", str(target)).exit_code == 0
    assert as_json(target.read_text(encoding="utf-8"))["as_of"] == SHIPPED_AS_OF


def test_output_into_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = shipped("--format", "json", "-o", str(tmp_path / "no" / "such" / "report.json"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old report", encoding="utf-8")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = shipped("--format", "json", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html"])
@pytest.mark.parametrize("view", ["indicator", "county"])
def test_repeated_runs_give_identical_bytes(fmt: str, view: str) -> None:
    first = shipped("--by", view, "--format", fmt)
    second = shipped("--by", view, "--format", fmt)
    assert first.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes


# --- usage errors: exit 2 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--as-of", "2017-12"),
        ("--as-of", "2021-01"),
        ("--as-of", "June"),
        ("--as-of", "2020-13"),
        ("--format", "yaml"),
        ("--format", "JSON"),
        ("--by", "province"),
        ("--county", "北区"),
        ("--indicator", "happiness"),
        ("--county", "jinan", "--county", "nowhere"),
        ("--by", "unit", "--county", "jinan"),  # the unit view has no county rows
        ("--actuals", "/no/such/actuals.csv"),
        ("--targets", "/no/such/targets.yaml"),
        ("--tasks", "/no/such/tasks.yaml"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = shipped(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.strip()
    assert "Traceback" not in result.output


def test_missing_data_folder_exits_2(tmp_path: Path) -> None:
    result = invoke("--data", str(tmp_path / "nothing-here"))
    assert result.exit_code == 2
    assert "nothing-here" in result.stderr
    assert result.stdout == ""


def test_data_folder_without_figures_needs_as_of(tmp_path: Path) -> None:
    data = make_data(tmp_path, [])
    (data / "actuals.csv").unlink()
    assert invoke("--data", str(data)).exit_code == 2
    result = invoke("--data", str(data), "--as-of", "2019-12", "-f", "json")
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert number(doc["time_progress"]) == Decimal("0.5")
    # nothing added to a flow is 0; a stock nobody reported has no level (null, not 0)
    assert {r["indicator"]: number(r["actual"]) for r in doc["rows"]} == {
        "firms": 0,
        "loans": 0,
        "spaces": None,
    }


def test_unknown_county_message_lists_the_known_ones_by_name() -> None:
    result = shipped("--county", "北区")
    assert result.exit_code == 2
    assert "北区" in result.stderr and "金安区" in result.stderr
    assert "jinan" not in result.stderr  # Chinese names, not pinyin ids


def test_unknown_county_suggests_the_nearest_name() -> None:
    result = shipped("--county", "金安县")
    assert "您是否要找：金安区）" in result.stderr


# --- filters -------------------------------------------------------------------------------------


@pytest.mark.parametrize("county", ["jinan", "金安区", "341502"])
def test_county_filter_in_the_county_view(county: str) -> None:
    result = shipped("--by", "county", "--county", county, "-f", "json")
    assert result.exit_code == 0, result.output
    rows = as_json(result.stdout)["rows"]
    assert len(rows) == 9
    assert {row["county"] for row in rows} == {"金安区"}


@pytest.mark.parametrize("indicator", ["jobs", "带动就业"])
def test_indicator_filter(indicator: str) -> None:
    rows = as_json(shipped("--indicator", indicator, "-f", "json").stdout)["rows"]
    assert [row["indicator"] for row in rows] == ["jobs"]
    county_rows = as_json(shipped("--by", "county", "--indicator", indicator, "-f", "json").stdout)
    assert {row["indicator"] for row in county_rows["rows"]} == {"jobs"}
    assert len(county_rows["rows"]) == 9  # eight counties and 市直 (the samples have 市直 rows)


def test_indicator_filter_in_the_unit_and_task_views() -> None:
    units = as_json(shipped("--by", "unit", "--indicator", "maker_spaces", "-f", "json").stdout)
    assert {row["unit"] for row in units["rows"]} == {"市科技局"}  # it leads task 1
    tasks = as_json(shipped("--by", "task", "--indicator", "maker_spaces", "-f", "json").stdout)
    assert [row["task"] for row in tasks["rows"]] == [1]


def test_two_filters_together(engine_data: Path) -> None:
    result = invoke(
        "--data", str(engine_data), "--as-of", "2020-06", "--by", "county",
        "--county", "西县", "--indicator", "firms", "--indicator", "spaces", "-f", "json",
    )  # fmt: skip
    rows = as_json(result.stdout)["rows"]
    assert [(row["county"], row["indicator"], number(row["actual"])) for row in rows] == [
        ("西县", "firms", Decimal(30)),
        ("西县", "spaces", Decimal(5)),
    ]


EAST_AT_2020_06 = {"firms": Decimal(35), "loans": Decimal("1.3"), "spaces": Decimal(6)}


def test_county_filter_alone_shows_that_countys_figures(engine_data: Path) -> None:
    result = invoke(
        "--data", str(engine_data), "--as-of", "2020-06", "--county", "东区", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    rows = as_json(result.stdout)["rows"]
    assert {row["indicator"]: number(row["actual"]) for row in rows} == EAST_AT_2020_06


def test_county_filter_in_the_indicator_view_is_not_silently_empty(engine_data: Path) -> None:
    """`--by indicator --county east` must either show east's figures or be refused as a usage
    error; an empty report with exit 0 is wrong."""
    result = invoke(
        "--data", str(engine_data), "--as-of", "2020-06", "--by", "indicator",
        "--county", "east", "-f", "json",
    )  # fmt: skip
    if result.exit_code == 2:
        assert "--county" in result.stderr
        assert result.stdout == ""
        return
    assert result.exit_code == 0, result.output
    rows = as_json(result.stdout)["rows"]
    assert {row["indicator"]: number(row["actual"]) for row in rows} == EAST_AT_2020_06


# --- where the data comes from ---------------------------------------------------------------


def test_default_data_is_the_local_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_data(tmp_path / "data", [("2019-06", "east", "firms", "40")])
    monkeypatch.chdir(tmp_path)
    doc = as_json(invoke("-f", "json").stdout)
    assert doc["plan"]["id"] == "test-plan"
    assert doc["as_of"] == "2019-06"


def test_default_data_is_the_shipped_plan_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("-f", "json")
    assert result.exit_code == 0, result.output
    assert as_json(result.stdout) == as_json(shipped("-f", "json").stdout)


def test_files_given_one_by_one(tmp_path: Path) -> None:
    data = make_data(tmp_path / "data", [])
    one, two = tmp_path / "one.csv", tmp_path / "two.xlsx"
    one.write_text(csv_text([("2019-06", "east", "firms", "3")]), encoding="utf-8")
    import openpyxl

    workbook = openpyxl.Workbook()
    extra = workbook.create_sheet("figures")
    extra.append(["period", "county", "indicator", "value"])
    extra.append(["2019-07", "west", "firms", 4])
    workbook.save(two)
    result = invoke(
        "--targets", str(data / "targets.yaml"), "--tasks", str(data / "tasks.yaml"),
        "--actuals", str(one), "--actuals", str(two), "--sheet", "figures", "-f", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = as_json(result.stdout)
    assert doc["as_of"] == "2019-07"
    firms = next(row for row in doc["rows"] if row["indicator"] == "firms")
    assert number(firms["actual"]) == 7


def test_actuals_option_replaces_the_figures_in_data(tmp_path: Path, engine_data: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text(csv_text([("2019-06", "west", "spaces", "4")]), encoding="utf-8")
    doc = as_json(invoke("--data", str(engine_data), "--actuals", str(other), "-f", "json").stdout)
    assert {row["indicator"]: number(row["actual"]) for row in doc["rows"]} == {
        "firms": 0,
        "loans": 0,
        "spaces": 4,
    }


# --- data errors: exit 1 ----------------------------------------------------------------------


def test_data_errors_exit_1_with_located_messages(tmp_path: Path) -> None:
    rows = [("2019-03", "east", "firms", "1"), ("2019-03", "north", "firms", "1")]
    data = make_data(tmp_path, rows)
    result = invoke("--data", str(data), "-f", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{data / 'actuals.csv'}:3:2:" in result.stderr
    assert "actuals.county" in result.stderr
    assert "Traceback" not in result.output


def test_yaml_errors_exit_1_with_located_messages(tmp_path: Path) -> None:
    targets = TARGETS_YAML.replace("kind: stock", "kind: heap")
    data = make_data(tmp_path, [], targets=targets)
    line = targets.splitlines().index("    kind: heap") + 1
    column = len("    kind: ") + 1
    result = invoke("--data", str(data))
    assert result.exit_code == 1
    assert f"{data / 'targets.yaml'}:{line}:{column}:" in result.stderr
    assert "Traceback" not in result.output


def test_progress_refuses_bad_data_and_writes_no_file(tmp_path: Path) -> None:
    data = make_data(tmp_path / "data", [("2019-03", "east", "firms", "-1")])
    target = tmp_path / "report.json"
    result = invoke("--data", str(data), "-f", "json", "-o", str(target))
    assert result.exit_code == 1
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_progress_on_bad_data_leaves_an_existing_output_intact(tmp_path: Path) -> None:
    data = make_data(tmp_path / "data", [("2019-03", "east", "firms", "NaN")])
    target = tmp_path / "report.json"
    target.write_text('{"previous": "report"}\n', encoding="utf-8")
    result = invoke("--data", str(data), "-f", "json", "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == '{"previous": "report"}\n'


def test_warnings_go_to_stderr_and_do_not_stop_the_report(tmp_path: Path) -> None:
    rows = [
        ("2019-05", "east", "loans", "500", "", "ytd", ""),
        ("2019-06", "east", "loans", "400", "", "ytd", ""),  # line 3: falls
    ]
    data = make_data(tmp_path, rows)
    result = invoke("--data", str(data), "-f", "json")
    assert result.exit_code == 0, result.output
    assert f"{data / 'actuals.csv'}:3: warning[actuals.falling]" in result.stderr
    doc = as_json(result.stdout)  # stdout is still clean JSON
    loans = next(row for row in doc["rows"] if row["indicator"] == "loans")
    assert number(loans["actual"]) == Decimal("0.04")  # 400 万元, the latest of 2019


# --- colour --------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_and_without_no_color(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from chuangye_cli import cli

    monkeypatch.setattr(sys, "stdout", _Terminal())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli._terminal(None)[0] is True
    assert cli._terminal(tmp_path / "report.txt")[0] is False  # never colour in a file
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._terminal(None)[0] is False
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # a pipe
    monkeypatch.delenv("NO_COLOR")
    assert cli._terminal(None)[0] is False


def test_table_colours_the_status_only_when_asked(shipped_progress: Progress) -> None:
    from chuangye_cli.choices import Selection
    from chuangye_cli.views.progress import progress_document
    from chuangye_cli.writers import write

    doc = progress_document(shipped_progress, Selection())
    coloured = write(doc, "table", color=True, width=160)
    plain_text = write(doc, "table", color=False, width=160)
    assert isinstance(coloured, str) and isinstance(plain_text, str)
    assert "\x1b[" in coloured
    assert "\x1b[" not in plain_text
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain_text


# --- CJK columns line up ---------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Terminal cells: two for wide and full-width characters (CJK), one for the rest."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def separator_columns(line: str) -> list[int]:
    """Display columns at which a vertical border stands."""
    columns, at = [], 0
    for ch in line:
        if ch in "|│":
            columns.append(at)
        at += display_width(ch)
    return columns


@pytest.mark.parametrize("fmt", ["grid", "github", "markdown", "pipe", "rounded_grid", "orgtbl"])
@pytest.mark.parametrize("view", VIEWS)
def test_cjk_columns_line_up_in_bordered_reports(fmt: str, view: str) -> None:
    out = shipped("--by", view, "--format", fmt).stdout
    table = out.rstrip("\n").split("\n\n")[-1].splitlines()  # the table follows the caption
    assert len(table) > 3
    assert len({display_width(line) for line in table}) == 1, fmt
    rules = set("|│+-:=─┼├┤ ")
    rows = [line for line in table if line.startswith(("|", "│")) and not set(line) <= rules]
    assert len({tuple(separator_columns(line)) for line in rows}) == 1


@pytest.mark.parametrize("view", VIEWS)
def test_cjk_columns_line_up_in_the_terminal_table(view: str) -> None:
    lines = shipped("--by", view).stdout.splitlines()
    assert len({display_width(line) for line in lines}) == 1


def test_a_counts_needed_pace_has_no_four_decimals() -> None:
    """The shipped data's 返乡创业平台 needs 17 more in 6 months: 2.8 a month for people (not
    2.8333), the exact ratio in JSON."""
    table = shipped("--indicator", "返乡创业平台").stdout
    assert "2.8333" not in table and " 2.8 " in table
    (row,) = as_json(shipped("--indicator", "返乡创业平台", "-f", "json").stdout)["rows"]
    assert number(row["pace_needed"]) == ratio(17, 6)


def test_a_counts_needed_pace_in_a_workbook_is_exact_and_shown_rounded(tmp_path: Path) -> None:
    """In Excel the cell keeps 17/6 and its format shows 2.8, as the table does."""
    from openpyxl import load_workbook

    out = tmp_path / "p.xlsx"
    assert shipped("--indicator", "返乡创业平台", "-f", "xlsx", "-o", str(out)).exit_code == 0
    sheet = load_workbook(out)["指标"]
    header = [c.value for c in sheet[1]]
    column = header.index("尚需月均") + 1
    cell = sheet.cell(row=2, column=column)
    assert isinstance(cell.value, float) and abs(cell.value - 17 / 6) < 1e-12
    assert cell.number_format == "#,##0.0"
