"""`report --format docx`: the 通报 as a Word document in the GB/T 9704-2012 essentials (page,
fonts and sizes, page numbers, 落款, tables within the type area), the same bytes on a second
run; LibreOffice, where installed, lays it out on at most 4 A4 pages. Also the bulletin's other
forms: one county's, one year's, and the 报送情况 section when returns are known."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from typer.testing import CliRunner, Result

from chuangye_cli.bulletin import ReturnStatus, build_bulletin
from chuangye_cli.cli import app
from chuangye_cli.periods import Period
from chuangye_cli.views.bulletin import bulletin_document
from chuangye_cli.writers.markdown import write_markdown
from tests.conftest import SHIPPED_DATA, load_data

runner = CliRunner()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADINGS = [
    "一、总体情况",
    "二、报送情况",
    "三、主要指标完成情况",
    "四、各县区完成情况",
    "五、重点任务推进情况",
    "六、预警情况",
    "七、红黑榜",
    "八、数据来源与说明",
]  # fmt: skip (走势 is charts alone: not printed, and the sections after it numbered on)


def report(*args: str) -> Result:
    return runner.invoke(app, ["report", "--data", str(SHIPPED_DATA), *args])


@pytest.fixture(scope="module")
def bulletin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "通报.docx"
    result = report("--as-of", "2020-06", "-f", "docx", "-o", str(out), "--date", "2020-07-10")
    assert result.exit_code == 0, result.output
    return out


def paragraphs(path: Path) -> list[Paragraph]:
    return list(docx.Document(str(path)).paragraphs)


def east_asian_font(run: Run) -> str | None:
    fonts = run._r.rPr.find(f"{W}rFonts") if run._r.rPr is not None else None
    return None if fonts is None else fonts.get(f"{W}eastAsia")


def test_page_setup_is_a4_with_the_standard_margins(bulletin: Path) -> None:
    section = docx.Document(str(bulletin)).sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin]  # fmt: skip
    # stored in twips (1/1440 inch): within one twip of the millimetres
    assert [round(s.mm, 1) if s is not None else None for s in sizes] == [210, 297, 37, 35, 28, 26]
    # the type area is 156 × 225 mm; a line grid of 22 lines
    grid = section._sectPr.find(f"{W}docGrid")
    assert grid is not None and grid.get(f"{W}type") == "lines"
    assert int(grid.get(f"{W}linePitch")) * 22 / 20 == pytest.approx(225 / 25.4 * 72, abs=1.5)


def test_body_title_and_heading_fonts(bulletin: Path) -> None:
    document = docx.Document(str(bulletin))
    normal = document.styles["Normal"]
    fonts = normal.element.rPr.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "仿宋_GB2312" and fonts.get(f"{W}ascii") == "仿宋_GB2312"
    assert normal.font.size == Pt(16)  # 3号
    spacing = normal.element.rPr.find(f"{W}spacing")
    assert int(spacing.get(f"{W}val")) == -5  # 28 characters of 16 pt in 156 mm
    paras = document.paragraphs
    title = paras[0]
    assert title.text == "六安市“创业江淮”行动计划（2018-2020年）月度通报（2020年6月）"
    assert east_asian_font(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    headings = [p for p in paras if p.text in HEADINGS]
    assert [p.text for p in headings] == HEADINGS
    assert {east_asian_font(p.runs[0]) for p in headings} == {"黑体"}
    body = next(p for p in paras if p.text.startswith("截至2020年6月"))
    assert east_asian_font(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)


def test_page_numbers_are_a_field_between_dashes(bulletin: Path) -> None:
    section = docx.Document(str(bulletin)).sections[0]
    for footer, alignment in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert "PAGE" in "".join(t.text or "" for t in paragraph._p.iter(f"{W}instrText"))
        assert xml.count("w:fldCharType") == 3
        assert paragraph.alignment is not None and paragraph.alignment.name.lower() == alignment
        assert {east_asian_font(r) for r in paragraph.runs} == {"宋体"}
        assert {r.font.size for r in paragraph.runs} == {Pt(14)}  # 4号
    assert docx.Document(str(bulletin)).settings.odd_and_even_pages_header_footer


def test_signature_names_the_coordinator_and_the_date_in_chinese(bulletin: Path) -> None:
    texts = [p.text for p in paragraphs(bulletin) if p.text]
    assert texts[-2:] == ["市就业工作领导小组办公室", "2020年7月10日"]
    date = next(p for p in paragraphs(bulletin) if p.text == "2020年7月10日")
    assert date.paragraph_format.right_indent == Pt(4 * 16)  # 右空四字


def test_the_signature_is_never_alone_on_a_page(bulletin: Path) -> None:
    """The 落款 keeps with the text's last line (GB/T 9704: no page of the signature alone): the
    last paragraph with text before it, the blank line and the office all keep with the next."""
    body = paragraphs(bulletin)
    office = next(k for k, p in enumerate(body) if p.text == "市就业工作领导小组办公室")
    last = max(k for k in range(office) if body[k].text.strip())
    assert all(body[k].paragraph_format.keep_with_next for k in range(last, office + 1))


def test_a_month_without_task_returns_is_a_sentence_by_unit_not_a_page_of_rows() -> None:
    """July asked for, no task return of July yet: the 44 shares not reported are one sentence
    naming the 17 units and their tasks (the last update said where it is not June's); the
    table keeps the share that is overdue as well."""
    md = report("--as-of", "2020-07", "--format", "markdown").stdout
    section = md[md.index("## 五、") : md.index("## 六、")]
    assert "2020年7月17个单位的44个责任事项未报送进展" in md  # the summary
    assert (
        "2020年7月未报送任务进展的单位17个：市人社局（任务3、4、5、6、7、8、11、12、13）、"
        in section
    )
    assert "六安银监分局（任务4，最近一次报送为2020年5月）" in section
    table = [line for line in section.splitlines() if line.startswith("|")][2:]
    assert len(table) == 1 and "逾期：创业服务云平台上线运行" in table[0]


def test_tables_fit_the_type_area(bulletin: Path) -> None:
    document = docx.Document(str(bulletin))
    assert len(document.tables) == 5  # indicators, counties, attention, warnings, board
    for table in document.tables:
        width = sum(c.width for c in table.columns)
        assert width <= Mm(156) + 1000, width  # EMU rounding
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(f"{W}tblHeader") is not None


def test_the_sections_are_there(bulletin: Path) -> None:
    text = "\n".join(p.text for p in paragraphs(bulletin))
    assert "本月" in [c.text for c in docx.Document(str(bulletin)).tables[0].rows[0].cells]
    assert "重点任务中2项可销号，逾期时间节点1个，2020年6月1个单位的1个责任事项未报送进展" in text
    # the shares only not reported: one sentence by unit, not a row each (44 rows, a page, when
    # a month's task returns had not come in: a city office's finding)
    assert (
        "2020年6月未报送任务进展的单位1个：六安银监分局（任务4）。其他需关注的事项如下表。" in text
    )
    cells = {c.text for t in docx.Document(str(bulletin)).tables for r in t.rows for c in r.cells}
    assert {"位次变化", "红榜", "黑榜", "叶集区", "市住建委"} <= cells
    assert "六安银监分局" not in cells
    assert not re.findall(r"\d\.\d{3,}", text + "\n".join(cells))


def test_two_runs_give_the_same_bytes(bulletin: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.docx"
    result = report("--as-of", "2020-06", "-f", "docx", "-o", str(again), "--date", "2020-07-10")
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == bulletin.read_bytes()
    props = docx.Document(str(again)).core_properties
    assert props.author == "chuangye" and props.modified.year == 1980


def test_without_a_date_the_day_is_left_for_the_signer(tmp_path: Path) -> None:
    out = tmp_path / "b.docx"
    assert report("--as-of", "2020-06", "-f", "docx", "-o", str(out)).exit_code == 0
    assert [p.text for p in paragraphs(out) if p.text][-1] == "2020年7月　日"
    stamped = tmp_path / "s.docx"
    result = report("--as-of", "2020-06", "-f", "docx", "-o", str(stamped),
                    "--generated-at", "2020-07-05T09:00")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [p.text for p in paragraphs(stamped) if p.text][-1] == "2020年7月5日"
    assert docx.Document(str(stamped)).core_properties.created.year == 2020


def test_docx_needs_an_output_and_a_real_date() -> None:
    assert report("--as-of", "2020-06", "-f", "docx").exit_code == 2
    assert report("--as-of", "2020-06", "--date", "2020-13-01").exit_code == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_lays_it_out_on_at_most_four_pages(bulletin: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(bulletin)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / "通报.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 4


# --- one county, one year, 报送情况 ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "xlsx", "docx"])
@pytest.mark.parametrize(
    ("option", "value", "title"),
    [("--county", "金寨县", "金寨县月度通报"), ("--year", "2019", "2019年度通报")],
)
def test_county_and_year_in_every_format(
    tmp_path: Path, fmt: str, option: str, value: str, title: str
) -> None:
    out = tmp_path / f"b.{fmt}"
    result = report(option, value, "-f", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    if fmt == "docx":
        assert title in paragraphs(out)[0].text
    elif fmt in ("md", "html"):
        assert title in out.read_text(encoding="utf-8")
    else:
        import openpyxl

        assert title in str(openpyxl.load_workbook(out)["概览"]["A1"].value)


def test_a_county_bulletin_is_about_that_county() -> None:
    result = report("--county", "金寨县")
    assert result.exit_code == 0, result.output
    text = result.stdout
    # 金寨县 at 2020-06 (progress --by county): 1 done, 2 on pace, 4 behind, 2 severe; last of
    # the 7 ranked (叶集区 sent no June return: not ranked)
    assert "金寨县9项指标中，1项已完成，2项达到序时进度，4项滞后，2项严重滞后。" in text
    assert "在7个县区中列第7位" in text
    warnings = text.split("## 四、预警情况")[1].split("## 五")[0]
    assert "金寨县" in warnings and "叶集区" not in warnings
    assert "| 综合得分 | 7/7 |" in re.sub(r" +", " ", text)


def test_an_unknown_county_exits_2() -> None:
    result = report("--county", "金寨")
    assert result.exit_code == 2 and "金寨县" in result.stderr


def test_a_returns_section_when_returns_are_known() -> None:
    loaded = load_data(SHIPPED_DATA)
    assert loaded.plan is not None and loaded.actuals is not None
    b = build_bulletin(loaded.plan, loaded.actuals, Period(2020, 6))
    assert "报送情况" not in write_markdown(bulletin_document(replace(b, returns=None)))
    # from the returns engine: the shipped sample lacks 叶集区's June return
    assert "未报送：叶集区（最近一次报送：2020年5月）。" in write_markdown(bulletin_document(b))
    statuses = (
        ReturnStatus("金安区", True),
        ReturnStatus("叶集区", False),
        ReturnStatus("霍山县", True, on_time=False, note="7月8日报送"),
    )
    text = write_markdown(bulletin_document(replace(b, returns=statuses)))
    assert "## 二、报送情况" in text and "## 三、主要指标完成情况" in text
    expected = "2020年6月应报送3份，已报送2份，未报送：叶集区；未按时报送：霍山县（7月8日报送）。"
    assert expected in text


# The order of child elements that ECMA-376 (WordprocessingML) prescribes for the property
# elements the writer touches. Word refuses ("unreadable content") or drops properties out of
# this order, where LibreOffice is lenient: a test with LibreOffice alone would not notice.
SEQUENCES = {
    "pPr": """pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr
        suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct
        topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind
        contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment
        textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange""",
    "rPr": """rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss
        imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs
        highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish
        oMath""",
    "tblPr": """tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize
        tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption
        tblDescription tblPrChange""",
    "trPr": """cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader
        tblCellSpacing jc hidden ins del trPrChange""",
    "tcPr": """cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection
        tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange""",
}


def _order_problems(root: ElementTree.Element, part: str) -> list[str]:
    problems = []
    for name, sequence in SEQUENCES.items():
        order = {tag: k for k, tag in enumerate(sequence.split())}
        for element in root.iter(f"{W}{name}"):
            tags = [child.tag.removeprefix(W) for child in element]
            unknown = [t for t in tags if t not in order]
            ranks = [order[t] for t in tags if t in order]
            if unknown or ranks != sorted(ranks) or len(set(tags)) != len(tags):
                problems.append(f"{part} {name}: {tags}")
    return sorted(set(problems))


def test_properties_are_in_the_order_word_requires(bulletin: Path) -> None:
    with zipfile.ZipFile(bulletin) as z:
        problems = [
            problem
            for part in ("word/document.xml", "word/styles.xml", "word/footer1.xml")
            if part in z.namelist()
            for problem in _order_problems(ElementTree.fromstring(z.read(part)), part)
        ]
    assert problems == []
