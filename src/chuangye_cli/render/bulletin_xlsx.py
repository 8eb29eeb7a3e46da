"""The bulletin as an Excel workbook: one sheet per view, real numbers with number formats,
frozen header rows, coloured statuses, a chart per indicator; identical bytes for the same input."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from chuangye_cli.alerts import KIND_ZH, LEVEL_ZH
from chuangye_cli.bulletin import Bulletin
from chuangye_cli.render.alerts_formats import describe
from chuangye_cli.render.bulletin_common import (
    county_matrix,
    meta_line,
    sources_lines,
    summary,
    title,
)
from chuangye_cli.render.records import status_zh

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

PERCENT = "0.0%"
QUANTITY = "#,##0.####"  # chosen per cell: whole numbers get WHOLE (no trailing point)
WHOLE = "#,##0"
FIXED_TIME = datetime(1980, 1, 1)  # document properties when no --generated-at is given
FILLS = {
    "done": "D8F0D8",
    "on_pace": "EEF8E8",
    "behind": "FFF3C4",
    "severe": "F8D0CC",
    "red": "F8D0CC",
    "yellow": "FFF3C4",
    "green": "EEF8E8",
}


def _width(value: object) -> int:
    text = str(value) if value is not None else ""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _sheet(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    formats: dict[int, str] | None = None,
    fills: Sequence[dict[int, str | None]] | None = None,
) -> None:
    """Header row (bold, frozen), data rows with number formats and fills, fitted widths."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(rows):
        ws.append(list(row))
        for c, fmt in (formats or {}).items():
            value = row[c]
            whole = isinstance(value, int | Decimal) and value == int(value)
            ws.cell(row=r + 2, column=c + 1).number_format = (
                WHOLE if fmt == QUANTITY and whole else fmt
            )
        for c, status in (fills[r] if fills else {}).items():
            if status in FILLS:
                ws.cell(row=r + 2, column=c + 1).fill = PatternFill("solid", fgColor=FILLS[status])
    ws.freeze_panes = "B2"
    for c, header in enumerate(headers):
        longest = (
            max([_width(header), *(_width(row[c]) for row in rows)]) if rows else _width(header)
        )
        if formats and c in formats:
            longest = max(_width(header), 12)
        ws.column_dimensions[get_column_letter(c + 1)].width = min(max(longest + 2, 8), 60)


