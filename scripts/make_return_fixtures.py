"""Write the SYNTHETIC county returns in tests/fixtures/returns/ (deterministic).

Each fixture is a monthly return (报表) built the way a county office builds one: .xlsx with
merged titles, fonts, widths and number formats (openpyxl), a BIFF8 .xls (xlwt), Excel's
“Unicode 文本” export (UTF-16 LE with BOM, tab-separated) and an Excel “CSV UTF-8” file. Next to
each fixture sit `<name>.expected.csv` (the figures a reader must extract, one per line, header
`period,county,indicator,value,unit,basis`) and `<name>.expected.json` (what else it must report:
合计 rows, “no figure” cells, ignored rows and sheets, where month and county come from, the
填报日期, deliberate mistakes). Multi-file trust cases live in `trust/<case>/` with a `case.json`.
All figures are invented (合成示例).

Run from the repository root:
    python scripts/make_return_fixtures.py          # write the fixtures, then read them back
    python scripts/make_return_fixtures.py --check  # compare with the files on disk, read back

Needs openpyxl (a project dependency), and xlwt + xlrd (for the .xls fixture only).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib
import io
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "returns"
MAX_BYTES = 30 * 1024
NO_FIGURE = ("—", "－", "-", "/", "无", "不适用")
ZIP_TIME = (2020, 7, 10, 9, 0, 0)  # every .xlsx member gets this time stamp
CSV_HEADER = ("period", "county", "indicator", "value", "unit", "basis")
SYNTHETIC_NOTE = "本表数据为合成示例，非真实报送数据。"
STOCKS = {"maker_spaces"}
CellValue = str | int | float | dt.datetime | None

# --------------------------------------------------------------------------------------------
# Small helpers


def a1(row: int, col: int) -> str:
    """Spreadsheet address of a 1-based row and column."""
    return f"{get_column_letter(col)}{row}"


def rng(r1: int, c1: int, r2: int, c2: int) -> str:
    """Spreadsheet range text, e.g. A1:F1."""
    return f"{a1(r1, c1)}:{a1(r2, c2)}"


def dec_text(d: Decimal) -> str:
    """A decimal as plain text without exponent or trailing zeros (612.50 -> 612.5)."""
    return format(d.normalize(), "f")


def cell_value(spec: str) -> tuple[CellValue, str | None]:
    """The value to write for a figure spec, and the figure text (None: a no-figure mark).

    A spec with a thousands comma (“1,020”) is typed as text, as offices do; others are numbers.
    """
    if spec in NO_FIGURE:
        return spec, None
    if "," in spec:
        return spec, spec.replace(",", "")
    if "." in spec:
        return float(spec), spec
    return int(spec), spec


def sheet_cell(sheet: str, cell: str) -> str:
    """`Sheet!A1`, or just `A1` for a text file (no sheet)."""
    return f"{sheet}!{cell}" if sheet else cell


def column(
    sheet: str, cells: Sequence[tuple[int, int]], texts: Sequence[str], role: str, **more: str
) -> dict[str, Any]:
    """What one column means: its header cells and texts, its role (value, county, …) and more."""
    entry: dict[str, Any] = {
        "column": get_column_letter(cells[-1][1]),
        "header_cells": [sheet_cell(sheet, a1(r, c)) for r, c in cells],
        "header": list(texts),
        "role": role,
    }
    entry.update(more)
    return entry


def split_ref(ref: str) -> tuple[str, str]:
    """Inverse of sheet_cell."""
    if "!" in ref:
        sheet, cell = ref.rsplit("!", 1)
        return sheet, cell
    return "", ref


def zh_date(day: dt.date) -> str:
    """2020年7月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Figure:
    """One figure a reader must extract, with the cell it stands in."""

    period: str
    county: str
    indicator: str
    value: str
    unit: str
    basis: str
    ref: str  # Sheet!A1 (or A1 in a text file)


@dataclass
class SheetOut:
    """What writing one table into a sheet produced, for the expected outputs."""

    figures: list[Figure] = field(default_factory=list)
    no_figure: list[dict[str, str]] = field(default_factory=list)
    ignored: list[dict[str, str]] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    totals: list[dict[str, Any]] = field(default_factory=list)
    indicator_texts: dict[str, str] = field(default_factory=dict)
    county_texts: dict[str, str] = field(default_factory=dict)
    header_rows: list[int] = field(default_factory=list)
    columns: list[dict[str, Any]] = field(default_factory=list)
    data_rows: list[int] = field(default_factory=list)

    def extend(self, other: SheetOut) -> None:
        """Add another sheet's results to these."""
        self.figures += other.figures
        self.no_figure += other.no_figure
        self.ignored += other.ignored
        self.totals += other.totals
        self.indicator_texts.update(other.indicator_texts)
        self.county_texts.update(other.county_texts)


@dataclass
class Fixture:
    """One fixture file with its expected outputs and its README line."""

    path: str  # relative to OUT
    content: bytes
    figures: list[Figure]
    manifest: dict[str, Any]
    layout: str
    exercises: str
    month_from: str
    county_from: str


# --------------------------------------------------------------------------------------------
# Styles, shared by the .xlsx and .xls writers


@dataclass(frozen=True)
class Style:
    """A cell style both writers understand."""

    font: str = "宋体"
    size: int = 11
    bold: bool = False
    h: str = "center"
    wrap: bool = False
    border: bool = True
    fill: bool = False
    fmt: str = "General"


STYLES: dict[str, Style] = {
    "title": Style(font="方正小标宋简体", size=18, border=False),
    "meta": Style(h="left", border=False),
    "head": Style(font="黑体", bold=True, wrap=True, fill=True),
    "text": Style(h="left"),
    "center": Style(),
    "int": Style(h="right", fmt="#,##0"),
    "dec": Style(h="right", fmt="#,##0.00"),
    "num2": Style(fmt="0.00"),
    "ym": Style(fmt='yyyy"年"m"月"'),
    "foot": Style(h="left", border=False),
    "prose": Style(h="left", wrap=True, border=False),
    "prose_title": Style(font="黑体", size=14, bold=True, border=False),
    "plain": Style(h="left", border=False),
}
THIN = Side(style="thin", color="000000")


def value_style(value: CellValue, unit: str) -> str:
    """Number format of a figure cell: two decimals for money and 万平方米, else whole numbers."""
    if isinstance(value, str):
        return "center"
    if unit in ("万元", "万平方米", "万平米"):
        return "dec"
    return "int" if isinstance(value, int) else "dec"


class Grid(Protocol):
    """Cell writing with 1-based rows and columns."""

    def put(self, row: int, col: int, value: CellValue, style: str) -> None: ...

    def merge(self, r1: int, c1: int, r2: int, c2: int, value: CellValue, style: str) -> None: ...

    def width(self, col: int, chars: float) -> None: ...

    def height(self, row: int, points: float) -> None: ...


class XlsxGrid:
    """Writes into an openpyxl worksheet."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws

    def _style(self, cell: Cell | MergedCell, name: str) -> None:
        st = STYLES[name]
        cell.font = Font(name=st.font, size=st.size, bold=st.bold)
        cell.alignment = Alignment(horizontal=st.h, vertical="center", wrap_text=st.wrap)
        if st.border:
            cell.border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
        if st.fill:
            cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.number_format = st.fmt

    def put(self, row: int, col: int, value: CellValue, style: str) -> None:
        cell = self.ws.cell(row=row, column=col)
        if value is not None:
            cell.value = value
        self._style(cell, style)

    def merge(self, r1: int, c1: int, r2: int, c2: int, value: CellValue, style: str) -> None:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                self.put(r, c, value if (r, c) == (r1, c1) else None, style)
        self.ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)

    def width(self, col: int, chars: float) -> None:
        self.ws.column_dimensions[get_column_letter(col)].width = chars

    def height(self, row: int, points: float) -> None:
        self.ws.row_dimensions[row].height = points


def need(module: str) -> ModuleType:
    """Import an optional module (xlwt, xlrd), or stop with a message (no traceback)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        sys.stderr.write(
            f"缺少 {module}：请先运行 pip install {module} / {module} is needed: pip install {module}\n"
        )
        raise SystemExit(2) from None


class XlsGrid:
    """Writes into an xlwt (BIFF8) worksheet."""

    def __init__(self, ws: Any, xlwt: ModuleType) -> None:
        self.ws = ws
        self.styles: dict[str, Any] = {}
        for name, st in STYLES.items():
            parts = [
                f"font: name {st.font}, height {st.size * 20}, bold {'on' if st.bold else 'off'}",
                f"align: horiz {st.h}, vert center, wrap {'on' if st.wrap else 'off'}",
            ]
            if st.border:
                parts.append("borders: left thin, right thin, top thin, bottom thin")
            if st.fill:
                parts.append("pattern: pattern solid, fore_colour gray25")
            self.styles[name] = xlwt.easyxf("; ".join(parts), num_format_str=st.fmt)

    def put(self, row: int, col: int, value: CellValue, style: str) -> None:
        self.ws.write(row - 1, col - 1, "" if value is None else value, self.styles[style])

    def merge(self, r1: int, c1: int, r2: int, c2: int, value: CellValue, style: str) -> None:
        self.ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, value, self.styles[style])

    def width(self, col: int, chars: float) -> None:
        self.ws.col(col - 1).width = int(256 * chars)

    def height(self, row: int, points: float) -> None:
        line = self.ws.row(row - 1)
        line.height_mismatch = True
        line.height = int(points * 20)


