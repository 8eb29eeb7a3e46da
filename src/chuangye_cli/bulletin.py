"""The monthly bulletin (月度通报): everything one report month needs, computed once. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from chuangye_cli.alerts import Alerts, compute_alerts
from chuangye_cli.domain import Actuals
from chuangye_cli.memory import remember
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.progress import Progress, compute
from chuangye_cli.trend import Trend, trend


@dataclass(frozen=True)
class Bulletin:
    progress: Progress
    alerts: Alerts
    trends: tuple[Trend, ...]  # the city's history of each indicator, plan start to the month
    generated_at: str | None  # shown only when given: same inputs, same bytes


def build_bulletin(
    plan: Plan, actuals: Actuals, as_of: Period, generated_at: str | None = None
) -> Bulletin:
    progress = compute(plan, actuals, as_of)
    return Bulletin(
        progress=progress,
        alerts=remember(plan, actuals, compute_alerts(plan, actuals, progress)),
        trends=tuple(trend(plan, actuals, i.id, as_of) for i in plan.indicators),
        generated_at=generated_at,
    )
