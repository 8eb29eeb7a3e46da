"""Terminal widths: at 60, 80, 100 and 160 columns no line is wider than the terminal and no
number is split across lines. A table that does not fit drops its bars first, then abbreviates
names, then shows one record per block, in that order."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from chuangye_cli.alerts import compute_alerts
from chuangye_cli.choices import Selection, View
from chuangye_cli.cli import app
from chuangye_cli.diagnostics import Diagnostic
from chuangye_cli.display import shown
from chuangye_cli.document import (
    NUMERIC,
    Bar,
    Cell,
    Column,
    Document,
    Kind,
    Row,
    Section,
    Table,
    report,
)
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.progress import compute
from chuangye_cli.trend import trend
from chuangye_cli.views.alerts import alerts_document
from chuangye_cli.views.diagnostics import diagnostics_document
from chuangye_cli.views.plan import plan_document
from chuangye_cli.views.progress import progress_document
from chuangye_cli.views.trend import trend_document
from chuangye_cli.vocab import Label
from chuangye_cli.writers.rich import write_rich

from .conftest import SHIPPED_DATA, load_data

WIDTHS = (60, 80, 100, 160)
runner = CliRunner()


def _documents() -> dict[str, Document]:
    loaded = load_data(SHIPPED_DATA)
    assert loaded.plan is not None and loaded.actuals is not None
    plan, actuals, month = loaded.plan, loaded.actuals, Period(2020, 6)
    progress = compute(plan, actuals, month)
    docs = {f"progress --by {v.value}": progress_document(progress, Selection(by=v)) for v in View}
    trends = [trend(plan, actuals, i.id, month) for i in plan.indicators]
    docs["trend"] = trend_document(plan, trends)
    docs["trend --indicator jobs"] = trend_document(plan, [trend(plan, actuals, "jobs", month)])
    docs["warnings"] = alerts_document(compute_alerts(plan, actuals, progress))
    docs["plan"] = plan_document(plan)
    docs["validate"] = diagnostics_document(
        _bad_rows(plan), ["data/targets.yaml", "data/tasks.yaml", "examples/bad-actuals.csv"]
    )
    return docs


def _bad_rows(plan: Plan) -> list[Diagnostic]:
    from chuangye_cli.reading import read_actuals

    return read_actuals([SHIPPED_DATA.parent / "examples" / "bad-actuals.csv"], plan)[1]


DOCS = _documents()


def _numbers(doc: Document) -> list[str]:
    """Every figure people see in the document's tables, as shown (without bars)."""
    found = []
    for table in doc.human_tables():
        for column in table.human_columns():
            if column.kind in NUMERIC:
                found += [shown(column, row.cell(column.key), doc.lang) for row in table.rows]
    return [n for n in found if re.search(r"\d", n)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(DOCS))
def test_no_line_too_wide_and_no_number_split(name: str, width: int) -> None:
    text = write_rich(DOCS[name], width=width)
    lines = text.splitlines()
    assert max(cell_len(line.rstrip()) for line in lines) <= width
    for number in set(_numbers(DOCS[name])):
        assert any(number in line for line in lines), (number, width)


def _one_table_each(doc: Document) -> list[Document]:
    """The document once per table (each table is laid out on its own)."""
    return [
        replace(doc, sections=(Section("only", None, (table,)),), caption=doc.caption[:1])
        for table in doc.human_tables()
    ]


@pytest.mark.parametrize("name", list(DOCS))
def test_layouts_give_way_in_order(name: str) -> None:
    """Narrower never brings back what a wider layout gave up (table by table: one table of a
    document may turn into blocks, with whole names, while another is still a table)."""
    for doc in _one_table_each(DOCS[name]):
        order = []
        for width in sorted(WIDTHS, reverse=True):
            text = write_rich(doc, width=width)
            table = "━" in text
            bars = bool(re.search("[█░▁▂▃▄▅▆▇]", text))
            cut = "…" in text
            order.append((table, bars, not cut))
        assert order == sorted(order, reverse=True), order


