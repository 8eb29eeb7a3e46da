"""Indicators judged on their level rather than against the time elapsed: rates and shares
(``unit: '%'``, e.g. 就业率92.4%以上) and ceilings (``ceiling: true``, e.g. 城镇登记失业率控制在
3.5%以内). Pure.

- completion: a rate or a stock with a floor, ``level ÷ target``; a ceiling, 1 while the level
  is within it, else ``ceiling ÷ level`` (how far the level would have to fall, as a share).
- status: ``done`` once met (达标); else ``severe`` when completion is more than
  ``thresholds.severe`` short of 1, otherwise ``behind``. Never ``on_pace``: a level must hold at
  every moment, so the time elapsed does not enter.
- the city's level of a rate is the figure reported for the city itself (市直/市本级, a county
  of ``kind: city``); without one, the plain mean of the counties that report (an
  approximation: a rate of the whole city weighs counties by their size).
- in a plan with a hierarchy, and in a view of one part of it (chuangye_cli.scope), the level of
  the division viewed (or of the top division) is its own figure only: without one it has none
  (no mean is made up).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from chuangye_cli.domain import Series
from chuangye_cli.model import IndicatorSpec
from chuangye_cli.plan import Plan
from chuangye_cli.quantities import ratio

LevelStatus = Literal["done", "behind", "severe"]
ZERO = Decimal(0)


def completion(indicator: IndicatorSpec, actual: Decimal, target: Decimal) -> Fraction:
    """Completion of a target; for a ceiling, 1 within it, else ceiling ÷ level."""
    if indicator.ceiling:
        return Fraction(1) if actual <= target else Fraction(target) / Fraction(actual)
    return Fraction(actual) / Fraction(target)


def status(value: Fraction, severe: Fraction) -> LevelStatus:
    """达标 (done), or how far it falls short: behind, or severe beyond ``severe``."""
    if value >= 1:
        return "done"
    return "severe" if value < 1 - severe else "behind"


def remaining(indicator: IndicatorSpec, actual: Decimal, target: Decimal) -> Decimal:
    """How much is missing: below a floor, the difference; above a ceiling, the excess."""
    gap = actual - target if indicator.ceiling else target - actual
    return max(gap, ZERO)


def city_level(by_county: Mapping[str, Decimal], city_ids: set[str]) -> Decimal | None:
    """The city's level of a rate: its own figure, else the mean of the counties' figures."""
    own = [v for c, v in by_county.items() if c in city_ids]
    if own:
        return own[0]
    values = list(by_county.values())
    if not values:
        return None
    return ratio(sum(values, ZERO), len(values))


def area_level(plan: Plan, by_county: Mapping[str, Decimal]) -> Decimal | None:
    """The level of a rate for the whole of what ``plan`` shows: the city's (see
    :func:`city_level`), or in a view of a hierarchy the viewed division's own figure."""
    if plan.scope is not None:
        return by_county.get(plan.scope.own) if plan.scope.own is not None else None
    if plan.hierarchy is not None:  # the whole of a hierarchy: the top division's own figure
        root = plan.hierarchy.root
        return by_county.get(root) if root is not None else None
    return city_level(by_county, {c.id for c in plan.counties if c.kind == "city"})


def reported_by(series: Series | None, index: int) -> bool:
    """Whether a series has a figure in or before the month of ``index`` (Period.index): a
    level nobody reported yet is not judged, and does not count towards the city's."""
    return series is not None and any(p <= index for p in series.months)
