"""`chuangye report`: the monthly bulletin as Markdown, HTML and XLSX, on the shipped data (checked
against `progress --format json`) and on small hand-built data."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.workbook.workbook import Workbook
from typer.testing import CliRunner, Result

from chuangye_cli.cli import app
from tests.conftest import (
    ENGINE_ROWS,
    SHIPPED_DATA,
    TARGETS_YAML,
    as_json,
    july_form,
    make_data,
    shipped_with,
)

runner = CliRunner()
AS_OF = "2020-06"
SECTION_IDS = [
    "summary", "returns", "indicators", "counties", "tasks", "warnings", "rankings", "trends", "sources",
]  # fmt: skip
HEADINGS = [
    "一、总体情况",
    "二、报送情况",  # the shipped sample lacks 叶集区's June return
    "三、主要指标完成情况",
    "四、各县区完成情况",
    "五、重点任务推进情况",
    "六、预警情况",
    "七、红黑榜",
    "八、走势",
    "九、数据来源与说明",
]
SHEETS = [
    "概览", "报送情况", "指标", "县区", "县区明细", "任务台账", "任务", "责任单位", "预警", "红黑榜", "排名",
    "走势",
]  # fmt: skip
STATUS_ZH = {"done": "已完成", "on_pace": "达序时", "behind": "滞后", "severe": "严重滞后"}


def report(*args: str) -> Result:
    return runner.invoke(app, ["report", *args])


def shipped_report(fmt: str, output: Path, *extra: str) -> Path:
    result = report("--data", str(SHIPPED_DATA), "--as-of", AS_OF, "--format", fmt,
                    "--output", str(output), *extra)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    return output


def shipped_json(*args: str) -> Any:
    result = runner.invoke(
        app, [*args, "--data", str(SHIPPED_DATA), "--as-of", AS_OF, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return as_json(result.stdout)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bulletin")
    return {fmt: shipped_report(fmt, folder / f"bulletin.{fmt}") for fmt in ("md", "html", "xlsx")}


@pytest.fixture(scope="module")
def workbook(outputs: dict[str, Path]) -> Workbook:
    """The shipped bulletin's workbook, opened once (read only by the tests)."""
    return openpyxl.load_workbook(outputs["xlsx"])


@pytest.fixture(scope="module")
def indicators() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = shipped_json("progress")["rows"]
    return rows


@pytest.fixture(scope="module")
def county_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = shipped_json("progress", "--by", "county")["rows"]
    return rows


def shown_percent(value: Decimal | int | None) -> str:
    """A completion as the bulletin prints it: one decimal, halves rounded up."""
    if value is None:
        return "—"
    return f"{(Decimal(value) * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}%"


def shown_quantity(value: Decimal | int | None) -> str:
    """A quantity as the bulletin prints it: thousands separators, at most 4 decimals."""
    if value is None:
        return "—"
    text = f"{Decimal(value).quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP):,f}"
    return text.rstrip("0").rstrip(".")


# --- HTML ---------------------------------------------------------------------------------------


