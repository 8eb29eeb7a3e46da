"""The columnar path: a large tidy CSV read in bulk with DuckDB and numpy, with the same figures
and the same diagnostics as the row-by-row reader.

DuckDB only parses the file (once, into a table of its own) and hashes texts; every rule stays
the reader's own:

1. **Distinct texts.** One query of the table lists the distinct texts of the month and county
   columns, of each (indicator, unit, basis) triple and of the values, each with its 64-bit
   hash. Python checks each distinct text once with the reader's own functions (the checker's
   month, county and indicator look-ups, ``parse_value``), and each pair of a triple with a
   value's kind (plain, 万, 亿, an inline unit such as 万元) that a row holds (known once the
   rows' hashes are in, step 2) through a probe row in the checker itself: valid or not, the
   unit factor, the basis, from how many decimals a count is fractional. Two texts of a
   column with one hash send the file to the row-by-row reader.
2. **Rows.** A second query returns the four hashes of every row, in file order (a plain
   projection of one table keeps the order), as numpy arrays; ``searchsorted`` turns them into
   ids. A row is taken in bulk when all is well: a known month, county, indicator, unit and
   basis, a value of at most 12 + 6 digits, no note, the only row of its (county, indicator,
   basis, month). Its value becomes an exact scaled integer (value × 10^scale of its
   indicator): no float, no rounding.
3. **The rest through the reader.** Every other row, and every row of a (county, indicator)
   that has one, is read again from the file by its line and goes through the reader's own
   row path, in file order: the same located messages, duplicates, conflicts and notes. Rows in
   bulk that the checker would warn about (a fractional count, 1-N月累计 of another month) are
   re-read too, up to the collector's limit, so that the warnings come in the same order.
4. The bulk figures become a :class:`~chuangye_cli.packed.Store` and one
   :class:`~chuangye_cli.packed.PackedSeries` per (county, indicator).

What it does not read (the file goes to the row-by-row reader, with identical results): a
file that is not UTF-8, a header not on line 1, a line that is not exactly one record (a
quoted line break, a blank line, a ragged row), a cell longer than the reader allows, hash
collisions, more rows to re-read than :data:`MAX_REREAD` and a tenth of the file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Collector
from chuangye_cli.domain import BASES, Series
from chuangye_cli.quantities import ValueProblem, parse_value
from chuangye_cli.reading.checker import Columns, RowChecker, ytd_month
from chuangye_cli.reading.sources import MAX_CELL_CHARS

if TYPE_CHECKING:
    from chuangye_cli.reading import _Reader
    from chuangye_cli.reading.ledger import Book

THRESHOLD = 2 * 2**20  # bytes: from this size on, a CSV file is read in bulk (see README)
MAX_REREAD = 50_000  # rows re-read through the reader (and a tenth of the file) before the
# whole file goes that way: the row-by-row reader, with its fast path, is then as quick
BULK_LIMIT = 10**17  # |scaled value| below this: sums and ×20 stay within int64
FIELDS = ("period", "county", "indicator", "value", "unit", "basis", "note")
PROBE: Columns = {name: k for k, name in enumerate(FIELDS)}


class FallBack(Exception):
    """The file cannot be read in bulk exactly: the row-by-row reader reads it."""


def applies(size: int, engine: str) -> bool:
    """Whether a tidy CSV of ``size`` bytes goes the columnar way."""
    return engine == "columnar" or (engine == "auto" and size >= THRESHOLD)


@dataclass
class _Pair:
    """An (indicator, unit, basis) triple with a kind of value, checked by a probe."""

    indicator: int  # index in the plan's indicators
    basis: int  # index in BASES
    exponent: int  # the value × 10^exponent is in the indicator's target unit
    fraction_from: int  # a count is fractional from this many decimals on (99: never)


def _exponent(factor: Decimal) -> int | None:
    sign, digits, exponent = factor.normalize().as_tuple()
    if sign or digits != (1,) or not isinstance(exponent, int):
        return None
    return exponent


class _Texts:
    """The distinct texts of the file, checked once each."""

    def __init__(self, reader: _Reader, rows: list[tuple[Any, ...]]) -> None:
        import numpy as np

        plan = reader.plan
        self.reader = reader
        self.indicators = [i.id for i in plan.indicators]
        ind_index = {i: n for n, i in enumerate(self.indicators)}
        self.counties = sorted({c.id for c in plan.counties})
        county_index = {c: n for n, c in enumerate(self.counties)}
        periods, counties, triples, values = [], [], [], []
        longest = 0
        for row in rows:
            group = row[0]
            if group == 7:
                periods.append((row[7], row[1]))
            elif group == 11:
                counties.append((row[8], row[2]))
            elif group == 13:
                triples.append((row[9], row[3], row[4], row[5]))
            elif group == 14:
                values.append((row[10], row[6], row[11], row[12], row[13]))
            elif group == 15:
                longest = max(longest, *(int(x or 0) for x in row[15:]))
            longest = max(longest, row[14] or 0)  # the longest text of the row's group
        if longest > MAX_CELL_CHARS:
            raise FallBack("a cell longer than the reader reads")
        checker = reader.checker

        def table(pairs: Sequence[tuple[Any, ...]], ids: list[int]) -> tuple[Any, Any]:
            hashes = np.array([pair[0] for pair in pairs], dtype=np.uint64)
            order = np.argsort(hashes)
            hashes = hashes[order]
            if len(hashes) > 1 and bool((hashes[1:] == hashes[:-1]).any()):
                raise FallBack("two texts with one hash")
            return hashes, np.array(ids, dtype=np.int64)[order]

        self.months: list[int] = []
        period_ids = []
        for _, text in periods:
            month = checker.period(text.strip())
            ok = isinstance(month, int) and text.strip() not in checker.from_january
            period_ids.append(len(self.months) if ok else -1)
            if ok:
                assert isinstance(month, int)
                self.months.append(month)
        self.p = table(periods, period_ids)
        county_ids = []
        for _, text in counties:
            county = plan.county_lookup.get(text.strip())
            ok = county is not None and not reader.is_total(text)
            county_ids.append(county_index[county] if ok and county is not None else -1)
        self.c = table(counties, county_ids)
        # values: (scaled × 10^6, kind, significant decimals)
        self.kinds: list[str] = [""]  # the text after the number: "", 万, 亿, 万元 ...
        kind_index = {"": 0}
        scaled, kind_of, decimals = [], [], []
        for _, text, plain, places, suffix in values:
            # a number DuckDB has made exact already (see _PLAIN_SQL), else the reader's way
            number, kind = ((plain, places), suffix) if plain is not None else _value(text)
            if number is None:
                scaled.append(-1)
                kind_of.append(0)
                decimals.append(0)
                continue
            if kind not in kind_index:
                kind_index[kind] = len(self.kinds)
                self.kinds.append(kind)
            scaled.append(number[0])
            kind_of.append(kind_index[kind])
            decimals.append(number[1])
        self.hash_of = {
            "period": {t: h for h, t in periods},
            "county": {t: h for h, t in counties},
            "value": {v[1]: v[0] for v in values},
        }
        hashes, order = table(values, list(range(len(values))))
        self.v = hashes, order
        self.v_scaled = np.array(scaled, dtype=np.int64)
        self.v_kind = np.array(kind_of, dtype=np.int64)
        self.v_decimals = np.array(decimals, dtype=np.int64)
        # triples × kinds: probed for the pairs the rows hold (see probe)
        self.triples = triples
        self.ind_index = ind_index
        n_kinds = len(self.kinds)
        self.x_indicator = np.full(len(triples), -1, dtype=np.int64)
        self.x_ytd_month = np.full(len(triples), -1, dtype=np.int64)
        for t, (_, ind, _, basis_text) in enumerate(triples):
            indicator = checker.indicator(ind.strip())
            if indicator is None:
                continue
            self.x_indicator[t] = ind_index[indicator]
            self.x_ytd_month[t] = ytd_month(basis_text.strip()) or -1
        self.x = table(triples, list(range(len(triples))))
        self.x_ok = np.zeros((len(triples), n_kinds), dtype=bool)
        self.x_basis = np.zeros((len(triples), n_kinds), dtype=np.int64)
        self.x_exponent = np.zeros((len(triples), n_kinds), dtype=np.int64)
        self.x_fraction = np.full((len(triples), n_kinds), 99, dtype=np.int64)
        self.scale = np.full(len(self.indicators), 6, dtype=np.int64)

    def probe(self, pairs: Sequence[tuple[int, int, int]]) -> None:
        """Check each (triple, kind of value, most decimals its rows have) of ``pairs`` through
        probe rows, and each indicator's scale: the largest 6 - exponent of its valid pairs.
        Only the pairs the rows hold are probed (of 30 indicators with a unit or not, three
        bases and a few kinds of value, most pairs are in no row), and a pair's fractional
        counts only to as many decimals as its rows have."""
        probe = _Probe(self.reader)
        for t, k, places in pairs:
            if self.x_indicator[t] < 0:
                continue
            _, ind, unit, basis_text = self.triples[t]
            pair = probe.pair(ind, unit, basis_text, self.kinds[k], self.ind_index, places)
            if pair is None:
                continue
            self.x_ok[t, k], self.x_basis[t, k] = True, pair.basis
            self.x_exponent[t, k], self.x_fraction[t, k] = pair.exponent, pair.fraction_from
            i = int(self.x_indicator[t])
            self.scale[i] = max(int(self.scale[i]), 6 - pair.exponent)

    def same(self, cells: Sequence[str], col: Columns, hashes: dict[str, Any], record: int) -> bool:
        """Whether a line read again holds the record DuckDB numbered so (its month, county
        and value texts have the record's hashes)."""
        for name, short in (("period", "p"), ("county", "c"), ("value", "v")):
            index = col[name]
            text = cells[index] if index is not None and index < len(cells) else ""
            if self.hash_of[name].get(text) != int(hashes[short][record]):
                return False
        return True

    @staticmethod
    def lookup(table: tuple[Any, Any], hashes: Any) -> Any:
        """The ids of ``hashes``, each of which is among the table's sorted keys (every text of
        a row is among the distinct ones). The keys are put in buckets by their leading bits,
        about one in eight buckets used (one in 64 for fewer than 4,096 keys: a bucket then
        rarely holds two); a hash starts at the first key of its bucket and moves on while it
        has not met itself (as many steps as the fullest bucket has keys): for millions of
        hashes, two to three times as quick as a binary search, even of 60 keys. Raises
        :class:`FallBack` if one is not found."""
        import numpy as np

        keys, ids = table
        last = max(len(keys) - 1, 0)
        bits = min(22, len(keys).bit_length() + (6 if len(keys) < 4096 else 3))
        shift = np.uint64(64 - bits)
        counts = np.bincount((keys >> shift).astype(np.int64), minlength=1 << bits)
        if int(counts.max(initial=0)) > 16:  # keys not spread evenly
            at = np.minimum(keys.searchsorted(hashes), last)
        else:
            start = np.zeros(len(counts) + 1, dtype=np.int64)
            np.cumsum(counts, out=start[1:])
            at = start[(hashes >> shift).astype(np.int64)]
            for _ in range(int(counts.max()) - 1):
                at += keys[np.minimum(at, last)] != hashes
            at = np.minimum(at, last)
        if len(hashes) and not (len(keys) and bool((keys[at] == hashes).all())):
            raise FallBack("a hash of no text")
        return ids[at]


_PLAIN = re.compile(r"[0-9]{1,12}(?:\.([0-9]{1,6}))?")
# the same in DuckDB, over the distinct value texts, with a bare 万 or 亿 after the number as
# parse_value reads it: the number × 10^6, its significant decimals and the 万 or 亿 (NULL, 0
# and '' for any other text, which _value reads)
_NUMBER_RE = "'^([0-9]{1,12}(\\.[0-9]{1,6})?)(万|亿)?$'"
_NUMBER_SQL = f"regexp_extract(v, {_NUMBER_RE}, 1)"
_PLAIN_SQL = (
    f"CASE WHEN {_NUMBER_SQL} <> '' THEN "
    f"CAST(split_part({_NUMBER_SQL}, '.', 1) AS BIGINT) * 1000000 "
    f"+ CAST(rpad(split_part({_NUMBER_SQL}, '.', 2), 6, '0') AS BIGINT) END, "
    f"length(rtrim(split_part({_NUMBER_SQL}, '.', 2), '0')), regexp_extract(v, {_NUMBER_RE}, 3), "
    "greatest(length(p), length(c), length(i), length(u), length(b), length(v))"
)
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){1,3}")


