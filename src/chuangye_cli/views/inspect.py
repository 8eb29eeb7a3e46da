"""The view of ``chuangye inspect``: how each file and sheet was read — layout, header rows,
what each column became, where the month and the county came from, rows taken and rows left
out, and the figures as a small long table. This is how a clerk learns why a number is what
it is."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chuangye_cli.diagnostics import Diagnostic
from chuangye_cli.document import (
    Block,
    Cell,
    Column,
    Document,
    Kind,
    Paragraph,
    Row,
    Section,
    Table,
)
from chuangye_cli.plan import Plan
from chuangye_cli.reading import SheetReading
from chuangye_cli.reading.checker import plan_names
from chuangye_cli.reading.columns import BASIS_ZH
from chuangye_cli.reading.layout import ORIGIN_ZH, ColumnRole, Found
from chuangye_cli.views.common import plan_header, plan_heading
from chuangye_cli.vocab import COL, Label, Lang

LAYOUT_ZH = {
    "long": "长表（每行一个指标或一个数字）",
    "wide": "宽表（每行一个县区，每列一个指标）",
    "none": "没有可识别的表格",
    "template": "本工具生成的填报表（按隐藏记录读取）",
}
ROLE_ZH = {
    "period": "月份",
    "county": "县区",
    "indicator": "指标",
    "value": "数值",
    "unit": "单位",
    "basis": "口径",
    "note": "备注",
    "seq": "序号（不读）",
    "ignored": "不读",
}


def letters(index: int) -> str:
    """Excel's column letters for a 0-based index: 0 → A, 26 → AA."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


COLUMN_COLUMNS = (
    Column("column", Label("列", "column")),
    Column("header", Label("表头", "header"), wide=True),
    Column("role", Label("读作", "read as")),
    Column("indicator", COL["indicator_name"]),
    Column("unit", COL["unit"]),
    Column("basis", Label("口径", "basis")),
)
FIGURE_COLUMNS = (
    Column("cell", Label("单元格", "cell")),
    Column("period", COL["period"]),
    Column("county", COL["county"]),
    Column("indicator", COL["indicator_name"]),
    Column("basis", Label("口径", "basis")),
    Column("value", Label("数值（目标单位）", "value (target unit)"), Kind.QUANTITY, places=8),
    Column("unit", COL["unit"]),
)
LEFT_COLUMNS = (
    Column("line", Label("行", "row"), Kind.NUMBER),
    Column("reason", Label("原因", "reason"), wide=True),
)


def _found(found: Found | None, what: str) -> str:
    if found is None:
        return f"{what}：取自表中的列"
    where = ORIGIN_ZH.get(found.origin, found.origin)
    cell = f"（第{found.line}行）" if found.line else ""
    shown = f"“{found.shown}”" if found.shown and found.shown != found.text else ""
    return f"{what}：{found.text}，取自{where}{cell}{shown}"


def _found_json(found: Found | None) -> dict[str, object] | None:
    if found is None:
        return None
    return {
        "value": found.text,
        "from": found.origin,
        "line": found.line,
        "column": found.column,
        "text": found.shown,
        "ytd": found.ytd,
    }


def _blank(c: ColumnRole) -> bool:
    return c.role == "ignored" and not c.header.strip()


def _column_runs(columns: Sequence[ColumnRole]) -> list[tuple[ColumnRole, ColumnRole, int]]:
    """The columns as (first, last, count): a run of columns without a header that are not read
    (a sheet whose used range runs far to the right) as one; every other column alone."""
    runs: list[tuple[ColumnRole, ColumnRole, int]] = []
    for c in columns:
        if runs and _blank(c) and _blank(runs[-1][1]) and runs[-1][1].index + 1 == c.index:
            runs[-1] = (runs[-1][0], c, runs[-1][2] + 1)
        else:
            runs.append((c, c, 1))
    return runs


def _column_rows(
    columns: Sequence[ColumnRole], matched: Callable[[str], str | None]
) -> tuple[Row, ...]:
    """A row per column for people: G–CPGV 空列（共N列），不读 for a run of empty ones; a wide
    table's indicator as the plan names the one it was matched to (新增注册企业数 → 新增注册企业)."""
    rows: list[Row] = []
    for c, last, count in _column_runs(columns):
        if count > 1:
            span = f"{letters(c.index)}–{letters(last.index)}"
            text = f"空列（共{count}列），不读"
            rows.append(Row({"column": Cell(span), "role": Cell("ignored", text=text)}))
            continue
        rows.append(
            Row(
                {
                    "column": Cell(letters(c.index)),
                    "header": Cell(c.header),
                    "role": Cell(c.role, text=ROLE_ZH.get(c.role, c.role)),
                    "indicator": Cell(
                        c.indicator,
                        text=(matched(c.indicator) or c.indicator) if c.indicator else "",
                    ),
                    "unit": Cell(c.unit),
                    "basis": Cell(c.basis, text=BASIS_ZH.get(c.basis or "", "") if c.basis else ""),
                }
            )
        )
    return tuple(rows)


