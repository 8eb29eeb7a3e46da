"""The monthly bulletin (月度通报) as one document, the city's or one county's: a summary, each
indicator's 本月/本年/累计, the counties, 报送情况 (when known), 任务推进 from the task ledger, the
warnings grouped by subject, the 红黑榜 by composite score with 位次变化, the trends, and the
sources; the 落款 at the end. Tables for reading are short and worded; the full detail goes to
the workbook (``audience="data"``)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from chuangye_cli.alerts import PACE_MONTHS, Alert
from chuangye_cli.bulletin import Bulletin
from chuangye_cli.display import amount, percent, quantity
from chuangye_cli.document import (
    Block,
    Bullets,
    ChartPoint,
    Charts,
    ChartSeries,
    Document,
    Paragraph,
    Section,
)
from chuangye_cli.periods import Period
from chuangye_cli.suspects import in_view
from chuangye_cli.views.alerts import (
    entry_value,
    not_scored_text,
    rank_change_text,
    why_unranked,
)
from chuangye_cli.views.bulletin_figures import (
    counties_blocks,
    doubted,
    indicator_data_table,
    indicator_read_table,
    indicator_rows,
    returns_blocks,
)
from chuangye_cli.views.bulletin_supervision import (
    board,
    county_name,
    county_rank_blocks,
    missed,
    overall_ranking,
    own_alerts,
    ranking_entries,
    task_brief,
    tasks_blocks,
    unranked_note,
    warnings_blocks,
)
from chuangye_cli.views.common import after, later_words, replaced_returns, synthetic_words
from chuangye_cli.views.progress import MARK
from chuangye_cli.views.scope import divisions_word, scope_lines
from chuangye_cli.vocab import NUMERALS, Lang

# --- title, caption, 落款 -----------------------------------------------------------------------


def title(b: Bulletin) -> str:
    meta = b.plan.meta
    name = meta.short_title or meta.title
    scope = b.plan.scope
    who = county_name(b) or (scope.area if scope is not None and scope.explicit else "")
    if b.progress.year is not None:
        return f"{name}{who}{b.progress.year}年度通报（截至{b.progress.as_of.label_zh}）"
    return f"{name}{who}月度通报（{b.progress.as_of.label_zh}）"


def meta_line(b: Bulletin) -> str:
    p = b.progress
    parts = [
        (f"{p.year}年度　" if p.year is not None else "") + f"报告期：{p.as_of.label_zh}",
        f"序时进度：{percent(p.time_progress)}（{p.months_elapsed}/{p.window_months}个月）",
    ]
    if b.generated_at:
        parts.append(f"生成时间：{b.generated_at}")
    return "　".join(x for x in parts if x)


def issue_date(b: Bulletin) -> str:
    """成文日期 in Chinese: the date given, else the date of --generated-at, else the month after
    the report month with the day left for the signer (“2020年7月　日”)."""
    day = b.issued
    if day is None and b.generated_at:
        day = datetime.fromisoformat(b.generated_at).date()
    if day is not None:
        return f"{day.year}年{day.month}月{day.day}日"
    nxt = Period.from_index(b.progress.as_of.index + 1)
    return f"{nxt.year}年{nxt.month}月　日"


def signature(b: Bulletin) -> tuple[str, ...]:
    meta = b.plan.meta
    office = meta.coordinator or meta.issuer or ""
    return tuple(x for x in (office, issue_date(b)) if x)


# --- 一、总体情况 ---------------------------------------------------------------------------------


def _lagging_text(b: Bulletin) -> str:
    parts = []
    for ind, target, actual, completion, status, remaining, _ in indicator_rows(b):
        if status not in ("behind", "severe"):
            continue
        if ind.judged_on_level:
            limit = "以内" if ind.ceiling else ""
            parts.append(
                f"{ind.name}（{amount(actual, ind.unit, ind.reporting_unit)}，"
                f"目标{amount(target, ind.unit, ind.reporting_unit)}{limit}）"
            )
        else:
            needed = amount(remaining, ind.unit, ind.reporting_unit)
            parts.append(f"{ind.name}（完成{percent(completion)}，尚需{needed}）")
    return "、".join(parts)


def checked(b: Bulletin) -> tuple[Paragraph, ...]:
    """数据核查: the figures the checks doubt, which count as sent until corrected, and the
    form rows with figures that were not read; those of the bulletin's divisions and months."""
    p = b.progress
    rows = (b.county,) if b.county is not None else None
    view = in_view(b.plan, rows)
    shown = b.doubts.shown(p.as_of, p.year, view)
    said = shown.said("zh", commands=False)
    if p.year is not None:  # a yearly view's 累计 holds the years before it, and their doubts
        these = set(shown.suspects)
        before = [
            s for s in b.doubts.shown(p.as_of, None, view).suspects if s.counted and s not in these
        ]
        if before:
            named = before[0].zh + ("等" if len(before) > 1 else "")
            earlier = f"此前年度另有{len(before)}处数字疑有误（{named}），计入累计完成。"
            said = (said or "数据核查：") + earlier
    if said and doubted(b, to_date=True):  # (to date: the view's months and those before)
        said += f"表中以{MARK}标出含存疑数字的数据。"
    return (Paragraph(said),) if said else ()


