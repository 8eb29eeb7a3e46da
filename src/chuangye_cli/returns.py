"""报送情况: which returns were expected and which arrived, on time or not. Pure.

Each reporter (a county, the development zone, 市直; or a unit for the indicators it reports,
see ``reporting.by_unit`` in targets.yaml) owes a return every month from ``reporting.start``,
due by ``reporting.due_day`` of the following month. A return is there when the reporter has a
figure for the month; it is late when its 填报日期 is past the due day, corrected when it
replaced another (or is marked 更正/修正/修订/补报).

A county's return that came without a monthly figure it gave before (a flow indicator, given in
an earlier month, with no later running total of the same year or plan making up for it) lacks
that figure: the month is missing for that indicator, never counted as 0 (:attr:`ReturnsStatus.
partial`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Literal

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Diagnostic, make
from chuangye_cli.domain import Actuals
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.vocab import Lang

State = Literal["reported", "missing", "late", "corrected"]


@dataclass(frozen=True)
class Reporter:
    id: str  # county id, or the unit's name
    name: str
    kind: Literal["county", "unit"]
    indicators: tuple[str, ...]  # what its return holds


@dataclass(frozen=True)
class ReturnCell:
    reporter: Reporter
    month: Period
    state: State
    due: date
    filed: date | None = None
    source: str | None = None
    replaced: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReturnsStatus:
    as_of: Period
    months: tuple[Period, ...]  # every month a return was due, through as_of
    reporters: tuple[Reporter, ...]
    cells: tuple[ReturnCell, ...]  # reporter by reporter, month by month
    # (county, indicator) -> months its return came without that indicator's figure
    partial: Mapping[tuple[str, str], tuple[Period, ...]] = field(default_factory=dict)
    # the same through the plan's data: each month, with the month a later running total
    # made up for it (None: never); a view of an earlier month still lacks it
    made_up: Mapping[tuple[str, str], tuple[tuple[Period, Period | None], ...]] = field(
        default_factory=dict
    )

    def of(self, reporter_id: str) -> list[ReturnCell]:
        return [c for c in self.cells if c.reporter.id == reporter_id]

    def missing(self) -> list[ReturnCell]:
        return [c for c in self.cells if c.state == "missing"]

    def reported_through(self, reporter_id: str) -> Period | None:
        months = [c.month for c in self.of(reporter_id) if c.state != "missing"]
        return max(months, default=None)

    def missing_months(self, reporter_id: str) -> list[Period]:
        return [c.month for c in self.of(reporter_id) if c.state == "missing"]

    def reported(self, reporter_id: str, month: Period) -> bool:
        return any(c.month == month and c.state != "missing" for c in self.of(reporter_id))

    def lacking(self, county: str, indicator: str) -> tuple[Period, ...]:
        """The months ``county``'s return came without ``indicator``'s figure."""
        return self.partial.get((county, indicator), ())

    @cached_property
    def units(self) -> dict[str, Reporter]:
        """The unit that reports each indicator a unit reports (the first one listed)."""
        out: dict[str, Reporter] = {}
        for reporter in self.reporters:
            if reporter.kind == "unit":
                for indicator in reporter.indicators:
                    out.setdefault(indicator, reporter)
        return out

    @cached_property
    def _ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.reporters)

    def reporter_of(self, county: str, indicator: str) -> str:
        """Who owes the figure of a county's indicator: the unit that reports it, or the county."""
        unit = self.units.get(indicator)
        return unit.id if unit is not None else county

    def owing(self, county: str, indicator: str) -> str | None:
        """:meth:`reporter_of`, when it is one of the reporters (else nobody owes a return)."""
        reporter = self.reporter_of(county, indicator)
        return reporter if reporter in self._ids else None

    def lacking_in(self, county: str, indicator: str, as_of: Period) -> tuple[Period, ...]:
        """The months ``county``'s return came without ``indicator``'s figure in a view of
        ``as_of`` (of this status's month or an earlier one; see :func:`lacking_at`)."""
        return lacking_through(self.made_up.get((county, indicator), ()), as_of)


def month_ranges(months: list[Period]) -> list[tuple[Period, Period]]:
    """Consecutive months as (first, last) runs."""
    runs: list[tuple[Period, Period]] = []
    for month in sorted(months):
        if runs and runs[-1][1].index + 1 == month.index:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def months_text(months: list[Period], lang: Lang = "zh") -> str:
    """Months as runs for people: 2018年1月至2019年12月、2020年3月 (in English: 2018-01 to
    2019-12, 2020-03)."""
    runs = month_ranges(months)
    if lang == "en":
        return ", ".join(str(a) if a == b else f"{a} to {b}" for a, b in runs)
    return "、".join(a.label_zh if a == b else f"{a.label_zh}至{b.label_zh}" for a, b in runs)


