"""The view of ``chuangye tasks``: the task ledger (任务台账), one row per task and lead unit."""

from __future__ import annotations

from collections.abc import Sequence

from chuangye_cli.document import Bar, Cell, Column, Document, Kind, Row, Table, report
from chuangye_cli.taskledger import LeadRow, TaskLedger, select
from chuangye_cli.views.common import plan_header, plan_heading
from chuangye_cli.vocab import COL, NONE, TASK_STATUS, Label, Lang

SHORT = 24  # characters of 进展情况 shown in a table (the whole text in JSON and CSV)

# how a row's status colours the table, in the styles every writer knows
STYLE_OF = {
    "done": "done",
    "in_progress": "on_pace",
    "lagging": "behind",
    "not_reported": "severe",
    "not_started": "qualitative",
}

TASK_COLUMNS = (
    Column("task", COL["task"], Kind.NUMBER),
    Column("title", COL["title"], wide=True),
    Column("unit", Label("牵头单位", "lead unit")),
    Column("department", Label("责任科室", "department"), human=False),
    Column("person", Label("责任人", "person"), human=False),
    Column("standard", Label("完成标准", "standard"), human=False),
    Column("status", COL["status"], Kind.STATUS, styled=True),
    Column("reported", Label("本月已报送", "reported this month"), human=False),
    Column("last_update", Label("最近报送", "last report")),
    Column("progress", Label("进展情况", "progress"), wide=True),
    Column("evidence", Label("佐证材料", "evidence"), Kind.LIST, human=False),
    Column("next_steps", Label("下一步计划", "next steps"), human=False),
    Column("milestones_due", Label("到期节点", "milestones due"), Kind.NUMBER, human=False),
    Column("milestones_met", Label("已完成节点", "milestones met"), Kind.NUMBER, human=False),
    Column("due", Label("节点完成", "milestones met/due"), machine=False),
    Column("overdue", Label("逾期节点", "overdue"), Kind.LIST, styled=True, wide=True),
    Column("overdue_what", Label("逾期节点内容", "overdue: what"), Kind.LIST, human=False),
    Column("next_milestone", Label("下一节点", "next milestone"), wide=True),
    Column("next_milestone_what", Label("下一节点内容", "next milestone: what"), human=False),
    Column("indicators", COL["indicators"], Kind.LIST, human=False),
    Column(
        "completion",
        Label("关联指标完成率", "linked indicators"),
        Kind.RATIO,
        styled=True,
        bar=Bar.PLAIN,
    ),
    Column("indicator_status", Label("指标状态", "indicator status"), Kind.STATUS, human=False),
    Column("closable", Label("可销号", "can close")),
)


def short(text: str, limit: int = SHORT) -> str:
    """Text cut to ``limit`` characters with “…” where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def row_status(row: LeadRow) -> str | None:
    """The status people see: 未报送 when the month's return is missing, else the latest one."""
    if not row.reported:
        return "not_reported"
    return row.status


def task_rows(rows: Sequence[LeadRow], lang: Lang = "zh") -> tuple[Row, ...]:
    out = []
    previous = None
    for r in rows:
        first = r.duty.task.number != previous  # the title once per task
        previous = r.duty.task.number
        status = row_status(r)
        nxt = r.next_milestone
        overdue = r.overdue
        met = sum(1 for m in r.due if m.met is not None)
        out.append(
            Row(
                {
                    "task": Cell(r.duty.task.number),
                    "title": Cell(r.duty.task.title, text=None if first else ""),
                    "unit": Cell(r.duty.unit),
                    "department": Cell(r.duty.department),
                    "person": Cell(r.duty.person),
                    "standard": Cell(r.duty.standard),
                    "status": Cell(
                        status,
                        text=TASK_STATUS[status](lang) if status else NONE,
                        status=STYLE_OF.get(status or ""),
                    ),
                    "reported": Cell(r.reported),
                    "last_update": Cell(
                        str(r.last_update) if r.last_update else None,
                        text=r.last_update.label_zh if r.last_update else NONE,
                    ),
                    "progress": Cell(r.progress, text=short(r.progress) or NONE),
                    "evidence": Cell(list(r.evidence)),
                    "next_steps": Cell(r.next_steps),
                    "milestones_due": Cell(len(r.due)),
                    "milestones_met": Cell(met),
                    "due": Cell(f"{met}/{len(r.due)}" if r.milestones else NONE),
                    "overdue": Cell(
                        [str(m.due) for m in overdue],
                        text="；".join(f"{m.due.label_zh}：{m.what}" for m in overdue) or NONE,
                        status="severe" if overdue else "none",
                    ),
                    "overdue_what": Cell([m.what for m in overdue]),
                    "next_milestone": Cell(
                        str(nxt.due) if nxt else None,
                        text=f"{nxt.due.label_zh}：{nxt.what}" if nxt else NONE,
                    ),
                    "next_milestone_what": Cell(nxt.what if nxt else None),
                    "indicators": Cell(list(r.indicators)),
                    "completion": Cell(r.completion),
                    "indicator_status": Cell(r.indicator_status),
                    "closable": Cell(
                        r.closable, text=TASK_STATUS["closable"](lang) if r.closable else ""
                    ),
                },
                status=STYLE_OF.get(status or ""),
                group=str(r.duty.task.number),
            )
        )
    return tuple(out)


