"""Numbers that cannot be right: a month's figure larger than the county's whole target for the
plan, more than 20 times its median month so far, or 10,000 or 100,000,000 times an ordinary
month (a 万/亿 slip); a running total's first figure, which adds up several months, is not
judged as one month's. Each is a warning at the row the figure came from (``validate --strict``
makes them errors); past the collector's limit they are only counted, without building their
messages. Fractional counts and a 1-N月累计 of another month are found row by row in
:mod:`.checker`."""

from __future__ import annotations

from bisect import insort
from collections.abc import Mapping
from decimal import ROUND_FLOOR, Decimal
from typing import cast

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Collector, Diagnostic, make
from chuangye_cli.domain import BASES, Actuals, Basis, Series
from chuangye_cli.model import IndicatorSpec
from chuangye_cli.packed import MIXED, PackedSeries, Store
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan, as_reported
from chuangye_cli.quantities import plain

MEDIAN_TIMES = 20  # a month more than this many times the median month so far is suspect
MEDIAN_MONTHS = 3  # months with a positive figure needed before a median means anything
SLIPS = ((10**8, "亿"), (10**4, "万"))
YEAR_MONTHS = 3  # earlier months of the year held before a 本月 is compared with their sum
IMPLAUSIBLE = Code.ACTUALS_IMPLAUSIBLE


Cells = Mapping[tuple[str, int, str | None, str], int]  # a form's figure (origin, basis) → column


def plausibility(plan: Plan, actuals: Actuals, out: Collector, cells: Cells | None = None) -> None:
    """Report the figures of ``actuals`` that cannot be right to ``out`` (at a form's cell,
    by ``cells``: file, sheet, row and basis → column)."""
    targets = plan.allocation.targets if plan.allocation is not None else {}
    names = {c.id: c.name for c in plan.counties}
    specs = {i.id: i for i in plan.indicators}
    start = plan.meta.start.index
    # past the collector's limit warnings are only counted: those of a series read in bulk on
    # one basis, all at once by their store (Store.count_implausible), as _one would
    rest: dict[int, tuple[Store, list[int], list[int | None]]] = {}
    for (county, indicator), series in actuals.series.items():
        spec = specs[indicator]
        if spec.kind != "flow":
            continue
        target = targets.get(indicator, {}).get(county)
        if (
            out.full(IMPLAUSIBLE)
            and isinstance(series, PackedSeries)
            and series.store.seg_basis[series.k] != MIXED
        ):
            store = series.store
            _, ks, limits = rest.setdefault(id(store), (store, [], []))
            ks.append(series.k)
            scaled = target.scaleb(store.scale[series.k]) if target else None
            limits.append(None if scaled is None else int(scaled.to_integral_value(ROUND_FLOOR)))
            continue
        _one(series, names[county], spec, target, start, out, cells or {})
    for store, ks, limits in rest.values():
        found = store.count_implausible(ks, limits, start, MEDIAN_TIMES, MEDIAN_MONTHS)
        out.count(IMPLAUSIBLE, found)


def _one(
    series: Series,
    county: str,
    spec: IndicatorSpec,
    target: Decimal | None,
    start: int,
    out: Collector,
    cells: Cells,
) -> None:
    """The warnings of one series of a flow; ``county``: its name."""
    if not series.may_be_implausible(target, MEDIAN_TIMES, MEDIAN_MONTHS):
        return
    if isinstance(series, PackedSeries):
        scaled = series.scaled_additions()
        if scaled is not None:
            _packed(series, scaled, county, spec, target, start, out)
            return
    additions = series.additions()
    positives: list[Decimal] = []  # the positive months so far, in order of size
    previous: int | None = None  # the series' month before
    for month in sorted(additions):
        added = additions[month]
        earlier, previous = previous, month
        if added <= 0:
            continue
        usual = _median(positives) if len(positives) >= MEDIAN_MONTHS else None
        slip = _slip(added, usual)
        over_target = target is not None and target != 0 and added > target
        over_median = usual is not None and usual != 0 and added > MEDIAN_TIMES * usual
        if (
            (slip is not None or over_target or over_median)
            and not _from_nothing(month, _basis(series, month), earlier, start)
            and not out.skip(IMPLAUSIBLE)
        ):
            origin = series.origin.get(month)
            basis = _basis(series, month)
            column = cells.get((*origin, basis)) if origin else None
            out.add(
                _warning(
                    origin,
                    county,
                    spec,
                    month,
                    added,
                    usual,
                    slip,
                    target,
                    _running_total(series, month, basis, earlier),
                    column,
                )
            )
        insort(positives, added)


