"""The monthly bulletin (月度通报) as one document, the city's or one county's: a summary, each
indicator's 本月/本年/累计, the counties, 报送情况 (when known), 任务推进 from the task ledger, the
warnings grouped by subject, the 红黑榜 by composite score with 位次变化, the trends, and the
sources; the 落款 at the end. Tables for reading are short and worded; the full detail goes to
the workbook (``audience="data"``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from chuangye_cli.alerts import LEVEL_ORDER, PACE_MONTHS, Alert, Ranking
from chuangye_cli.bulletin import Bulletin
from chuangye_cli.display import about, amount, percent, quantity
from chuangye_cli.document import (
    Block,
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
from chuangye_cli.model import IndicatorSpec
from chuangye_cli.periods import Period
from chuangye_cli.views.alerts import (
    entry_value,
    rank_change_text,
    warnings_table,
)
from chuangye_cli.views.common import status_cell
from chuangye_cli.views.progress import county_table, indicator_table, task_table, unit_table
from chuangye_cli.views.tasks import ledger_table, row_status, short
from chuangye_cli.vocab import COL, LEVEL, OVERALL_SHORT, TASK_STATUS, Label, Lang

NUMERALS = "一二三四五六七八九十"


# --- title, caption, 落款 -----------------------------------------------------------------------


def county_name(b: Bulletin) -> str | None:
    return b.plan.county(b.county).name if b.county else None


def title(b: Bulletin) -> str:
    meta = b.plan.meta
    name = meta.short_title or meta.title
    who = county_name(b) or ""
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
    for ind, _, actual, completion, status, remaining, _ in _indicator_rows(b):
        if status not in ("behind", "severe"):
            continue
        if ind.judged_on_level:
            parts.append(f"{ind.name}（{amount(actual, ind.unit)}）")
        else:
            needed = amount(remaining, ind.unit, ind.reporting_unit)
            parts.append(f"{ind.name}（完成{percent(completion)}，尚需{needed}）")
    return "、".join(parts)


def summary(b: Bulletin) -> str:
    """The opening paragraph, written from the figures."""
    p = b.progress
    who = county_name(b) or ("全市" if p.year is None else "")
    rows = _indicator_rows(b)
    counts = Counter(r[4] for r in rows)
    text = f"截至{p.as_of.label_zh}，序时进度{percent(p.time_progress)}。"
    if p.year is not None:
        text += f"{p.year}年度视图：完成率为本年新增（存量指标为期末水平）占年度目标的比例"
        text += "；未定义年度目标的指标占全周期目标，不判断状态。" if not p.yearly_targets else "。"
    judged = sum(counts.values()) - counts[None]
    if judged:
        text += (
            f"{who}{len(rows)}项指标中，{counts['done']}项已完成，{counts['on_pace']}项达到序时进度，"
            f"{counts['behind']}项滞后，{counts['severe']}项严重滞后。"
        )
    lagging = _lagging_text(b)
    if lagging:
        text += f"滞后指标：{lagging}。"
    if b.ledger is not None and b.county is None:
        text += task_brief(b)
    shown = [a for a in _mine(b, b.alerts.items) if a.level != "green"]
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
    overall = _overall(b)
    if overall is not None and overall.entries:
        if b.county is None:
            first = "、".join(f"{e.county}（{entry_value(e)}）" for e in overall.first)
            last = "、".join(f"{e.county}（{entry_value(e)}）" for e in overall.last)
            text += f"综合得分首位为{first}" + (f"，末位为{last}" if last else "") + "。"
        else:
            mine = next((e for e in overall.entries if e.county_id == b.county), None)
            if mine is not None:
                change = rank_change_text(mine.rank_change)
                text += (
                    f"综合得分{entry_value(mine)}，在{len(overall.entries)}个县区中列第{mine.rank}位"
                    + (f"（较上月{change}）" if mine.rank_change is not None else "")
                    + "。"
                )
    return text


def _overall(b: Bulletin) -> Ranking | None:
    return next((r for r in b.alerts.rankings if r.indicator is None), None)


def _escalated(b: Bulletin) -> list[Alert]:
    """Subjects' indicators red for ``escalate_after`` months or more, once each."""
    seen: dict[tuple[str, str, str | None], Alert] = {}
    for a in _mine(b, b.alerts.items):
        if a.consecutive_red_months >= b.plan.thresholds.escalate_after:
            seen.setdefault((a.scope, a.subject, a.indicator), a)
    return list(seen.values())


