"""预警: what lags, the half-time check, targets that cannot be met at the pace so far, and the
county rankings (红黑榜). Pure: computed from a :class:`~chuangye_cli.progress.Progress`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from chuangye_cli import rates
from chuangye_cli.domain import Actuals
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.progress import Progress, window
from chuangye_cli.quantities import ratio
from chuangye_cli.scores import composite as composite_score
from chuangye_cli.trend import average_pace, trend

Level = Literal["red", "yellow", "green"]
Kind = Literal["not_reported", "lagging", "half_time", "projection", "off_target"]
LEVEL_ORDER: dict[str, int] = {"red": 0, "yellow": 1, "green": 2}
PACE_MONTHS = 6


@dataclass(frozen=True)
class Alert:
    kind: Kind
    scope: Literal["city", "county", "unit"]
    subject: str  # 全市 (the plan's area), a county's name or a unit's name
    subject_id: str | None  # county id (None for the city and for units)
    indicator: str | None  # indicator id (None for a unit, or a missing return)
    completion: Decimal | None  # None for a missing return
    time_progress: Decimal
    # percentage points below 序时进度 (negative: ahead); projection: points short of 100% at
    # the end; off_target: a rate's points from its target, another level's shortfall as a
    # percentage of its target
    gap_points: Decimal | None
    level: Level
    projected: Decimal | None = None  # projection: completion expected at the end
    pace_needed: Decimal | None = None  # projection: monthly addition now required
    reported_through: Period | None = None  # not_reported: the last month with a return
    missing: tuple[Period, ...] = ()  # not_reported: the months without a return (in the view)
    actual: Decimal | None = None  # off_target: the level now (a rate or a ceiling)
    target: Decimal | None = None  # off_target: the level it must reach, or stay within
    # months, ending with the report month, in which this subject's indicator was red (see
    # chuangye_cli.memory; 0 until the memory is filled in); not_reported: the months in a row
    # without the return, ending with the report month
    consecutive_red_months: int = 0


@dataclass(frozen=True)
class RankEntry:
    rank: int  # competition ranking: ties share a rank (1, 2, 2, 4)
    county: str
    county_id: str
    completion: Decimal  # overall: the weighted mean of capped completions (score ÷ 100)
    score: Decimal | None = None  # overall: 综合得分, points out of 100 (chuangye_cli.scores)
    previous_rank: int | None = None  # the rank a month earlier (chuangye_cli.memory)

    @property
    def rank_change(self) -> int | None:
        """Places gained since the month before (negative: lost); None without a previous rank."""
        return None if self.previous_rank is None else self.previous_rank - self.rank


@dataclass(frozen=True)
class Ranking:
    indicator: str | None  # None: overall, by the composite score (综合得分)
    entries: tuple[RankEntry, ...]
    # counties with a target whose return for the report month is missing: not ranked (a
    # figure that stopped a month ago is not compared with this month's)
    unranked: tuple[str, ...] = ()
    # overall: indicators left out of every county's 综合得分, because not every county ranked
    # has a figure of it (a rate only one county gives): all are scored on the same ones
    not_scored: tuple[str, ...] = ()

    @property
    def ranked(self) -> bool:
        """Whether there is a ranking: two counties or more with a figure (one is only listed)."""
        return len(self.entries) > 1

    @property
    def first(self) -> tuple[RankEntry, ...]:
        return tuple(e for e in self.entries if e.rank == 1) if self.ranked else ()

    @property
    def last(self) -> tuple[RankEntry, ...]:
        worst = max((e.rank for e in self.entries), default=0)
        return tuple(e for e in self.entries if e.rank == worst and worst > 1)


@dataclass(frozen=True)
class Alerts:
    progress: Progress
    items: tuple[Alert, ...]  # worst first
    rankings: tuple[Ranking, ...]
    half_time: bool  # whether the half-time check applies at this report month
    # what the month before says (chuangye_cli.memory): subjects and indicators red then and
    # neither red nor yellow now, as (scope, subject, indicator id)
    turned_green: tuple[tuple[str, str, str | None], ...] = ()


def _level(gap: Fraction, yellow: Fraction, red: Fraction) -> Level:
    if gap >= red:
        return "red"
    if gap >= yellow:
        return "yellow"
    return "green"


def _dec(value: Fraction) -> Decimal:
    return ratio(value)


def _ranking(
    indicator: str | None,
    scores: Sequence[tuple[str, str, Fraction]],
    points: bool = False,
    unranked: tuple[str, ...] = (),
) -> Ranking:
    """Ranks by score, highest first; with ``points`` the scores are 综合得分 out of 100."""
    ordered = sorted(scores, key=lambda s: -s[2])
    entries: list[RankEntry] = []
    for position, (name, county_id, score) in enumerate(ordered, 1):
        rank = entries[-1].rank if entries and ordered[position - 2][2] == score else position
        if points:
            entries.append(RankEntry(rank, name, county_id, _dec(score / 100), _dec(score)))
        else:
            entries.append(RankEntry(rank, name, county_id, _dec(score)))
    return Ranking(indicator, tuple(entries), unranked)


def compute_alerts(
    plan: Plan,
    actuals: Actuals,
    progress: Progress,
    *,
    projections: bool = True,
    not_scored: tuple[str, ...] | None = None,
) -> Alerts:
    """Every warning of the report month, worst first, and the county rankings. Without
    ``projections`` the (costlier) projections at the recent pace are left out. ``not_scored``:
    the composite is of the other indicators (another month's set, so that ranks compare
    like with like), and a county without a figure of one of them is not scored."""
    thresholds = plan.thresholds
    yellow, red = Fraction(thresholds.yellow), Fraction(thresholds.red)
    tp = Fraction(progress.time_progress)
    half_time = progress.months_elapsed * 2 >= progress.window_months
    months_left = progress.window_months - progress.months_elapsed
    items: list[Alert] = []

    # (scope, subject, subject id, indicator, actual, target) for every target that exists
    measured: list[tuple[Literal["city", "county"], str, str | None, str, Decimal, Decimal]] = []
    measured += [
        ("city", plan.area, None, r.indicator.id, r.actual, r.target)
        for r in progress.indicators
        if r.indicator.id not in progress.no_yearly_target
        and r.figure  # a level nobody reported (a rate with no figure): no judgement
    ]
    measured += [
        ("county", r.county.name, r.county.id, r.indicator.id, r.actual, r.target)
        for r in progress.counties
        if r.target
        and r.status != "not_reported"  # a missing return is not a lag
        and r.figure  # (a level never reported: no figure to judge)
        and r.indicator.id not in progress.no_yearly_target
    ]
    returns = progress.returns
    if returns is not None:
        first, _ = window(plan, progress.year)
        for reporter in returns.reporters:
            gaps = tuple(m for m in returns.missing_months(reporter.id) if first <= m)
            if not gaps:
                continue
            through = returns.reported_through(reporter.id)
            # months in a row without the return, ending with the report month
            run = (
                0
                if progress.as_of not in gaps
                else progress.as_of.index - max(through.index, first.index - 1)
                if through is not None
                else progress.as_of.index - first.index + 1
            )
            items.append(
                Alert(
                    kind="not_reported",
                    scope="county" if reporter.kind == "county" else "unit",
                    subject=reporter.name,
                    subject_id=reporter.id if reporter.kind == "county" else None,
                    indicator=None,
                    completion=None,
                    time_progress=_dec(tp),
                    gap_points=None,
                    level="red",
                    reported_through=through,
                    missing=gaps,
                    consecutive_red_months=run,
                )
            )
        # a return that came without a figure its county gave before: that indicator of that
        # county is not judged either, and is warned of like a missing return
        names = {c.id: c.name for c in plan.counties}
        order = {i.id: n for n, i in enumerate(plan.indicators)}
        for (county_id, indicator), lacking in sorted(
            returns.partial.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 0))
        ):
            months = tuple(m for m in lacking if first <= m)
            if not months or county_id not in names:
                continue
            held = {m.index for m in months}  # months in a row without it, ending now
            run = 0
            while progress.as_of.index - run in held:
                run += 1
            items.append(
                Alert(
                    kind="not_reported",
                    scope="county",
                    subject=names[county_id],
                    subject_id=county_id,
                    indicator=indicator,
                    completion=None,
                    time_progress=_dec(tp),
                    gap_points=None,
                    level="red",
                    reported_through=returns.reported_through(county_id),
                    missing=months,
                    consecutive_red_months=run,
                )
            )
    for scope, subject, subject_id, indicator, actual, target in measured:
        spec = plan.indicator(indicator)
        if spec.judged_on_level:  # a rate or a ceiling: the level against the target, no 序时
            reported = any(
                i == indicator
                and (subject_id is None or c == subject_id)
                and rates.reported_by(s, progress.as_of.index)
                for (c, i), s in actuals.series.items()
            )
            level_completion = rates.completion(spec, actual, target)
            if reported and level_completion < 1:
                shortfall = 1 - level_completion
                # 差距: a rate's in percentage points (88.2% against 90%: 1.8), as its message
                # says; another level's as a share of its target
                points = (
                    (actual - target if spec.ceiling else target - actual)
                    if spec.rate
                    else _dec(shortfall * 100)
                )
                items.append(
                    Alert(
                        "off_target",
                        scope,
                        subject,
                        subject_id,
                        indicator,
                        _dec(level_completion),
                        _dec(tp),
                        points,
                        _level(shortfall, yellow, red),
                        actual=actual,
                        target=target,
                    )
                )
            continue
        completion = Fraction(actual) / Fraction(target)
        gap = tp - completion

        base = Alert(
            "lagging",
            scope,
            subject,
            subject_id,
            indicator,
            _dec(completion),
            _dec(tp),
            _dec(gap * 100),
            "green",
        )
        if completion < tp:
            items.append(replace(base, level=_level(gap, yellow, red)))
        if half_time and completion < Fraction(1, 2):
            items.append(replace(base, kind="half_time", level="red"))
        if projections and months_left > 0 and completion < 1:
            history = trend(plan, actuals, indicator, progress.as_of, subject_id)
            pace = average_pace(history, PACE_MONTHS)
            projected = (Fraction(actual) + pace * months_left) / Fraction(target)
            if projected < 1:
                shortfall = 1 - projected
                items.append(
                    replace(
                        base,
                        kind="projection",
                        gap_points=_dec(shortfall * 100),  # (what sets its colour)
                        level=_level(shortfall, yellow, red),
                        projected=_dec(projected),
                        pace_needed=ratio(target - actual, months_left),
                    )
                )
    for row in progress.units:
        if row.completion is not None and row.status in ("behind", "severe"):
            completion = Fraction(row.completion)
            gap = tp - completion
            items.append(
                Alert(
                    kind="lagging",
                    scope="unit",
                    subject=row.unit.name,
                    subject_id=None,
                    indicator=None,
                    completion=row.completion,
                    time_progress=_dec(tp),
                    gap_points=_dec(gap * 100),
                    level=_level(gap, yellow, red),
                )
            )
    items.sort(
        key=lambda a: (
            LEVEL_ORDER[a.level],
            a.kind != "not_reported",
            -(a.gap_points or 0),
            a.kind,
            a.subject,
        )
    )

    rankings: list[Ranking] = []
    per_county: dict[str, dict[str, Fraction]] = {}
    names = {c.id: c.name for c in plan.counties}
    missing: dict[str, set[str]] = {}  # indicator -> counties not reported
    figureless: dict[str, set[str]] = {}  # indicator -> counties with a target and no figure
    for r in progress.counties:
        if r.status == "not_reported" and r.target is not None:
            missing.setdefault(r.indicator.id, set()).add(r.county.id)
        elif r.target and not r.figure:  # (a level never given: not ranked on it, said so)
            figureless.setdefault(r.indicator.id, set()).add(r.county.id)
    silent = set().union(*missing.values()) if missing else set()

    def left_out(ids: set[str]) -> tuple[str, ...]:
        return tuple(c.name for c in plan.counties if c.id in ids)

    for ind in plan.indicators:
        scores = [
            (r.county.name, r.county.id, Fraction(r.completion))
            for r in progress.counties
            if r.indicator.id == ind.id and r.completion is not None and r.status != "not_reported"
        ]
        out = missing.get(ind.id, set()) | figureless.get(ind.id, set())
        if len(scores) > 1 or out:  # (fewer than two: no ranking, and why)
            rankings.append(_ranking(ind.id, scores, unranked=left_out(out)))
        for _, county_id, score in scores:
            per_county.setdefault(county_id, {})[ind.id] = score
    # a county that did not report is scored on none of its indicators, not on the few others
    # report for it; the others all on the same indicators: one that a county with a target
    # for it has no figure of (not a missing return: a rate only some give) counts for none
    scored = {c: v for c, v in per_county.items() if c not in silent}
    lacking_in = {
        r.indicator.id
        for r in progress.counties
        if r.county.id in scored
        and r.target  # (a target of 0: nothing to complete)
        and r.indicator.id not in scored[r.county.id]
    }
    if not_scored is None:
        not_scored = tuple(ind.id for ind in plan.indicators if ind.id in lacking_in)
    else:  # the set given: a county lacking one of its indicators is not scored on fewer
        short_of_one = {
            r.county.id
            for r in progress.counties
            if r.county.id in scored
            and r.target
            and r.indicator.id not in not_scored
            and r.indicator.id not in scored[r.county.id]
        }
        scored = {c: v for c, v in scored.items() if c not in short_of_one}
    composite = {
        c: composite_score({i: f for i, f in v.items() if i not in not_scored}, plan.weights)
        for c, v in scored.items()
    }
    overall = [(names[c], c, s) for c, s in composite.items() if s is not None]
    if len(overall) > 1 or silent:
        ranking = _ranking(None, overall, points=True, unranked=left_out(silent))
        rankings.insert(0, replace(ranking, not_scored=not_scored))
    return Alerts(progress, tuple(items), tuple(rankings), half_time)
