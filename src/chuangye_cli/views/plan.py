"""The view of ``chuangye plan``: the plan at a glance — indicators, counties, responsible units
and tasks, as the plan files declare them (no figures)."""

from __future__ import annotations

from collections.abc import Collection

from chuangye_cli.choices import PlanPart
from chuangye_cli.document import Cell, Column, Document, Kind, Row, Table, report
from chuangye_cli.plan import Plan
from chuangye_cli.views.common import month_label, plan_header, plan_heading
from chuangye_cli.vocab import COL, NONE, Label, Lang

KINDS = {
    "flow": Label("流量（新增）", "flow (additions)"),
    "stock": Label("存量（累计）", "stock (level)"),
    "district": Label("区", "district"),
    "county": Label("县", "county"),
    "zone": Label("开发区", "development zone"),
    "city": Label("市直", "the city itself"),
    "department": Label("部门", "department"),
    "coordinator": Label("协调单位", "coordinator"),
    "counties": Label("各县区", "the counties"),
}
ID = Label("代码", "id")
NAME = Label("名称", "name")
ALIASES = Label("别名", "aliases")
KIND = Label("类别", "kind")

INDICATOR_COLUMNS = (
    Column("id", ID),
    Column("name", NAME),
    Column("target", COL["target"], Kind.QUANTITY),
    Column("unit", COL["unit"]),
    Column("kind", Label("流量/存量", "flow/stock")),
    Column("reporting_unit", Label("上报单位", "reported in")),
    Column("at_least", Label("以上", "at least"), human=False),
    Column("aliases", ALIASES, Kind.LIST, wide=True),
    Column("text", Label("文件原文", "the document's words"), human=False),
)
COUNTY_COLUMNS = (
    Column("name", NAME),
    Column("code", Label("区划代码", "division code")),
    Column("id", ID),
    Column("kind", KIND),
    Column("aliases", ALIASES, Kind.LIST, wide=True),
)
UNIT_COLUMNS = (
    Column("name", COL["unit_name"]),
    Column("kind", KIND),
    Column("leads", COL["tasks"], Kind.LIST),
    Column("partners", Label("配合任务", "tasks supported"), Kind.LIST),
)
TASK_COLUMNS = (
    Column("number", COL["task"], Kind.NUMBER),
    Column("title", COL["title"], wide=True),
    Column("leads", COL["leads"], Kind.LIST, wide=True),
    Column("partners", COL["partners"], Kind.LIST, wide=True),
    Column("indicators", COL["indicators"], Kind.LIST, wide=True),
)
TITLES = {
    PlanPart.INDICATORS: Label("指标", "Indicators"),
    PlanPart.COUNTIES: Label("县区", "Counties"),
    PlanPart.UNITS: Label("责任单位", "Responsible units"),
    PlanPart.TASKS: Label("工作任务", "Tasks"),
}


def _kind(code: str, lang: Lang) -> Cell:
    return Cell(code, text=KINDS[code](lang) if code in KINDS else code)


def indicator_table(plan: Plan, lang: Lang = "zh") -> Table:
    rows = tuple(
        Row(
            {
                "id": Cell(i.id),
                "name": Cell(i.name),
                "target": Cell(i.target),
                "unit": Cell(i.unit),
                "kind": _kind(i.kind, lang),
                "reporting_unit": Cell(i.reporting_unit or i.unit),
                "at_least": Cell(i.at_least),
                "aliases": Cell(list(i.aliases)),
                "text": Cell(i.text),
            }
        )
        for i in plan.indicators
    )
    return Table(
        "indicators", INDICATOR_COLUMNS, rows, title=TITLES[PlanPart.INDICATORS](lang), sheet="指标"
    )


def county_table(plan: Plan, lang: Lang = "zh") -> Table:
    rows = tuple(
        Row(
            {
                "name": Cell(c.name),
                "code": Cell(c.code),
                "id": Cell(c.id),
                "kind": _kind(c.kind, lang),
                "aliases": Cell(list(c.aliases)),
            }
        )
        for c in plan.counties
    )
    return Table(
        "counties", COUNTY_COLUMNS, rows, title=TITLES[PlanPart.COUNTIES](lang), sheet="县区"
    )


def unit_table(plan: Plan, lang: Lang = "zh") -> Table:
    rows = tuple(
        Row(
            {
                "name": Cell(u.name),
                "kind": _kind(u.kind, lang),
                "leads": Cell([t.number for t in plan.tasks if u.name in t.leads]),
                "partners": Cell([t.number for t in plan.tasks if u.name in t.partners]),
            }
        )
        for u in plan.units
    )
    return Table("units", UNIT_COLUMNS, rows, title=TITLES[PlanPart.UNITS](lang), sheet="责任单位")


def task_table(plan: Plan, lang: Lang = "zh") -> Table:
    names = plan.indicator_names
    rows = []
    for t in plan.tasks:
        linked = list(plan.task_indicators.get(t.number, ()))
        rows.append(
            Row(
                {
                    "number": Cell(t.number),
                    "title": Cell(t.title),
                    "leads": Cell(list(t.leads)),
                    "partners": Cell(list(t.partners), text="、".join(t.partners) or NONE),
                    "indicators": Cell(linked, text="、".join(names[i] for i in linked) or NONE),
                }
            )
        )
    return Table(
        "tasks", TASK_COLUMNS, tuple(rows), title=TITLES[PlanPart.TASKS](lang), sheet="任务"
    )


BUILDERS = {
    PlanPart.INDICATORS: indicator_table,
    PlanPart.COUNTIES: county_table,
    PlanPart.UNITS: unit_table,
    PlanPart.TASKS: task_table,
}


def caption(plan: Plan, lang: Lang = "zh") -> list[str]:
    meta = plan.meta
    start, end = month_label(meta.start, lang), month_label(meta.end, lang)
    counts = (len(plan.indicators), len(plan.counties), len(plan.units), len(plan.tasks))
    if lang == "en":
        lines = [
            f"Plan period: {start} to {end} ({plan.months} months)"
            + (f"; issued by {meta.issuer}" if meta.issuer else ""),
            f"{counts[0]} indicators, {counts[1]} counties and the like, {counts[2]} responsible "
            f"units, {counts[3]} tasks",
        ]
        if plan.allocation is not None:
            lines.append(f"County targets: {plan.allocation.label}")
        if plan.links_label:
            lines.append(f"Tasks and indicators: {plan.links_label}")
        return [plan_heading(meta), *lines]
    lines = [
        f"计划期：{start}至{end}（{plan.months}个月）"
        + (f"　印发：{meta.issuer}" if meta.issuer else ""),
        f"指标 {counts[0]} 项，县区等 {counts[1]} 个，责任单位 {counts[2]} 个，工作任务 {counts[3]} 项",
    ]
    if plan.allocation is not None:
        lines.append(f"县区目标：{plan.allocation.label}")
    if plan.links_label:
        lines.append(f"任务与指标的对应关系：{plan.links_label}")
    return [plan_heading(meta), *lines]


def plan_document(plan: Plan, parts: Collection[PlanPart] = (), lang: Lang = "zh") -> Document:
    """JSON: plan, then indicators, counties, units and tasks (or the parts asked for)."""
    chosen = [p for p in PlanPart if not parts or p in parts]
    meta = plan.meta
    header: dict[str, object] = {
        "plan": {
            **plan_header(meta),
            "short_title": meta.short_title,
            "issuer": meta.issuer,
            "document_number": meta.document_number,
            "coordinator": meta.coordinator,
        }
    }
    return report(
        caption(plan, lang), [BUILDERS[p](plan, lang) for p in chosen], lang=lang, header=header
    )
