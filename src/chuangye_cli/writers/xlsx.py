"""Excel workbooks: an overview sheet (title, caption, paragraphs), a sheet per table with real
numbers and number formats, frozen header rows and coloured statuses, and a sheet of chart data
with a line chart per series. Text that Excel would run as a formula is stored as text. The same
document gives the same bytes."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from chuangye_cli.display import shown
from chuangye_cli.document import (
    NUMERIC,
    Bullets,
    Charts,
    Column,
    Document,
    Kind,
    Paragraph,
    Table,
)
from chuangye_cli.vocab import NONE, Lang
from chuangye_cli.writers.csv import FORMULA_STARTS

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

PERCENT = "0.0%"
QUANTITY = "#,##0.####"
WHOLE = "#,##0"
POINTS = "0.0"
FIXED_TIME = datetime(1980, 1, 1)  # document properties when no time is given
FILLS = {
    "done": "D8F0D8",
    "on_pace": "EEF8E8",
    "behind": "FFF3C4",
    "severe": "F8D0CC",
    "red": "F8D0CC",
    "yellow": "FFF3C4",
    "green": "EEF8E8",
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _width(value: object) -> int:
    text = str(value) if value is not None else ""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _value(column: Column, value: object, text: str) -> tuple[Any, str | None]:
    """What a cell holds (a number stays a number, a missing one is empty) and its format."""
    if column.kind in NUMERIC and value is None:
        if text and text != NONE:  # a word instead of a figure (未报): the word
            return text, None
        return None, {Kind.RATIO: PERCENT, Kind.POINTS: POINTS}.get(column.kind)
    if column.kind in (Kind.QUANTITY, Kind.RATIO, Kind.POINTS, Kind.NUMBER) and isinstance(
        value, Decimal | int
    ):
        if column.kind is Kind.RATIO:
            return value, PERCENT
        if column.kind is Kind.POINTS:
            return value, POINTS
        if column.kind is Kind.NUMBER:
            return value, None
        if value == int(value):
            return value, WHOLE
        return value, _rounded(value, text) or QUANTITY
    return text, None


def _rounded(value: Decimal | int, text: str) -> str | None:
    """The format that shows ``value`` as its view rounded it for people (a count's pace
    “2.8”: the cell keeps 2.8333…), or None when the text is not a rounding of the value."""
    plain = text.replace(",", "")
    if not re.fullmatch(r"-?[0-9]+(?:\.([0-9]+))?", plain) or Decimal(plain) == value:
        return None
    places = len(plain.partition(".")[2])
    return WHOLE if places == 0 else "#,##0." + "0" * places


def _text_cell(ws: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write a cell; text that starts like a formula is stored as text and shown as such."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _sheet_name(wanted: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", wanted)[:31] or "Sheet"
    name, n = base, 2
    while name in used:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def _table_sheet(ws: Worksheet, table: Table, lang: str) -> None:
    """A table's sheet, a row appended at a time (its cells made directly, the styles made
    once: a province's county table has tens of thousands of cells)."""
    from openpyxl.cell import Cell as XlsxCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    language: Lang = "en" if lang == "en" else "zh"
    columns = table.human_columns()  # then the fields only machines see, such as ids
    columns += [c for c in table.machine_columns() if not c.human and c.kind is not Kind.LIST]
    bold = Font(bold=True)
    centred = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fills = {status: PatternFill("solid", fgColor=colour) for status, colour in FILLS.items()}

    def cell(value: Any) -> XlsxCell:
        made = XlsxCell(ws, row=1, column=1, value=value)  # (placed by append)
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            made.data_type = "s"  # text that starts like a formula is stored as text
            made.quotePrefix = True
        return made

    header = []
    for column in columns:
        head = cell(column.label(language))
        head.font, head.alignment = bold, centred
        header.append(head)
    ws.append(header)
    widths = [_width(c.label(language)) for c in columns]
    for row in table.rows:
        cells = []
        for c, column in enumerate(columns):
            data = row.cell(column.key)
            text = shown(column, data, language)
            value, fmt = _value(column, data.value, text)
            made = cell(value)
            if fmt:
                made.number_format = fmt
                widths[c] = max(widths[c], 12)
            else:
                widths[c] = max(widths[c], _width(text))
            status = data.status or row.status
            if column.styled and status in fills:
                made.fill = fills[status]
            cells.append(made)
        ws.append(cells)
    ws.freeze_panes = "B2"
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 60)