def summary(b: Bulletin) -> str:
    """The opening paragraph, written from the figures."""
    p = b.progress
    who = county_name(b) or (b.plan.area if p.year is None else "")
    rows = indicator_rows(b)
    counts = Counter(r[4] for r in rows)
    text = f"截至{p.as_of.label_zh}，序时进度{percent(p.time_progress)}。"
    if p.year is not None:
        text += f"{p.year}年度视图：完成率为本年新增（存量指标为期末水平）占年度目标的比例"
        text += "；未定义年度目标的指标占全周期目标，不判断状态。" if not p.yearly_targets else "。"
    judged = sum(counts.values()) - counts[None]
    gap = missed(b, b.county) if b.county is not None else "本月未报送"
    if judged:
        doubtful = doubted(b).get(b.county or "", set())
        unsure = Counter(r[4] for r in rows if r[0].id in doubtful)  # (their completions: ※)
        said = [
            f"{counts[key]}项{word}"
            + (f"（其中{unsure[key]}项含存疑数字，见数据核查）" if unsure[key] else "")
            for key, word in (
                ("done", "已完成"),
                ("on_pace", "达到序时进度"),
                ("behind", "滞后"),
                ("severe", "严重滞后"),
            )
            if counts[key]
        ]  # (a count of none is not said)
        if counts["not_reported"]:
            why = "累计数截至上次报送" if gap == "本月未报送" else "累计数不全"
            # (a gap that names its indicators has brackets of its own)
            said.append(
                f"{counts['not_reported']}项{gap}，{why}，不作判断"
                if "（" in gap
                else f"{counts['not_reported']}项{gap}（{why}，不作判断）"
            )
        if counts[None] and p.year is None:  # (a year's view judges no whole-period target)
            said.append(f"{counts[None]}项无数据或无目标，不作判断")
        text += f"{who}{len(rows)}项指标中，" + "，".join(said) + "。"
        sent = [r for r in b.returns or () if r.reported]
        if b.returns and len(sent) * 2 < len(b.returns):  # (most of the month's returns not in)
            text += f"本月报表仅到{len(sent)}份（应报{len(b.returns)}份），以上合计不全。"
        elif b.county is None:  # (the totals lack a few divisions' returns: said where read;
            # a unit's, 市科技局's 众创空间, is a level: the latest one counts)
            names = {c.id: c.name for c in b.plan.counties}
            lacking = "、".join(names[c] for c in b.gaps if c in names)
            if lacking:
                text += f"{lacking}有报表未报送或缺项，{who}合计不含其缺报的数字。"
    lagging = _lagging_text(b)
    if lagging:
        text += f"滞后指标：{lagging}。"
    if b.ledger is not None and b.county is None:
        text += task_brief(b)
    shown = [a for a in own_alerts(b, b.alerts.items) if a.level != "green"]
    levels = Counter(a.level for a in shown)
    subjects = len({(a.scope, a.subject) for a in shown})
    if b.county is None:
        text += f"预警涉及{subjects}个地区或单位，红色{levels['red']}条、黄色{levels['yellow']}条"
    else:
        text += f"预警红色{levels['red']}条、黄色{levels['yellow']}条"
    escalate = _escalated(b)
    if escalate:
        text += f"，其中连续{b.plan.thresholds.escalate_after}个月以上红色预警{len(escalate)}项，建议督办"
    text += "。"
    overall = overall_ranking(b)
    if overall is not None and overall.ranked:
        if b.county is None:
            first = "、".join(f"{e.county}（{entry_value(e)}）" for e in overall.first)
            last = "、".join(f"{e.county}（{entry_value(e)}）" for e in overall.last)
            text += f"综合得分首位为{first}" + (f"，末位为{last}" if last else "")
            if len(overall.unranked) >= len(overall.entries):  # first and last of a few:
                # said, lest the last of two that reported read as the worst of all
                ranked, word = len(overall.entries), divisions_word(b.plan)
                why = why_unranked(b.alerts, overall.unranked)
                text += f"（仅{ranked}个{word}参加排名；{why}，未排名）"
            text += "。"
        else:
            mine = next((e for e in overall.entries if e.county_id == b.county), None)
            if mine is not None:
                change = rank_change_text(mine.rank_change)
                among = f"在{len(overall.entries)}个{divisions_word(b.plan)}中列第{mine.rank}位"
                text += (
                    f"综合得分{entry_value(mine)}，{among}"
                    + (f"（较上月{change}）" if mine.rank_change is not None else "")
                    + (f"（{not_scored_text(b.alerts, overall)}）" if overall.not_scored else "")
                    + "。"
                )
    return text


