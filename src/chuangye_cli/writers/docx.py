"""Word documents (.docx) in the essentials of the Chinese official-document layout, GB/T
9704-2012: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm type
area); a grid of 22 lines of 28 characters; the title in 2号 (22 pt) 方正小标宋简体; body text in
3号 (16 pt) 仿宋_GB2312, first-level headings (一、) in 黑体 and second-level ones (table titles) in
楷体_GB2312; page numbers “— 1 —” in 4号 宋体 at the foot, outside (odd pages right, even pages
left); the 落款 (issuing office and date) at the end, the date 右空四字. Tables use 五号 (or 小五
when wide) and fit the type area. Fonts are named, with their East-Asian attribute, not
embedded: Word and WPS use them where installed and substitute otherwise.

Writes any :class:`~chuangye_cli.document.Document`: the title (or the first caption line),
the caption, each section's heading and its blocks for reading (tables marked ``data`` are left
to workbooks; charts become a note). The same document gives the same bytes: fixed document
properties and zip entry dates, as for workbooks.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from chuangye_cli.display import shown
from chuangye_cli.document import Block, Bullets, Charts, Document, Paragraph, Table
from chuangye_cli.vocab import NUMERALS, Lang
from chuangye_cli.writers.xlsx import FILLS, FIXED_TIME, fixed_zip

_NUMBERED = re.compile(f"[{NUMERALS}]+、")  # a section's number, as the view gave it

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as DocxParagraph
    from docx.text.run import Run

# GB/T 9704-2012 essentials
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TYPE_AREA_MM = (156, 225)
LINES, CHARS = 22, 28
TITLE_FONT, BODY_FONT = "方正小标宋简体", "仿宋_GB2312"
HEADING_FONTS = ("黑体", "楷体_GB2312")  # 一、 and （一）
PAGE_NUMBER_FONT = "宋体"
SIZE = {"2号": 22.0, "3号": 16.0, "4号": 14.0, "小四": 12.0, "五号": 10.5, "小五": 9.0}
LINE_PITCH_PT = TYPE_AREA_MM[1] / 25.4 * 72 / LINES  # 28.93 pt: 22 lines in the type area
# 28 characters of 3号 in 156 mm: each character 0.25 pt narrower (16 pt → 15.75 pt; 28 × 15.75 pt
# = 155.6 mm). A character grid (docGrid linesAndChars) would do it in Word, but LibreOffice
# lays such a grid out with far wider characters, so the text is condensed instead.
CHAR_SPACING_TWIPS = -5
NOTE_FONT_SIZE = SIZE["4号"]
WIDE_TABLE = 8  # columns from which a table is set in 小五
CELL_MARGIN_MM = 1.0  # left and right inside each table cell


def write_docx(doc: Document) -> bytes:
    from docx import Document as new_document

    stamp = FIXED_TIME
    if doc.generated_at:
        stamp = datetime.fromisoformat(doc.generated_at)
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    word = new_document()
    _page(word)
    _styles(word)
    title = doc.title or (doc.caption[0] if doc.caption else "")
    lines = doc.caption if doc.title else doc.caption[1:]
    _title(word, title)
    for line in lines:
        _line(word, line, font=HEADING_FONTS[1], center=True)
    language: Lang = "en" if doc.lang == "en" else "zh"
    number = 0
    for section in doc.sections:
        blocks = [b for b in section.blocks if _for_reading(b)]
        if not blocks:
            continue
        if section.heading:  # (numbered again: a section of charts alone is not printed)
            numbered = _NUMBERED.match(section.heading)
            heading = section.heading
            if numbered is not None:
                heading = f"{NUMERALS[number]}、{heading[numbered.end() :]}"
                number += 1
            _heading(word, heading, 0)
        for block in blocks:
            _block(word, block, language)
    for text, _ in doc.footer:
        _paragraph(word, text, size=NOTE_FONT_SIZE, indent=False)
    if doc.signature:
        _signature(word, doc.signature)
    _properties(word, title, stamp)
    buffer = io.BytesIO()
    word.save(buffer)
    return fixed_zip(buffer.getvalue(), stamp)


def _for_reading(block: Block) -> bool:
    """Whether a block is printed: not a table for programs, nor charts (pictures are for
    HTML and workbooks; a document for people names no command that makes them)."""
    if isinstance(block, Table):
        return block.human and block.audience != "data"
    return not isinstance(block, Charts)


# --- page, styles, properties ----------------------------------------------------------------------


def _page(word: DocxDocument) -> None:
    from docx.shared import Mm

    section = word.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(15)
    # the page number's em-dash line sits 7 mm below the type area (4号: about 5 mm high)
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7 - 5)
    sect_pr = section._sectPr
    grid = sect_pr.find(_qn("w:docGrid"))
    if grid is None:
        grid = _element("w:docGrid")
        sect_pr.append(grid)
    grid.set(_qn("w:type"), "lines")
    grid.set(_qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    grid.attrib.pop(_qn("w:charSpace"), None)
    word.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _styles(word: DocxDocument) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    normal = word.styles["Normal"]
    r_pr = normal.element.get_or_add_rPr()
    _fonts(r_pr, BODY_FONT)
    spacing = _element("w:spacing")
    spacing.set(_qn("w:val"), str(CHAR_SPACING_TWIPS))
    r_pr.append(spacing)
    normal.font.size = Pt(SIZE["3号"])
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True
    lang = _element("w:lang")
    lang.set(_qn("w:val"), "zh-CN")
    lang.set(_qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)


def _properties(word: DocxDocument, title: str, stamp: datetime) -> None:
    props = word.core_properties
    props.author = props.last_modified_by = "chuangye"
    props.title = title
    props.comments = ""
    props.revision = 1
    props.created = props.modified = props.last_printed = stamp


# --- text -----------------------------------------------------------------------------------------


# The elements that ECMA-376 puts after w:snapToGrid in a w:pPr, and after w:tblCellMar in a
# w:tblPr (python-docx inserts its own properties in order, given these are in place).
_AFTER_SNAP_TO_GRID = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TBL_CELL_MAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _element(tag: str) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(tag)


def _fonts(r_pr: Any, name: str) -> None:
    """Name the font for every script, the East-Asian one included (w:eastAsia)."""
    fonts = r_pr.find(_qn("w:rFonts"))
    if fonts is None:
        fonts = _element("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(_qn(attribute), name)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(_qn(attribute), None)


def _run(paragraph: DocxParagraph, text: str, font: str, size: float, bold: bool = False) -> Run:
    from docx.shared import Pt

    run = paragraph.add_run(text)
    _fonts(run._r.get_or_add_rPr(), font)
    run.font.size = Pt(size)
    run.font.bold = bold
    return run


def _exact(paragraph: DocxParagraph, pitch: float, grid: bool = True) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pitch)
    if not grid:  # smaller text keeps its own pitch instead of the 22-line grid
        snap = _element("w:snapToGrid")
        snap.set(_qn("w:val"), "0")
        # in the schema's place (before w:spacing): Word refuses properties out of order
        paragraph._p.get_or_add_pPr().insert_element_before(snap, *_AFTER_SNAP_TO_GRID)


def _title(word: DocxDocument, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(paragraph, SIZE["2号"] * 1.5, grid=False)
    paragraph.paragraph_format.space_after = _pt(SIZE["3号"])
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, text, TITLE_FONT, SIZE["2号"])


def _pt(value: float) -> Any:
    from docx.shared import Pt

    return Pt(value)


def _line(word: DocxDocument, text: str, *, font: str, center: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = word.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, font, SIZE["3号"])


def _heading(word: DocxDocument, text: str, level: int) -> None:
    paragraph = word.add_paragraph()
    paragraph.paragraph_format.first_line_indent = _pt(2 * SIZE["3号"])
    paragraph.paragraph_format.keep_with_next = True
    _run(paragraph, text, HEADING_FONTS[min(level, 1)], SIZE["3号"])


def _paragraph(word: DocxDocument, text: str, *, size: float, indent: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        paragraph.paragraph_format.first_line_indent = _pt(2 * size)
    if size < SIZE["3号"]:
        _exact(paragraph, size * 1.5, grid=False)
    _run(paragraph, text, BODY_FONT, size)


def _block(word: DocxDocument, block: Block, lang: Lang) -> None:
    if isinstance(block, Paragraph):
        _paragraph(word, block.text, size=NOTE_FONT_SIZE if block.note else SIZE["3号"])
    elif isinstance(block, Bullets):
        for k, item in enumerate(block.items, 1):
            _paragraph(word, f"{k}. {item}", size=NOTE_FONT_SIZE)
    elif isinstance(block, Table):
        if block.title:
            _heading(
                word, f"（{block.title}）" if not block.title.startswith("（") else block.title, 1
            )
        _table(word, block, lang)


# --- tables ---------------------------------------------------------------------------------------


def _width(text: str) -> float:
    """Width in em: a CJK character 1, others (digits, Latin letters) a little over 1/2."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.56 for ch in text)


