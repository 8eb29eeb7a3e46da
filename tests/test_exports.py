"""Exports that are safe to open: text that Excel or WPS would run as a formula comes out
inert in CSV and XLSX (numbers stay numbers); HTML escapes every name and note; Markdown
escapes ``|``; the terminal shows brackets as typed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from chuangye_cli.cli import app

from .conftest import TARGETS_YAML, make_data

runner = CliRunner()
FORMULA = '=HYPERLINK("http://example.com","x")'
COUNTY = "@SUM(A1)"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    targets = TARGETS_YAML.replace("name: 东区", f'name: "{COUNTY}"')
    rows = [
        ("2019-03", "east", "firms", "10", "", "", FORMULA),
        ("2019-04", "east", "firms", "5", "", "", "+1 call | pipe <b>bold</b> [red]x[/]"),
        ("2019-04", "west", "firms", "7", "", "", "-2"),
    ]
    return make_data(tmp_path / "data", rows, targets=targets)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_progress_csv_is_inert(hostile: Path) -> None:
    text = run("progress", "--data", str(hostile), "--by", "county", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    east = [r for r in rows if r["county_id"] == "east"]
    assert {r["county"] for r in east} == {"'" + COUNTY}
    notes = next(r["note"] for r in east if r["indicator"] == "firms")
    assert notes.startswith("'" + FORMULA)
    west = next(r for r in rows if r["county_id"] == "west" and r["indicator"] == "firms")
    assert west["note"] == "'-2"  # text that looks like a negative number is still text
    assert west["actual"] == "7"  # numbers stay numbers
    for row in rows:
        for key, value in row.items():
            if key not in ("target", "actual", "completion", "remaining", "pace_needed"):
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (key, value)


def test_trend_csv_is_inert(hostile: Path) -> None:
    text = run("trend", "--data", str(hostile), "--county", "east", "--indicator", "firms",
               "--format", "csv")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(r["county"] == "'" + COUNTY for r in rows)


def test_report_xlsx_is_inert(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.xlsx"
    runner.invoke(app, ["report", "--data", str(hostile), "--format", "xlsx", "-o", str(out)])
    wb = load_workbook(out)
    found = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "@")):
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                    found += 1
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    assert found >= 2  # the county's name at least in the matrix and the detail sheet


def test_html_escapes_names_and_notes(hostile: Path) -> None:
    page = run("progress", "--data", str(hostile), "--by", "county", "--format", "html")
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


def test_markdown_escapes_pipes(hostile: Path) -> None:
    text = run("progress", "--data", str(hostile), "--by", "county", "--format", "markdown")
    line = next(x for x in text.splitlines() if "pipe" in x)
    assert "call \\| pipe" in line
    assert line.count("|") - line.count("\\|") == len(text.splitlines()[-1].split("|")) - 1


def test_terminal_shows_brackets_as_typed(hostile: Path) -> None:
    text = run("progress", "--data", str(hostile), "--by", "county")
    assert "[red]x[/]" in text
