"""The bulletin's figures: each indicator's 本月/本年/累计 with what is still needed (worded for
reading, exact for workbooks), the county matrix, and 报送情况 when the returns are known."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from chuangye_cli.bulletin import Bulletin, ReturnStatus
from chuangye_cli.display import about, amount
from chuangye_cli.document import (
    Block,
    Cell,
    Column,
    Kind,
    Paragraph,
    Row,
    Table,
)
from chuangye_cli.model import IndicatorSpec
from chuangye_cli.periods import Period
from chuangye_cli.suspects import in_view
from chuangye_cli.views.common import early_words, sent_early, status_cell
from chuangye_cli.views.progress import (
    MARK,
    counting,
    county_table,
    indicator_table,
    marked_completion,
    marked_months,
)
from chuangye_cli.views.scope import divisions_word, scope_labels
from chuangye_cli.vocab import COL, Label

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


MARKED = f"{MARK}为数据核查中存疑的数字，已按报送数计入"


def doubted(b: Bulletin, to_date: bool = False) -> dict[str, set[str]]:
    """The indicators of each of the bulletin's rows (a division, and for the whole plan "")
    with a figure the checks doubt that counts in it (its own or one of its parts'): of the
    view's months, or with ``to_date`` of any month to the report month (the 累计 of a yearly
    view holds the years before it)."""
    return {row: set(by) for row, by in doubted_months(b, to_date).items()}


def doubted_months(b: Bulletin, to_date: bool = False) -> dict[str, dict[str, set[Period | None]]]:
    """As :func:`doubted`, with the months of the doubted figures."""
    p = b.progress
    year = None if to_date else p.year
    shown = b.doubts.shown(p.as_of, year, in_view(b.plan, (b.county,) if b.county else None))
    return marked_months(b.plan, counting(b.plan, p.actuals, p.as_of, shown))


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
    as_of = b.progress.as_of
    months = doubted_months(b, to_date=True).get(b.county or "", {})  # (累计: to date)
    in_view = doubted(b).get(b.county or "", set())  # (the completion: the view's months)
    for r in indicator_rows(b):
        ind, target, actual, completion, status, remaining, pace = r
        doubts = months.get(ind.id, set())
        adds = b.additions.get(ind.id)
        unit, small = ind.unit, ind.reporting_unit
        # 累计: to date since the plan began (in a yearly view too, where ``actual`` is the year's)
        history = next((t for t in b.trends if t.indicator.id == ind.id), None)
        level = ind.judged_on_level
        to_date = history.points[-1].total if history and history.points and not level else actual
        target_text = (
            amount(target, unit, small) + ("以内" if ind.ceiling else "")
            if target is not None
            else "—"
        )
        rows.append(
            Row(
                {
                    "name": Cell(ind.name),
                    "target": Cell(target, text=target_text),
                    "month": Cell(
                        adds.month if adds else None,
                        text="—"
                        if level or adds is None
                        else amount(adds.month, unit, small) + MARK * (as_of in doubts),
                    ),
                    "year": Cell(
                        adds.year if adds else None,
                        text="—"
                        if level or adds is None
                        else amount(adds.year, unit, small)
                        + MARK * any(m is not None and m.year == as_of.year for m in doubts),
                    ),
                    "actual": Cell(
                        to_date,
                        text=amount(to_date, unit, small) + MARK * bool(doubts),
                    ),
                    "completion": marked_completion(completion, ind.id in in_view),
                    "status": status_cell(ind, status),
                    "remaining": Cell(remaining, text=_needed(ind, remaining, pace)),
                },
                status=status,
            )
        )
    return Table("indicators", READ_COLUMNS, tuple(rows), machine=False, audience="read")


def indicator_rows(
    b: Bulletin,
) -> list[
    tuple[
        IndicatorSpec,
        Decimal | None,
        Decimal | None,
        Decimal | None,
        str | None,
        Decimal | None,
        Decimal | None,
    ]
]:
    if b.county is None:
        return [
            (
                r.indicator,
                r.target,
                r.actual if r.figure else None,
                r.completion if r.figure else None,
                r.status,
                r.remaining if r.figure else None,
                r.pace_needed,
            )
            for r in b.progress.indicators
        ]
    return [
        (
            r.indicator,
            r.target,
            r.actual if r.figure else None,  # a level nobody reported: no figure, not 0
            r.completion,
            r.status,
            r.remaining,
            r.pace_needed,
        )
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
    columns = scope_labels(
        b.plan,
        (
            Column("county", COL["county"]),
            *(Column(i.id, Label(i.name, i.name), Kind.RATIO, styled=True) for i in indicators),
        ),
    )
    cells: dict[str, dict[str, Cell]] = {}
    marked = doubted(b)
    for r in b.progress.counties:
        row = cells.setdefault(r.county.id, {"county": Cell(r.county.name)})
        gap = _gap(b, r.county.id, r.indicator.id) if r.status == "not_reported" else None
        mark = r.indicator.id in marked.get(r.county.id, ())
        # a total that lacks a return is no completion: the cell says why instead
        row[r.indicator.id] = Cell(
            r.completion if gap is None else None,
            text=gap or marked_completion(r.completion, mark).text,
            status="not_reported" if gap else r.status or "none",
        )
    rows = tuple(
        Row(c)
        for c in cells.values()
        # a county with a figure, or with a gap where one is due (未报 …): not one with nothing
        if any(v.value is not None or v.text for k, v in c.items() if k != "county")
    )
    return Table("county_matrix", columns, rows, sheet="县区", machine=False)


GAP_WORDS = {
    "未报": "未报为本月未报送",
    "缺项": "缺项为本月报表缺该项",
    "不全": "不全为此前月份未报送或缺该项",
}


def _gap(b: Bulletin, county: str, indicator: str) -> str:
    """Why a county's figure is not judged, in a word: 未报 (no return this month), 缺项 (this
    month's return came without it), 不全 (a month before is missing)."""
    returns = b.progress.returns
    assert returns is not None  # not_reported comes from the returns engine
    reporter = returns.reporter_of(county, indicator)
    as_of = b.progress.as_of
    if not returns.reported(reporter, as_of):
        return "未报"
    return "缺项" if as_of in returns.lacking(reporter, indicator) else "不全"


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
    words = {c.text for r in matrix.rows for c in r.cells.values() if c.status == "not_reported"}
    gaps = "、".join(GAP_WORDS[w] for w in GAP_WORDS if w in words)
    marks = any(MARK in (c.text or "") for r in matrix.rows for c in r.cells.values())
    word = divisions_word(b.plan)
    note = Paragraph(
        f"各{word}完成率（{word}目标为分解目标，见说明）；颜色：绿为已完成或达序时，黄为滞后，红为严重滞后"
        + (f"；{gaps}，不列完成率" if gaps else "")
        + (f"；{MARKED}" if marks else "")
        + "。",
        note=True,
    )
    return note, matrix, detail


