"""The row checker: one row's cells → a checked figure, or located diagnostics.

Each distinct text of a period, county, indicator, unit or basis is resolved once and cached
(up to a bound, so that a file of millions of distinct bad texts keeps memory flat).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Collector, hint_args
from chuangye_cli.domain import Basis
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.quantities import (
    WAN,
    Measure,
    ParsedValue,
    Unit,
    ValueProblem,
    base_unit,
    get_unit,
    parse_value,
    plain,
)
from chuangye_cli.reading.columns import BASIS_ZH, basis_of
from chuangye_cli.reading.layout import Names, squeeze
from chuangye_cli.vocab import MEASURE

CACHE_LIMIT = 100_000
COUNTED = frozenset({Measure.COUNT, Measure.PERSONS, Measure.PERSON_TIMES})
_YTD_TEXT = re.compile(r"^1[-—~至到－](\d{1,2})月累计$")
K = TypeVar("K")
V = TypeVar("V")


def ytd_month(basis_text: str) -> int | None:
    """N when a basis text reads 1-N月累计 (a figure of that month's year-to-date), else None."""
    m = _YTD_TEXT.match(squeeze(basis_text))
    return int(m.group(1)) if m is not None else None


def _remember(cache: dict[K, V], key: K, value: V) -> V:
    if len(cache) < CACHE_LIMIT:
        cache[key] = value
    return value


Columns = dict[str, int | None]  # column name -> index in the row (None: no such column)


@dataclass(frozen=True, slots=True)
class Figure:
    """A checked row: which series, which month, what value (in the indicator's target unit)."""

    county: str
    indicator: str
    period: int  # Period.index
    basis: Basis
    value: Decimal
    factor: Decimal  # from the row's unit to the target unit
    inline_unit: bool  # the value text carried its own unit (“3200万元”)
    note: str


@dataclass(frozen=True, slots=True)
class _PeriodProblem:
    variant: str
    args: tuple[tuple[str, str], ...]


def _said(kwargs: Mapping[str, Any]) -> str:
    """What a report's arguments say (its variant and fields), as one text to compare."""
    fields = {**(kwargs.get("fields") or {}), **{k: v for k, v in kwargs.items() if k != "fields"}}
    return repr(sorted((k, str(v)) for k, v in fields.items()))


def plan_names(plan: Plan) -> Names:
    """What the plan calls indicators and counties, for reading headers and free text."""
    indicators: dict[str, str] = {}
    for ind in plan.indicators:
        for name in (ind.id, ind.name, *getattr(ind, "aliases", ())):
            indicators[squeeze(name)] = ind.id
    return Names(indicators, dict(plan.county_lookup), {c.id: c.name for c in plan.counties})


_NUMBERS = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
ABOUT = frozenset({"左右", "上下", "余", "多", "以上", "许"})  # words of about, after a number


class RowChecker:
    """Checks rows against the plan, reporting every problem of a row with its column."""

    def __init__(self, plan: Plan, out: Collector) -> None:
        self.plan, self.out = plan, out
        self.start, self.end = plan.meta.start.index, plan.meta.end.index
        self.periods: dict[str, int | _PeriodProblem] = {}
        self.from_january: set[str] = set()  # period texts such as 2020年1-6月
        self.factors: dict[tuple[str, str], Decimal | tuple[str, dict[str, str]]] = {}
        self.kinds = {i.id: i.kind for i in plan.indicators}
        self.names_zh = plan.indicator_names
        self.names = plan_names(plan)
        self.target_units = {i.id: plan.unit_of(i) for i in plan.indicators}
        self.default_units = {i.id: plan.reporting_unit_of(i) for i in plan.indicators}
        self._county_names: tuple[str, ...] | None = None  # for a hint, made when first needed
        # problems reported, by cell: of the row being checked, and of cells outside rows
        self._row: tuple[str, str | None, int] | None = None
        self._row_seen: set[tuple[object, ...]] = set()
        self._elsewhere: set[tuple[object, ...]] = set()

    # -- one cell at a time ------------------------------------------------------------------

    def _once(
        self,
        file: str,
        sheet: str | None,
        line: int,
        problem: tuple[Code, str],
        where: tuple[int | None, int | None],
    ) -> bool:
        """Whether a ``problem`` (its code and what it says) at the cell ``where`` is news: the
        same problem of a cell read for several figures (a county's name in a wide table's row,
        a month in a title) is reported once; another problem of it (a header's unit that fits
        one indicator and not the next) is news.
        Cells of the row being checked are remembered until the next row; cells elsewhere (a
        title, a header) for the whole reading."""
        key = (file, sheet, *problem, *where)
        if where[0] == line:
            row = (file, sheet, line)
            if row != self._row:
                self._row, self._row_seen = row, set()
            seen = self._row_seen
        else:
            seen = self._elsewhere
        if key in seen:
            return False
        seen.add(key)
        return True

    def period(self, text: str) -> int | _PeriodProblem:
        """A period index within the plan, or why not; cached per distinct text."""
        cached = self.periods.get(text)
        if cached is not None:
            return cached
        result: int | _PeriodProblem
        try:
            period, ytd = Period.parse_hinted(text)
            if ytd:
                self.from_january.add(text)
        except ValueError as exc:
            month = getattr(exc, "month", None)
            if not text:
                result = _PeriodProblem("empty", ())
            elif getattr(exc, "ambiguous", False):
                result = _PeriodProblem("ambiguous", (("value", text),))
            elif month is not None:
                result = _PeriodProblem("month", (("value", text), ("month", str(month))))
            else:
                result = _PeriodProblem("", (("value", text),))
        else:
            if self.start <= period.index <= self.end:
                result = period.index
            else:
                meta = self.plan.meta
                result = _PeriodProblem(
                    "outside",
                    (("period", str(period)), ("start", str(meta.start)), ("end", str(meta.end))),
                )
        return _remember(self.periods, text, result)

    def factor(self, unit_text: str, indicator: str) -> Decimal | tuple[str, dict[str, str]]:
        """The multiplier from ``unit_text`` to the indicator's target unit, or a problem
        (variant and arguments of ``actuals.unit``)."""
        key = (unit_text, indicator)
        cached = self.factors.get(key)
        if cached is not None:
            return cached
        target = self.target_units[indicator]
        unit = get_unit(unit_text) if unit_text else self.default_units[indicator]
        result: Decimal | tuple[str, dict[str, str]]
        if unit is None:
            result = ("", {"value": unit_text})
        elif unit.measure is not target.measure:
            result = ("measure", self._measure_args(unit, target, indicator))
        else:
            result = unit.factor / target.factor
        return _remember(self.factors, key, result)

    def _measure_args(self, unit: Unit, target: Unit, indicator: str) -> dict[str, str]:
        return {
            "value": unit.name,
            "measure": str(unit.measure),
            "measure_zh": MEASURE[unit.measure].zh,
            "indicator": self.names_zh[indicator],
            "target": target.name,
            "target_measure": str(target.measure),
            "target_measure_zh": MEASURE[target.measure].zh,
        }

    # -- a whole row -----------------------------------------------------------------------------

    def check(
        self,
        file: str,
        line: int,
        cells: Sequence[str],
        col: Columns,
        *,
        sheet: str | None = None,
        at: Mapping[str, tuple[int | None, int | None]] | None = None,
        stock_ytd_is_level: bool = False,
    ) -> Figure | None:
        """Check one row; report each problem at its cell; the figure when all is well.

        ``at`` places a field elsewhere than (``line``, its column): a month taken from a
        title, a value in a wide table. In forms, a stock's 1-N月累计 is its level
        (``stock_ytd_is_level``)."""
        out = self.out

        def place(name: str) -> tuple[int | None, int | None]:
            if at is not None and name in at:
                return at[name]
            index = col[name]
            return line, (index + 1 if index is not None else None)

        def report(code: Code, name: str, **kwargs: Any) -> None:
            where = place(name)
            if self._once(file, sheet, line, (code, _said(kwargs)), where):
                out.report(code, file, *where, sheet=sheet, **kwargs)

        c_period, c_county, c_ind, c_value = (
            col["period"],
            col["county"],
            col["indicator"],
            col["value"],
        )
        assert c_period is not None and c_county is not None
        assert c_ind is not None and c_value is not None
        ok = True

        period = self.period(cells[c_period].strip())
        if isinstance(period, _PeriodProblem):
            report(Code.ACTUALS_PERIOD, "period", variant=period.variant, fields=dict(period.args))
            ok = False
        county_text = cells[c_county].strip()
        county = self.plan.county_lookup.get(county_text)
        if county is None:
            if county_text:
                if self._county_names is None:
                    self._county_names = tuple(c.name for c in self.plan.counties)
                report(
                    Code.ACTUALS_COUNTY,
                    "county",
                    value=county_text,
                    fields=hint_args(county_text, self._county_names),
                )
            else:
                report(Code.ACTUALS_COUNTY, "county", variant="empty")
            ok = False
        ind_text = cells[c_ind].strip()
        indicator = self.indicator(ind_text)
        if indicator is None:
            if ind_text:
                report(
                    Code.ACTUALS_INDICATOR,
                    "indicator",
                    value=ind_text,
                    fields=hint_args(ind_text, self.plan.indicator_texts),
                )
            else:
                report(Code.ACTUALS_INDICATOR, "indicator", variant="empty")
            return None
        try:
            parsed = parse_value(cells[c_value])
        except ValueProblem as problem:
            code = {
                "exponent": Code.ACTUALS_EXPONENT,
                "digits": Code.ACTUALS_DIGITS,
            }.get(problem.kind, Code.ACTUALS_VALUE)
            variant = problem.kind if code is Code.ACTUALS_VALUE else ""
            fields = dict(problem.args_)
            # one number among words (约120, 120左右): the number alone is what was meant
            about = variant == "unit" and fields.get("unit") in ABOUT  # (120左右: no unit)
            numbers = _NUMBERS.findall(cells[c_value]) if variant == "not-number" or about else []
            if len(numbers) == 1:
                variant, fields["number"] = "words", numbers[0]
            report(
                code,
                "value",
                variant="" if variant == "not-number" else variant,
                fields=fields,
            )
            return None
        c_unit = col["unit"]
        unit_text = cells[c_unit].strip() if c_unit is not None else ""
        factor = self._value_factor(parsed, unit_text, indicator, report)
        if factor is None:
            return None
        hint = cells[c_period].strip() in self.from_january
        basis = self._basis(cells, col, indicator, report, stock_ytd_is_level, hint)
        if basis is None or not ok or county is None or isinstance(period, _PeriodProblem):
            return None
        name = self.names.county_names[county]
        self._plausible_row(parsed, unit_text, indicator, period, name, cells, col, report)
        number = parsed.number
        c_note = col["note"]
        return Figure(
            county,
            indicator,
            period,
            basis,
            number * factor if factor != 1 else number,
            factor,
            parsed.unit is not None or parsed.multiplier is not None,
            cells[c_note].strip() if c_note is not None else "",
        )

    def _plausible_row(
        self,
        parsed: ParsedValue,
        unit_text: str,
        indicator: str,
        period: int,
        county: str,
        cells: Sequence[str],
        col: Columns,
        report: Callable[..., None],
    ) -> None:
        """A fractional count (2650.5 个), and a 1-N月累计 of another month than the row's;
        ``county``: the row's county's name (what the figure is of, for 数据核查)."""
        target = self.target_units[indicator]
        if parsed.unit is not None:
            written: Unit | None = parsed.unit
        elif unit_text:
            written = get_unit(unit_text)
        elif parsed.multiplier is not None:
            written = base_unit(target.measure)
        else:
            written = self.default_units[indicator]
        if written is not None and written.measure in COUNTED:
            amount = parsed.scaled * written.factor
            if amount != amount.to_integral_value():
                report(
                    Code.ACTUALS_IMPLAUSIBLE,
                    "value",
                    variant="fraction",
                    value=cells[col["value"] or 0].strip(),
                    unit=base_unit(written.measure).name if written.factor != 1 else written.name,
                    county=county,
                    indicator=self.names_zh[indicator],
                    period=str(Period.from_index(period)),
                )
        c_basis = col["basis"]
        text = cells[c_basis].strip() if c_basis is not None else ""
        m = _YTD_TEXT.match(squeeze(text))
        if m is not None and int(m.group(1)) != period % 12 + 1:
            report(
                Code.ACTUALS_IMPLAUSIBLE,
                "basis",
                variant="ytd-month",
                basis=text,
                period=str(Period.from_index(period)),
                value=text,
                unit="",
                county=county,
                indicator=self.names_zh[indicator],
            )

    def indicator(self, text: str) -> str | None:
        """An indicator's id from its id, name or an alias (spaces and a unit in brackets
        ignored)."""
        found = self.plan.indicator_lookup.get(text)
        if found is None and text:
            found = self.names.indicator(text)
        return found

    def _value_factor(
        self,
        parsed: ParsedValue,
        unit_text: str,
        indicator: str,
        report: Callable[..., None],
    ) -> Decimal | None:
        """The factor from the written number to the indicator's target unit. A bare 万/亿
        (“1.2亿”) multiplies the unit column's unit when it has no 万/亿 of its own, else the
        measure's base unit (1.2亿 loans = 1.2亿元); with a 万/亿 unit column it is an error."""
        target = self.target_units[indicator]
        if parsed.unit is not None:
            if unit_text and get_unit(unit_text) is not parsed.unit:
                report(
                    Code.ACTUALS_UNIT,
                    "value",
                    variant="both",
                    inline=parsed.unit.name,
                    value=unit_text,
                )
                return None
            unit_text = parsed.unit.name
        if parsed.multiplier is not None:
            written = get_unit(unit_text) if unit_text else base_unit(target.measure)
            if written is None:
                report(Code.ACTUALS_UNIT, "unit", value=unit_text)
                return None
            if written.factor != 1:
                report(
                    Code.ACTUALS_UNIT,
                    "value",
                    variant="double",
                    value=unit_text,
                    number=plain(parsed.number),
                    mark="万" if parsed.multiplier == WAN else "亿",
                    base=base_unit(written.measure).name,
                )
                return None
            if written.measure is not target.measure:
                report(
                    Code.ACTUALS_UNIT,
                    "unit" if unit_text else "value",
                    variant="measure",
                    fields=self._measure_args(written, target, indicator),
                )
                return None
            return parsed.multiplier * written.factor / target.factor
        factor = self.factor(unit_text, indicator)
        if not isinstance(factor, Decimal):
            variant, args = factor
            report(
                Code.ACTUALS_UNIT,
                "unit" if parsed.unit is None and unit_text else "value",
                variant=variant,
                fields=args,
            )
            return None
        return factor

    def _basis(
        self,
        cells: Sequence[str],
        col: Columns,
        indicator: str,
        report: Callable[..., None],
        stock_ytd_is_level: bool,
        from_january: bool = False,
    ) -> Basis | None:
        c_basis = col["basis"]
        text = cells[c_basis].strip() if c_basis is not None else ""
        kind = self.kinds[indicator]
        if not text:
            if from_january:  # the month is written 2020年1-6月: a year-to-date figure
                return "ytd" if kind == "flow" else "level"
            return "increment" if kind == "flow" else "level"
        basis = basis_of(text)
        if basis is None:
            report(Code.ACTUALS_BASIS, "basis", value=text)
            return None
        if kind == "stock" and basis in ("ytd", "to_date") and stock_ytd_is_level:
            return "level"  # a form's 累计 of a stock (累计建设…) is its level
        if (kind == "flow" and basis == "level") or (kind == "stock" and basis == "ytd"):
            report(
                Code.ACTUALS_BASIS,
                "basis",
                variant="flow" if kind == "flow" else "stock",
                indicator=self.names_zh[indicator],
            )
            return None
        return basis


__all__ = ["BASIS_ZH", "Columns", "Figure", "RowChecker"]