def _mine(b: Bulletin, items: Sequence[Alert]) -> list[Alert]:
    """A county bulletin's own warnings; all of them for the city."""
    return [a for a in items if b.county is None or a.subject_id == b.county]


# --- 二、主要指标 ---------------------------------------------------------------------------------

READ_COLUMNS = (
    Column("name", COL["name"], wide=True),
    Column("target", COL["target"], right=True),
    Column("month", Label("本月", "this month"), right=True),
    Column("year", Label("本年", "this year"), right=True),
    Column("actual", COL["actual"], right=True),
    Column("completion", COL["completion"], Kind.RATIO, styled=True),
    Column("status", COL["status"], Kind.STATUS, styled=True),
    Column("remaining", Label("尚需", "still needed"), wide=True, right=True),
)


def _needed(ind: IndicatorSpec, remaining: Decimal | None, pace: Decimal | None) -> str:
    """尚需X（每月约Y）, as people write it; a rate or ceiling: the gap in points."""
    if remaining is None:
        return "—"
    if remaining == 0:
        return "—"
    if ind.judged_on_level:
        return ("需降低" if ind.ceiling else "差") + amount(
            remaining, "个百分点" if ind.rate else ind.unit
        )
    text = amount(remaining, ind.unit, ind.reporting_unit)
    if pace is not None:
        text += f"（每月{about(pace, ind.unit, ind.reporting_unit)}）"
    return text


def indicator_read_table(b: Bulletin) -> Table:
    """Each indicator with units in its figures, 本月/本年/累计, completion and what is needed."""
    rows = []
    for r in _indicator_rows(b):
        ind, target, actual, completion, status, remaining, pace = r
        adds = b.additions.get(ind.id)
        unit, small = ind.unit, ind.reporting_unit
        # 累计: to date since the plan began (in a yearly view too, where ``actual`` is the year's)
        history = next((t for t in b.trends if t.indicator.id == ind.id), None)
        level = ind.judged_on_level
        to_date = history.points[-1].total if history and history.points and not level else actual
        target_text = (
            amount(target, unit) + ("以内" if ind.ceiling else "") if target is not None else "—"
        )
        rows.append(
            Row(
                {
                    "name": Cell(ind.name),
                    "target": Cell(target, text=target_text),
                    "month": Cell(
                        adds.month if adds else None,
                        text="—" if level or adds is None else amount(adds.month, unit, small),
                    ),
                    "year": Cell(
                        adds.year if adds else None,
                        text="—" if level or adds is None else amount(adds.year, unit, small),
                    ),
                    "actual": Cell(to_date, text=amount(to_date, unit, small if level else None)),
                    "completion": Cell(completion),
                    "status": status_cell(ind, status),
                    "remaining": Cell(remaining, text=_needed(ind, remaining, pace)),
                },
                status=status,
            )
        )
    return Table("indicators", READ_COLUMNS, tuple(rows), machine=False, audience="read")


def _indicator_rows(
    b: Bulletin,
) -> list[
    tuple[
        IndicatorSpec,
        Decimal | None,
        Decimal,
        Decimal | None,
        str | None,
        Decimal | None,
        Decimal | None,
    ]
]:
    if b.county is None:
        return [
            (r.indicator, r.target, r.actual, r.completion, r.status, r.remaining, r.pace_needed)
            for r in b.progress.indicators
        ]
    return [
        (r.indicator, r.target, r.actual, r.completion, r.status, r.remaining, r.pace_needed)
        for r in b.progress.counties
        if r.county.id == b.county
    ]