# --- 报送情况 --------------------------------------------------------------------------------------


def returns_blocks(b: Bulletin) -> tuple[Block, ...]:
    """报送情况 from the returns engine's statuses: one paragraph naming who did not report, or
    reported late, with the note (a page has no room for a table of those who did); the
    workbook lists every party."""
    assert b.returns is not None

    def named(rows: list[ReturnStatus]) -> str:
        return "、".join(r.party + (f"（{r.note}）" if r.note else "") for r in rows)

    missing = [r for r in b.returns if not r.reported]
    late = [r for r in b.returns if r.reported and r.on_time is False]
    text = f"{b.progress.as_of.label_zh}应报送{len(b.returns)}份，已报送{len(b.returns) - len(missing)}份"
    text += f"，未报送：{named(missing)}" if missing else "，全部报送"
    text += f"；未按时报送：{named(late)}。" if late else "。"
    # returns missing, or without figures, in earlier months of the view: the totals lack them
    names = {c.id: c.name for c in b.plan.counties}
    earlier = [
        f"{names.get(county, county)}{gap}"
        for county, gap in b.gaps.items()
        if gap != "本月未报送" and (b.county is None or county == b.county)
    ]
    if earlier:  # (whose totals: “以上” read as the whole table's)
        whose = "其" if len(earlier) == 1 else "这些报送单位的"
        text += f"另有：{'；'.join(earlier)}；{whose}累计数不全，不作进度判断。"
    if len(missing) * 2 > len(b.returns):  # (a month whose returns are still coming in)
        text += "本月报表尚未到齐，合计只含已报送的报表。"
    text += early_text(b)
    columns = (
        Column("party", Label("报送单位", "reporting party")),
        Column("reported", Label("报送情况", "reported")),
        Column("note", COL["note"], wide=True),
    )
    rows = tuple(_return_row(r) for r in b.returns)
    return (
        Paragraph(text),
        Table("returns", columns, rows, sheet="报送情况", machine=False, audience="data"),
    )


def early_text(b: Bulletin) -> str:
    """Who sent a month after the report month early (after the latest month whose returns
    are in): read and checked, not counted in this bulletin."""
    p = b.progress
    early = sent_early(b.plan, p.actuals, p.as_of, p.year)
    return early_words(early) + "。" if early else ""


def _return_row(r: ReturnStatus) -> Row:
    on_time = r.reported and r.on_time is not False
    shown = "已报送" if on_time else ("未按时报送" if r.reported else "未报送")
    return Row(
        {"party": Cell(r.party), "reported": Cell(r.reported, text=shown), "note": Cell(r.note)},
        status=None if on_time else "behind",
    )
