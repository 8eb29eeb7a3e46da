"""Read actual figures from CSV and Excel files into per-county, per-indicator series.

Rows are streamed: a file is never held in memory, only one running value per
(county, indicator, month), so memory does not grow with the number of rows.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from chuangye_cli.diagnostics import Collector, Diagnostic
from chuangye_cli.periods import Period
from chuangye_cli.plan import Plan
from chuangye_cli.quantities import Unit, get_unit, parse_value

Basis = Literal["increment", "ytd", "to_date", "level"]
ZERO = Decimal(0)
_BASIS_ALIASES: dict[str, Basis] = {
    "increment": "increment",
    "monthly": "increment",
    "当月": "increment",
    "本月": "increment",
    "当月新增": "increment",
    "本月新增": "increment",
    "月度": "increment",
    "新增": "increment",
    "ytd": "ytd",
    "年累计": "ytd",
    "本年累计": "ytd",
    "1-n月累计": "ytd",
    "累计": "ytd",
    "to_date": "to_date",
    "todate": "to_date",
    "开累": "to_date",
    "自计划起累计": "to_date",
    "level": "level",
    "存量": "level",
    "期末": "level",
    "期末数": "level",
    "期末存量": "level",
}

# Accepted headers for each column, compared after removing spaces and lower-casing.
HEADERS: dict[str, tuple[str, ...]] = {
    "period": ("period", "month", "期间", "月份", "年月", "时间", "报告期", "统计期"),
    "county": (
        "county",
        "district",
        "region",
        "县区",
        "县（区）",
        "县(区)",
        "区县",
        "县市区",
        "地区",
    ),
    "indicator": ("indicator", "指标", "指标名称", "指标代码"),
    "value": ("value", "amount", "数值", "数量", "完成数", "完成值", "实绩"),
    "unit": ("unit", "单位", "计量单位"),
    "basis": ("basis", "口径", "统计口径", "数据口径"),
    "note": ("note", "notes", "remark", "备注", "说明"),
}
REQUIRED = ("period", "county", "indicator", "value")
_HEADER_LOOKUP = {alias.lower(): name for name, aliases in HEADERS.items() for alias in aliases}
ACTUALS_SUFFIXES = (".csv", ".xlsx", ".xlsm")


@dataclass
class Series:
    """One county's figures for one indicator, in the indicator's target unit."""

    basis: Basis
    values: dict[int, Decimal] = field(default_factory=dict)  # Period.index -> value
    origin: dict[int, tuple[str, int]] = field(default_factory=dict)  # where a value came from
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    path: str
    kind: Literal["csv", "xlsx"]
    encoding: str | None
    rows: int

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


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders replaced by the CSV and Excel files directly inside them.
    A file named twice (or as a file and through its folder) is read once."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file()
                    and p.suffix.lower() in ACTUALS_SUFFIXES
                    and not p.name.startswith((".", "~$"))
                )
            )
        else:
            files.append(path)
    seen: set[Path] = set()
    unique = []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique


def detect_encoding(path: Path) -> tuple[str | None, int | None]:
    """``(encoding, None)`` for UTF-8 (with or without BOM) or GB18030; ``(None, line)`` if
    neither, with the line of the first byte that GB18030 could not decode.

    Decodes the whole file in chunks without keeping it: GBK/GB18030 bytes fail UTF-8 decoding,
    so trying UTF-8 first and falling back is reliable.
    """
    with path.open("rb") as fh:
        if fh.read(3) == codecs.BOM_UTF8:
            encodings: tuple[str, ...] = ("utf-8-sig",)
        else:
            encodings = ("utf-8", "gb18030")
    failure: int | None = None
    for encoding in encodings:
        decoder = codecs.getincrementaldecoder(encoding)()
        offset = 0
        line = 1
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError as exc:
                        line += chunk.count(b"\n", 0, max(exc.start, 0))
                        raise
                    line += chunk.count(b"\n")
                    offset += len(chunk)
                decoder.decode(b"", final=True)
            return encoding, None
        except UnicodeDecodeError:
            failure = line
    return None, failure


def _cell_text(value: object) -> str:
    """An Excel cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return format(Decimal(repr(value)), "f")
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value)