def indicator_data_table(b: Bulletin) -> Table:
    """The same figures for a workbook: exact numbers, the unit in a column."""
    base = indicator_table(b.progress)
    month_column = Column("month", Label("本月", "this month"), Kind.QUANTITY)
    year_column = Column("year", Label("本年", "this year"), Kind.QUANTITY)
    rows = []
    for row in base.rows:
        adds = b.additions.get(str(row.cell("indicator").value))
        month = Cell(adds.month if adds else None)
        year = Cell(adds.year if adds else None)
        rows.append(replace(row, cells={**row.cells, "month": month, "year": year}))
    order = ("name", "unit", "target", "month", "year", "actual", "completion", "time_progress",
             "status", "pace_needed")  # fmt: skip
    return replace(
        base,
        key="indicators",
        columns=(*base.columns, month_column, year_column),
        rows=tuple(rows),
        show=order,
        machine=False,
        audience="data",
    )


# --- 三、各县区 -----------------------------------------------------------------------------------


def county_matrix(b: Bulletin) -> Table:
    """Counties (rows) × indicators (columns): completion, each cell coloured by its status;
    counties without any target left out."""
    indicators = b.plan.indicators
    columns = (
        Column("county", COL["county"]),
        *(Column(i.id, Label(i.name, i.name), Kind.RATIO, styled=True) for i in indicators),
    )
    cells: dict[str, dict[str, Cell]] = {}
    for r in b.progress.counties:
        row = cells.setdefault(r.county.id, {"county": Cell(r.county.name)})
        row[r.indicator.id] = Cell(r.completion, status=r.status or "none")
    rows = tuple(
        Row(c)
        for c in cells.values()
        if any(v.value is not None for k, v in c.items() if k != "county")
    )
    return Table("county_matrix", columns, rows, sheet="县区", machine=False)


def counties_blocks(b: Bulletin) -> tuple[Block, ...]:
    matrix = county_matrix(b)
    detail = replace(county_table(b.progress), audience="data")
    if not matrix.rows:
        why = (
            f"{b.progress.year}年没有县区年度目标（需在 targets.yaml 给出指标的 yearly 目标）"
            if b.progress.year is not None
            else "没有县区目标（县区目标来自 targets.yaml 的 allocation）"
        )
        return Paragraph(why + "，不列县区完成率。"), detail
    note = Paragraph(
        "各县区完成率（县区目标为分解目标，见说明）；颜色：绿为已完成或达序时，黄为滞后，红为严重滞后。",
        note=True,
    )
    return note, matrix, detail


# --- 报送情况 --------------------------------------------------------------------------------------


def returns_blocks(b: Bulletin) -> tuple[Block, ...]:
    """报送情况 from the returns engine's statuses."""
    assert b.returns is not None
    missing = [r.party for r in b.returns if not r.reported]
    late = [r.party for r in b.returns if r.reported and r.on_time is False]
    text = f"{b.progress.as_of.label_zh}应报送{len(b.returns)}个，已报送{len(b.returns) - len(missing)}个"
    text += f"，未报送：{'、'.join(missing)}" if missing else "，全部报送"
    text += f"；未按时报送：{'、'.join(late)}。" if late else "。"
    columns = (
        Column("party", Label("报送单位", "reporting party")),
        Column("reported", Label("报送情况", "reported")),
        Column("note", COL["note"], wide=True),
    )
    rows = tuple(
        Row(
            {
                "party": Cell(r.party),
                "reported": Cell(
                    r.reported,
                    text="已报送"
                    if r.reported and r.on_time is not False
                    else ("未按时报送" if r.reported else "未报送"),
                ),
                "note": Cell(r.note),
            },
            status=None if r.reported and r.on_time is not False else "behind",
        )
        for r in b.returns
    )
    return Paragraph(text), Table("returns", columns, rows, sheet="报送情况", machine=False)


# --- 任务推进 -------------------------------------------------------------------------------------


def task_summary(b: Bulletin) -> str:
    """One sentence on the ledger: statuses of the lead units' shares, 可销号, 逾期, 未报送."""
    ledger = b.ledger
    assert ledger is not None
    tasks = len(b.plan.tasks)
    statuses = Counter(row_status(r) for r in ledger.rows)
    parts = [
        f"{TASK_STATUS[s].zh}{statuses[s]}个"
        for s in ("done", "in_progress", "lagging", "not_started", "not_reported")
        if statuses[s]
    ]
    text = f"{tasks}项重点任务共{len(ledger.rows)}个牵头单位责任事项，" + "、".join(parts)
    closable = ledger.closable_tasks
    text += "；" + (
        "、".join(f"任务{n}" for n in closable) + "可销号" if closable else "暂无可销号任务"
    )
    overdue = sum(len(r.overdue) for r in ledger.rows)
    text += f"；逾期时间节点{overdue}个"
    return text


