"""The 填报表: the workbook the city office sends each county for a month, to fill and return.

One sheet looks like the office's own form — title with the plan and the month, 填报单位 and
填报日期 lines, a row per indicator with its name and unit, columns 本月完成 and 1-N月累计 (the
previous month's running total shown beside them where earlier returns give it), 备注, and a
footer for 填表人, 审核人 and 联系电话 — printable on one A4 page. Only the input cells are
unlocked, and they accept only non-negative numbers (Excel data validation). A second sheet,
填表说明, says what each indicator counts. A very hidden sheet holds a machine-readable record of
the plan, county, month, rows and columns, so that the return is read back exactly whatever the
clerk renames (see :mod:`chuangye_cli.reading`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from chuangye_cli.domain import ZERO, Actuals
from chuangye_cli.periods import Period
from chuangye_cli.plan import AREA_HEAD, Plan
from chuangye_cli.reading import PREVIOUS_COLUMN
from chuangye_cli.reading import RECORD_SHEET as RECORD_SHEET  # the reader's, shared
from chuangye_cli.writers.xlsx import FIXED_TIME, fixed_zip

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

VERSION = "chuangye-template/1"
FIRST_ROW = 4  # the first indicator row
COLUMNS = {"increment": "D", "ytd": "E", "note": "G"}  # what the reader reads, by column
PREVIOUS = PREVIOUS_COLUMN  # 上月累计 (for reference; not read)
FONT = "宋体"
TITLE_FONT = "黑体"


@dataclass(frozen=True)
class TemplateFile:
    name: str  # a file name: 金寨县2020年6月创业江淮报表.xlsx
    county: str  # county id
    content: bytes


def previous_totals(
    plan: Plan, actuals: Actuals | None, county: str, month: Period
) -> dict[str, Decimal]:
    """Each indicator's 1-(N-1)月累计 (a stock: its level) for ``county``, where the earlier
    returns give the previous month; none in January."""
    if actuals is None or month.month == 1:
        return {}
    before = Period.from_index(month.index - 1)
    totals: dict[str, Decimal] = {}
    for indicator in plan.indicators:
        series = actuals.series.get((county, indicator.id))
        if series is None or before.index not in series.months:
            continue
        additions = series.additions()
        if indicator.kind == "stock":
            totals[indicator.id] = series.to_date(before.index)
        else:
            first = Period(month.year, 1).index
            totals[indicator.id] = sum(
                (v for m, v in additions.items() if first <= m <= before.index), ZERO
            )
    return totals


def build_template(
    plan: Plan,
    county: str,
    month: Period,
    previous: Mapping[str, Decimal] | None = None,
) -> TemplateFile:
    """The 填报表 of ``county`` (an id) for ``month``, as .xlsx bytes (the same every time)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    names = {c.id: c.name for c in plan.counties}
    county_name = names[county]
    short = plan.meta.short_title or plan.meta.title
    ytd_label = f"1-{month.month}月累计" if month.month > 1 else "1月累计"
    wb = Workbook()
    wb.properties.creator = "chuangye"
    wb.properties.title = f"{county_name}{month.label_zh}填报表"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = "chuangye"
    ws = wb.active
    assert ws is not None
    ws.title = f"{county_name}{month.year}年{month.month}月"[:31]

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    body = Font(name=FONT, size=11)
    bold = Font(name=FONT, size=11, bold=True)
    unlocked = Protection(locked=False)

    ws.merge_cells("A1:G1")
    ws["A1"] = f"{_titled(short, county_name)}进展情况统计表（{month.label_zh}）"
    ws["A1"].font = Font(name=TITLE_FONT, size=16, bold=True)
    ws["A1"].alignment = center
    ws.row_dimensions[1].height = 36
    ws.merge_cells("A2:C2")
    ws["A2"] = f"填报单位：{county_name}"
    ws["A2"].font = body
    ws["E2"] = "填报日期："
    ws["E2"].font = body
    ws["E2"].alignment = Alignment(horizontal="right", vertical="center")
    ws["F2"].number_format = "yyyy年m月d日"
    ws["F2"].protection = unlocked
    ws["F2"].font = body
    headers = ["序号", "指标名称", "计量单位", "本月完成", ytd_label, "上月累计（参考）", "备注"]
    for k, text in enumerate(headers, 1):
        cell = ws.cell(row=3, column=k, value=text)
        cell.font, cell.alignment, cell.border = bold, center, box
    ws.row_dimensions[3].height = 30
    last = FIRST_ROW + len(plan.indicators) - 1
    for k, indicator in enumerate(plan.indicators):
        row = FIRST_ROW + k
        unit = plan.reporting_unit_of(indicator).name
        previous_value = (previous or {}).get(indicator.id)
        values: list[int | str | None] = [k + 1, indicator.name, unit, None, None, None, None]
        for c, value in enumerate(values, 1):
            cell = ws.cell(row=row, column=c, value=value)
            cell.font, cell.border = body, box
            cell.alignment = left if c in (2, 7) else center
        if previous_value is not None:
            reporting = plan.reporting_unit_of(indicator)
            target = plan.unit_of(indicator)
            shown = previous_value * target.factor / reporting.factor
            ws[f"{PREVIOUS}{row}"] = float(shown) if shown != int(shown) else int(shown)
        ws[f"{PREVIOUS}{row}"].number_format = "#,##0.####"
        for column in ("D", "E", "G"):
            ws[f"{column}{row}"].protection = unlocked
        for column in ("D", "E"):
            ws[f"{column}{row}"].number_format = "#,##0.####"
    numbers = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="只能填写数字",
        error="请填写不小于0的数字：没有数据的留空，确为0的填0，不要填写文字。",
        promptTitle="填写说明",
        prompt="填写不小于0的数字；单位见“计量单位”列。",
        showInputMessage=True,
    )
    numbers.add(f"D{FIRST_ROW}:E{last}")
    ws.add_data_validation(numbers)
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="36526",  # 2000-01-01
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="日期",
        error="请填写日期，如 2020-07-05。",
    )
    dates.add("F2")
    ws.add_data_validation(dates)
    note_row = last + 1
    ws.merge_cells(f"A{note_row}:G{note_row}")
    stocks = "、".join(i.name for i in plan.indicators if i.kind == "stock")
    ws[f"A{note_row}"] = (
        f"注：本月完成填本月新增数；{ytd_label}填本年1月至本月的累计数"
        + (f"（{stocks}填截至本月底的累计数）" if stocks else "")
        + "；没有数据的留空，确为0的填0，不要填写文字。填写说明见“填表说明”工作表。"
    )
    ws[f"A{note_row}"].font = Font(name=FONT, size=9)
    ws[f"A{note_row}"].alignment = left
    ws.row_dimensions[note_row].height = 42
    footer = note_row + 1
    for column, label in (("A", "填表人："), ("C", "审核人："), ("E", "联系电话：")):
        ws[f"{column}{footer}"] = label
        ws[f"{column}{footer}"].font = body
        ws[f"{column}{footer}"].alignment = Alignment(horizontal="right")
        value_cell = ws[f"{chr(ord(column) + 1)}{footer}"]
        value_cell.protection = unlocked
        value_cell.border = Border(bottom=thin)
    for column, width in zip("ABCDEFG", (6, 30, 10, 12, 13, 14, 18), strict=True):
        ws.column_dimensions[column].width = width
    for row in range(FIRST_ROW, last + 1):
        ws.row_dimensions[row].height = 24
    ws.print_area = f"A1:G{footer}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may still be changed
    ws.freeze_panes = "C4"

    _instructions(wb.create_sheet("填表说明"), plan, ytd_label)
    record = wb.create_sheet(RECORD_SHEET)
    rows = [
        ("version", VERSION),
        ("plan", plan.meta.id),
        ("county", county),
        ("county_name", county_name),
        ("period", str(month)),
        ("sheet", ws.title),
        ("first_row", str(FIRST_ROW)),
        ("columns", ",".join(f"{k}={v}" for k, v in COLUMNS.items())),
        ("rows", ",".join(i.id for i in plan.indicators)),
    ]
    for key, value in rows:
        record.append([key, value])
    record.sheet_state = "veryHidden"
    record.protection.sheet = True
    buffer = io.BytesIO()
    wb.save(buffer)
    name = f"{county_name}{month.year}年{month.month}月{_plain_title(short)}报表.xlsx"
    return TemplateFile(name, county, fixed_zip(buffer.getvalue(), FIXED_TIME))