class Page(HTMLParser):
    """What the checks need from the page: sections, headings, charts, links, styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[str] = []
        self.h2: list[str] = []
        self.svgs: list[tuple[str | None, str]] = []  # (section id, aria-label)
        self.tags: set[str] = set()
        self.links: list[str] = []  # every src and href
        self.styles: list[str] = []
        self.text: list[str] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.add(tag)
        if tag == "section":
            self.sections.append(values.get("id") or "")
        if tag == "svg":
            self.svgs.append(
                (self.sections[-1] if self.sections else None, values.get("aria-label") or "")
            )
        self.links += [v or "" for k, v in attrs if k.lower() in ("src", "href", "xlink:href")]
        if tag in ("style", "h2"):
            self._stack.append(tag)
            getattr(self, "styles" if tag == "style" else "h2").append("")

    def handle_endtag(self, tag: str) -> None:
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._stack:
            target = self.styles if self._stack[-1] == "style" else self.h2
            target[-1] += data


def parse_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_html_has_every_section_with_its_heading(outputs: dict[str, Path]) -> None:
    page = parse_page(outputs["html"])
    assert page.sections == SECTION_IDS
    assert page.h2 == HEADINGS


def test_html_has_one_chart_per_indicator(
    outputs: dict[str, Path], indicators: list[dict[str, Any]]
) -> None:
    page = parse_page(outputs["html"])
    assert len(indicators) == 9
    assert len(page.svgs) == 9
    assert all(section == "trends" for section, _ in page.svgs)
    for svg, row in zip(page.svgs, indicators, strict=True):
        assert svg[1].startswith(row["name"]), svg


def test_html_is_self_contained_and_printable(outputs: dict[str, Path]) -> None:
    page = parse_page(outputs["html"])
    assert "script" not in page.tags
    assert not {"link", "img", "iframe", "object", "embed"} & page.tags
    assert [u for u in page.links if re.match(r"^\s*(https?:)?//", u, re.IGNORECASE)] == []
    css = "".join(page.styles)
    assert "@page" in css and re.search(r"size:\s*A4", css)
    assert "url(" not in css and "@import" not in css
    assert "<script" not in outputs["html"].read_text(encoding="utf-8").lower()


def test_html_names_every_indicator_and_the_report_month(
    outputs: dict[str, Path], indicators: list[dict[str, Any]]
) -> None:
    text = "".join(parse_page(outputs["html"]).text)
    assert "2020年6月" in text
    for row in indicators:
        assert row["name"] in text
        assert shown_percent(row["completion"]) in text


# --- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_opens_with_every_sheet(workbook: Workbook) -> None:
    assert workbook.sheetnames == SHEETS


def test_xlsx_indicator_sheet_holds_the_progress_figures(
    workbook: Workbook, indicators: list[dict[str, Any]]
) -> None:
    ws = workbook["指标"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) for name in ("指标代码", "目标", "累计完成", "完成率")}
    sheet_rows = {row[col["指标代码"]].value: row for row in ws.iter_rows(min_row=2)}
    assert list(sheet_rows) == [r["indicator"] for r in indicators]
    for expected in indicators:
        row = sheet_rows[expected["indicator"]]
        for key, name in (("target", "目标"), ("actual", "累计完成"), ("completion", "完成率")):
            cell = row[col[name]]
            assert cell.data_type == "n", (expected["indicator"], name, cell.value)
            assert isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
            assert abs(Decimal(repr(cell.value)) - expected[key]) <= Decimal("1e-12"), (
                expected["indicator"],
                name,
                cell.value,
                expected[key],
            )
        assert "%" in row[col["完成率"]].number_format
        assert "%" not in row[col["目标"]].number_format


def test_xlsx_county_detail_holds_the_county_figures(
    workbook: Workbook, county_rows: list[dict[str, Any]]
) -> None:
    ws = workbook["县区明细"]
    header = [c.value for c in ws[1]]
    got = {
        (row[header.index("县区代码")].value, row[header.index("指标")].value): row
        for row in ws.iter_rows(min_row=2)
    }
    names = {r["indicator"]: r["name"] for r in shipped_json("progress")["rows"]}
    assert len(got) == len(county_rows)
    for expected in county_rows:
        row = got[(expected["county_id"], names[expected["indicator"]])]
        for key, name in (
            ("target", "目标（示意）"),
            ("actual", "累计完成"),
            ("completion", "完成率"),
        ):
            value = row[header.index(name)].value
            if expected[key] is None:
                assert value is None
            else:
                assert isinstance(value, int | float), (expected, name, value)
                assert abs(Decimal(repr(value)) - expected[key]) <= Decimal("1e-12")
        assert "%" in row[header.index("完成率")].number_format


def test_xlsx_headers_are_frozen(workbook: Workbook) -> None:
    for name in SHEETS[1:]:
        ws = workbook[name]
        assert ws.freeze_panes is not None, name
        _, row = coordinate_from_string(ws.freeze_panes)
        assert row == 2, (name, ws.freeze_panes)  # the header row stays in view


NUMBER_TEXT = re.compile(r"^\s*-?[\d,]+(\.\d+)?\s*%?\s*$")


@pytest.mark.parametrize("sheet", ["指标", "县区", "县区明细", "预警", "排名", "走势"])
def test_xlsx_numbers_are_not_text(workbook: Workbook, sheet: str) -> None:
    ws = workbook[sheet]
    numbers = 0
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                assert not NUMBER_TEXT.match(cell.value), (sheet, cell.coordinate, cell.value)
            elif isinstance(cell.value, int | float):
                numbers += 1
    assert numbers > 0


def test_xlsx_percent_columns_have_a_percent_format(workbook: Workbook) -> None:
    for sheet, column in (("县区", None), ("责任单位", "平均完成率"), ("排名", "完成率")):
        ws = workbook[sheet]
        header = [c.value for c in ws[1]]
        columns = range(1, len(header)) if column is None else [header.index(column)]
        for row in ws.iter_rows(min_row=2):
            for k in columns:
                if isinstance(row[k].value, int | float):
                    assert "%" in row[k].number_format, (sheet, row[k].coordinate)


def test_xlsx_warnings_and_rankings_are_complete(workbook: Workbook) -> None:
    doc = shipped_json("warnings")
    assert workbook["预警"].max_row - 1 == len(doc["warnings"])
    assert workbook["排名"].max_row - 1 == sum(len(r["entries"]) for r in doc["rankings"])


# --- Markdown -----------------------------------------------------------------------------------


def md_sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def md_table(section: str) -> list[list[str]]:
    """Data rows of the first pipe table in ``section`` (header and rule skipped)."""
    lines = [line for line in section.splitlines() if line.startswith("|")]
    return [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines[2:]]


def test_markdown_has_every_section(outputs: dict[str, Path]) -> None:
    text = outputs["md"].read_text(encoding="utf-8")
    assert text.startswith("# ") and "2020年6月" in text.splitlines()[0]
    assert list(md_sections(text)) == HEADINGS


def test_markdown_indicator_table_holds_the_progress_figures(
    outputs: dict[str, Path], indicators: list[dict[str, Any]]
) -> None:
    section = md_sections(outputs["md"].read_text(encoding="utf-8"))["三、主要指标完成情况"]
    rows = md_table(section)
    assert [r[0] for r in rows] == [i["name"] for i in indicators]
    for cells, expected in zip(rows, indicators, strict=True):
        assert cells[5] == shown_percent(expected["completion"])
        assert cells[6] == STATUS_ZH[expected["status"]]
    by_name = {r[0]: r for r in rows}
    # by hand from the sample returns: June = 200+218+132+157+119 (monthly) + (677−546) 霍山
    # + (313−256) 开发区 = 1014; 叶集区's June return is missing (not a zero).
    # so this year to date is 48 less than with it (5436 − 48 = 5388).
    # to date: 23400 − 48 = 23352个, so 27000 − 23352 = 3648个 left, ÷ 6 months = 608 a month
    assert by_name["新增注册企业"][1:5] == ["2.7万个", "1014个", "5388个", "2.34万个"]
    assert by_name["新增注册企业"][7] == "3648个（每月608个）"
    # 12 − 9.1342 = 2.8658亿元; ÷ 6 = 0.47763…亿元 = 4776.3万元 a month: rounded, so 约
    assert by_name["发放创业担保贷款"][4] == "9.13亿元"
    assert by_name["发放创业担保贷款"][7] == "2.87亿元（每月约4776万元）"
    assert by_name["阶梯式创业培训"][7] == "—"  # done


def test_a_county_without_a_return_is_warned_of_as_not_reported(outputs: dict[str, Path]) -> None:
    """叶集区 sent no June return: its warning says so, not a lag of its indicators."""
    section = md_sections(outputs["md"].read_text(encoding="utf-8"))["六、预警情况"]
    (row,) = [r for r in md_table(section) if r[0] == "叶集区"]
    assert "红色：未报送本期报表（最近一次报送：2020年5月）" in row[2]
    assert "关联指标平均完成" not in row[2] and "按近期进度难以完成" not in row[2]


def test_numbers_are_written_as_people_write_them(outputs: dict[str, Path]) -> None:
    """No count or amount with three or more decimals anywhere in the bulletin for reading."""
    text = outputs["md"].read_text(encoding="utf-8")
    assert re.findall(r"\d\.\d{3,}", text) == []
    assert "0.1667" not in text and "每月约0.17个" not in text  # shipped: no such pace


def test_markdown_county_matrix_holds_the_county_completions(
    outputs: dict[str, Path], county_rows: list[dict[str, Any]]
) -> None:
    section = md_sections(outputs["md"].read_text(encoding="utf-8"))["四、各县区完成情况"]
    matrix = {r[0]: r[1:] for r in md_table(section)}
    expected: dict[str, list[str]] = {}
    for row in county_rows:
        expected.setdefault(row["county"], []).append(
            "未报" if row["status"] == "not_reported" else shown_percent(row["completion"])
        )  # 叶集区 sent no June return: its totals lack it, no completion is shown
    assert expected.pop("市直") == ["—"] * 9  # the city itself has no target: left out
    assert matrix == expected


def test_markdown_summary_counts_the_statuses(
    outputs: dict[str, Path], indicators: list[dict[str, Any]]
) -> None:
    summary = md_sections(outputs["md"].read_text(encoding="utf-8"))["一、总体情况"]
    count = {s: sum(r["status"] == s for r in indicators) for s in STATUS_ZH}
    assert (
        f"全市{len(indicators)}项指标中，{count['done']}项已完成，{count['on_pace']}项达到序时进度，"
        f"{count['behind']}项滞后，{count['severe']}项严重滞后。"
    ) in summary
    assert "截至2020年6月" in summary


def test_markdown_on_stdout_equals_the_file(outputs: dict[str, Path]) -> None:
    result = report("--data", str(SHIPPED_DATA), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout.encode("utf-8") == outputs["md"].read_bytes()


# --- reproducible bytes, 生成时间 ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "xlsx"])
def test_two_runs_give_identical_bytes(outputs: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    again = shipped_report(fmt, tmp_path / f"again.{fmt}")
    assert again.read_bytes() == outputs[fmt].read_bytes()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_generated_at_is_printed_only_when_given(
    outputs: dict[str, Path], tmp_path: Path, fmt: str
) -> None:
    assert "生成时间" not in outputs[fmt].read_text(encoding="utf-8")
    stamped = shipped_report(fmt, tmp_path / f"stamped.{fmt}", "--generated-at", "2020-07-05T09:00")
    assert "生成时间：2020-07-05T09:00" in stamped.read_text(encoding="utf-8")


def test_generated_at_dates_the_workbook(tmp_path: Path) -> None:
    first = shipped_report("xlsx", tmp_path / "a.xlsx", "--generated-at", "2020-07-05T09:00")
    second = shipped_report("xlsx", tmp_path / "b.xlsx", "--generated-at", "2020-07-05T09:00")
    assert first.read_bytes() == second.read_bytes()
    props = openpyxl.load_workbook(first).properties
    assert props.created == datetime(2020, 7, 5, 9, 0)


def test_bad_generated_at_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "b.md"
    result = report("--data", str(SHIPPED_DATA), "--as-of", AS_OF, "--generated-at", "July",
                    "--output", str(target))  # fmt: skip
    assert result.exit_code == 2
    assert not target.exists()


# --- usage and data errors ------------------------------------------------------------------------


def test_xlsx_without_output_exits_2() -> None:
    result = report("--data", str(SHIPPED_DATA), "--as-of", AS_OF, "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--output" in result.stderr


@pytest.mark.parametrize("fmt", ["pdf", "json", "csv"])
def test_bad_format_exits_2(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"b.{fmt}"
    result = report("--data", str(SHIPPED_DATA), "--as-of", AS_OF, "--format", fmt,
                    "--output", str(target))  # fmt: skip
    assert result.exit_code == 2
    assert fmt in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("fmt", ["md", "html", "xlsx"])
def test_data_errors_exit_1_and_write_nothing(tmp_path: Path, fmt: str) -> None:
    data = make_data(tmp_path / "data", [("2019-03", "north", "firms", "1", "", "", "")])
    target = tmp_path / f"bulletin.{fmt}"
    result = report("--data", str(data), "--as-of", "2019-03", "--format", fmt,
                    "--output", str(target))  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "actuals.county" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_data_errors_leave_an_existing_bulletin_intact(tmp_path: Path) -> None:
    data = make_data(tmp_path / "data", [("2019-03", "east", "firms", "-5", "", "", "")])
    target = tmp_path / "bulletin.html"
    target.write_text("<p>last month</p>\n", encoding="utf-8")
    result = report("--data", str(data), "--as-of", "2019-03", "-f", "html", "-o", str(target))
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "<p>last month</p>\n"


@pytest.mark.parametrize("as_of", ["2017-12", "2021-01"])
def test_report_month_outside_the_plan_exits_2(tmp_path: Path, as_of: str) -> None:
    target = tmp_path / "b.md"
    result = report("--data", str(SHIPPED_DATA), "--as-of", as_of, "--output", str(target))
    assert result.exit_code == 2
    assert not target.exists()


# --- small hand-built data ------------------------------------------------------------------------


def test_summary_on_hand_computed_figures(engine_data: Path) -> None:
    # tests/conftest.py at 2020-06: firms 0.75 (on pace), loans 0.9 (on pace), spaces 1.1 (done)
    result = report("--data", str(engine_data), "--as-of", "2020-06")
    assert result.exit_code == 0, result.output
    summary = md_sections(result.stdout)["一、总体情况"]
    assert summary.strip().startswith(
        "截至2020年6月，序时进度75.0%。全市3项指标中，1项已完成，2项达到序时进度。"
    )  # (no “0项滞后，0项严重滞后”: a count of none is not said)
    rows = md_table(md_sections(result.stdout)["二、主要指标完成情况"])
    # 本月 (2020-06): firms none reported; loans 西县 to_date 0.1 -> 0.5 亿元 = 4000万元; spaces
    # 西县's first level, 5. 本年 (since 2019-12): firms 75 - 45 = 30; loans 1.8 - (0.8 + 0.1) =
    # 0.9 亿元; spaces 11 - 2 = 9. Still needed: 25个 over 6 months ≈ 4.2 a month; 0.2亿元 ≈ 333.3万元.
    assert rows == [
        ["新增企业", "100个", "—", "30个", "75个", "75.0%", "达序时", "25个（每月约4个）"],
        ["发放贷款", "2亿元", "4000万元", "9000万元", "1.8亿元", "90.0%", "达序时",
         "2000万元（每月约333万元）"],
        ["众创空间", "10个", "5个", "9个", "11个", "110.0%", "已完成", "—"],
    ]  # fmt: skip


def test_bulletin_notes_when_the_figures_end_before_the_report_month(engine_data: Path) -> None:
    # the latest row of ENGINE_ROWS is 2020-09
    later = report("--data", str(engine_data), "--as-of", "2020-11")
    assert later.exit_code == 0, later.output
    assert "实绩数据截至2020年9月" in md_sections(later.stdout)["八、数据来源与说明"]
    current = report("--data", str(engine_data), "--as-of", "2020-09")
    assert "实绩数据截至" not in current.stdout


def test_small_plan_html_has_a_chart_per_indicator(engine_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "small.html"
    result = report(
        "--data", str(engine_data), "--as-of", "2020-06", "-f", "html", "-o", str(target)
    )
    assert result.exit_code == 0, result.output
    page = parse_page(target)
    assert [label.split("：")[0] for _, label in page.svgs] == ["新增企业", "发放贷款", "众创空间"]
    assert [label.split("：")[1] for _, label in page.svgs] == ["75.0%", "90.0%", "110.0%"]


def test_bulletin_states_the_thresholds_of_targets_yaml(tmp_path: Path) -> None:
    # yellow from 15 points behind and red from 35: the bulletin's note must say so, not the
    # defaults (10 and 30)
    targets = TARGETS_YAML.replace(
        "thresholds:\n  severe: 0.25\n",
        "thresholds:\n  severe: 0.25\n  yellow: 0.15\n  red: 0.35\n",
    )
    data = make_data(tmp_path, ENGINE_ROWS, targets=targets)
    result = report("--data", str(data), "--as-of", "2020-06")
    assert result.exit_code == 0, result.output
    sources = md_sections(result.stdout)["八、数据来源与说明"]
    assert "15个百分点起为黄色" in sources and "35个百分点起为红色" in sources
    assert "10个百分点" not in sources and "30个百分点" not in sources


def test_the_bulletin_names_the_figures_the_checks_doubt(tmp_path: Path) -> None:
    """A July figure 10,000 times too big is warned of and still counted: the bulletin says so
    in 总体情况 (数据核查), for the months it covers; the shipped data has nothing to say."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    (data / "actuals" / "霍邱县7月.csv").write_text(
        "period,county,indicator,value,unit\n2020-07,霍邱县,新增标准化厂房,118000000,平方米\n",
        encoding="utf-8",
    )
    july = report("--data", str(data), "--as-of", "2020-07", "-f", "md")
    assert july.exit_code == 0, july.output
    summary = md_sections(july.stdout)["一、总体情况"]
    assert (
        "数据核查：霍邱县·新增标准化厂房（2020年7月）数字疑有误（单位或量级），"
        "尚未更正，已按报送数计入"
    ) in summary
    june = report("--data", str(data), "--as-of", "2020-06", "-f", "md").stdout
    assert "数据核查" not in june  # the figure is not in June's totals
    own = report("--data", str(data), "--as-of", "2020-07", "--county", "霍邱县", "-f", "md")
    assert "霍邱县·新增标准化厂房（2020年7月）" in own.stdout
    other = report("--data", str(data), "--as-of", "2020-07", "--county", "金寨县", "-f", "md")
    assert "数据核查" not in other.stdout
    shipped = report("--data", str(SHIPPED_DATA), "-f", "md").stdout
    assert "数据核查" not in shipped


