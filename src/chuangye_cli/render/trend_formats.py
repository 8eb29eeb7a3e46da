"""Output of ``chuangye trend``: one indicator month by month, or every indicator at a glance."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from chuangye_cli.plan import Plan
from chuangye_cli.render.machine import csv_text, dumps, plan_header
from chuangye_cli.render.numbers import percent, quantity, sparkline
from chuangye_cli.render.records import plan_heading, status_zh
from chuangye_cli.render.text import DisplayTable, check_format, rich_text, tabulated
from chuangye_cli.trend import Trend

COLUMNS = (
    "indicator",
    "county",
    "period",
    "addition",
    "total",
    "completion",
    "time_progress",
    "status",
    "mom",
    "yoy",
)


def trend_rows(trends: Sequence[Trend]) -> list[dict[str, object]]:
    return [
        {
            "indicator": t.indicator.id,
            "county": t.county.name if t.county else None,
            "period": str(p.period),
            "addition": p.addition,
            "total": p.total,
            "completion": p.completion,
            "time_progress": p.time_progress,
            "status": p.status,
            "mom": p.mom,
            "yoy": p.yoy,
        }
        for t in trends
        for p in t.points
    ]


def trend_document(plan: Plan, trends: Sequence[Trend]) -> dict[str, object]:
    meta = plan.meta
    last = trends[0].points[-1].period if trends and trends[0].points else None
    return {
        "plan": plan_header(meta),
        "as_of": str(last) if last else None,
        "county": trends[0].county.name if trends and trends[0].county else None,
        "units": {t.indicator.id: t.indicator.unit for t in trends},
        "rows": trend_rows(trends),
    }


def progress_bar(completion: Decimal | None, time_progress: Decimal, width: int = 20) -> str:
    """Completion as a bar, with the 序时 position marked by ┃."""
    if completion is None:
        return ""
    filled = int(
        (min(max(completion, Decimal(0)), Decimal(1)) * width).to_integral_value(ROUND_HALF_UP)
    )
    mark = min(int((time_progress * width).to_integral_value(ROUND_HALF_UP)), width) - 1
    return "".join("┃" if k == mark else ("█" if k < filled else "·") for k in range(width))


def _change(value: Decimal | None) -> str:
    return "—" if value is None else ("+" if value > 0 else "") + percent(value)


def month_table(trend: Trend, *, bars: bool) -> DisplayTable:
    unit = trend.indicator.unit
    rows = [
        [
            p.period.label_zh,
            quantity(p.addition),
            quantity(p.total),
            (
                progress_bar(p.completion, p.time_progress) + " "
                if bars and p.completion is not None
                else ""
            )
            + percent(p.completion),
            percent(p.time_progress),
            status_zh(p.status),
            _change(p.mom),
            _change(p.yoy),
        ]
        for p in trend.points
    ]
    return DisplayTable(
        [
            "月份",
            f"当月新增（{unit}）",
            f"累计（{unit}）",
            "完成率（┃为序时）",
            "序时进度",
            "状态",
            "环比",
            "同比",
        ],
        rows,
        [p.status for p in trend.points],
        {1, 2, 3, 4, 6, 7},
        ["" for _ in rows],
        styled={3, 5},
        title=f"{trend.indicator.name}" + (f"　{trend.county.name}" if trend.county else "　全市"),
    )


def overview_table(trends: Sequence[Trend]) -> DisplayTable:
    rows = []
    statuses: list[str | None] = []
    for t in trends:
        last = t.points[-1]
        rows.append(
            [
                t.indicator.name,
                t.indicator.unit,
                sparkline([p.addition for p in t.points]),
                quantity(last.total),
                percent(last.completion),
                percent(last.time_progress),
                status_zh(last.status),
            ]
        )
        statuses.append(last.status)
    return DisplayTable(
        ["指标", "单位", "月度新增走势", "累计", "完成率", "序时进度", "状态"],
        rows,
        statuses,
        {3, 4, 5},
        ["" for _ in rows],
        styled={4, 6},
    )


def render_trend(
    plan: Plan,
    trends: Sequence[Trend],
    fmt: str,
    *,
    color: bool = False,
    width: int | None = None,
) -> str:
    check_format(fmt)
    if fmt == "json":
        return dumps(trend_document(plan, trends)) + "\n"
    if fmt == "csv":
        return csv_text(trend_rows(trends), COLUMNS)
    meta = plan.meta
    first = trends[0].points
    lines = [
        plan_heading(meta),
        f"逐月走势：{first[0].period.label_zh}至{first[-1].period.label_zh}"
        + (f"　{trends[0].county.name}" if trends[0].county else "　全市"),
        "环比：当月新增较上月新增的变化；同比：较上年同月新增的变化；无可比数据时为“—”。",
    ]
    if len(trends) == 1:
        tables = [month_table(trends[0], bars=fmt == "table")]
    else:
        tables = [overview_table(trends)]
        lines.append(
            "月度新增走势：每个字符一个月，高度按该指标最大月度新增缩放；空白为当月无报送。"
        )
    if fmt == "table":
        return rich_text(tables, lines, color=color, width=width)
    return tabulated(tables, lines, fmt)
