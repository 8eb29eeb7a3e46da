"""The views of ``chuangye warnings``: the 预警 list, worst first, and the county rankings."""

from __future__ import annotations

from chuangye_cli.alerts import PACE_MONTHS, Alert, Alerts
from chuangye_cli.display import percent, quantity
from chuangye_cli.document import Cell, Column, Document, Kind, Row, Table, report
from chuangye_cli.plan import Plan
from chuangye_cli.views.common import month_label, plan_header, plan_heading
from chuangye_cli.vocab import ALERT_KIND, COL, LEVEL, NONE, OVERALL, Label, Lang


def describe(alert: Alert, plan: Plan, lang: Lang = "zh") -> str:
    """One sentence for people (Chinese, or English)."""
    names, units = plan.indicator_names, plan.indicator_units
    what = alert.subject + (f"·{names[alert.indicator]}" if alert.indicator else "")
    done, tp = percent(alert.completion), percent(alert.time_progress)
    if alert.kind == "projection":
        unit = units[alert.indicator] if alert.indicator else ""
        projected, pace = percent(alert.projected), quantity(alert.pace_needed)
        if lang == "en":
            return (
                f"{what}: at the average pace of the last {PACE_MONTHS} months, {projected} by "
                f"the end; {pace} {unit} a month are needed to reach the target"
            )
        return (
            f"{what}：按近{PACE_MONTHS}个月平均进度，期末预计完成{projected}；"
            f"需每月完成{pace}{unit}方能完成目标"
        )
    if alert.kind == "half_time":
        if lang == "en":
            return f"{what}: half the time has passed, {done} done, not half the target"
        return f"{what}：时间已过半，完成{done}，任务未过半"
    gap = quantity(alert.gap_points, 1)
    if lang == "en":
        return f"{what}: {done} done, {gap} points below the time elapsed ({tp})"
    return f"{what}：完成{done}，低于序时进度（{tp}）{gap}个百分点"


WARNINGS_TITLE = Label("预警清单（由重到轻）", "Warnings, worst first")
RANKINGS_TITLE = Label("县区排名（红黑榜）", "County rankings (top and bottom)")


WARNING_COLUMNS = (
    Column("kind", COL["kind"]),
    Column("level", COL["level"], Kind.STATUS, styled=True),
    Column("scope", COL["scope"], human=False),
    Column("subject", COL["subject"]),
    Column("subject_id", COL["county_id"], human=False),
    Column("indicator", COL["indicator_name"]),
    Column("completion", COL["completion"], Kind.RATIO),
    Column("time_progress", COL["time_progress"], Kind.RATIO),
    Column("gap_points", COL["gap_points"], Kind.POINTS),
    Column("projected", COL["projected"], Kind.RATIO),
    Column("pace_needed", COL["pace_needed"], Kind.QUANTITY),
    Column("message", COL["message"], wide=True),
)
WARNING_ORDER = (
    "level",
    "kind",
    "subject",
    "indicator",
    "completion",
    "time_progress",
    "gap_points",
    "message",
)


def warnings_table(
    alerts: Alerts, lang: Lang = "zh", items: tuple[Alert, ...] | None = None
) -> Table:
    plan = alerts.progress.plan
    names = plan.indicator_names
    chosen = alerts.items if items is None else items
    rows = tuple(
        Row(
            {
                "kind": Cell(a.kind, text=ALERT_KIND[a.kind](lang)),
                "level": Cell(a.level, text=LEVEL[a.level](lang)),
                "scope": Cell(a.scope),
                "subject": Cell(a.subject),
                "subject_id": Cell(a.subject_id),
                "indicator": Cell(a.indicator, text=names[a.indicator] if a.indicator else NONE),
                "completion": Cell(a.completion),
                "time_progress": Cell(a.time_progress),
                "gap_points": Cell(a.gap_points),
                "projected": Cell(a.projected),
                "pace_needed": Cell(a.pace_needed),
                "message": Cell(describe(a, plan, lang)),
            },
            status=a.level,
        )
        for a in chosen
    )
    return Table(
        "warnings",
        WARNING_COLUMNS,
        rows,
        title=WARNINGS_TITLE(lang),
        sheet="预警",
        show=WARNING_ORDER,
    )