def print_setup(ws: Worksheet, landscape: bool = False, title_rows: str | None = None) -> None:
    """A4, one page wide, as offices set a form up for printing."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows is not None:
        ws.print_title_rows = title_rows


def new_workbook(title: str, when: dt.datetime) -> Workbook:
    """An empty workbook (no default sheet) with fixed document properties."""
    wb = Workbook()
    del wb[wb.sheetnames[0]]
    props = wb.properties
    props.creator = "合成示例（scripts/make_return_fixtures.py）"
    props.lastModifiedBy = "合成示例"
    props.title = title
    props.description = "合成示例（synthetic test fixture）"
    props.created = when
    props.modified = when
    return wb


def xlsx_bytes(wb: Workbook) -> bytes:
    """Save a workbook and make the bytes repeatable: fixed member times and modified date.

    openpyxl stamps `dcterms:modified` with the time of saving and zip members with the local
    time; both are replaced here by the workbook's own `created` time and ZIP_TIME.
    """
    created = wb.properties.created
    assert created is not None
    buf = io.BytesIO()
    wb.save(buf)
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    data,
                )
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = info.external_attr
            zout.writestr(member, data)
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# The long form (序号 | 指标名称 | 计量单位 | 本月完成 | 1-N月累计 | 备注), one county per sheet


@dataclass(frozen=True)
class LongRow:
    """One line of a long form; `indicator` None marks a row the reader must skip."""

    seq: str
    label: str
    unit: str
    cells: tuple[str, ...]
    indicator: str | None
    note: str = ""
    skip_reason: str = ""


@dataclass(frozen=True)
class LongForm:
    """A long form for one county and month."""

    sheet: str
    period: str
    county: str
    title: str | None
    meta: str | None
    value_headers: tuple[str, ...]
    bases: tuple[str, ...]
    rows: tuple[LongRow, ...]
    footers: tuple[str, ...]
    blank_rows: int = 0
    label_header: str = "指标名称"
    unit_header: str = "计量单位"


def basis_for(indicator: str, basis: str) -> str:
    """A cumulative figure of the stock indicator is its level; other bases stand as written."""
    if indicator in STOCKS and basis in ("ytd", "to_date"):
        return "level"
    return basis


def write_long_form(grid: Grid, form: LongForm) -> SheetOut:
    """Lay out a long form from row 1 and say what the reader must find in it."""
    out = SheetOut()
    ncols = 3 + len(form.value_headers) + 1
    r = 1
    if form.title is not None:
        grid.merge(r, 1, r, ncols, form.title, "title")
        grid.height(r, 36)
        out.merged.append(rng(r, 1, r, ncols))
        r += 1
    if form.meta is not None:
        grid.merge(r, 1, r, ncols, form.meta, "meta")
        grid.height(r, 22)
        out.merged.append(rng(r, 1, r, ncols))
        r += 1
    headers = ("序号", form.label_header, form.unit_header, *form.value_headers, "备注")
    roles = ("seq", "indicator", "unit", *(["value"] * len(form.value_headers)), "note")
    for c, text in enumerate(headers, start=1):
        grid.put(r, c, text, "head")
        more = {"basis": form.bases[c - 4]} if roles[c - 1] == "value" else {}
        out.columns.append(column(form.sheet, [(r, c)], [text], roles[c - 1], **more))
    grid.height(r, 30)
    out.header_rows.append(r)
    for c, chars in enumerate((6, 30, 10, *([13] * len(form.value_headers)), 22), start=1):
        grid.width(c, chars)
    first = r + 1
    for row in form.rows:
        r += 1
        grid.put(r, 1, int(row.seq) if row.seq.isdigit() else (row.seq or None), "center")
        grid.put(r, 2, row.label, "text")
        grid.put(r, 3, row.unit, "center")
        for k, spec in enumerate(row.cells):
            value, figure = cell_value(spec)
            col = 4 + k
            grid.put(r, col, value, value_style(value, row.unit))
            if row.indicator is None:
                continue
            basis = basis_for(row.indicator, form.bases[k])
            ref = sheet_cell(form.sheet, a1(r, col))
            if figure is None:
                out.no_figure.append(
                    {"cell": ref, "text": spec, "indicator": row.indicator, "basis": basis}
                )
            else:
                out.figures.append(
                    Figure(form.period, form.county, row.indicator, figure, row.unit, basis, ref)
                )
        grid.put(r, ncols, row.note or None, "text")
        if row.indicator is None:
            out.ignored.append(
                {
                    "row": sheet_cell(form.sheet, str(r)),
                    "text": row.label,
                    "reason": row.skip_reason,
                }
            )
        else:
            out.indicator_texts[row.label] = row.indicator
    out.data_rows = [first, r]
    for _ in range(form.blank_rows):
        r += 1
        for c in range(1, ncols + 1):
            grid.put(r, c, None, "text")
        out.ignored.append(
            {"row": sheet_cell(form.sheet, str(r)), "text": "", "reason": "空白行（带边框）"}
        )
    for text in form.footers:
        r += 1
        grid.merge(r, 1, r, ncols, text, "foot")
        out.merged.append(rng(r, 1, r, ncols))
        out.ignored.append(
            {"row": sheet_cell(form.sheet, str(r)), "text": text, "reason": "表尾（签字或注）"}
        )
    return out


def long_rows(
    specs: Sequence[tuple[str, str, str, tuple[str, ...]]], notes: dict[str, str] | None = None
) -> tuple[LongRow, ...]:
    """Numbered rows from (indicator, label, unit, cells)."""
    notes = notes or {}
    return tuple(
        LongRow(str(k), label, unit, cells, ind, notes.get(ind, ""))
        for k, (ind, label, unit, cells) in enumerate(specs, start=1)
    )


def signature_line(filler: str, checker: str) -> str:
    """填表人/审核人/联系电话 footer (names and number are placeholders)."""
    return f"填表人：{filler}　　审核人：{checker}　　联系电话：0564-1234567"


# --------------------------------------------------------------------------------------------
# Manifest pieces


def base_manifest(fx_format: str, layout: str) -> dict[str, Any]:
    """The keys every expected.json starts with."""
    return {
        "synthetic": True,
        "format": fx_format,
        "layout": layout,
    }


def source(value: str, kind: str, text: str, ref: str | None = None, **more: Any) -> dict[str, Any]:
    """Where a month or county comes from."""
    entry: dict[str, Any] = {"value": value, "source": kind, "text": text}
    if ref is not None:
        entry["cell"] = ref
    entry.update(more)
    return entry


def finish_manifest(
    manifest: dict[str, Any], out: SheetOut, sheets: list[dict[str, Any]]
) -> dict[str, Any]:
    """Add the per-table parts (figures' cells, totals, no-figure cells, ignored rows, sheets)."""
    manifest["sheets"] = sheets
    manifest["indicator_texts"] = out.indicator_texts
    if out.county_texts:
        manifest["county_texts"] = out.county_texts
    manifest["figure_cells"] = [f.ref for f in out.figures]
    manifest["total_rows"] = out.totals
    manifest["no_figure_cells"] = out.no_figure
    manifest["ignored_rows"] = out.ignored
    manifest.setdefault("mistakes", [])
    manifest.setdefault("notes", [])
    return manifest


def sheet_entry(
    name: str, out: SheetOut | None, role: str = "data", state: str = "visible", reason: str = ""
) -> dict[str, Any]:
    """One sheet's description."""
    entry: dict[str, Any] = {"name": name, "state": state, "role": role}
    if out is not None:
        entry["header_rows"] = out.header_rows
        entry["columns"] = out.columns
        entry["data_rows"] = out.data_rows
        entry["merged_ranges"] = out.merged
    if reason:
        entry["reason"] = reason
    return entry


# --------------------------------------------------------------------------------------------
# Fixture 1: long form, month and county in the title

JINZHAI_JUNE: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("new_enterprises", "新增注册企业数", "个", ("96", "532")),
    ("jobs", "带动就业人数", "人", ("280", "1540")),
    ("training", "创业培训", "人次", ("20", "110")),
    ("return_platforms", "返乡创业平台", "个", ("—", "1")),
    ("factory_space", "新增标准化厂房", "万平方米", ("0.67", "3.9")),
    ("micro_enterprises", "新增小微创业企业", "家", ("7", "40")),
    ("maker_spaces", "众创空间", "个", ("—", "2")),
    ("guarantee_loans", "创业担保贷款", "万元", ("612.5", "3318.6")),
    ("youth_startups", "大学生等青年创业", "人", ("21", "112")),
)


def fixture_title_long() -> Fixture:
    """金寨县, 2020-06: month and county only in the title (and the 填报单位 line)."""
    base = long_rows(JINZHAI_JUNE, {"maker_spaces": "截至6月底累计数"})
    loans = base[7]
    extra = (
        LongRow("", "　其中：个人创业担保贷款", "万元", ("560.5", "2978.6"), None,
                skip_reason="“其中”分项，属创业担保贷款，不另计（两项之和等于上一行）"),
        LongRow("", "　　　　小微企业创业担保贷款", "万元", ("52", "340"), None,
                skip_reason="“其中”分项，属创业担保贷款，不另计（两项之和等于上一行）"),
        LongRow("", "创业担保贷款笔数", "笔", ("11", "62"), None,
                skip_reason="非计划指标（贷款笔数）"),
    )  # fmt: skip
    rows = (*base[:7], loans, *extra, base[8])
    form = LongForm(
        sheet="Sheet1",
        period="2020-06",
        county="金寨县",
        title="金寨县创业江淮行动计划进展情况统计表（2020年6月）",
        meta="填报单位：金寨县人社局　　填报日期：2020年7月5日",
        value_headers=("本月完成", "1-6月累计"),
        bases=("increment", "ytd"),
        rows=rows,
        footers=(
            signature_line("张某某", "李某某"),
            f"注：1.众创空间“1-6月累计”栏填截至本月底累计数。2.无数据填“—”。3.{SYNTHETIC_NOTE}",
        ),
        blank_rows=2,
    )
    wb = new_workbook(
        "金寨县创业江淮行动计划进展情况统计表（2020年6月）", dt.datetime(2020, 7, 5, 9, 30)
    )
    ws = wb.create_sheet("Sheet1")
    out = write_long_form(XlsxGrid(ws), form)
    ws.freeze_panes = "A4"
    print_setup(ws)
    manifest = base_manifest("xlsx", "long_form")
    manifest.update(
        period=source("2020-06", "title", "（2020年6月）", "Sheet1!A1"),
        county=source(
            "金寨县", "title", "金寨县", "Sheet1!A1",
            also={"source": "filled_by_line", "cell": "Sheet1!A2", "text": "金寨县人社局"},
        ),
        filled_date={"value": "2020-07-05", "cell": "Sheet1!A2", "text": "2020年7月5日"},
        filled_by="金寨县人社局",
        notes=[
            "No 合计 row: the nine indicators have different units, so the form has none.",
            "Rows 12-13 (其中) split 创业担保贷款 (row 11) and add up to it; row 14 counts loans "
            "(笔), not a plan indicator. None of the three is a figure.",
            "众创空间's “1-6月累计” is its level at the end of June (备注 and 注 say so): basis level.",
            "新增标准化厂房 is given in 万平方米, not the reporting unit 平方米.",
            "The figures agree with 金寨县's row of the wide summary fixture (same month).",
        ],
        checks={"parts": [{"parent": "Sheet1!11", "parts": ["Sheet1!12", "Sheet1!13"]}]},
    )  # fmt: skip
    return Fixture(
        path="创业江淮行动计划进展情况统计表.xlsx",
        content=xlsx_bytes(wb),
        figures=out.figures,
        manifest=finish_manifest(manifest, out, [sheet_entry("Sheet1", out)]),
        layout="long form, one county",
        exercises="title/填报单位 line parsing; 其中 sub-rows and a 笔 row to skip; “—”; "
        "万平方米; stock's 累计 is a level; blank bordered rows; footers",
        month_from="title A1",
        county_from="title A1 (also 填报单位 A2)",
    )


# --------------------------------------------------------------------------------------------
# Fixture 2: long form, month and county only in the file name

SHUCHENG_MAY: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("new_enterprises", "新增注册企业", "户", ("121", "542", "4870")),
    ("jobs", "带动就业", "人", ("402", "1750", "15230")),
    ("training", "阶梯式创业培训", "人次", ("24", "115", "842")),
    ("return_platforms", "市级及以上返乡创业平台", "个", ("0", "1", "6")),
    ("factory_space", "标准化厂房", "平方米", ("9300", "41300", "243000")),
    ("micro_enterprises", "小微创业企业", "家", ("9", "41", "287")),
    ("maker_spaces", "市级及以上众创空间", "个", ("—", "—", "2")),
    ("guarantee_loans", "创业担保贷款发放额", "万元", ("701.3", "2920.4", "16840.5")),
    ("youth_startups", "大学生等青年创业人数", "人", ("26", "114", "930")),
)


