"""The bulletin's supervision: 任务推进 from the task ledger, the warnings grouped so that each
county or unit appears once with all its reasons, and the 红黑榜 by composite score with
位次变化."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from chuangye_cli.alerts import LEVEL_ORDER, Alert, RankEntry, Ranking
from chuangye_cli.bulletin import Bulletin
from chuangye_cli.display import amount, percent, quantity
from chuangye_cli.document import (
    Block,
    Cell,
    Column,
    Kind,
    Paragraph,
    Row,
    Table,
)
from chuangye_cli.periods import Period
from chuangye_cli.returns import months_text
from chuangye_cli.views.alerts import (
    doubted_alert,
    doubted_score,
    entry_value,
    escalation,
    not_reported_text,
    not_scored_text,
    owed_by_units,
    rank_change_text,
    units_text,
    warnings_table,
)
from chuangye_cli.views.bulletin_figures import doubted
from chuangye_cli.views.progress import MARK, task_table, unit_table
from chuangye_cli.views.scope import divisions_word, scope_labels
from chuangye_cli.views.tasks import ledger_table, row_status, short
from chuangye_cli.vocab import COL, LEVEL, OVERALL_SHORT, TASK_STATUS, Label, Lang


def county_name(b: Bulletin) -> str | None:
    return b.plan.county(b.county).name if b.county else None


def overall_ranking(b: Bulletin) -> Ranking | None:
    return next((r for r in b.alerts.rankings if r.indicator is None), None)


def own_alerts(b: Bulletin, items: Sequence[Alert]) -> list[Alert]:
    """A county bulletin's own warnings; all of them for the city."""
    return [a for a in items if b.county is None or a.subject_id == b.county]


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
    units = len({r.duty.unit for r in ledger.rows if row_status(r) == "not_reported"})
    # (the shares not reported, of how many units: 44 of 13 tasks read as a slip)
    sent = f"{units}个单位的{missing}个责任事项未报送进展" if missing else "进展均已报送"
    return (
        f"{len(b.plan.tasks)}项重点任务中{closable}项可销号，逾期时间节点{overdue}个，"
        f"{ledger.as_of.label_zh}{sent}。"
    )


ATTENTION_COLUMNS = (
    Column("task", COL["task"], Kind.NUMBER),
    Column("unit", Label("牵头单位", "lead unit")),
    Column("status", COL["status"], Kind.STATUS, styled=True),
    Column("what", Label("情况", "what"), wide=True),
)


def unreported_text(b: Bulletin) -> str:
    """The shares not reported with nothing else to say of them, in one sentence by unit
    (a row each made a page of 未报送 when a month's task returns had not come in); a task
    whose last return is older than the month before is named with it."""
    ledger = b.ledger
    assert ledger is not None
    before = Period.from_index(ledger.as_of.index - 1)
    tasks: dict[str, dict[int, Period | None]] = {}
    for r in ledger.rows:
        if row_status(r) == "not_reported" and not r.overdue:
            tasks.setdefault(r.duty.unit, {})[r.duty.task.number] = r.last_update
    if not tasks:
        return ""

    def one(unit: str) -> str:
        numbers = sorted(tasks[unit])
        stale = [(n, last) for n in numbers if (last := tasks[unit][n]) is None or last < before]
        said = []
        for n, last in stale:
            who = "" if len(numbers) == 1 else f"任务{n}"
            if last is None:
                said.append(f"{who}从未报送")
            else:  # (最近一次报送为 said once)
                said.append(f"{who}{'为' if said else '最近一次报送为'}{last.label_zh}")
        since = ("，" if len(numbers) == 1 else "，其中") + "、".join(said) if said else ""
        return f"{unit}（任务{'、'.join(map(str, numbers))}{since}）"

    return (
        f"{ledger.as_of.label_zh}未报送任务进展的单位{len(tasks)}个："
        + "、".join(map(one, tasks))
        + "。"
    )


