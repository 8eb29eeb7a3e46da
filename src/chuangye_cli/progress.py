"""The progress engine: plan + actual figures + report month -> results. Pure, no I/O."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from chuangye_cli import rates
from chuangye_cli.domain import ZERO, Actuals, Returns, Series
from chuangye_cli.model import CountySpec, IndicatorSpec, TaskSpec, UnitSpec
from chuangye_cli.periods import Period, months_inclusive
from chuangye_cli.plan import Plan
from chuangye_cli.quantities import ratio
from chuangye_cli.returns import ReturnsStatus, returns_status, returns_to_date

Status = Literal["done", "on_pace", "behind", "severe"]
CountyStatus = Literal["done", "on_pace", "behind", "severe", "not_reported"]
UnitStatus = Literal[
    "done",
    "on_pace",
    "behind",
    "severe",
    "qualitative",
    "partner_only",
    "no_target",
    "not_reported",
]


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: IndicatorSpec
    target: Decimal
    actual: Decimal
    completion: Decimal
    remaining: Decimal | None  # None in a yearly view without a yearly target
    pace_needed: Decimal | None  # per month still to come; None when no month is left
    status: Status | None  # None in a yearly view without a yearly target
    figure: bool = True  # False: a level (a rate, a ceiling) with no figure: actual is none


@dataclass(frozen=True)
class CountyProgress:
    county: CountySpec
    indicator: IndicatorSpec
    target: Decimal | None
    actual: Decimal
    completion: Decimal | None
    remaining: Decimal | None
    pace_needed: Decimal | None
    status: CountyStatus | None  # not_reported: a return in the view's months is missing
    notes: tuple[str, ...]
    reported_through: Period | None = None  # the last month with a return (when tracked)
    missing: tuple[Period, ...] = ()  # months through the report month without a return
    figure: bool = True  # False: a level (a rate, a ceiling) nobody reported: actual is no figure


@dataclass(frozen=True)
class UnitProgress:
    unit: UnitSpec
    tasks: tuple[int, ...]
    indicators: tuple[str, ...]
    completion: Decimal | None
    status: UnitStatus


@dataclass(frozen=True)
class TaskProgress:
    task: TaskSpec
    indicators: tuple[str, ...]
    completion: Decimal | None
    status: UnitStatus


@dataclass(frozen=True)
class Progress:
    plan: Plan
    as_of: Period
    months_elapsed: int  # in the window, through as_of
    window_months: int  # the whole plan, or the year's months within the plan
    time_progress: Decimal
    indicators: tuple[IndicatorProgress, ...]
    counties: tuple[CountyProgress, ...]
    units: tuple[UnitProgress, ...]
    tasks: tuple[TaskProgress, ...]
    actuals: Actuals
    year: int | None = None  # a yearly view: that year's additions against its target
    returns: ReturnsStatus | None = None  # who reported which month (when the plan says)
    # a yearly view: the indicators without a target for that year (their whole-period target
    # is shown instead, and no status)
    no_yearly_target: tuple[str, ...] = ()

    @property
    def yearly_targets(self) -> bool:
        """Whether every indicator has a target for the view (always so for the whole plan)."""
        return not self.no_yearly_target


def to_date(series: Series, as_of: Period) -> Decimal:
    """Plan-to-date figure of one series at ``as_of`` (a stock: its level); see
    :meth:`~chuangye_cli.domain.Series.additions` for how each basis counts."""
    return series.to_date(as_of.index)


def _ratio(value: Fraction) -> Decimal:
    return ratio(value)


def classify(completion: Fraction, time_progress: Fraction, severe: Fraction) -> Status:
    """done ≥ 1; on_pace ≥ 序时进度; severe more than ``severe`` below it; else behind."""
    if completion >= 1:
        return "done"
    if completion >= time_progress:
        return "on_pace"
    if completion < time_progress - severe:
        return "severe"
    return "behind"


def _status(ind: IndicatorSpec, completion: Fraction, tp: Fraction, severe: Fraction) -> Status:
    """Against 序时进度, or, for a rate or a ceiling, against the target itself."""
    if ind.judged_on_level:
        return rates.status(completion, severe)
    return classify(completion, tp, severe)


def _mean_capped(completions: Iterable[Fraction]) -> Fraction | None:
    capped = [min(c, Fraction(1)) for c in completions]
    return sum(capped, Fraction(0)) / len(capped) if capped else None


def window(plan: Plan, year: int | None) -> tuple[Period, Period]:
    """First and last month counted: the plan, or one calendar year of it."""
    if year is None:
        return plan.meta.start, plan.meta.end
    if not plan.meta.start.year <= year <= plan.meta.end.year:
        raise ValueError(
            f"{year} is outside the plan's years {plan.meta.start.year}-{plan.meta.end.year}"
        )
    return max(plan.meta.start, Period(year, 1)), min(plan.meta.end, Period(year, 12))


def own_series(plan: Plan, row: str, series: Series | None) -> Series | None:
    """``series`` when ``row`` is one division's; None for a row summing several, which has a
    month when any of them gave it (its months say nothing of the others')."""
    scope = plan.scope
    return series if scope is None or len(scope.parts.get(row, ())) <= 1 else None


def figure_gaps(
    returns: ReturnsStatus, reporter: str, indicator: str, series: Series | None
) -> tuple[Period, ...]:
    """The months a county's figure of ``indicator`` is owed and not had: ``reporter``'s
    months without a return, and its returns without the figure; not a month whose figure
    another return gave (众创空间 in a county's own form while 市科技局's return is missing)."""
    owed = {*returns.missing_months(reporter), *returns.lacking(reporter, indicator)}
    if not owed:
        return ()
    given = set(series.months) if series is not None else set()
    return tuple(sorted(m for m in owed if m.index not in given))


def compute(plan: Plan, actuals: Actuals, as_of: Period, year: int | None = None) -> Progress:
    """Progress of every indicator, county, unit and task at the end of ``as_of``.

    With ``year``: that year's additions (a stock's level) against the year's target, and
    序时进度 = months elapsed in the year ÷ its months. Without a yearly target in the plan, the
    target is the whole-period one and no status is given.
    """
    first, last = window(plan, year)
    if not first <= as_of <= last:
        raise ValueError(
            f"the report month {as_of} is outside "
            + (f"{year}" if year else "the plan period")
            + f" ({first} – {last})"
        )
    elapsed = months_inclusive(first, as_of)
    total_months = months_inclusive(first, last)
    months_left = total_months - elapsed
    tp = Fraction(elapsed, total_months)
    severe = Fraction(plan.thresholds.severe)
    base = Period.from_index(first.index - 1) if first > plan.meta.start else None
    kinds = {i.id: i.kind for i in plan.indicators}

    def actual_of(key: tuple[str, str], series: Series) -> Decimal:
        value = to_date(series, as_of)
        if base is not None and kinds[key[1]] == "flow":
            value -= to_date(series, base)
        return value

    def target_of(ind: IndicatorSpec) -> tuple[Decimal, bool]:
        if year is None:
            return ind.target, True
        if ind.yearly and year in ind.yearly:
            return ind.yearly[year], True
        return ind.target, False

    county_actual = {key: actual_of(key, series) for key, series in actuals.series.items()}
    by_indicator: dict[str, list[Decimal]] = {}
    for (_, i), v in county_actual.items():
        by_indicator.setdefault(i, []).append(v)
    returns = returns_status(plan, actuals, as_of)
    levels_given = {  # the stocks with a figure by ``as_of``
        i
        for (_, i), s in actuals.series.items()
        if kinds[i] == "stock" and rates.reported_by(s, as_of.index)
    }
    indicator_rows: list[IndicatorProgress] = []
    completion_of: dict[str, Fraction] = {}
    missing: list[str] = []
    for ind in plan.indicators:
        target, has_target = target_of(ind)
        if not has_target:
            missing.append(ind.id)
        actual = sum(by_indicator.get(ind.id, ()), ZERO)
        level: Decimal | None = None
        if ind.rate:  # a rate is not a sum: the city's own figure (see rates.city_level)
            by_county = {
                c: v
                for (c, i), v in county_actual.items()
                if i == ind.id and rates.reported_by(actuals.series[(c, i)], as_of.index)
            }
            level = rates.area_level(plan, by_county)
            actual = ZERO if level is None else level
        completion = rates.completion(ind, actual, target)
        remaining = rates.remaining(ind, actual, target)
        judged: Status | None = _status(ind, completion, tp, severe) if has_target else None
        # (a stock nobody reported, a rate and a ceiling being ones; a rate with no figure)
        no_figure = (ind.kind == "stock" and ind.id not in levels_given) or (
            ind.rate and level is None
        )
        if no_figure:
            judged = None  # a level nobody reported (or a rate with no figure): no judgement
        else:  # (a missing figure is not a completion of 0 in a unit's or task's mean)
            completion_of[ind.id] = completion
        indicator_rows.append(
            IndicatorProgress(
                indicator=ind,
                target=target,
                actual=actual,
                completion=_ratio(completion),
                remaining=remaining if has_target else None,
                pace_needed=ratio(remaining, months_left)
                if months_left > 0 and has_target and not ind.judged_on_level
                else None,
                status=judged,
                figure=not no_figure,
            )
        )

    allocation: dict[str, Mapping[str, Decimal]] = {}
    if plan.allocation is not None:
        yearly = plan.allocation.yearly.get(year, {}) if year is not None else {}
        for ind in plan.indicators:
            # a year's view: the year's split of an indicator with a yearly target; of one
            # without, the whole period's (as its target, and the caption, say), not judged
            whole = year is None or not target_of(ind)[1]
            allocation[ind.id] = (
                plan.allocation.targets.get(ind.id, {}) if whole else yearly.get(ind.id, {})
            )
    county_rows: list[CountyProgress] = []
    with_data = {c for c, _ in actuals.series}
    on_level = {i.id: i.judged_on_level for i in plan.indicators}  # (asked once, not per row)
    for county in plan.counties:
        has_data = county.id in with_data
        if county.kind == "city" and not has_data:
            continue
        for ind in plan.indicators:
            actual = county_actual.get((county.id, ind.id), ZERO)
            county_target = allocation.get(ind.id, {}).get(county.id)
            series = actuals.series.get((county.id, ind.id))
            row_completion: Fraction | None = (
                rates.completion(ind, actual, county_target) if county_target else None
            )
            # a level (a stock, a rate, a ceiling) the county did not report: no figure, not a
            # 0, and no judgement
            unreported = ind.kind == "stock" and not rates.reported_by(series, as_of.index)
            if unreported:
                row_completion = None
            own_target = target_of(ind)[1]  # (not a whole-period target in a year's view)
            left = (
                None
                if county_target is None or unreported or not own_target
                else rates.remaining(ind, actual, county_target)
            )
            county_status: CountyStatus | None = (
                None
                if row_completion is None or not own_target
                else _status(ind, row_completion, tp, severe)
            )
            through: Period | None = None
            gaps: tuple[Period, ...] = ()
            if returns is not None:
                reporter = returns.owing(county.id, ind.id)
                if reporter is not None:
                    through = returns.reported_through(reporter)
                    given = own_series(plan, county.id, series)
                    gaps = figure_gaps(returns, reporter, ind.id, given)
                    # a return missing in the view's months, this month's or an earlier one:
                    # the total lacks it, so the county is not judged (a lag it would show is
                    # the missing return's, not the county's)
                    if any(first <= m for m in gaps) or (
                        not returns.reported(reporter, as_of)
                        and as_of.index not in (given.months if given else ())
                    ):
                        county_status = "not_reported"
            county_rows.append(
                CountyProgress(
                    county=county,
                    indicator=ind,
                    target=county_target,
                    actual=actual,
                    completion=None if row_completion is None else _ratio(row_completion),
                    remaining=left,
                    pace_needed=None
                    if left is None or months_left == 0 or on_level[ind.id]
                    else ratio(left, months_left),
                    status=county_status,
                    notes=series.notes_to(as_of.index) if series else (),
                    reported_through=through,
                    missing=gaps,
                    figure=not unreported,
                )
            )

    def summarise(indicators: Sequence[str]) -> tuple[Decimal | None, UnitStatus]:
        """The mean completion of the indicators with a figure (capped at 100 %)."""
        mean = _mean_capped(completion_of[i] for i in indicators if i in completion_of)
        if mean is None:  # no indicator, or none with a figure
            return None, "not_reported" if indicators else "qualitative"
        if not all(target_of(plan.indicator(i))[1] for i in indicators):
            return _ratio(mean), "no_target"
        return _ratio(mean), classify(mean, tp, severe)

    task_rows: list[TaskProgress] = []
    for task in plan.tasks:
        linked = plan.task_indicators.get(task.number, ())
        completion_value, status = summarise(linked)
        task_rows.append(TaskProgress(task, linked, completion_value, status))

    unit_rows: list[UnitProgress] = []
    for unit in plan.units:
        led = tuple(t.number for t in plan.tasks if unit.name in t.leads)
        linked_ids: list[str] = []
        if unit.kind == "coordinator":
            linked_ids.extend(plan.coordinator_indicators)
        for number in led:
            linked_ids.extend(
                i for i in plan.task_indicators.get(number, ()) if i not in linked_ids
            )
        completion_value, status = summarise(linked_ids)
        if not led and not linked_ids:
            status = "partner_only"
        unit_rows.append(UnitProgress(unit, led, tuple(linked_ids), completion_value, status))

    return Progress(
        plan=plan,
        as_of=as_of,
        months_elapsed=elapsed,
        window_months=total_months,
        time_progress=_ratio(tp),
        indicators=tuple(indicator_rows),
        counties=tuple(county_rows),
        units=tuple(unit_rows),
        tasks=tuple(task_rows),
        actuals=actuals,
        year=year,
        no_yearly_target=tuple(missing),
        returns=returns,
    )


def report_month(
    plan: Plan, figures: Actuals, as_of: Period | None, year: int | None = None
) -> Period:
    """The month to report: ``as_of`` if given, else the latest month whose returns are in
    (see :func:`usual_month`: one county's early return does not make the month of a report
    whose other returns are not yet in), within ``year``. Raises ValueError, with a message
    for people, when there is none."""
    first, last = window(plan, year)
    where = f"{year}" if year is not None else "the plan period"
    if as_of is not None:
        if not first <= as_of <= last:
            raise ValueError(f"--as-of {as_of} is outside {where} ({first} – {last})")
        return as_of
    latest = figures.latest
    if latest is None:
        raise ValueError("there are no actual figures to report: give --as-of YYYY-MM")
    if latest < first:
        raise ValueError(f"there are no figures for {where} yet (the latest is {latest})")
    usual = usual_month(returns_sent(plan, figures)) or latest
    return min(max(usual, first), last)


@dataclass(frozen=True)
class Sent:
    """Who sent a return for which month: as many returns a month, each reporter's latest
    month (by name, in the plan's order), and the (reporter, month) cells (a reporter by its
    id, named by ``names``)."""

    per_month: Counter[int]
    latest: tuple[tuple[str, int], ...]
    cells: Collection[tuple[str, int]]
    names: Mapping[str, str]

    def of(self, month: int) -> list[str]:
        """The reporters that sent ``month``'s return, in the plan's order."""
        given = {self.names.get(r, r) for r, m in self.cells if m == month}
        return [name for name, _ in self.latest if name in given]


def returns_sent(plan: Plan, actuals: Actuals) -> Sent:
    """The returns received, counted as 报送情况 counts them (see :func:`returns_status`); a
    plan that says nothing of reporting, each division with figures is a reporter, and a
    month it has figures of a return."""
    return actuals.kept("returns_sent", lambda: _returns_sent(plan, actuals), plan)


def _returns_sent(plan: Plan, actuals: Actuals) -> Sent:
    if actuals.latest is None:
        return Sent(Counter(), (), (), {})
    status = returns_to_date(plan, actuals)
    last: dict[str, int] = {}
    if status is not None:
        names = {r.id: r.name for r in status.reporters}
        cells: Collection[tuple[str, int]] = [
            (c.reporter.id, c.month.index) for c in status.cells if c.state != "missing"
        ]
        for reporter, month in cells:
            last[reporter] = max(month, last.get(reporter, month))
    else:  # (a return: a division's figures of a month; of millions of rows: unsorted, and
        # each division's latest month from its series', kept for the latest month of all)
        names = {c.id: c.name for c in plan.counties}
        returns = actuals.returns
        cells = returns.unordered() if isinstance(returns, Returns) else set(returns)
        for (county, _), month in actuals.last_months().items():
            last[county] = max(month, last.get(county, month))
    return Sent(
        Counter(m for _, m in cells),
        tuple((names[r], last[r]) for r in names if r in last),
        cells,
        names,
    )


def early_after(plan: Plan, actuals: Actuals, as_of: Period) -> Period:
    """The last month a view of ``as_of`` does not call early: ``as_of``, or the latest month
    whose returns are in when that is later (a view of an earlier month); a return of a month
    after it was sent early."""
    usual = usual_month(returns_sent(plan, actuals))
    return as_of if usual is None else max(as_of, usual)


def usual_month(sent: Sent) -> Period | None:
    """The latest month whose returns are in, of the months reporters ``sent`` returns for.
    From the latest month back, a month with fewer than half the returns of the fullest of
    the three months before it is one whose returns are still coming in (a county's early
    return), not the month to report; a reporter that stopped long ago does not count."""
    count = sent.per_month
    if not count:
        return None
    month, first = max(count), min(count)
    while month > first and 2 * count[month] < max(count[month - k] for k in (1, 2, 3)):
        month -= 1
    return Period.from_index(month)