class _Rows:
    """Rows of one file as lists of cell texts; ``line`` is where the last row came from."""

    _line = 0

    @property
    def line(self) -> int:
        return self._line

    def note_cells(self, cells: Sequence[str]) -> None:
        """Told the cells of a row before :attr:`line` is read for it (CSV needs them)."""

    def __iter__(self) -> Iterator[Sequence[str]]:
        raise NotImplementedError


class _CsvRows(_Rows):
    def __init__(self, path: Path, encoding: str) -> None:
        self.path, self.encoding = path, encoding
        self.reader: Any = None

    @property
    def line(self) -> int:
        """The line on which the last row started (a quoted cell may span lines)."""
        return int(self.reader.line_num) - self.spanned if self.reader is not None else 0

    spanned = 0  # line breaks inside the quoted cells of the last row read by the slow path

    def note_cells(self, cells: Sequence[str]) -> None:
        self.spanned = sum(c.count("\n") for c in cells)

    def __iter__(self) -> Iterator[Sequence[str]]:
        with self.path.open(encoding=self.encoding, newline="") as fh:
            sample = fh.readline()
            fh.seek(0)
            delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
            self.reader = csv.reader(fh, delimiter=delimiter)
            yield from self.reader


class _XlsxRows(_Rows):
    def __init__(self, path: Path, sheet: str | None) -> None:
        self.path, self.sheet = path, sheet

    def __iter__(self) -> Iterator[Sequence[str]]:
        import openpyxl  # only when an Excel file is read: importing it costs ~0.2 s

        workbook = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        try:
            if self.sheet is not None and self.sheet not in workbook.sheetnames:
                raise KeyError(
                    f"no sheet {self.sheet!r}; the workbook has {', '.join(workbook.sheetnames)}"
                )
            ws = workbook[self.sheet] if self.sheet is not None else workbook.worksheets[0]
            for number, values in enumerate(
                ws.iter_rows(min_row=1, min_col=1, values_only=True), 1
            ):
                self._line = number
                yield [_cell_text(v) for v in values]
        finally:
            workbook.close()