def render_xlsx(b: Bulletin) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import LineChart, Reference
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    p = b.progress
    plan = p.plan
    names = plan.indicator_names
    wb = Workbook()
    stamp = FIXED_TIME
    if b.generated_at:
        stamp = datetime.fromisoformat(b.generated_at)
        if stamp.tzinfo is not None:  # document dates are UTC
            stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    wb.properties.creator = "chuangye"
    wb.properties.title = title(b)
    wb.properties.created = stamp.replace(tzinfo=None)
    wb.properties.modified = stamp.replace(tzinfo=None)
    wb.properties.lastModifiedBy = "chuangye"

    ws = wb.active
    assert ws is not None
    ws.title = "概览"
    ws["A1"] = title(b)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = meta_line(b)
    ws["A4"] = summary(b)
    ws["A4"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A4:J9")
    ws["A11"] = "数据来源与说明"
    ws["A11"].font = Font(bold=True)
    for k, line in enumerate(sources_lines(b)):
        ws.cell(row=12 + k, column=1, value=line)
    ws.column_dimensions["A"].width = 14

    _sheet(
        wb.create_sheet("指标"),
        [
            "指标",
            "指标代码",
            "单位",
            "目标",
            "累计完成",
            "完成率",
            "序时进度",
            "状态",
            "剩余",
            "尚需月均",
        ],
        [
            [
                r.indicator.name,
                r.indicator.id,
                r.indicator.unit,
                r.target,
                r.actual,
                r.completion,
                p.time_progress,
                status_zh(r.status),
                r.remaining,
                r.pace_needed,
            ]
            for r in p.indicators
        ],
        {3: QUANTITY, 4: QUANTITY, 5: PERCENT, 6: PERCENT, 8: QUANTITY, 9: QUANTITY},
        [{5: r.status, 7: r.status} for r in p.indicators],
    )
    columns, matrix = county_matrix(b)
    _sheet(
        wb.create_sheet("县区"),
        ["县区（完成率）", *columns],
        [[county, *(r.completion for r in rows)] for county, rows in matrix],
        {c: PERCENT for c in range(1, len(columns) + 1)},
        [{c + 1: r.status for c, r in enumerate(rows)} for _, rows in matrix],
    )
    _sheet(
        wb.create_sheet("县区明细"),
        [
            "县区",
            "县区代码",
            "指标",
            "单位",
            "目标",
            "累计完成",
            "完成率",
            "状态",
            "剩余",
            "尚需月均",
        ],
        [
            [
                r.county.name,
                r.county.id,
                r.indicator.name,
                r.indicator.unit,
                r.target,
                r.actual,
                r.completion,
                status_zh(r.status),
                r.remaining,
                r.pace_needed,
            ]
            for r in p.counties
        ],
        {4: QUANTITY, 5: QUANTITY, 6: PERCENT, 8: QUANTITY, 9: QUANTITY},
        [{6: r.status, 7: r.status} for r in p.counties],
    )
    _sheet(
        wb.create_sheet("责任单位"),
        ["责任单位", "牵头任务", "关联指标", "平均完成率", "状态"],
        [
            [
                r.unit.name,
                "、".join(map(str, r.tasks)),
                "、".join(names[i] for i in r.indicators),
                r.completion,
                status_zh(r.status),
            ]
            for r in p.units
        ],
        {3: PERCENT},
        [{3: r.status, 4: r.status} for r in p.units],
    )
    _sheet(
        wb.create_sheet("任务"),
        ["序号", "工作任务", "牵头责任单位", "配合单位", "关联指标", "完成率", "状态"],
        [
            [
                r.task.number,
                r.task.title,
                "、".join(r.task.leads),
                "、".join(r.task.partners),
                "、".join(names[i] for i in r.indicators),
                r.completion,
                status_zh(r.status),
            ]
            for r in p.tasks
        ],
        {5: PERCENT},
        [{5: r.status, 6: r.status} for r in p.tasks],
    )
    items = b.alerts.items
    _sheet(
        wb.create_sheet("预警"),
        [
            "预警",
            "类型",
            "对象",
            "指标",
            "完成率",
            "序时进度",
            "差距（百分点）",
            "期末预计完成率",
            "尚需月均",
            "说明",
        ],
        [
            [
                LEVEL_ZH[a.level],
                KIND_ZH[a.kind],
                a.subject,
                names.get(a.indicator or "", ""),
                a.completion,
                a.time_progress,
                a.gap_points,
                a.projected,
                a.pace_needed,
                describe(a, plan),
            ]
            for a in items
        ],
        {4: PERCENT, 5: PERCENT, 6: "0.0", 7: PERCENT, 8: QUANTITY},
        [{0: a.level} for a in items],
    )
    _sheet(
        wb.create_sheet("排名"),
        ["指标", "名次", "县区", "完成率"],
        [
            [names[r.indicator] if r.indicator else "综合", e.rank, e.county, e.completion]
            for r in b.alerts.rankings
            for e in r.entries
        ],
        {3: PERCENT},
    )
    trend_ws = wb.create_sheet("走势")
    headers = ["月份", "序时进度"]
    for t in b.trends:
        headers += [f"{t.indicator.name}累计（{t.indicator.unit}）", f"{t.indicator.name}完成率"]
    months = [pt.period for pt in b.trends[0].points] if b.trends else []
    rows: list[list[Any]] = []
    for k, period in enumerate(months):
        row: list[Any] = [str(period), b.trends[0].points[k].time_progress]
        for t in b.trends:
            row += [t.points[k].total, t.points[k].completion]
        rows.append(row)
    formats = {1: PERCENT}
    for j in range(len(b.trends)):
        formats[2 + 2 * j] = QUANTITY
        formats[3 + 2 * j] = PERCENT
    _sheet(trend_ws, headers, rows, formats)
    for j, t in enumerate(b.trends):
        chart = LineChart()
        chart.title = f"{t.indicator.name}：累计完成率与序时进度"
        chart.y_axis.number_format = "0%"
        chart.height, chart.width = 7, 12
        data_col = 4 + 2 * j
        chart.add_data(
            Reference(trend_ws, min_col=data_col, min_row=1, max_row=len(rows) + 1),
            titles_from_data=True,
        )
        chart.add_data(
            Reference(trend_ws, min_col=2, min_row=1, max_row=len(rows) + 1), titles_from_data=True
        )
        chart.set_categories(Reference(trend_ws, min_col=1, min_row=2, max_row=len(rows) + 1))
        anchor_row = 2 + (j // 2) * 15
        anchor_col = len(headers) + 2 + (j % 2) * 9
        trend_ws.add_chart(chart, f"{get_column_letter(anchor_col)}{anchor_row}")

    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)


def _fixed_zip(data: bytes, stamp: datetime) -> bytes:
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