def attention_table(b: Bulletin) -> Table:
    """The shares that need attention: 逾期, 滞后, 未报送 with more to say (the whole ledger is
    in the workbook; those only not reported are in :func:`unreported_text`)."""
    ledger = b.ledger
    assert ledger is not None
    rows = []
    for r in ledger.rows:
        status = row_status(r)
        if not (r.overdue or status == "lagging"):
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
        unreported = unreported_text(b)
        follows = ("其他" if unreported else "") + "需关注的事项如下表。"
        blocks.append(
            Paragraph(task_summary(b) + "。" + unreported + (follows if attention.rows else ""))
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


def _reason(b: Bulletin, items: list[Alert], marked: Mapping[str, set[str]]) -> str:
    """One subject's indicator (or a unit) with its warnings in a few words (``marked``: the
    doubted indicators of each row, see :func:`doubted`)."""
    plan = b.plan
    first = items[0]
    kinds = {a.kind for a in items}
    missing = next((a for a in items if a.kind == "not_reported"), None)
    if missing is not None:  # a return not sent: not a lag (its figures are incomplete)
        urge = escalation(missing, plan)
        if missing.indicator is not None:  # a return that came without this figure
            gaps = months_text(list(missing.missing))
            urge = f"，{urge}" if urge else ""
            return f"{plan.indicator(missing.indicator).name}（{gaps}报表缺项，不作进度判断{urge}）"
        return not_reported_text(missing) + (f"（{urge}）" if urge else "")
    mark = MARK if doubted_alert(first, marked, b.progress) else ""
    if first.indicator is None:  # (a unit's mean)
        head = f"关联指标平均完成{percent(first.completion)}{mark}"
    else:
        ind = plan.indicator(first.indicator)
        if "off_target" in kinds:
            head = f"{ind.name}{amount(first.actual, ind.unit, ind.reporting_unit)}{mark}"
        else:
            head = f"{ind.name}{percent(first.completion)}{mark}"
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
    for a in own_alerts(b, b.alerts.items):
        by_key.setdefault((a.scope, a.subject, a.indicator), []).append(a)
    subjects: dict[tuple[str, str], dict[str, list[str]]] = {}
    marked = doubted(b)
    for (scope, subject, _), items in by_key.items():
        level = min((a.level for a in items), key=LEVEL_ORDER.__getitem__)
        if level == "green":
            continue
        subjects.setdefault((scope, subject), {"red": [], "yellow": []})[level].append(
            _reason(b, items, marked)
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
    green = sum(1 for a in own_alerts(b, b.alerts.items) if a.level == "green")
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
    if notes:
        blocks.append(Paragraph("；".join(notes) + "。", note=True))
    full = replace(
        warnings_table(b.alerts, lang, tuple(own_alerts(b, b.alerts.items))),
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
    overall = overall_ranking(b)
    if overall is None or not overall.ranked:
        return None
    first = {e.county_id for e in overall.first}
    last = {e.county_id for e in overall.last}
    marked = doubted(b)

    def score(e: RankEntry) -> Cell:  # (a score a doubted figure counts in: ※, as completions)
        if e.score is None or not doubted_score(e.county_id, marked, b.plan):
            return Cell(e.score)
        return Cell(e.score, text=quantity(e.score, 1) + MARK)

    rows = tuple(
        Row(
            {
                "rank": Cell(e.rank),
                "county": Cell(e.county),
                "score": score(e),
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
    columns = scope_labels(b.plan, BOARD_COLUMNS)
    return Table("board", columns, rows, sheet="红黑榜", machine=False)


def missed(b: Bulletin, county_id: str) -> str:
    """Which returns of a county are missing in the view's months: 本月未报送, or, when this
    month's came, the earlier months' (2020年3月未报送) and returns without a figure they gave
    before (2020年6月报表缺项)."""
    return b.gaps.get(county_id) or "本月未报送"


def unranked_note(b: Bulletin) -> tuple[Paragraph, ...]:
    """Who is left out of the 红黑榜 because a return in the view's months is missing, and
    the indicators its 综合得分 leaves out."""
    overall = overall_ranking(b)
    if overall is None:
        return ()
    scored = not_scored_text(b.alerts, overall)
    if not overall.unranked:
        return (Paragraph(f"{scored}。"),) if scored else ()
    ids = {c.name: c.id for c in b.plan.counties}
    by_unit, left = owed_by_units(b.alerts, overall.unranked)
    by_gap: dict[str, list[str]] = {}
    for name in left:
        by_gap.setdefault(missed(b, ids[name]), []).append(name)
    said = [f"{'、'.join(names)}{gap}" for gap, names in by_gap.items()]
    if not overall.ranked:  # fewer than two with a score: no table, only why
        lone = "".join(f"，仅{e.county}可计算综合得分" for e in overall.entries)
        why = "，".join(said + units_text(b.alerts, by_unit))
        return (Paragraph(f"本月不作综合排名：{why}{lone}。"),)
    if by_unit:
        units = "，".join(units_text(b.alerts, by_unit))
        said.append(f"{'、'.join(n for n in overall.unranked if n not in left)}因{units}")
    return (Paragraph(f"{'，'.join(said)}，未参加综合排名{'；' + scored if scored else ''}。"),)


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
        if mine is None or not r.ranked:
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
    name = next((c.name for c in b.plan.counties if c.id == b.county), None)
    overall = overall_ranking(b)
    if overall is not None and not overall.ranked:  # nobody ranked overall: why
        return (*unranked_note(b), *((ranks,) if ranks.rows else ()))
    if name is not None and any(name in r.unranked for r in b.alerts.rankings):
        assert b.county is not None
        by_unit, left = owed_by_units(b.alerts, (name,))
        # its own return missing, or (having reported) a unit's return for it
        why = missed(b, b.county) if left else "因" + "，".join(units_text(b.alerts, by_unit))
        gap = why + "，未参加综合排名" + ("和未报送指标的排名" if ranks.rows else "")
        note = Paragraph(f"{name}{gap}。")
        return (note, ranks) if ranks.rows else (note,)
    if not ranks.rows:
        word = divisions_word(b.plan)
        return (Paragraph(f"没有{word}排名（排名需要两个以上{word}的目标）。"),)
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
    labelled = scope_labels(b.plan, columns)
    return Table("ranking_entries", labelled, rows, sheet="排名", machine=False, audience="data")
