"""The actual figures as the engine sees them: per county and indicator, one series of exact
values by month and basis, where they came from, and which returns (报表) arrived. No file
reading here: see :mod:`chuangye_cli.reading`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal, TypeVar

from chuangye_cli.periods import Period

T = TypeVar("T")

Basis = Literal["increment", "ytd", "to_date", "level"]
BASES: tuple[Basis, ...] = ("increment", "ytd", "to_date", "level")
ZERO = Decimal(0)
Origin = tuple[str, int, str | None]  # file, line (row) and sheet of a figure


@dataclass
class Series:
    """One county's figures for one indicator, in the indicator's target unit.

    A month may carry figures on several bases (a form gives 本月 and 1-N月累计 side by side).
    What the month added is read from them in this order: a stock's level, a running total
    since the plan began (开累), the year's running total (1-N月累计), the month's own figure
    (本月): see :meth:`additions`.
    """

    figures: dict[Basis, dict[int, Decimal]] = field(default_factory=dict)  # basis -> month -> v
    origin: dict[int, Origin] = field(default_factory=dict)  # month -> where it was first read
    notes: list[str] = field(default_factory=list)
    # each note's month (its first): a view of an earlier month does not show a later note
    note_months: dict[str, int] = field(default_factory=dict, compare=False)
    _additions: dict[int, Decimal] | None = field(default=None, repr=False, compare=False)

    def add_note(self, note: str, month: int | None, limit: int) -> None:
        """Keep ``note`` (up to ``limit`` notes) and its first month."""
        if note not in self.notes and len(self.notes) < limit:
            self.notes.append(note)
        if month is not None:
            self.note_months[note] = min(self.note_months.get(note, month), month)

    def notes_to(self, as_of: int) -> tuple[str, ...]:
        """The notes of months up to ``as_of`` (a note of no known month: every view's)."""
        return tuple(n for n in self.notes if self.note_months.get(n, as_of) <= as_of)

    def of(self, basis: Basis) -> dict[int, Decimal]:
        """The figures of one basis (created empty when there are none yet)."""
        values = self.figures.get(basis)
        if values is None:
            values = self.figures[basis] = {}
        return values

    @property
    def bases(self) -> set[Basis]:
        return {b for b, values in self.figures.items() if values}

    @property
    def months(self) -> list[int]:
        """Months (Period.index) with any figure, in order."""
        return sorted({m for values in self.figures.values() for m in values})

    def additions(self) -> dict[int, Decimal]:
        """What each reported month added, whatever the basis: a level or a running total is
        turned into the change since the previous reported month (a year's running total
        restarts each January; the first report counts from zero); a month's own figure is
        its addition. Computed once: a series is not changed after reading."""
        if self._additions is None:
            self._additions = additions_of(self.figures)
        return self._additions

    def to_date(self, as_of: int) -> Decimal:
        """The plan-to-date total (a stock: its level) at the end of month ``as_of``."""
        return sum((v for m, v in self.additions().items() if m <= as_of), ZERO)

    @property
    def last_month(self) -> int | None:
        """The latest month with any figure."""
        return max((m for values in self.figures.values() for m in values), default=None)

    def needs_checking(self) -> bool:
        """Whether a running total might fall, or a month disagree with its total: a quick test
        that may say yes in vain, never no in vain (see :mod:`chuangye_cli.reading.ledger`)."""
        return True

    def may_be_implausible(self, target: Decimal | None, times: int, months: int) -> bool:
        """Whether a month might add more than ``target`` or more than ``times`` the median of
        the positive months before it (with at least ``months`` of them): a quick test that
        may say yes in vain, never no in vain (see :mod:`chuangye_cli.reading.plausible`)."""
        return True


def additions_of(figures: dict[Basis, dict[int, Decimal]]) -> dict[int, Decimal]:
    """What each month added (see :meth:`Series.additions`)."""
    inc, ytd = figures.get("increment", {}), figures.get("ytd", {})
    to_date, level = figures.get("to_date", {}), figures.get("level", {})
    out: dict[int, Decimal] = {}
    total = ZERO  # plan-to-date (a stock: its level)
    in_year: dict[int, Decimal] = {}  # year -> added so far that year
    for month in sorted({m for values in figures.values() for m in values}):
        year = month // 12
        if month in level:
            added = level[month] - total
        elif month in to_date:
            added = to_date[month] - total
        elif month in ytd:
            added = ytd[month] - in_year.get(year, ZERO)
        else:
            added = inc[month]
        out[month] = added
        total += added
        in_year[year] = in_year.get(year, ZERO) + added
    return out


@dataclass(frozen=True)
class Source:
    """One table read: a CSV or text file, or one sheet of a workbook."""

    path: str
    kind: Literal["csv", "xlsx", "xls", "text"]
    encoding: str | None
    rows: int
    sheet: str | None = None
    layout: str = "long"  # long, form, wide or template

    @property
    def name(self) -> str:
        """The file's name without its folder (and the sheet, when there is one)."""
        name = file_name(self.path)
        return f"{name}[{self.sheet}]" if self.sheet is not None else name


def file_name(path: str) -> str:
    """A path's last part, whichever the separator (a Windows path read on Linux too)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Return:
    """What one county (or 市直) reported for one month, from one file or sheet."""

    county: str
    month: int  # Period.index
    source: str  # file (and sheet) it came from
    filed: date | None = None  # 填报日期, when the return gives one
    # every file (and sheet) that counts for this county and month, with its indicators
    sources: tuple[tuple[str, tuple[str, ...]], ...] = ()
    corrected: bool = False  # marked 更正/修正/修订/补报, or it replaced another return
    replaced: tuple[str, ...] = ()  # the sources it replaced


Cell = tuple[str, int]  # (county, month)


def replacing(returns: Mapping[Cell, Return]) -> Iterator[tuple[Cell, Return]]:
    """The returns that replaced another, without making the hundreds of thousands of a
    large file's cells (see :class:`Returns`)."""
    cells = returns.made if isinstance(returns, Returns) else returns
    return ((cell, r) for cell, r in cells.items() if r.replaced)


def month_spans(returns: Mapping[Cell, Return]) -> dict[str, tuple[int, int]]:
    """Each file's (or sheet's) first and last month of returns (Period.index), by its name;
    from the tables' cells at once for a large file (see :class:`Returns`)."""
    out: dict[str, tuple[int, int]] = {}
    if isinstance(returns, Returns):
        for table in returns.tables:
            if table.cells:
                months = {month for _, month in table.cells}
                out[table.name] = (min(months), max(months))
        cells = returns.made
    else:
        cells = returns
    for (_, month), r in cells.items():
        for name in (r.source, *(name for name, _ in r.sources)):
            first, last = out.get(name, (month, month))
            out[name] = (min(first, month), max(last, month))
    return out


@dataclass(frozen=True)
class Table:
    """One table's returns, as the ledger knows them: its name, 填报日期 and mark, and the
    indicators of each (county, month) it gives."""

    name: str
    filed: date | None
    marked: bool
    cells: Mapping[Cell, frozenset[str]]


class Returns(Mapping[Cell, Return]):
    """The returns by (county, month), in the order of the tables and, within one, of the
    cells. A cell that two tables give was compared (see :mod:`chuangye_cli.reading.ledger`)
    and its return is given as made; a cell of one table gets its return when it is asked
    for, since a file of millions of rows has hundreds of thousands of them."""

    def __init__(
        self,
        made: Mapping[Cell, Return] | None = None,
        tables: Sequence[Table] = (),
        ordered: Callable[[frozenset[str]], tuple[str, ...]] = lambda s: tuple(sorted(s)),
    ) -> None:
        self._made = dict(made or {})
        self._tables = tuple(tables)
        self._ordered = ordered
        self._cache: dict[Cell, Return] = {}
        self._where: dict[Cell, int] | None = None  # the table of each cell, when asked for
        self._length: int | None = None

    @property
    def tables(self) -> tuple[Table, ...]:
        return self._tables

    @property
    def made(self) -> Mapping[Cell, Return]:
        """The returns of cells that two tables give: the only ones that can have replaced
        another (a cell of one table replaced nothing)."""
        return self._made

    def __getitem__(self, cell: Cell) -> Return:
        found = self._made.get(cell) or self._cache.get(cell)
        if found is not None:
            return found
        table = self._table_of(cell)
        if table is None:
            raise KeyError(cell)
        found = self._cache[cell] = Return(
            cell[0],
            int(cell[1]),  # (a key of 24229.0 finds the month 24229)
            table.name,
            table.filed,
            ((table.name, self._ordered(table.cells[cell])),),
            table.marked,
        )
        return found

    def _table_of(self, cell: Cell) -> Table | None:
        """The table that gives ``cell`` (one of many: the first)."""
        if len(self._tables) == 1:
            return self._tables[0] if cell in self._tables[0].cells else None
        if self._where is None:
            self._where = {}
            for n, table in enumerate(self._tables):
                for key in table.cells:
                    self._where.setdefault(key, n)
        found = self._where.get(cell)
        return None if found is None else self._tables[found]

    def __contains__(self, cell: object) -> bool:
        return cell in self._made or (isinstance(cell, tuple) and self._table_of(cell) is not None)

    def __iter__(self) -> Iterator[Cell]:
        if not self._tables:
            yield from self._made
            return
        seen: set[Cell] = set()
        for table in self._tables:
            for cell in sorted(table.cells):
                if cell not in seen:
                    seen.add(cell)
                    yield cell

    def __len__(self) -> int:
        if self._length is None:
            self._length = len(self.unordered())
        return self._length

    def unordered(self) -> set[Cell]:
        """Every (county, month) with a return, in no order (iterating in order sorts each
        table's hundreds of thousands of cells)."""
        cells: set[Cell] = set(self._made)
        for table in self._tables:
            cells.update(table.cells)
        return cells


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


@dataclass
class Actuals:
    series: dict[tuple[str, str], Series] = field(default_factory=dict)  # (county, indicator)
    sources: list[Source] = field(default_factory=list)
    returns: Mapping[Cell, Return] = field(default_factory=dict)  # (county, month)

    @property
    def latest(self) -> Period | None:
        """The latest month with any figure."""
        last = max(self.last_months().values(), default=None)
        return None if last is None else Period.from_index(last)

    def last_months(self) -> dict[tuple[str, str], int]:
        """Each series' latest month with a figure (a month index)."""
        return dict(
            self.kept(
                "last_months",
                lambda: {k: m for k, s in self.series.items() if (m := s.last_month) is not None},
            )
        )

    def kept(self, name: str, make: Callable[[], T], *key: object) -> T:
        """What ``make`` makes of these figures and ``key`` (a plan, a month), made once:
        several views ask for the same (the latest months, who sent which month, the returns
        of a month). Kept while the series stay the same ones: the figures, and the returns,
        are not changed once read (the ledger sets both before anything is asked). A key that
        cannot be hashed (a plan) counts by its identity, and is kept with what was made, so
        that no other object takes that identity."""
        idents = tuple(k if _hashable(k) else ("id", id(k)) for k in key)
        full = (name, id(self.series), len(self.series), *idents)
        kept: dict[tuple[object, ...], tuple[object, object]] = self.__dict__.setdefault(
            "_kept", {}
        )
        if full not in kept:
            kept[full] = (key, make())
        return kept[full][1]  # type: ignore[return-value]

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.sources)

    @property
    def synthetic(self) -> bool:
        """Whether every source is sample data, named ``synthetic*`` by convention."""
        return bool(self.sources) and len(self.synthetic_sources) == len(self.sources)

    @property
    def synthetic_sources(self) -> list[str]:
        """The sources (by name) that are sample data, named ``synthetic*`` by convention."""
        return [s.name for s in self.sources if s.name.startswith("synthetic")]