PROVINCE = SHIPPED_DATA / "examples" / "province"


def test_the_county_matrix_keeps_a_county_whose_every_figure_is_a_gap() -> None:
    """In the province example 石门县 sends no June return: within 西山市 its row says 未报 in
    every column (it was dropped when its cells lost their completions)."""
    text = report("--data", str(PROVINCE), "--within", "西山市", "-f", "md").stdout
    section = md_sections(text)["四、各县区完成情况"]
    rows = {r[0]: r[1:] for r in md_table(section)}
    assert "石门县" in rows and set(rows["石门县"]) <= {"未报", "—"} and "未报" in rows["石门县"]
    assert "未报为本月未报送" in section


def test_the_doubted_figures_are_those_of_the_bulletins_divisions(tmp_path: Path) -> None:
    """A July slip of 西山区 (10,000 times its usual 带动就业): 西山市's bulletin and the
    province's name it; 东湖市's does not (its totals do not hold it)."""
    data = tmp_path / "province"
    shutil.copytree(PROVINCE, data)
    (data / "actuals" / "x.csv").write_text(
        "period,county,indicator,value,basis\n2020-07,xishan_qu,jobs,2260000,increment\n",
        encoding="utf-8",
    )
    said = "数据核查：西山区·带动就业（2020年7月）数字疑有误"
    july = ("--data", str(data), "--as-of", "2020-07", "-f", "md")  # (one early July return)
    assert said in report(*july).stdout
    assert said in report(*july, "--county", "西山市").stdout
    assert said in report(*july, "--within", "西山市").stdout
    assert "数据核查" not in report(*july, "--within", "东湖市").stdout