def task_brief(b: Bulletin) -> str:
    """The ledger in a clause for the summary: 可销号, 逾期, 未报送."""
    ledger = b.ledger
    assert ledger is not None
    closable = len(ledger.closable_tasks)
    overdue = sum(len(r.overdue) for r in ledger.rows)
    missing = len(ledger.not_reported)
    return (
        f"{len(b.plan.tasks)}项重点任务中{closable}项可销号，逾期时间节点{overdue}个，"
        f"{ledger.as_of.label_zh}未报送{missing}个。"
    )


ATTENTION_COLUMNS = (
    Column("task", COL["task"], Kind.NUMBER),
    Column("unit", Label("牵头单位", "lead unit")),
    Column("status", COL["status"], Kind.STATUS, styled=True),
    Column("what", Label("情况", "what"), wide=True),
)


def attention_table(b: Bulletin) -> Table:
    """The shares that need attention: 逾期, 滞后, 未报送 (the whole ledger is in the workbook)."""
    ledger = b.ledger
    assert ledger is not None
    rows = []
    for r in ledger.rows:
        status = row_status(r)
        if not (r.overdue or status in ("lagging", "not_reported")):
            continue
        what = []
        if status == "not_reported":
            last = r.last_update.label_zh if r.last_update else "从未报送"
            what.append(f"{ledger.as_of.label_zh}未报送（最近一次：{last}）")
        what += [f"逾期：{m.what}（{m.due.label_zh}）" for m in r.overdue]
        if r.progress and status != "not_reported":
            what.append(short(r.progress, 30))
        rows.append(
            Row(
                {
                    "task": Cell(r.duty.task.number),
                    "unit": Cell(r.duty.unit),
                    "status": Cell(status, text=TASK_STATUS[status or "not_reported"].zh),
                    "what": Cell("；".join(what)),
                },
                status="severe" if r.overdue or status == "not_reported" else "behind",
            )
        )
    return Table("attention", ATTENTION_COLUMNS, tuple(rows), machine=False, audience="read")


def tasks_blocks(b: Bulletin) -> tuple[Block, ...]:
    ledger_rows = b.ledger.rows if b.ledger else ()
    blocks: list[Block] = []
    if b.ledger is None:
        blocks.append(
            Paragraph(
                "未读取任务报送（数据文件夹的 task-returns/ 或 --task-returns），"
                "以下为各任务关联指标的完成情况。",
                note=True,
            )
        )
    else:
        attention = attention_table(b)
        blocks.append(
            Paragraph(
                task_summary(b)
                + "。"
                + (
                    "需关注的事项如下表（全部台账见 XLSX 版或 chuangye tasks）。"
                    if attention.rows
                    else ""
                )
            )
        )
        if attention.rows:
            blocks.append(attention)
        blocks.append(replace(ledger_table(ledger_rows), title=None, audience="data"))
    tasks = task_table(b.progress)
    if b.ledger is None:  # the indicators' side of the tasks, for reading too
        blocks.append(replace(tasks, show=("task", "title", "leads", "completion", "status")))
    else:
        blocks.append(replace(tasks, audience="data"))
    blocks.append(replace(unit_table(b.progress), audience="data"))
    return tuple(blocks)


# --- 预警 ------------------------------------------------------------------------------------------


def _reason(b: Bulletin, items: list[Alert]) -> str:
    """One subject's indicator (or a unit) with its warnings in a few words."""
    plan = b.plan
    first = items[0]
    kinds = {a.kind for a in items}
    if first.indicator is None:
        head = f"关联指标平均完成{percent(first.completion)}"
    else:
        ind = plan.indicator(first.indicator)
        if "off_target" in kinds:
            head = f"{ind.name}{amount(first.actual, ind.unit)}"
        else:
            head = f"{ind.name}{percent(first.completion)}"
    flags = []
    if "half_time" in kinds:
        flags.append("时间过半任务未过半")
    elif {"lagging", "off_target"}.isdisjoint(kinds):
        flags.append("按近期进度难以完成")  # only the projection warns
    months = max(a.consecutive_red_months for a in items)
    if months >= plan.thresholds.escalate_after:
        flags.append(f"连续{months}个月红色，建议督办")
    return head + (f"（{'，'.join(flags)}）" if flags else "")


