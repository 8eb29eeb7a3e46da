"""A view of one part of a hierarchy: the divisions of one level within one division, their
figures and targets rolled up. Pure.

The engine (progress, trend, warnings, memory, the bulletin) reads a view as it reads a flat
plan: :func:`scoped` derives a plan whose divisions are the view's rows and figures whose series
are the rows' rolled-up ones, and whose targets are those of the division viewed.

- Rows: with ``level``, every division of that level within ``within``; a division above the
  level shows its divisions of the level and, in a row of its own (``合肥市本级``), the figures
  reported against its own id; a division above the level with none under it is a row as it is.
  Without ``level``, the divisions directly under ``within``. The viewed division's own 本级
  figures are a row too (as 市直 is in a flat plan). Every figure is in exactly one row.
- A row's figure: the sum of its own figures and of every division under it (a stock: the sum
  of their latest levels). A rate (unit %) is never summed: a division with divisions under it
  shows its own figure only, and without one it has none (nothing is invented).
- A row's target: its declared target, else the sum of its children's (see
  :mod:`chuangye_cli.divisions`); the view's own target is the viewed division's.
- Returns: a row has reported a month when every reporter within it has; late or corrected when
  one of them is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from chuangye_cli.diagnostics import UsageError
from chuangye_cli.divisions import DEPTH, Hierarchy
from chuangye_cli.domain import ZERO, Actuals, Series
from chuangye_cli.model import CountySpec, IndicatorSpec, Level
from chuangye_cli.periods import Period
from chuangye_cli.plan import Allocation, Plan, Reporting
from chuangye_cli.returns import (
    Reporter,
    ReturnCell,
    ReturnsStatus,
    State,
    lacking_at,
    returns_status,
)
from chuangye_cli.vocab import AREA, DIVISION_LEVEL, OWN

OWN_SUFFIX = "/own"  # the id of a row of a division's own 本级 figures: hefei/own
STATE_ORDER: tuple[State, ...] = ("missing", "late", "corrected")  # the worst decides


@dataclass(frozen=True)
class Scope:
    """What a derived plan shows, and how its rows' returns are made of the plan's."""

    within: str | None  # the division viewed (None: the whole plan)
    area: str  # how reports name it: 合肥市, 全省…
    level: Level | None  # the level asked for (None: the divisions directly under it)
    own: str | None  # the row that holds its own 本级 figures (its rate)
    explicit: bool  # the view was asked for by name (the bulletin names it in its title)
    parts: Mapping[str, tuple[str, ...]]  # row id -> the plan's divisions whose figures it sums
    members: Mapping[str, tuple[str, ...]]  # row id -> the plan's reporters within it
    under: Mapping[str, str | None]  # row id -> the division it sits directly under
    levels: Mapping[str, str]  # row id -> level of the row (an own row: its division's)
    summed: Mapping[str, frozenset[str]]  # indicator -> rows whose target is summed
    reporting: Reporting | None = None
    cells: tuple[ReturnCell, ...] = ()  # the plan's returns, every month to its end
    reporters: tuple[Reporter, ...] = ()  # the rows and units that report
    names: Mapping[str, str] = field(default_factory=dict)  # row id -> name
    # the viewed division's id, name, code and aliases (it is the whole, not a row)
    area_names: frozenset[str] = frozenset()
    # the plan's returns without a figure they gave before (see ReturnsStatus.made_up)
    made_up: Mapping[tuple[str, str], tuple[tuple[Period, Period | None], ...]] = field(
        default_factory=dict
    )

    @cached_property
    def _by_reporter(self) -> dict[tuple[str, Period], ReturnCell]:
        return {(c.reporter.id, c.month): c for c in self.cells}

    def returns(self, as_of: Period) -> ReturnsStatus | None:
        """报送情况 of the rows through ``as_of``: a row's return is there when every reporter
        within it sent one; late or corrected when one of them was."""
        if self.reporting is None:
            return None
        months = tuple(sorted({c.month for c in self.cells if c.month <= as_of}))
        cells: list[ReturnCell] = []
        for reporter in self.reporters:
            members = (reporter.id,) if reporter.kind == "unit" else self.members[reporter.id]
            for month in months:
                found = [self._by_reporter.get((m, month)) for m in members]
                parts = [c for c in found if c is not None]
                if not parts:
                    continue
                cells.append(_combined(reporter, month, parts))
        # a row lacks what a member lacks, in a month whose return came (one that did not is
        # missing, not lacking, as in returns_status)
        missing = {(c.reporter.id, c.month) for c in cells if c.state == "missing"}
        lacking: dict[tuple[str, str], set[Period]] = {}
        for (county, indicator), gone in lacking_at(self.made_up, as_of).items():
            for row, inside in self.members.items():
                if county in inside:
                    lacking.setdefault((row, indicator), set()).update(
                        m for m in gone if (row, m) not in missing
                    )
        partial = {key: tuple(sorted(m)) for key, m in lacking.items() if m}
        return ReturnsStatus(as_of, months, self.reporters, tuple(cells), partial)


def _combined(reporter: Reporter, month: Period, parts: Sequence[ReturnCell]) -> ReturnCell:
    """One row's return for a month, from its members' returns."""
    states = {c.state for c in parts}
    state: State = next((s for s in STATE_ORDER if s in states), "reported")
    filed = [c.filed for c in parts if c.filed is not None]
    sources = [c.source for c in parts if c.source]
    return ReturnCell(
        reporter,
        month,
        state,
        parts[0].due,
        max(filed) if filed and state != "missing" else None,
        "、".join(dict.fromkeys(sources)) or None,
        tuple(r for c in parts for r in c.replaced),
    )


def own_id(division: str) -> str:
    return division + OWN_SUFFIX


def _rows(
    h: Hierarchy, start: str | None, level: Level | None
) -> list[tuple[str, str, tuple[str, ...], str | None]]:
    """(row id, division, the divisions whose figures it sums, the division above it)."""
    out: list[tuple[str, str, tuple[str, ...], str | None]] = []
    for child in h.children(start):
        if level is None or DEPTH[h.levels[child]] >= DEPTH[level] or not h.children(child):
            out.append((child, child, h.subtree(child), start))
        else:
            out.extend(_rows(h, child, level))
            out.append((own_id(child), child, (child,), child))
    return out


def merged(parts: Sequence[Series]) -> Series | None:
    """One series adding up several: each month's additions summed (a stock: the levels)."""
    if len(parts) <= 1:
        return parts[0] if parts else None
    added: dict[int, Decimal] = {}
    for part in parts:
        for month, value in part.additions().items():
            added[month] = added.get(month, ZERO) + value
    notes = [n for p in parts for n in p.notes]
    return Series(figures={"increment": dict(sorted(added.items()))}, notes=notes)