def fixture_filename_long() -> Fixture:
    """舒城县, 2020-05: generic title; month and county only in the file name; a 开累 column."""
    name = "舒城县2020年5月创业江淮报表.xlsx"
    form = LongForm(
        sheet="Sheet1",
        period="2020-05",
        county="舒城县",
        title="创业江淮行动计划进展情况统计表",
        meta="填报单位（盖章）：　　　　　　　　填报日期：2020年6月4日",
        value_headers=("当月", "1-5月累计", "开累（自2018年）"),
        bases=("increment", "ytd", "to_date"),
        rows=long_rows(SHUCHENG_MAY),
        footers=(
            signature_line("陈某某", "周某某"),
            f"注：“开累”为2018年1月以来累计数，众创空间填累计建成数。{SYNTHETIC_NOTE}",
        ),
        label_header="指标",
        unit_header="单位",
    )
    wb = new_workbook("创业江淮行动计划进展情况统计表", dt.datetime(2020, 6, 4, 16, 10))
    ws = wb.create_sheet("Sheet1")
    out = write_long_form(XlsxGrid(ws), form)
    print_setup(ws)
    manifest = base_manifest("xlsx", "long_form")
    manifest.update(
        period=source("2020-05", "file_name", "2020年5月"),
        county=source("舒城县", "file_name", "舒城县"),
        filled_date={"value": "2020-06-04", "cell": "Sheet1!A2", "text": "2020年6月4日"},
        filled_by=None,
        notes=[
            "The title is generic and the 填报单位 is left blank: the file name is the only "
            "place that names the month and the county.",
            "“1-5月累计” also says May; it agrees with the file name.",
            "“开累（自2018年）” is a running total since the plan began: basis to_date; for the "
            "stock 众创空间 it is the level.",
            "新增注册企业 is counted in 户 (same measure as 个).",
        ],
    )
    return Fixture(
        path=name,
        content=xlsx_bytes(wb),
        figures=out.figures,
        manifest=finish_manifest(manifest, out, [sheet_entry("Sheet1", out)]),
        layout="long form, one county",
        exercises="month/county from the file name only; 当月 / 1-5月累计 / 开累 (to_date); 户; 平方米",
        month_from="file name",
        county_from="file name",
    )


# --------------------------------------------------------------------------------------------
# Fixture 3: wide table, one row per county, two-row merged header, 合计

WIDE_INDICATORS: tuple[tuple[str, str, str], ...] = (
    ("new_enterprises", "新增注册企业（个）", "个"),
    ("jobs", "带动就业（人）", "人"),
    ("training", "阶梯式创业培训（人次）", "人次"),
    ("return_platforms", "市级及以上返乡创业平台（个）", "个"),
    ("factory_space", "新增标准化厂房（平方米）", "平方米"),
    ("micro_enterprises", "新增小微创业企业（家）", "家"),
    ("maker_spaces", "众创空间（个）", "个"),
    ("guarantee_loans", "发放创业担保贷款（万元）", "万元"),
    ("youth_startups", "大学生等青年创业（人）", "人"),
)
# county text as written, Chinese name in targets.yaml, then (本月, 1-6月累计) per indicator
WIDE_JUNE: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("金安区", "金安区", (("142", "801"), ("455", "2530"), ("32", "176"), ("0", "1"), ("12500", "64800"), ("11", "58"), ("0", "3"), ("820.5", "4390.5"), ("30", "171"))),
    ("裕安区", "裕安区", (("138", "776"), ("470", "2498"), ("28", "169"), ("1", "2"), ("9800", "61200"), ("10", "61"), ("0", "2"), ("760", "4105.8"), ("28", "166"))),
    ("叶集区", "叶集区", (("45", "262"), ("160", "880"), ("9", "55"), ("—", "—"), ("3900", "21000"), ("4", "19"), ("—", "1"), ("260", "1430"), ("11", "60"))),
    ("霍邱县", "霍邱县", (("150", "845"), ("505", "2710"), ("30", "183"), ("1", "2"), ("11800", "66300"), ("12", "65"), ("1", "3"), ("845.2", "4620"), ("33", "180"))),
    ("舒城县", "舒城县", (("118", "660"), ("390", "2140"), ("25", "140"), ("0", "1"), ("9100", "50400"), ("9", "50"), ("0", "2"), ("650", "3570.4"), ("25", "139"))),
    ("金寨县", "金寨县", (("96", "532"), ("280", "1540"), ("20", "110"), ("—", "1"), ("6700", "39000"), ("7", "40"), ("—", "2"), ("612.5", "3318.6"), ("21", "112"))),
    ("霍山县", "霍山县", (("84", "470"), ("250", "1350"), ("17", "96"), ("0", "1"), ("5600", "33500"), ("6", "34"), ("0", "1"), ("510", "2780"), ("17", "95"))),
    ("经开区", "六安经济技术开发区", (("55", "301"), ("190", "1020"), ("10", "58"), ("—", "0"), ("7200", "39800"), ("5", "21"), ("1", "2"), ("300", "1655"), ("9", "54"))),
    ("市直", "市直", (("/", "/"), ("/", "/"), ("12", "64"), ("/", "/"), ("/", "/"), ("/", "/"), ("/", "/"), ("240", "1310"), ("6", "30"))),
)  # fmt: skip


def swap_last_digits(text: str) -> str:
    """A typing slip: the last two digits of a whole number exchanged (10523 -> 10532)."""
    head, tail = text[:-2], text[-2:]
    assert tail[0] != tail[1], text
    return head + tail[::-1]


def fixture_wide(wrong_total: bool) -> Fixture:
    """All counties, 2020-06, one row per county; optionally with one wrong 合计 cell."""
    sheet = "汇总表"
    period = "2020-06"
    ncols = 2 + 2 * len(WIDE_INDICATORS)
    wb = new_workbook(
        "六安市创业江淮行动计划进展情况汇总表（2020年6月）", dt.datetime(2020, 7, 8, 11, 0)
    )
    ws = wb.create_sheet(sheet)
    grid = XlsxGrid(ws)
    out = SheetOut()
    grid.merge(1, 1, 1, ncols, "六安市创业江淮行动计划进展情况汇总表（2020年6月）", "title")
    grid.height(1, 36)
    grid.merge(
        2, 1, 2, ncols, "填报单位：市就业工作领导小组办公室　　　　填报日期：2020年7月8日", "meta"
    )
    out.merged += [rng(1, 1, 1, ncols), rng(2, 1, 2, ncols)]
    grid.merge(3, 1, 4, 1, "序号", "head")
    grid.merge(3, 2, 4, 2, "县区", "head")
    out.columns += [
        column(sheet, [(3, 1)], ["序号"], "seq"),
        column(sheet, [(3, 2)], ["县区"], "county"),
    ]
    out.merged += [rng(3, 1, 4, 1), rng(3, 2, 4, 2)]
    grid.width(1, 6)
    grid.width(2, 10)
    units: dict[int, tuple[str, str, str]] = {}
    for k, (ind, header, unit) in enumerate(WIDE_INDICATORS):
        c = 3 + 2 * k
        grid.merge(3, c, 3, c + 1, header, "head")
        out.merged.append(rng(3, c, 3, c + 1))
        grid.put(4, c, "本月", "head")
        grid.put(4, c + 1, "1-6月累计", "head")
        grid.width(c, 10)
        grid.width(c + 1, 12)
        units[c] = (ind, unit, "increment")
        units[c + 1] = (ind, unit, basis_for(ind, "ytd"))
        for j, sub in enumerate(("本月", "1-6月累计")):
            out.columns.append(
                column(sheet, [(3, c), (4, c + j)], [header, sub], "value",
                       indicator=ind, unit=unit, basis=units[c + j][2])
            )  # fmt: skip
        out.indicator_texts[header] = ind
    grid.height(3, 42)
    out.header_rows = [3, 4]
    sums: dict[int, Decimal] = {c: Decimal(0) for c in units}
    r = 4
    for seq, (text, county, pairs) in enumerate(WIDE_JUNE, start=1):
        r += 1
        grid.put(r, 1, seq, "center")
        grid.put(r, 2, text, "center")
        out.county_texts[text] = county
        for k, pair in enumerate(pairs):
            for j, spec in enumerate(pair):
                c = 3 + 2 * k + j
                ind, unit, basis = units[c]
                value, figure = cell_value(spec)
                grid.put(r, c, value, value_style(value, unit))
                ref = sheet_cell(sheet, a1(r, c))
                if figure is None:
                    out.no_figure.append(
                        {
                            "cell": ref,
                            "text": spec,
                            "county": county,
                            "indicator": ind,
                            "basis": basis,
                        }
                    )
                else:
                    out.figures.append(Figure(period, county, ind, figure, unit, basis, ref))
                    sums[c] += Decimal(figure)
    out.data_rows = [5, r]
    r += 1
    total_row = r
    grid.merge(r, 1, r, 2, "合计", "head")
    out.merged.append(rng(r, 1, r, 2))
    cells: list[dict[str, Any]] = []
    mistakes: list[dict[str, Any]] = []
    for c, (ind, unit, basis) in units.items():
        computed = dec_text(sums[c])
        declared = computed
        if wrong_total and ind == "jobs" and basis == "ytd":
            declared = swap_last_digits(computed)
            mistakes.append(
                {
                    "kind": "wrong_total",
                    "cell": sheet_cell(sheet, a1(r, c)),
                    "indicator": ind,
                    "basis": basis,
                    "declared": declared,
                    "computed": computed,
                    "message_hint": f"合计 {declared} ≠ 各县区之和 {computed}",
                }
            )
        value, _ = cell_value(declared)
        grid.put(r, c, value, value_style(value, unit))
        cells.append(
            {
                "cell": sheet_cell(sheet, a1(r, c)),
                "indicator": ind,
                "basis": basis,
                "unit": unit,
                "declared": declared,
                "computed": computed,
                "correct": declared == computed,
            }
        )
    out.totals.append({"row": sheet_cell(sheet, str(r)), "label": "合计", "cells": cells})
    note = (
        "注：1.“1-6月累计”为2020年1-6月累计数，众创空间该栏填截至6月底累计数。"
        f"2.“/”表示不适用，“—”表示本期无数据。3.{SYNTHETIC_NOTE}"
    )
    footers = (note, signature_line("王某某", "赵某某"))
    for text in footers:
        r += 1
        grid.merge(r, 1, r, ncols, text, "foot")
        out.merged.append(rng(r, 1, r, ncols))
        out.ignored.append(
            {"row": sheet_cell(sheet, str(r)), "text": text, "reason": "表尾（注或签字）"}
        )
    ws.freeze_panes = "C5"
    print_setup(ws, landscape=True, title_rows="3:4")
    manifest = base_manifest("xlsx", "wide")
    manifest.update(
        period=source(period, "title", "（2020年6月）", f"{sheet}!A1"),
        county=source("", "column", "县区", f"{sheet}!B3", note="one row per county, column B"),
        filled_date={"value": "2020-07-08", "cell": f"{sheet}!A2", "text": "2020年7月8日"},
        filled_by="市就业工作领导小组办公室",
        mistakes=mistakes,
        notes=[
            "Two-row header: row 3 names the indicator with its unit in brackets (merged over "
            "two columns), row 4 says 本月 | 1-6月累计.",
            "经开区 is not among the aliases in data/targets.yaml (开发区, 市开发区, 六安经开区); "
            "it means 六安经济技术开发区.",
            "“/” (not applicable) and “—” (nothing this month) are no figure, not 0; the 合计 "
            "adds the figures only. 经开区 reports 0 platforms in 1-6月累计: a real 0.",
            "The 合计 cells hold values, not =SUM formulas (openpyxl cannot store a formula's "
            "cached result; Excel would show the same numbers).",
            f"The 合计 row ({total_row}) is not a county: it is in no expected.csv line.",
        ]
        + (
            ["One 合计 cell is wrong on purpose (two digits exchanged); the rest are right."]
            if wrong_total
            else ["Every 合计 cell is right."]
        ),
    )
    path = "各县区创业江淮行动计划进展情况汇总表" + (" - 副本" if wrong_total else "") + ".xlsx"
    return Fixture(
        path=path,
        content=xlsx_bytes(wb),
        figures=out.figures,
        manifest=finish_manifest(manifest, out, [sheet_entry(sheet, out)]),
        layout="wide, one row per county",
        exercises=(
            "copy of the wide table with one wrong 合计 cell (must warn with both numbers)"
            if wrong_total
            else "two-row merged header; unit in brackets; 经开区; 市直 with “/”; a right 合计"
        ),
        month_from="title A1",
        county_from="column B (one row each)",
    )