def _value(text: str) -> tuple[tuple[int, int] | None, str]:
    """A value text as (number × 10^6, significant decimals) and the kind of text after the
    number; None when the reader would refuse it or it does not fit the bulk path."""
    if _GROUPED.fullmatch(text):  # 12,000: parse_value takes the commas out
        text = text.replace(",", "")
    plain = _PLAIN.fullmatch(text)
    if plain is not None:  # what parse_value makes of it, sooner
        fraction = plain.group(1) or ""
        whole = text[: len(text) - len(fraction) - 1] if fraction else text
        return (
            int(whole) * 10**6 + int(fraction.ljust(6, "0") or 0),
            len(fraction.rstrip("0")),
        ), ""
    try:
        parsed = parse_value(text)
    except ValueProblem:
        return None, ""
    kind = ""
    if parsed.multiplier is not None:
        kind = "万" if parsed.multiplier == 10**4 else "亿"
    if parsed.unit is not None:
        kind = parsed.unit.name
    try:
        scaled = parsed.number.scaleb(6)
        if scaled != scaled.to_integral_value() or scaled >= 10**18:
            return None, ""
        exponent = parsed.number.normalize().as_tuple().exponent
    except InvalidOperation:
        return None, ""
    assert isinstance(exponent, int)
    return (int(scaled), max(0, -exponent)), kind


