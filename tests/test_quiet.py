"""``--quiet`` for scripts: only data on standard output, only errors on standard error."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from chuangye_cli.cli import app

from .conftest import make_data

runner = CliRunner()
FALLING = [
    ("2019-05", "east", "loans", "500", "", "ytd", ""),
    ("2019-06", "east", "loans", "400", "", "ytd", ""),  # falls: a warning
]


def test_warnings_are_not_shown(tmp_path: Path) -> None:
    data = make_data(tmp_path / "d", FALLING)
    loud = runner.invoke(app, ["progress", "--data", str(data), "-f", "csv"])
    quiet = runner.invoke(app, ["-q", "progress", "--data", str(data), "-f", "csv"])
    assert loud.exit_code == quiet.exit_code == 0
    assert "warning[actuals.falling]" in loud.stderr
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout


def test_no_wrote_line(tmp_path: Path) -> None:
    data = make_data(tmp_path / "d", FALLING[:1])
    out = tmp_path / "x.json"
    quiet = runner.invoke(
        app, ["--quiet", "progress", "--data", str(data), "-f", "json", "-o", str(out)]
    )
    assert quiet.exit_code == 0
    assert quiet.stdout == quiet.stderr == ""
    assert out.read_text(encoding="utf-8").startswith("{")


def test_errors_are_still_shown(tmp_path: Path) -> None:
    data = make_data(tmp_path / "d", [("2019-03", "north", "firms", "1", "", "", "")])
    quiet = runner.invoke(app, ["-q", "progress", "--data", str(data)])
    assert quiet.exit_code == 1
    assert "actuals.county" in quiet.stderr
    assert quiet.stdout == ""


def test_validate_lists_errors_only(tmp_path: Path) -> None:
    rows = [*FALLING, ("2019-03", "north", "firms", "1", "", "", "")]
    data = make_data(tmp_path / "d", rows)
    loud = runner.invoke(app, ["validate", "--data", str(data), "-f", "json"])
    quiet = runner.invoke(app, ["-q", "validate", "--data", str(data), "-f", "json"])
    assert loud.exit_code == quiet.exit_code == 1
    assert '"actuals.falling"' in loud.stdout and '"actuals.falling"' not in quiet.stdout
    assert quiet.stdout.count('"code"') == 1 and '"actuals.county"' in quiet.stdout
    table = runner.invoke(app, ["-q", "validate", "--data", str(data)])
    assert "actuals.county" in table.stdout
    assert "已检查" not in table.stdout and "未通过" not in table.stdout


def test_validate_of_clean_data_prints_nothing(tmp_path: Path) -> None:
    data = make_data(tmp_path / "d", FALLING)  # a warning only
    quiet = runner.invoke(app, ["-q", "validate", "--data", str(data)])
    assert quiet.exit_code == 0
    assert quiet.stdout.strip() == "" and quiet.stderr == ""


def test_quiet_after_the_command(tmp_path: Path) -> None:
    data = make_data(tmp_path / "d", FALLING)
    quiet = runner.invoke(app, ["progress", "--data", str(data), "-f", "csv", "--quiet"])
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