# --------------------------------------------------------------------------------------------
# Fixture 4: long table with merged county cells and mixed period texts

# (kind, written value) of a 月份 cell; kind: num (number with format 0.00), text, date
PeriodCell = tuple[str, str | float | dt.datetime]
LONG_TABLE: tuple[tuple[str, str, tuple[tuple[PeriodCell, str, str, str, str, str], ...]], ...] = (
    ("叶集区", "叶集区", (
        (("num", 2020.06), "2020-06", "新增注册企业", "new_enterprises", "45", "个"),
        (("text", "2020.6"), "2020-06", "带动就业", "jobs", "160", "人"),
        (("text", "2020/6/1"), "2020-06", "返乡创业平台", "return_platforms", "—", "个"),
        (("text", "2020-06-30"), "2020-06", "众创空间", "maker_spaces", "1", "个"),
        (("date", dt.datetime(2020, 6, 1)), "2020-06", "创业担保贷款", "guarantee_loans", "260", "万元"),
        (("text", "2020年1-6月"), "2020-06", "创业担保贷款", "guarantee_loans", "1430", "万元"),
    )),
    ("霍邱县", "霍邱县", (
        (("num", 2020.05), "2020-05", "新增注册企业", "new_enterprises", "139", "个"),
        (("text", "2020.5"), "2020-05", "返乡创业平台", "return_platforms", "/", "个"),
        (("text", "2020/5/1"), "2020-05", "标准化厂房", "factory_space", "1.15", "万平方米"),
        (("date", dt.datetime(2020, 5, 31)), "2020-05", "小微企业", "micro_enterprises", "无", "家"),
        (("text", "2020-05-31"), "2020-05", "带动就业", "jobs", "1,020", "人"),
        (("text", "2020年1-5月"), "2020-05", "带动就业", "jobs", "2205", "人"),
    )),
    ("六安经开区", "六安经济技术开发区", (
        (("num", 2020.04), "2020-04", "新增注册企业", "new_enterprises", "48", "个"),
        (("text", "2020.4"), "2020-04", "大学生创业", "youth_startups", "8", "人"),
        (("text", "2020/4/1"), "2020-04", "标准化厂房", "factory_space", "7200", "平方米"),
        (("date", dt.datetime(2020, 4, 1)), "2020-04", "创业担保贷款", "guarantee_loans", "无", "万元"),
        (("text", "2020-04-30"), "2020-04", "众创空间", "maker_spaces", "2", "个"),
        (("text", "2020年1-4月"), "2020-04", "新增注册企业", "new_enterprises", "198", "个"),
    )),
)  # fmt: skip


def fixture_long_table() -> Fixture:
    """县区 | 月份 | 指标 | 数值 | 单位 | 备注, county merged down, periods written six ways."""
    sheet = "明细"
    wb = new_workbook("分县区指标明细", dt.datetime(2020, 7, 6, 15, 20))
    ws = wb.create_sheet(sheet)
    grid = XlsxGrid(ws)
    out = SheetOut()
    for c, (text, chars) in enumerate(
        (("县区", 12), ("月份", 14), ("指标", 16), ("数值", 10), ("单位", 10), ("备注", 16)),
        start=1,
    ):
        grid.put(1, c, text, "head")
        role = ("county", "period", "indicator", "value", "unit", "note")[c - 1]
        out.columns.append(column(sheet, [(1, c)], [text], role))
        grid.width(c, chars)
    out.header_rows = [1]
    periods: list[dict[str, Any]] = []
    r = 1
    for text, county, rows in LONG_TABLE:
        first = r + 1
        out.county_texts[text] = county
        for (kind, raw), period, label, ind, spec, unit in rows:
            r += 1
            style = {"num": "num2", "date": "ym", "text": "center"}[kind]
            grid.put(r, 2, raw, style)
            grid.put(r, 3, label, "text")
            value, figure = cell_value(spec)
            grid.put(r, 4, value, value_style(value, unit))
            grid.put(r, 5, unit, "center")
            grid.put(r, 6, None, "text")
            is_ytd = isinstance(raw, str) and "1-" in raw
            basis = basis_for(ind, "ytd") if is_ytd else ("level" if ind in STOCKS else "increment")
            ref = sheet_cell(sheet, a1(r, 4))
            written = raw.strftime("%Y-%m-%d") if isinstance(raw, dt.datetime) else raw
            periods.append(
                {
                    "cell": sheet_cell(sheet, a1(r, 2)),
                    "kind": {"num": "number", "date": "date", "text": "text"}[kind],
                    "written": written,
                    "number_format": STYLES[style].fmt,
                    "period": period,
                    "basis_hint": "ytd" if is_ytd else None,
                }
            )
            out.indicator_texts[label] = ind
            if figure is None:
                out.no_figure.append(
                    {"cell": ref, "text": spec, "county": county, "period": period,
                     "indicator": ind, "basis": basis}
                )  # fmt: skip
            else:
                out.figures.append(Figure(period, county, ind, figure, unit, basis, ref))
        grid.merge(first, 1, r, 1, text, "center")
        out.merged.append(rng(first, 1, r, 1))
    out.data_rows = [2, r]
    r += 2
    grid.put(r, 1, f"注：{SYNTHETIC_NOTE}", "plain")
    out.ignored.append({"row": sheet_cell(sheet, str(r)), "text": f"注：{SYNTHETIC_NOTE}",
                        "reason": "表尾（注）"})  # fmt: skip
    ws.freeze_panes = "A2"
    print_setup(ws, title_rows="1:1")
    manifest = base_manifest("xlsx", "long_table")
    manifest.update(
        period=source("", "column", "月份", f"{sheet}!B1", cells=periods),
        county=source("", "column", "县区", f"{sheet}!A1",
                      note="merged down over its rows: only the first row's cell has the text"),
        filled_date=None,
        filled_by=None,
        notes=[
            "B2, B8, B14 are numbers (2020.06, 2020.05, 2020.04) shown with format 0.00: read as "
            "text they must keep two decimals (a 2020.10 typed this way would read 2020.1).",
            "B6, B11, B17 are real Excel dates with format yyyy\"年\"m\"月\"; 2020/6/1 and "
            "2020-06-30 are text cells. Any day of a month means that month.",
            "“2020年1-6月” (and 1-5月, 1-4月) marks a year-to-date figure: basis ytd for a flow.",
            "D12 is the text “1,020” (a number typed as text with a thousands comma).",
            "众创空间 is a stock: its figure is a level.",
            "“—”, “/” and “无” are no figure, not 0.",
        ],
    )  # fmt: skip
    return Fixture(
        path="分县区指标明细.xlsx",
        content=xlsx_bytes(wb),
        figures=out.figures,
        manifest=finish_manifest(manifest, out, [sheet_entry(sheet, out)]),
        layout="long table (one figure per row)",
        exercises="county merged down; periods 2020.06 (number), 2020.6, 2020/6/1, 2020-06-30, "
        "Excel date, 2020年1-6月 (ytd); “—”, “/”, “无”; “1,020” as text",
        month_from="column B (月份), per row",
        county_from="column A (县区), merged cells",
    )


# --------------------------------------------------------------------------------------------
# Fixture 5: a real .xls (BIFF8) long form, with a ytd that disagrees

HUOSHAN_MAY: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("new_enterprises", "新增注册企业数", "个", ("80", "386")),
    ("jobs", "带动就业人数", "人", ("1348", "1100")),
    ("training", "阶梯式创业培训", "人次", ("16", "79")),
    ("return_platforms", "返乡创业平台", "个", ("－", "1")),
    ("factory_space", "新增标准化厂房", "平方米", ("-", "27900")),
    ("micro_enterprises", "新增小微创业企业", "家", ("5", "28")),
    ("maker_spaces", "众创空间", "个", ("0", "1")),
    ("guarantee_loans", "创业担保贷款", "万元", ("455", "2270")),
    ("youth_startups", "大学生等青年创业", "人", ("15", "78")),
)


def fixture_xls() -> Fixture:
    """霍山县, 2020年1-5月, as a BIFF8 .xls written by xlwt."""
    xlwt = need("xlwt")
    form = LongForm(
        sheet="Sheet1",
        period="2020-05",
        county="霍山县",
        title="霍山县创业江淮行动计划进展情况统计表（2020年1-5月）",
        meta="填报单位：霍山县人力资源和社会保障局　　填报日期：2020年6月5日",
        value_headers=("本月完成", "1-5月累计"),
        bases=("increment", "ytd"),
        rows=long_rows(HUOSHAN_MAY, {"maker_spaces": "累计数"}),
        footers=(
            signature_line("刘某某", "孙某某"),
            f"注：1.众创空间“1-5月累计”栏填截至5月底累计数。2.{SYNTHETIC_NOTE}",
        ),
    )
    wb = xlwt.Workbook(encoding="utf-8")
    wb.owner = "synthetic"
    wb.country_code = 86
    ws = wb.add_sheet("Sheet1")
    out = write_long_form(XlsGrid(ws, xlwt), form)
    ws.set_panes_frozen(True)
    ws.set_horz_split_pos(3)
    buf = io.BytesIO()
    wb.save(buf)
    manifest = base_manifest("xls", "long_form")
    manifest.update(
        period=source("2020-05", "title", "（2020年1-5月）", "Sheet1!A1",
                      note="a 1-N月 title: the report month is N"),
        county=source("霍山县", "title", "霍山县", "Sheet1!A1",
                      also={"source": "filled_by_line", "cell": "Sheet1!A2",
                            "text": "霍山县人力资源和社会保障局"}),
        filled_date={"value": "2020-06-05", "cell": "Sheet1!A2", "text": "2020年6月5日"},
        filled_by="霍山县人力资源和社会保障局",
        mistakes=[
            {
                "kind": "ytd_disagrees",
                "cells": ["Sheet1!D5", "Sheet1!E5"],
                "indicator": "jobs",
                "increment": "1348",
                "ytd": "1100",
                "message_hint": "带动就业 本月完成 1348 大于 1-5月累计 1100：本月数不能大于累计数",
            }
        ],
        notes=[
            "BIFF8 (.xls) written by xlwt: the merged title A1:F1 and A2:F2 are real merged "
            "ranges (xlrd reports them only with formatting_info=True).",
            "“－” (full-width) and “-” (ASCII) are no figure.",
            "众创空间 本月 0 is a real figure (none added), unlike “—”.",
        ],
    )  # fmt: skip
    return Fixture(
        path="创业江淮进展情况统计表.xls",
        content=buf.getvalue(),
        figures=out.figures,
        manifest=finish_manifest(manifest, out, [sheet_entry("Sheet1", out)]),
        layout="long form, one county (.xls)",
        exercises="BIFF8 reading; merged title; “1-5月” title; “－” and “-”; 本月 > 累计 mistake",
        month_from="title A1 (1-5月)",
        county_from="title A1 (also 填报单位 A2)",
    )