class _Probe:
    """Checks an (indicator, unit, basis) triple with a kind of value by passing probe rows
    through a checker of its own (nothing reaches the real collector)."""

    def __init__(self, reader: _Reader) -> None:
        plan = reader.plan
        self.checker = RowChecker(plan, Collector(limit=10**6))
        self.period = str(plan.meta.start)
        self.county = plan.counties[0].id
        self.line = 0  # each probe a row of its own (a checker reports a cell's problem once)

    def _check(self, ind: str, unit: str, basis: str, value: str) -> tuple[Any, list[str]]:
        out = self.checker.out = Collector(limit=10**6)
        cells = [self.period, self.county, ind, value, unit, basis, ""]
        self.line += 1
        figure = self.checker.check("probe", self.line, cells, PROBE)
        problems = [d.variant or d.severity for d in out.items if d.variant != "ytd-month"]
        return figure, problems

    def pair(
        self, ind: str, unit: str, basis: str, kind: str, ind_index: dict[str, int], most: int
    ) -> _Pair | None:
        """The pair's unit, basis and where a count turns fractional, to ``most`` decimals
        (no row of the pair has more: beyond them the threshold is not needed)."""
        figure, problems = self._check(ind, unit, basis, "1" + kind)
        if figure is None or problems:
            return None
        exponent = _exponent(figure.factor)
        if exponent is None:
            return None
        fraction_from = 99
        for places in range(1, most + 1):
            text = "0." + "0" * (places - 1) + "1" + kind
            got, problems = self._check(ind, unit, basis, text)
            if got is None or problems not in ([], ["fraction"]):
                return None
            fractional = problems == ["fraction"]
            if fractional and fraction_from == 99:
                fraction_from = places
            elif not fractional and fraction_from != 99:
                return None  # not a threshold: leave it to the reader
        return _Pair(
            ind_index[figure.indicator], BASES.index(figure.basis), exponent, fraction_from
        )