def area_name(h: Hierarchy, start: str | None) -> str:
    if start is not None:
        return h.names[start]
    if h.root is not None:
        return h.names[h.root]
    tops = h.children(None)
    return AREA[min((h.levels[t] for t in tops), key=lambda lv: DEPTH[lv])].zh


def scoped(
    plan: Plan,
    actuals: Actuals,
    within: str | None = None,
    level: Level | None = None,
) -> tuple[Plan, Actuals]:
    """The plan and figures of one view: the divisions of ``level`` (else those directly
    under it) within ``within`` (else the whole plan). Raises :class:`UsageError` for a view
    that cannot be made."""
    h = plan.hierarchy
    assert h is not None, "a view needs a plan with a hierarchy"
    start = within if within is not None else (None if level is not None else h.root)
    if start is not None and not h.children(start):
        raise UsageError(
            f"--within：{h.names[start]}没有下级单位",
            f"--within: {h.names[start]} has no divisions under it",
        )
    if level is not None and start is not None and DEPTH[level] <= DEPTH[h.levels[start]]:
        raise UsageError(
            f"--level {level}：{h.names[start]}本身是{DIVISION_LEVEL[h.levels[start]].zh}，请选择更低的层级",
            f"--level {level}: {h.names[start]} is itself {h.levels[start]} level; "
            "choose a lower level",
        )
    rows = _rows(h, start, level)
    if start is not None:
        rows.append((own_id(start), start, (start,), start))
    specs = {c.id: c for c in plan.counties}
    counties: list[CountySpec] = []
    parts: dict[str, tuple[str, ...]] = {}
    under: dict[str, str | None] = {}
    levels: dict[str, str] = {}
    for row, division, members, parent in rows:
        spec = specs[division]
        if row != division:
            spec = CountySpec.model_construct(
                id=row, name=spec.name + OWN.zh, code=None, kind="city", aliases=[],
                parent=None, level=None,
            )  # fmt: skip
        counties.append(spec)
        parts[row], under[row], levels[row] = members, parent, h.levels[division]
    series: dict[tuple[str, str], Series] = {}
    for ind in plan.indicators:
        for row, division, members, _ in rows:
            chosen = (division,) if ind.rate and row == division and len(members) > 1 else members
            found = merged([s for m in chosen if (s := actuals.series.get((m, ind.id)))])
            if found is not None:
                series[(row, ind.id)] = found
    derived_actuals = Actuals(series=series, sources=actuals.sources)
    return (
        _plan(plan, actuals, start, level, within is not None, counties, parts, under, levels),
        derived_actuals,
    )