def ledger_table(rows: Sequence[LeadRow], lang: Lang = "zh") -> Table:
    show = (
        "task",
        "title",
        "unit",
        "status",
        "last_update",
        "progress",
        "due",
        "overdue",
        "next_milestone",
        "completion",
        "closable",
    )
    return Table("rows", TASK_COLUMNS, task_rows(rows, lang), sheet="任务台账", show=show)


def summary_lines(ledger: TaskLedger) -> list[str]:
    """Counts for people: 可销号, 逾期 and 未报送, naming who."""
    month = ledger.as_of.label_zh
    lines = []
    closable = ledger.closable_tasks
    lines.append("可销号任务：" + ("、".join(f"任务{n}" for n in closable) if closable else "无"))
    overdue = [
        f"任务{r.duty.task.number}·{r.duty.unit}“{m.what}”（{m.due.label_zh}）"
        for r in ledger.with_overdue
        for m in r.overdue
    ]
    lines.append(f"逾期节点{len(overdue)}个" + (f"：{'；'.join(overdue)}" if overdue else ""))
    if ledger.in_use:
        missing = [f"{r.duty.unit}（任务{r.duty.task.number}）" for r in ledger.not_reported]
        lines.append(
            f"{month}未报送{len(missing)}个" + (f"：{'、'.join(missing)}" if missing else "")
        )
    else:
        lines.append(
            "未读取任务报送（数据文件夹的 task-returns/ 或 --task-returns）：不判断未报送。"
        )
    return lines


def source_lines(ledger: TaskLedger) -> list[str]:
    sources = ledger.returns.sources
    lines = []
    if sources:
        files = "、".join(s.name for s in sources)
        rows = sum(s.rows for s in sources)
        lines.append(f"任务报送：{len(sources)}个文件，{rows}行（{files}）")
    if ledger.returns.synthetic:
        lines.append("注意：任务报送为合成示例（synthetic），并非真实报送。")
    if ledger.partner_returns:
        lines.append(f"配合单位报送{ledger.partner_returns}条，已读取，不列为行。")
    return lines


def tasks_document(
    ledger: TaskLedger,
    unit: str | None = None,
    tasks: Sequence[int] = (),
    lang: Lang = "zh",
) -> Document:
    """JSON: plan, as_of, returns_in_use, rows, closable_tasks."""
    plan = ledger.plan
    rows = select(ledger, unit, tasks)
    lines = [
        plan_heading(plan.meta),
        f"任务台账：截至{ledger.as_of.label_zh}　"
        f"{len({r.duty.task.number for r in rows})}项任务，{len(rows)}行（每项任务每个牵头单位一行）",
        *summary_lines(ledger),
    ]
    if plan.ledger_label:
        lines.append(f"时间节点、完成标准、责任科室：{plan.ledger_label}")
    lines += source_lines(ledger)
    return report(
        lines,
        [ledger_table(rows, lang)],
        lang=lang,
        header={
            "plan": plan_header(plan.meta),
            "as_of": str(ledger.as_of),
            "returns_in_use": ledger.in_use,
        },
        trailer={"closable_tasks": list(ledger.closable_tasks)},
    )