def missing_diagnostics(status: ReturnsStatus, *, required: bool = False) -> list[Diagnostic]:
    """A diagnostic per reporter with missing returns, naming the months (errors when every
    return is ``required``)."""
    found = []
    for reporter in status.reporters:
        cells = [c for c in status.of(reporter.id) if c.state == "missing"]
        if not cells:
            continue
        months = [c.month for c in cells]
        found.append(
            make(
                Code.RETURNS_MISSING,
                severity="error" if required else None,
                reporter=reporter.name,
                months=months_text(months),
                months_en=months_text(months, "en"),
                count=len(cells),
                returns_en="1 return has" if len(cells) == 1 else f"{len(cells)} returns have",
                due=cells[-1].due.isoformat(),
            )
        )
    return found


def partial_diagnostics(
    status: ReturnsStatus, plan: Plan, *, required: bool = False
) -> list[Diagnostic]:
    """A diagnostic per county and month whose return lacks figures it gave before, naming
    them (errors when every return is ``required``)."""
    by_return: dict[tuple[str, Period], list[str]] = {}
    for (county, indicator), months in status.partial.items():
        for month in months:
            by_return.setdefault((county, month), []).append(indicator)
    names = {c.id: c.name for c in plan.counties}
    order = {i.id: n for n, i in enumerate(plan.indicators)}
    sources = {(c.reporter.id, c.month): c.source for c in status.cells}
    found = []
    for (county, month), ids in sorted(by_return.items(), key=lambda x: (x[0][1], x[0][0])):
        ids.sort(key=order.__getitem__)
        found.append(
            make(
                Code.RETURNS_PARTIAL,
                severity="error" if required else None,
                source=sources.get((county, month)) or "—",
                reporter=names.get(county, county),
                month=month.label_zh,
                period=str(month),
                indicators="、".join(plan.indicator_names[i] for i in ids),
                ids=", ".join(ids),
            )
        )
    return found


def with_unread(lacking: Sequence[Diagnostic], found: Sequence[Diagnostic]) -> list[Diagnostic]:
    """The warnings of returns that lack an indicator (:func:`partial_diagnostics`), each
    naming the rows of the same return that were not read and most likely stand for an
    indicator it lacks (新增小微企业 for 新增小微创业企业: a misspelt name, the county marked
    缺项 for it)."""
    unread: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
    for d in found:
        args = dict(d.args)
        if d.code is Code.ACTUALS_ROW_NOT_READ and args.get("meant") and "county" in args:
            key = (args["county"], args["period"], args["meant"])
            unread.setdefault(key, []).append((d.line or 0, args["value"]))
    out = []
    for d in lacking:
        args = dict(d.args)
        rows = [
            row
            for i in args["ids"].split(", ")
            for row in unread.get((args["reporter"], args["period"], i), ())
        ]
        if rows:
            d = replace(
                d,
                variant="unread",
                args=(
                    *d.args,
                    ("rows", "、".join(f"第{line}行“{value}”" for line, value in rows)),
                    ("rows_en", ", ".join(f"line {line} “{value}”" for line, value in rows)),
                ),
            )
        out.append(d)
    return out


def reporters(plan: Plan) -> tuple[Reporter, ...]:
    reporting = plan.reporting
    assert reporting is not None
    by_unit = set(reporting.by_unit)
    own = tuple(i.id for i in plan.indicators if i.id not in by_unit)
    names = {c.id: c.name for c in plan.counties}
    found = [Reporter(c, names[c], "county", own) for c in reporting.reporters]
    found += [Reporter(u, u, "unit", ids) for u, ids in reporting.units().items()]
    return tuple(found)


def returns_status(plan: Plan, actuals: Actuals, as_of: Period) -> ReturnsStatus | None:
    """Every expected return through ``as_of`` and its state; None when the plan says nothing
    of reporting. In a view of one part of a hierarchy, the rows' returns, made of the
    returns of the reporters within them (see :mod:`chuangye_cli.scope`). Made once for a
    plan, its figures and a month (the report month's returns are asked for by the report
    month's choice and by every view)."""
    return actuals.kept("returns_status", lambda: _status(plan, actuals, as_of), plan, as_of)


def returns_to_date(plan: Plan, actuals: Actuals) -> ReturnsStatus | None:
    """:func:`returns_status` through the latest month with figures (within the plan): every
    return read, an early one too; None without figures or without reporting."""
    latest = actuals.latest
    return None if latest is None else returns_status(plan, actuals, min(latest, plan.meta.end))


