"""Pieces every bulletin format shares: the summary paragraph, the county matrix, the charts."""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from chuangye_cli.alerts import PACE_MONTHS
from chuangye_cli.bulletin import Bulletin
from chuangye_cli.progress import CountyProgress
from chuangye_cli.render.numbers import percent, quantity, sparkline
from chuangye_cli.trend import Trend

SECTIONS = (
    ("summary", "一、总体情况"),
    ("indicators", "二、主要指标完成情况"),
    ("counties", "三、各县区完成情况"),
    ("units", "四、责任单位完成情况"),
    ("warnings", "五、预警"),
    ("trends", "六、走势"),
    ("sources", "七、数据来源与说明"),
)


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
    """The opening paragraph, generated from the figures."""
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


def county_matrix(b: Bulletin) -> tuple[list[str], list[tuple[str, list[CountyProgress]]]]:
    """Indicator names (columns) and, per county, its rows in indicator order."""
    names = [i.name for i in b.progress.plan.indicators]
    by_county: dict[str, list[CountyProgress]] = {}
    labels: dict[str, str] = {}
    for row in b.progress.counties:
        by_county.setdefault(row.county.id, []).append(row)
        labels[row.county.id] = row.county.name
    return names, [(labels[c], rows) for c, rows in by_county.items()]


def sources_lines(b: Bulletin) -> list[str]:
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


def _fmt(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def svg_chart(t: Trend, months: int, end: str, width: int = 340, height: int = 200) -> str:
    """Plan-to-date completion (line) against the 序时 line (dashed), 0 to at least 100%."""
    left, right, top, bottom = 40, 10, 24, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [p.completion or Decimal(0) for p in t.points]
    y_max = max([Decimal(1), *values])

    def x(i: int) -> Decimal:
        return Decimal(left) + Decimal(plot_w) * (Decimal(i) + 1) / Decimal(months)

    def y(v: Decimal) -> Decimal:
        return Decimal(top) + Decimal(plot_h) * (1 - v / y_max)

    points = " ".join(f"{_fmt(x(i))},{_fmt(y(v))}" for i, v in enumerate(values))
    x0, y0 = _fmt(Decimal(left)), _fmt(y(Decimal(0)))
    ideal = f"{x0},{y0} {_fmt(x(months - 1))},{_fmt(y(Decimal(1)))}"
    ticks = "".join(
        f'<line x1="{left}" x2="{width - right}" y1="{_fmt(y(v))}" y2="{_fmt(y(v))}" class="grid"/>'
        f'<text x="{left - 4}" y="{_fmt(y(v) + 4)}" class="tick" text-anchor="end">{int(v * 100)}%</text>'
        for v in (Decimal(0), Decimal("0.5"), Decimal(1))
    )
    last = t.points[-1] if t.points else None
    label = escape(f"{t.indicator.name}：{percent(last.completion) if last else '—'}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}">'
        f'<text x="{left}" y="16" class="ctitle">{label}</text>{ticks}'
        f'<polyline points="{ideal}" class="ideal"/>'
        f'<polyline points="{points}" class="actual"/>'
        f'<text x="{left}" y="{height - 8}" class="tick">{t.points[0].period if t.points else ""}</text>'
        f'<text x="{width - right}" y="{height - 8}" class="tick" text-anchor="end">'
        f"{end}</text></svg>"
    )


def text_chart(t: Trend, months: int) -> tuple[str, str]:
    """Two sparklines on one scale: plan-to-date completion, and 序时进度 (for text formats)."""
    actual: list[Decimal | None] = [p.completion or Decimal(0) for p in t.points]
    ideal: list[Decimal | None] = [Decimal(i + 1) / Decimal(months) for i in range(len(t.points))]
    top = max([Decimal(1), *(v for v in actual if v is not None)])
    return sparkline(actual, top), sparkline(ideal, top)