def read(reader: _Reader, path: Path, encoding: str, book: Book, col: Columns, width: int) -> int:
    """Read the body of a tidy CSV (header on line 1) into ``book``; the number of rows read.
    Raises :class:`FallBack` before anything is reported or recorded."""
    import duckdb
    import numpy as np

    with path.open(encoding=encoding, newline="") as fh:
        first = fh.readline(1 << 16)
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    names = ", ".join(f"'c{k}': 'VARCHAR'" for k in range(width))
    sep = "\\t" if delimiter == "\t" else ","
    quoted = str(path).replace("'", "''")
    source = (
        f"read_csv('{quoted}', header = true, auto_detect = false, delim = E'{sep}', quote = '\"', "
        f"escape = '\"', columns = {{{names}}}, strict_mode = true, null_padding = false, "
        "parallel = true)"
    )

    def text(name: str) -> str:
        index = col.get(name)
        return f"coalesce(c{index}, '')" if index is not None else "''"

    fields = sorted({i for i in col.values() if i is not None})
    others = [k for k in range(width) if k not in fields]
    extra = _leading_other_columns(col, width)
    con = duckdb.connect()
    try:
        # the file parsed once, into a table both queries read (parsing is most of the cost):
        # the fields' texts; of any other column only its length and, before the fields,
        # whether it starts a footer (a wide file's other columns are not kept)
        kept = [
            *(f"c{k}" for k in fields),
            *(f"length(c{k}) AS l{k}" for k in others),
            *(f"NOT regexp_full_match(coalesce(c{k}, ''), '[0-9]*') AS f{k}" for k in extra),
        ]
        con.execute(f"CREATE TEMP TABLE source AS SELECT {', '.join(kept)} FROM {source}")
        lengths = ", ".join(
            ["0", *(f"max(l{k})" for k in others)]
            + ([f"max(length(c{col['note']}))"] if col.get("note") is not None else [])
        )
        rows = con.execute(
            f"SELECT grouping(p, c, x, v) AS g, p, c, i, u, b, v, hash(p), hash(c), "
            f"hash(i, u, b), hash(v), {_PLAIN_SQL}, {lengths} FROM (SELECT {text('period')} AS p, "
            f"{text('county')} AS c, {text('indicator')} AS i, {text('unit')} AS u, "
            f"{text('basis')} AS b, {text('value')} AS v, 0 AS x, * FROM source) "
            "GROUP BY GROUPING SETS ((p), (c), (x, i, u, b), (v), ())"
        ).fetchall()
        texts = _Texts(reader, rows)
        other = ", " + " OR ".join(f"f{k}" for k in extra) + " AS footer" if extra else ""
        note = f", {text('note')} <> '' AS note" if col.get("note") is not None else ""
        arrays = con.execute(
            f"SELECT hash({text('period')}) AS p, hash({text('county')}) AS c, "
            f"hash({text('indicator')}, {text('unit')}, {text('basis')}) AS x, "
            f"hash({text('value')}) AS v{note}{other} FROM source"
        ).fetchnumpy()
    except duckdb.Error as exc:
        raise FallBack(f"DuckDB: {exc}") from None
    finally:
        con.close()
    records = len(arrays["p"])
    if _lines(path) != records + 1:
        raise FallBack("a line that is not one record")
    plan_rows = _Rows(texts, arrays, records, np)
    return _apply(reader, path, encoding, delimiter, book, col, width, texts, plan_rows)


