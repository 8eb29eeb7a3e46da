"""Results as rows: machine rows (JSON/CSV, exact values) and display rows (Chinese, rounded)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from chuangye_cli.model import PlanMeta
from chuangye_cli.progress import STATUS_ZH, Progress
from chuangye_cli.render.numbers import bar, percent, quantity
from chuangye_cli.render.text import DisplayTable
from chuangye_cli.views import Selection, View

Row = dict[str, Any]


MACHINE_COLUMNS: dict[View, tuple[str, ...]] = {
    View.INDICATOR: (
        "indicator",
        "name",
        "unit",
        "target",
        "actual",
        "completion",
        "remaining",
        "pace_needed",
        "status",
    ),
    View.COUNTY: (
        "county",
        "county_id",
        "indicator",
        "unit",
        "target",
        "actual",
        "completion",
        "remaining",
        "pace_needed",
        "status",
    ),
    View.UNIT: ("unit", "tasks", "indicators", "completion", "status"),
    View.TASK: ("task", "title", "leads", "partners", "indicators", "completion", "status"),
}


def machine_rows(progress: Progress, selection: Selection) -> list[Row]:
    """The rows of the JSON ``rows`` list and of the CSV output, with exact values."""
    return _MACHINE[selection.by](progress, selection)


def _wanted(selection: Selection, indicator: str | None = None, county: str | None = None) -> bool:
    return (not selection.indicators or indicator in selection.indicators) and (
        not selection.counties or county in selection.counties
    )


def _indicator_rows(progress: Progress, selection: Selection) -> list[Row]:
    return [
        {
            "indicator": r.indicator.id,
            "name": r.indicator.name,
            "unit": r.indicator.unit,
            "target": r.target,
            "actual": r.actual,
            "completion": r.completion,
            "remaining": r.remaining,
            "pace_needed": r.pace_needed,
            "status": r.status,
        }
        for r in progress.indicators
        if _wanted(selection, r.indicator.id)
    ]


def _county_rows(progress: Progress, selection: Selection) -> list[Row]:
    return [
        {
            "county": r.county.name,
            "county_id": r.county.id,
            "indicator": r.indicator.id,
            "unit": r.indicator.unit,
            "target": r.target,
            "actual": r.actual,
            "completion": r.completion,
            "remaining": r.remaining,
            "pace_needed": r.pace_needed,
            "status": r.status,
        }
        for r in progress.counties
        if _wanted(selection, r.indicator.id, r.county.id)
    ]


def _unit_rows(progress: Progress, selection: Selection) -> list[Row]:
    return [
        {
            "unit": r.unit.name,
            "tasks": list(r.tasks),
            "indicators": list(r.indicators),
            "completion": r.completion,
            "status": r.status,
        }
        for r in progress.units
        if not selection.indicators or set(r.indicators) & set(selection.indicators)
    ]


def _task_rows(progress: Progress, selection: Selection) -> list[Row]:
    return [
        {
            "task": r.task.number,
            "title": r.task.title,
            "leads": list(r.task.leads),
            "partners": list(r.task.partners),
            "indicators": list(r.indicators),
            "completion": r.completion,
            "status": r.status,
        }
        for r in progress.tasks
        if not selection.indicators or set(r.indicators) & set(selection.indicators)
    ]


_MACHINE: dict[View, Callable[[Progress, Selection], list[Row]]] = {
    View.INDICATOR: _indicator_rows,
    View.COUNTY: _county_rows,
    View.UNIT: _unit_rows,
    View.TASK: _task_rows,
}


# --- display rows: what people read (Chinese headers, rounded figures) -----------------------


def status_zh(status: str | None) -> str:
    """A status in Chinese; — where there is none."""
    return STATUS_ZH.get(status, "—") if status else "—"


def plan_heading(meta: PlanMeta) -> str:
    """The plan's short title and document number, the first line of every caption."""
    title = meta.short_title or meta.title
    return title + (f"（{meta.document_number}）" if meta.document_number else "")