def _chart_sheet(ws: Worksheet, charts: Charts) -> None:
    from openpyxl.chart import LineChart, Reference
    from openpyxl.utils import get_column_letter

    headers = ["月份", "序时进度"]
    for s in charts.series:
        headers += [f"{s.title}累计（{s.unit}）", f"{s.title}完成率"]
    for c, header in enumerate(headers, 1):
        _text_cell(ws, 1, c, header)
    months = [p.period for p in charts.series[0].points] if charts.series else []
    for k, period in enumerate(months):
        r = k + 2
        ws.cell(row=r, column=1, value=period)
        ws.cell(
            row=r, column=2, value=charts.series[0].points[k].time_progress
        ).number_format = PERCENT
        for j, s in enumerate(charts.series):
            total, completion = s.points[k].total, s.points[k].completion
            if completion is None or total is None:  # nobody reported: blank, a gap
                continue
            cell = ws.cell(row=r, column=3 + 2 * j, value=total)
            cell.number_format = WHOLE if total == int(total) else QUANTITY
            ws.cell(row=r, column=4 + 2 * j, value=completion).number_format = PERCENT
    for c, header in enumerate(headers, 1):
        ws.column_dimensions[get_column_letter(c)].width = max(_width(header) + 2, 12)
    ws.freeze_panes = "B2"
    for j, s in enumerate(charts.series):
        chart = LineChart()
        chart.title = f"{s.title}：累计完成率与序时进度"
        chart.y_axis.number_format = "0%"
        chart.height, chart.width = 7, 12
        chart.add_data(
            Reference(ws, min_col=4 + 2 * j, min_row=1, max_row=len(months) + 1),
            titles_from_data=True,
        )
        chart.add_data(
            Reference(ws, min_col=2, min_row=1, max_row=len(months) + 1), titles_from_data=True
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(months) + 1))
        anchor_row = 2 + (j // 2) * 15
        anchor_col = len(headers) + 2 + (j % 2) * 9
        ws.add_chart(chart, f"{get_column_letter(anchor_col)}{anchor_row}")


def _overview(ws: Worksheet, doc: Document) -> None:
    from openpyxl.styles import Alignment, Font

    row = 1
    title = doc.title or (doc.caption[0] if doc.caption else "")
    lines = doc.caption if doc.title else doc.caption[1:]
    _text_cell(ws, row, 1, title).font = Font(bold=True, size=14)
    row += 1
    for line in lines:
        _text_cell(ws, row, 1, line)
        row += 1
    for section in doc.sections:
        texts: list[tuple[str, bool]] = []
        for block in section.blocks:
            if isinstance(block, Paragraph):
                texts.append((block.text, True))
            elif isinstance(block, Bullets):
                texts.extend((item, False) for item in block.items)
        if not texts:
            continue
        row += 1
        if section.heading:
            _text_cell(ws, row, 1, section.heading).font = Font(bold=True)
            row += 1
        for text, wrap in texts:
            cell = _text_cell(ws, row, 1, text)
            if wrap and len(text) > 60:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                ws.merge_cells(start_row=row, start_column=1, end_row=row + 4, end_column=10)
                row += 5
            else:
                row += 1
    ws.column_dimensions["A"].width = 14


def write_xlsx(doc: Document) -> bytes:
    from openpyxl import Workbook

    wb: Workbook = Workbook()
    stamp = FIXED_TIME
    if doc.generated_at:
        stamp = datetime.fromisoformat(doc.generated_at)
        if stamp.tzinfo is not None:  # document dates are UTC
            stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    title = doc.title or (doc.caption[0] if doc.caption else "")
    wb.properties.creator = "chuangye"
    wb.properties.title = title
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.lastModifiedBy = "chuangye"
    used: set[str] = set()
    ws = wb.active
    assert ws is not None
    ws.title = _sheet_name("概览" if doc.lang != "en" else "Overview", used)
    _overview(ws, doc)
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, Table) and block.human and block.audience != "read":
                name = _sheet_name(block.sheet or block.title or block.key, used)
                _table_sheet(wb.create_sheet(name), block, doc.lang)
            elif isinstance(block, Charts) and block.series:
                _chart_sheet(wb.create_sheet(_sheet_name("走势", used)), block)
    buffer = io.BytesIO()
    wb.save(buffer)
    return fixed_zip(buffer.getvalue(), stamp)


def fixed_zip(data: bytes, stamp: datetime) -> bytes:
    """The same archive with every entry dated 1980-01-01 and the document's modification time
    (which openpyxl sets to the moment of saving) set to ``stamp``: equal input, equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + when + rb"\g<2>",
                    content,
                )
            target.writestr(entry, content)
    return out.getvalue()
