"""Checked figures → per-county, per-indicator series: increments add up, a running total or a
level given twice must agree, one series takes one basis; running totals that fall are flagged."""

from __future__ import annotations

from decimal import Decimal

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Collector
from chuangye_cli.domain import ZERO, Actuals, Series
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.quantities import plain
from chuangye_cli.reading.checker import Figure
from chuangye_cli.reading.columns import BASIS_ZH

MAX_NOTES = 5  # notes kept per series


class Ledger:
    def __init__(self, plan: Plan, out: Collector) -> None:
        self.out = out
        self.actuals = Actuals()
        self.names = plan.indicator_names
        self.county_names = {c.id: c.name for c in plan.counties}
        self.units = plan.indicator_units

    def series(self, county: str, indicator: str) -> Series | None:
        return self.actuals.series.get((county, indicator))

    def record(
        self, figure: Figure, file: str, line: int, value_column: int, basis_column: int
    ) -> Series | None:
        """Add a checked figure; the series it went into, or None (and a diagnostic pointing at
        the value or the basis column) when it conflicts with what was recorded before."""
        key = (figure.county, figure.indicator)
        series = self.actuals.series.get(key)
        if series is None:
            series = self.actuals.series[key] = Series(figure.basis)
        elif series.basis != figure.basis:
            where = next(iter(series.origin.values()), None)
            self.out.report(
                Code.ACTUALS_MIXED_BASIS,
                file,
                line,
                basis_column,
                county=self.county_names[figure.county],
                indicator=self.names[figure.indicator],
                first=series.basis,
                first_zh=BASIS_ZH[series.basis],
                second=figure.basis,
                second_zh=BASIS_ZH[figure.basis],
                where=f"（{where[0]}:{where[1]}）" if where else "",
                where_en=f" at {where[0]}:{where[1]}" if where else "",
            )
            return None
        values, period = series.values, figure.period
        if figure.basis == "increment":
            values[period] = values.get(period, ZERO) + figure.value
        else:
            old = values.get(period)
            if old is not None and old != figure.value:
                first = series.origin[period]
                self.out.report(
                    Code.ACTUALS_CONFLICT,
                    file,
                    line,
                    value_column,
                    county=self.county_names[figure.county],
                    indicator=self.names[figure.indicator],
                    period=str(Period.from_index(period)),
                    basis=figure.basis,
                    basis_zh=BASIS_ZH[figure.basis],
                    now=plain(figure.value),
                    old=plain(old),
                    unit=self.units[figure.indicator],
                    where=f"{first[0]}:{first[1]}",
                )
                return None
            values[period] = figure.value
        series.origin.setdefault(period, (file, line))
        note = figure.note
        if note and note not in series.notes and len(series.notes) < MAX_NOTES:
            series.notes.append(note)
        return series

    def check_series(self) -> None:
        """Running totals that fall are suspicious: warn at the row where they fall."""
        for (county, indicator), series in self.actuals.series.items():
            if series.basis not in ("ytd", "to_date"):
                continue
            previous: tuple[int, Decimal] | None = None
            for period in sorted(series.values):
                value = series.values[period]
                same_run = previous is not None and (
                    series.basis == "to_date" or previous[0] // 12 == period // 12
                )
                if same_run and previous is not None and value < previous[1]:
                    file, line = series.origin[period]
                    self.out.report(
                        Code.ACTUALS_FALLING,
                        file,
                        line,
                        county=self.county_names[county],
                        indicator=self.names[indicator],
                        basis=series.basis,
                        basis_zh=BASIS_ZH[series.basis],
                        before=previous[1],
                        before_period=str(Period.from_index(previous[0])),
                        now=plain(value),
                        period=str(Period.from_index(period)),
                    )
                previous = (period, value)