def year_in_month(plan: Plan, actuals: Actuals, out: Collector, cells: Cells | None = None) -> None:
    """A month's own figure (本月, with no running total beside it) from a spreadsheet that is
    more than what the earlier months of its year add up to, by no more than the largest of
    them (the total typed with the month in it), when at least
    :data:`YEAR_MONTHS` of them are held, each with a figure: most likely the year's running
    total typed in the month's column (a form without a 1-N月累计 column, or with it blank).
    A warning at the figure's row, saying what the month would be; not for a figure already
    warned of so (our 填报表's 上月累计)."""
    specs = {i.id: i for i in plan.indicators}
    names = {c.id: c.name for c in plan.counties}
    warned = {(d.file, d.line, d.sheet) for d in out.items if d.code == Code.ACTUALS_MONTH_TOTAL}
    for (county, indicator), series in actuals.series.items():
        if isinstance(series, PackedSeries) or specs[indicator].kind != "flow":
            continue  # (a series read in bulk comes from a CSV file)
        month_only = series.figures.get("increment", {})
        totals = {m for b, v in series.figures.items() if b != "increment" for m in v}
        additions = None
        for month, value in month_only.items():
            origin = series.origin.get(month)
            before = range(month - month % 12, month)
            if (
                month % 12 < YEAR_MONTHS
                or month in totals
                or origin is None
                or origin[2] is None  # not a sheet
                or origin in warned
            ):
                continue
            additions = additions if additions is not None else series.additions()
            if any(m not in additions for m in before):
                continue
            held = sum((additions[m] for m in before), Decimal(0))
            largest = max(additions[m] for m in before)
            # over the months so far, by no more than one of them: the year's total typed
            # (a lumpy month far above them, or 1 after 0, 0, 1, is not)
            if not held < value <= held + largest or out.skip(Code.ACTUALS_MONTH_TOTAL):
                continue
            spec = specs[indicator]
            factor, unit = as_reported(spec)  # in the unit of the returns
            out.add(
                make(
                    Code.ACTUALS_MONTH_TOTAL,
                    origin[0],
                    origin[1],
                    (cells or {}).get((*origin, "increment")),
                    sheet=origin[2],
                    variant="held",
                    county=names[county],
                    indicator=spec.name,
                    period=str(Period.from_index(month)),
                    month_value=plain(value * factor),
                    total=plain(held * factor),
                    unit=unit,
                    through=month % 12,
                    month=month % 12 + 1,
                    meant=plain((value - held) * factor),
                )
            )


def _basis(series: Series, month: int) -> str:
    """The basis whose figure says what ``month`` added (see :func:`~chuangye_cli.domain.
    additions_of`)."""
    figures = series.figures
    return next(
        (b for b in ("level", "to_date", "ytd") if month in figures.get(b, {})), "increment"
    )