def test_progress_at_each_width() -> None:
    doc = DOCS["progress --by indicator"]
    wide = write_rich(doc, width=160)
    assert "█████████░ 86.5%" in wide and "创建市级及以上返乡创业类平台" in wide
    hundred = write_rich(doc, width=100)  # the bars go; the names stay whole
    assert "█" not in hundred and "创建市级及以上返乡创业类平台" in hundred and "━" in hundred
    eighty = write_rich(doc, width=80)  # then the names are abbreviated
    assert "创建市级及以上返乡…" in eighty and "━" in eighty
    assert "创建市级及以上返乡创业类平台" not in eighty
    sixty = write_rich(doc, width=60)  # then one record per block
    assert "━" not in sixty and "创建市级及以上返乡创业类平台\n  单位      个\n" in sixty


# A table of hand-measured widths: name 20 cells, a ratio with a bar, a long note.
COLUMNS = (
    Column("name", Label("名称", "name")),
    Column("share", Label("完成率", "share"), Kind.RATIO, bar=Bar.PLAIN),
    Column("note", Label("备注", "note"), wide=True),
)


def _doc(note: str = "短") -> Document:
    rows = (
        Row(
            {
                "name": Cell("一二三四五六七八九十"),
                "share": Cell(Decimal("0.5")),
                "note": Cell(note),
            }
        ),
    )
    return report(["标题"], [Table("rows", COLUMNS, rows)], lang="zh")


def _row(text: str) -> str:
    return next(line for line in text.splitlines() if "一二" in line)


def test_hand_measured_steps() -> None:
    # full: edge 1 + pad 1 + 20 + pad 1 + sep 1 + pad 1 + 16 ("█████░░░░░ 50.0%") + … + 4 (备注)
    full = write_rich(_doc(), width=60)
    assert _row(full) == "  一二三四五六七八九十   █████░░░░░ 50.0%   短    "
    no_bars = write_rich(_doc(), width=40)
    assert _row(no_bars).rstrip() == "  一二三四五六七八九十    50.0%   短"
    compact = write_rich(_doc(), width=36)
    assert _row(compact).rstrip() == "一二三四五六七八九十   50.0%  短"
    # names to 12 cells, 5 characters and …: the header 完成率 is not cut (“完成/率”), its
    # column is 6 cells, one more than 50.0%, and names of 16 cells no longer fit
    short = write_rich(_doc(), width=28)
    assert _row(short).rstrip() == "一二三四五…   50.0%  短"
    blocks = write_rich(_doc(), width=16)
    assert blocks.splitlines()[2:5] == ["一二三四五六七八", "九十", "  完成率  50.0%"]


def test_long_text_wraps_between_characters_not_in_numbers() -> None:
    note = "按近6个月平均进度，期末预计完成123.4%，需每月完成1,234.5678万元"
    text = write_rich(_doc(note), width=50)
    lines = [line.rstrip() for line in text.splitlines()]
    for figure in ("123.4%", "1,234.5678", "6"):
        assert any(figure in line for line in lines), figure
    assert max(cell_len(line) for line in lines) <= 50


