"""The fast path: a row whose county, indicator, unit and basis texts, and whose period text,
were all checked before in a recorded increment row, with a plain whole-number value and no
note, is added without the checker — two dict look-ups and one exact multiply-add.

It must give exactly what the checker would: ``tests/test_fastpath.py`` reads generated files
both ways and compares.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any

from chuangye_cli.domain import Origin, Series
from chuangye_cli.reading.checker import Columns, Figure

LIMIT = 200_000  # entries per table: beyond it rows are still correct, only checked in full
MAX_PLAIN_DIGITS = 18  # longer digit strings go to the checker, which enforces the limits

# what a hit adds to: the series' increments and origins, the unit factor (None for 1), and
# the county and indicator (to tell a repeated row)
Hit = tuple[dict[int, Decimal], dict[int, Origin], Decimal | None, str, str]


class FastPath:
    def __init__(self, col: Columns) -> None:
        keys = [col[name] for name in ("county", "indicator", "unit", "basis")]
        present = [k for k in keys if k is not None]
        self.key_of: Callable[[Sequence[str]], Any] = itemgetter(*present)
        self.keys: dict[Any, Hit] = {}
        self.periods: dict[str, int] = {}
        period = col["period"]
        assert period is not None
        self.c_period = period

    def learn(self, cells: Sequence[str], figure: Figure, series: Series) -> None:
        """Remember the texts of a recorded row, if further rows with them may skip the checker:
        only plain increments in the column's unit (no unit written inside the value)."""
        if figure.basis != "increment" or figure.inline_unit:
            return
        if len(self.keys) < LIMIT:
            factor = None if figure.factor == 1 else figure.factor
            self.keys[self.key_of(cells)] = (
                series.of("increment"),
                series.origin,
                factor,
                figure.county,
                figure.indicator,
            )
        if len(self.periods) < LIMIT:
            self.periods[cells[self.c_period]] = figure.period