def _column_widths(table: Table, lang: Lang, size: float) -> list[float]:
    """Column widths in mm that fill the type area: a column of short values as wide as its
    longest value (its header may wrap), the columns of long text (``wide``) sharing the rest;
    everything narrowed in proportion when even that does not fit."""
    columns = table.human_columns()
    em_mm = size / 72 * 25.4
    area = float(TYPE_AREA_MM[0])
    natural = []
    for column in columns:
        texts = [shown(column, row.cell(column.key), lang) for row in table.rows]
        longest = max((_width(t) for t in texts), default=0.0)
        header = min(_width(column.label(lang)), 6.0)
        cap = 60.0 if column.wide else 12.0
        natural.append(min(max(longest, header, 2.0), cap) * em_mm + 2 * CELL_MARGIN_MM + 0.6)
    wide = [k for k, c in enumerate(columns) if c.wide]
    fixed = sum(w for k, w in enumerate(natural) if k not in wide)
    rest = area - fixed
    wanted = sum(natural[k] for k in wide)
    if wide and rest >= 0.25 * area:
        share = min(rest / wanted, 1.0) if wanted else 1.0
        widths = [w * share if k in wide else w for k, w in enumerate(natural)]
    else:
        widths = natural
    total = sum(widths)
    return [w * area / total for w in widths]