def _escalated(b: Bulletin) -> list[Alert]:
    """Subjects' indicators red for ``escalate_after`` months or more, once each."""
    seen: dict[tuple[str, str, str | None], Alert] = {}
    for a in own_alerts(b, b.alerts.items):
        if a.consecutive_red_months >= b.plan.thresholds.escalate_after:
            seen.setdefault((a.scope, a.subject, a.indicator), a)
    return list(seen.values())


# --- 走势, 说明 ------------------------------------------------------------------------------------


def charts(b: Bulletin) -> Charts:
    plan = b.plan
    return Charts(
        tuple(
            ChartSeries(
                t.indicator.name,
                t.indicator.unit,
                tuple(
                    # a month nobody reported is a gap in the line, not a flat or zero stretch
                    # (a rate adds nothing: a gap where it has no level)
                    ChartPoint(
                        str(p.period),
                        p.total,
                        None
                        if p.total is None or (p.addition is None and not t.indicator.rate)
                        else p.completion,
                        p.time_progress,
                    )
                    for p in t.points
                ),
            )
            for t in b.trends
            if any(p.completion is not None for p in t.points)
        ),
        months=plan.months,
        end=str(plan.meta.end),
        note="实线：自计划开始累计完成率；虚线：序时进度（期末为100%）。",
    )