@pytest.mark.parametrize(
    "args",
    [["progress"], ["progress", "--by", "county"], ["trend"], ["warnings"]],
)
def test_cli_honours_columns_off_a_terminal(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = runner.invoke(app, [*args, "--data", str(SHIPPED_DATA)])
    assert result.exit_code == 0, result.output
    assert max(cell_len(line.rstrip()) for line in result.stdout.splitlines()) <= 80


def shipped_at(command: str, width: int) -> list[str]:
    """The lines a command prints for the shipped data in a terminal ``width`` columns wide."""
    result = CliRunner().invoke(
        app, [command, "--data", str(SHIPPED_DATA)], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_the_returns_grid_fits_80_columns_with_brief_month_headers() -> None:
    """At 80 columns `chuangye returns` stays a grid (month headers 1 … 12, not 1月 … 12月),
    not a block of 15 lines per reporter and year; at 100 the headers keep their 月."""
    narrow = shipped_at("returns", 80)
    assert all(cell_len(line) <= 80 for line in narrow)
    assert any(line.split()[:4] == ["金安区", "2018", "报", "报"] for line in narrow)
    header = next(line for line in narrow if line.startswith("报送单位"))
    assert header.split()[2:5] == ["1", "2", "3"]
    wide = next(line for line in shipped_at("returns", 100) if line.startswith("报送单位"))
    assert wide.split()[2:5] == ["1月", "2月", "3月"]


def test_the_county_view_stays_a_table_at_80_columns() -> None:
    """`progress --by county` at 80 columns: one line per county and indicator (long notes
    wrap in a narrower column), not 11 lines per row (667 lines for the shipped data)."""
    result = CliRunner().invoke(
        app, ["progress", "--data", str(SHIPPED_DATA), "--by", "county"], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert any(line.split()[:3] == ["金安区", "新增注册企业", "万个"] for line in lines)
    assert len(lines) < 200


def test_a_long_number_in_a_note_is_not_split_in_a_narrow_table(tmp_path: Path) -> None:
    """A note holding a 20-digit figure: the 备注 column is at least as wide as it."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data)
    monthly = data / "actuals" / "synthetic-monthly.csv"
    lines = monthly.read_text("utf-8").splitlines(keepends=True)
    at = next(k for k, x in enumerate(lines) if x.startswith("2020-06,jinan,jobs,"))
    header = lines[0].rstrip("\n").split(",")
    cells = lines[at].rstrip("\n").split(",")
    cells[header.index("note")] = "12345678901234567890户"
    lines[at] = ",".join(cells) + "\n"
    monthly.write_text("".join(lines), "utf-8")
    result = CliRunner().invoke(
        app, ["progress", "--data", str(data), "--by", "county"], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert "12345678901234567890" in result.stdout


def test_the_warnings_are_a_line_each_where_no_table_fits() -> None:
    """`warnings` at 80 columns: each warning is its colour and its 说明 (which says the
    subject, indicator, completion and gap), wrapped under itself, not a block of ten labelled
    lines (793 lines for the shipped data); at 160 columns it is a table."""
    narrow = shipped_at("warnings", 80)
    assert all(cell_len(line) <= 80 for line in narrow)
    assert "红色  叶集区：未报送本期报表（最近一次报送：2020年5月）" in narrow
    starts = [line for line in narrow if line.startswith(("红色  ", "黄色  ", "绿色  "))]
    assert len(starts) == 72  # every warning of the shipped data, one record each
    assert not any(line.startswith("  类型") for line in narrow)
    assert len(narrow) < 250
    wide = shipped_at("warnings", 160)
    assert any(line.split()[:3] == ["红色", "未报送", "叶集区"] for line in wide)


@pytest.mark.parametrize("width", [80, 100])
def test_english_headers_are_not_cut_inside_a_word(width: int) -> None:
    """`--lang en progress` in a narrow terminal: headers wrap between words or take their
    short form (done, elapsed), never “comple/tion” or “targe/t”."""
    result = CliRunner().invoke(
        app, ["--lang", "en", "progress", "--data", str(SHIPPED_DATA)], env={"COLUMNS": str(width)}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    rule = next(k for k, line in enumerate(lines) if line.lstrip().startswith("━"))
    header_words = {w for line in lines[:rule] for w in line.split()}
    known = {
        "indicator", "unit", "target", "to", "date", "completion", "done", "time", "elapsed",
        "status", "needed", "a", "month", "monthly",
    }  # fmt: skip
    assert header_words - {w for w in header_words if not w.isascii()} <= known
    assert all(cell_len(line) <= width for line in lines)


def test_a_list_breaks_between_its_items() -> None:
    """Text with spaces breaks at them when each piece fits: a ranking keeps its names whole
    (it had given “金/寨县”); a piece wider than the line is cut as before."""
    from chuangye_cli.wrapping import wrap

    names = "1.霍山县 2.舒城县 3.金安区"
    assert wrap(names, 12, words=True) == ["1.霍山县", "2.舒城县", "3.金安区"]
    assert wrap(names, 18, words=True) == ["1.霍山县 2.舒城县", "3.金安区"]
    assert wrap("六安经济技术开发区 1", 10, words=True) == ["六安经济技", "术开发区 1"]
    assert wrap("金寨县未报送", 6, words=True) == ["金寨县", "未报送"]  # (no spaces)
    # prose and help pages fill their lines as before
    assert wrap(names, 12) == ["1.霍山县 2.", "舒城县 3.金", "安区"]


@pytest.mark.parametrize(
    ("label", "width", "lines"),
    [
        ("单元格", 6, ["单元格"]),
        ("目标（示意）", 8, ["目标", "（示意）"]),  # before the bracket, not “目标（示/意）”
        ("目标（示意）", 6, ["目标", "（示", "意）"]),  # a bracket too long: cut within it only
        ("数值（目标单位）", 6, ["数值", "（目标", "单位）"]),
        ("last month's rank", 8, ["last", "month's", "rank"]),
        ("this month", 10, ["this month"]),
        ("尚需月均", 7, ["尚需", "月均"]),  # a word too wide: in even halves, not 尚需月/均
        ("累计建设市级及以上众创空间", 12, ["累计建设", "市级及以", "上众创空间"]),
    ],
)
def test_a_header_breaks_between_its_words(label: str, width: int, lines: list[str]) -> None:
    from chuangye_cli.writers.rich import _header_lines

    assert _header_lines(label, width) == lines


def test_a_three_character_header_is_not_cut() -> None:
    """完成率 over 50.0% (5 cells): a column of 6 cells, not 完成/率 (a county clerk's 80
    columns showed 单元/格)."""
    text = write_rich(_doc(), width=28)
    assert "完成率" in text and "完成\n" not in text.replace(" ", "")


def test_a_message_is_never_squeezed_behind_a_long_location() -> None:
    """validate at 80 columns with a file name that does not break (43 cells): each problem is
    a block, its 说明 wrapped at full width, not ten cells a line beside the location; at 200
    columns it is a table."""
    from chuangye_cli.catalogue import Code
    from chuangye_cli.diagnostics import make

    found = [
        make(
            Code.ACTUALS_VALUE,
            "alt/actuals/synthetic-ytd-gb18030.csv",
            482,
            4,
            value="见附件",
        ),
        make(Code.ACTUALS_VALUE, "a.csv", 7, 4, value="一二三四五六七八九十" * 4),
    ]
    doc = diagnostics_document(found, [])
    narrow = write_rich(doc, width=80).splitlines()
    assert all(cell_len(line) <= 80 for line in narrow)
    assert "alt/actuals/synthetic-ytd-gb18030.csv:482:4" in narrow
    said = [line for line in narrow if line.lstrip().startswith("说明")]
    assert len(said) == 2 and cell_len(said[1]) > 60  # (the long one at full width)
    wide = write_rich(doc, width=200).splitlines()
    assert any("说明" in line and "位置" in line for line in wide)


def test_a_short_message_stays_in_a_table() -> None:
    """A message shorter than the width a message keeps (“abc” 不是数字) is not squeezed: a
    table at 80 and at 200 columns, not a block."""
    from chuangye_cli.catalogue import Code
    from chuangye_cli.diagnostics import make

    doc = diagnostics_document([make(Code.ACTUALS_VALUE, "one.csv", 2, 4, value="abc")], [])
    for width in (80, 200):
        lines = write_rich(doc, width=width).splitlines()
        assert any("位置" in line and "说明" in line for line in lines), lines
        assert not any(line.lstrip().startswith("说明") for line in lines)
