"""Charts of plan-to-date completion against the 序时 line: SVG for HTML, sparklines for text."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from html import escape

from chuangye_cli.display import percent, sparkline
from chuangye_cli.document import Charts, ChartSeries


def _fmt(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def svg_chart(s: ChartSeries, charts: Charts, width: int = 340, height: int = 200) -> str:
    """Completion (line) against the 序时 line (dashed), 0 to at least 100%."""
    left, right, top, bottom = 40, 10, 24, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    months = charts.months
    values = [p.completion for p in s.points]
    y_max = max([Decimal(1), *(v for v in values if v is not None)])

    def x(i: int) -> Decimal:
        return Decimal(left) + Decimal(plot_w) * (Decimal(i) + 1) / Decimal(months)

    def y(v: Decimal) -> Decimal:
        return Decimal(top) + Decimal(plot_h) * (1 - v / y_max)

    runs: list[list[str]] = [[]]  # a month without a report breaks the line
    for i, v in enumerate(values):
        if v is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(f"{_fmt(x(i))},{_fmt(y(v))}")
    lines = "".join(f'<polyline points="{" ".join(run)}" class="actual"/>' for run in runs if run)
    x0, y0 = _fmt(Decimal(left)), _fmt(y(Decimal(0)))
    ideal = f"{x0},{y0} {_fmt(x(months - 1))},{_fmt(y(Decimal(1)))}"
    ticks = "".join(
        f'<line x1="{left}" x2="{width - right}" y1="{_fmt(y(v))}" y2="{_fmt(y(v))}" class="grid"/>'
        f'<text x="{left - 4}" y="{_fmt(y(v) + 4)}" class="tick" text-anchor="end">{int(v * 100)}%</text>'
        for v in (Decimal(0), Decimal("0.5"), Decimal(1))
    )
    last = next((p for p in reversed(s.points) if p.completion is not None), None)
    label = escape(f"{s.title}：{percent(last.completion) if last else '—'}")
    first = escape(s.points[0].period) if s.points else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{label}">'
        f'<text x="{left}" y="16" class="ctitle">{label}</text>{ticks}'
        f'<polyline points="{ideal}" class="ideal"/>'
        f"{lines}"
        f'<text x="{left}" y="{height - 8}" class="tick">{first}</text>'
        f'<text x="{width - right}" y="{height - 8}" class="tick" text-anchor="end">'
        f"{escape(charts.end)}</text></svg>"
    )


def text_chart(s: ChartSeries, months: int) -> tuple[str, str]:
    """Two sparklines on one scale: plan-to-date completion, and 序时进度."""
    actual: list[Decimal | None] = [p.completion for p in s.points]  # None: a blank
    ideal: list[Decimal | None] = [Decimal(i + 1) / Decimal(months) for i in range(len(s.points))]
    top = max([Decimal(1), *(v for v in actual if v is not None)])
    return sparkline(actual, top), sparkline(ideal, top)
