"""The bulletin as one self-contained HTML page: inline CSS and SVG, nothing fetched, A4 print."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from chuangye_cli.alerts import KIND_ZH, LEVEL_ZH
from chuangye_cli.bulletin import Bulletin
from chuangye_cli.render.alerts_formats import describe
from chuangye_cli.render.bulletin_common import (
    SECTIONS,
    county_matrix,
    meta_line,
    sources_lines,
    summary,
    svg_chart,
    title,
)
from chuangye_cli.render.numbers import percent, quantity
from chuangye_cli.render.records import status_zh

CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", sans-serif; color: #222; max-width: 190mm; margin: 0 auto; padding: 8px;
  font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 17pt; text-align: center; margin: 6px 0; }
h2 { font-size: 13pt; border-left: 4px solid #b22; padding-left: 6px; margin: 18px 0 6px;
  break-after: avoid; }
h3 { break-after: avoid; }
.meta { text-align: center; color: #555; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 2px 5px; }
th { background: #f1f1f1; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.s { white-space: nowrap; }
.done { background: #d8f0d8; } .on_pace { background: #eef8e8; }
.behind { background: #fff3c4; } .severe { background: #f8d0cc; }
.red { background: #f8d0cc; } .yellow { background: #fff3c4; } .green { background: #eef8e8; }
.qualitative, .partner_only, .no_target, .none { color: #888; }
.charts { display: flex; flex-wrap: wrap; gap: 6px; }
figure { margin: 0; break-inside: avoid; }
svg .grid { stroke: #ddd; stroke-width: 1; } svg .tick { font-size: 9px; fill: #666; }
svg .ctitle { font-size: 11px; fill: #222; }
svg .ideal { fill: none; stroke: #999; stroke-width: 1.2; stroke-dasharray: 4 3; }
svg .actual { fill: none; stroke: #b22; stroke-width: 2; }
.note { color: #555; font-size: 9pt; }
section { break-inside: auto; } tr { break-inside: avoid; }
"""


def _table(headers: Sequence[str], rows: Sequence[Sequence[tuple[str, str]]]) -> str:
    """Rows of (text, css class) cells; class "n" right-aligns a number."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{c}">{escape(t)}</td>' if c else f"<td>{escape(t)}</td>" for t, c in row
        )
        + "</tr>\n"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n"


def render_html(b: Bulletin) -> str:
    p = b.progress
    plan = p.plan
    names = plan.indicator_names
    parts: dict[str, str] = {}
    parts["summary"] = f"<p>{escape(summary(b))}</p>\n"
    parts["indicators"] = _table(
        ["指标", "单位", "目标", "累计完成", "完成率", "序时进度", "状态", "尚需月均"],
        [
            [
                (r.indicator.name, ""),
                (r.indicator.unit, ""),
                (quantity(r.target), "n"),
                (quantity(r.actual), "n"),
                (percent(r.completion), f"n {r.status}"),
                (percent(p.time_progress), "n"),
                (status_zh(r.status), f"s {r.status or 'none'}"),
                (quantity(r.pace_needed), "n"),
            ]
            for r in p.indicators
        ],
    )
    columns, matrix = county_matrix(b)
    parts["counties"] = (
        '<p class="note">各县区完成率（县区目标为分解目标，见第七部分说明）；颜色：绿为已完成或达序时，'
        "黄为滞后，红为严重滞后。</p>\n"
        + _table(
            ["县区", *columns],
            [
                [(county, "")] + [(percent(r.completion), f"n {r.status or 'none'}") for r in rows]
                for county, rows in matrix
            ],
        )
    )
    parts["units"] = _table(
        ["责任单位", "牵头任务", "关联指标", "平均完成率", "状态"],
        [
            [
                (r.unit.name, ""),
                ("、".join(map(str, r.tasks)) or "—", ""),
                ("、".join(names[i] for i in r.indicators) or "—", ""),
                (percent(r.completion), "n"),
                (status_zh(r.status), f"s {r.status}"),
            ]
            for r in p.units
        ],
    )
    shown = [a for a in b.alerts.items if a.level != "green"]
    hidden = len(b.alerts.items) - len(shown)
    parts["warnings"] = (
        _table(
            ["预警", "类型", "对象", "指标", "完成率", "差距（百分点）", "说明"],
            [
                [
                    (LEVEL_ZH[a.level], f"s {a.level}"),
                    (KIND_ZH[a.kind], "s"),
                    (a.subject, ""),
                    (names[a.indicator] if a.indicator else "—", ""),
                    (percent(a.completion), "n"),
                    (quantity(a.gap_points, 1), "n"),
                    (describe(a, plan), ""),
                ]
                for a in shown
            ],
        )
        + (
            f'<p class="note">另有绿色预警（滞后不足黄色阈值）{hidden}条，略；'
            "全部预警见 chuangye warnings。</p>\n"
            if hidden
            else ""
        )
        + "<h3>县区排名（红黑榜）</h3>\n"
        + _table(
            ["指标", "红榜（首位）", "黑榜（末位）"],
            [
                [
                    (names[r.indicator] if r.indicator else "综合", ""),
                    ("、".join(f"{e.county} {percent(e.completion)}" for e in r.first), "done"),
                    (
                        "、".join(f"{e.county} {percent(e.completion)}" for e in r.last) or "—",
                        "severe" if r.last else "",
                    ),
                ]
                for r in b.alerts.rankings
            ],
        )
    )
    parts["trends"] = (
        '<p class="note">实线：自计划开始累计完成率；虚线：序时进度（期末为100%）。</p>\n'
        '<div class="charts">\n'
        + "".join(
            f"<figure>{svg_chart(t, plan.months, str(plan.meta.end))}</figure>\n" for t in b.trends
        )
        + "</div>\n"
    )
    parts["sources"] = (
        "<ul>\n" + "".join(f"<li>{escape(x)}</li>\n" for x in sources_lines(b)) + "</ul>\n"
    )
    body = "".join(
        f'<section id="{key}">\n<h2>{escape(heading)}</h2>\n{parts[key]}</section>\n'
        for key, heading in SECTIONS
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title(b))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{escape(title(b))}</h1>\n"
        f'<p class="meta">{escape(meta_line(b))}</p>\n</header>\n{body}</body>\n</html>\n'
    )