def _table(word: DocxDocument, table: Table, lang: Lang) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT

    columns = table.human_columns()
    size = SIZE["小五"] if len(columns) >= WIDE_TABLE else SIZE["五号"]
    widths = _column_widths(table, lang, size)
    grid = word.add_table(rows=1 + len(table.rows), cols=len(columns))
    grid.style = word.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    tbl_pr = grid._tbl.tblPr  # autofit False: python-docx writes w:tblLayout fixed
    width = tbl_pr.find(_qn("w:tblW"))
    assert width is not None  # python-docx's table always has one
    width.set(_qn("w:type"), "dxa")
    width.set(_qn("w:w"), str(round(sum(widths) / 25.4 * 1440)))
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margin = _element(f"w:{side}")
        margin.set(_qn("w:w"), str(round(CELL_MARGIN_MM / 25.4 * 1440)))
        margin.set(_qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.insert_element_before(margins, *_AFTER_TBL_CELL_MAR)
    for k, column in enumerate(grid.columns):
        column.width = _twips(widths[k])
    header = grid.rows[0]
    _repeat_header(header._tr)
    for k, column in enumerate(columns):
        _cell(header.cells[k], column.label(lang), size, _twips(widths[k]), center=True, bold=True)
    for r, row in enumerate(table.rows, 1):
        cells = grid.rows[r].cells
        _keep_row(grid.rows[r]._tr)
        for k, column in enumerate(columns):
            cell = row.cell(column.key)
            status = (cell.status or row.status) if column.styled else None
            _cell(
                cells[k],
                shown(column, cell, lang),
                size,
                _twips(widths[k]),
                right=column.align_right,
                fill=FILLS.get(status or ""),
            )
    spacer = word.add_paragraph()
    _exact(spacer, 6.0, grid=False)


def _keep_row(tr: Any) -> None:
    """A row is not split across pages."""
    tr.get_or_add_trPr().append(_element("w:cantSplit"))


def _twips(mm: float) -> Any:
    """A length in whole twips, rounded down: column widths never add up past the type area."""
    from docx.shared import Twips

    return Twips(int(mm / 25.4 * 1440))


def _repeat_header(tr: Any) -> None:
    tr_pr = tr.get_or_add_trPr()
    header = _element("w:tblHeader")
    header.set(_qn("w:val"), "true")
    tr_pr.append(header)


def _cell(
    cell: _Cell,
    text: str,
    size: float,
    width: Any,
    *,
    center: bool = False,
    right: bool = False,
    bold: bool = False,
    fill: str | None = None,
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.width = width
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = _pt(0)
    paragraph.alignment = (
        WD_ALIGN_PARAGRAPH.CENTER
        if center
        else WD_ALIGN_PARAGRAPH.RIGHT
        if right
        else WD_ALIGN_PARAGRAPH.LEFT
    )
    _exact(paragraph, size * 1.35, grid=False)
    _run(paragraph, text, HEADING_FONTS[0] if bold else BODY_FONT, size)
    if fill:
        shading = _element("w:shd")
        shading.set(_qn("w:val"), "clear")
        shading.set(_qn("w:color"), "auto")
        shading.set(_qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shading)


# --- page numbers, 落款 ----------------------------------------------------------------------------


def _page_number(paragraph: DocxParagraph, *, odd: bool) -> None:
    """“— 1 —” in 4号 宋体: odd pages right (一字 in), even pages left (一字 in)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    size = SIZE["4号"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    if odd:
        fmt.right_indent = _pt(size)
    else:
        fmt.left_indent = _pt(size)
    _run(paragraph, "— ", PAGE_NUMBER_FONT, size)
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = _run(paragraph, "", PAGE_NUMBER_FONT, size)
        if kind is not None:
            char = _element("w:fldChar")
            char.set(_qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instruction = _element("w:instrText")
            instruction.set(_qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text or ""
    _run(paragraph, " —", PAGE_NUMBER_FONT, size)


def _signature(word: DocxDocument, lines: tuple[str, ...]) -> None:
    """落款: the office centred over the date; the date 右空四字."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    em = SIZE["3号"]
    if word.paragraphs:  # (the 落款 never alone on a page: the text's last line goes with it)
        word.paragraphs[-1].paragraph_format.keep_with_next = True
    spacer = word.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    date_width = _width(lines[-1])
    for k, text in enumerate(lines):
        paragraph = word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        last = k == len(lines) - 1
        indent = 4.0 if last else max(4.0 + (date_width - _width(text)) / 2, 0.0)
        paragraph.paragraph_format.right_indent = _pt(indent * em)
        if not last:
            paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, text, BODY_FONT, em)