class _Reader:
    """Turns rows into series, checking each cell; caches the parsing of repeated texts."""

    def __init__(self, plan: Plan, out: Collector) -> None:
        self.plan, self.out = plan, out
        self.actuals = Actuals()
        self.start, self.end = plan.meta.start.index, plan.meta.end.index
        self.periods: dict[str, int | str] = {}
        self.units: dict[tuple[str, str], tuple[Decimal, None] | tuple[None, str]] = {}
        self.fast: dict[tuple[str, ...], tuple[tuple[str, str], int, Decimal]] = {}
        self.indicators = {i.id: i for i in plan.indicators}
        self.target_units = {i.id: plan.unit_of(i) for i in plan.indicators}
        self.default_units = {i.id: plan.reporting_unit_of(i) for i in plan.indicators}

    def header(self, cells: Sequence[str], file: str, line: int) -> dict[str, int] | None:
        columns: dict[str, int] = {}
        for index, raw in enumerate(cells):
            text = "".join(raw.replace("\ufeff", "").split()).lower()
            if not text:
                continue
            name = _HEADER_LOOKUP.get(text)
            if name is None:
                self.out.warning(
                    "actuals.unknown-column",
                    f"column {raw.strip()!r} is not one this tool reads; it is ignored "
                    f"(known: {', '.join(HEADERS)})",
                    file,
                    line,
                    index + 1,
                )
            elif name in columns:
                self.out.error(
                    "actuals.duplicate-column",
                    f"two columns are {name!r} (columns {columns[name] + 1} and {index + 1})",
                    file,
                    line,
                    index + 1,
                )
            else:
                columns[name] = index
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            self.out.error(
                "actuals.missing-column",
                f"the header row has no {', '.join(missing)} column "
                f"(accepted headers: {'; '.join('/'.join(HEADERS[m]) for m in missing)})",
                file,
                line,
                1,
            )
            return None
        return columns

    def period(self, text: str) -> int | str:
        """A period index within the plan, or an error message; cached per distinct text."""
        cached = self.periods.get(text)
        if cached is None:
            try:
                period = Period.parse(text)
            except ValueError as exc:
                cached = str(exc)
            else:
                if self.start <= period.index <= self.end:
                    cached = period.index
                else:
                    cached = (
                        f"{period} is outside the plan period "
                        f"{self.plan.meta.start} – {self.plan.meta.end}"
                    )
            self.periods[text] = cached
        return cached

    def factor(self, unit_text: str, indicator: str) -> tuple[Decimal, None] | tuple[None, str]:
        """The multiplier from ``unit_text`` to the indicator's target unit, or an error."""
        key = (unit_text, indicator)
        cached = self.units.get(key)
        if cached is None:
            target = self.target_units[indicator]
            unit = get_unit(unit_text) if unit_text else self.default_units[indicator]
            if unit is None:
                cached = (None, f"unknown unit {unit_text!r}")
            else:
                cached = self._factor(unit, target, indicator)
            self.units[key] = cached
        return cached

    def _factor(
        self, unit: Unit, target: Unit, indicator: str
    ) -> tuple[Decimal, None] | tuple[None, str]:
        if unit.measure is not target.measure:
            return None, (
                f"unit {unit.name} ({unit.measure}) does not measure what "
                f"{indicator} measures ({target.name}, {target.measure})"
            )
        return unit.factor / target.factor, None

    def read(self, source: _Rows, file: str) -> int:
        """Consume the rows of one file (header first); returns the number of data rows."""
        rows = iter(source)
        for cells in rows:
            if any(c.strip() for c in cells):
                source.note_cells(cells)
                columns = self.header(cells, file, source.line)
                if columns is None:
                    return 0
                return self._body(rows, source, file, columns, len(cells))
        self.out.error("actuals.empty", "the file has no header row and no data", file)
        return 0

    def _body(
        self,
        rows: Iterator[Sequence[str]],
        source: _Rows,
        file: str,
        columns: dict[str, int],
        header_len: int,
    ) -> int:
        """The hot loop. A row whose period, county, indicator, unit and basis texts were seen
        before in a valid row, with a plain whole-number value and no note, takes the fast path;
        every other row is checked in full by :meth:`row`."""
        width = header_len
        col = {name: columns.get(name) for name in HEADERS}
        c_period, c_county, c_ind, c_value = (columns[n] for n in REQUIRED)
        c_unit, c_basis, c_note = col["unit"], col["basis"], col["note"]
        fast = self.fast
        series_of = self.actuals.series
        count = 0
        for cells in rows:
            count += 1
            if len(cells) == width:
                value_text = cells[c_value]
                key = (
                    cells[c_period],
                    cells[c_county],
                    cells[c_ind],
                    cells[c_unit] if c_unit is not None else "",
                    cells[c_basis] if c_basis is not None else "",
                )
                hit = fast.get(key)
                if (
                    hit is not None
                    and value_text.isascii()
                    and value_text.isdigit()
                    and (c_note is None or not cells[c_note])
                ):
                    series_key, period, factor = hit
                    value = Decimal(value_text)
                    values = series_of[series_key].values
                    values[period] = values.get(period, ZERO) + (
                        value * factor if factor != 1 else value
                    )
                    continue
            if not any(c.strip() for c in cells):
                count -= 1
                continue
            source.note_cells(cells)
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            elif any(c.strip() for c in cells[width:]):
                self.out.error(
                    "actuals.extra-cells",
                    f"the row has {len(cells)} cells but the header has {width}: an unquoted "
                    "comma in a number such as 12,000? Quote it or remove the separator",
                    file,
                    source.line,
                    width + 1,
                )
                continue
            else:
                cells = cells[:width]
            resolved = self.row(file, source.line, cells, col)
            if resolved is not None:
                fast[
                    (
                        cells[c_period],
                        cells[c_county],
                        cells[c_ind],
                        cells[c_unit] if c_unit is not None else "",
                        cells[c_basis] if c_basis is not None else "",
                    )
                ] = resolved
        return count

    def row(
        self, file: str, line: int, cells: Sequence[str], col: dict[str, int | None]
    ) -> tuple[tuple[str, str], int, Decimal] | None:
        """Check and record one row. For a recorded increment row, returns what the fast path
        needs to add further rows with the same texts: (series key, period, unit factor)."""
        out = self.out
        ok = True
        c_period, c_county, c_ind, c_value = (
            col["period"],
            col["county"],
            col["indicator"],
            col["value"],
        )
        assert c_period is not None and c_county is not None
        assert c_ind is not None and c_value is not None

        period = self.period(cells[c_period].strip())
        if isinstance(period, str):
            out.error(
                "actuals.period",
                period if cells[c_period].strip() else "the period is empty",
                file,
                line,
                c_period + 1,
            )
            ok = False
        county_text = cells[c_county].strip()
        county = self.plan.county_lookup.get(county_text)
        if county is None:
            out.error(
                "actuals.county",
                f"unknown county {county_text!r}" if county_text else "the county is empty",
                file,
                line,
                c_county + 1,
            )
            ok = False
        ind_text = cells[c_ind].strip()
        indicator = self.plan.indicator_lookup.get(ind_text)
        if indicator is None:
            out.error(
                "actuals.indicator",
                f"unknown indicator {ind_text!r}" if ind_text else "the indicator is empty",
                file,
                line,
                c_ind + 1,
            )
            return None
        value_text = cells[c_value]
        try:
            if value_text.isascii() and value_text.isdigit():
                number, inline_unit = Decimal(value_text), None
            else:
                parsed = parse_value(value_text)
                number, inline_unit = parsed.number, parsed.unit
        except (ValueError, InvalidOperation) as exc:
            out.error("actuals.value", str(exc), file, line, c_value + 1)
            return None
        c_unit = col["unit"]
        unit_text = cells[c_unit].strip() if c_unit is not None else ""
        if inline_unit is not None:
            if unit_text and get_unit(unit_text) is not inline_unit:
                out.error(
                    "actuals.unit",
                    f"the value says {inline_unit.name} but the unit column says {unit_text}",
                    file,
                    line,
                    c_value + 1,
                )
                return None
            unit_text = inline_unit.name
        factor, why = self.factor(unit_text, indicator)
        if factor is None:
            out.error(
                "actuals.unit",
                str(why),
                file,
                line,
                (c_unit if c_unit is not None and not inline_unit else c_value) + 1,
            )
            return None
        kind = self.indicators[indicator].kind
        c_basis = col["basis"]
        basis_text = cells[c_basis].strip() if c_basis is not None else ""
        basis: Basis | None
        if basis_text:
            basis = _BASIS_ALIASES.get(basis_text.lower())
            if basis is None and basis_text.startswith("1-") and basis_text.endswith("月累计"):
                basis = "ytd"
            if basis is None:
                out.error(
                    "actuals.basis",
                    f"unknown basis {basis_text!r} (use increment, ytd, to_date or level)",
                    file,
                    line,
                    (c_basis or 0) + 1,
                )
                return None
        else:
            basis = "increment" if kind == "flow" else "level"
        if kind == "flow" and basis == "level":
            out.error(
                "actuals.basis",
                f"{indicator} is a flow (新增) indicator: report it as "
                "increment, ytd or to_date, not level",
                file,
                line,
                (c_basis or 0) + 1,
            )
            return None
        if kind == "stock" and basis == "ytd":
            out.error(
                "actuals.basis",
                f"{indicator} is a stock (累计) indicator: report its "
                "level (or increments), not ytd",
                file,
                line,
                (c_basis or 0) + 1,
            )
            return None
        if not ok or county is None or isinstance(period, str):
            return None
        value = number * factor if factor != 1 else number
        if not self.record(county, indicator, period, basis, value, file, line, cells, col):
            return None
        if basis != "increment" or inline_unit is not None:
            return None  # only plain increments in the column's unit take the fast path
        return (county, indicator), period, factor

    def record(
        self,
        county: str,
        indicator: str,
        period: int,
        basis: Basis,
        value: Decimal,
        file: str,
        line: int,
        cells: Sequence[str],
        col: dict[str, int | None],
    ) -> bool:
        key = (county, indicator)
        series = self.actuals.series.get(key)
        if series is None:
            series = self.actuals.series[key] = Series(basis)
        elif series.basis != basis:
            where = next(iter(series.origin.values()), None)
            c_basis = col["basis"]
            self.out.error(
                "actuals.mixed-basis",
                f"{county}/{indicator} is reported as {series.basis}"
                + (f" at {where[0]}:{where[1]}" if where else "")
                + f" and here as {basis}: one county's indicator takes one basis",
                file,
                line,
                (c_basis if c_basis is not None else col["value"] or 0) + 1,
            )
            return False
        values = series.values
        if basis == "increment":
            values[period] = values.get(period, Decimal(0)) + value
            series.origin.setdefault(period, (file, line))
        else:
            old = values.get(period)
            if old is not None and old != value:
                first = series.origin[period]
                self.out.error(
                    "actuals.conflict",
                    f"{county}/{indicator} {Period.from_index(period)} ({basis}) is {value} "
                    f"{self.target_units[indicator].name} here but {old} "
                    f"{self.target_units[indicator].name} at {first[0]}:{first[1]}",
                    file,
                    line,
                    (col["value"] or 0) + 1,
                )
                return False
            values[period] = value
            series.origin.setdefault(period, (file, line))
        c_note = col["note"]
        if c_note is not None:
            note = cells[c_note].strip()
            if note and note not in series.notes and len(series.notes) < 5:
                series.notes.append(note)
        return True

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
                    self.out.warning(
                        "actuals.falling",
                        f"{county}/{indicator}: the {series.basis} total falls from {previous[1]} "
                        f"({Period.from_index(previous[0])}) to {value} "
                        f"({Period.from_index(period)})",
                        file,
                        line,
                    )
                previous = (period, value)


