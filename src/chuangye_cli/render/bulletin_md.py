"""The bulletin as Markdown, for pasting into a document or a wiki."""

from __future__ import annotations

from collections.abc import Sequence

from chuangye_cli.alerts import KIND_ZH, LEVEL_ZH
from chuangye_cli.bulletin import Bulletin
from chuangye_cli.render.alerts_formats import describe
from chuangye_cli.render.bulletin_common import (
    SECTIONS,
    county_matrix,
    meta_line,
    sources_lines,
    summary,
    text_chart,
    title,
)
from chuangye_cli.render.numbers import percent, quantity
from chuangye_cli.render.records import status_zh


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    from tabulate import tabulate

    return (
        tabulate(
            rows,
            headers=headers,
            tablefmt="github",
            colalign=["right" if k in numeric else "left" for k in range(len(headers))],
            disable_numparse=True,
        )
        + "\n"
    )


def render_markdown(b: Bulletin) -> str:
    p = b.progress
    plan = p.plan
    names = plan.indicator_names
    parts: dict[str, str] = {"summary": summary(b) + "\n"}
    parts["indicators"] = _table(
        ["指标", "单位", "目标", "累计完成", "完成率", "序时进度", "状态", "尚需月均"],
        [
            [
                r.indicator.name,
                r.indicator.unit,
                quantity(r.target),
                quantity(r.actual),
                percent(r.completion),
                percent(p.time_progress),
                status_zh(r.status),
                quantity(r.pace_needed),
            ]
            for r in p.indicators
        ],
        {2, 3, 4, 5, 7},
    )
    columns, matrix = county_matrix(b)
    parts["counties"] = "各县区完成率（县区目标为分解目标，见第七部分说明）。\n\n" + _table(
        ["县区", *columns],
        [[county] + [percent(r.completion) for r in rows] for county, rows in matrix],
        set(range(1, len(columns) + 1)),
    )
    parts["units"] = _table(
        ["责任单位", "牵头任务", "关联指标", "平均完成率", "状态"],
        [
            [
                r.unit.name,
                "、".join(map(str, r.tasks)) or "—",
                "、".join(names[i] for i in r.indicators) or "—",
                percent(r.completion),
                status_zh(r.status),
            ]
            for r in p.units
        ],
        {3},
    )
    shown = [a for a in b.alerts.items if a.level != "green"]
    hidden = len(b.alerts.items) - len(shown)
    parts["warnings"] = (
        _table(
            ["预警", "类型", "说明"],
            [[LEVEL_ZH[a.level], KIND_ZH[a.kind], describe(a, plan)] for a in shown],
            set(),
        )
        + (
            f"\n另有绿色预警（滞后不足黄色阈值）{hidden}条，略；全部预警见 `chuangye warnings`。\n"
            if hidden
            else ""
        )
        + "\n**县区排名（红黑榜）**\n\n"
        + _table(
            ["指标", "红榜（首位）", "黑榜（末位）"],
            [
                [
                    names[r.indicator] if r.indicator else "综合",
                    "、".join(f"{e.county} {percent(e.completion)}" for e in r.first),
                    "、".join(f"{e.county} {percent(e.completion)}" for e in r.last) or "—",
                ]
                for r in b.alerts.rankings
            ],
            set(),
        )
    )
    chart_lines = []
    for t in b.trends:
        actual, ideal = text_chart(t, plan.months)
        last = t.points[-1]
        chart_lines.append(
            f"{t.indicator.name}\n  实绩 {actual} {percent(last.completion)}\n"
            f"  序时 {ideal} {percent(last.time_progress)}"
        )
    parts["trends"] = (
        "自计划开始累计完成率（实绩）与序时进度，每个字符一个月，同一刻度（满格为100%或更高）。\n\n"
        "```text\n" + "\n".join(chart_lines) + "\n```\n"
    )
    parts["sources"] = "".join(f"- {x}\n" for x in sources_lines(b))
    body = "\n".join(f"## {heading}\n\n{parts[key]}" for key, heading in SECTIONS)
    return f"# {title(b)}\n\n{meta_line(b)}\n\n{body}"
