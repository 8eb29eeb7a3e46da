"""Without --format, the output file's name says the format: 进度.xlsx is a workbook, not a
table of text that Excel cannot open."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from chuangye_cli.cli import app
from tests.conftest import SHIPPED_DATA

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--data", str(SHIPPED_DATA)])
    return result.exit_code, result.output


@pytest.mark.parametrize("command", ["progress", "trend", "warnings", "returns", "tasks"])
def test_a_workbooks_name_makes_a_workbook(command: str, tmp_path: Path) -> None:
    out = tmp_path / "进度.xlsx"
    code, said = run(command, "-o", str(out))
    assert code == 0, said
    assert openpyxl.load_workbook(out).sheetnames


def test_each_text_name_makes_its_format(tmp_path: Path) -> None:
    for name in ("p.json", "p.md", "p.csv", "p.html", "p.txt"):
        assert run("progress", "-o", str(tmp_path / name))[0] == 0
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["by"] == "indicator"
    assert "| 新增注册企业" in (tmp_path / "p.md").read_text(encoding="utf-8")
    csv_text = (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    assert csv_text.startswith("indicator,name,unit,target")
    assert "<table" in (tmp_path / "p.html").read_text(encoding="utf-8")
    # another name: the default format, the table for people
    table = tmp_path / "t.txt"
    assert run("progress", "-f", "table", "-o", str(table))[0] == 0
    assert (tmp_path / "p.txt").read_bytes() == table.read_bytes()


def test_a_bulletins_name_makes_a_document(tmp_path: Path) -> None:
    out = tmp_path / "通报.docx"
    code, said = run("report", "-o", str(out))
    assert code == 0, said
    assert "word/document.xml" in zipfile.ZipFile(out).namelist()


@pytest.mark.parametrize(
    ("args", "name", "said"),
    [
        (("progress", "-f", "json"), "x.xlsx", "文件名是 .xlsx 文件，但 --format 为 json"),
        (("progress", "-f", "xlsx"), "x.json", "文件名是 .json 文件，但 --format 为 xlsx"),
        (("progress",), "x.docx", "此命令不能写 docx"),
        (("report",), "x.json", "此命令不能写 json；请用 --format 选择：md、markdown、html"),
    ],
)
def test_a_name_and_a_format_that_disagree_are_refused(
    args: tuple[str, ...], name: str, said: str, tmp_path: Path
) -> None:
    out = tmp_path / name
    code, output = run(*args, "-o", str(out))
    assert code == 2 and said in output
    assert not out.exists()


def test_a_text_format_given_is_kept_whatever_the_name(tmp_path: Path) -> None:
    out = tmp_path / "p.md"
    assert run("progress", "-f", "csv", "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8-sig").startswith("indicator,")


def test_usage_errors_are_labelled_so_in_the_runs_language(tmp_path: Path) -> None:
    code, said = run("progress", "--as-of", "2030-01")
    assert code == 2 and said.startswith("chuangye：用法错误：--as-of 2030-01")
    english = runner.invoke(app, ["--lang", "en", "progress", "--as-of", "2030-01"])
    assert english.exit_code == 2 and english.output.startswith("chuangye: usage error: --as-of")
    missing = tmp_path / "no" / "x.md"
    code, said = run("progress", "-o", str(missing))
    assert code == 2 and said.startswith("chuangye：用法错误：输出文件夹不存在")
    assert "does not exist" not in said  # one language, not both
    english = runner.invoke(app, ["--lang", "en", "progress", "-o", str(missing)])
    assert "the output's folder does not exist" in english.output and "不存在" not in english.output


def test_a_name_that_disagrees_is_refused_before_the_data_is_read(tmp_path: Path) -> None:
    """Refused at once (exit 2), not after reading data that has errors of its own (exit 1);
    the message says the suffix and the format as typed."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    (data / "actuals" / "bad.csv").write_text(
        "period,county,indicator,value\n2020-06,金安区,新增注册企业,abc\n", encoding="utf-8"
    )
    out = tmp_path / "通报.XLSX"
    result = runner.invoke(app, ["report", "--data", str(data), "-f", "md", "-o", str(out)])
    assert result.exit_code == 2
    assert "文件名是 .XLSX 文件，但 --format 为 md" in result.output
    assert "bad.csv" not in result.output and not out.exists()
    schema = tmp_path / "targets.schema.json"
    assert runner.invoke(app, ["schema", "targets", "-o", str(schema)]).exit_code == 0
    assert json.loads(schema.read_text(encoding="utf-8"))


def test_one_missing_return_is_said_in_the_singular() -> None:
    result = runner.invoke(app, ["--lang", "en", "validate", "--data", str(SHIPPED_DATA)])
    text = " ".join(result.output.split())
    assert "叶集区: 1 return has not arrived: 2020-06" in text