def display_table(progress: Progress, selection: Selection, bars: bool = True) -> DisplayTable:
    rows = machine_rows(progress, selection)
    names = progress.plan.indicator_names
    tp = percent(progress.time_progress)

    def completion(value: Decimal | None) -> str:
        return f"{bar(value)} {percent(value)}" if bars and value is not None else percent(value)

    if selection.by is View.INDICATOR:
        return DisplayTable(
            ["指标", "单位", "目标", "累计完成", "完成率", "序时进度", "状态", "尚需月均"],
            [
                [
                    r["name"],
                    r["unit"],
                    quantity(r["target"]),
                    quantity(r["actual"]),
                    completion(r["completion"]),
                    tp,
                    status_zh(r["status"]),
                    quantity(r["pace_needed"]),
                ]
                for r in rows
            ],
            [r["status"] for r in rows],
            {2, 3, 4, 5, 7},
            ["" for _ in rows],
            styled={4, 6},
        )
    if selection.by is View.COUNTY:
        notes = {(r.county.id, r.indicator.id): "；".join(r.notes) for r in progress.counties}
        several = len({r["indicator"] for r in rows}) > 1
        return DisplayTable(
            ["县区", "指标", "单位", "目标（示意）", "累计完成", "完成率", "状态", "备注"],
            [
                [
                    r["county"],
                    names[r["indicator"]],
                    r["unit"],
                    quantity(r["target"]),
                    quantity(r["actual"]),
                    completion(r["completion"]),
                    status_zh(r["status"]),
                    notes[(r["county_id"], r["indicator"])],
                ]
                for r in rows
            ],
            [r["status"] for r in rows],
            {3, 4, 5},
            [r["county_id"] if several else "" for r in rows],
            {7},
            styled={5, 6},
        )
    if selection.by is View.UNIT:
        return DisplayTable(
            ["责任单位", "牵头任务", "关联指标", "平均完成率", "状态"],
            [
                [
                    r["unit"],
                    "、".join(map(str, r["tasks"])) or "—",
                    "、".join(names[i] for i in r["indicators"]) or "—",
                    completion(r["completion"]),
                    status_zh(r["status"]),
                ]
                for r in rows
            ],
            [r["status"] for r in rows],
            {3},
            ["" for _ in rows],
            {2},
            styled={3, 4},
        )
    return DisplayTable(
        ["序号", "工作任务", "牵头责任单位", "配合单位", "关联指标", "完成率", "状态"],
        [
            [
                str(r["task"]),
                r["title"],
                "、".join(r["leads"]),
                "、".join(r["partners"]),
                "、".join(names[i] for i in r["indicators"]) or "—",
                completion(r["completion"]),
                status_zh(r["status"]),
            ]
            for r in rows
        ],
        [r["status"] for r in rows],
        {0, 5},
        ["" for _ in rows],
        {1, 2, 3, 4},
        styled={5, 6},
    )


def yearly_note(progress: Progress) -> list[str]:
    """In a yearly view, which indicators have no target for the year, and what is shown then."""
    missing = progress.no_yearly_target
    if progress.year is None or not missing:
        return []
    names = progress.plan.indicator_names
    which = (
        "各指标均"
        if len(missing) == len(progress.plan.indicators)
        else "、".join(names[i] for i in missing)
    )
    return [
        f"{which}未定义{progress.year}年度目标：目标列为全周期目标，完成率为本年新增（存量指标为"
        "当月水平）占全周期目标的比例，不判断状态。"
    ]


def caption_lines(progress: Progress, selection: Selection) -> list[str]:
    """Where the figures stand and where they came from, in Chinese."""
    scope = f"{progress.year}年度　" if progress.year is not None else ""
    lines = [
        plan_heading(progress.plan.meta),
        f"{scope}报告期：{progress.as_of.label_zh}　序时进度：{percent(progress.time_progress)}"
        f"（{progress.months_elapsed}/{progress.window_months}个月）",
    ]
    lines.extend(yearly_note(progress))
    sources = progress.actuals.sources
    if sources:
        files = "、".join(s.name for s in sources)
        lines.append(f"数据来源：{len(sources)}个文件，{progress.actuals.rows}行（{files}）")
        if progress.actuals.synthetic:
            lines.append("注意：示例数据为合成数据（synthetic），并非真实统计。")
    else:
        lines.append("数据来源：无实绩数据")
    allocation = progress.plan.allocation
    if selection.by is View.COUNTY and allocation is not None:
        lines.append(
            f"县区目标：{allocation.label}（分解方法见 targets.yaml 的 allocation.method）"
        )
    if selection.by in (View.UNIT, View.TASK) and progress.plan.links_label:
        lines.append(
            f"任务与指标的对应关系：{progress.plan.links_label}；"
            "完成率为关联指标完成率（每项以100%封顶）的平均值。"
        )
    return lines