def test_a_fractional_count_and_unread_rows_are_named_in_their_view(tmp_path: Path) -> None:
    """1.5家 is doubted by its row; a July form's rows with figures but no indicator's name
    are named in July's bulletin and 霍邱县's own, not in June's or 金寨县's."""
    data = shipped_with(
        tmp_path,
        {
            "x.csv": "period,county,indicator,value,unit\n2020-07,霍邱县,新增小微创业企业,1.5,家\n",
            "霍邱县2020年7月报表.csv": july_form(
                "霍邱县", "1,新增注册企业,个,100,,", "2,带动就业人员,人,300,,"
            ),
        },
    )

    def checked(*args: str, as_of: str = "2020-07") -> str:
        text = report("--data", str(data), "-f", "md", "--as-of", as_of, *args).stdout
        return next((x for x in text.splitlines() if x.startswith("数据核查")), "")

    july = checked()  # (July asked for: one county's early return does not make the month)
    assert "霍邱县·新增小微创业企业（2020年7月）数字疑有误（计数带小数）" in july
    assert "霍邱县2020年7月报表.csv第4行“带动就业人员”有数字但名称不是计划指标，未读取" in july
    assert "带动就业人员" in checked("--county", "霍邱县")
    assert checked("--county", "金寨县") == "" and checked(as_of="2020-06") == ""