def _status(plan: Plan, actuals: Actuals, as_of: Period) -> ReturnsStatus | None:
    if plan.scope is not None:
        return plan.scope.returns(as_of)
    reporting = plan.reporting
    if reporting is None:
        return None
    months = tuple(
        Period.from_index(i)
        for i in range(max(reporting.start, plan.meta.start).index, as_of.index + 1)
    )
    present: dict[tuple[str, str], set[int]] = {}  # (county, indicator) -> months
    for (county, indicator), series in actuals.series.items():
        present[(county, indicator)] = set(series.months)
    cells: list[ReturnCell] = []
    everyone = reporters(plan)
    for reporter in everyone:
        for month in months:
            due = reporting.due(month)
            files: set[str] = set()
            if reporter.kind == "county":
                there = any(
                    month.index in present.get((reporter.id, i), ()) for i in reporter.indicators
                )
                info = actuals.returns.get((reporter.id, month.index))
            else:  # the unit's own return: a file that holds its indicators and nothing else
                # (a county's return that also gives one of them is not the unit's)
                info = None
                files |= {
                    name
                    for c in plan.counties
                    for name, ids in getattr(
                        actuals.returns.get((c.id, month.index)), "sources", ()
                    )
                    if set(ids) <= set(reporter.indicators)
                }
                there = bool(files)
            if not there:
                cells.append(ReturnCell(reporter, month, "missing", due))
                continue
            filed = info.filed if info else None
            source = info.source if info else "、".join(sorted(files)) or None
            if info is not None:  # the file that holds this reporter's own indicators
                own = [n for n, ids in info.sources if set(ids) & set(reporter.indicators)]
                source = "、".join(own) or source
            state: State = "reported"
            if info is not None and info.corrected:
                state = "corrected"
            elif filed is not None and filed > due:
                state = "late"
            cells.append(
                ReturnCell(
                    reporter,
                    month,
                    state,
                    due,
                    filed,
                    source,
                    info.replaced if info else (),
                )
            )
    made_up = _lacking(plan, actuals, everyone, cells, present)
    return ReturnsStatus(as_of, months, everyone, tuple(cells), lacking_at(made_up, as_of), made_up)


def lacking_at(
    made_up: Mapping[tuple[str, str], tuple[tuple[Period, Period | None], ...]], as_of: Period
) -> dict[tuple[str, str], tuple[Period, ...]]:
    """The months each (county, indicator) lacks in a view of ``as_of``: those through it
    that no running total through it made up for."""
    out = {}
    for key, months in made_up.items():
        lacking = lacking_through(months, as_of)
        if lacking:
            out[key] = lacking
    return out


def lacking_through(
    months: Sequence[tuple[Period, Period | None]], as_of: Period
) -> tuple[Period, ...]:
    """Of one (county, indicator)'s lacking months, each with the month a later running total
    made up for it, those still lacking in a view of ``as_of``."""
    return tuple(m for m, by in months if m <= as_of and (by is None or by > as_of))


def _lacking(
    plan: Plan,
    actuals: Actuals,
    everyone: tuple[Reporter, ...],
    cells: list[ReturnCell],
    present: Mapping[tuple[str, str], set[int]],
) -> dict[tuple[str, str], tuple[tuple[Period, Period | None], ...]]:
    """(county, indicator) -> the months the county's return came without the indicator's
    figure (a flow it gave in an earlier month), each with the first later running total of
    the same year (1-N月累计) or of the plan (开累) that makes up for it, if any. An indicator
    a county never gives (市直's, a rate the province reports) is not lacking."""
    flows = {i.id for i in plan.indicators if i.kind == "flow"}
    returned: dict[str, list[int]] = {}
    for cell in cells:
        if cell.reporter.kind == "county" and cell.state != "missing":
            returned.setdefault(cell.reporter.id, []).append(cell.month.index)
    out: dict[tuple[str, str], tuple[tuple[Period, Period | None], ...]] = {}
    if not cells:
        return out
    lo = min(c.month.index for c in cells)
    hi = max(c.month.index for c in cells)
    for reporter in everyone:
        months = returned.get(reporter.id)
        if reporter.kind != "county" or not months:
            continue
        for indicator in reporter.indicators:
            have = present.get((reporter.id, indicator))
            if indicator not in flows or not have:
                continue
            first, last = min(have), max(have)
            # a month of the returns' with a figure is a month with a return: a quick count
            # says whether a return after the first figure lacks one
            if lo <= first and last <= hi:
                given = len(have) - 1
            else:
                given = sum(1 for m in have if first < m and lo <= m <= hi)
            if len(months) - bisect_right(months, first) == given:
                continue
            figures = actuals.series[(reporter.id, indicator)].figures
            totals = [(t, False) for t in figures.get("ytd", {})]
            totals += [(t, True) for t in figures.get("to_date", {})]
            lacking = []
            for m in months:
                if m <= first or m in have:
                    continue
                by = min(
                    (t for t, plan_long in totals if t > m and (plan_long or t // 12 == m // 12)),
                    default=None,
                )
                lacking.append(
                    (Period.from_index(m), None if by is None else Period.from_index(by))
                )
            if lacking:
                out[(reporter.id, indicator)] = tuple(lacking)
    return out
