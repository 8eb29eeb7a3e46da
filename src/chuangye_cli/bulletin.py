"""The monthly bulletin (月度通报): everything one report month needs, computed once. Pure.

A bulletin is the city's, or one county's (``county``); for the whole plan, or for one year
(``year``). It holds the progress, the warnings with their memory of the months before, the
history of each indicator, this month's and this year's additions (本月, 本年), the task ledger
when task returns are known, and, when the returns engine provides it, who reported (报送情况).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from chuangye_cli.alerts import Alerts, compute_alerts
from chuangye_cli.domain import ZERO, Actuals
from chuangye_cli.memory import remember
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.progress import Progress, compute
from chuangye_cli.returns import ReturnsStatus
from chuangye_cli.suspects import NO_DOUBTS, Doubts
from chuangye_cli.taskledger import TaskLedger, TaskReturns, compute_ledger
from chuangye_cli.trend import Trend, trend


@dataclass(frozen=True)
class ReturnStatus:
    """报送情况: whether one reporting party sent its return for the report month. Built by the
    returns engine (chuangye returns); the bulletin shows a 报送情况 section when it is given."""

    party: str  # a county's or a unit's name
    reported: bool
    on_time: bool | None = None  # None: not known
    note: str = ""


@dataclass(frozen=True)
class Additions:
    """本月 and 本年 of one indicator (the city's, or one county's)."""

    month: Decimal | None  # added in the report month; None: nothing reported that month
    year: Decimal | None  # added since the end of the previous year (or the plan's start)


@dataclass(frozen=True)
class Bulletin:
    progress: Progress
    alerts: Alerts
    trends: tuple[Trend, ...]  # each indicator's history, plan start to the month (the county's)
    generated_at: str | None  # shown only when given: same inputs, same bytes
    additions: Mapping[str, Additions] = field(default_factory=dict)  # by indicator id
    ledger: TaskLedger | None = None  # when task returns are in use
    returns: tuple[ReturnStatus, ...] | None = None  # 报送情况, when known
    county: str | None = None  # a county's own bulletin: its id
    issued: date | None = None  # 成文日期 for the 落款 (else left for the signer to fill in)
    # a county with returns missing in the view's months -> which: 本月未报送, 2020年3月未报送,
    # 2020年6月报表缺项 (a return without a figure it gave before)
    gaps: Mapping[str, str] = field(default_factory=dict)
    # figures the checks doubt (warned of, not corrected, counted as sent): 数据核查
    doubts: Doubts = NO_DOUBTS

    @property
    def plan(self) -> Plan:
        return self.progress.plan


def additions_of(history: Trend, as_of: Period) -> Additions:
    """本月 and 本年 from a history: this month's addition, and the change of the total since
    the last month of the previous year (the whole total in the plan's first year)."""
    points = {p.period: p for p in history.points}
    now = points.get(as_of)
    if now is None:
        return Additions(None, None)
    if history.indicator.rate or now.total is None:  # a rate is a level: it adds nothing
        return Additions(None, None)
    before = points.get(Period(as_of.year - 1, 12))
    earlier = before.total if before is not None else ZERO
    if earlier is None:  # no level last December: a stock from nothing; a ceiling's, unknown
        if history.indicator.judged_on_level:
            return Additions(now.addition, None)
        earlier = ZERO
    return Additions(now.addition, now.total - earlier)


def gaps_of(
    plan: Plan, status: ReturnsStatus | None, as_of: Period, year: int | None
) -> dict[str, str]:
    """What each county's missing returns in the view's months are, in words (see
    :attr:`Bulletin.gaps`), from the returns engine's ``status`` of ``as_of``."""
    if status is None:
        return {}
    first = Period(year, 1) if year is not None else plan.meta.start
    out: dict[str, str] = {}
    for reporter in status.reporters:
        whole = [
            c.month
            for c in status.of(reporter.id)
            if c.state == "missing" and first <= c.month <= as_of
        ]
        short = {
            indicator: [m for m in months if first <= m <= as_of]
            for (county, indicator), months in status.partial.items()
            if county == reporter.id
        }
        lacking = sorted({m for months in short.values() for m in months})
        which = [i.name for i in plan.indicators if short.get(i.id)]  # in the plan's order
        what = "、".join(which[:3]) + (f"等{len(which)}项" if len(which) > 3 else "")
        if as_of in whole:
            out[reporter.id] = "本月未报送"
        elif whole or lacking:
            said = [
                f"{_months(whole)}未报送" if whole else "",
                f"{_months(lacking)}报表缺项（{what}）" if lacking else "",
            ]
            out[reporter.id] = "，".join(x for x in said if x)
    return out


def _months(months: list[Period]) -> str:
    shown = "、".join(m.label_zh for m in months[:3])
    return shown + (f"等{len(months)}个月" if len(months) > 3 else "")


def reported(
    status: ReturnsStatus | None, as_of: Period, county: str | None = None
) -> tuple[ReturnStatus, ...] | None:
    """报送情况 of the report month from the returns engine's ``status``: every party due to
    report (for a county's bulletin, the county alone); None when the plan says nothing of
    reporting."""
    if status is None:
        return None
    last: dict[str, Period] = {}
    for cell in status.cells:
        if cell.state != "missing" and cell.month < as_of:
            last[cell.reporter.id] = cell.month
    out: list[ReturnStatus] = []
    for cell in status.cells:
        if cell.month != as_of or (county is not None and cell.reporter.id != county):
            continue
        if cell.state == "missing":
            before = last.get(cell.reporter.id)
            note = f"最近一次报送：{before.label_zh}" if before else "计划期内尚未报送"
            out.append(ReturnStatus(cell.reporter.name, False, None, note))
            continue
        on_time = None if cell.filed is None else cell.state != "late"
        note = f"填报日期{_day(cell.filed)}" if cell.filed is not None else ""
        if cell.state == "late":
            note += f"，晚于报送截止日{_day(cell.due)}"
        if cell.state == "corrected":
            note = "、".join(x for x in (note, "已报送更正报表") if x)
        out.append(ReturnStatus(cell.reporter.name, True, on_time, note))
    return tuple(out)


def _day(day: date) -> str:
    """A date as a 通报 writes it: 2020年8月6日."""
    return f"{day.year}年{day.month}月{day.day}日"


def build_bulletin(
    plan: Plan,
    actuals: Actuals,
    as_of: Period,
    generated_at: str | None = None,
    *,
    year: int | None = None,
    county: str | None = None,
    task_returns: TaskReturns | None = None,
    returns: tuple[ReturnStatus, ...] | None = None,
    issued: date | None = None,
    doubts: Doubts = NO_DOUBTS,
) -> Bulletin:
    """The bulletin for ``as_of``; 报送情况 from the returns unless ``returns`` is given."""
    progress = compute(plan, actuals, as_of, year)
    whole = progress if year is None else compute(plan, actuals, as_of)
    own = progress.returns if county is not None else None  # a county's gaps: not judged
    trends = tuple(trend(plan, actuals, i.id, as_of, county, own) for i in plan.indicators)
    ledger = (
        compute_ledger(plan, task_returns, whole)
        if task_returns is not None and task_returns.items
        else None
    )
    return Bulletin(
        progress=progress,
        alerts=remember(plan, actuals, compute_alerts(plan, actuals, progress)),
        trends=trends,
        generated_at=generated_at,
        additions={t.indicator.id: additions_of(t, as_of) for t in trends},
        ledger=ledger,
        # (the returns engine ran once, for the progress of the month)
        returns=returns if returns is not None else reported(whole.returns, as_of, county),
        county=county,
        issued=issued,
        gaps=gaps_of(plan, whole.returns, as_of, year),
        doubts=doubts,
    )