# --------------------------------------------------------------------------------------------
# Fixture 6: one sheet per county, a prose sheet and a hidden template record

APRIL_SHEETS: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = (
    ("金安区", "金安区", "2020年5月5日", (("135", "510"), ("430", "1640"), ("30", "112"), ("0", "1"), ("11200", "40100"), ("10", "37"), ("0", "3"), ("790.8", "2810"), ("29", "110"))),
    ("裕安区", "裕安区", "2020年5月6日", (("131", "498"), ("452", "1598"), ("27", "114"), ("1", "1"), ("10300", "41600"), ("11", "40"), ("0", "2"), ("7850000", "3345.8"), ("28", "109"))),
    ("叶集区", "叶集区", "2020年5月5日", (("44", "170"), ("150", "560"), ("8", "37"), ("—", "—"), ("3600", "13300"), ("3", "12"), ("—", "1"), ("255", "905"), ("10", "39"))),
    ("开发区", "六安经济技术开发区", "2020年5月7日", (("48", "198"), ("180", "640"), ("9", "38"), ("不适用", "不适用"), ("7200", "25600"), ("4", "13"), ("0", "2"), ("无", "1010"), ("8", "36"))),
)  # fmt: skip
APRIL_LABELS: tuple[tuple[str, str, str], ...] = (
    ("new_enterprises", "新增注册企业", "个"),
    ("jobs", "带动就业", "人"),
    ("training", "创业培训", "人次"),
    ("return_platforms", "返乡创业平台", "个"),
    ("factory_space", "新增标准化厂房", "平方米"),
    ("micro_enterprises", "新增小微创业企业", "家"),
    ("maker_spaces", "众创空间", "个"),
    ("guarantee_loans", "创业担保贷款", "万元"),
    ("youth_startups", "青年创业", "人"),
)
GUIDE = (
    "填表说明",
    "一、本表由各县区人社局填报，每月5日前报送市就业工作领导小组办公室。",
    "二、“本月完成”填当月新增数，“本年累计”填当年1月至本月累计数；众创空间“本年累计”栏填截至本月底累计数。",
    "三、无数据的栏目填“—”，不适用的填“不适用”，不要填0。",
    "四、创业担保贷款以万元为单位，保留两位小数。",
    f"五、{SYNTHETIC_NOTE}",
)


def fixture_sheets() -> Fixture:
    """2020-04 for four counties, one sheet each; month only in a hidden template sheet."""
    wb = new_workbook("创业江淮行动计划进展情况统计表（分县区）", dt.datetime(2020, 5, 8, 10, 0))
    guide = wb.create_sheet("填表说明")
    grid = XlsxGrid(guide)
    grid.width(1, 100)
    grid.put(1, 1, GUIDE[0], "prose_title")
    for r, text in enumerate(GUIDE[1:], start=2):
        grid.put(r, 1, text, "prose")
    out = SheetOut()
    sheets: list[dict[str, Any]] = [
        sheet_entry(
            "填表说明", None, role="skipped", reason="说明文字，无表格 (prose only, no table)"
        )
    ]
    dates: dict[str, dict[str, str]] = {}
    for name, county, day, pairs in APRIL_SHEETS:
        ws = wb.create_sheet(name)
        specs = tuple(
            (ind, label, unit, pair)
            for (ind, label, unit), pair in zip(APRIL_LABELS, pairs, strict=True)
        )
        form = LongForm(
            sheet=name,
            period="2020-04",
            county=county,
            title="创业江淮行动计划进展情况统计表",
            meta=f"填报单位（盖章）：　　　　　　填报日期：{day}",
            value_headers=("本月完成", "本年累计"),
            bases=("increment", "ytd"),
            rows=long_rows(specs),
            footers=(f"注：{SYNTHETIC_NOTE}",),
        )
        part = write_long_form(XlsxGrid(ws), form)
        print_setup(ws)
        out.extend(part)
        sheets.append(sheet_entry(name, part))
        m = re.search(r"(\d+)年(\d+)月(\d+)日", day)
        assert m is not None
        iso = dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        dates[name] = {"value": iso, "cell": f"{name}!A2", "text": day}
    meta = wb.create_sheet("模板信息")
    grid = XlsxGrid(meta)
    rows = (("项目", "内容"), ("报表名称", "创业江淮行动计划进展情况统计表"), ("报告期", "2020年4月"),
            ("模板版本", "V2.1"), ("下发单位", "市就业工作领导小组办公室"))  # fmt: skip
    for r, (key, val) in enumerate(rows, start=1):
        grid.put(r, 1, key, "text")
        grid.put(r, 2, val, "text")
    grid.width(1, 12)
    grid.width(2, 36)
    meta.sheet_state = "hidden"
    sheets.append(
        sheet_entry("模板信息", None, role="metadata", state="hidden",
                    reason="隐藏的模板信息：报告期在 B3；不是数据表 (hidden template record)")
    )  # fmt: skip
    manifest = base_manifest("xlsx", "sheet_per_county")
    manifest.update(
        period=source("2020-04", "hidden_sheet", "2020年4月", "模板信息!B3"),
        county=source("", "sheet_name", "sheet names",
                      per_sheet={name: county for name, county, _, _ in APRIL_SHEETS}),
        filled_date={"per_sheet": dates},
        filled_by=None,
        mistakes=[
            {
                "kind": "unit_suspect",
                "cell": "裕安区!D11",
                "indicator": "guarantee_loans",
                "value": "7850000",
                "unit": "万元",
                "message_hint": "创业担保贷款本月 7850000 万元，大于本年累计 3345.8 万元，"
                "疑为按元填报（应为 785 万元）",
            }
        ],
        notes=[
            "Titles are generic and the 填报单位 is blank: the county is the sheet name (开发区 is "
            "an alias of 六安经济技术开发区) and the month only in the hidden sheet 模板信息.",
            "“本年累计” is a year-to-date figure (basis ytd); 众创空间's is its level.",
            "开发区 was filled on 2020-05-07, after the 5th (a late return, for the 报送情况).",
            "“不适用”, “—” and “无” are no figure.",
        ],
    )  # fmt: skip
    return Fixture(
        path="创业江淮行动计划进展情况统计表（分县区）.xlsx",
        content=xlsx_bytes(wb),
        figures=out.figures,
        manifest=finish_manifest(manifest, out, sheets),
        layout="one sheet per county (+ prose sheet, hidden sheet)",
        exercises="county from sheet names; month from a hidden template sheet; 填表说明 to skip "
        "and list; 本年累计; “不适用”; loans typed in 元",
        month_from="hidden sheet 模板信息!B3",
        county_from="sheet names",
    )


# --------------------------------------------------------------------------------------------
# Fixture 7: Excel's “Unicode 文本” export (UTF-16 LE, BOM, tabs, CRLF)

SHUCHENG_MARCH: tuple[tuple[str, str, str, str, str], ...] = (
    ("new_enterprises", "新增注册企业", "118", "个", ""),
    ("jobs", "带动就业", "386", "人", ""),
    ("training", "阶梯式创业培训", "22", "人次", ""),
    ("return_platforms", "返乡创业平台", "0", "个", ""),
    ("factory_space", "新增标准化厂房", "12,000", "平方米", ""),
    ("micro_enterprises", "新增小微创业企业", "8", "家", ""),
    ("maker_spaces", "众创空间", "—", "个", "本月无新增"),
    ("guarantee_loans", "创业担保贷款", "612.4", "万元", "个人560.4万元，\n小微企业52万元"),
    ("youth_startups", "大学生等青年创业", "23", "人", ""),
)


