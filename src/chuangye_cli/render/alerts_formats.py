"""Output of ``chuangye warnings``: the 预警 list, worst first, and the county rankings."""

from __future__ import annotations

from chuangye_cli.alerts import KIND_ZH, LEVEL_ZH, PACE_MONTHS, Alert, Alerts
from chuangye_cli.plan import Plan
from chuangye_cli.render.machine import csv_text, dumps, plan_header
from chuangye_cli.render.numbers import percent, quantity
from chuangye_cli.render.records import plan_heading
from chuangye_cli.render.text import DisplayTable, check_format, rich_text, tabulated

COLUMNS = (
    "kind",
    "level",
    "scope",
    "subject",
    "subject_id",
    "indicator",
    "completion",
    "time_progress",
    "gap_points",
    "projected",
    "pace_needed",
    "message",
)


def describe(alert: Alert, plan: Plan) -> str:
    """One sentence in Chinese for people."""
    names, units = plan.indicator_names, plan.indicator_units
    what = alert.subject + (f"·{names[alert.indicator]}" if alert.indicator else "")
    if alert.kind == "projection":
        unit = units[alert.indicator] if alert.indicator else ""
        return (
            f"{what}：按近{PACE_MONTHS}个月平均进度，期末预计完成{percent(alert.projected)}；"
            f"需每月完成{quantity(alert.pace_needed)}{unit}方能完成目标"
        )
    if alert.kind == "half_time":
        return f"{what}：时间已过半，完成{percent(alert.completion)}，任务未过半"
    return (
        f"{what}：完成{percent(alert.completion)}，低于序时进度（{percent(alert.time_progress)}）"
        f"{quantity(alert.gap_points, 1)}个百分点"
    )


def alert_rows(alerts: Alerts) -> list[dict[str, object]]:
    plan = alerts.progress.plan
    return [
        {
            "kind": a.kind,
            "level": a.level,
            "scope": a.scope,
            "subject": a.subject,
            "subject_id": a.subject_id,
            "indicator": a.indicator,
            "completion": a.completion,
            "time_progress": a.time_progress,
            "gap_points": a.gap_points,
            "projected": a.projected,
            "pace_needed": a.pace_needed,
            "message": describe(a, plan),
        }
        for a in alerts.items
    ]


def alerts_document(alerts: Alerts) -> dict[str, object]:
    progress = alerts.progress
    meta = progress.plan.meta
    return {
        "plan": plan_header(meta),
        "as_of": str(progress.as_of),
        "year": progress.year,
        "time_progress": progress.time_progress,
        "half_time": alerts.half_time,
        "warnings": alert_rows(alerts),
        "rankings": [
            {
                "indicator": r.indicator,
                "entries": [
                    {
                        "rank": e.rank,
                        "county": e.county,
                        "county_id": e.county_id,
                        "completion": e.completion,
                    }
                    for e in r.entries
                ],
                "first": [e.county for e in r.first],
                "last": [e.county for e in r.last],
            }
            for r in alerts.rankings
        ],
    }


def warnings_table(alerts: Alerts) -> DisplayTable:
    plan = alerts.progress.plan
    names = plan.indicator_names
    rows = [
        [
            LEVEL_ZH[a.level],
            KIND_ZH[a.kind],
            a.subject,
            names[a.indicator] if a.indicator else "—",
            percent(a.completion),
            percent(a.time_progress),
            quantity(a.gap_points, 1),
            describe(a, plan),
        ]
        for a in alerts.items
    ]
    return DisplayTable(
        ["预警", "类型", "对象", "指标", "完成率", "序时进度", "差距（百分点）", "说明"],
        rows,
        [a.level for a in alerts.items],
        {4, 5, 6},
        ["" for _ in rows],
        wide={7},
        styled={0},
        title="预警清单（由重到轻）",
    )


def ranking_table(alerts: Alerts) -> DisplayTable:
    names = alerts.progress.plan.indicator_names
    rows = [
        [
            names[r.indicator] if r.indicator else "综合（各指标完成率封顶后平均）",
            "、".join(f"{e.county} {percent(e.completion)}" for e in r.first),
            "、".join(f"{e.county} {percent(e.completion)}" for e in r.last) or "—",
            " ".join(f"{e.rank}.{e.county}" for e in r.entries),
        ]
        for r in alerts.rankings
    ]
    return DisplayTable(
        ["指标", "红榜（首位）", "黑榜（末位）", "排名"],
        rows,
        [None for _ in rows],
        set(),
        ["" for _ in rows],
        wide={1, 2, 3},
        title="县区排名（红黑榜）",
    )


def caption(alerts: Alerts) -> list[str]:
    progress = alerts.progress
    meta = progress.plan.meta
    t = progress.plan.thresholds
    counts = {
        level: sum(a.level == level for a in alerts.items) for level in ("red", "yellow", "green")
    }
    return [
        plan_heading(meta),
        (f"{progress.year}年度　" if progress.year else "")
        + f"报告期：{progress.as_of.label_zh}　序时进度：{percent(progress.time_progress)}",
        f"预警 {len(alerts.items)} 条：红色 {counts['red']}，黄色 {counts['yellow']}，绿色 {counts['green']}"
        f"（低于序时 {quantity(t.yellow * 100, 1)} 个百分点起为黄色，{quantity(t.red * 100, 1)} 个百分点起为红色；"
        "时间过半而未过半者为红色）",
    ] + ([] if alerts.half_time else ["时间未过半：不作“时间过半、任务过半”检查。"])


def render_alerts(
    alerts: Alerts, fmt: str, *, color: bool = False, width: int | None = None
) -> str:
    check_format(fmt)
    if fmt == "json":
        return dumps(alerts_document(alerts)) + "\n"
    if fmt == "csv":
        return csv_text(alert_rows(alerts), COLUMNS)
    tables = [warnings_table(alerts), ranking_table(alerts)]
    if fmt == "table":
        return rich_text(tables, caption(alerts), color=color, width=width)
    return tabulated(tables, caption(alerts), fmt)