GROUP_COLUMNS = (
    Column("subject", COL["subject"]),
    Column("level", COL["level"], Kind.STATUS, styled=True),
    Column("what", Label("情况", "what"), wide=True),
)


def grouped_warnings(b: Bulletin) -> Table:
    """Each county, the city and each unit once, with all its red and yellow warnings."""
    by_key: dict[tuple[str, str, str | None], list[Alert]] = {}
    for a in _mine(b, b.alerts.items):
        by_key.setdefault((a.scope, a.subject, a.indicator), []).append(a)
    subjects: dict[tuple[str, str], dict[str, list[str]]] = {}
    for (scope, subject, _), items in by_key.items():
        level = min((a.level for a in items), key=LEVEL_ORDER.__getitem__)
        if level == "green":
            continue
        subjects.setdefault((scope, subject), {"red": [], "yellow": []})[level].append(
            _reason(b, items)
        )
    order = {c.name: k for k, c in enumerate(b.plan.counties)}
    scope_order = {"county": 0, "city": 1, "unit": 2}
    ranked = sorted(
        subjects.items(),
        key=lambda kv: (
            not kv[1]["red"],
            -len(kv[1]["red"]),
            -len(kv[1]["yellow"]),
            scope_order[kv[0][0]],
            order.get(kv[0][1], 99),
        ),
    )
    rows = tuple(
        Row(
            {
                "subject": Cell(subject),
                "level": Cell("red" if lists["red"] else "yellow"),
                "what": Cell(
                    "；".join(
                        f"{LEVEL[level].zh}：{'、'.join(lists[level])}"
                        for level in ("red", "yellow")
                        if lists[level]
                    )
                ),
            },
            status="red" if lists["red"] else "yellow",
        )
        for (_, subject), lists in ranked
    )
    return Table("warnings_grouped", GROUP_COLUMNS, rows, machine=False, audience="read")


def warnings_blocks(b: Bulletin, lang: Lang) -> tuple[Block, ...]:
    grouped = grouped_warnings(b)
    green = sum(1 for a in _mine(b, b.alerts.items) if a.level == "green")
    blocks: list[Block] = []
    if grouped.rows:
        blocks.append(grouped)
    else:
        blocks.append(Paragraph("无红色、黄色预警。"))
    notes = []
    if green:
        notes.append(f"另有绿色预警（滞后不足黄色阈值）{green}条，略")
    turned = [
        f"{s}·{b.plan.indicator_names[i]}" if i else s
        for scope, s, i in b.alerts.turned_green
        if b.county is None or s == county_name(b)
    ]
    if turned:
        notes.append("较上月由红转绿：" + "、".join(turned))
    notes.append("全部预警见 XLSX 版或 chuangye warnings")
    blocks.append(Paragraph("；".join(notes) + "。", note=True))
    full = replace(
        warnings_table(b.alerts, lang, tuple(_mine(b, b.alerts.items))),
        title=None,
        audience="data",
        show=("level", "kind", "subject", "indicator", "completion", "time_progress",
              "gap_points", "projected", "pace_needed", "consecutive_red_months", "message"),
    )  # fmt: skip
    blocks.append(full)
    return tuple(blocks)


# --- 红黑榜 ---------------------------------------------------------------------------------------

BOARD_COLUMNS = (
    Column("rank", COL["rank"], Kind.NUMBER),
    Column("county", COL["county"]),
    Column("score", COL["score"], Kind.POINTS),
    Column("previous_rank", COL["previous_rank"], Kind.NUMBER),
    Column("rank_change", COL["rank_change"], right=True),
    Column("board", Label("榜单", "board")),
)