RANKING_COLUMNS = (
    Column("indicator", COL["name"]),
    Column("entries", COL["ranking"], Kind.LIST, human=False),
    Column("first", COL["first"], Kind.LIST, wide=True),
    Column("last", COL["last"], Kind.LIST, wide=True),
    Column("ranking", COL["ranking"], machine=False, wide=True),
)


def ranking_table(alerts: Alerts, lang: Lang = "zh") -> Table:
    names = alerts.progress.plan.indicator_names
    rows = tuple(
        Row(
            {
                "indicator": Cell(
                    r.indicator, text=names[r.indicator] if r.indicator else OVERALL(lang)
                ),
                "entries": Cell(
                    [
                        {
                            "rank": e.rank,
                            "county": e.county,
                            "county_id": e.county_id,
                            "completion": e.completion,
                        }
                        for e in r.entries
                    ]
                ),
                "first": Cell(
                    [e.county for e in r.first],
                    text="、".join(f"{e.county} {percent(e.completion)}" for e in r.first),
                ),
                "last": Cell(
                    [e.county for e in r.last],
                    text="、".join(f"{e.county} {percent(e.completion)}" for e in r.last) or NONE,
                ),
                "ranking": Cell(" ".join(f"{e.rank}.{e.county}" for e in r.entries)),
            }
        )
        for r in alerts.rankings
    )
    return Table(
        "rankings",
        RANKING_COLUMNS,
        rows,
        title=RANKINGS_TITLE(lang),
        sheet="排名",
    )


def caption(alerts: Alerts, lang: Lang = "zh") -> list[str]:
    progress = alerts.progress
    t = progress.plan.thresholds
    counts = {
        level: sum(a.level == level for a in alerts.items) for level in ("red", "yellow", "green")
    }
    month, elapsed = month_label(progress.as_of, lang), percent(progress.time_progress)
    yellow, red = quantity(t.yellow * 100, 1), quantity(t.red * 100, 1)
    total = len(alerts.items)
    if lang == "en":
        return [
            plan_heading(progress.plan.meta),
            (f"Year {progress.year}: " if progress.year else "")
            + f"report month {month}, time elapsed {elapsed}",
            f"{total} warnings: red {counts['red']}, yellow {counts['yellow']}, green "
            f"{counts['green']} (yellow from {yellow} points below the time elapsed, red from "
            f"{red}; half the time without half the target is red)",
        ] + ([] if alerts.half_time else ["Not yet half the time: no half-time check."])
    return [
        plan_heading(progress.plan.meta),
        (f"{progress.year}年度　" if progress.year else "")
        + f"报告期：{month}　序时进度：{elapsed}",
        f"预警 {total} 条：红色 {counts['red']}，黄色 {counts['yellow']}，绿色 {counts['green']}"
        f"（低于序时 {yellow} 个百分点起为黄色，{red} 个百分点起为红色；"
        "时间过半而未过半者为红色）",
    ] + ([] if alerts.half_time else ["时间未过半：不作“时间过半、任务过半”检查。"])


def alerts_document(alerts: Alerts, lang: Lang = "zh") -> Document:
    """JSON: plan, as_of, year, time_progress, half_time, warnings, rankings."""
    progress = alerts.progress
    return report(
        caption(alerts, lang),
        [warnings_table(alerts, lang), ranking_table(alerts, lang)],
        lang=lang,
        header={
            "plan": plan_header(progress.plan.meta),
            "as_of": str(progress.as_of),
            "year": progress.year,
            "time_progress": progress.time_progress,
            "half_time": alerts.half_time,
        },
    )