def _from_nothing(month: int, basis: str, earlier: int | None, start: int) -> bool:
    """Whether what ``month`` added is a running total's first figure, counted from zero: a
    开累 after the plan's first month, or a 1-N月累计 after January, with no figure of the
    series before it in its run (``earlier``: the series' month before). It adds up several
    months: no month's figure to judge (a county's first return is often its 开累)."""
    if basis == "to_date":
        return earlier is None and month > start
    if basis == "ytd":
        return month % 12 != 0 and (earlier is None or earlier // 12 != month // 12)
    return False


def _packed(
    series: PackedSeries,
    scaled: tuple[list[int], list[int], int],
    county: str,
    spec: IndicatorSpec,
    target: Decimal | None,
    start: int,
    out: Collector,
) -> None:
    """The tests of :func:`plausibility` on exact scaled ints (a series read in bulk): the
    months over the median test come from the store (see
    :meth:`~chuangye_cli.packed.Store.candidates`), those over the target are found here; the
    median and a slip are worked out only for a warning that is built (under the limit),
    multiplied through by 2 so that a median of two months stays an int."""
    months, added_all, scale = scaled
    limit = target.scaleb(scale) if target else None  # the target in the same scaled units
    wanted = set(series.candidates())  # over the median test
    if limit is not None:
        wanted.update(j for j, added in enumerate(added_all) if added > limit)
    basis = BASES[series.store.seg_basis[series.k]]
    for position in sorted(wanted):
        added = added_all[position]
        earlier = months[position - 1] if position else None
        if added <= 0 or _from_nothing(months[position], basis, earlier, start):
            continue
        if out.skip(IMPLAUSIBLE):  # past the limit: counted only
            continue
        positives = sorted(a for a in added_all[:position] if a > 0)
        n = len(positives)
        twice: int | None = None  # twice the median
        usual = None
        if n >= MEDIAN_MONTHS:
            half = n // 2
            twice = 2 * positives[half] if n % 2 else positives[half - 1] + positives[half]
            usual = (
                series.decimal(positives[half])
                if n % 2
                else (series.decimal(positives[half - 1]) + series.decimal(positives[half])) / 2
            )
        slip = None
        if twice is not None and 2 * added > MEDIAN_TIMES * twice:
            for power, mark in SLIPS:
                if twice * power <= 10 * added and 2 * added <= 5 * power * twice:
                    slip = (power, mark)
                    break
        out.add(
            _warning(
                series.origin_at(position),
                county,
                spec,
                months[position],
                series.decimal(added),
                usual,
                None if slip is None else (Decimal(slip[0]), slip[1]),
                target,
                _running_total(series, months[position], basis, earlier),
            )
        )


def _running_total(
    series: Series, month: int, basis: str, earlier: int | None
) -> tuple[str, Decimal, int] | None:
    """The running total a month's addition was worked out from: its basis (1-N月累计 or
    开累), its figure and how many months it adds (since the series' month before, ``earlier``);
    None for a month's own figure."""
    if basis not in ("ytd", "to_date"):
        return None
    total = series.figures[cast(Basis, basis)][month]
    return basis, total, month - earlier if earlier is not None else 1


def _total_slip(
    added: Decimal, usual: Decimal | None, total: Decimal, months: int
) -> tuple[Decimal, Decimal, str] | None:
    """A running total typed 10^8 or 10^4 times too big (in 元 for 万元): divided by it, about
    what it should be, the total before it (the total less what it added) and ``months``
    ordinary months (with no ordinary month known yet, the total before it). The expected
    total, the factor and its mark."""
    before = total - added
    if total <= 0 or before <= 0:
        return None
    expected = before + (usual or 0) * months
    for scale, mark in SLIPS:
        if expected / 5 <= total / scale <= expected * 5:
            return expected, Decimal(scale), mark
    return None


def _warning(
    origin: tuple[str, int, str | None] | None,
    county: str,
    spec: IndicatorSpec,
    month: int,
    added: Decimal,
    usual: Decimal | None,
    slip: tuple[Decimal, str] | None,
    target: Decimal | None,
    running: tuple[str, Decimal, int] | None = None,
    column: int | None = None,
) -> Diagnostic:
    """The warning for one month: a 万/亿 slip, else a running total's (``running``: the one
    the month's addition was worked out from), else over the target, else over the median."""
    file, line, sheet = origin or (None, None, None)
    factor, unit = as_reported(spec)  # in the unit of the returns

    def shown(value: Decimal) -> str:
        return plain(value * factor)

    args = dict(
        county=county,
        indicator=spec.name,
        period=str(Period.from_index(month)),
        value=shown(added),
        unit=unit,
    )
    if slip is not None:
        return make(
            Code.ACTUALS_IMPLAUSIBLE,
            file,
            line,
            column,
            sheet=sheet,
            variant="magnitude",
            usual=shown(usual or Decimal(0)),
            meant=shown(added / slip[0]),
            mark=slip[1],
            times=f"{slip[0]:,}",
            fields=args,
        )
    total_slip = None if running is None else _total_slip(added, usual, *running[1:])
    if running is not None and total_slip is not None:
        basis, total, _ = running
        expected, scale, mark = total_slip
        return make(
            Code.ACTUALS_IMPLAUSIBLE,
            file,
            line,
            column,
            sheet=sheet,
            variant="magnitude-total",
            basis=f"1-{month % 12 + 1}月累计" if basis == "ytd" else "开累",
            total=shown(total),
            expected=shown(expected),
            meant=shown(total / scale),
            mark=mark,
            times=f"{scale:,}",
            fields=args,
        )
    if target and added > target:
        return make(
            Code.ACTUALS_IMPLAUSIBLE,
            file,
            line,
            column,
            sheet=sheet,
            variant="over-target",
            target=shown(target),
            fields=args,
        )
    assert usual is not None
    return make(
        Code.ACTUALS_IMPLAUSIBLE,
        file,
        line,
        column,
        sheet=sheet,
        variant="over-median",
        usual=shown(usual),
        times=MEDIAN_TIMES,
        fields=args,
    )


def _median(ordered: list[Decimal]) -> Decimal:
    """The median of an ordered list, as :func:`statistics.median` gives it."""
    n = len(ordered)
    if n % 2:
        return ordered[n // 2]
    return (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def _slip(added: Decimal, usual: Decimal | None) -> tuple[Decimal, str] | None:
    """A figure 10^8 or 10^4 times too big: divided by it, an ordinary month."""
    if not usual or added <= MEDIAN_TIMES * usual:
        return None
    for scale, mark in SLIPS:
        if usual / 5 <= added / scale <= usual * 5:
            return Decimal(scale), mark
    return None
