"""Reading actual figures: file sources → header → row checker (or the fast path) → ledger.

Rows are streamed: a file is never held in memory, only one running value per
(county, indicator, month), so memory does not grow with the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Collector, Diagnostic
from chuangye_cli.domain import ZERO, Actuals, Source
from chuangye_cli.files import not_regular
from chuangye_cli.plan import Plan
from chuangye_cli.reading.checker import Columns, RowChecker
from chuangye_cli.reading.columns import HEADER_ZH, HEADERS, REQUIRED, header_name
from chuangye_cli.reading.fastpath import MAX_PLAIN_DIGITS, FastPath
from chuangye_cli.reading.ledger import Ledger
from chuangye_cli.reading.sources import (
    ACTUALS_SUFFIXES,
    Row,
    SourceProblem,
    Table,
    detect_encoding,
    expand_paths,
)

__all__ = ["ACTUALS_SUFFIXES", "expand_paths", "read_actuals"]


def read_actuals(
    paths: Sequence[Path],
    plan: Plan,
    sheet: str | None = None,
    *,
    fast: bool = True,
    on_rows: Callable[[str, int], None] | None = None,
) -> tuple[Actuals, list[Diagnostic]]:
    """Read every actuals file (folders are expanded) against the plan. ``fast=False`` checks
    every row in full (the fast path must give the same result). ``on_rows(file, rows)`` is
    called every 10,000 rows and at the end of each file (a progress display)."""
    out = Collector()
    reader = _Reader(plan, out, fast)
    for folder in paths:
        if folder.is_dir() and not expand_paths([folder]):
            out.report(Code.ACTUALS_EMPTY_FOLDER, str(folder))
    for path in expand_paths(paths):
        file = str(path)
        what = not_regular(path)
        if what is not None:
            out.report(Code.ACTUALS_NOT_REGULAR, file, what_zh=what[0], what=what[1])
            continue
        suffix = path.suffix.lower()
        if suffix == ".csv":
            encoding, bad_line = detect_encoding(path)
            if encoding is None:
                out.report(Code.ACTUALS_ENCODING, file, bad_line)
                continue
            table = Table(path, "csv", encoding)
        elif suffix in (".xlsx", ".xlsm"):
            table = Table(path, "xlsx", sheet=sheet)
        else:
            out.report(Code.ACTUALS_FORMAT, file)
            continue
        rows = table.rows() if on_rows is None else _ticking(table.rows(), file, on_rows)
        try:
            count = reader.read(rows, file)
        except SourceProblem as problem:
            out.report(
                problem.code,
                file,
                problem.line,
                problem.column,
                variant=problem.variant,
                fields=problem.args_,
            )
            continue
        reader.ledger.actuals.sources.append(
            Source(file, table.kind, table.encoding, count, table.sheet)
        )
    reader.ledger.check_series()
    return reader.ledger.actuals, out.result()


def _ticking(
    rows: Iterator[Row], file: str, on_rows: Callable[[str, int], None], every: int = 10_000
) -> Iterator[Row]:
    """``rows``, telling ``on_rows`` how many have gone by."""
    count = 0
    for row in rows:
        yield row
        count += 1
        if count % every == 0:
            on_rows(file, count)
    on_rows(file, count)


class _Reader:
    def __init__(self, plan: Plan, out: Collector, fast: bool) -> None:
        self.out = out
        self.checker = RowChecker(plan, out)
        self.ledger = Ledger(plan, out)
        self.fast = fast

    def header(self, cells: Sequence[str], file: str, line: int) -> Columns | None:
        columns: dict[str, int] = {}
        for index, raw in enumerate(cells):
            if not raw.strip():
                continue
            name = header_name(raw)
            if name is None:
                self.out.report(
                    Code.ACTUALS_UNKNOWN_COLUMN,
                    file,
                    line,
                    index + 1,
                    value=raw.strip(),
                    known=", ".join(HEADERS),
                )
            elif name in columns:
                self.out.report(
                    Code.ACTUALS_DUPLICATE_COLUMN,
                    file,
                    line,
                    index + 1,
                    name=name,
                    first=columns[name] + 1,
                    second=index + 1,
                )
            else:
                columns[name] = index
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            self.out.report(
                Code.ACTUALS_MISSING_COLUMN,
                file,
                line,
                1,
                missing=", ".join(missing),
                missing_zh="、".join(HEADER_ZH[m] for m in missing),
                accepted="; ".join("/".join(HEADERS[m]) for m in missing),
            )
            return None
        return {name: columns.get(name) for name in HEADERS}

    def read(self, rows: Iterator[Row], file: str) -> int:
        """Consume the rows of one table (header first); returns the number of data rows."""
        for line, cells in rows:
            if any(c.strip() for c in cells):
                columns = self.header(cells, file, line)
                if columns is None:
                    return 0
                return self._body(rows, file, columns, len(cells))
        self.out.report(Code.ACTUALS_EMPTY, file)
        return 0

    def _body(self, rows: Iterator[Row], file: str, col: Columns, width: int) -> int:
        """The hot loop: the fast path first (see :mod:`.fastpath`), else the checker."""
        fast = FastPath(col)
        keys, periods, key_of = fast.keys, fast.periods, fast.key_of
        c_period, c_value, c_note = fast.c_period, col["value"], col["note"]
        assert c_value is not None
        use_fast = self.fast
        checker, ledger, out = self.checker, self.ledger, self.out
        count = 0
        for line, cells in rows:
            count += 1
            if use_fast and len(cells) == width:
                hit = keys.get(key_of(cells))
                if hit is not None:
                    text = cells[c_value]
                    if (
                        text.isdigit()
                        and text.isascii()
                        and len(text) <= MAX_PLAIN_DIGITS
                        and (c_note is None or not cells[c_note])
                    ):
                        period = periods.get(cells[c_period])
                        if period is not None:
                            values, origin, factor = hit
                            value = Decimal(text) if factor is None else Decimal(text) * factor
                            values[period] = values.get(period, ZERO) + value
                            if period not in origin:
                                origin[period] = (file, line)
                            continue
            if not any(c.strip() for c in cells):
                count -= 1
                continue
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            elif len(cells) > width:
                if any(c.strip() for c in cells[width:]):
                    out.report(
                        Code.ACTUALS_EXTRA_CELLS,
                        file,
                        line,
                        width + 1,
                        cells=len(cells),
                        width=width,
                    )
                    continue
                cells = cells[:width]
            figure = checker.check(file, line, cells, col)
            if figure is None:
                continue
            c_basis = col["basis"]
            series = ledger.record(
                figure, file, line, c_value + 1, (c_value if c_basis is None else c_basis) + 1
            )
            if series is not None:
                fast.learn(cells, figure, series)
        return count