def sources(b: Bulletin) -> list[str]:
    p = b.progress
    meta = p.plan.meta
    lines = [
        f"依据：{meta.title}"
        + (f"（{meta.document_number}）" if meta.document_number else "")
        + "。"
    ]
    if p.actuals.sources:
        gone = replaced_returns(p.plan, p.actuals)
        later = after(p.actuals, p.as_of, p.plan)

        def said(name: str, rows: int) -> str:
            parts = [f"{rows}行"]
            if name in gone:
                parts.append(f"其中{gone[name]}的报表已被取代，未计入")
            if name in later:
                parts.append(later_words(name, later))
            return f"{name}（{'，'.join(parts)}）"

        lines.append(
            "实绩数据："
            + "、".join(said(s.name, s.rows) for s in p.actuals.sources)
            + (
                "；" + synthetic_words()
                if p.actuals.synthetic
                else "；" + synthetic_words(p.actuals.synthetic_sources)
                if p.actuals.synthetic_sources
                else ""
            )
            + "。"
        )
    if b.ledger is not None:
        files = "、".join(s.name for s in b.ledger.returns.sources)
        lines.append(
            f"任务报送：{files}"
            + ("（合成示例，synthetic）" if b.ledger.returns.synthetic else "")
            + (f"；时间节点、完成标准：{p.plan.ledger_label}" if p.plan.ledger_label else "")
            + "。"
        )
    lines.extend(scope_lines(p.plan))
    allocation = p.plan.allocation
    if allocation is not None:
        lines.append(f"{divisions_word(p.plan)}目标：{allocation.label}。")
    if p.plan.links_label:
        lines.append(
            f"任务与指标的对应关系：{p.plan.links_label}；单位和任务的完成率为关联指标完成率"
            "（封顶100%）的平均值。"
        )
    t = p.plan.thresholds
    lines.append(
        f"预警：低于序时进度{quantity(t.yellow * 100, 1)}个百分点起为黄色、"
        f"{quantity(t.red * 100, 1)}个百分点起为红色，时间过半任务未过半为红色，"
        f"按近{PACE_MONTHS}个月平均进度推算期末难以完成的按差距定色；连续{t.escalate_after}个月红色"
        "建议督办。"
    )
    weights = "、".join(
        f"{i.name}{quantity(w, 2)}"
        for i in p.plan.indicators
        if (w := p.plan.weights.get(i.id)) is not None
    )
    equal = len({w for w in p.plan.weights.values()}) <= 1
    lines.append(
        "综合得分 = 100 ×Σ（权重×各指标完成率，封顶100%）÷Σ权重；"
        + ("各指标权重相同" if equal else f"权重：{weights}")
        + (f"，{p.plan.scoring_label}" if p.plan.scoring_label else "")
        + "。"
    )
    latest = p.actuals.latest
    if latest is not None and latest < p.as_of:
        lines.insert(
            1, f"注意：实绩数据截至{latest.label_zh}，其后月份无报送，按截至该月的数据计算。"
        )
    return lines


# --- the document ---------------------------------------------------------------------------------


def _numbered(sections: list[tuple[str, str, tuple[Block, ...]]]) -> tuple[Section, ...]:
    return tuple(
        Section(key, f"{NUMERALS[k]}、{heading}", blocks)
        for k, (key, heading, blocks) in enumerate(sections)
    )


def bulletin_document(b: Bulletin, lang: Lang = "zh") -> Document:
    """The city's bulletin, or (with ``b.county``) one county's own."""
    if b.county is not None:
        return county_document(b, lang)
    sections: list[tuple[str, str, tuple[Block, ...]]] = [
        ("summary", "总体情况", (Paragraph(summary(b)), *checked(b))),
    ]
    if b.returns is not None:
        sections.append(("returns", "报送情况", returns_blocks(b)))
    sections += [
        (
            "indicators",
            "主要指标完成情况",
            (indicator_read_table(b), indicator_data_table(b)),
        ),
        ("counties", f"各{divisions_word(b.plan)}完成情况", counties_blocks(b)),
        ("tasks", "重点任务推进情况", tasks_blocks(b)),
        ("warnings", "预警情况", warnings_blocks(b, lang)),
    ]
    table = board(b)
    note = unranked_note(b)
    if table is not None or note:
        sections.append(
            (
                "rankings",
                "红黑榜",
                (*((table,) if table is not None else ()), *note, ranking_entries(b)),
            )
        )
    sections += [
        ("trends", "走势", (charts(b),)),
        ("sources", "数据来源与说明", (Bullets(tuple(sources(b))),)),
    ]
    return Document(
        caption=(meta_line(b),),
        sections=_numbered(sections),
        lang=lang,
        title=title(b),
        generated_at=b.generated_at,
        signature=signature(b),
    )


def county_document(b: Bulletin, lang: Lang = "zh") -> Document:
    """One county's bulletin: its indicators, its ranks, its warnings, its trends."""
    sections: list[tuple[str, str, tuple[Block, ...]]] = [
        ("summary", "总体情况", (Paragraph(summary(b)), *checked(b))),
        ("indicators", "主要指标完成情况", (indicator_read_table(b),)),
        ("rankings", "排名", county_rank_blocks(b)),
        ("warnings", "预警情况", warnings_blocks(b, lang)),
        ("trends", "走势", (charts(b),)),
        ("sources", "数据来源与说明", (Bullets(tuple(sources(b))),)),
    ]
    return Document(
        caption=(meta_line(b),),
        sections=_numbered(sections),
        lang=lang,
        title=title(b),
        generated_at=b.generated_at,
        signature=signature(b),
    )