def _columns_json(columns: Sequence[ColumnRole]) -> list[dict[str, object]]:
    """The columns for scripts; a run of empty columns not read is one entry with ``to`` (its
    last column) and ``count``."""
    out: list[dict[str, object]] = []
    for c, last, count in _column_runs(columns):
        entry: dict[str, object] = {
            "column": letters(c.index),
            "header": c.header,
            "role": c.role,
            "indicator": c.indicator,
            "unit": c.unit,
            "basis": c.basis,
        }
        if count > 1:
            entry |= {"to": letters(last.index), "count": count}
        out.append(entry)
    return out


def inspect_document(
    plan: Plan, readings: Sequence[SheetReading], diagnostics: Sequence[Diagnostic], lang: Lang
) -> Document:
    units = plan.indicator_units
    names = plan.indicator_names
    lookup = plan_names(plan)

    def matched(text: str) -> str | None:  # as the reader matched it (plan_names)
        found = lookup.indicator(text)
        return names[found] if found is not None else None

    sections: list[Section] = []
    sheets_json: list[dict[str, object]] = []
    for k, r in enumerate(readings):
        where = r.file + (f"[{r.sheet}]" if r.sheet else "")
        lines = [
            f"格式：{r.kind}" + (f"，编码 {r.encoding}" if r.encoding else ""),
            f"布局：{LAYOUT_ZH.get(r.layout, r.layout)}"
            + (
                f"；表头在第{r.header[0]}"
                + (f"-{r.header[1]}" if r.header[1] != r.header[0] else "")
                + "行"
                if r.header[0]
                else ""
            ),
            _found(r.period, "月份"),
            _found(r.county, "县区"),
        ]
        if r.filed:
            lines.append(f"填报日期：{r.filed}")
        if r.marked:
            lines.append("标为更正报表（更正/修正/修订/补报）")
        lines.append(f"读入{r.rows_taken}行，{len(r.figures)}个数字；未读入{len(r.left_out)}行")
        columns = Table(
            f"columns{k}",
            COLUMN_COLUMNS,
            _column_rows(r.columns, matched),
            title="各列",
            machine=False,
        )
        left = Table(
            f"left{k}",
            LEFT_COLUMNS,
            tuple(Row({"line": Cell(line), "reason": Cell(reason)}) for line, reason in r.left_out),
            title="未读入的行",
            machine=False,
        )
        figures = Table(
            f"figures{k}",
            FIGURE_COLUMNS,
            tuple(
                Row(
                    {
                        "cell": Cell(f"{letters((f.column or 1) - 1)}{f.line}"),
                        "period": Cell(f.period),
                        "county": Cell(f.county),
                        "indicator": Cell(f.indicator, text=names[f.indicator]),
                        "basis": Cell(f.basis, text=BASIS_ZH.get(f.basis, f.basis)),
                        "value": Cell(f.value),
                        "unit": Cell(units[f.indicator]),
                    }
                )
                for f in r.figures
            ),
            title="读出的数字",
            machine=False,
        )
        blocks: list[Block] = [Paragraph("\n".join(lines)), columns]
        if r.left_out:
            blocks.append(left)
        blocks.append(figures)
        sections.append(Section(f"sheet{k}", where, tuple(blocks)))
        sheets_json.append(
            {
                "file": r.file,
                "sheet": r.sheet,
                "format": r.kind,
                "encoding": r.encoding,
                "layout": r.layout,
                "header_rows": list(r.header) if r.header[0] else None,
                "period": _found_json(r.period),
                "county": _found_json(r.county),
                "filed": r.filed,
                "correction": r.marked,
                "columns": _columns_json(r.columns),
                "rows_taken": r.rows_taken,
                "left_out": [{"line": line, "reason": reason} for line, reason in r.left_out],
                "figures": [
                    {
                        "line": f.line,
                        "column": f.column,
                        "period": f.period,
                        "county": f.county,
                        "indicator": f.indicator,
                        "basis": f.basis,
                        "value": f.value,
                        "unit": units[f.indicator],
                    }
                    for f in r.figures
                ],
            }
        )
    problems = [d for d in diagnostics if d.severity != "notice"]
    caption = [
        plan_heading(plan.meta),
        f"查看{len({r.file for r in readings})}个文件、{len(readings)}个工作表的读取方式",
    ]
    if problems:
        caption.append(
            f"另有{len(problems)}个错误或警告：见 chuangye validate"
            "（与其他报表、此前月份的核对也在其中）"
        )
    return Document(
        caption=tuple(caption),
        sections=tuple(sections),
        lang=lang,
        header={
            "plan": plan_header(plan.meta),
            "sheets": sheets_json,
            "diagnostics": [
                {
                    "code": d.code.value,
                    "severity": d.severity,
                    "file": d.file,
                    "sheet": d.sheet,
                    "line": d.line,
                    "column": d.column,
                    "message": d.message(lang),
                }
                for d in diagnostics
            ],
        },
    )