def excel_text_field(text: str) -> str:
    """Excel's text export quotes a field holding a quote, tab or line break."""
    if any(ch in text for ch in '"\t\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def text_records(records: Iterable[Sequence[str]], sep: str) -> str:
    """Records joined the way Excel writes them (CRLF after every record)."""
    return "".join(sep.join(excel_text_field(f) for f in rec) + "\r\n" for rec in records)


def fixture_unicode_text() -> Fixture:
    """舒城县, 2020-03, long table saved as “Unicode 文本”."""
    header = ("月份", "县区", "指标", "本月", "单位", "备注")
    records: list[tuple[str, ...]] = [header]
    out = SheetOut()
    for ind, label, spec, unit, note in SHUCHENG_MARCH:
        records.append(("2020年3月", "舒城县", label, spec, unit, note))
        row = len(records)
        ref = a1(row, 4)
        out.indicator_texts[label] = ind
        _, figure = cell_value(spec)
        basis = "level" if ind in STOCKS else "increment"
        if figure is None:
            out.no_figure.append({"cell": ref, "text": spec, "indicator": ind, "basis": basis})
        else:
            out.figures.append(Figure("2020-03", "舒城县", ind, figure, unit, basis, ref))
    out.header_rows = [1]
    out.data_rows = [2, len(records)]
    roles = ("period", "county", "indicator", "value", "unit", "note")
    out.columns = [
        column("", [(1, c)], [h], r)
        for c, (h, r) in enumerate(zip(header, roles, strict=True), start=1)
    ]
    out.columns[3]["basis"] = "increment"
    records.append(("",) * 6)
    out.ignored.append({"row": str(len(records)), "text": "", "reason": "空行（只有制表符）"})
    records.append((f"注：{SYNTHETIC_NOTE}", "", "", "", "", ""))
    out.ignored.append(
        {"row": str(len(records)), "text": f"注：{SYNTHETIC_NOTE}", "reason": "表尾（注）"}
    )
    content = b"\xff\xfe" + text_records(records, "\t").encode("utf-16-le")
    manifest = base_manifest("txt", "long_table")
    manifest.update(
        encoding="UTF-16 LE with BOM (FF FE), tab-separated, CRLF line ends",
        period=source("2020-03", "column", "月份", "A1"),
        county=source("舒城县", "column", "县区", "B1"),
        filled_date=None,
        filled_by=None,
        notes=[
            "Cell addresses are the row and column as the file opens in Excel: record 9's 备注 "
            "is a quoted field with a line feed inside, so later records sit one physical line "
            "below their row number.",
            "D6 is the display text “12,000” (Excel exports what a cell shows). It is written "
            "unquoted; whether Excel would quote a field for a comma was not verified.",
            "The last two rows are an empty row (tabs only) and a footer note.",
        ],
    )
    return Fixture(
        path="创业江淮月报数据.txt",
        content=content,
        figures=out.figures,
        manifest=finish_manifest(manifest, out, [sheet_entry("", out)]),
        layout="long table, Unicode text",
        exercises="UTF-16 LE BOM, tabs, CRLF; quoted multi-line field; “12,000”; empty row; footer",
        month_from="column A (月份)",
        county_from="column B (县区)",
    )


# --------------------------------------------------------------------------------------------
# Fixture 8: trust checks (several files for one county and month)

TRUST_LABELS: tuple[tuple[str, str, str], ...] = (
    ("new_enterprises", "新增注册企业数", "个"),
    ("jobs", "带动就业人数", "人"),
    ("training", "创业培训", "人次"),
    ("return_platforms", "返乡创业平台", "个"),
    ("factory_space", "新增标准化厂房", "平方米"),
    ("micro_enterprises", "新增小微创业企业", "家"),
    ("maker_spaces", "众创空间", "个"),
    ("guarantee_loans", "创业担保贷款", "万元"),
    ("youth_startups", "大学生等青年创业", "人"),
)


def june_pairs(county: str) -> list[tuple[str, str]]:
    """The wide summary's June figures of one county, as (本月, 1-6月累计) per indicator."""
    for _, name, pairs in WIDE_JUNE:
        if name == county:
            return list(pairs)
    raise KeyError(county)


def trust_return(
    path: str, county: str, title: str, unit_line: str, day: dt.date, pairs: list[tuple[str, str]]
) -> Fixture:
    """A plain June long form used by the trust cases."""
    specs = tuple(
        (ind, label, unit, pair)
        for (ind, label, unit), pair in zip(TRUST_LABELS, pairs, strict=True)
    )
    form = LongForm(
        sheet="Sheet1",
        period="2020-06",
        county=county,
        title=title,
        meta=f"填报单位：{unit_line}　　填报日期：{zh_date(day)}",
        value_headers=("本月完成", "1-6月累计"),
        bases=("increment", "ytd"),
        rows=long_rows(specs),
        footers=(f"注：众创空间“1-6月累计”栏填截至本月底累计数。{SYNTHETIC_NOTE}",),
    )
    wb = new_workbook(title, dt.datetime(day.year, day.month, day.day, 17, 0))
    ws = wb.create_sheet("Sheet1")
    out = write_long_form(XlsxGrid(ws), form)
    print_setup(ws)
    manifest = base_manifest("xlsx", "long_form")
    corrected = "更正" in title
    manifest.update(
        period=source("2020-06", "title", "（2020年6月）", "Sheet1!A1"),
        county=source(county, "title", county, "Sheet1!A1"),
        filled_date={"value": day.isoformat(), "cell": "Sheet1!A2", "text": zh_date(day)},
        filled_by=unit_line,
        correction_mark=(
            {"text": "更正", "where": ["file_name", "Sheet1!A1"]} if corrected else None
        ),
    )
    return Fixture(
        path=path,
        content=xlsx_bytes(wb),
        figures=out.figures,
        manifest=finish_manifest(manifest, out, [sheet_entry("Sheet1", out)]),
        layout="long form (trust case)",
        exercises="",
        month_from="title A1",
        county_from="title A1",
    )


def changed(
    pairs: list[tuple[str, str]], edits: dict[str, tuple[str, str]]
) -> list[tuple[str, str]]:
    """A copy of the pairs with some indicators' figures replaced."""
    ids = [ind for ind, _, _ in TRUST_LABELS]
    return [edits.get(ind, pair) for ind, pair in zip(ids, pairs, strict=True)]


def diff_keys(a: Fixture, b: Fixture) -> list[dict[str, str]]:
    """Figures (indicator, basis) whose values differ between two returns."""
    old = {(f.indicator, f.basis): f.value for f in a.figures}
    return [
        {"indicator": f.indicator, "basis": f.basis, "first": old[(f.indicator, f.basis)],
         "second": f.value}
        for f in b.figures
        if old.get((f.indicator, f.basis)) != f.value
    ]  # fmt: skip


def trust_cases() -> list[tuple[str, list[Fixture], dict[str, Any]]]:
    """The four trust cases: (folder, fixtures, case.json)."""
    cases: list[tuple[str, list[Fixture], dict[str, Any]]] = []
    title = "{}创业江淮行动计划进展情况统计表（2020年6月）"

    jz = june_pairs("金寨县")
    jz_fix = changed(jz, {"jobs": ("298", "1558"), "factory_space": ("7600", "39900"),
                          "guarantee_loans": ("621.5", "3327.6")})  # fmt: skip
    first = trust_return("金寨县2020年6月报表.xlsx", "金寨县", title.format("金寨县"),
                         "金寨县人社局", dt.date(2020, 7, 5), jz)  # fmt: skip
    second = trust_return("金寨县2020年6月报表（更正）.xlsx", "金寨县",
                          title.format("金寨县") + "（更正）", "金寨县人社局",
                          dt.date(2020, 7, 9), jz_fix)  # fmt: skip
    cases.append((
        "correction",
        [first, second],
        {"case": "correction", "county": "金寨县", "period": "2020-06",
         "expected": {"outcome": "replaced", "keep": second.path, "drop": first.path,
                      "why": "“更正” in the file name and the title, and a later 填报日期 "
                             "(2020-07-09 > 2020-07-05)",
                      "differences": diff_keys(first, second)}},
    ))  # fmt: skip

    ya = june_pairs("裕安区")
    ya_old = changed(ya, {"new_enterprises": ("133", "771"), "guarantee_loans": ("706", "4051.8")})
    first = trust_return("裕安区2020年6月创业江淮报表.xlsx", "裕安区", title.format("裕安区"),
                         "裕安区人社局", dt.date(2020, 7, 3), ya_old)  # fmt: skip
    second = trust_return("裕安区人社局2020年6月报表.xlsx", "裕安区", title.format("裕安区"),
                          "裕安区人社局", dt.date(2020, 7, 8), ya)  # fmt: skip
    cases.append((
        "later_date",
        [first, second],
        {"case": "later_date", "county": "裕安区", "period": "2020-06",
         "expected": {"outcome": "replaced", "keep": second.path, "drop": first.path,
                      "why": "no 更正 mark; the second has the later 填报日期 "
                             "(2020-07-08 > 2020-07-03): keep it and warn",
                      "differences": diff_keys(first, second)}},
    ))  # fmt: skip

    hq = june_pairs("霍邱县")
    hq_other = changed(hq, {"jobs": ("550", "2755"), "micro_enterprises": ("21", "74")})
    day = dt.date(2020, 7, 5)
    first = trust_return("霍邱县2020年6月创业江淮报表.xlsx", "霍邱县", title.format("霍邱县"),
                         "霍邱县人社局", day, hq)  # fmt: skip
    second = trust_return("霍邱县2020年6月报表.xlsx", "霍邱县", title.format("霍邱县"),
                          "霍邱县人社局", day, hq_other)  # fmt: skip
    cases.append((
        "conflict",
        [first, second],
        {"case": "conflict", "county": "霍邱县", "period": "2020-06",
         "expected": {"outcome": "conflict", "files": [first.path, second.path],
                      "why": "neither is marked 更正/修正/补报 and both say 填报日期 2020-07-05: "
                             "no way to tell which is right",
                      "differences": diff_keys(first, second),
                      "same_figures": "the other 14 figures are equal in both files"}},
    ))  # fmt: skip

    cases.append(("duplicate_row", [duplicate_csv()], duplicate_case()))
    for _, fixtures, _ in cases:
        for fx in fixtures:
            fx.exercises = "trust case"
    return cases


DUP_ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    ("new_enterprises", "新增注册企业", "142", "个", "当月"),
    ("jobs", "带动就业", "455", "人", "当月"),
    ("training", "阶梯式创业培训", "32", "人次", "当月"),
    ("return_platforms", "返乡创业平台", "0", "个", "当月"),
    ("factory_space", "新增标准化厂房", "12500", "平方米", "当月"),
    ("micro_enterprises", "新增小微创业企业", "11", "家", "当月"),
    ("maker_spaces", "众创空间", "3", "个", "期末数"),
    ("guarantee_loans", "创业担保贷款", "820.5", "万元", "当月"),
    ("youth_startups", "大学生等青年创业", "30", "人", "当月"),
)
DUP_OF = 3  # the 带动就业 line (line 3) is pasted again at the end


def duplicate_csv() -> Fixture:
    """金安区, 2020-06, Excel “CSV UTF-8” with one exact duplicate line."""
    header = ("月份", "县区", "指标", "数值", "单位", "口径", "备注")
    records: list[tuple[str, ...]] = [header]
    figures: list[Figure] = []
    texts: dict[str, str] = {}
    bases = {"当月": "increment", "期末数": "level"}
    for ind, label, value, unit, basis in DUP_ROWS:
        records.append(("2020-06", "金安区", label, value, unit, basis, "合成示例"))
        texts[label] = ind
        ref = a1(len(records), 4)
        figures.append(Figure("2020-06", "金安区", ind, value, unit, bases[basis], ref))
    records.append(records[DUP_OF - 1])
    dup = figures[DUP_OF - 2]
    figures.append(Figure(dup.period, dup.county, dup.indicator, dup.value, dup.unit, dup.basis,
                          a1(len(records), 4)))  # fmt: skip
    content = b"\xef\xbb\xbf" + text_records(records, ",").encode("utf-8")
    manifest = base_manifest("csv", "long_table")
    manifest.update(
        encoding="UTF-8 with BOM (Excel “CSV UTF-8”), comma-separated, CRLF line ends",
        period=source("2020-06", "column", "月份", "A1"),
        county=source("金安区", "column", "县区", "B1"),
        filled_date=None,
        filled_by=None,
        duplicate_rows=[{"lines": [DUP_OF, len(records)], "text": ",".join(records[DUP_OF - 1])}],
        notes=[
            "expected.csv lists every line as the file has it, the duplicate too; case.json says "
            "what the trust check must do with it.",
            "备注 “合成示例” marks the figures as synthetic.",
        ],
    )
    roles = ("period", "county", "indicator", "value", "unit", "basis", "note")
    columns = [
        column("", [(1, c)], [h], r)
        for c, (h, r) in enumerate(zip(header, roles, strict=True), start=1)
    ]
    out = SheetOut(figures=figures, indicator_texts=texts, header_rows=[1],
                   data_rows=[2, len(records)], columns=columns)  # fmt: skip
    return Fixture(
        path="金安区2020年6月数据.csv",
        content=content,
        figures=figures,
        manifest=finish_manifest(manifest, out, [sheet_entry("", out)]),
        layout="long CSV (trust case)",
        exercises="trust case",
        month_from="column A (月份)",
        county_from="column B (县区)",
    )


def duplicate_case() -> dict[str, Any]:
    """case.json of the duplicate-row case."""
    return {
        "case": "duplicate_row",
        "county": "金安区",
        "period": "2020-06",
        "expected": {
            "outcome": "duplicate_reported",
            "lines": [DUP_OF, len(DUP_ROWS) + 2],
            "indicator": "jobs",
            "why": "an exact copy of line 3 (same month, county, indicator, value, unit, basis); "
            "increments of one key add up, so counted twice it would double 带动就业 (455 -> 910)",
            "assumed_policy": "warn and count the figure once (an assumption of this fixture: "
            "the project has not decided it)",
        },
    }