def test_a_countys_small_amounts_are_in_the_returns_unit() -> None:
    """金寨县's 新增注册企业 target is 0.324万个: the bulletin writes 3240个, not 0.32万个
    (which loses a figure and does not add up with 尚需); the city's 2.7万个 stays in 万."""
    text = report("--data", str(SHIPPED_DATA), "--county", "金寨县", "-f", "md").stdout
    rows = {r[0]: r for r in md_table(md_sections(text)["二、主要指标完成情况"])}
    assert rows["新增注册企业"][1] == "3240个"
    assert rows["新增注册企业"][4].endswith("个") and "万" not in rows["新增注册企业"][4]
    city = report("--data", str(SHIPPED_DATA), "-f", "md").stdout
    rows = {r[0]: r for r in md_table(md_sections(city)["三、主要指标完成情况"])}
    assert rows["新增注册企业"][1] == "2.7万个"


def test_the_bulletin_points_to_nothing_it_does_not_hold(tmp_path: Path) -> None:
    """The bulletin is a document for people (a 公文 for the city's leaders): it names no
    command (“全部预警见 chuangye warnings”, “走势图可由 chuangye report … 生成” were in it, a
    city office's finding) and no file it has not made (“见 XLSX 版”); the Word bulletin prints
    no section of charts alone, and numbers the sections it prints without a gap."""
    md = runner.invoke(app, ["report", "--format", "md"])
    assert md.exit_code == 0, md.output
    assert "XLSX 版" not in md.stdout and "chuangye" not in md.stdout
    assert "targets.yaml" not in md.stdout
    docx_path = tmp_path / "b.docx"
    made = runner.invoke(app, ["report", "--format", "docx", "--output", str(docx_path)])
    assert made.exit_code == 0, made.output
    import docx

    text = "\n".join(p.text for p in docx.Document(str(docx_path)).paragraphs)
    assert "XLSX 版" not in text and "HTML 版" not in text and "chuangye" not in text
    headings = [
        line
        for line in text.splitlines()
        if line[1:2] == "、" and line[0] in "一二三四五六七八九十"
    ]
    assert [h[0] for h in headings] == list("一二三四五六七八")
    assert headings[-1] == "八、数据来源与说明" and "走势" not in text


