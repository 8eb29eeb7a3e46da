"""Month-by-month history of an indicator: additions, plan-to-date totals, 环比 and 同比. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from chuangye_cli import rates
from chuangye_cli.domain import ZERO, Actuals, Series
from chuangye_cli.model import CountySpec, IndicatorSpec
from chuangye_cli.packed import one_store
from chuangye_cli.periods import Period, months_inclusive
from chuangye_cli.plan import Plan
from chuangye_cli.progress import CountyStatus, classify, own_series, to_date
from chuangye_cli.quantities import ratio
from chuangye_cli.returns import ReturnsStatus


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    # this month's addition (a stock: change of level); None: no report, or a rate (a level
    # of the whole area, never a sum of counties' changes)
    addition: Decimal | None
    # plan-to-date total (a stock: its level) at the end of the month; None: a rate or a
    # ceiling nobody has reported yet (no figure, not a zero)
    total: Decimal | None
    completion: Decimal | None
    time_progress: Decimal
    status: CountyStatus | None  # not_reported: the county's total lacks a return by then
    mom: Decimal | None  # 环比: against the previous month's addition
    yoy: Decimal | None  # 同比: against the same month a year earlier


@dataclass(frozen=True)
class Trend:
    indicator: IndicatorSpec
    county: CountySpec | None  # None: the whole city
    target: Decimal | None
    points: tuple[TrendPoint, ...]


def monthly_additions(series: Series) -> dict[int, Decimal]:
    """What each reported month added, whatever the basis (see ``Series.additions``)."""
    return series.additions()


def _change(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    """(now − before) ÷ |before|; None when either is missing or before is zero."""
    if now is None or before is None or before == 0:
        return None
    return ratio(now - before, abs(before))


def _ratio(value: Fraction) -> Decimal:
    return ratio(value)


def trend(
    plan: Plan,
    actuals: Actuals,
    indicator_id: str,
    as_of: Period,
    county_id: str | None = None,
    returns: ReturnsStatus | None = None,
) -> Trend:
    """History of one indicator (one county's, or the city's) from the plan start to ``as_of``.
    Given the ``returns`` (of ``as_of``), a county's month whose total lacks a return — that
    month's or an earlier one's, or a figure a return came without — is ``not_reported``, as
    in :func:`~chuangye_cli.progress.compute`, not judged."""
    indicator = plan.indicator(indicator_id)
    county = plan.county(county_id) if county_id is not None else None
    by_county = {
        c: s
        for (c, i), s in actuals.series.items()
        if i == indicator_id and (county_id is None or c == county_id)
    }
    series = list(by_county.values())
    city_ids = {c.id for c in plan.counties if c.kind == "city"}
    if county_id is None:
        target: Decimal | None = indicator.target
    elif plan.allocation is not None:
        target = plan.allocation.targets.get(indicator_id, {}).get(county_id)
    else:
        target = None
    summed, ks = one_store(series)  # one file read in bulk: summed at once, same Decimals
    quick_additions = summed.sum_additions(ks) if summed is not None else None
    additions = (
        quick_additions
        if quick_additions is not None
        else _sum_by_month(monthly_additions(s) for s in series)
    )
    severe = Fraction(plan.thresholds.severe)
    reporter = (
        returns.owing(county_id, indicator_id)
        if returns is not None and county_id is not None
        else None
    )
    # (a month whose figure another return gave is not missing: see figure_gaps)
    own = own_series(plan, county_id, by_county.get(county_id)) if county_id else None
    given = set(own.months) if own is not None else set()
    gaps = (
        [m for m in returns.missing_months(reporter) if m.index not in given]
        if returns is not None and reporter
        else []
    )
    points: list[TrendPoint] = []
    by_level = indicator.rate or indicator.judged_on_level  # each county's figure is needed
    # a stock has no level before anyone gave one (not a level of 0)
    first_level = (
        min((min(s.months) for s in series if s.months), default=None)
        if indicator.kind == "stock"
        else None
    )
    months = range(plan.meta.start.index, as_of.index + 1)
    # (one file read in bulk: every month's total at once, the same Decimals)
    quick_totals = summed.sums_to_date(ks, months) if summed is not None and not by_level else None
    for n, index in enumerate(months):
        period = Period.from_index(index)
        quick = quick_totals[n] if quick_totals is not None else None
        values = {} if quick is not None else {c: to_date(s, period) for c, s in by_county.items()}
        total = quick if quick is not None else sum(values.values(), ZERO)
        reported = (
            {c: v for c, v in values.items() if rates.reported_by(by_county[c], period.index)}
            if by_level
            else {}
        )
        level: Decimal | None = None
        if indicator.rate and reported:  # a rate is a level, not a sum of counties
            level = (
                rates.city_level(reported, city_ids)
                if county_id is not None
                else rates.area_level(plan, reported)
            )
            total = ZERO if level is None else level
        tp = Fraction(months_inclusive(plan.meta.start, period), plan.months)
        completion = rates.completion(indicator, total, target) if target else None
        # a level (a stock; a rate and a ceiling are ones) nobody gave yet, or a rate with no
        # figure of the area's own
        no_level = (indicator.kind == "stock" and (first_level is None or index < first_level)) or (
            indicator.rate and level is None
        )
        if no_level:
            completion = None  # a level nobody reported yet (or no figure of a rate): no judgement
        added = None if indicator.rate else additions.get(index)
        unreported = (
            returns is not None
            and reporter is not None
            and (
                any(m <= period for m in gaps)
                or any(
                    m.index not in given for m in returns.lacking_in(reporter, indicator_id, period)
                )
            )
        )
        points.append(
            TrendPoint(
                period=period,
                addition=added,
                total=None if no_level else total,
                completion=None if completion is None else _ratio(completion),
                time_progress=_ratio(tp),
                status="not_reported"
                if unreported
                else None
                if completion is None
                else (
                    rates.status(completion, severe)
                    if indicator.judged_on_level
                    else classify(completion, tp, severe)
                ),
                mom=None if added is None else _change(added, additions.get(index - 1)),
                yoy=None if added is None else _change(added, additions.get(index - 12)),
            )
        )
    return Trend(indicator, county, target, tuple(points))


def _sum_by_month(parts: Iterable[dict[int, Decimal]]) -> dict[int, Decimal]:
    total: dict[int, Decimal] = {}
    for part in parts:
        for period, value in part.items():
            total[period] = total.get(period, ZERO) + value
    return total


def average_pace(trend_: Trend, months: int = 6) -> Fraction:
    """Average monthly addition over the last ``months`` months (change of the total), exact."""
    points = trend_.points
    if not points:
        return Fraction(0)
    last = points[-1].total
    before = points[-months - 1].total if len(points) > months else ZERO
    if last is None:  # a level nobody has reported: no pace
        return Fraction(0)
    return Fraction(last - (before or ZERO)) / min(months, len(points))