def board(b: Bulletin) -> Table | None:
    """The counties by composite score, with last month's rank and the change: 红榜 the first,
    黑榜 the last."""
    overall = _overall(b)
    if overall is None:
        return None
    first = {e.county_id for e in overall.first}
    last = {e.county_id for e in overall.last}
    rows = tuple(
        Row(
            {
                "rank": Cell(e.rank),
                "county": Cell(e.county),
                "score": Cell(e.score),
                "previous_rank": Cell(e.previous_rank),
                "rank_change": Cell(e.rank_change, text=rank_change_text(e.rank_change)),
                "board": Cell(
                    "red" if e.county_id in first else "black" if e.county_id in last else None,
                    text="红榜" if e.county_id in first else "黑榜" if e.county_id in last else "",
                ),
            },
            status="done" if e.county_id in first else "severe" if e.county_id in last else None,
        )
        for e in overall.entries
        if b.county is None or e.county_id == b.county
    )
    return Table("board", BOARD_COLUMNS, rows, sheet="红黑榜", machine=False)


def county_ranks(b: Bulletin) -> Table:
    """A county bulletin: its rank on each indicator (and overall) with the change."""
    names = b.plan.indicator_names
    columns = (
        Column("indicator", COL["name"]),
        Column("rank", COL["rank"]),
        Column("value", Label("得分/完成率", "score / completion"), right=True),
        Column("rank_change", COL["rank_change"], right=True),
    )
    rows = []
    for r in b.alerts.rankings:
        mine = next((e for e in r.entries if e.county_id == b.county), None)
        if mine is None:
            continue
        rows.append(
            Row(
                {
                    "indicator": Cell(
                        r.indicator, text=names[r.indicator] if r.indicator else OVERALL_SHORT.zh
                    ),
                    "rank": Cell(mine.rank, text=f"{mine.rank}/{len(r.entries)}"),
                    "value": Cell(mine.completion, text=entry_value(mine)),
                    "rank_change": Cell(mine.rank_change, text=rank_change_text(mine.rank_change)),
                }
            )
        )
    return Table("county_ranks", columns, tuple(rows), sheet="排名", machine=False)


def county_rank_blocks(b: Bulletin) -> tuple[Block, ...]:
    ranks = county_ranks(b)
    if not ranks.rows:
        return (Paragraph("没有县区排名（排名需要两个以上县区的目标）。"),)
    return (ranks,)


def ranking_entries(b: Bulletin) -> Table:
    names = b.plan.indicator_names
    columns = (
        Column("indicator", COL["name"]),
        Column("rank", COL["rank"], Kind.NUMBER),
        Column("county", COL["county"]),
        Column("completion", COL["completion"], Kind.RATIO),
        Column("score", COL["score"], Kind.POINTS),
        Column("previous_rank", COL["previous_rank"], Kind.NUMBER),
        Column("rank_change", COL["rank_change"], Kind.NUMBER),
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
                "score": Cell(e.score),
                "previous_rank": Cell(e.previous_rank),
                "rank_change": Cell(e.rank_change),
            }
        )
        for r in b.alerts.rankings
        for e in r.entries
    )
    return Table("ranking_entries", columns, rows, sheet="排名", machine=False, audience="data")


# --- 走势, 说明 ------------------------------------------------------------------------------------


def charts(b: Bulletin) -> Charts:
    plan = b.plan
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
        lines.append(
            "实绩数据："
            + "、".join(f"{s.name}（{s.rows}行）" for s in p.actuals.sources)
            + ("；为合成示例数据（synthetic），并非真实统计" if p.actuals.synthetic else "")
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
    allocation = p.plan.allocation
    if allocation is not None:
        lines.append(
            f"县区目标：{allocation.label}（分解方法见 targets.yaml 的 allocation.method）。"
        )
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
        ("summary", "总体情况", (Paragraph(summary(b)),)),
    ]
    if b.returns is not None:
        sections.append(("returns", "报送情况", returns_blocks(b)))
    sections += [
        (
            "indicators",
            "主要指标完成情况",
            (indicator_read_table(b), indicator_data_table(b)),
        ),
        ("counties", "各县区完成情况", counties_blocks(b)),
        ("tasks", "重点任务推进情况", tasks_blocks(b)),
        ("warnings", "预警情况", warnings_blocks(b, lang)),
    ]
    table = board(b)
    if table is not None:
        sections.append(
            (
                "rankings",
                "红黑榜",
                (
                    table,
                    ranking_entries(b),
                ),
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
        ("summary", "总体情况", (Paragraph(summary(b)),)),
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