def test_a_first_and_last_of_a_few_says_how_few(tmp_path: Path) -> None:
    """July 2020 with the forms of only 金安区 and 霍邱县 (and 市科技局's 众创空间): the
    summary's 末位 is the last of two, and says so, naming the counties left out; with all but
    one ranked (the shipped data) it does not."""
    rows = ("1,新增注册企业,个,140,", "2,带动就业,人,400,", "3,阶梯式创业培训,人次,40,",
            "4,创建市级及以上返乡创业类平台,个,0,", "5,新增标准化厂房,平方米,9000,",
            "6,新增小微创业企业,家,14,", "7,发放创业担保贷款,万元,380,",
            "8,促进大学生等青年创业,人,30,")  # fmt: skip
    spaces = (SHIPPED_DATA / "actuals" / "synthetic-maker-spaces.csv").read_text("utf-8-sig")
    july = "".join(x.replace("2020-06", "2020-07", 1) + "\n" for x in spaces.splitlines()
                   if x.startswith("2020-06"))  # fmt: skip
    forms = {f"{c}7月.csv": july_form(c, *rows) for c in ("金安区", "霍邱县")}
    data = shipped_with(tmp_path, {**forms, "spaces7.csv": spaces.splitlines()[0] + "\n" + july})
    result = runner.invoke(app, ["report", "--data", str(data), "--as-of", "2020-07"])
    assert result.exit_code == 0, result.output
    summary = next(line for line in result.stdout.splitlines() if "综合得分首位" in line)
    assert "末位为霍邱县" in summary
    assert (
        "（仅2个县区参加排名；裕安区、叶集区、舒城县、金寨县、霍山县、六安经济技术开发区未报送，"
        in summary
    )
    shipped = runner.invoke(app, ["report"]).stdout
    assert "参加排名" not in next(x for x in shipped.splitlines() if "综合得分首位" in x)


def test_a_late_return_is_dated_as_a_bulletin_writes_dates(tmp_path: Path) -> None:
    """金安区's July form filed on 8月6日, a day past the 5th: the bulletin's 报送情况 says so
    in Chinese dates (2020年8月6日), not 2020-08-06."""
    form = july_form("金安区", "1,新增注册企业,个,140,").split("\n", 1)
    filed = form[0] + "\n填报单位：金安区人社局,,,填报日期：2020年8月6日\n" + form[1]
    data = shipped_with(tmp_path, {"金安区7月.csv": filed})
    result = runner.invoke(app, ["report", "--data", str(data), "--as-of", "2020-07"])
    assert result.exit_code == 0, result.output
    assert "填报日期2020年8月6日，晚于报送截止日2020年8月5日" in result.stdout
    assert "2020-08-0" not in result.stdout
