"""The views of ``chuangye progress``: per indicator, county, responsible unit or task."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal

from chuangye_cli.choices import Selection, View
from chuangye_cli.display import pace, percent
from chuangye_cli.document import Bar, Cell, Column, Document, Kind, Row, Table, report
from chuangye_cli.domain import Actuals
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.progress import Progress, window
from chuangye_cli.returns import months_text
from chuangye_cli.suspects import NO_DOUBTS, Doubts, Suspect, in_view
from chuangye_cli.views.common import (
    no_time_progress,
    period_line,
    plan_header,
    plan_heading,
    returns_line,
    source_lines,
    status_cell,
    target_cell,
)
from chuangye_cli.views.scope import (
    scope_cells,
    scope_columns,
    scope_header,
    scope_labels,
    scope_lines,
)
from chuangye_cli.vocab import COL, NONE, Lang

ALL = Selection()
_COMPLETION = Column("completion", COL["completion"], Kind.RATIO, styled=True, bar=Bar.PLAIN)
_STATUS = Column("status", COL["status"], Kind.STATUS, styled=True)

INDICATOR_COLUMNS = (
    Column("indicator", COL["indicator"], human=False),
    Column("name", COL["name"]),
    Column("unit", COL["unit"]),
    Column("target", COL["target"], Kind.QUANTITY),
    Column("actual", COL["actual"], Kind.QUANTITY),
    _COMPLETION,
    Column("time_progress", COL["time_progress"], Kind.RATIO, machine=False),
    Column("remaining", COL["remaining"], Kind.QUANTITY, human=False),
    Column("pace_needed", COL["pace_needed"], Kind.QUANTITY),
    _STATUS,
)
INDICATOR_ORDER = (
    "name",
    "unit",
    "target",
    "actual",
    "completion",
    "time_progress",
    "status",
    "pace_needed",
)

COUNTY_COLUMNS = (
    Column("county", COL["county"]),
    Column("county_id", COL["county_id"], human=False),
    Column("indicator", COL["indicator"], human=False),
    Column("indicator_name", COL["indicator_name"], machine=False),
    Column("unit", COL["unit"]),
    Column("target", COL["county_target"], Kind.QUANTITY),
    Column("actual", COL["actual"], Kind.QUANTITY),
    _COMPLETION,
    Column("remaining", COL["remaining"], Kind.QUANTITY, human=False),
    Column("pace_needed", COL["pace_needed"], Kind.QUANTITY, human=False),
    _STATUS,
    Column("note", COL["note"], wide=True),
    Column("reported_through", COL["reported_through"], human=False),
    Column("missing", COL["missing"], Kind.LIST, human=False),
)

UNIT_COLUMNS = (
    Column("unit", COL["unit_name"]),
    Column("tasks", COL["tasks"], Kind.LIST),
    Column("indicators", COL["indicators"], Kind.LIST, wide=True),
    Column("completion", COL["mean_completion"], Kind.RATIO, styled=True, bar=Bar.PLAIN),
    _STATUS,
)

TASK_COLUMNS = (
    Column("task", COL["task"], Kind.NUMBER),
    Column("title", COL["title"], wide=True),
    Column("leads", COL["leads"], Kind.LIST, wide=True),
    Column("partners", COL["partners"], Kind.LIST, wide=True),
    Column("indicators", COL["indicators"], Kind.LIST, wide=True),
    _COMPLETION,
    _STATUS,
)


MARK = "※"  # a figure the checks doubt (数据核查), counted as sent


def counting(plan: Plan, actuals: Actuals, as_of: Period, doubts: Doubts) -> Doubts:
    """The doubted figures that count in a view of ``as_of``: a flow's of the view's months
    (as ``doubts`` holds them), a level's (a stock's) only when it is the latest level of its
    series to ``as_of`` (an earlier level counts nowhere)."""
    stocks = {i.id for i in plan.indicators if i.kind != "flow"}

    def counts(s: Suspect) -> bool:
        if s.indicator not in stocks or s.county is None or s.month is None:
            return True
        series = actuals.series.get((s.county, s.indicator))
        months = [m for m in series.months if m <= as_of.index] if series is not None else []
        return bool(months) and max(months) == s.month.index

    return replace(doubts, suspects=tuple(s for s in doubts.suspects if counts(s)))


def marked_rows(plan: Plan, doubts: Doubts) -> dict[str, set[str]]:
    """The indicators of each row (a division, and for the whole plan "") with one of
    ``doubts``' figures counted in it (its own or one of its parts')."""
    return {row: set(by) for row, by in marked_months(plan, doubts).items()}


def marked_months(plan: Plan, doubts: Doubts) -> dict[str, dict[str, set[Period | None]]]:
    """As :func:`marked_rows`, with the months of the doubted figures (None: a figure whose
    warning names no month)."""
    scope = plan.scope
    parts = scope.parts if scope is not None else {}
    rows_of: dict[str, list[str]] = {}  # a division: the rows its figures count in
    for c in plan.counties:
        for part in dict.fromkeys((c.id, *parts.get(c.id, ()))):
            rows_of.setdefault(part, []).append(c.id)
    marked: dict[str, dict[str, set[Period | None]]] = {}
    for s in doubts.suspects:
        if not s.counted or s.county is None or s.indicator is None:
            continue
        for row in ("", *rows_of.get(s.county, ())):
            marked.setdefault(row, {}).setdefault(s.indicator, set()).add(s.month)
    return marked


def marked_completion(value: Decimal | None, marked: bool) -> Cell:
    """A completion, with ※ when a doubted figure counts in it."""
    return Cell(value, text=percent(value) + MARK if marked and value is not None else None)


def _wanted(selection: Selection, indicator: str | None = None, county: str | None = None) -> bool:
    return (not selection.indicators or indicator in selection.indicators) and (
        not selection.counties or county in selection.counties
    )


def indicator_table(
    progress: Progress, selection: Selection = ALL, marked: Mapping[str, set[str]] | None = None
) -> Table:
    """``marked``: the doubted indicators of each row (see :func:`marked_rows`), whose
    completions get a ※."""
    tp = progress.time_progress
    doubted = (marked or {}).get("", set())
    rows = tuple(
        Row(
            {
                "indicator": Cell(r.indicator.id),
                "name": Cell(r.indicator.name),
                "unit": Cell(r.indicator.unit),
                "target": target_cell(r.indicator, r.target),
                # a level nobody reported has no figure, no completion, nothing remaining
                "actual": Cell(r.actual if r.figure else None),
                "completion": marked_completion(
                    r.completion if r.figure else None, r.indicator.id in doubted
                ),
                "time_progress": no_time_progress(r.indicator, tp),
                "remaining": Cell(r.remaining if r.figure else None),
                "pace_needed": Cell(r.pace_needed, text=pace(r.pace_needed, r.indicator.unit)),
                "status": status_cell(r.indicator, r.status),
            },
            status=r.status,
        )
        for r in progress.indicators
        if _wanted(selection, r.indicator.id)
    )
    return Table("rows", INDICATOR_COLUMNS, rows, sheet="指标", show=INDICATOR_ORDER)


def row_notes(progress: Progress, doubts: Doubts, lang: Lang = "zh") -> dict[tuple[str, str], str]:
    """County rows' notes, by (row, indicator): the months a return came without the row's
    figure (why it is 未报送), and its doubted figures (those of its divisions)."""
    plan = progress.plan
    en = lang == "en"
    said: dict[tuple[str, str], list[str]] = {}
    returns = progress.returns
    first = window(plan, progress.year)[0]
    for r in progress.counties:
        if returns is None or r.status != "not_reported":
            continue
        lacking = returns.lacking(r.county.id, r.indicator.id)  # (of as_of)
        if lacking:
            when = months_text(list(lacking), lang)
            text = f"{when}: the return lacks it" if en else f"{when}报表缺项"
            said.setdefault((r.county.id, r.indicator.id), []).append(text)
        unit = returns.units.get(r.indicator.id)
        owed = returns.owing(r.county.id, r.indicator.id)
        gone = [m for m in r.missing if m >= first]  # (of the view's window)
        if unit is not None and owed == unit.id and gone:  # (another's return is missing)
            when = months_text(gone, lang)
            text = f"{unit.name}: {when} not sent" if en else f"{unit.name}{when}未报送"
            said.setdefault((r.county.id, r.indicator.id), []).append(text)
    for row, by in marked_months(plan, doubts).items():
        for indicator, found in by.items() if row else ():  # (a division's rows, not the plan's)
            months = sorted(m for m in found if m is not None)
            if months:
                when = months_text(months, lang)
                said.setdefault((row, indicator), []).append(
                    f"{when}: doubted, counted as sent (see Checks)"
                    if en
                    else f"{when}数字疑有误，已按报送数计入（见数据核查）"
                )
    return {key: ("; " if en else "；").join(texts) for key, texts in said.items()}


def county_table(
    progress: Progress,
    selection: Selection = ALL,
    notes: Mapping[tuple[str, str], str] | None = None,
    marked: Mapping[str, set[str]] | None = None,
) -> Table:
    """``notes``: more notes of rows (see :func:`row_notes`); ``marked``: as for
    :func:`indicator_table`."""
    doubted = marked or {}
    chosen = [r for r in progress.counties if _wanted(selection, r.indicator.id, r.county.id)]
    several = len({r.indicator.id for r in chosen}) > 1
    plan = progress.plan
    extra = notes or {}
    rows = tuple(
        Row(
            {
                **scope_cells(plan, r.county.id),
                "county": Cell(r.county.name),
                "county_id": Cell(r.county.id),
                "indicator": Cell(r.indicator.id),
                "indicator_name": Cell(r.indicator.name),
                "unit": Cell(r.indicator.unit),
                "target": target_cell(r.indicator, r.target),
                "actual": Cell(r.actual if r.figure else None),  # no figure is not a zero
                "completion": marked_completion(
                    r.completion, r.indicator.id in doubted.get(r.county.id, ())
                ),
                "remaining": Cell(r.remaining),
                "pace_needed": Cell(r.pace_needed, text=pace(r.pace_needed, r.indicator.unit)),
                "status": status_cell(r.indicator, r.status),
                # (what the returns noted; for people also why it is 未报送 or doubted,
                # which machines have in missing and doubted)
                "note": Cell(
                    "；".join(r.notes),
                    text="；".join((*r.notes, extra[(r.county.id, r.indicator.id)]))
                    if (r.county.id, r.indicator.id) in extra
                    else None,
                ),
                "reported_through": Cell(str(r.reported_through) if r.reported_through else None),
                "missing": Cell([str(m) for m in r.missing]),
            },
            status=r.status,
            group=r.county.id if several else "",
        )
        for r in chosen
    )
    columns = scope_labels(
        plan, (*scope_columns(plan, [r.county.id for r in chosen]), *COUNTY_COLUMNS)
    )
    return Table("rows", columns, rows, sheet="县区明细")


def unit_table(
    progress: Progress, selection: Selection = ALL, marked: Mapping[str, set[str]] | None = None
) -> Table:
    """``marked``: as for :func:`indicator_table` (a unit's mean holds its indicators')."""
    names = progress.plan.indicator_names
    doubted = (marked or {}).get("", set())
    rows = tuple(
        Row(
            {
                "unit": Cell(r.unit.name),
                "tasks": Cell(list(r.tasks)),
                "indicators": Cell(
                    list(r.indicators), text="、".join(names[i] for i in r.indicators) or NONE
                ),
                "completion": marked_completion(r.completion, bool(doubted & set(r.indicators))),
                "status": Cell(r.status),
            },
            status=r.status,
        )
        for r in progress.units
        if not selection.indicators or set(r.indicators) & set(selection.indicators)
    )
    return Table("rows", UNIT_COLUMNS, rows, sheet="责任单位")


def task_table(
    progress: Progress, selection: Selection = ALL, marked: Mapping[str, set[str]] | None = None
) -> Table:
    """``marked``: as for :func:`unit_table`."""
    names = progress.plan.indicator_names
    doubted = (marked or {}).get("", set())
    rows = tuple(
        Row(
            {
                "task": Cell(r.task.number),
                "title": Cell(r.task.title),
                "leads": Cell(list(r.task.leads)),
                "partners": Cell(list(r.task.partners), text="、".join(r.task.partners)),
                "indicators": Cell(
                    list(r.indicators), text="、".join(names[i] for i in r.indicators) or NONE
                ),
                "completion": marked_completion(r.completion, bool(doubted & set(r.indicators))),
                "status": Cell(r.status),
            },
            status=r.status,
        )
        for r in progress.tasks
        if not selection.indicators or set(r.indicators) & set(selection.indicators)
    )
    return Table("rows", TASK_COLUMNS, rows, sheet="任务")


# (the county view, with its notes, is made apart)
TABLES: dict[View, Callable[[Progress, Selection, Mapping[str, set[str]] | None], Table]] = {
    View.INDICATOR: indicator_table,
    View.UNIT: unit_table,
    View.TASK: task_table,
}


def doubts_in_view(progress: Progress, selection: Selection, doubts: Doubts) -> Doubts:
    """The doubted figures of the rows a selection shows."""
    counties = selection.counties if selection.by is View.COUNTY else ()
    return doubts.shown(
        progress.as_of,
        progress.year,
        in_view(progress.plan, counties or None),
        selection.indicators or None,
    )


def yearly_note(progress: Progress, lang: Lang = "zh") -> list[str]:
    """In a yearly view, which indicators have no target for the year, and what is shown then."""
    missing = progress.no_yearly_target
    if progress.year is None or not missing:
        return []
    names = progress.plan.indicator_names
    every = len(missing) == len(progress.plan.indicators)
    if lang == "en":
        which = (
            "No indicator has a"
            if every
            else ", ".join(names[i] for i in missing)
            + (" has no" if len(missing) == 1 else " have no")
        )
        return [
            f"{which} target for {progress.year}: the target column is the whole-period target, "
            "completion is the year's additions (for stock indicators, the month's level) as a "
            "share of it, and no status is given."
        ]
    which = "各指标均" if every else "、".join(names[i] for i in missing)
    return [
        f"{which}未定义{progress.year}年度目标：目标列为全周期目标，完成率为本年新增（存量指标为"
        "当月水平）占全周期目标的比例，不判断状态。"
    ]


def caption(
    progress: Progress,
    by: View,
    lang: Lang = "zh",
    doubts: Doubts = NO_DOUBTS,
    marks: bool = False,
) -> list[str]:
    """Where the figures stand, where they came from, and which of them are doubted (``marks``:
    the table marks the completions they count in)."""
    lines = [plan_heading(progress.plan.meta), period_line(progress, lang)]
    lines.extend(yearly_note(progress, lang))
    lines.extend(scope_lines(progress.plan))
    lines.extend(source_lines(progress.actuals, lang, progress.as_of, progress.plan))
    lines.extend(returns_line(progress, lang))
    said = doubts.said(lang)
    if said and marks:  # (the sentence ends with a full stop)
        said += (
            f" Completions that include a doubted figure are marked {MARK}."
            if lang == "en"
            else f"表中以{MARK}标出其计入的完成率。"
        )
    if said:
        lines.append(said)
    allocation = progress.plan.allocation
    en = lang == "en"
    if by is View.COUNTY and allocation is not None:
        lines.append(
            f"County targets: {allocation.label} (the method: allocation.method in targets.yaml)"
            if en
            else f"县区目标：{allocation.label}（分解方法见 targets.yaml 的 allocation.method）"
        )
    if by in (View.UNIT, View.TASK) and progress.plan.links_label:
        label = progress.plan.links_label
        lines.append(
            f"Tasks and indicators: {label}; completion is the mean of the linked indicators' "
            "completions, each capped at 100% (an indicator without a figure is left out)."
            if en
            else f"任务与指标的对应关系：{label}；完成率为关联指标完成率（每项以100%封顶）的平均值"
            "（无数据的指标不计入）。"
        )
    return lines


def progress_document(
    progress: Progress, selection: Selection, lang: Lang = "zh", doubts: Doubts = NO_DOUBTS
) -> Document:
    """The report of ``chuangye progress``; JSON: plan, as_of, time_progress, by, rows, the
    doubted figures of the rows shown (and, in a yearly view, year and the indicators without
    a target for it). ``doubts``: the figures the checks doubt (see :mod:`suspects`)."""
    shown = doubts_in_view(progress, selection, doubts)
    marked = marked_rows(
        progress.plan, counting(progress.plan, progress.actuals, progress.as_of, shown)
    )
    trailer: dict[str, object] = {"doubted": [s.to_json() for s in shown.suspects]}
    if progress.year is not None:
        trailer |= {"year": progress.year, "no_yearly_target": list(progress.no_yearly_target)}
    table = (
        county_table(progress, selection, row_notes(progress, shown, lang), marked)
        if selection.by is View.COUNTY
        else TABLES[selection.by](progress, selection, marked)
    )
    marks = any(MARK in (c.text or "") for r in table.rows for c in r.cells.values())
    return report(
        caption(progress, selection.by, lang, shown, marks),
        [table],
        lang=lang,
        header={
            "plan": plan_header(progress.plan.meta),
            "as_of": str(progress.as_of),
            "time_progress": progress.time_progress,
            "by": selection.by.value,
            **scope_header(progress.plan),
        },
        trailer=trailer,
    )