# --------------------------------------------------------------------------------------------
# Build everything


def layout_fixtures() -> list[Fixture]:
    """The single-file fixtures (1 to 7)."""
    return [
        fixture_title_long(),
        fixture_filename_long(),
        fixture_wide(wrong_total=False),
        fixture_wide(wrong_total=True),
        fixture_long_table(),
        fixture_xls(),
        fixture_sheets(),
        fixture_unicode_text(),
    ]


def expected_csv(figures: Sequence[Figure]) -> bytes:
    """The tidy long CSV of the figures (UTF-8, no BOM, LF)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for f in figures:
        writer.writerow((f.period, f.county, f.indicator, f.value, f.unit, f.basis))
    return buf.getvalue().encode("utf-8")


def json_bytes(data: dict[str, Any]) -> bytes:
    """Pretty JSON, UTF-8, ending with a newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build() -> dict[str, bytes]:
    """Every output file (relative path -> bytes), README included."""
    files: dict[str, bytes] = {}

    def add(fx: Fixture, folder: str = "") -> None:
        path = f"{folder}{fx.path}"
        fx.manifest = {"file": fx.path, **fx.manifest}
        files[path] = fx.content
        files[f"{path}.expected.csv"] = expected_csv(fx.figures)
        files[f"{path}.expected.json"] = json_bytes(fx.manifest)

    singles = layout_fixtures()
    for fx in singles:
        add(fx)
    cases = trust_cases()
    for folder, fixtures, case in cases:
        for fx in fixtures:
            add(fx, f"trust/{folder}/")
        case = {**case, "files": [fx.path for fx in fixtures]}
        files[f"trust/{folder}/case.json"] = json_bytes(case)
    files["README.md"] = readme(singles, cases).encode("utf-8")
    return files


# --------------------------------------------------------------------------------------------
# Reading the fixtures back


class Sheet:
    """A read-back sheet: cell values by address, merged ranges and visibility."""

    def __init__(self, name: str, state: str = "visible") -> None:
        self.name = name
        self.state = state
        self.cells: dict[str, Any] = {}
        self.formats: dict[str, str] = {}
        self.merged: set[str] = set()

    def get(self, ref: str) -> Any:
        """The value at an address, None when empty."""
        return self.cells.get(ref)

    def row_text(self, row: int) -> str:
        """The text of the first non-empty cell in a row ('' for an empty row)."""
        for col in range(1, 40):
            value = self.cells.get(a1(row, col))
            if value not in (None, ""):
                return str(value)
        return ""


def load_xlsx(data: bytes) -> dict[str, Sheet]:
    """Read an .xlsx with openpyxl."""
    wb = load_workbook(io.BytesIO(data))
    sheets: dict[str, Sheet] = {}
    for ws in wb.worksheets:
        sheet = Sheet(ws.title, ws.sheet_state)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell, Cell) and cell.value is not None:
                    sheet.cells[cell.coordinate] = cell.value
                    sheet.formats[cell.coordinate] = cell.number_format
        sheet.merged = {str(m) for m in ws.merged_cells.ranges}
        sheets[ws.title] = sheet
    return sheets


def load_xls(data: bytes) -> dict[str, Sheet]:
    """Read a BIFF8 .xls with xlrd (merged ranges need formatting_info)."""
    xlrd = need("xlrd")
    book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    sheets: dict[str, Sheet] = {}
    for ws in book.sheets():
        sheet = Sheet(str(ws.name), "visible" if ws.visibility == 0 else "hidden")
        for r in range(ws.nrows):
            for c in range(ws.ncols):
                value = ws.cell_value(r, c)
                if value != "":
                    sheet.cells[a1(r + 1, c + 1)] = value
        sheet.merged = {rng(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in ws.merged_cells}
        sheets[sheet.name] = sheet
    return sheets


def load_text(data: bytes, encoding: str, sep: str) -> dict[str, Sheet]:
    """Read a delimited text file; addresses are record (row) and field (column)."""
    text = data.decode(encoding)
    sheet = Sheet("")
    for r, rec in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=sep), start=1):
        for c, value in enumerate(rec, start=1):
            if value != "":
                sheet.cells[a1(r, c)] = value
    return {"": sheet}


def load(path: str, data: bytes) -> dict[str, Sheet]:
    """Read any fixture by its extension."""
    if path.endswith(".xlsx"):
        return load_xlsx(data)
    if path.endswith(".xls"):
        return load_xls(data)
    if path.endswith(".txt"):
        if not data.startswith(b"\xff\xfe"):
            raise AssertionError("no UTF-16 LE BOM")
        return load_text(data, "utf-16", "\t")
    if not data.startswith(b"\xef\xbb\xbf"):
        raise AssertionError("no UTF-8 BOM")
    return load_text(data, "utf-8-sig", ",")


def as_decimal(value: Any) -> Decimal:
    """A cell's number (a number, or text like “1,020”) as a Decimal."""
    if isinstance(value, bool) or value is None:
        raise AssertionError(f"not a number: {value!r}")
    if isinstance(value, int | float):
        return Decimal(repr(value))
    return Decimal(str(value).replace(",", ""))


def at(sheets: dict[str, Sheet], ref: str) -> Any:
    """The value at Sheet!A1."""
    name, cell = split_ref(ref)
    return sheets[name].get(cell)


def check_fixture(path: str, data: bytes, csv_data: bytes, manifest: dict[str, Any]) -> list[str]:
    """Read a fixture back and compare it with its expected outputs; return the problems."""
    problems: list[str] = []

    def expect(ok: bool, message: str) -> None:
        if not ok:
            problems.append(f"{path}: {message}")

    expect(len(data) <= MAX_BYTES, f"{len(data)} bytes, over {MAX_BYTES}")
    sheets = load(path, data)
    rows = list(csv.reader(io.StringIO(csv_data.decode("utf-8"))))
    expect(tuple(rows[0]) == CSV_HEADER, "expected.csv header")
    figures = rows[1:]
    refs = manifest["figure_cells"]
    expect(len(refs) == len(figures), "figure_cells and expected.csv differ in length")
    for ref, (_, _, _, value, _, basis) in zip(refs, figures, strict=False):
        cell = at(sheets, ref)
        expect(as_decimal(cell) == Decimal(value), f"{ref} holds {cell!r}, expected {value}")
        expect(basis in ("increment", "ytd", "to_date", "level"), f"{ref}: basis {basis}")
    for entry in manifest["no_figure_cells"]:
        expect(entry["text"] in NO_FIGURE, f"{entry['cell']}: not a no-figure mark")
        expect(at(sheets, entry["cell"]) == entry["text"], f"{entry['cell']} != {entry['text']}")
    for entry in manifest["ignored_rows"]:
        name, row = split_ref(entry["row"])
        got = sheets[name].row_text(int(row))
        want = entry["text"].strip()
        expect(got.strip().startswith(want) if want else got == "", f"row {entry['row']}: {got!r}")
    for sheet in manifest["sheets"]:
        got_sheet = sheets.get(sheet["name"])
        if got_sheet is None:
            problems.append(f"{path}: no sheet {sheet['name']}")
            continue
        expect(got_sheet.state == sheet["state"], f"sheet {sheet['name']} is {got_sheet.state}")
        for col in sheet.get("columns", []):
            got_head = [at(sheets, ref) for ref in col["header_cells"]]
            expect(got_head == col["header"], f"header {col['header_cells']}: {got_head}")
        missing = set(sheet.get("merged_ranges", [])) - got_sheet.merged
        expect(not missing, f"sheet {sheet['name']}: merged ranges missing {sorted(missing)}")
    if path.endswith((".xlsx", ".xls")):
        expect(
            [s["name"] for s in manifest["sheets"]] == list(sheets),
            f"sheets {list(sheets)} differ from the manifest",
        )
    check_totals(manifest, figures, refs, sheets, expect)
    check_sources(manifest, sheets, expect)
    for entry in manifest.get("period", {}).get("cells", []):
        value = at(sheets, entry["cell"])
        name, cell = split_ref(entry["cell"])
        if entry["kind"] == "date":
            expect(isinstance(value, dt.datetime), f"{entry['cell']} is not a date: {value!r}")
            expect(sheets[name].formats.get(cell) == entry["number_format"], "date format")
        elif entry["kind"] == "number":
            expect(isinstance(value, float), f"{entry['cell']} is not a number: {value!r}")
            expect(f"{value:.2f}" == str(entry["written"]), f"{entry['cell']}: {value!r}")
        else:
            expect(value == entry["written"], f"{entry['cell']}: {value!r}")
    for part in manifest.get("checks", {}).get("parts", []):
        parent = [as_decimal(v) for v in row_numbers(sheets, part["parent"])]
        pieces = [row_numbers(sheets, ref) for ref in part["parts"]]
        sums = [sum((as_decimal(p[k]) for p in pieces), Decimal(0)) for k in range(len(parent))]
        expect(sums == parent, f"其中 rows {part['parts']} do not add up to {part['parent']}")
    for mistake in manifest["mistakes"]:
        check_mistake(mistake, sheets, expect)
    return problems


def row_numbers(sheets: dict[str, Sheet], ref: str) -> list[Any]:
    """The value cells (D, E) of a long-form row."""
    name, row = split_ref(ref)
    return [sheets[name].get(f"{col}{row}") for col in "DE"]


def check_totals(
    manifest: dict[str, Any],
    figures: list[list[str]],
    refs: list[str],
    sheets: dict[str, Sheet],
    expect: Callable[[bool, str], None],
) -> None:
    """Each declared 合计 cell holds its number; `computed` is the column's sum in expected.csv."""
    by_column: dict[str, Decimal] = {}
    for ref, (_, _, _, value, _, _) in zip(refs, figures, strict=False):
        name, cell = split_ref(ref)
        col = coordinate_from_string(cell)[0]
        key = f"{name}!{col}"
        by_column[key] = by_column.get(key, Decimal(0)) + Decimal(value)
    for total in manifest["total_rows"]:
        for entry in total["cells"]:
            name, cell = split_ref(entry["cell"])
            col = coordinate_from_string(cell)[0]
            got = as_decimal(at(sheets, entry["cell"]))
            expect(got == Decimal(entry["declared"]), f"{entry['cell']} holds {got}")
            column_sum = by_column.get(f"{name}!{col}", Decimal(0))
            expect(column_sum == Decimal(entry["computed"]), f"{entry['cell']}: sum {column_sum}")
            expect((got == column_sum) == entry["correct"], f"{entry['cell']}: correct flag")


