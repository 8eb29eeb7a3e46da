"""Checked figures → returns → per-county, per-indicator series.

Every table read (a file, or a sheet) keeps its own book of figures. A **return** is what one
county reports for one month from one table. Within a return, increment rows for the same
indicator add up (a ledger may list several), a row identical in every cell to another is
counted once with a warning, and a running total or level given twice must agree.

Two returns for the same county and month that share an indicator compete: a return marked as a
correction (更正, 修正, 修订, 补报 in the file name, sheet name or title) or with a later
填报日期 replaces the other, and the replacement is listed; otherwise they conflict, an error
naming both files — never a sum. Returns that share no indicator complement each other (a
unit's file of 众创空间 beside the county's own return).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import partial

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Collector
from chuangye_cli.domain import BASES, ZERO, Actuals, Basis, Return, Returns, Series, Source, Table
from chuangye_cli.packed import PackedSeries, Store
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.quantities import plain
from chuangye_cli.reading.checker import Figure
from chuangye_cli.reading.columns import BASIS_ZH
from chuangye_cli.reading.plausible import SLIPS

MAX_NOTES = 5  # notes kept per series


@dataclass
class Book:
    """The figures of one table (file or sheet), before returns are compared."""

    file: str
    sheet: str | None
    name: str  # shown in messages: the file's name, with the sheet
    marked: bool = False  # 更正/修正/修订/补报 in its file name, sheet name or title
    filed: date | None = None
    # a form's first row of each county, indicator and month: the hash of its words (the row
    # without its 序号 and figures), its line and its figure
    labels: dict[tuple[str, str, int], tuple[int, int, Decimal]] = field(default_factory=dict)
    series: dict[tuple[str, str], Series] = field(default_factory=dict)
    # the hash and line of the first increment row of each county, indicator and month, and
    # of the others
    first: dict[tuple[str, str, int], tuple[int, int]] = field(default_factory=dict)
    seen: dict[tuple[str, str, int], dict[int, int]] = field(default_factory=dict)

    def repeated(self, key: tuple[str, str, int], digest: int, line: int) -> int | None:
        """The line of an increment row with this hash recorded for this month before, or
        None (and the row is remembered)."""
        first = self.first.get(key)
        if first is not None and first[0] == digest:
            return first[1]
        seen = self.seen.get(key)
        if seen is None:
            self.seen[key] = {digest: line}
            return None
        earlier = seen.get(digest)
        if earlier is None:
            seen[digest] = line
        return earlier

    def series_of(self, county: str, indicator: str) -> Series:
        key = (county, indicator)
        series = self.series.get(key)
        if series is None:
            series = self.series[key] = Series()
        return series


class Ledger:
    def __init__(self, plan: Plan, out: Collector) -> None:
        self.out = out
        self.plan = plan
        self.books: list[Book] = []
        # a form's cell of each figure (its origin, file, row and sheet, and its basis →
        # column): where a warning of the figure points (a tidy table's rows are not kept:
        # its warnings name the row)
        self.cells: dict[tuple[str, int, str | None, str], int] = {}
        self._dropped: set[tuple[int, str, int]] = set()  # (book, county, month) replaced
        self.sources: list[Source] = []
        self.names = plan.indicator_names
        self.county_names = {c.id: c.name for c in plan.counties}
        self.reported = plan.as_reported()  # messages give figures in the returns' unit
        # stocks built up toward a target (众创空间): a level that falls is doubted; a rate or a
        # ceiling (失业率) goes up and down
        self.built = frozenset(
            i.id for i in plan.indicators if i.kind == "stock" and not i.judged_on_level
        )
        self._index: dict[int, dict[tuple[str, int], frozenset[str]]] = {}
        self._tuples: dict[frozenset[str], tuple[str, ...]] = {}

    def at(
        self, series: Series, month: int, basis: Basis, key: tuple[str, str] | None = None
    ) -> tuple[str | None, int | None, int | None, str | None]:
        """Where a warning of ``series``' figure of ``month`` on ``basis`` points: the file,
        row, column (a form's cell; None in a tidy table) and sheet. The month's row, unless
        the figure came from another table (``key``: the series' county and indicator): a
        county's 本月 beside 市科技局's 期末数 is the county's row."""
        file, line, sheet = series.origin.get(month, (None, None, None))
        if key is not None and not self._holds(file, sheet, key, month, basis):
            for number, book in enumerate(self.books):
                if (number, key[0], month) in self._dropped:  # (a return replaced)
                    continue
                other = book.series.get(key)
                if other is not None and month in other.figures.get(basis, {}):
                    file, line, sheet = other.origin.get(month, (file, line, sheet))
                    break
        if file is None or line is None:
            return file, line, None, sheet
        return file, line, self.cells.get((file, line, sheet, basis)), sheet

    def _holds(
        self, file: str | None, sheet: str | None, key: tuple[str, str], month: int, basis: Basis
    ) -> bool:
        """Whether the table ``file`` (``sheet``) gives the figure of ``key`` and ``month`` on
        ``basis`` (or is no table read: nothing to look for)."""
        for book in self.books:
            if book.file == file and book.sheet == sheet:
                own = book.series.get(key)
                return own is not None and month in own.figures.get(basis, {})
        return True

    def _totals(self, indicator: str) -> tuple[Basis, ...]:
        """The bases an indicator's figures run up on, checked for falling and against 本月:
        1-N月累计, 开累, and the 期末数 of a stock built up toward its target."""
        return ("ytd", "to_date", "level") if indicator in self.built else ("ytd", "to_date")

    def shown(self, indicator: str, value: Decimal) -> str:
        """A figure (in the target unit) as messages give it: in the unit of the returns."""
        return plain(value * self.reported[indicator][0])

    def book(self, file: str, sheet: str | None, name: str) -> Book:
        book = Book(file, sheet, name)
        self.books.append(book)
        return book

    def record(
        self,
        book: Book,
        figure: Figure,
        line: int,
        value_at: tuple[int | None, int | None],
        row: Sequence[str],
        words: Sequence[str] | None = None,
    ) -> Series | None:
        """Add a checked figure to its table's book; the series it went into, or None (and a
        diagnostic at the value) when it conflicts with one recorded before or repeats a row.
        ``words``: a form's row without its 序号 and figures; a second row of the same words
        with another figure is said to repeat the first (a row of another 乡镇 or 类别, which
        differs in its words, is a part, added silently)."""
        series = book.series_of(figure.county, figure.indicator)
        values, period = series.of(figure.basis), figure.period
        if figure.basis == "increment":
            key = (figure.county, figure.indicator, period)
            digest = hash(tuple(row))
            label = hash(tuple(words)) if words is not None else None
            if period not in values:
                book.first[key] = (digest, line)
                if label is not None:
                    book.labels[key] = (label, line, figure.value)
            else:
                earlier = book.repeated(key, digest, line)
                if earlier is not None:  # the same row again: counted once
                    self.duplicate(book, figure.county, figure.indicator, period, value_at, earlier)
                    return None
                same = book.labels.get(key)
                if same is not None and same[0] == label:  # the same row, another figure
                    self._repeated(book, figure, value_at, same, values[period])
            values[period] = values.get(period, ZERO) + figure.value
        else:
            old = values.get(period)
            if old is not None and old != figure.value:
                first = series.origin.get(period, (book.file, 0, book.sheet))
                self.out.report(
                    Code.ACTUALS_CONFLICT,
                    book.file,
                    *value_at,
                    sheet=book.sheet,
                    county=self.county_names[figure.county],
                    indicator=self.names[figure.indicator],
                    period=str(Period.from_index(period)),
                    basis=figure.basis,
                    basis_zh=BASIS_ZH[figure.basis],
                    now=self.shown(figure.indicator, figure.value),
                    old=self.shown(figure.indicator, old),
                    unit=self.reported[figure.indicator][1],
                    where=f"{first[0]}:{first[1]}",
                )
                return None
            values[period] = figure.value
        series.origin.setdefault(period, (book.file, line, book.sheet))
        if figure.note:
            series.add_note(figure.note, period, MAX_NOTES)
        return series

    def duplicate(
        self,
        book: Book,
        county: str,
        indicator: str,
        period: int,
        value_at: tuple[int | None, int | None],
        earlier: int,
    ) -> None:
        """Warn of an increment row identical to the one on line ``earlier`` (counted once);
        past the collector's limit only counted, without building its message."""
        if self.out.skip(Code.ACTUALS_DUPLICATE_ROW):
            return
        self.out.report(
            Code.ACTUALS_DUPLICATE_ROW,
            book.file,
            *value_at,
            sheet=book.sheet,
            first=earlier,
            county=self.county_names[county],
            indicator=self.names[indicator],
            period=str(Period.from_index(period)),
        )

    def _repeated(
        self,
        book: Book,
        figure: Figure,
        value_at: tuple[int | None, int | None],
        first: tuple[int, int, Decimal],
        held: Decimal,
    ) -> None:
        """Warn of a form's row that repeats an earlier one (``first``: its words' hash, line
        and figure) with another figure, added to the ``held`` so far."""
        self.out.report(
            Code.ACTUALS_REPEATED,
            book.file,
            *value_at,
            sheet=book.sheet,
            first=first[1],
            county=self.county_names[figure.county],
            indicator=self.names[figure.indicator],
            period=str(Period.from_index(figure.period)),
            before=self.shown(figure.indicator, first[2]),
            now=self.shown(figure.indicator, figure.value),
            total=self.shown(figure.indicator, held + figure.value),
            unit=self.reported[figure.indicator][1],
        )

    # -- after every table is read ------------------------------------------------------------

    def finish(self) -> Actuals:
        """Compare returns, keep the winners, build the series, check running totals."""
        actuals = Actuals(sources=self.sources)
        dropped = self._dropped = self._resolve(actuals)
        for number, book in enumerate(self.books):
            for (county, indicator), series in book.series.items():
                key = (county, indicator)
                if isinstance(series, PackedSeries):
                    kept_whole = not dropped or not any(
                        (number, county, m) in dropped for m in series.months
                    )
                    if kept_whole and key not in actuals.series:
                        actuals.series[key] = series  # as it is: nothing to add or leave out
                        continue
                earlier = actuals.series.get(key)
                if isinstance(earlier, PackedSeries):  # to be added to: an ordinary series
                    actuals.series[key] = earlier.plain()
                target: Series | None = None
                for basis, values in series.figures.items():
                    for month, value in values.items():
                        if (number, county, month) in dropped:
                            continue
                        if target is None:
                            target = actuals.series.setdefault((county, indicator), Series())
                        kept = target.of(basis)
                        if month not in kept:  # (two conflicting returns: the error is given)
                            kept[month] = value
                        where = series.origin.get(month)
                        if where is not None:
                            target.origin.setdefault(month, where)
                if target is not None:
                    for note in series.notes:
                        target.add_note(note, series.note_months.get(note), MAX_NOTES)
        self._check_series(actuals)
        self._check_parent_totals()
        return actuals

    def _check_parent_totals(self) -> None:
        """A division's figure in a table that also gives the divisions under it, equal to
        their sum (a month, an indicator, a basis; at least two of them): most likely the
        table's total row, which would be counted again as the division's own (本级)."""
        hierarchy = self.plan.hierarchy
        if hierarchy is None or not hierarchy.nested:
            return
        for book in self.books:
            for (county, indicator), series in book.series.items():
                kids = [c for c in hierarchy.children(county) if (c, indicator) in book.series]
                if len(kids) < 2:
                    continue
                children = [book.series[(c, indicator)] for c in kids]
                for basis, values in series.figures.items():
                    for month, value in values.items():
                        parts = [s.figures.get(basis, {}).get(month) for s in children]
                        given = [p for p in parts if p is not None]
                        if len(given) < 2 or value != sum(given, ZERO) or not value:
                            continue
                        file, line, sheet = series.origin.get(month, (None, None, None))
                        self.out.report(
                            Code.ACTUALS_PARENT_TOTAL,
                            file,
                            line,
                            sheet=sheet,
                            county=self.county_names[county],
                            indicator=self.names[indicator],
                            period=str(Period.from_index(month)),
                            value=self.shown(indicator, value),
                            unit=self.reported[indicator][1],
                            children="、".join(self.county_names[c] for c in kids),
                        )

    def _indicators(self, book: Book, county: str, month: int) -> frozenset[str]:
        return self._cells(book).get((county, month), frozenset())

    def _cells(self, book: Book) -> dict[tuple[str, int], frozenset[str]]:
        """The indicators of each (county, month) the book has figures for; built once (for
        the series of a file read in bulk, all at once: see :mod:`chuangye_cli.packed`)."""
        cells = self._index.get(id(book))
        if cells is not None:
            return cells
        found: dict[tuple[str, int], set[str]] = {}
        stores: dict[int, Store] = {}
        for (county, indicator), series in book.series.items():
            if isinstance(series, PackedSeries):
                stores.setdefault(id(series.store), series.store)
                continue
            for month in series.months:
                there = found.get((county, month))
                if there is None:
                    found[(county, month)] = {indicator}
                else:
                    there.add(indicator)
        cells = {cell: frozenset(names) for cell, names in found.items()}
        for store in stores.values():
            for cell, names in store.cells_by_county_month().items():
                there_ = cells.get(cell)
                cells[cell] = names if there_ is None else there_ | names
        self._index[id(book)] = cells
        return cells

    def _resolve(self, actuals: Actuals) -> set[tuple[int, str, int]]:
        """Compare the returns of each county and month that more than one table gives; record
        which counts in ``actuals.returns`` (a cell of one table gets its return when asked
        for); the (book, county, month) whose figures are dropped."""
        index = [self._cells(book) for book in self.books]
        by_cell: dict[tuple[str, int], list[int]] = {}
        if len(index) > 1:
            for number, cells in enumerate(index):
                for cell in cells:
                    by_cell.setdefault(cell, []).append(number)
        shared = {cell for cell, numbers in by_cell.items() if len(numbers) > 1}
        made: dict[tuple[str, int], Return] = {}
        dropped: set[tuple[int, str, int]] = set()
        for cells in index:  # in the order of the tables and, within one, of the cells
            for county, month in sorted(shared.intersection(cells)):
                if (county, month) not in made:
                    made[(county, month)] = self._compared(
                        county, month, by_cell[(county, month)], dropped
                    )
        tables = [
            Table(book.name, book.filed, book.marked, cells)
            for book, cells in zip(self.books, index, strict=True)
        ]
        # (a function of the shared tuples, not of the ledger: the returns outlive it)
        actuals.returns = Returns(made, tables, partial(_sorted, self._tuples))
        return dropped

    def _compared(
        self,
        county: str,
        month: int,
        numbers: list[int],
        dropped: set[tuple[int, str, int]],
    ) -> Return:
        """The return of a county and month that the tables ``numbers`` give: the one that
        counts (errors and notices as they are compared); the losers added to ``dropped``.
        Each table is compared with every table kept so far that shares an indicator with it
        (a unit's table of its own indicator, read first, stands beside the county's returns
        and their corrections, whatever the order of the files)."""
        kept = [numbers[0]]
        last_winner: int | None = None
        replaced: list[str] = []
        for other in numbers[1:]:
            for number in list(kept):
                first, second = self.books[number], self.books[other]
                shared = self._indicators(first, county, month) & self._indicators(
                    second, county, month
                )
                if not shared:
                    continue
                unit = self._units_table(first, second, county, month)
                if unit is not None:
                    # a unit's table (市科技局's 众创空间) and a county's return: two reporters,
                    # neither replaces the other's return, whatever their marks and dates;
                    # differing on what they share, an error
                    own = second if unit is first else first
                    self._unit_conflict(unit, own, county, month, shared)
                    continue
                if self._overlap_agrees(first, second, county, month, shared):
                    continue
                winner = self._compare(first, second, county, month, shared)
                if winner is None:  # a conflict: an error; both stay, the first counts
                    continue
                loser = other if winner is first else number
                dropped.add((loser, county, month))
                self._omitted(winner, self.books[loser], county, month)
                if winner is not first or not self._same(first, second, county, month):
                    replaced.append(self.books[loser].name)
                last_winner = number if winner is first else other
                if loser == other:
                    break
                kept.remove(number)
            if (other, county, month) not in dropped:
                kept.append(other)
        # the return named for the cell: the last that won a comparison, else the fullest
        chosen = (
            last_winner
            if last_winner is not None
            else max(kept, key=lambda n: len(self._indicators(self.books[n], county, month)))
        )
        book = self.books[chosen]
        sources = tuple(
            (self.books[n].name, self._sorted(self._indicators(self.books[n], county, month)))
            for n in numbers
            if (n, county, month) not in dropped
        )
        return Return(
            county,
            month,
            book.name,
            book.filed,
            sources=sources,
            corrected=bool(replaced) or book.marked,
            replaced=tuple(replaced),
        )

    def _sorted(self, indicators: frozenset[str]) -> tuple[str, ...]:
        return _sorted(self._tuples, indicators)

    def _compare(
        self, first: Book, second: Book, county: str, month: int, shared: frozenset[str]
    ) -> Book | None:
        """The return that counts, or None (and an error) when neither can be told right."""
        where = self._first_line(second, county, month)
        args = dict(
            county=self.county_names[county],
            period=str(Period.from_index(month)),
            first=first.name,
            second=second.name,
        )
        if first.marked != second.marked:
            winner, why = (first, "mark") if first.marked else (second, "mark")
        elif first.filed and second.filed and first.filed != second.filed:
            winner = first if first.filed > second.filed else second
            why = "date"
        elif self._same(first, second, county, month):
            self.out.report(
                Code.ACTUALS_SAME_RETURN, second.file, where, sheet=second.sheet, fields=args
            )
            return first
        else:
            self._conflict(first, second, county, month, args)
            return None
        loser = second if winner is first else first
        self.out.report(
            Code.ACTUALS_REPLACED,
            winner.file,
            self._first_line(winner, county, month),
            sheet=winner.sheet,
            variant=why,
            county=self.county_names[county],
            period=str(Period.from_index(month)),
            winner=winner.name,
            loser=loser.name,
            winner_date=str(winner.filed or ""),
            loser_date=str(loser.filed or ""),
        )
        return winner

    def _conflict(
        self, first: Book, second: Book, county: str, month: int, args: dict[str, str]
    ) -> None:
        """The error of two returns neither of which can be told right, at the first figure
        of ``second`` that differs, naming the figures that differ (up to three)."""
        one, two = self._figures(first, county, month), self._figures(second, county, month)
        order = {i.id: n for n, i in enumerate(self.plan.indicators)}
        keys = sorted(
            (k for k in one.keys() | two.keys() if one.get(k) != two.get(k)),
            key=lambda k: (order[k[0]], BASES.index(k[1])),
        )
        both = [k for k in keys if k in one and k in two]  # a figure the other does not give
        keys = both or keys  # is not one that differs, unless no other does
        zh, en = [], []
        for indicator, basis in keys[:3]:
            a, b = one.get((indicator, basis)), two.get((indicator, basis))
            unit = self.reported[indicator][1]
            shown = [self.shown(indicator, v) if v is not None else None for v in (a, b)]
            zh.append(
                f"{self.names[indicator]}（{_basis_zh(basis, month)}）"
                + "、".join(f"{v} {unit}" if v is not None else "未填" for v in shown)
            )
            en.append(
                f"{indicator} ({basis}) "
                + " and ".join(f"{v} {unit}" if v is not None else "none" for v in shown)
            )
        if len(keys) > 3:
            zh.append(f"等{len(keys)}项")
            en.append(f"{len(keys) - 3} more")
        series = second.series.get((county, keys[0][0])) if keys else None
        where = (
            series.origin[month][1]
            if series is not None and month in series.origin
            else self._first_line(second, county, month)
        )
        self.out.report(
            Code.ACTUALS_RETURN_CONFLICT,
            second.file,
            where,
            sheet=second.sheet,
            differences="；".join(zh),
            differences_en="; ".join(en),
            fields=args,
        )

    def _omitted(self, winner: Book, loser: Book, county: str, month: int) -> None:
        """A warning when the return that counts lacks indicators the one it replaces had: the
        figures of those are no longer counted (a correction of one line drops the rest)."""
        lost = self._indicators(loser, county, month) - self._indicators(winner, county, month)
        if not lost:
            return
        self.out.report(
            Code.ACTUALS_CORRECTION_PARTIAL,
            winner.file,
            self._first_line(winner, county, month),
            sheet=winner.sheet,
            county=self.county_names[county],
            period=str(Period.from_index(month)),
            winner=winner.name,
            loser=loser.name,
            indicators="、".join(self.names[i] for i in self._sorted(lost)),
            count=len(lost),
        )

    def _first_line(self, book: Book, county: str, month: int) -> int | None:
        lines = [
            s.origin[month][1]
            for (c, _), s in book.series.items()
            if c == county and month in s.origin
        ]
        return min(lines) if lines else None

    def _same(self, first: Book, second: Book, county: str, month: int) -> bool:
        """Whether two tables give the same figures for a county and month."""
        return self._figures(first, county, month) == self._figures(second, county, month)

    @staticmethod
    def _figures(
        book: Book, county: str, month: int, only: frozenset[str] | None = None
    ) -> dict[tuple[str, Basis], Decimal]:
        """A table's figures for a county and month (of the indicators ``only``)."""
        return {
            (indicator, basis): values[month]
            for (c, indicator), s in book.series.items()
            if c == county and (only is None or indicator in only)
            for basis, values in s.figures.items()
            if month in values
        }

    def _units_table(self, first: Book, second: Book, county: str, month: int) -> Book | None:
        """Whether one of two tables is a unit's (only what reporting.by_unit gives units,
        and the unit's name in its file or sheet name, or figures of several counties:
        市科技局's 众创空间) and the other is not: two reporters' tables. A county's own
        correction of 众创空间 is the county's return."""
        reporting = self.plan.reporting
        if reporting is None or not reporting.by_unit:
            return None
        units, names = set(reporting.by_unit), set(reporting.by_unit.values())

        def units_own(book: Book) -> bool:
            if not self._indicators(book, county, month) <= units:
                return False
            counties = {c for c, _ in book.series}
            return len(counties) > 1 or any(name in book.name for name in names)

        one, two = units_own(first), units_own(second)
        return None if one == two else first if one else second

    def _unit_conflict(
        self, unit: Book, own: Book, county: str, month: int, shared: frozenset[str]
    ) -> None:
        """An error at the county's return when a unit's figures and the county's differ."""
        differ = self._differing(unit, own, county, month, shared)
        if not differ:
            return
        self.out.report(
            Code.ACTUALS_RETURN_CONFLICT,
            own.file,
            self._first_line(own, county, month),
            sheet=own.sheet,
            variant="unit",
            county=self.county_names[county],
            period=str(Period.from_index(month)),
            first=unit.name,
            second=own.name,
            indicators="、".join(self.names[i] for i in self._sorted(differ)),
        )

    def _overlap_agrees(
        self, first: Book, second: Book, county: str, month: int, shared: frozenset[str]
    ) -> bool:
        """Two tables of different indicators (a unit's 众创空间 and a county's return that
        gives it too; a county's 本月 figures and a table of its 1-N月累计), neither marked nor
        dated later, that give the same figure wherever both give one (an indicator on one
        basis): both count, nothing is replaced (the running totals are checked against the
        months as in one table)."""
        if (
            self._indicators(first, county, month) == self._indicators(second, county, month)
            or first.marked != second.marked
            or (first.filed and second.filed and first.filed != second.filed)
        ):
            return False
        return not self._differing(first, second, county, month, shared)

    def _differing(
        self, first: Book, second: Book, county: str, month: int, shared: frozenset[str]
    ) -> frozenset[str]:
        """The indicators of ``shared`` on which two tables give different figures where both
        give one (the same basis)."""
        one = self._figures(first, county, month, shared)
        two = self._figures(second, county, month, shared)
        return frozenset(i for (i, b), v in one.items() if (i, b) in two and two[(i, b)] != v)

    def _check_series(self, actuals: Actuals) -> None:
        """Running totals that fall, the level of a stock built up toward its target (期末数 of
        众创空间) that falls, and 本月 figures that disagree with the 1-N月累计 beside them:
        warnings at the row."""
        for (county, indicator), series in actuals.series.items():
            if not series.needs_checking():
                continue
            label = dict(county=self.county_names[county], indicator=self.names[indicator])
            shown = partial(self.shown, indicator)
            for basis in self._totals(indicator):
                values = series.figures.get(basis, {})
                previous: tuple[int, Decimal] | None = None
                for period in sorted(values):
                    value = values[period]
                    same_run = previous is not None and (
                        basis != "ytd" or previous[0] // 12 == period // 12
                    )
                    if same_run and previous is not None and value < previous[1]:
                        file, line, column, sheet = self.at(series, period, basis)
                        self.out.report(
                            Code.ACTUALS_FALLING,
                            file,
                            line,
                            column,
                            sheet=sheet,
                            variant="level" if basis == "level" else "",
                            basis=basis,
                            basis_zh=_basis_zh(basis, period),
                            before=shown(previous[1]),
                            before_period=str(Period.from_index(previous[0])),
                            now=shown(value),
                            unit=self.reported[indicator][1],
                            period=str(Period.from_index(period)),
                            fields=label,
                        )
                    previous = (period, value)
            self._check_month_against_total(series, label, county, indicator)

    def _falls_below_months(
        self, series: Series, label: dict[str, str], month: int, total: Decimal, indicator: str
    ) -> None:
        """A 1-N月累计 below what the year's earlier months, given as 本月, already add up to
        (the month would add a negative figure), a month missing among them or not (figures
        are never negative: what is held is a floor)."""
        floor = _ytd_at_least(series, month)
        if floor is None or total >= floor[0]:
            return
        ytd = series.figures.get("ytd", {})
        earlier = [t for t in ytd if month - month % 12 <= t < month]
        if earlier and total < ytd[max(earlier)]:
            return  # below the year's 1-N月累计 before it: warned of as that already
        before, latest = floor
        file, line, column, sheet = self.at(series, month, "ytd")
        self.out.report(
            Code.ACTUALS_FALLING,
            file,
            line,
            column,
            sheet=sheet,
            basis="ytd",
            basis_zh=_basis_zh("ytd", month),
            before=self.shown(indicator, before),
            before_period=str(Period.from_index(latest)),
            now=self.shown(indicator, total),
            unit=self.reported[indicator][1],
            period=str(Period.from_index(month)),
            fields=label,
        )

    def _check_month_against_total(
        self, series: Series, label: dict[str, str], county: str, indicator: str
    ) -> None:
        """Where a month gives both 本月 and 1-N月累计 (or 开累, or the 期末数 of a stock built up
        toward its target), the month's figure must be the total less the previous month's
        (known only when the previous month was reported)."""
        inc = series.figures.get("increment", {})
        shown = partial(self.shown, indicator)
        unit = self.reported[indicator][1]
        for basis in self._totals(indicator):
            totals = series.figures.get(basis, {})
            for month, total in totals.items():
                if month not in inc:
                    if basis == "ytd" and inc and month - 1 not in totals:
                        self._falls_below_months(series, label, month, total, indicator)
                    continue
                if inc[month] > total:  # a month cannot add more than the total holds
                    file, line, column, sheet = self.at(
                        series, month, "increment", (county, indicator)
                    )
                    slip = slip_of(inc[month], total)
                    self.out.report(
                        Code.ACTUALS_MONTH_TOTAL,
                        file,
                        line,
                        column,
                        sheet=sheet,
                        variant="exceeds" if slip is None else "magnitude",
                        basis=basis,
                        basis_zh=_basis_zh(basis, month),
                        period=str(Period.from_index(month)),
                        month_value=shown(inc[month]),
                        total=shown(total),
                        unit=unit,
                        fields=label
                        if slip is None
                        else {
                            **label,
                            "mark": slip[1],
                            "times": f"{slip[0]:,}",
                            "meant": shown(inc[month] / slip[0]),
                        },
                    )
                    if basis == "ytd" and month - 1 not in totals:  # and below the months before?
                        self._falls_below_months(series, label, month, total, indicator)
                    continue
                before = _ytd_before(series, month) if basis == "ytd" else totals.get(month - 1)
                if before is None:
                    continue
                if total - before != inc[month]:
                    if basis == "ytd" and total < before:  # the running total falls, too
                        self._falls_below_months(series, label, month, total, indicator)
                    file, line, column, sheet = self.at(
                        series, month, "increment", (county, indicator)
                    )
                    self.out.report(
                        Code.ACTUALS_MONTH_TOTAL,
                        file,
                        line,
                        column,
                        sheet=sheet,
                        variant="level" if basis == "level" else "",
                        basis=basis,
                        basis_zh=_basis_zh(basis, month),
                        period=str(Period.from_index(month)),
                        month_value=shown(inc[month]),
                        total=shown(total),
                        before=shown(before),
                        implied=shown(total - before),
                        unit=unit,
                        fields=label,
                    )


def _basis_zh(basis: str, month: int) -> str:
    """A basis as the form says it: 1-6月累计 for a year's running total in June."""
    return f"1-{month % 12 + 1}月累计" if basis == "ytd" else BASIS_ZH[basis]


def _sorted(
    tuples: dict[frozenset[str], tuple[str, ...]], indicators: frozenset[str]
) -> tuple[str, ...]:
    """The indicators in order, one shared tuple for each set (most cells repeat one)."""
    found = tuples.get(indicators)
    if found is None:
        found = tuples[indicators] = tuple(sorted(indicators))
    return found


def _ytd_before(series: Series, month: int) -> Decimal | None:
    """The year's total up to the month before ``month``: 0 in January; else the latest 1-N月累计
    of the year before ``month`` plus the 本月 figures of every month after it; None when a
    month in between is missing."""
    ytd = series.figures.get("ytd", {})
    inc = series.figures.get("increment", {})
    january = month - month % 12
    added = ZERO
    for earlier in range(month - 1, january - 1, -1):
        if earlier in ytd:
            return ytd[earlier] + added
        if earlier not in inc:
            return None
        added += inc[earlier]
    return added


def _ytd_at_least(series: Series, month: int) -> tuple[Decimal, int] | None:
    """What the year's figures before ``month`` add up to at least (the latest 1-N月累计 of
    the year before it, plus the 本月 figures after that; a month without one adds nothing),
    and the latest month among them; None when there is none."""
    ytd = series.figures.get("ytd", {})
    inc = series.figures.get("increment", {})
    january = month - month % 12
    added, latest = ZERO, None
    for earlier in range(month - 1, january - 1, -1):
        if earlier in ytd:
            return ytd[earlier] + added, latest if latest is not None else earlier
        if earlier in inc:
            added += inc[earlier]
            latest = earlier if latest is None else latest
    return (added, latest) if latest is not None else None


def slip_of(month: Decimal, total: Decimal) -> tuple[int, str] | None:
    """A month's figure over ten times its running total that, divided by 10^4 (else 10^8),
    is between a hundredth of the total and the total: most likely written in 元 (or 万元)
    where 万元 (or 亿元) was meant, rather than a total typed in the month's column (which is
    about the total, never ten times it)."""
    if total <= 0 or month <= 10 * total:
        return None
    for power, mark in reversed(SLIPS):  # 万 before 亿
        if total / 100 <= month / power <= total:
            return power, mark
    return None
