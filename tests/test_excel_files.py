"""Files for Excel and WPS on Chinese Windows: CSV written to a file starts with a BOM (or is
GB18030 when asked), standard output stays plain, and progress, trend and warnings write real
workbooks; paths with Chinese characters and spaces work."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from chuangye_cli.cli import app

from .conftest import SHIPPED_DATA

runner = CliRunner()
BOM = b"\xef\xbb\xbf"


def run(*args: str) -> bytes:
    result = runner.invoke(app, ["progress", "--data", str(SHIPPED_DATA), *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_csv_file_starts_with_a_bom_and_stdout_does_not(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    plain = run("--format", "csv")
    assert not plain.startswith(BOM)
    run("--format", "csv", "--output", str(out))
    data = out.read_bytes()
    assert data.startswith(BOM)
    assert data[len(BOM) :] == plain
    assert data.decode("utf-8-sig").splitlines()[1].startswith("new_enterprises,新增注册企业,万个,")


def test_gb18030_file(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    run("--format", "csv", "--encoding", "gb18030", "--output", str(out))
    data = out.read_bytes()
    assert not data.startswith(BOM)
    assert "新增注册企业".encode("gb18030") in data
    assert "新增注册企业".encode() not in data
    assert data.decode("gb18030") == run("--format", "csv").decode("utf-8")


def test_utf8_without_bom_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    run("--format", "csv", "--encoding", "utf-8", "--output", str(out))
    assert out.read_bytes() == run("--format", "csv")


def test_other_files_have_no_bom_by_default(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    run("--format", "json", "--output", str(out))
    assert out.read_bytes() == run("--format", "json")


def test_encoding_on_standard_output_gives_those_bytes() -> None:
    data = run("--format", "csv", "--encoding", "gb18030")
    assert data.decode("gb18030") == run("--format", "csv").decode("utf-8")


def _sheet_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in load_workbook(path)[sheet].iter_rows(values_only=True)]


@pytest.mark.parametrize(
    ("args", "sheet", "first_row"),
    [
        (["progress"], "指标", ("新增注册企业", "万个", Decimal("2.7"))),
        (["progress", "--by", "county"], "县区明细", ("金安区",)),
        (["progress", "--by", "unit"], "责任单位", ("市就业工作领导小组办公室",)),
        (["progress", "--by", "task"], "任务", (1,)),
        (["trend"], "走势概览", ("新增注册企业", "万个")),
        (["trend", "--indicator", "jobs"], "走势", ("2018年1月",)),
        (["warnings"], "预警", ("红色", "未报送", "叶集区")),  # 叶集区's June return is missing
    ],
)
def test_workbooks(
    args: list[str], sheet: str, first_row: tuple[object, ...], tmp_path: Path
) -> None:
    out = tmp_path / "out.xlsx"
    command, *rest = args
    result = runner.invoke(
        app, [command, "--data", str(SHIPPED_DATA), *rest, "--format", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = _sheet_rows(out, sheet)
    got = rows[1][: len(first_row)]
    expected = tuple(float(v) if isinstance(v, Decimal) else v for v in first_row)
    assert got == expected


def test_trend_workbook_has_every_month_of_every_indicator(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = runner.invoke(
        app, ["trend", "--data", str(SHIPPED_DATA), "-f", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = _sheet_rows(out, "逐月")
    assert len(rows) == 1 + 9 * 30  # header, nine indicators × 2018-01 … 2020-06
    assert rows[0][1:4] == ("单位", "当月新增", "累计")  # each row's unit: they differ
    assert isinstance(rows[1][2], float | int)  # the month's addition is a number
    units = {(r[-2], r[1]) for r in rows[1:]}
    assert ("new_enterprises", "万个") in units and ("maker_spaces", "个") in units


def test_one_indicators_trend_is_read_in_the_returns_unit(tmp_path: Path) -> None:
    """新增注册企业 (target in 万个, returns in 个): people read 465个, not 0.0465万个; the
    workbook keeps the target's unit beside it, JSON only that."""
    out = tmp_path / "t.xlsx"
    args = ["trend", "--data", str(SHIPPED_DATA), "--indicator", "新增注册企业"]
    result = runner.invoke(app, [*args, "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _sheet_rows(out, "走势")
    head = rows[0]
    first = dict(zip(head, rows[1], strict=True))
    assert first["当月新增（个）"] == first["累计（个）"] == 465
    assert first["当月新增（万个）"] == pytest.approx(0.0465)
    text = runner.invoke(app, [*args, "-f", "markdown"]).stdout
    january = next(x for x in text.splitlines() if x.startswith("| 2018年1月"))
    assert "当月新增（个）" in text and [c.strip() for c in january.split("|")][2:4] == [
        "465",
        "465",
    ]
    doc = runner.invoke(app, [*args, "-f", "json"]).stdout
    assert '"addition": 0.0465' in doc and "addition_shown" not in doc


@pytest.mark.parametrize("command", ["progress", "trend", "warnings"])
def test_xlsx_needs_an_output_file(command: str) -> None:
    result = runner.invoke(app, [command, "--data", str(SHIPPED_DATA), "--format", "xlsx"])
    assert result.exit_code == 2
    assert "--output" in result.stderr
    assert result.stdout == ""


def test_paths_with_chinese_characters_and_spaces(tmp_path: Path) -> None:
    data = tmp_path / "六安 数据"
    shutil.copytree(SHIPPED_DATA, data)
    folder = tmp_path / "输出 文件"
    folder.mkdir()
    out = folder / "进度 表.csv"
    result = runner.invoke(app, ["progress", "--data", str(data), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.stderr
    assert out.read_bytes().startswith(BOM + b"indicator,name,unit")
    checked = runner.invoke(app, ["validate", "--data", str(data)])
    assert checked.exit_code == 0, checked.output