def _plan(
    plan: Plan,
    actuals: Actuals,
    start: str | None,
    level: Level | None,
    explicit: bool,
    counties: list[CountySpec],
    parts: dict[str, tuple[str, ...]],
    under: dict[str, str | None],
    levels: dict[str, str],
) -> Plan:
    h = plan.hierarchy
    assert h is not None
    indicators = tuple(_area_target(plan, ind, start) for ind in plan.indicators)
    allocation = plan.allocation
    if allocation is not None:
        allocation = Allocation(
            allocation.label,
            allocation.method,
            {i: {r: t[r] for r in parts if r in t} for i, t in allocation.targets.items()},
            {
                y: {i: {r: t[r] for r in parts if r in t} for i, t in by_ind.items()}
                for y, by_ind in allocation.yearly.items()
            },
            {i: frozenset(r for r in parts if r in s) for i, s in allocation.summed.items()},
        )
    lookup: dict[str, str] = {}
    for county in counties:
        for name in _names_of(county):
            lookup.setdefault(name, county.id)
    reporting = plan.reporting
    cells: tuple[ReturnCell, ...] = ()
    reporters: tuple[Reporter, ...] = ()
    members: dict[str, tuple[str, ...]] = {}
    made_up: Mapping[tuple[str, str], tuple[tuple[Period, Period | None], ...]] = {}
    derived_reporting = None
    if reporting is not None:
        whole = returns_status(plan, actuals, plan.meta.end)
        assert whole is not None
        cells, made_up = whole.cells, whole.made_up
        owing = set(reporting.reporters)
        members = {r: tuple(m for m in parts[r] if m in owing) for r in parts}
        own = tuple(i.id for i in plan.indicators if i.id not in reporting.by_unit)
        rows = tuple(c for c in counties if members[c.id])
        reporters = tuple(Reporter(c.id, c.name, "county", own) for c in rows)
        reporters += tuple(r for r in whole.reporters if r.kind == "unit")
        derived_reporting = replace(reporting, reporters=tuple(c.id for c in rows))
    viewed = start if start is not None else h.root
    own_row = next((r for r in (own_id(viewed), viewed) if r in parts), None) if viewed else None
    scope = Scope(
        within=start,
        area=area_name(h, start),
        level=level,
        own=own_row,
        explicit=explicit,
        parts=parts,
        members=members,
        under=under,
        levels=levels,
        summed={
            i: frozenset(c for c in ids if c in parts or c == start)
            for i, ids in (plan.allocation.summed if plan.allocation else {}).items()
        },
        reporting=derived_reporting,
        cells=cells,
        reporters=reporters,
        names={c.id: c.name for c in counties},
        area_names=frozenset(_names_of(plan.county(viewed))) if viewed else frozenset(),
        made_up=made_up,
    )
    return replace(
        plan,
        indicators=indicators,
        counties=tuple(counties),
        allocation=allocation,
        county_lookup=lookup,
        reporting=derived_reporting,
        scope=scope,
    )


def _names_of(county: CountySpec) -> list[str]:
    """The names a division goes by: id, name, code, aliases."""
    return [n for n in (county.id, county.name, county.code, *county.aliases) if n]


def _area_target(plan: Plan, ind: IndicatorSpec, start: str | None) -> IndicatorSpec:
    """The indicator with the viewed division's targets (the plan's own for the whole plan)."""
    h = plan.hierarchy
    assert h is not None
    if start is None or start == h.root:
        return ind
    allocation = plan.allocation
    target = allocation.targets.get(ind.id, {}).get(start) if allocation else None
    if not target:
        raise UsageError(
            f"{h.names[start]}没有“{ind.name}”的目标：请在 targets.yaml 的 allocation 中为它"
            "或其下级分配目标",
            f"{h.names[start]} has no target for {ind.name}: allocate one to it or to the "
            "divisions under it (allocation in targets.yaml)",
        )
    yearly = {
        year: t
        for year, by_ind in (allocation.yearly if allocation else {}).items()
        if (t := by_ind.get(ind.id, {}).get(start))
    }
    return ind.model_copy(update={"target": target, "yearly": yearly or None})