def read_actuals(
    paths: Sequence[Path], plan: Plan, sheet: str | None = None
) -> tuple[Actuals, list[Diagnostic]]:
    """Read every actuals file (folders are expanded) against the plan."""
    out = Collector()
    reader = _Reader(plan, out)
    for folder in paths:
        if folder.is_dir() and not expand_paths([folder]):
            out.warning(
                "actuals.empty-folder", "the folder holds no .csv or .xlsx file", str(folder)
            )
    for path in expand_paths(paths):
        file = str(path)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            encoding, bad_line = detect_encoding(path)
            if encoding is None:
                out.error(
                    "actuals.encoding",
                    "bytes that are neither UTF-8 nor GB18030 text: save the file as UTF-8 or GB18030",
                    file,
                    bad_line,
                )
                continue
            try:
                count = reader.read(_CsvRows(path, encoding), file)
            except csv.Error as exc:
                out.error("actuals.csv", f"malformed CSV: {exc}", file)
                continue
            reader.actuals.sources.append(Source(file, "csv", encoding, count))
        elif suffix in (".xlsx", ".xlsm"):
            try:
                count = reader.read(_XlsxRows(path, sheet), file)
            except KeyError as exc:
                out.error("actuals.sheet", str(exc.args[0]), file)
                continue
            except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
                out.error("actuals.xlsx", f"cannot read the workbook: {exc}", file)
                continue
            reader.actuals.sources.append(Source(file, "xlsx", None, count))
        else:
            out.error("actuals.format", "actual figures must be .csv or .xlsx files", file)
    reader.check_series()
    return reader.actuals, out.result()
