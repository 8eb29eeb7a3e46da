"""The view of ``chuangye returns`` (报送情况): for people, a row per reporter and year with one
mark per month; for machines, one record per reporter and month."""

from __future__ import annotations

from collections.abc import Sequence

from chuangye_cli.document import Cell, Column, Document, Kind, Row, Table, report
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.returns import ReturnCell, ReturnsStatus
from chuangye_cli.views.common import plan_header, plan_heading
from chuangye_cli.vocab import COL, Label, Lang

STATE: dict[str, Label] = {
    "reported": Label("已报", "reported"),
    "missing": Label("未报", "missing"),
    "late": Label("迟报", "late"),
    "corrected": Label("已更正", "corrected"),
}
MARK = {"reported": "报", "missing": "缺", "late": "迟", "corrected": "更"}
STYLE = {"reported": "done", "missing": "severe", "late": "behind", "corrected": "on_pace"}

RECORD_COLUMNS = (
    Column("reporter", COL["subject"]),
    Column("reporter_id", COL["county_id"]),
    Column("kind", COL["kind"]),
    Column("month", COL["period"]),
    Column("state", COL["status"], styled=True),
    Column("filed", Label("填报日期", "filed")),
    Column("due", Label("应报日期", "due")),
    Column("source", COL["file"], wide=True),
    Column("replaced", Label("被取代的报表", "replaced"), Kind.LIST, wide=True),
    # the indicators a county's return that came lacks (returns.partial)
    Column("lacking", Label("缺报指标", "lacking"), Kind.LIST, wide=True),
)


def _lacking(plan: Plan, status: ReturnsStatus) -> dict[tuple[str, Period], list[str]]:
    """The indicators (in the plan's order) each (reporter, month)'s return that came
    without (returns.partial)."""
    order = {i.id: n for n, i in enumerate(plan.indicators)}
    lacking: dict[tuple[str, Period], list[str]] = {}
    for (county, ind), months in sorted(status.partial.items(), key=lambda kv: order[kv[0][1]]):
        for month in months:
            lacking.setdefault((county, month), []).append(ind)
    return lacking


def _records(
    status: ReturnsStatus, lang: Lang, lacking: dict[tuple[str, Period], list[str]]
) -> Table:
    rows = tuple(
        Row(
            {
                "reporter": Cell(c.reporter.name),
                "reporter_id": Cell(c.reporter.id),
                "kind": Cell(c.reporter.kind),
                "month": Cell(str(c.month)),
                "state": Cell(c.state, text=STATE[c.state](lang), status=STYLE[c.state]),
                "filed": Cell(c.filed.isoformat() if c.filed else None),
                "due": Cell(c.due.isoformat()),
                "source": Cell(c.source),
                "replaced": Cell(list(c.replaced)),
                "lacking": Cell(lacking.get((c.reporter.id, c.month), [])),
            },
            status=STYLE[c.state],
        )
        for c in status.cells
    )
    return Table("returns", RECORD_COLUMNS, rows, sheet="报送明细", human=False)


def _matrix(
    status: ReturnsStatus,
    lang: Lang,
    lacking: dict[tuple[str, Period], list[str]],
    early: Sequence[ReturnCell] = (),
) -> Table:
    """``early``: returns of months after the report month already in, shown as sent (the
    others of those months are not due yet: blank, not 缺)."""
    months = [
        Column(f"m{m}", Label(f"{m}月", f"{m}"), styled=True, brief=Label(f"{m}", f"{m}"))
        for m in range(1, 13)
    ]
    columns = (
        Column("reporter", Label("报送单位", "reporter")),
        Column("year", Label("年份", "year"), Kind.NUMBER),
        *months,
        Column("missing", Label("未报", "missing"), Kind.NUMBER),
    )
    years = sorted({m.year for m in status.months} | {c.month.year for c in early})
    rows = []
    for reporter in status.reporters:
        cells = status.of(reporter.id) + [c for c in early if c.reporter.id == reporter.id]
        for year in years:
            row: dict[str, Cell] = {
                "reporter": Cell(reporter.name),
                "year": Cell(year),
            }
            for c in cells:
                if c.month.year == year:
                    short = (c.reporter.id, c.month) in lacking  # came, without some figures
                    row[f"m{c.month.month}"] = Cell(
                        c.state,
                        text=MARK[c.state] + ("*" if short else ""),
                        status="behind" if short and c.state == "reported" else STYLE[c.state],
                    )
            row["missing"] = Cell(
                sum(1 for c in cells if c.month.year == year and c.state == "missing")
            )
            rows.append(Row(row, group=reporter.id))
    title = Label(
        "报送情况（报=已报，缺=未报，迟=迟报，更=已更正，*=报表缺项）",
        "returns (报 reported, 缺 missing, 迟 late, 更 corrected, * lacking figures)",
    )(lang)
    return Table("matrix", columns, tuple(rows), title=title, sheet="报送情况", machine=False)


def returns_document(
    plan: Plan,
    status: ReturnsStatus,
    lang: Lang = "zh",
    errors: int = 0,
    early: Sequence[ReturnCell] = (),
) -> Document:
    """JSON: plan, as_of, due_day, returns (one record per reporter and month), and
    ``unread_errors``: the errors in the returns, whose figures were not read (``errors``; the
    command goes on despite them). ``early``: returns of months after the report month already
    in (not yet due): shown in the table and said in the caption, not among the records."""
    missing = status.missing()
    late = [c for c in status.cells if c.state == "late"]
    corrected = [c for c in status.cells if c.state == "corrected"]
    reporting = plan.reporting
    assert reporting is not None
    lacking = _lacking(plan, status)
    lines = [
        plan_heading(plan.meta),
        f"报送情况：{status.months[0].label_zh}至{status.as_of.label_zh}，"
        f"{len(status.reporters)}个报送单位，应报{len(status.cells)}份",
        f"未报{len(missing)}份，迟报{len(late)}份，已更正{len(corrected)}份，"
        f"缺项{len(lacking)}份；"
        f"每月报表应于次月{reporting.due_day}日前报送（{reporting.label}）。",
    ]
    now = [c.reporter.name for c in missing if c.month == status.as_of]
    if now:
        lines.append(f"{status.as_of.label_zh}未报送：{'、'.join(now)}")
    names = plan.indicator_names
    short = [
        f"{c.reporter.name}（{'、'.join(names[i] for i in lacking[key])}）"
        for c in status.cells
        if c.month == status.as_of and (key := (c.reporter.id, c.month)) in lacking
    ]
    if short:
        lines.append(f"{status.as_of.label_zh}报表缺项：{'、'.join(short)}")
    if early:
        by_month: dict[Period, list[str]] = {}
        for c in early:
            by_month.setdefault(c.month, []).append(c.reporter.name)
        lines.append(
            "已提前报送（尚未到期，不计入本期）："
            + "；".join(f"{m.label_zh}：{'、'.join(who)}" for m, who in sorted(by_month.items()))
        )
    if errors:
        lines.append(
            f"注意：报表中有{errors}个错误，出错的数字未读入：只有出错数字的报表在此显示为未报送，"
            "出错的指标显示为缺项；改正后重新运行（明细见 chuangye validate）"
        )
    return report(
        lines,
        [_records(status, lang, lacking), _matrix(status, lang, lacking, early)],
        lang=lang,
        header={
            "plan": plan_header(plan.meta),
            "as_of": str(status.as_of),
            "due_day": reporting.due_day,
        },
        trailer={"unread_errors": errors},
    )