def _titled(short: str, county: str) -> str:
    """The plan's short title for one county's form: the county's name in place of the
    area's at its head (金寨县“创业江淮”行动计划…, not 金寨县六安市“创业江淮”…); the title as
    it is for a city's own units (市直) or a county named in it already."""
    if county in short or county.startswith("市"):
        return short
    head = AREA_HEAD.match(short)
    return county + (short[head.end() :] if head else short)


def _plain_title(short: str) -> str:
    """The plan's short title without quotes and years, for a file name."""
    for ch in '“”"（）()0123456789-年':
        short = short.replace(ch, "")
    return short.replace("六安市", "").replace("行动计划", "")


def _instructions(ws: Worksheet, plan: Plan, ytd_label: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws.append(["填表说明"])
    ws["A1"].font = Font(name=TITLE_FONT, size=14, bold=True)
    ws.append([])
    ws.append(["指标", "计量单位", "文件原文", "口径", "说明"])
    for cell in ws[3]:
        cell.font = Font(name=FONT, bold=True)
    for indicator in plan.indicators:
        unit = plan.reporting_unit_of(indicator).name
        if indicator.kind == "stock":
            basis = "存量（累计）"
            how = f"本月完成填本月新建成数；{ytd_label}填截至本月底的累计数。"
        else:
            basis = "流量（新增）"
            how = f"本月完成填本月新增数；{ytd_label}填本年1月至本月的累计数。"
        if indicator.at_least:
            how += "目标为“以上”：达到或超过目标即完成。"
        ws.append([indicator.name, unit, indicator.text or "", basis, how])
    ws.append([])
    for line in (
        "1. 只填写白色单元格；其余单元格已锁定。",
        "2. 数值按“计量单位”列的单位填写；没有数据的留空（不是0）。",
        "3. 本表带有隐藏的填报信息（县区、月份），改名后仍可读取，请勿删除工作表。",
        "4. 更正已报送的报表时，在文件名或标题中注明“更正”，或填写较晚的填报日期。",
    ):
        ws.append([line])
    for column, width in zip("ABCDE", (30, 10, 36, 14, 60), strict=True):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.protection.sheet = True
