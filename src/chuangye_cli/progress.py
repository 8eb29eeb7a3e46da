"""The progress engine: plan + actual figures + report month -> results. Pure, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from chuangye_cli.actuals import Actuals, Series
from chuangye_cli.model import CountySpec, IndicatorSpec, TaskSpec, UnitSpec
from chuangye_cli.periods import Period, months_inclusive
from chuangye_cli.plan import Plan

Status = Literal["done", "on_pace", "behind", "severe"]
UnitStatus = Literal["done", "on_pace", "behind", "severe", "qualitative", "partner_only"]
STATUS_ZH: dict[str, str] = {
    "done": "已完成",
    "on_pace": "达序时",
    "behind": "滞后",
    "severe": "严重滞后",
    "qualitative": "定性任务",
    "partner_only": "仅配合",
}
ZERO = Decimal(0)


@dataclass(frozen=True)
class IndicatorProgress:
    indicator: IndicatorSpec
    target: Decimal
    actual: Decimal
    completion: Decimal
    remaining: Decimal
    pace_needed: Decimal | None  # per month still to come; None when no month is left
    status: Status


@dataclass(frozen=True)
class CountyProgress:
    county: CountySpec
    indicator: IndicatorSpec
    target: Decimal | None
    actual: Decimal
    completion: Decimal | None
    remaining: Decimal | None
    pace_needed: Decimal | None
    status: Status | None
    notes: tuple[str, ...]


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
    months_elapsed: int
    time_progress: Decimal
    indicators: tuple[IndicatorProgress, ...]
    counties: tuple[CountyProgress, ...]
    units: tuple[UnitProgress, ...]
    tasks: tuple[TaskProgress, ...]
    actuals: Actuals


def to_date(series: Series, as_of: Period) -> Decimal:
    """Plan-to-date figure of one series at ``as_of``.

    increment: sum of additions; ytd: each finished year's last figure plus this year's latest;
    to_date and level: the latest figure (for stocks, the level).
    """
    limit = as_of.index
    values = series.values
    if series.basis == "increment":
        return sum((v for p, v in values.items() if p <= limit), ZERO)
    if series.basis == "ytd":
        last_in_year: dict[int, tuple[int, Decimal]] = {}
        for p, v in values.items():
            if p <= limit and (p // 12 not in last_in_year or p > last_in_year[p // 12][0]):
                last_in_year[p // 12] = (p, v)
        return sum((v for _, v in last_in_year.values()), ZERO)
    latest = max((p for p in values if p <= limit), default=None)
    return ZERO if latest is None else values[latest]


def _ratio(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def classify(completion: Fraction, time_progress: Fraction, severe: Fraction) -> Status:
    """done ≥ 1; on_pace ≥ 序时进度; severe more than ``severe`` below it; else behind."""
    if completion >= 1:
        return "done"
    if completion >= time_progress:
        return "on_pace"
    if completion < time_progress - severe:
        return "severe"
    return "behind"


def _mean_capped(completions: Iterable[Fraction]) -> Fraction | None:
    capped = [min(c, Fraction(1)) for c in completions]
    return sum(capped, Fraction(0)) / len(capped) if capped else None


def compute(plan: Plan, actuals: Actuals, as_of: Period) -> Progress:
    """Progress of every indicator, county, unit and task at the end of ``as_of``."""
    if not plan.meta.start <= as_of <= plan.meta.end:
        raise ValueError(
            f"the report month {as_of} is outside the plan period "
            f"{plan.meta.start} – {plan.meta.end}"
        )
    elapsed = months_inclusive(plan.meta.start, as_of)
    months_left = plan.months - elapsed
    tp = Fraction(elapsed, plan.months)
    severe = Fraction(plan.thresholds.severe)

    county_actual: dict[tuple[str, str], Decimal] = {
        key: to_date(series, as_of) for key, series in actuals.series.items()
    }
    indicator_rows: list[IndicatorProgress] = []
    completion_of: dict[str, Fraction] = {}
    for ind in plan.indicators:
        actual = sum((v for (_, i), v in county_actual.items() if i == ind.id), ZERO)
        completion = Fraction(actual) / Fraction(ind.target)
        completion_of[ind.id] = completion
        remaining = max(ind.target - actual, ZERO)
        indicator_rows.append(
            IndicatorProgress(
                indicator=ind,
                target=ind.target,
                actual=actual,
                completion=_ratio(completion),
                remaining=remaining,
                pace_needed=remaining / months_left if months_left > 0 else None,
                status=classify(completion, tp, severe),
            )
        )

    allocation = plan.allocation.targets if plan.allocation else {}
    county_rows: list[CountyProgress] = []
    for county in plan.counties:
        has_data = any(c == county.id for c, _ in actuals.series)
        if county.kind == "city" and not has_data:
            continue
        for ind in plan.indicators:
            actual = county_actual.get((county.id, ind.id), ZERO)
            target = allocation.get(ind.id, {}).get(county.id)
            series = actuals.series.get((county.id, ind.id))
            row_completion: Fraction | None = (
                Fraction(actual) / Fraction(target) if target else None
            )
            county_rows.append(
                CountyProgress(
                    county=county,
                    indicator=ind,
                    target=target,
                    actual=actual,
                    completion=None if row_completion is None else _ratio(row_completion),
                    remaining=None if target is None else max(target - actual, ZERO),
                    pace_needed=None
                    if target is None or months_left == 0
                    else max(target - actual, ZERO) / months_left,
                    status=None if row_completion is None else classify(row_completion, tp, severe),
                    notes=tuple(series.notes) if series else (),
                )
            )

    def summarise(indicators: Sequence[str]) -> tuple[Decimal | None, UnitStatus]:
        mean = _mean_capped(completion_of[i] for i in indicators)
        if mean is None:
            return None, "qualitative"
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
        time_progress=_ratio(tp),
        indicators=tuple(indicator_rows),
        counties=tuple(county_rows),
        units=tuple(unit_rows),
        tasks=tuple(task_rows),
        actuals=actuals,
    )
