"""The actual figures as the engine sees them: per county and indicator, one series of exact
values by month, and where they came from. No file reading here: see :mod:`chuangye_cli.reading`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from chuangye_cli.periods import Period

Basis = Literal["increment", "ytd", "to_date", "level"]
BASES: tuple[Basis, ...] = ("increment", "ytd", "to_date", "level")
ZERO = Decimal(0)


@dataclass
class Series:
    """One county's figures for one indicator, in the indicator's target unit."""

    basis: Basis
    values: dict[int, Decimal] = field(default_factory=dict)  # Period.index -> value
    origin: dict[int, tuple[str, int]] = field(default_factory=dict)  # where a value came from
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """One table read: a CSV file, or one sheet of a workbook."""

    path: str
    kind: Literal["csv", "xlsx"]
    encoding: str | None
    rows: int
    sheet: str | None = None

    @property
    def name(self) -> str:
        """The file's name without its folder."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass
class Actuals:
    series: dict[tuple[str, str], Series] = field(default_factory=dict)  # (county, indicator)
    sources: list[Source] = field(default_factory=list)

    @property
    def latest(self) -> Period | None:
        last = max((p for s in self.series.values() for p in s.values), default=None)
        return None if last is None else Period.from_index(last)

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.sources)

    @property
    def synthetic(self) -> bool:
        """Whether every source is sample data, named ``synthetic*`` by convention."""
        return bool(self.sources) and all(s.name.startswith("synthetic") for s in self.sources)
