"""`chuangye validate`: exit codes and the three output formats."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from chuangye_cli.cli import app
from tests.conftest import SHIPPED_DATA, TASKS_YAML, make_data

runner = CliRunner()

# Two bad rows and one falling ytd figure (a warning):
#   line 3: unknown county in column 2; line 4: negative value in column 4;
#   line 6: ytd falls from 500 to 400 (warning, no column).
BAD_ROWS = [
    ("2019-03", "east", "firms", "1", "", "", ""),
    ("2019-03", "north", "firms", "1", "", "", ""),
    ("2019-04", "east", "firms", "-2", "", "", ""),
    ("2019-05", "east", "loans", "500", "", "ytd", ""),
    ("2019-06", "east", "loans", "400", "", "ytd", ""),
]


def validate(*args: str) -> Result:
    return runner.invoke(app, ["validate", *args])


@pytest.fixture
def bad_data(tmp_path: Path) -> Path:
    return make_data(tmp_path / "data", BAD_ROWS)


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_shipped_data_is_clean_but_for_its_missing_return(fmt: str) -> None:
    """The synthetic sample lacks 叶集区's June 2020 return on purpose: a warning, nothing
    else; through May, nothing at all."""
    result = validate("--data", str(SHIPPED_DATA), "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert [(d["code"], d["severity"]) for d in json.loads(result.stdout)] == [
            ("returns.missing", "warning")
        ]
    elif fmt == "github":
        assert result.stdout.count("::warning") == 1 and "returns.missing" in result.stdout
    else:
        assert "0 errors, 1 warning" in result.stdout
        assert "targets.yaml" in result.stdout
    may = validate("--data", str(SHIPPED_DATA), "--as-of", "2020-05", "--format", "json")
    assert may.exit_code == 0 and json.loads(may.stdout) == []


def test_require_complete_fails_on_the_missing_return() -> None:
    result = validate("--data", str(SHIPPED_DATA), "--require-complete", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    # the synthetic sample lacks 叶集区's June 2020 return on purpose
    assert [(d["code"], d["severity"]) for d in found] == [("returns.missing", "error")]
    assert "叶集区" in found[0]["message"] and "2020年6月" in found[0]["message"]
    earlier = validate("--data", str(SHIPPED_DATA), "--require-complete", "--as-of", "2020-05")
    assert earlier.exit_code == 0, earlier.output  # every return through May arrived


def test_text_format_lists_every_problem(bad_data: Path) -> None:
    result = validate("--data", str(bad_data))
    assert result.exit_code == 1
    out = result.stdout
    assert f"{bad_data / 'actuals.csv'}:3:2" in out
    assert f"{bad_data / 'actuals.csv'}:4:4" in out
    assert f"{bad_data / 'actuals.csv'}:6" in out
    assert "actuals.county" in out and "actuals.value" in out and "actuals.falling" in out
    assert "2 errors, 1 warning" in out and "1 warnings" not in out
    assert "\x1b[" not in out
    assert "Traceback" not in result.output


def test_json_format(bad_data: Path) -> None:
    result = validate("--data", str(bad_data), "--format", "json")
    assert result.exit_code == 1
    items = json.loads(result.stdout)
    assert isinstance(items, list)
    for item in items:
        assert set(item) == {"code", "severity", "file", "sheet", "line", "column", "message"}
        assert isinstance(item["message"], str) and item["message"]
    csv_file = str(bad_data / "actuals.csv")
    assert [(i["code"], i["severity"], i["file"], i["line"], i["column"]) for i in items] == [
        ("actuals.county", "error", csv_file, 3, 2),
        ("actuals.value", "error", csv_file, 4, 4),
        ("actuals.falling", "warning", csv_file, 6, None),
    ]


def test_github_format(bad_data: Path) -> None:
    result = validate("--data", str(bad_data), "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    csv_file = bad_data / "actuals.csv"
    assert len(lines) == 3
    assert lines[0].startswith(f"::error file={csv_file},line=3,col=2")
    assert lines[1].startswith(f"::error file={csv_file},line=4,col=4")
    assert lines[2].startswith(f"::warning file={csv_file},line=6")
    pattern = re.compile(r"^::(error|warning) file=[^,]+,line=\d+(,col=\d+)?(,title=[^:]+)?::.+$")
    assert all(pattern.match(line) for line in lines), lines
    assert "未知县区 “north”" in lines[0]


def test_github_format_escapes_newlines_and_percent() -> None:
    from chuangye_cli.diagnostics import Code, make
    from chuangye_cli.views.diagnostics import diagnostics_document
    from chuangye_cli.writers import write

    d = make(Code.ACTUALS_CSV, "a,b:c.csv", 2, 3, reason="100% wrong\nsecond line")
    out = write(diagnostics_document([d], []), "annotations")
    assert isinstance(out, str)
    assert out.count("\n") == 1  # one annotation, one line
    assert "100%25 wrong%0Asecond line" in out
    assert "file=a%2Cb%3Ac.csv,line=2,col=3" in out


def test_yaml_errors_in_every_format(tmp_path: Path) -> None:
    tasks = TASKS_YAML.replace("leads: [丙局]", "leads: [丙句]")
    data = make_data(tmp_path, [], tasks=tasks)
    line = tasks.splitlines().index("    leads: [丙句]") + 1
    column = len("    leads: [") + 1
    text = validate("--data", str(data))
    assert text.exit_code == 1
    assert f"{data / 'tasks.yaml'}:{line}:{column}" in text.stdout
    (item,) = json.loads(validate("--data", str(data), "-f", "json").stdout)
    assert (item["code"], item["file"], item["line"], item["column"]) == (
        "ref.unknown-unit",
        str(data / "tasks.yaml"),
        line,
        column,
    )
    github = validate("--data", str(data), "-f", "github")
    assert github.exit_code == 1
    assert github.stdout.startswith(f"::error file={data / 'tasks.yaml'},line={line},col={column}")


def test_warnings_only_exit_0(tmp_path: Path) -> None:
    data = make_data(tmp_path, BAD_ROWS[3:])
    result = validate("--data", str(data), "-f", "json")
    assert result.exit_code == 0
    assert [i["severity"] for i in json.loads(result.stdout)] == ["warning"]


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "xml"),
        ("--format", "table"),  # a progress format, not a validate one
        ("--data", "/no/such/folder"),
        ("--actuals", "/no/such/file.csv"),
        ("--bogus",),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = validate("--data", str(SHIPPED_DATA), *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_validate_reads_an_xlsx_sheet(tmp_path: Path) -> None:
    import openpyxl

    data = make_data(tmp_path / "data", [])
    path = tmp_path / "figures.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.create_sheet("二〇一九")
    sheet.append(["period", "county", "indicator", "value"])
    sheet.append(["2019-06", "east", "firms", -1])  # row 2
    workbook.save(path)
    result = validate(
        "--data", str(data), "--actuals", str(path), "--sheet", "二〇一九", "-f", "json"
    )
    assert result.exit_code == 1
    (item,) = json.loads(result.stdout)
    assert (item["code"], item["file"], item["line"], item["column"]) == (
        "actuals.value",
        str(path),
        2,
        4,
    )


def test_problem_count_is_right_when_there_are_more_than_are_listed(tmp_path: Path) -> None:
    # 1005 bad rows: more than the listing keeps; the totals must still say 1005
    data = make_data(tmp_path, [("2019-03", "north", "firms", "1", "", "", "")] * 1005)
    checked = validate("--data", str(data))
    assert checked.exit_code == 1
    assert "1005 errors" in checked.stdout
    refused = runner.invoke(app, ["progress", "--data", str(data)])
    assert refused.exit_code == 1
    assert "数据有 1005 个错误" in refused.stderr


def test_the_verdict_tells_a_row_not_read_from_a_doubted_figure_that_counts() -> None:
    """A misspelt row's figures are not read, so they do not count: the verdict must not say
    that every warned-of figure counts as sent (a clerk's finding)."""
    from chuangye_cli.catalogue import Code
    from chuangye_cli.diagnostics import _summary, make
    from chuangye_cli.views.diagnostics import diagnostics_document

    unread = make(
        Code.ACTUALS_ROW_NOT_READ, "a.xlsx", 9, 2, value="新增小微企业", figures="本月 9",
        hint="", hint_en="",
    )  # fmt: skip
    doubted = make(Code.ACTUALS_FALLING, "a.xlsx", 5, county="霍山县", indicator="带动就业",
                   basis="ytd", basis_zh="1-7月累计", before="1,783", before_period="2020-06",
                   now="1,700", unit="人", period="2020-07")  # fmt: skip
    copy = make(Code.ACTUALS_DUPLICATE_ROW, "a.xlsx", 13, first=4, county="霍山县",
                indicator="新增注册企业", period="2020-07")  # fmt: skip

    def verdict(*found: object, lang: str = "zh") -> str:
        doc = diagnostics_document(list(found), [], lang)  # type: ignore[arg-type]
        return doc.footer[-1][0]

    assert verdict(unread) == (
        "无错误：0 个错误，1 个警告 (0 errors, 1 warning)；1 行填有数字但未读取（不计入），"
        "请逐条核对后再报送（--strict 将其作为错误）"
    )
    assert verdict(unread, doubted, doubted) == (
        "无错误：0 个错误，3 个警告 (0 errors, 3 warnings)；其中 2 个警告所指的疑误数字仍按报送数"
        "计入，1 行填有数字但未读取（不计入），请逐条核对后再报送（--strict 将其作为错误）"
    )
    assert verdict(unread, doubted, lang="en") == (
        "No errors: 0 errors, 2 warnings; the doubted figures of 1 warning still count as sent, "
        "1 row with figures not read (not counted): check each before the return goes out "
        "(--strict makes them errors)"
    )
    assert verdict(copy).startswith("通过：0 个错误，1 个警告")  # it doubts no figure
    summary = _summary(Code.TOO_MANY_WARNINGS, "warning", 5, "1000",
                       {Code.ACTUALS_ROW_NOT_READ: 5})  # fmt: skip
    assert "6 行填有数字但未读取" in verdict(unread, summary)


def test_warnings_come_before_notices_and_a_doubted_figure_is_said_to_count(
    tmp_path: Path,
) -> None:
    """A figure 10,000 times too big: no error (a warning), but the verdict is not 通过 (read
    as ready to send): it says the figure still counts and --strict; the returns' warnings are
    listed before the notices."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    (data / "actuals" / "霍邱县7月.csv").write_text(
        "period,county,indicator,value,unit,序号\n2020-07,霍邱县,新增标准化厂房,118000000,平方米,1\n",
        encoding="utf-8",
    )
    result = validate("--data", str(data), "--format", "json")
    severities = [d["severity"] for d in json.loads(result.stdout)]
    assert "notice" in severities and "warning" in severities
    assert severities == sorted(severities, key=["error", "warning", "notice"].index)
    text = validate("--data", str(data)).stdout
    assert "无错误：0 个错误" in text and "通过" not in text
    assert "；警告所指的疑误数字仍按报送数计入，请逐条核对后再报送（--strict 将其作为错误）" in text
    shipped = validate("--data", str(SHIPPED_DATA)).stdout
    assert "疑误数字" not in shipped and "通过：0 个错误" in shipped
    english = runner.invoke(app, ["--lang", "en", "validate", "--data", str(data)]).stdout
    assert "No errors: 0 errors" in english
    assert "the doubted figures the warnings name still count as sent" in english
