"""Series kept as arrays: the figures of a large file read in bulk (see
:mod:`chuangye_cli.reading.columnar`), one exact scaled integer per (county, indicator, basis,
month), with the record it came from.

A :class:`PackedSeries` is a :class:`~chuangye_cli.domain.Series` for the engine: the same
``to_date``, ``additions``, ``months``, ``bases``, ``figures`` and ``origin``, equal value for
value to what the row-by-row reader builds. What the engine asks of every series at once is
computed for all series of a file in one vectorised step and kept (``to_date`` at a month, the
(county, month) cells of the returns, the series that may fall or look implausible); Decimals
are made only for what is asked, and ``figures`` and ``origin`` only for a series that is
looked at closely. numpy is imported only here, when such a file was read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from chuangye_cli.domain import BASES, ZERO, Basis, Origin, Series, additions_of

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Ints = NDArray[np.int64]
else:
    Ints = Any

MIXED = -1  # a series with figures on more than one basis: the general code handles it


@dataclass(eq=False)
class Store:
    """The bulk figures of one table: cells sorted by series, basis and month.

    ``value`` is exact: a figure is ``value × 10^-scale`` of its series, in the indicator's
    target unit. ``rec`` is the record number; its line is ``rec + offset``."""

    file: str
    sheet: str | None
    keys: list[tuple[str, str]]  # (county, indicator) of each series
    starts: Ints  # first cell of each series, and the end (len(keys) + 1 entries)
    month: Ints
    value: Ints
    rec: Ints
    basis: Ints  # index in BASES of each cell
    scale: list[int]  # of each series
    offset: int = 1
    seg_basis: list[int] = field(default_factory=list)  # the basis of each series, or MIXED
    _to_date: dict[int, Ints] = field(default_factory=dict, repr=False)  # see _totals
    _made: dict[int, list[Decimal | None]] = field(default_factory=dict, repr=False)
    _checked: list[bool] | None = field(default=None, repr=False)
    _hits: list[bool] | None = field(default=None, repr=False)
    _cell_hits: Any = field(default=None, repr=False)
    _most: list[int] | None = field(default=None, repr=False)
    _added: Ints | None = field(default=None, repr=False)
    _places: Ints | None = field(default=None, repr=False)
    _last: list[int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        import numpy as np

        starts = self.starts
        n = len(self.keys)
        first = self.basis[starts[:-1]]
        last = self.basis[starts[1:] - 1]
        # cells are sorted by basis within a series: one basis iff first == last
        single = first == last
        # a series whose sum could pass int64 is left to the general code
        lengths = np.diff(starts)
        big: list[bool] = []
        if n:
            most = np.maximum.reduceat(np.abs(self.value), starts[:-1]).astype(float)
            big = (most * lengths >= 2.0**62).tolist()
        self.seg_basis = [
            int(b) if ok and not too_big else MIXED
            for b, ok, too_big in zip(first.tolist(), single.tolist(), big, strict=True)
        ]

    # -- one series --------------------------------------------------------------------------

    def decimal(self, k: int, scaled: int) -> Decimal:
        """``scaled × 10^-scale`` without trailing zeros after the point (15, 12.5)."""
        if not scaled:
            return ZERO
        scale = self.scale[k]
        whole, rest = divmod(scaled, 10**scale)
        if not rest:
            return Decimal(whole)
        while scaled % 10 == 0:
            scaled //= 10
            scale -= 1
        return Decimal(scaled).scaleb(-scale)

    def cells(self, k: int) -> range:
        return range(int(self.starts[k]), int(self.starts[k + 1]))

    def last_month(self, k: int) -> int:
        """The latest month of series ``k`` (every series' found at once: the latest month of
        all the figures asks each of them)."""
        if self._last is None:
            import numpy as np

            self._last = (
                np.maximum.reduceat(self.month, self.starts[:-1]).tolist() if self.keys else []
            )
        return self._last[k]

    def figures(self, k: int) -> dict[Basis, dict[int, Decimal]]:
        """As the row-by-row reader fills them: bases, and months within a basis, in the order
        of their first row."""
        import numpy as np

        lo, hi = self.cells(k).start, self.cells(k).stop
        order = np.argsort(self.rec[lo:hi], kind="stable")
        out: dict[Basis, dict[int, Decimal]] = {}
        for b, month, value in zip(
            self.basis[lo:hi][order].tolist(),
            self.month[lo:hi][order].tolist(),
            self.value[lo:hi][order].tolist(),
            strict=True,
        ):
            values = out.get(BASES[b])
            if values is None:
                values = out[BASES[b]] = {}
            values[month] = self.decimal(k, value)
        return out

    def origin(self, k: int) -> dict[int, Origin]:
        """Month → (file, line, sheet) of its first row, in the order of the rows."""
        import numpy as np

        lo, hi = self.cells(k).start, self.cells(k).stop
        rec = self.rec[lo:hi]
        order = np.argsort(rec, kind="stable")
        out: dict[int, Origin] = {}
        file, sheet, offset = self.file, self.sheet, self.offset
        for month, line in zip(
            self.month[lo:hi][order].tolist(), (rec[order] + offset).tolist(), strict=True
        ):
            if month not in out:
                out[month] = (file, line, sheet)
        return out

    # -- every series at once ----------------------------------------------------------------

    def _cell_basis(self) -> Ints:
        import numpy as np

        return np.repeat(np.array(self.seg_basis, dtype=np.int64), np.diff(self.starts))

    def _next_in_series(self) -> Ints:
        """For each cell, whether the next cell belongs to the same series."""
        import numpy as np

        same = np.ones(len(self.month), dtype=bool)
        same[self.starts[1:] - 1] = False
        return same

    def to_date(self, k: int, as_of: int) -> Decimal:
        made = self._made.get(as_of)
        if made is None:
            made = self._made[as_of] = self._decimals(as_of)
        found = made[k]
        if found is None:  # on several bases: the general code, when asked
            found = made[k] = PackedSeries(self, k).generic_to_date(as_of)
        return found

    def _decimals(self, as_of: int) -> list[Decimal | None]:
        """Every single-basis series' total at ``as_of`` as :meth:`decimal` writes it, at
        once (a progress asks them all); None for a series on several bases."""
        import numpy as np

        scaled = self._totals(as_of)
        totals: list[int] = scaled.tolist()
        if not totals:
            return []
        if max(self.scale) > 18:  # 10^scale past int64: one at a time
            pairs = enumerate(zip(self.seg_basis, totals, strict=True))
            return [None if b == MIXED else self.decimal(k, t) for k, (b, t) in pairs]
        whole, rest = np.divmod(scaled, 10 ** np.asarray(self.scale, dtype=np.int64))
        decimal = self.decimal
        return [
            None if basis == MIXED else (Decimal(w) if w else ZERO) if not r else decimal(k, total)
            for k, (basis, w, r, total) in enumerate(
                zip(self.seg_basis, whole.tolist(), rest.tolist(), totals, strict=True)
            )
        ]

    def sum_to_date(self, ks: list[int], as_of: int) -> Decimal | None:
        """``sum((to_date(k, as_of) for k in ks), ZERO)``, the same Decimal (its exponent
        too), from the scaled ints at once: a Decimal sum has the most decimals of its terms
        (see :func:`_places`); None unless every series is on one basis and all share one
        scale."""
        found = self.sums_to_date(ks, [as_of])
        return found[0] if found is not None else None

    def sums_to_date(self, ks: list[int], months: Sequence[int]) -> list[Decimal] | None:
        """:meth:`sum_to_date` for each of ``months``, the series checked once and the
        decimals of all their totals found at once."""
        import numpy as np

        if not self._summable(ks):
            return None
        if not ks:
            return [ZERO for _ in months]
        picked = np.array(ks, dtype=np.int64)
        terms = np.stack([self._totals(as_of)[picked] for as_of in months])  # month by series
        scale = self.scale[ks[0]]
        most = _places(terms.ravel(), scale).reshape(terms.shape).max(axis=1).tolist()
        return [
            _with_places(sum(row), scale, int(p))
            for row, p in zip(terms.tolist(), most, strict=True)
        ]

    def sum_additions(self, ks: list[int]) -> dict[int, Decimal] | None:
        """What the series ``ks`` added each month, summed as :func:`~chuangye_cli.trend`
        sums their :meth:`~PackedSeries.additions` one by one from ZERO: the same Decimals
        (see :meth:`_addition_places`). None unless every series is on one basis and all share
        one scale."""
        import numpy as np

        if not self._summable(ks):
            return None
        if not ks:
            return {}
        added, places = self._additions_and_places()
        cells = np.concatenate([np.arange(self.starts[k], self.starts[k + 1]) for k in ks])
        months, at = np.unique(self.month[cells], return_inverse=True)
        order = np.argsort(at, kind="stable")
        bounds = np.searchsorted(at[order], np.arange(len(months) + 1)).tolist()
        terms = added[cells][order].astype(object)
        most = np.maximum.reduceat(places[cells][order], bounds[:-1]).tolist()
        scale = self.scale[ks[0]]
        return {
            int(m): _with_places(int(terms[bounds[n] : bounds[n + 1]].sum()), scale, p)
            for n, (m, p) in enumerate(zip(months.tolist(), most, strict=True))
        }

    def additions_of_series(self, k: int) -> dict[int, Decimal] | None:
        """:func:`~chuangye_cli.domain.additions_of` of series ``k``'s figures, the same
        Decimals, from the scaled ints (see :meth:`_addition_places`); None for a series on
        several bases."""
        if self.seg_basis[k] == MIXED:
            return None
        added, places = self._additions_and_places()
        lo, hi = int(self.starts[k]), int(self.starts[k + 1])
        scale = self.scale[k]
        return {
            m: _with_places(a, scale, p)
            for m, a, p in zip(
                self.month[lo:hi].tolist(),
                added[lo:hi].tolist(),
                places[lo:hi].tolist(),
                strict=True,
            )
        }

    def _additions(self) -> Ints:
        """:meth:`additions_scaled`, made once."""
        if self._added is None:
            self._added = self.additions_scaled()
        return self._added

    def _additions_and_places(self) -> tuple[Ints, Ints]:
        if self._places is None:
            self._places = self._addition_places()
        return self._additions(), self._places

    def _addition_places(self) -> Ints:
        """For each cell of a single-basis series, the decimals of the Decimal that
        :func:`~chuangye_cli.domain.additions_of` makes of its month (minus its exponent).
        A figure made by :meth:`decimal` has none if whole, else those left once its
        trailing zeros are gone; a difference or sum of Decimals has the most of its terms,
        and ZERO none. So a 本月 figure's addition has the figure's own; a 1-N月累计 minus the
        year's additions before it, the most of the year's figures so far; a running total
        or a level minus the total before it, the most of the series' figures so far."""
        import numpy as np

        value = self.value
        lengths = np.diff(self.starts)
        places = _places(value, np.repeat(np.array(self.scale, dtype=np.int64), lengths))
        basis = self._cell_basis()
        series = np.repeat(np.arange(len(lengths)), lengths)
        year = self.month // 12
        # groups: a series (running totals, levels) or a series' year (1-N月累计)
        new = np.ones(len(value), dtype=bool)
        new[1:] = (series[1:] != series[:-1]) | ((basis[1:] == 1) & (year[1:] != year[:-1]))
        group = np.cumsum(new)
        running = np.maximum.accumulate(places + group * 100) - group * 100  # places ≤ 18
        return np.where(basis == 0, places, running)

    def _summable(self, ks: list[int]) -> bool:
        """Whether the series ``ks`` are each on one basis and share one scale."""
        scale = self.scale[ks[0]] if ks else 0
        return all(self.seg_basis[k] != MIXED and self.scale[k] == scale for k in ks)

    def _totals(self, as_of: int) -> Ints:
        """The plan-to-date total of every single-basis series at ``as_of``, as scaled ints
        (kept per month): increments add up; a year's running total counts its last figure of
        each year; a running total since the start, or a level, its last figure."""
        import numpy as np

        found = self._to_date.get(as_of)
        if found is not None:
            return found
        month, value = self.month, self.value
        if len(month) == 0:
            found = self._to_date[as_of] = np.zeros(0, dtype=np.int64)
            return found
        basis = self._cell_basis()
        within = month <= as_of
        nxt = np.zeros(len(month), dtype=bool)  # the next cell is in the series and counted
        nxt[:-1] = self._next_in_series()[:-1] & within[1:]
        same_year = np.zeros(len(month), dtype=bool)
        same_year[:-1] = month[1:] // 12 == month[:-1] // 12
        counted = within & (
            (basis == 0)
            | ((basis == 1) & ~(nxt & same_year))
            | (((basis == 2) | (basis == 3)) & ~nxt)
        )
        found = self._to_date[as_of] = np.add.reduceat(
            np.where(counted, value, 0), self.starts[:-1]
        ).astype(np.int64)
        return found

    def additions_scaled(self) -> Ints:
        """What each cell's month added, as scaled ints (single-basis series only; the cells of
        mixed ones hold 0)."""
        import numpy as np

        month, value = self.month, self.value
        basis = self._cell_basis()
        prev = np.zeros(len(value), dtype=np.int64)
        follows = np.zeros(len(value), dtype=bool)  # the cell before is in the same series
        follows[1:] = self._next_in_series()[:-1]
        prev[1:] = value[:-1]
        same_year = np.zeros(len(value), dtype=bool)
        same_year[1:] = month[1:] // 12 == month[:-1] // 12
        before = np.where(
            ((basis == 1) & follows & same_year) | (((basis == 2) | (basis == 3)) & follows),
            prev,
            0,
        )
        return np.where(basis == MIXED, 0, value - before)

    def checked(self, k: int) -> bool:
        """Whether series ``k`` needs the ledger's checks: a running total or a level that
        falls, or figures on two bases (a month against its total)."""
        if self._checked is None:
            import numpy as np

            basis = self._cell_basis()
            follows = np.zeros(len(self.value), dtype=bool)
            follows[1:] = self._next_in_series()[:-1]
            falls = np.zeros(len(self.value), dtype=bool)
            falls[1:] = self.value[1:] < self.value[:-1]
            same_year = np.zeros(len(self.value), dtype=bool)
            same_year[1:] = self.month[1:] // 12 == self.month[:-1] // 12
            bad = follows & falls & (((basis == 1) & same_year) | (basis >= 2))
            any_bad = np.logical_or.reduceat(bad, self.starts[:-1]) if len(bad) else bad
            self._checked = [
                b == MIXED or flag for b, flag in zip(self.seg_basis, any_bad.tolist(), strict=True)
            ]
        return self._checked[k]

    def implausible(self, k: int, target: Decimal | None, times: int, months: int) -> bool:
        """Whether a month of series ``k`` might add more than ``target``, or more than
        ``times`` the median of the positive months before it (see :meth:`candidates`)."""
        if self.seg_basis[k] == MIXED:
            return True
        if self._hits is None:
            self._hits, self._most = self._candidates(times, months)
        if self._hits[k]:
            return True
        assert self._most is not None
        return target is not None and target != 0 and self.decimal(k, self._most[k]) > target

    def _candidates(self, times: int, months: int) -> tuple[list[bool], list[int]]:
        """Cells that may add more than ``times`` the median of the positive months before
        them (with at least ``months`` of those), and per series whether it has one, and its
        largest addition. A median below ``a / times`` needs at least half of the months
        before below it: exact for an odd number of them, never a false no for an even one.
        The cells found are then tested exactly (:meth:`_over_median`)."""
        import numpy as np

        added = self._additions()
        starts = self.starts
        n = len(self.keys)
        if n == 0:
            self._cell_hits = np.zeros(0, dtype=bool)
            return [], []
        lengths = np.diff(starts)
        width = int(lengths.max())
        pos = np.arange(len(added)) - np.repeat(starts[:-1], lengths)
        row = np.repeat(np.arange(n), lengths)
        grid = np.zeros((n, width), dtype=np.int64)  # 0 beyond a series' end: not positive
        grid[row, pos] = added
        hits = self._half_below(grid, times, months)
        self._cell_hits = self._over_median(grid, hits, times, months)[row, pos]
        any_hit: list[bool] = np.asarray(hits.any(axis=1)).tolist()
        most = np.maximum.reduceat(added, starts[:-1])
        return any_hit, [int(m) for m in most.tolist()]

    @staticmethod
    def _half_below(grid: Any, times: int, months: int) -> Any:
        """The cells of ``grid`` (series × position) that are positive, with at least
        ``months`` positive months before them, half or more of which are below a ``times``-th
        of them. The ceil(count / 2)-th smallest of the months before is never below the
        series' own ceil(count / 2)-th smallest positive month (the months before are some of
        them): a cell above ``times`` that one is counted exactly, and no other can be one."""
        import numpy as np

        top = np.iinfo(np.int64).max
        positive = grid > 0
        count = np.cumsum(positive, axis=1) - positive  # positive months before each cell
        ordered = np.sort(np.where(positive, grid, top), axis=1)
        bound = np.take_along_axis(ordered, np.maximum((count + 1) // 2 - 1, 0), axis=1)
        del ordered
        maybe = positive & (count >= months) & (bound < top // times) & (bound * times < grid)
        rows, positions = np.nonzero(maybe)
        hits = np.zeros(grid.shape, dtype=bool)
        columns = np.arange(grid.shape[1])
        step = max(1, 1_000_000 // grid.shape[1])  # a few arrays of a million at a time
        for a in range(0, len(rows), step):
            r, j = rows[a : a + step], positions[a : a + step]
            g = grid[r]
            earlier = (columns[None, :] < j[:, None]) & (g > 0)
            below = np.count_nonzero(earlier & (g * times < grid[r, j][:, None]), axis=1)
            hits[r, j] = 2 * below >= count[r, j]
        return hits

    @staticmethod
    def _over_median(grid: Any, hits: Any, times: int, months: int) -> Any:
        """Of the ``hits`` of ``grid`` (series × position), those that add more than ``times``
        the median of the positive months before them, exactly: the months before are sorted
        and the median taken twice over, so that it stays an int (|added| < 10^17: twice the
        median × ``times`` stays within int64)."""
        import numpy as np

        over = np.zeros(hits.shape, dtype=bool)
        rows, positions = np.nonzero(hits)
        width = grid.shape[1]
        columns = np.arange(width)
        top = np.iinfo(np.int64).max
        step = max(1, 1_000_000 // width)  # a few arrays of a million ints at a time
        for a in range(0, len(rows), step):
            r, j = rows[a : a + step], positions[a : a + step]
            g = grid[r]
            before = (columns[None, :] < j[:, None]) & (g > 0)
            ordered = np.sort(np.where(before, g, top), axis=1)
            count = before.sum(axis=1)
            half = count // 2
            at = np.arange(len(r))
            upper = np.where(count > 0, ordered[at, np.minimum(half, width - 1)], 0)
            lower = np.where(count > 1, ordered[at, np.maximum(half - 1, 0)], 0)
            twice = np.where(count % 2 == 1, 2 * upper, lower + upper)
            added = g[at, j]
            over[r, j] = (count >= months) & (2 * added > times * twice)
        return over

    def count_implausible(
        self, ks: list[int], limits: list[int | None], start: int, times: int, months: int
    ) -> int:
        """How many months of the single-basis series ``ks`` plausibility warns of, at once:
        a month that adds more than the median test allows (:meth:`candidates`) or more than
        the series' limit (the floor of its target, scaled; None: none), that adds something,
        and is not a running total's first figure (a 开累 after the plan's ``start``, a
        1-N月累计 after January with no figure of its year before it)."""
        import numpy as np

        if not ks:
            return 0
        if self._hits is None:
            self._hits, self._most = self._candidates(times, months)
        added = self._additions()
        lengths = np.diff(self.starts)
        top = np.iinfo(np.int64).max
        chosen = np.zeros(len(self.keys), dtype=bool)
        chosen[ks] = True
        ceiling = np.full(len(self.keys), top, dtype=np.int64)
        for k, limit in zip(ks, limits, strict=True):
            if limit is not None:
                ceiling[k] = min(max(limit, -top), top)
        series = np.repeat(np.arange(len(self.keys)), lengths)
        first = np.zeros(len(added), dtype=bool)
        first[self.starts[:-1]] = True
        month, basis = self.month, self._cell_basis()
        new_year = np.ones(len(added), dtype=bool)  # no month before it of its year
        new_year[1:] = month[1:] // 12 != month[:-1] // 12
        from_nothing = ((basis == 2) & first & (month > start)) | (
            (basis == 1) & (month % 12 != 0) & (first | new_year)
        )
        flagged = self._cell_hits | (added > ceiling[series])
        return int(np.count_nonzero(flagged & (added > 0) & chosen[series] & ~from_nothing))

    def candidates(self, k: int) -> list[int]:
        """Positions (in month order) of series ``k`` that add more than the median test
        allows (exact: see :meth:`_over_median`)."""
        import numpy as np

        assert self._cell_hits is not None
        lo, hi = int(self.starts[k]), int(self.starts[k + 1])
        return [int(p) for p in np.flatnonzero(self._cell_hits[lo:hi]).tolist()]

    def cells_by_county_month(self) -> dict[tuple[str, int], frozenset[str]]:
        """The indicators of each (county, month) with a figure."""
        import numpy as np

        counties = sorted({c for c, _ in self.keys})
        indicators = sorted({i for _, i in self.keys})
        out: dict[tuple[str, int], frozenset[str]] = {}
        if not self.keys:
            return out
        c_of = {c: n for n, c in enumerate(counties)}
        i_of = {i: n for n, i in enumerate(indicators)}
        lengths = np.diff(self.starts)
        seg_c = np.repeat(np.array([c_of[c] for c, _ in self.keys], dtype=np.int64), lengths)
        seg_i = np.repeat(np.array([i_of[i] for _, i in self.keys], dtype=np.int64), lengths)
        if len(indicators) > 62:  # no bit mask: one set at a time
            found: dict[tuple[str, int], set[str]] = {}
            for c, m, i in zip(seg_c.tolist(), self.month.tolist(), seg_i.tolist(), strict=True):
                found.setdefault((counties[c], m), set()).add(indicators[i])
            return {k: frozenset(v) for k, v in found.items()}
        low = int(self.month.min())
        span = int(self.month.max()) - low + 1
        cell = seg_c * span + (self.month - low)
        order = np.argsort(cell, kind="stable")
        cell, bits = cell[order], (np.int64(1) << seg_i[order])
        head = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
        masks = np.bitwise_or.reduceat(bits, head)
        shared: dict[int, frozenset[str]] = {}
        for key, mask in zip(cell[head].tolist(), masks.tolist(), strict=True):
            names = shared.get(mask)
            if names is None:
                names = shared[mask] = frozenset(
                    indicators[b] for b in range(len(indicators)) if mask >> b & 1
                )
            out[(counties[key // span], key % span + low)] = names
        return out


def one_store(series: Sequence[Series]) -> tuple[Store | None, list[int]]:
    """The store that holds every one of ``series`` (read in bulk from one table), and their
    numbers in it; (None, []) when they are not all of one store."""
    packed = [s for s in series if isinstance(s, PackedSeries)]
    if len(packed) != len(series) or len({id(s.store) for s in packed}) != 1:
        return None, []
    return packed[0].store, [s.k for s in packed]


def _with_places(scaled: int, scale: int, places: int) -> Decimal:
    """``scaled × 10^-scale`` written with exactly ``places`` decimals (its trailing zeros
    below them are zeros: see :func:`_places`)."""
    return Decimal(scaled // 10 ** (scale - places)).scaleb(-places)


def _places(value: Ints, scale: Any) -> Ints:
    """The decimals of each ``value × 10^-scale`` as :meth:`Store.decimal` makes it: none if
    whole, else those left once its trailing zeros are gone (``scale``: one, or one each)."""
    import numpy as np

    scale = np.broadcast_to(np.asarray(scale, dtype=np.int64), value.shape)
    whole = value % (10 ** np.minimum(scale, 18)) == 0
    zeros = np.zeros(len(value), dtype=np.int64)  # trailing zeros, below the scale
    for d in range(1, int(scale.max(initial=0))):
        zeros += (d < scale) & (value % 10**d == 0)
    return np.where(whole, 0, scale - zeros)


class PackedSeries(Series):
    """Series ``k`` of a :class:`Store`; ``figures`` and ``origin`` are made when asked."""

    def __init__(self, store: Store, k: int) -> None:
        self.store, self.k = store, k
        self.notes = []
        self.note_months = {}
        self._additions = None
        self._figures: dict[Basis, dict[int, Decimal]] | None = None
        self._origin: dict[int, Origin] | None = None

    @property
    def figures(self) -> dict[Basis, dict[int, Decimal]]:
        if self._figures is None:
            self._figures = self.store.figures(self.k)
        return self._figures

    @figures.setter
    def figures(self, value: dict[Basis, dict[int, Decimal]]) -> None:
        self._figures = value

    @property
    def origin(self) -> dict[int, Origin]:
        if self._origin is None:
            self._origin = self.store.origin(self.k)
        return self._origin

    @origin.setter
    def origin(self, value: dict[int, Origin]) -> None:
        self._origin = value

    @property
    def bases(self) -> set[Basis]:
        return {BASES[int(b)] for b in set(self.store.basis[self.store.cells(self.k)].tolist())}

    @property
    def months(self) -> list[int]:
        cells = self.store.cells(self.k)
        months: list[int] = self.store.month[cells.start : cells.stop].tolist()
        if self.store.seg_basis[self.k] == MIXED:
            return sorted(set(months))
        return months

    @property
    def last_month(self) -> int | None:
        return self.store.last_month(self.k)

    def additions(self) -> dict[int, Decimal]:
        """Made afresh each time (not kept: a large file has millions of them); from the
        scaled ints unless the figures were set or are on several bases."""
        if self._figures is None:
            quick = self.store.additions_of_series(self.k)
            if quick is not None:
                return quick
        return additions_of(
            self.figures if self._figures is not None else self.store.figures(self.k)
        )

    def scaled_additions(self) -> tuple[list[int], list[int], int] | None:
        """What each month added as exact scaled ints (months, ints, scale: a value is
        ``int × 10^-scale``); None for a series on several bases. One row a month: the origin
        of the month at position j is :meth:`origin_at` j."""
        store = self.store
        if store.seg_basis[self.k] == MIXED:
            return None
        cells = store.cells(self.k)
        months: list[int] = store.month[cells.start : cells.stop].tolist()
        added: list[int] = store._additions()[cells.start : cells.stop].tolist()
        return months, added, store.scale[self.k]

    def decimal(self, scaled: int) -> Decimal:
        return self.store.decimal(self.k, scaled)

    def candidates(self) -> list[int]:
        """Positions that may look implausible (after :meth:`may_be_implausible`)."""
        return self.store.candidates(self.k)

    def origin_at(self, position: int) -> Origin:
        """Where the figure at ``position`` (in month order) was read."""
        store = self.store
        rec = int(store.rec[int(store.starts[self.k]) + position])
        return store.file, rec + store.offset, store.sheet

    def generic_to_date(self, as_of: int) -> Decimal:
        return Series.to_date(self, as_of)

    def to_date(self, as_of: int) -> Decimal:
        return self.store.to_date(self.k, as_of)

    def needs_checking(self) -> bool:
        return self.store.checked(self.k)

    def may_be_implausible(self, target: Decimal | None, times: int, months: int) -> bool:
        return self.store.implausible(self.k, target, times, months)

    def plain(self) -> Series:
        """An ordinary series with the same figures, origins and notes (to be added to)."""
        return Series(
            {b: dict(v) for b, v in self.figures.items()},
            dict(self.origin),
            list(self.notes),
            dict(self.note_months),
        )