def check_sources(
    manifest: dict[str, Any], sheets: dict[str, Sheet], expect: Callable[[bool, str], None]
) -> None:
    """The texts the month, county and 填报日期 come from are where the manifest says."""
    entries = [manifest["period"], manifest["county"]]
    if manifest["county"].get("also"):
        entries.append(manifest["county"]["also"])
    date = manifest.get("filled_date") or {}
    entries += list(date.get("per_sheet", {}).values()) or ([date] if date else [])
    for entry in entries:
        if "cell" in entry and entry.get("source") != "column":
            got = str(at(sheets, entry["cell"]) or "")
            expect(entry["text"] in got, f"{entry['cell']}: {entry['text']!r} not in {got!r}")
        elif entry.get("source") == "column":
            expect(at(sheets, entry["cell"]) == entry["text"], f"header {entry['cell']}")
        elif entry.get("source") == "file_name":
            expect(entry["text"] in manifest["file"], f"{entry['text']} not in the file name")
        elif entry.get("source") == "sheet_name":
            expect(set(entry["per_sheet"]) <= set(sheets), "sheet names")


def check_mistake(
    mistake: dict[str, Any], sheets: dict[str, Sheet], expect: Callable[[bool, str], None]
) -> None:
    """A declared mistake is really in the file."""
    kind = mistake["kind"]
    if kind == "wrong_total":
        got = as_decimal(at(sheets, mistake["cell"]))
        expect(got == Decimal(mistake["declared"]) != Decimal(mistake["computed"]), "wrong total")
    elif kind == "ytd_disagrees":
        inc, ytd = (as_decimal(at(sheets, ref)) for ref in mistake["cells"])
        expect(inc == Decimal(mistake["increment"]) and ytd == Decimal(mistake["ytd"]), "ytd")
        expect(inc > ytd, "the month does not exceed the year to date")
    elif kind == "unit_suspect":
        expect(as_decimal(at(sheets, mistake["cell"])) == Decimal(mistake["value"]), "unit")
    else:
        expect(False, f"unknown mistake kind {kind}")


def check_all(files: dict[str, bytes]) -> list[str]:
    """Read back every fixture; also the trust cases' cross-file claims."""
    problems: list[str] = []
    for path, data in sorted(files.items()):
        if path.endswith((".expected.csv", ".expected.json", ".json", ".md")):
            continue
        manifest = json.loads(files[f"{path}.expected.json"])
        problems += check_fixture(path, data, files[f"{path}.expected.csv"], manifest)
    for path, data in sorted(files.items()):
        if path.endswith("case.json"):
            problems += check_case(path, json.loads(data), files)
    return problems


def check_case(path: str, case: dict[str, Any], files: dict[str, bytes]) -> list[str]:
    """A trust case's files share county and month, and differ exactly as case.json says."""
    folder = path.rsplit("/", 1)[0]
    problems: list[str] = []
    tables = []
    for name in case["files"]:
        rows = list(csv.reader(io.StringIO(files[f"{folder}/{name}.expected.csv"].decode())))[1:]
        tables.append(rows)
        if {(r[0], r[1]) for r in rows} != {(case["period"], case["county"])}:
            problems.append(f"{path}: {name} is not {case['county']} {case['period']}")
    expected = case["expected"]
    if "differences" in expected:
        a = {(r[2], r[5]): r[3] for r in tables[0]}
        got = [
            {"indicator": r[2], "basis": r[5], "first": a[(r[2], r[5])], "second": r[3]}
            for r in tables[1]
            if a[(r[2], r[5])] != r[3]
        ]
        if got != expected["differences"] or not got:
            problems.append(f"{path}: differences {got}")
    if case["case"] == "duplicate_row":
        lines = files[f"{folder}/{case['files'][0]}"].decode("utf-8-sig").split("\r\n")
        first, second = expected["lines"]
        if lines[first - 1] != lines[second - 1] or len(set(lines[1:-1])) != len(lines) - 3:
            problems.append(f"{path}: lines {first} and {second} are not the only duplicate")
    return problems


# --------------------------------------------------------------------------------------------
# README


def readme(singles: list[Fixture], cases: list[tuple[str, list[Fixture], dict[str, Any]]]) -> str:
    """tests/fixtures/returns/README.md, generated so that it matches the files."""
    lines = [
        "# County returns (报表) as offices send them — SYNTHETIC test fixtures",
        "",
        "**Every figure here is invented (合成示例).** These files are made by",
        "`python scripts/make_return_fixtures.py` (do not edit them by hand; change the script and",
        "run it again; `--check` compares the files on disk with a fresh build and reads them back).",
        "They are for testing a reader of county returns: each fixture is built the way a county",
        "office builds its 报表 (as the shared domain notes describe them, section 4), and comes with",
        "what the reader must get out of it.",
        "",
        "## Files next to each fixture",
        "",
        "- `<fixture>.expected.csv` — the figures to extract, in the order they stand in the file:",
        "  UTF-8 (no BOM), LF, header `period,county,indicator,value,unit,basis`. `period` is",
        "  `YYYY-MM`, `county` the Chinese name in `data/targets.yaml`, `indicator` its id, `value`",
        "  the figure exactly as written in the file's own unit (thousands commas removed), `unit`",
        "  the unit the file states for it, `basis` `increment` (本月/当月), `ytd` (1-N月累计,",
        "  本年累计), `to_date` (开累, 自2018年累计) or `level` (a stock's level). Rule used: every",
        "  cumulative figure of the stock indicator `maker_spaces` (众创空间) is its `level`.",
        "  No-figure cells and 合计 rows are not in it.",
        "- `<fixture>.expected.json` — everything else the reader must report:",
        "  - `period`, `county`: the value and where it comes from (`source`: `title`,",
        "    `filled_by_line`, `file_name`, `column`, `sheet_name`, `hidden_sheet`), with the",
        "    `cell` and the `text` there (`value` is empty when it changes from row to row; a",
        "    long table's `period.cells` then lists every 月份 cell: how it is written, its number",
        "    format, the month it means and a `ytd` hint); `filled_date` (填报日期, `per_sheet` in",
        "    a workbook of county sheets) and `filled_by` (填报单位) when given, else null;",
        "    `correction_mark` in the trust cases;",
        "  - `sheets`: each sheet's `name` (`\"\"` for a text file's one table), `state`",
        "    (visible/hidden), `role` (`data`, `skipped`, `metadata`), its `header_rows`,",
        "    `data_rows` [first, last], `merged_ranges`, and `columns`: per column its",
        "    `header_cells` and `header` texts, its `role` (`seq`, `county`, `period`,",
        "    `indicator`, `value`, `unit`, `basis`, `note`) and, for value columns, `basis`",
        "    (and `indicator`, `unit` in a wide table);",
        "  - `indicator_texts`, `county_texts`: each name as written and what it means;",
        "  - `figure_cells`: the cell of each expected.csv line, in the same order;",
        "  - `total_rows`: each 合计 row with every cell's `declared` and `computed` number and",
        "    whether it is `correct`;",
        "  - `no_figure_cells`: cells holding `—`, `－`, `-`, `/`, `无` or `不适用` (nothing to",
        "    report, not 0), with indicator and basis;",
        "  - `ignored_rows`: rows that are not figures (footers, blank rows, 其中 sub-rows, …)",
        "    with the reason;",
        "  - `mistakes`: deliberate errors the reader or checker must report, with a",
        "    `message_hint`; `notes`: what else the fixture tests.",
        "- Addresses are `Sheet!A1` in workbooks. In text files they are the row and column as",
        "  the file opens in Excel (row = record, so a quoted multi-line field shifts later",
        "  records by a physical line).",
        "",
        "The expected files sit in the same folder as the fixtures: a test that reads a folder",
        "must pass the fixture files themselves (or leave out `*.expected.*` and `case.json`).",
        "Each single-file fixture stands alone; several describe the same county and month",
        "(the wide summary repeats 金寨县's June figures, for instance), so reading them all",
        "together is not a meaningful test.",
        "",
        "## Single-file fixtures",
        "",
        "| file | layout | what it exercises | month from | county from |",
        "|---|---|---|---|---|",
    ]
    for fx in singles:
        assert "|" not in fx.exercises + fx.layout, fx.path
        lines.append(
            f"| `{fx.path}` | {fx.layout} | {fx.exercises} | {fx.month_from} | {fx.county_from} |"
        )
    lines += [
        "",
        "## Trust cases (`trust/<case>/`, several files for one county and month)",
        "",
        "Each folder has the returns, their expected files, and `case.json` saying what the trust",
        "check must conclude (`expected.outcome`, the files to keep or drop, and the figures that",
        "differ).",
        "",
        "| folder | files | what it exercises |",
        "|---|---|---|",
    ]
    what = {
        "correction": "a return and its correction (更正 in name and title, later 填报日期): the "
        "correction replaces it",
        "later_date": "two unmarked returns, the second with a later 填报日期: keep the later, warn",
        "conflict": "two unmarked returns with the same 填报日期 and different figures: a conflict",
        "duplicate_row": "an Excel “CSV UTF-8” file with one line pasted twice: report it "
        "(the fixture assumes: count once)",
    }
    for folder, fixtures, _ in cases:
        names = "<br>".join(f"`{fx.path}`" for fx in fixtures)
        lines.append(f"| `trust/{folder}/` | {names} | {what[folder]} |")
    lines += [
        "",
        "## Deliberate mistakes",
        "",
        "- `各县区创业江淮行动计划进展情况汇总表 - 副本.xlsx`: one 合计 cell (带动就业, 1-6月累计)",
        "  has two digits exchanged; the reader must warn, giving both numbers.",
        "- `创业江淮进展情况统计表.xls`: 带动就业 本月完成 1348 is larger than its 1-5月累计 1100.",
        "- `创业江淮行动计划进展情况统计表（分县区）.xlsx`, sheet 裕安区: 创业担保贷款 本月 typed in",
        "  元 (7850000) where 万元 is expected.",
        "",
        "## Determinism",
        "",
        "Running the script again gives the same bytes: workbook properties carry fixed dates,",
        "the `dcterms:modified` stamp that openpyxl sets on saving is replaced by the fixed one,",
        "every zip member of an .xlsx gets the time 2020-07-10 09:00, there is no randomness, and",
        "xlwt writes no time stamps. What could still differ: the deflate bytes of an .xlsx depend",
        "on the zlib version, and another openpyxl or xlwt version may write its XML or records",
        "differently (the files stay equivalent; `--check` then reports which bytes changed).",
        "The 合计 cells hold values, not formulas (openpyxl cannot store a formula's cached result).",
        "",
        "Needs: openpyxl (project dependency), `xlwt` to write and `xlrd` to read the .xls fixture.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with --check compare) the fixtures, then read them back."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare with the files on disk")
    args = parser.parse_args(argv)
    files = build()
    if args.check:
        differ = [
            p
            for p, data in files.items()
            if not (OUT / p).is_file() or (OUT / p).read_bytes() != data
        ]
        for p in differ:
            print(f"不同 / differs: {p}")
        disk = {p: (OUT / p).read_bytes() for p in files if (OUT / p).is_file()}
        problems = check_all(disk) if not differ else check_all(files)
    else:
        for p, data in files.items():
            target = OUT / p
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        differ = []
        problems = check_all({p: (OUT / p).read_bytes() for p in files})
    for problem in problems:
        print(f"问题 / problem: {problem}")
    count = sum(
        1 for p in files if not p.endswith((".expected.csv", ".expected.json", ".json", ".md"))
    )
    print(f"{count} fixtures, {len(files)} files, {len(problems)} problems, {len(differ)} differ")
    return 1 if problems or differ else 0


if __name__ == "__main__":
    sys.exit(main())
