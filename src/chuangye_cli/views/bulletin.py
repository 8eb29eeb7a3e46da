"""The monthly bulletin (月度通报) as one document: summary, indicators, counties, units,
warnings and rankings, charts, sources; an appendix of detail tables for workbooks."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from chuangye_cli.alerts import PACE_MONTHS
from chuangye_cli.bulletin import Bulletin
from chuangye_cli.display import percent, quantity
from chuangye_cli.document import (
    Bullets,
    Cell,
    ChartPoint,
    Charts,
    ChartSeries,
    Column,
    Document,
    Kind,
    Paragraph,
    Row,
    Section,
    Table,
)
from chuangye_cli.views.alerts import ranking_table, warnings_table
from chuangye_cli.views.progress import county_table, indicator_table, task_table, unit_table
from chuangye_cli.vocab import COL, OVERALL_SHORT, Label, Lang


def title(b: Bulletin) -> str:
    meta = b.progress.plan.meta
    return f"{meta.short_title or meta.title}月度通报（{b.progress.as_of.label_zh}）"


def meta_line(b: Bulletin) -> str:
    p = b.progress
    parts = [
        p.plan.meta.document_number or "",
        f"报告期：{p.as_of.label_zh}",
        f"序时进度：{percent(p.time_progress)}（{p.months_elapsed}/{p.window_months}个月）",
    ]
    if b.generated_at:
        parts.append(f"生成时间：{b.generated_at}")
    return "　".join(x for x in parts if x)


def summary(b: Bulletin) -> str:
    """The opening paragraph, written from the figures."""
    p = b.progress
    counts = Counter(r.status for r in p.indicators)
    text = (
        f"截至{p.as_of.label_zh}，序时进度{percent(p.time_progress)}。"
        f"{len(p.indicators)}项指标中，{counts['done']}项已完成，{counts['on_pace']}项达到序时进度，"
        f"{counts['behind']}项滞后，{counts['severe']}项严重滞后。"
    )
    lagging = [r for r in p.indicators if r.status in ("behind", "severe")]
    if lagging:
        text += (
            "滞后指标："
            + "、".join(f"{r.indicator.name}（完成{percent(r.completion)}）" for r in lagging)
            + "。"
        )
    levels = Counter(a.level for a in b.alerts.items)
    text += (
        f"共有预警{len(b.alerts.items)}条，其中红色{levels['red']}条、黄色{levels['yellow']}条。"
    )
    overall = next((r for r in b.alerts.rankings if r.indicator is None), None)
    if overall is not None and overall.entries:
        first = "、".join(e.county for e in overall.first)
        last = "、".join(e.county for e in overall.last)
        text += f"县区综合完成情况首位为{first}" + (f"，末位为{last}" if last else "") + "。"
    return text


def county_matrix(b: Bulletin) -> Table:
    """Counties (rows) × indicators (columns): completion, each cell coloured by its status."""
    indicators = b.progress.plan.indicators
    columns = (
        Column("county", COL["county"]),
        *(Column(i.id, Label(i.name, i.name), Kind.RATIO, styled=True) for i in indicators),
    )
    cells: dict[str, dict[str, Cell]] = {}
    for r in b.progress.counties:
        row = cells.setdefault(r.county.id, {"county": Cell(r.county.name)})
        row[r.indicator.id] = Cell(r.completion, status=r.status or "none")
    rows = tuple(Row(c) for c in cells.values())
    return Table("county_matrix", columns, rows, sheet="县区", machine=False)


def ranking_entries(b: Bulletin) -> Table:
    names = b.progress.plan.indicator_names
    columns = (
        Column("indicator", COL["name"]),
        Column("rank", COL["rank"], Kind.NUMBER),
        Column("county", COL["county"]),
        Column("completion", COL["completion"], Kind.RATIO),
    )
    rows = tuple(
        Row(
            {
                "indicator": Cell(
                    r.indicator, text=names[r.indicator] if r.indicator else OVERALL_SHORT.zh
                ),
                "rank": Cell(e.rank),
                "county": Cell(e.county),
                "completion": Cell(e.completion),
            }
        )
        for r in b.alerts.rankings
        for e in r.entries
    )
    return Table("ranking_entries", columns, rows, sheet="排名", machine=False, audience="data")


def sources(b: Bulletin) -> list[str]:
    p = b.progress
    lines = [
        f"{s.name}：{s.rows}行（{s.kind.upper()}" + (f"，{s.encoding}" if s.encoding else "") + "）"
        for s in p.actuals.sources
    ]
    if p.actuals.synthetic:
        lines.append("注意：以上为合成示例数据（synthetic），并非真实统计。")
    allocation = p.plan.allocation
    if allocation is not None:
        lines.append(
            f"县区目标：{allocation.label}（分解方法见 targets.yaml 的 allocation.method）。"
        )
    if p.plan.links_label:
        lines.append(
            f"任务与指标的对应关系：{p.plan.links_label}；单位完成率为其牵头任务关联指标完成率（封顶100%）的平均值。"
        )
    t = p.plan.thresholds
    lines.append(
        f"预警：低于序时进度{quantity(t.yellow * 100, 1)}个百分点起为黄色、"
        f"{quantity(t.red * 100, 1)}个百分点起为红色（阈值见 targets.yaml 的 thresholds）；"
        f"时间过半而完成未过半者为红色；按近{PACE_MONTHS}个月平均进度推算期末不能完成者列为难以完成。"
    )
    latest = p.actuals.latest
    if latest is not None and latest < p.as_of:
        lines.insert(
            0, f"注意：实绩数据截至{latest.label_zh}，其后月份无报送，按截至该月的数据计算。"
        )
    return lines


def charts(b: Bulletin) -> Charts:
    plan = b.progress.plan
    return Charts(
        tuple(
            ChartSeries(
                t.indicator.name,
                t.indicator.unit,
                tuple(
                    ChartPoint(str(p.period), p.total, p.completion, p.time_progress)
                    for p in t.points
                ),
            )
            for t in b.trends
        ),
        months=plan.months,
        end=str(plan.meta.end),
        note="实线：自计划开始累计完成率；虚线：序时进度（期末为100%）。",
    )


def bulletin_document(b: Bulletin, lang: Lang = "zh") -> Document:
    shown_items = tuple(a for a in b.alerts.items if a.level != "green")
    hidden = len(b.alerts.items) - len(shown_items)
    warnings = replace(
        warnings_table(b.alerts, lang, shown_items),
        title=None,
        show=("level", "kind", "subject", "indicator", "completion", "gap_points", "message"),
        audience="read",
    )
    rankings = replace(
        ranking_table(b.alerts, lang), show=("indicator", "first", "last"), audience="read"
    )
    full_warnings = replace(
        warnings_table(b.alerts, lang),
        title=None,
        audience="data",
        show=(
            "level",
            "kind",
            "subject",
            "indicator",
            "completion",
            "time_progress",
            "gap_points",
            "projected",
            "pace_needed",
            "message",
        ),
    )
    note = (
        f"另有绿色预警（滞后不足黄色阈值）{hidden}条，略；全部预警见 chuangye warnings。"
        if hidden
        else ""
    )
    sections = (
        Section("summary", "一、总体情况", (Paragraph(summary(b)),)),
        Section("indicators", "二、主要指标完成情况", (indicator_table(b.progress),)),
        Section(
            "counties",
            "三、各县区完成情况",
            (
                Paragraph(
                    "各县区完成率（县区目标为分解目标，见第七部分说明）；颜色：绿为已完成或达序时，"
                    "黄为滞后，红为严重滞后。",
                    note=True,
                ),
                county_matrix(b),
                replace(county_table(b.progress), audience="data"),
            ),
        ),
        Section(
            "units",
            "四、责任单位完成情况",
            (unit_table(b.progress), replace(task_table(b.progress), audience="data")),
        ),
        Section(
            "warnings",
            "五、预警",
            (
                warnings,
                *((Paragraph(note, note=True),) if note else ()),
                full_warnings,
                rankings,
                ranking_entries(b),
            ),
        ),
        Section("trends", "六、走势", (charts(b),)),
        Section("sources", "七、数据来源与说明", (Bullets(tuple(sources(b))),)),
    )
    return Document(
        caption=(meta_line(b),),
        sections=sections,
        lang=lang,
        title=title(b),
        generated_at=b.generated_at,
    )