def _leading_other_columns(col: Columns, width: int) -> list[int]:
    """Columns that are none of the seven fields and come before the first of the period,
    county, indicator and value (a footer row starts with such a cell)."""
    fields = {k for k in col.values() if k is not None}
    first = min(col[n] or 0 for n in ("period", "county", "indicator", "value"))
    return [k for k in range(width) if k not in fields and k < first]


def _lines(path: Path) -> int:
    count, last = 0, b""
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 22):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (0 if last in (b"\n", b"") else 1)


class _Rows:
    """Which rows go in bulk, with their ids and exact values; which go through the reader."""

    def __init__(self, texts: _Texts, arrays: dict[str, Any], records: int, np: Any) -> None:
        lookup = texts.lookup
        p = lookup(texts.p, arrays["p"])
        c = lookup(texts.c, arrays["c"])
        x = lookup(texts.x, arrays["x"])
        v = lookup(texts.v, arrays["v"])
        kind = texts.v_kind[v]
        n_kinds = len(texts.kinds)
        pairs = x * n_kinds + kind
        held = np.unique(pairs).tolist()
        places = np.zeros(len(texts.triples) * n_kinds, dtype=np.int64)
        decimals = texts.v_decimals[v]
        for d in range(1, 7):  # the most decimals of each pair's rows (the last write wins)
            places[pairs[decimals == d]] = d
        del pairs, decimals
        texts.probe([(*divmod(pair, n_kinds), int(places[pair])) for pair in held])
        ok = (p >= 0) & (c >= 0) & texts.x_ok[x, kind] & (texts.v_scaled[v] >= 0)
        if "note" in arrays:
            ok &= ~arrays["note"]
        if "footer" in arrays:
            ok &= ~arrays["footer"]
        indicator = texts.x_indicator[x]
        shift = texts.scale[np.maximum(indicator, 0)] - 6 + texts.x_exponent[x, kind]
        scaled = texts.v_scaled[v]
        power = 10 ** np.clip(shift, 0, 17)
        ok &= (shift >= 0) & (shift <= 17) & (scaled < BULK_LIMIT // power)
        value = np.where(ok, scaled * power, 0)
        del shift, scaled, power  # (temporaries of millions go as soon as they are used)
        basis = texts.x_basis[x, kind]
        months = np.array(texts.months or [0], dtype=np.int64)
        month = months[np.maximum(p, 0)]
        del p
        # the checker's warnings of a row taken in bulk: a fractional count, a 1-N月累计 of
        # another month
        ytd = texts.x_ytd_month[x]
        warnings = (texts.v_decimals[v] >= texts.x_fraction[x, kind]).astype(np.int8)
        warnings += (ytd >= 0) & (ytd != month % 12 + 1)
        del v, x, kind, ytd
        n_ind = len(texts.indicators)
        low = min(texts.months, default=0)
        span = max(texts.months, default=0) - low + 1
        key = np.where((c >= 0) & (indicator >= 0), c * n_ind + indicator, -1)
        del c, indicator
        # sorted by series, basis and month
        cell = ((np.maximum(key, 0) * 4 + basis) * span) + np.maximum(month - low, 0)
        # a (county, indicator, basis, month) of more than one row: through the reader
        taken = np.flatnonzero(ok)
        order = taken[np.argsort(cell[taken], kind="stable")]
        del taken
        sorted_cells = cell[order]
        del cell
        repeated = np.zeros(len(order), dtype=bool)
        if len(order) > 1:
            same = sorted_cells[1:] == sorted_cells[:-1]
            repeated[1:] |= same
            repeated[:-1] |= same
        del sorted_cells
        doubtful = np.zeros(len(texts.counties) * n_ind + 1, dtype=bool)
        doubtful[key[order[repeated]]] = True
        doubtful[key[~ok & (key >= 0)]] = True
        bulk = ~doubtful[np.where(key >= 0, key, len(doubtful) - 1)] & ok
        bulk_order = order[bulk[order]]
        del order, repeated
        self.reread = np.flatnonzero(~bulk)  # record indexes (0-based), in order
        warnings *= bulk
        self.warned = np.flatnonzero(warnings)
        self.warnings = warnings
        self.order = bulk_order
        self.key, self.month, self.value, self.basis = key, month, value, basis
        self.records = records
        self.hashes = arrays


def _apply(
    reader: _Reader,
    path: Path,
    encoding: str,
    delimiter: str,
    book: Book,
    col: Columns,
    width: int,
    texts: _Texts,
    rows: _Rows,
) -> int:
    import numpy as np

    out = reader.out
    limit = out.limit
    reread = rows.reread
    if len(reread) > max(MAX_REREAD, rows.records // 10):
        raise FallBack("too many rows to read one by one")
    warned = rows.warned[:limit]
    wanted = np.union1d(reread, warned)
    lines = {int(r) + 2: None for r in wanted.tolist()}
    cells_of = dict(_read_lines(path, encoding, delimiter, lines))
    if len(cells_of) != len(lines) or not all(
        texts.same(cells, col, rows.hashes, line - 2) for line, cells in cells_of.items()
    ):
        raise FallBack("re-read lines differ from the records")
    # -- from here on, diagnostics and figures are given ------------------------------------
    if book.series:
        raise FallBack("the book has figures already")
    created: dict[tuple[str, str], int] = {}
    bulk_warn = set(warned.tolist())
    counted = rows.records - len(reread)
    for record in wanted.tolist():
        line = record + 2
        cells = cells_of[line]
        if record in bulk_warn:  # taken in bulk: only its warnings, from the checker
            reader.checker.check(book.file, line, cells, col, sheet=book.sheet)
            continue
        before = len(book.series)
        ok, _, _ = reader._row(book, line, cells, col, width)
        counted += ok
        if len(book.series) > before:
            created[next(reversed(book.series))] = line
    rest = int(rows.warnings[rows.warned[limit:]].sum()) if len(rows.warned) > limit else 0
    out.count(Code.ACTUALS_IMPLAUSIBLE, rest)  # past the limit: counted, as the reader does
    _build(book, texts, rows, created)
    return counted


def _read_lines(
    path: Path, encoding: str, delimiter: str, wanted: dict[int, None]
) -> Iterator[tuple[int, list[str]]]:
    """The cells of the wanted lines (each line is one record: checked before)."""
    if not wanted:
        return
    last = max(wanted)
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            if number in wanted:
                text = raw.decode(encoding)
                yield number, next(csv.reader([text.rstrip("\r\n")], delimiter=delimiter), [])
            if number >= last:
                return


def _build(book: Book, texts: _Texts, rows: _Rows, created: dict[tuple[str, str], int]) -> None:
    """The bulk rows as a store and its series; the book's series in the order of their first
    row, as the row-by-row reader makes them."""
    import numpy as np

    from chuangye_cli.packed import PackedSeries, Store

    order = rows.order
    key = rows.key[order]
    heads = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.array([], int)
    starts = np.r_[heads, len(key)].astype(np.int64)
    n_ind = len(texts.indicators)
    keys = [(texts.counties[k // n_ind], texts.indicators[k % n_ind]) for k in key[heads].tolist()]
    rec = order.astype(np.int64) + 1
    scale_of = {i: int(texts.scale[n]) for n, i in enumerate(texts.indicators)}
    store = Store(
        book.file,
        book.sheet,
        keys,
        starts,
        rows.month[order],
        rows.value[order],
        rec,
        rows.basis[order],
        [scale_of[i] for _, i in keys],
    )
    first_line = (np.minimum.reduceat(rec, starts[:-1]) + 1).tolist() if len(keys) else []
    entries: list[tuple[int, tuple[str, str], Series]] = [
        (line, k, PackedSeries(store, n))
        for n, (k, line) in enumerate(zip(keys, first_line, strict=True))
    ]
    entries += [(created[k], k, s) for k, s in book.series.items()]
    entries.sort(key=lambda e: e[0])
    book.series = {k: s for _, k, s in entries}


__all__ = ["THRESHOLD", "FallBack", "applies", "read"]
