"""Memory across months: how long each warning has been red (连续N个月红色预警), each county's rank
a month earlier (位次变化), and what was red last month and is no longer lagging (转绿). Pure.

A subject's indicator (or a unit) is *red in a month* when that month's warnings hold a red one
for it of kind lagging, half_time or off_target; projections at the recent pace are left out of
the history (they are estimates, not findings). A not_reported warning keeps its own count (the
months in a row without the return, from the returns). The streak counts back from the report month,
month by month, within the view's window (the plan, or the year of a yearly view).
"""

from __future__ import annotations

from dataclasses import replace

from chuangye_cli.alerts import Alert, Alerts, Ranking, compute_alerts
from chuangye_cli.domain import Actuals
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.progress import compute, window

Key = tuple[str, str, str | None]  # (scope, subject, indicator id)
COUNTED = frozenset({"lagging", "half_time", "off_target"})


def key_of(alert: Alert) -> Key:
    return alert.scope, alert.subject, alert.indicator


def red_keys(alerts: Alerts) -> set[Key]:
    return {key_of(a) for a in alerts.items if a.level == "red" and a.kind in COUNTED}


def _month(plan: Plan, actuals: Actuals, month: Period, year: int | None) -> Alerts:
    return compute_alerts(plan, actuals, compute(plan, actuals, month, year), projections=False)


def remember(plan: Plan, actuals: Actuals, alerts: Alerts) -> Alerts:
    """``alerts`` with the memory of the months before filled in: each warning's
    ``consecutive_red_months``, each ranking entry's ``previous_rank``, and ``turned_green``."""
    progress = alerts.progress
    first, _ = window(plan, progress.year)
    now = red_keys(alerts)
    streak = dict.fromkeys(now, 1)
    alive = set(now)
    previous: Alerts | None = None
    index = progress.as_of.index - 1
    while index >= first.index and (alive or previous is None):
        earlier = _month(plan, actuals, Period.from_index(index), progress.year)
        if previous is None:
            previous = earlier
        reds = red_keys(earlier)
        for key in list(alive):
            if key in reds:
                streak[key] += 1
            else:
                alive.discard(key)
        index -= 1
    items = tuple(
        replace(
            a,
            consecutive_red_months=a.consecutive_red_months  # months without the return
            if a.kind == "not_reported"
            else streak.get(key_of(a), 0)
            if a.level == "red"
            else 0,  # (a yellow or green warning is in no run of red months)
        )
        for a in alerts.items
    )
    if previous is None:
        return replace(alerts, items=items)
    before = {(r.indicator, e.county_id): e.rank for r in previous.rankings for e in r.entries}
    overall = next((r for r in alerts.rankings if r.indicator is None), None)
    then = next((r for r in previous.rankings if r.indicator is None), None)
    if overall is not None and then is not None and then.not_scored != overall.not_scored:
        # last month's composite of this month's indicators: ranks compare like with like
        month = Period.from_index(progress.as_of.index - 1)
        again = compute_alerts(
            plan,
            actuals,
            compute(plan, actuals, month, progress.year),
            projections=False,
            not_scored=overall.not_scored,
        )
        before = {k: v for k, v in before.items() if k[0] is not None}
        before |= {
            (None, e.county_id): e.rank
            for r in again.rankings
            if r.indicator is None
            for e in r.entries
        }
    rankings = tuple(_with_previous_ranks(r, before) for r in alerts.rankings)
    lagging_now = {
        key_of(a) for a in alerts.items if a.level in ("red", "yellow") and a.kind in COUNTED
    }
    # a subject whose return is missing is not judged now: not green either; nor is an
    # indicator its return came without (that alert names the indicator)
    silent = {(a.scope, a.subject, a.indicator) for a in alerts.items if a.kind == "not_reported"}
    turned = tuple(
        sorted(
            (
                k
                for k in red_keys(previous) - lagging_now
                if (k[0], k[1], None) not in silent and k not in silent
            ),
            key=lambda k: (k[0], k[1], k[2] or ""),
        )
    )
    return replace(alerts, items=items, rankings=rankings, turned_green=turned)


def _with_previous_ranks(ranking: Ranking, before: dict[tuple[str | None, str], int]) -> Ranking:
    ranks = _ranked_among({e.county_id for e in ranking.entries}, ranking.indicator, before)
    entries = tuple(replace(e, previous_rank=ranks.get(e.county_id)) for e in ranking.entries)
    return replace(ranking, entries=entries)


def _ranked_among(
    counties: set[str], indicator: str | None, before: dict[tuple[str | None, str], int]
) -> dict[str, int]:
    """Each county's rank the month before among the counties ranked now (and then): a county
    that did not report either month does not shift the others' places (ties share a rank)."""
    then = {c: before[(indicator, c)] for c in counties if (indicator, c) in before}
    return {c: 1 + sum(1 for other in then.values() if other < rank) for c, rank in then.items()}
