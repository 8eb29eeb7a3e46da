"""Reading actual figures: file sources → layout (header, columns, month and county) → row
checker (or the fast path) → ledger of returns → series.

Tidy long tables are streamed: a file is never held in memory, only one running value per
(county, indicator, month). Forms and wide tables are small and read row by row the same way.
Nothing is left out in silence: every sheet, row, column and cell not read is listed as a
notice with the reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Collector, Diagnostic, column_letters, hint_args, suggest
from chuangye_cli.domain import ZERO, Actuals, Basis, Series, Source
from chuangye_cli.periods import Period
from chuangye_cli.plan import AREA_HEAD, Plan
from chuangye_cli.quantities import ValueProblem, get_unit, parse_value, plain
from chuangye_cli.reading.checker import Columns, Figure, RowChecker, plan_names
from chuangye_cli.reading.columns import BASIS_ZH, HEADER_ZH, HEADERS, REQUIRED
from chuangye_cli.reading.fastpath import MAX_PLAIN_DIGITS, FastPath
from chuangye_cli.reading.layout import (
    HEADER_SCAN,
    ORIGIN_ZH,
    Analysis,
    ColumnRole,
    Found,
    Names,
    Role,
    analyse,
    is_footer,
    is_no_figure,
    is_sub_row,
    is_total,
    split_unit,
    squeeze,
    sub_row_name,
    total_words,
)
from chuangye_cli.reading.ledger import Book, Ledger, slip_of
from chuangye_cli.reading.plausible import plausibility, year_in_month
from chuangye_cli.reading.sources import (
    ACTUALS_SUFFIXES,
    SHEET_SUFFIXES,
    Merged,
    Row,
    Sheet,
    SourceProblem,
    choose_sheet,
    expand_paths,
    open_sheets,
    report_problem,
)

__all__ = ["ACTUALS_SUFFIXES", "Given", "SheetReading", "expand_paths", "read_actuals"]

RECORD_SHEET = "_chuangye"  # the hidden sheet of a template made by `chuangye template`
PREVIOUS_COLUMN = "F"  # the template's 上月累计, shown for reference (written, not read)
# the template's 本月完成 and 1-N月累计: their bases and default columns
VALUE_COLUMNS: tuple[tuple[Basis, str], ...] = (("increment", "D"), ("ytd", "E"))
TEMPLATE_VERSION = "chuangye-template/"
FIELDS = ("period", "county", "indicator", "value", "unit", "basis", "note")
VIRTUAL: Columns = {name: k for k, name in enumerate(FIELDS)}
WHAT_ZH = {"period": "月份", "county": "县区"}


@dataclass(frozen=True)
class Given:
    """What a user says about a file when the file cannot tell: ``--header-row``,
    ``--period``, ``--county``."""

    header_row: int | None = None
    period: str | None = None
    county: str | None = None


@dataclass
class FigureRow:
    line: int
    column: int | None
    period: str
    county: str
    indicator: str
    basis: str
    value: Decimal  # in the indicator's target unit


@dataclass
class SheetReading:
    """How one sheet was read, for `chuangye inspect`."""

    file: str
    sheet: str | None
    kind: str
    encoding: str | None
    layout: str
    header: tuple[int, int]
    columns: list[ColumnRole]
    period: Found | None
    county: Found | None
    filed: str | None
    marked: bool
    rows_taken: int = 0
    left_out: list[tuple[int | None, str]] = field(default_factory=list)
    figures: list[FigureRow] = field(default_factory=list)


def read_actuals(
    paths: Sequence[Path],
    plan: Plan,
    sheet: str | None = None,
    *,
    fast: bool = True,
    given: Mapping[str, Given] | None = None,
    readings: list[SheetReading] | None = None,
    on_rows: Callable[[str, int], None] | None = None,
    engine: str = "auto",
) -> tuple[Actuals, list[Diagnostic]]:
    """Read every actuals file (folders are expanded) against the plan. ``fast=False`` checks
    every row in full (the fast path must give the same result). ``given`` maps a file (as
    given) to what the user said about it; ``readings`` collects how each sheet was read;
    ``on_rows(file, rows)`` is called every 10,000 rows and at the end of each sheet (a
    progress display). ``engine``: ``python`` reads row by row; ``columnar`` reads every tidy
    UTF-8 CSV in bulk (see :mod:`.columnar`); ``auto`` does so from
    :data:`.columnar.THRESHOLD` bytes on. The results are the same. Figures that cannot be
    right are warned of (:mod:`.plausible`) with the reading's diagnostics, under its limit."""
    out = Collector()
    reader = _Reader(plan, out, fast, readings, engine)
    reader.on_rows = on_rows
    for folder in paths:
        if folder.is_dir() and not expand_paths([folder]):
            out.report(Code.ACTUALS_EMPTY_FOLDER, str(folder))
    said = given or {}
    files = expand_paths(paths)
    for path in files:
        reader.file(path, sheet, said.get(str(path)) or said.get(str(path.parent)) or Given())
    actuals = reader.ledger.finish()
    plausibility(plan, actuals, out, reader.ledger.cells)
    if any(path.suffix.lower() in SHEET_SUFFIXES for path in files):
        year_in_month(plan, actuals, out, reader.ledger.cells)
    return actuals, out.result()


def _template_columns(header: Sequence[str], columns: Mapping[str, str]) -> list[ColumnRole]:
    """What each column of our 填报表 is read as (its hidden record names the value and note
    columns; 序号, 指标名称 and 计量单位 come first; the 上月累计 is for reference only)."""
    roles: dict[int, tuple[Role, Basis | None]] = {
        0: ("seq", None),
        1: ("indicator", None),
        2: ("unit", None),
        _column_index(columns.get("increment", "D")): ("value", "increment"),
        _column_index(columns.get("ytd", "E")): ("value", "ytd"),
        _column_index(columns.get("note", "G")): ("note", None),
    }
    return [
        ColumnRole(k, text.strip(), *roles.get(k, ("ignored", None)))
        for k, text in enumerate(header)
        if text.strip() or k in roles
    ]


def fill_merged(rows: Iterator[Row], merged: Sequence[Merged]) -> Iterator[Row]:
    """Rows in which every cell of a merged range holds the range's value (streamed)."""
    if not merged:
        yield from rows
        return
    by_first = sorted(merged)
    active: list[tuple[Merged, str]] = []
    k = 0
    for line, cells in rows:
        while k < len(by_first) and by_first[k][0] <= line:
            r1, c1, _, c2 = by_first[k]
            if r1 == line:
                active.append((by_first[k], cells[c1 - 1] if c1 - 1 < len(cells) else ""))
            k += 1
        active = [(m, v) for m, v in active if m[2] >= line]
        if active:
            filled = list(cells)
            for (_, c1, _, c2), value in active:
                if len(filled) < c2:
                    filled.extend([""] * (c2 - len(filled)))
                for c in range(c1 - 1, c2):
                    filled[c] = value
            cells = filled
        yield line, cells


def _record_of(sheets: Sequence[Sheet]) -> dict[str, str]:
    """Key/value rows of a template's hidden record, or of a hidden sheet that holds one
    (报告期 / 填报单位 …)."""
    for sheet in sheets:
        if sheet.name == RECORD_SHEET or not sheet.visible:
            pairs = {}
            for _, cells in sheet.rows():
                texts = [c.strip() for c in cells if c.strip()]
                if len(texts) >= 2:
                    pairs[texts[0]] = texts[1]
            if sheet.name == RECORD_SHEET or "报告期" in pairs:
                return pairs
    return {}


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


# the columns a long table may have, as a Chinese message names them
KNOWN_ZH = "、".join(HEADER_ZH.values()) + "，及“本月完成”“1-N月累计”“期末数”等数字列"


def _applies(basis: Basis | None, kind: str | None) -> bool:
    """Whether a column of ``basis`` is one a row of an indicator of ``kind`` should fill:
    本月 any; 期末数 a stock; 1-N月累计 and 开累 a flow (a stock's level is its 期末数)."""
    if basis is None or basis == "increment":
        return True
    return (basis == "level") == (kind == "stock")


class _Reader:
    def __init__(
        self,
        plan: Plan,
        out: Collector,
        fast: bool,
        readings: list[SheetReading] | None,
        engine: str = "auto",
    ) -> None:
        self.plan, self.out, self.fast, self.readings = plan, out, fast, readings
        self.engine = engine
        self.engines: dict[str, str] = {}  # file -> how it was read (columnar, or why not)
        self.checker = RowChecker(plan, out)
        self.ledger = Ledger(plan, out)
        self.names: Names = plan_names(plan)
        # indicators' names and aliases, for “您是否要找” on a column that is none of them
        self.indicator_texts = plan.indicator_texts
        self.on_rows: Callable[[str, int], None] | None = None
        self.covered: list[Merged] = []  # the sheet's ranges merged over rows
        self.totals = total_words(plan.titled_area)  # 合计, 总计 …, 六安市 (the whole area)

    def is_total(self, text: str) -> bool:
        """Whether a cell makes its row a total: 合计, 总计 …, or the plan's whole area."""
        return is_total(text, self.totals)

    # -- files and sheets --------------------------------------------------------------------

    def file(self, path: Path, sheet: str | None, given: Given) -> None:
        file = str(path)
        sheets = open_sheets(path, self.out)
        if sheets is None:
            return
        chosen = choose_sheet(path, sheets, sheet, self.out)
        if chosen is None:
            return
        suffix = path.suffix.lower()
        record = _record_of(sheets) if suffix in SHEET_SUFFIXES else {}
        if record.get("version", "").startswith(TEMPLATE_VERSION):
            self.template(sheets, record, file, given)
            return
        read_any = False
        for one in chosen:
            if one.name == RECORD_SHEET or (not one.visible and record and sheet is None):
                self.out.report(Code.ACTUALS_SHEET_SKIPPED, file, sheet=one.name, variant="record")
                continue
            if not one.visible and sheet is None:
                self.out.report(Code.ACTUALS_SHEET_SKIPPED, file, sheet=one.name, variant="hidden")
                continue
            try:
                read_any |= self.sheet(one, file, given, record, single=len(chosen) == 1)
            except SourceProblem as problem:
                report_problem(self.out, problem, file, one.name)
        if not read_any and len(chosen) > 1:
            self.out.report(
                Code.ACTUALS_MISSING_COLUMN,
                file,
                missing=", ".join(REQUIRED),
                missing_zh="、".join(HEADER_ZH[m] for m in REQUIRED),
                accepted="; ".join("/".join(HEADERS[m]) for m in REQUIRED),
            )

    def template(
        self, sheets: Sequence[Sheet], record: Mapping[str, str], file: str, given: Given
    ) -> None:
        """A return on our own 填报表: county, month, rows and columns from its hidden record,
        whatever the file or the sheets are now called."""
        sheet = next(s for s in sheets if s.name != RECORD_SHEET)
        county = self.plan.county_lookup.get(record.get("county", ""), record.get("county", ""))
        period = given.period or record.get("period", "")
        first = int(record.get("first_row", "4"))
        columns = dict(
            part.split("=", 1) for part in record.get("columns", "").split(",") if "=" in part
        )
        indicators = [i for i in record.get("rows", "").split(",") if i]
        rows = {line: cells for line, cells in sheet.rows()}
        book = self.ledger.book(file, sheet.name, Path(file).name + f"[{sheet.name}]")
        head = [(line, rows[line]) for line in sorted(rows)[:HEADER_SCAN]]
        context = analyse(
            head, self.names, file_name=Path(file).name, sheet_name=sheet.name
        ).context
        book.marked, book.filed = context.marked, context.filed
        reading = None
        if self.readings is not None:
            reading = SheetReading(
                file,
                sheet.name,
                sheet.kind,
                None,
                "template",
                (first - 1, first - 1),
                _template_columns(rows.get(first - 1, []), columns),
                Found(period, "record", shown=record.get("period", "")),
                Found(record.get("county_name", county), "record", shown=record.get("county", "")),
                context.filed.isoformat() if context.filed else None,
                context.marked,
            )
            self.readings.append(reading)
        count = 0
        values = [_column_index(columns.get(b, c)) for b, c in VALUE_COLUMNS]
        note_at = _column_index(columns.get("note", "G"))
        # two rows that differ only in their 序号 (or the 上月累计 shown for reference) are one
        # row given twice
        numbering = {0, _column_index(PREVIOUS_COLUMN)}
        in_sub_rows = {  # (a 其中 row naming an indicator is read as it when its row is blank)
            self.checker.indicator(sub_row_name(cells[1]))
            for cells in rows.values()
            if len(cells) > 1 and is_sub_row(cells[1])
        }
        figures = set(values)
        for line, indicator in self._template_rows(book, rows, first, indicators, values, reading):
            cells = rows[line]
            get = _getter(cells)
            note = get(note_at)
            significant = [c if i not in numbering else "" for i, c in enumerate(cells)]
            words = [c if i not in figures else "" for i, c in enumerate(significant)]
            taken = False
            if (
                indicator in self.ledger.names
                and indicator not in in_sub_rows
                and not any(get(index).strip() for index in values)
            ):  # a row of the form left blank: said at its place, never a 0
                self._left_out(book, line, reading, "blank", self.ledger.names[indicator])
            for (basis, _), index in zip(VALUE_COLUMNS, values, strict=True):
                text = get(index)
                if is_no_figure(text):
                    name = self.ledger.names.get(indicator, indicator)  # its name, not its id
                    self._no_figure(book, line, index, basis, text, name)
                    continue
                if not text.strip():
                    continue
                virtual = [period, county, indicator, text, "", basis, note]
                at: dict[str, tuple[int | None, int | None]] = {
                    "period": (None, None),
                    "county": (None, None),
                    "indicator": (line, 2),
                    "value": (line, index + 1),
                    "unit": (line, 3),
                    "basis": (3, index + 1),
                    "note": (line, note_at + 1),
                }
                figure = self.checker.check(
                    file, line, virtual, VIRTUAL, sheet=sheet.name, at=at, stock_ytd_is_level=True
                )
                if figure is not None:
                    cell_at = (line, index + 1)
                    self._record(book, figure, line, cell_at, significant, reading, words)
                    taken = True
            self._total_in_month_column(book, line, cells, columns, indicator, period, county)
            count += taken
        self.ledger.sources.append(Source(file, sheet.kind, None, count, sheet.name, "template"))
        if reading is not None:
            reading.rows_taken = count

    def sheet(
        self, sheet: Sheet, file: str, given: Given, record: Mapping[str, str], *, single: bool
    ) -> bool:
        """Read one sheet; whether it held a table."""
        rows = fill_merged(sheet.rows(), sheet.merged)
        # the cells a merged range covers below its first row: a figure there is its first
        # row's, not one more (a county's name merged down does count for every row)
        self.covered = [m for m in sheet.merged if m[2] > m[0]]
        if self.on_rows is not None:
            rows = _ticking(rows, file, self.on_rows)
        head = list(itertools.islice(rows, HEADER_SCAN + 2))
        name = sheet.name if sheet.kind in ("xlsx", "xls") else None
        analysis = analyse(
            head,
            self.names,
            file_name=sheet.path.name,
            sheet_name=name,
            header_row=given.header_row,
            record=record or None,
        )
        self._given(analysis, given)
        reading = self._reading(sheet, file, analysis)
        if analysis.layout == "none":
            self._no_table(analysis, head, file, name, single)
            return False
        book = self.ledger.book(file, name, sheet.path.name + (f"[{name}]" if name else ""))
        book.marked, book.filed = analysis.context.marked, analysis.context.filed
        bad = analysis.context.bad_filed
        if bad is not None and book.filed is None:  # it decides which return replaces which
            self.out.report(Code.ACTUALS_FILED, file, bad[1], bad[2], sheet=name, value=bad[0])
        body = (r for r in itertools.chain(head, rows) if r[0] > analysis.header[1])
        columns = self._columns(analysis, file, name)
        if columns is None:
            return True
        if analysis.layout == "wide":
            count = self._wide(body, analysis, book, columns, reading)
        else:
            bulk = self._columnar(sheet, analysis, book, columns, reading)
            count = self._long(body, analysis, book, columns, reading) if bulk is None else bulk
        self.ledger.sources.append(
            Source(file, sheet.kind, sheet.encoding, count, name, analysis.layout)
        )
        if reading is not None:
            reading.rows_taken = count
        return True

    def _columnar(
        self,
        sheet: Sheet,
        analysis: Analysis,
        book: Book,
        col: Columns,
        reading: SheetReading | None,
    ) -> int | None:
        """The rows read in bulk (see :mod:`.columnar`), or None: read row by row."""
        if self.engine == "python" or reading is not None or sheet.kind not in ("csv", "text"):
            return None
        from chuangye_cli.reading import columnar

        if not columnar.applies(sheet.path.stat().st_size, self.engine):
            return None
        file = str(sheet.path)
        tidy = col["period"] is not None and col["county"] is not None
        tidy &= not any(c.basis is not None for c in analysis.value_columns)
        why = (
            "not UTF-8"
            if sheet.encoding not in ("utf-8", "utf-8-sig")
            else "header not on line 1"
            if analysis.header != (1, 1)
            else "not a table of one figure a row"
            if not tidy
            else ""
        )
        if why:
            self.engines[file] = f"python ({why})"
            return None
        assert sheet.encoding is not None
        try:
            count = columnar.read(
                self, sheet.path, sheet.encoding, book, col, len(analysis.columns)
            )
        except columnar.FallBack as exc:
            self.engines[file] = f"python ({exc})"
            return None
        self.engines[file] = "columnar"
        return count

    def _given(self, analysis: Analysis, given: Given) -> None:
        context = analysis.context
        if given.period:
            context.period = Found(given.period, "option", shown=given.period)
        if given.county:
            county = self.plan.county_lookup.get(given.county.strip())
            name = next((c.name for c in self.plan.counties if c.id == county), given.county)
            context.county = Found(name, "option", shown=given.county)

    def _reading(self, sheet: Sheet, file: str, analysis: Analysis) -> SheetReading | None:
        if self.readings is None:
            return None
        context = analysis.context
        reading = SheetReading(
            file,
            sheet.name if sheet.kind in ("xlsx", "xls") else None,
            sheet.kind,
            sheet.encoding,
            analysis.layout,
            analysis.header,
            analysis.columns,
            context.period if analysis.role("period") is None else None,
            context.county if analysis.role("county") is None else None,
            context.filed.isoformat() if context.filed else None,
            context.marked,
        )
        if analysis.layout == "none":
            reading.left_out.append((None, "没有可识别的表格 / no table found"))
        self.readings.append(reading)
        return reading

    def _no_table(
        self, analysis: Analysis, head: Sequence[Row], file: str, sheet: str | None, single: bool
    ) -> None:
        first = next(((line, cells) for line, cells in head if any(c.strip() for c in cells)), None)
        if first is None:
            if single:
                self.out.report(Code.ACTUALS_EMPTY, file, sheet=sheet)
            else:
                self.out.report(Code.ACTUALS_SHEET_SKIPPED, file, sheet=sheet, variant="empty")
            return
        if not single:
            self.out.report(Code.ACTUALS_SHEET_SKIPPED, file, sheet=sheet, scan=HEADER_SCAN)
            return
        roles = {c.role for c in analysis.columns}
        missing = [m for m in REQUIRED if m not in roles]
        if analysis.reason == "no-value-columns":
            missing = [m for m in ("indicator", "value") if m not in roles]
        line = analysis.header[0] or first[0]
        # a header cell near an indicator's name: a wide table whose indicator was misnamed
        hints = (
            {"header": c.header, **hint_args(c.header, self.indicator_texts)}
            for c in analysis.columns
            if c.role == "ignored" and c.header
        )
        near = next((h for h in hints if h["hint"]), None)
        self.out.report(
            Code.ACTUALS_MISSING_COLUMN,
            file,
            line,
            1,
            sheet=sheet,
            variant="indicator-like" if near else "",
            missing=", ".join(missing),
            missing_zh="、".join(HEADER_ZH[m] for m in missing),
            accepted="; ".join("/".join(HEADERS[m]) for m in missing),
            fields=near,
        )

    def _columns(self, analysis: Analysis, file: str, sheet: str | None) -> Columns | None:
        """Which column holds what (for the long layout), with each column left out listed;
        None (and an error) when a column is named twice or a month or county is unknown."""
        line = analysis.header[0]
        columns: dict[str, int | None] = dict.fromkeys(FIELDS)
        ok = True
        for column in analysis.columns:
            role, header = column.role, column.header
            if role == "ignored":
                if header:
                    wide = analysis.layout == "wide"  # meant as an indicator, most likely
                    self.out.report(
                        Code.ACTUALS_UNKNOWN_COLUMN,
                        file,
                        line,
                        column.index + 1,
                        sheet=sheet,
                        variant="wide" if wide else "",
                        value=header,
                        fields=hint_args(header, self.indicator_texts)
                        if wide
                        else {"known": ", ".join(HEADERS), "known_zh": KNOWN_ZH},
                    )
                continue
            if role == "seq":
                self.out.report(
                    Code.ACTUALS_COLUMN_LEFT_OUT,
                    file,
                    line,
                    column.index + 1,
                    sheet=sheet,
                    value=header,
                    what_zh="序号",
                    what="row numbers",
                )
                continue
            if role == "value" and (analysis.layout == "wide" or column.basis is not None):
                continue  # one of several value columns, each with its own basis
            previous = columns.get(role)
            if previous is not None:
                self.out.report(
                    Code.ACTUALS_DUPLICATE_COLUMN,
                    file,
                    line,
                    column.index + 1,
                    sheet=sheet,
                    name=role,
                    first=previous + 1,
                    second=column.index + 1,
                )
                ok = False
                continue
            columns[role] = column.index
        for what in ("period", "county"):
            if columns[what] is not None:
                continue
            found = getattr(analysis.context, what)
            if found is None:
                self.out.report(
                    Code.ACTUALS_NO_CONTEXT,
                    file,
                    line or None,
                    sheet=sheet,
                    what_zh=WHAT_ZH[what],
                    what="month" if what == "period" else "county",
                    fields=self._title_hint(analysis.context.title if what == "county" else None),
                )
                ok = False
                continue
            self.out.report(
                Code.ACTUALS_CONTEXT,
                file,
                found.line,
                found.column,
                sheet=sheet,
                what_zh=WHAT_ZH[what],
                what="month" if what == "period" else "county",
                origin_zh=ORIGIN_ZH[found.origin],
                origin=found.origin.replace("_", " "),
                value=found.shown or found.text,
            )
        return columns if ok else None

    # -- the long layout: a row per figure, or per indicator with one column per basis -------

    def _long(
        self,
        rows: Iterator[Row],
        analysis: Analysis,
        book: Book,
        col: Columns,
        reading: SheetReading | None,
    ) -> int:
        basis_columns = [c for c in analysis.value_columns if c.basis is not None]
        context = analysis.context
        tidy = not basis_columns and col["period"] is not None and col["county"] is not None
        if tidy:  # inspect too: a tidy table is read exactly as every command reads it
            return self._stream(rows, book, col, len(analysis.columns), reading)
        if not basis_columns:
            assert col["value"] is not None
            only = next(c for c in analysis.columns if c.index == col["value"])
            ytd = context.period is not None and context.period.ytd and col["period"] is None
            basis_columns = [ColumnRole(only.index, only.header, "value", "ytd" if ytd else None)]
        form = not tidy
        # two rows that differ only in their 序号 are one row given twice (not two rows that
        # differ in a column not read, such as 乡镇 or 类别: each its own figure)
        numbering = {c.index for c in analysis.columns if c.role == "seq"}
        figures = {c.index for c in basis_columns}
        count = 0
        totals: dict[tuple[str, str, int], Decimal] = {}
        table = list(_sub_rows(rows, col["indicator"]))
        # the indicators rows of their own give figures of: a 其中 row naming one of them is
        # part of the row above, not a second figure of it
        given = {
            self.checker.indicator(squeeze(_getter(cells)(col["indicator"])))
            for (_, cells), sub, _ in table
            if not sub and any(_is_figure(_getter(cells)(c.index)) for c in basis_columns)
        }
        # the indicators a 其中 row names (read as it when its own row is blank: no notice)
        in_sub_rows = {
            self.checker.indicator(sub_row_name(_getter(cells)(col["indicator"])))
            for (_, cells), sub, item in table
            if sub and item
        }
        parent: Sequence[str] = ()  # the last row that is not a 其中 row
        # the blank cells of rows read from their other columns (本月 blank beside 1-N月累计):
        # said once a column, at the first of them
        blanks: dict[int, list[int]] = {}
        kinds = {i.id: i.kind for i in self.plan.indicators}
        for (line, cells), sub, item in table:
            if not any(c.strip() for c in cells):
                continue
            if is_footer(cells):
                self._left_out(book, line, reading, "", next(c for c in cells if c.strip()))
                continue
            get = _getter(cells)
            indicator = get(col["indicator"])
            county = get(col["county"]) if col["county"] is not None else ""
            own = None  # a 其中 row naming an indicator of the plan is read as that indicator
            if sub:  # read as an indicator: a 其中 row (not a line under it) that names one
                named = sub_row_name(indicator)
                own = self.checker.indicator(named) if item else None
                if (
                    own is None
                    or own in given
                    or not self._fits(book, line, cells, col, basis_columns, analysis, named)
                    or _above(cells, parent, col, basis_columns)
                ):
                    self._left_out(book, line, reading, "subrow", indicator)
                    continue
                indicator = named
            else:
                parent = cells
            first = next((c for c in cells if c.strip()), "")  # 合计 often stands in 序号
            if self.is_total(county) or self.is_total(indicator) or self.is_total(first):
                checked = self._total(book, line, cells, col, basis_columns, totals, indicator)
                label = next(c for c in (county, indicator, first) if self.is_total(c)).strip()
                # not read as figures, said as a tidy table's total row is (it was silent;
                # inspect lists it below, with whether it was checked)
                self._left_out(book, line, None, "total", label)
                if reading is not None:
                    reading.left_out.append(
                        (line, f"合计行：已与各行之和核对 / a total row, checked: {label}")
                        if checked
                        else (
                            line,
                            f"合计行：未核对（没有同一指标、同一月份的行可加） / a total row, "
                            f"not checked (no rows of the same indicator and month): {label}",
                        )
                    )
                continue
            if form and indicator and self.checker.indicator(indicator.strip()) is None:
                self._unknown_row(
                    book, line, cells, col, basis_columns, analysis, indicator, reading
                )
                continue
            taken = False
            for value_col in basis_columns:
                figure, period = self._cell(
                    book,
                    line,
                    cells,
                    col,
                    value_col,
                    analysis,
                    indicator,
                    indicator_text=indicator if own is not None else None,
                )
                if figure is None:
                    continue
                significant = [c if i not in numbering else "" for i, c in enumerate(cells)]
                words = [c if i not in figures else "" for i, c in enumerate(significant)]
                self._record(
                    book, figure, line, (line, value_col.index + 1), significant, reading, words
                )
                cell = (book.file, line, book.sheet, figure.basis)
                self.ledger.cells.setdefault(cell, value_col.index + 1)
                key = (squeeze(indicator), period or "", value_col.index)
                totals[key] = totals.get(key, ZERO) + _number(get(value_col.index))
                taken = True
            if form and taken:  # (a column of a basis the indicator has: 期末数 of a stock,
                # 1-N月累计 of a flow; a flow's blank 期末数 is no figure left out)
                kind = kinds.get(self.checker.indicator(squeeze(indicator)) or "")
                for c in basis_columns:
                    if not get(c.index).strip() and _applies(c.basis, kind):
                        blanks.setdefault(c.index, []).append(line)
            blank = not any(get(c.index).strip() for c in basis_columns)
            if (
                form
                and not taken
                and blank
                and indicator.strip()
                and self.checker.indicator(indicator.strip()) not in in_sub_rows
            ):
                # an indicator's row left blank: said at its place (the month is not reported
                # for it, never a 0; returns.partial says so when it was reported before)
                self._left_out(book, line, reading, "blank", indicator)
            count += taken or not form
        headers = {
            c.index: c.header.strip() or BASIS_ZH.get(c.basis or "", "") for c in basis_columns
        }
        for index, lines in blanks.items():
            letter = column_letters(index + 1)
            listed = [f"{letter}{n}" for n in lines[:5]]
            shown = "、".join(listed) + ("等" if len(lines) > 5 else "")
            shown_en = ", ".join(listed) + (", …" if len(lines) > 5 else "")
            self.out.report(
                Code.ACTUALS_NO_FIGURE,
                book.file,
                lines[0],
                index + 1,
                sheet=book.sheet,
                variant="blank-cells",
                value=headers[index],
                count=len(lines),
                cells=shown,
                blank_en=f"{len(lines)} blank cell" + ("s" if len(lines) > 1 else ""),
                cells_en=shown_en,
            )
        return count

    def _stream(
        self,
        rows: Iterator[Row],
        book: Book,
        col: Columns,
        width: int,
        reading: SheetReading | None = None,
    ) -> int:
        """The hot loop of tidy long tables: the fast path first (see :mod:`.fastpath`), else
        the checker. With ``reading`` (inspect), every row takes the checker's path, so that
        each figure and each row left out is listed (the results are the same)."""
        fast = FastPath(col)
        keys, periods, key_of = fast.keys, fast.periods, fast.key_of
        c_period, c_value, c_note = fast.c_period, col["value"], col["note"]
        assert c_value is not None
        use_fast = self.fast and reading is None
        file, sheet = book.file, book.sheet
        first_hash, repeated = book.first, book.repeated
        from_january = self.checker.from_january
        # a row may be a footer (注：…, 填报人：…) only if a cell left of its month is filled
        lead = min(c for c in (c_period, col["county"]) if c is not None)
        count = 0
        for line, cells in rows:
            count += 1
            if use_fast and len(cells) >= width and not (lead and is_footer(cells)):
                hit = keys.get(key_of(cells))
                if hit is not None:
                    text = cells[c_value]
                    if (
                        text.isdigit()
                        and text.isascii()
                        and len(text) <= MAX_PLAIN_DIGITS
                        and (c_note is None or not cells[c_note])
                        and not any(cells[width:])
                    ):
                        period = periods.get(cells[c_period])
                        if period is not None:
                            values, origin, factor, county, indicator = hit
                            digest = hash(tuple(cells))
                            cell = (county, indicator, period)
                            old = values.get(period)
                            earlier = None if old is None else repeated(cell, digest, line)
                            if earlier is None:
                                value = Decimal(text) if factor is None else Decimal(text) * factor
                                if old is None:
                                    values[period] = value
                                    if period not in origin:  # the month's first row, any basis
                                        origin[period] = (file, line, sheet)
                                    first_hash[cell] = (digest, line)
                                else:
                                    values[period] = old + value
                                continue
                            # a repeated row: warned of, counted once
                            self.ledger.duplicate(
                                book, county, indicator, period, (line, c_value + 1), earlier
                            )
                            continue
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            counted, figure, series = self._row(book, line, cells, col, width, reading)
            if not counted:
                count -= 1
            elif (
                series is not None
                and figure is not None
                and cells[c_period].strip() not in from_january  # 2020年1-6月: 累计 unless said
            ):
                fast.learn(cells, figure, series)
        return count

    def _row(
        self,
        book: Book,
        line: int,
        cells: Sequence[str],
        col: Columns,
        width: int,
        reading: SheetReading | None = None,
    ) -> tuple[bool, Figure | None, Series | None]:
        """One row of a tidy long table through the checker and into the ledger: whether it
        counts as a row read (a blank, total or footer row does not), and the figure and the
        series it went into."""
        if not any(c.strip() for c in cells):
            return False, None, None
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            self.out.report(
                Code.ACTUALS_EXTRA_CELLS,
                book.file,
                line,
                width + 1,
                sheet=book.sheet,
                cells=len(cells),
                width=width,
            )
            return True, None, None
        if len(cells) < width:
            cells = [*cells, *[""] * (width - len(cells))]
        county_cell = cells[col["county"]] if col["county"] is not None else ""
        if self.is_total(county_cell) or is_footer(cells):
            self._left_out(
                book,
                line,
                reading,
                "total" if self.is_total(county_cell) else "",
                county_cell if self.is_total(county_cell) else next(c for c in cells if c.strip()),
            )
            return False, None, None
        c_value = col["value"]
        assert c_value is not None
        if is_no_figure(cells[c_value]):  # “—”, “/”, “无”: no figure, not a 0
            # every other cell is checked as in any row (a 0 in its place is never recorded)
            probe = [*cells[:c_value], "0", *cells[c_value + 1 :]]
            checked = self.checker.check(book.file, line, probe, col, sheet=book.sheet)
            if checked is not None:
                name = self.ledger.names[checked.indicator]
                self._no_figure(book, line, c_value, checked.basis, cells[c_value], name)
            return True, None, None
        figure = self.checker.check(book.file, line, cells, col, sheet=book.sheet)
        if figure is None:
            return True, None, None
        series = self.ledger.record(book, figure, line, (line, c_value + 1), cells)
        if series is not None and reading is not None:
            self._listed(reading, figure, line, c_value + 1)
        return True, figure, series

    def _virtual(
        self,
        line: int,
        cells: Sequence[str],
        col: Columns,
        value_col: ColumnRole,
        analysis: Analysis,
        *,
        indicator_text: str | None = None,
        indicator_at: tuple[int | None, int | None] | None = None,
    ) -> tuple[list[str], dict[str, tuple[int | None, int | None]]]:
        """A row of the seven fields for the checker, and where each field stands."""
        get = _getter(cells)
        at: dict[str, tuple[int | None, int | None]] = {}
        values: list[str] = []
        ctx = analysis.context
        for name in FIELDS:
            index = col.get(name)
            if name == "value":
                values.append(get(value_col.index))
                at[name] = (line, value_col.index + 1)
            elif name == "indicator" and indicator_text is not None:
                values.append(indicator_text)
                at[name] = indicator_at or (line, None)
            elif (
                name == "basis"
                and value_col.basis is not None
                and (index is None or not get(index))
            ):
                values.append(value_col.basis)
                at[name] = (line, value_col.index + 1)
            elif name == "unit" and value_col.unit and (index is None or not get(index)):
                values.append(value_col.unit)
                at[name] = indicator_at or (analysis.header[0], value_col.index + 1)
            elif index is not None:
                values.append(get(index))
                at[name] = (line, index + 1)
            elif name in ("period", "county"):
                found: Found | None = getattr(ctx, name)
                values.append(found.text if found else "")
                at[name] = (found.line, found.column) if found else (line, None)
            else:
                values.append("")
                at[name] = (line, None)
        return values, at

    # -- the wide layout: a row per county (or month), a column per indicator and basis -------

    def _wide(
        self,
        rows: Iterator[Row],
        analysis: Analysis,
        book: Book,
        col: Columns,
        reading: SheetReading | None,
    ) -> int:
        values = analysis.value_columns
        context = analysis.context
        if context.period is not None and context.period.ytd and col["period"] is None:
            # the month from a title such as （2020年1-6月）: figures without a basis of their
            # own are the year's to date, as in a long form
            values = [replace(c, basis="ytd") if c.basis is None else c for c in values]
        count = 0
        sums: dict[int, Decimal] = {}
        unread: dict[int, list[int]] = {}  # a column's figures not read (an error), by line
        for line, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            if is_footer(cells):
                self._left_out(book, line, reading, "", next(c for c in cells if c.strip()))
                continue
            get = _getter(cells)
            key = get(col["county"]) if col["county"] is not None else get(col["period"])
            if self.is_total(key):
                self._wide_total(book, line, cells, values, sums, key, unread)
                if reading is not None:
                    reading.left_out.append(
                        (line, f"合计行：已与各行之和核对 / a total row, checked: {key.strip()}")
                        if not unread
                        else (
                            line,
                            f"合计行：有未读取的行，部分列未核对 / a total row, partly "
                            f"checked (rows not read): {key.strip()}",
                        )
                    )
                continue
            taken = False
            for value_col in values:
                figure, period = self._cell(
                    book,
                    line,
                    cells,
                    col,
                    value_col,
                    analysis,
                    value_col.indicator or "",
                    indicator_text=value_col.indicator or "",
                    indicator_at=(analysis.header[0], value_col.index + 1),
                )
                if period is None:  # no figure to read
                    continue
                if figure is None:  # (its error is given): the column's sum lacks it
                    unread.setdefault(value_col.index, []).append(line)
                    continue
                self._record(book, figure, line, (line, value_col.index + 1), cells, reading)
                sums[value_col.index] = sums.get(value_col.index, ZERO) + _number(
                    get(value_col.index)
                )
                taken = True
            count += taken
        return count

    # -- pieces --------------------------------------------------------------------------------

    def _cell(
        self,
        book: Book,
        line: int,
        cells: Sequence[str],
        col: Columns,
        value_col: ColumnRole,
        analysis: Analysis,
        name: str,
        *,
        indicator_text: str | None = None,
        indicator_at: tuple[int | None, int | None] | None = None,
    ) -> tuple[Figure | None, str | None]:
        """A value cell of a form or a wide table, checked: its figure (None when the checker
        refuses it, its error given) and the row's month as written; (None, None) for a cell
        with no figure to read (merged under another's, a blank, a no-figure mark: listed)."""
        text = _getter(cells)(value_col.index)
        if self._merged_figure(book, line, value_col.index, text):
            return None, None
        if is_no_figure(text):
            shown = name.strip() or value_col.header
            self._no_figure(book, line, value_col.index, value_col.basis, text, shown)
            return None, None
        if not text.strip():
            return None, None
        virtual, at = self._virtual(
            line,
            cells,
            col,
            value_col,
            analysis,
            indicator_text=indicator_text,
            indicator_at=indicator_at,
        )
        figure = self.checker.check(
            book.file, line, virtual, VIRTUAL, sheet=book.sheet, at=at, stock_ytd_is_level=True
        )
        return figure, virtual[0]

    def _record(
        self,
        book: Book,
        figure: Figure,
        line: int,
        value_at: tuple[int | None, int | None],
        cells: Sequence[str],
        reading: SheetReading | None,
        words: Sequence[str] | None = None,
    ) -> None:
        """A figure into the ledger (``words``: a form's row without its 序号 and figures)."""
        row = [*cells, str(value_at[1])]
        series = self.ledger.record(book, figure, line, value_at, row, words)
        if series is not None and reading is not None:
            self._listed(reading, figure, line, value_at[1])

    def _listed(self, reading: SheetReading, figure: Figure, line: int, column: int | None) -> None:
        """A figure as inspect lists it."""
        from chuangye_cli.periods import Period

        reading.figures.append(
            FigureRow(
                line,
                column,
                str(Period.from_index(figure.period)),
                self.names.county_names[figure.county],
                figure.indicator,
                figure.basis,
                figure.value,
            )
        )

    def _left_out(
        self,
        book: Book,
        line: int,
        reading: SheetReading | None,
        variant: str,
        text: str,
        fields: Mapping[str, object] | None = None,
    ) -> None:
        shown = " ".join(text.split())[:40]
        self.out.report(
            Code.ACTUALS_ROW_LEFT_OUT,
            book.file,
            line,
            sheet=book.sheet,
            variant=variant,
            value=shown,
            fields=fields or {},
        )
        if reading is not None:
            reason = {
                "": "表尾",
                "subrow": "其中分项",
                "unknown": "未知指标",
                "total": "合计",
                "blank": "未填数字",
            }[variant]
            reading.left_out.append((line, f"{reason}：{shown}"))

    def _title_hint(self, title: str | None) -> dict[str, str]:
        """``hint`` and ``hint_en`` of a title that starts with a place that is no county
        (金寨区创业江淮…): the nearest counties."""
        head = AREA_HEAD.match(squeeze(title)) if title else None
        near = hint_args(head.group(0), [c.name for c in self.plan.counties]) if head else None
        if head is None or near is None or not near["hint"]:
            return {"hint": "", "hint_en": ""}
        place = head.group(0)
        return {
            "hint": f"；标题开头的 “{place}” 不是县区{near['hint']}",
            "hint_en": f"; the title's “{place}” is no county{near['hint_en']}",
        }

    def _fits(
        self,
        book: Book,
        line: int,
        cells: Sequence[str],
        col: Columns,
        basis_columns: Sequence[ColumnRole],
        analysis: Analysis,
        indicator: str,
    ) -> bool:
        """Whether a 其中 row's figures fit the indicator it names (其中：大学生创业 60 万元 under
        the loans does not fit 促进大学生等青年创业, counted in 人): checked on the side,
        nothing reported."""
        checker = RowChecker(self.plan, Collector(limit=10**6))
        get = _getter(cells)
        for value_col in basis_columns:
            text = get(value_col.index)
            if not text.strip() or is_no_figure(text):
                continue
            virtual, at = self._virtual(
                line, cells, col, value_col, analysis, indicator_text=indicator
            )
            checker.check(
                book.file, line, virtual, VIRTUAL, sheet=book.sheet, at=at, stock_ytd_is_level=True
            )
        return not any(d.severity == "error" for d in checker.out.items)

    def _unknown_row(
        self,
        book: Book,
        line: int,
        cells: Sequence[str],
        col: Columns,
        basis_columns: Sequence[ColumnRole],
        analysis: Analysis,
        name: str,
        reading: SheetReading | None,
    ) -> None:
        """A form's row whose name is no indicator: a warning at its name when it holds
        figures (带动就业人员 30: most likely an indicator under another name), else a notice."""
        get = _getter(cells)
        # the indicators near its name that its figures fit (创业担保贷款回收率 in % is no
        # 发放创业担保贷款 in 万元), and the one it is likely to stand for (what a return lacking
        # it can name)
        texts = self.indicator_texts
        names = {texts[t] for t in suggest(name, texts)}
        fit = {n for n in names if self._fits(book, line, cells, col, basis_columns, analysis, n)}
        texts = {t: n for t, n in texts.items() if n in fit}
        hint = hint_args(name, texts)
        near = {self.checker.indicator(t) for t in suggest(name, texts)}
        meant = next(iter(near)) if len(near) == 1 else None
        figures = [
            f"{c.header.strip() or c.basis} {get(c.index).strip()}"
            for c in basis_columns
            if _is_figure(get(c.index))
        ][:4]
        if not figures:
            self._left_out(book, line, reading, "unknown", name, hint)
            return
        shown = " ".join(name.split())[:40]
        # whose row of which month, when the form says, in a column or from the title or an
        # option (the bulletin names it in its view)
        where: dict[str, str] = {}
        virtual, _ = self._virtual(line, cells, col, basis_columns[0], analysis)
        said = dict(zip(FIELDS, virtual, strict=True))
        county = self.plan.county_lookup.get(said["county"].strip())
        month = self.checker.period(said["period"].strip())
        if county is not None and isinstance(month, int):
            where = {
                "county": self.names.county_names[county],
                "period": str(Period.from_index(month)),
            }
        self.out.report(
            Code.ACTUALS_ROW_NOT_READ,
            book.file,
            line,
            (col["indicator"] or 0) + 1,
            sheet=book.sheet,
            value=shown,
            figures="，".join(figures),
            hint=hint["hint"],
            hint_en=hint["hint_en"],
            meant=meant or "",
            fields=where,
        )
        if reading is not None:
            reading.left_out.append((line, f"未知指标，有数字：{shown}"))

    def _template_rows(
        self,
        book: Book,
        rows: Mapping[int, Sequence[str]],
        first: int,
        recorded: Sequence[str],
        values: Sequence[int],
        reading: SheetReading | None,
    ) -> Iterator[tuple[int, str]]:
        """The rows of our 填报表 with the indicator each is read as: the one its 指标名称
        names (a row added, deleted or moved by the clerk is read by its name, not its place;
        a name that is no indicator is the checker's located error), else, with the name
        blanked, the one the hidden record has at that place. 其中 rows are left out and
        listed, unless they name an indicator of the plan (其中：新增小微创业企业) whose own
        row has no figure, which they are read as; the table ends at its footer (注：, 填表人)."""
        lines = sorted(k for k in rows if k >= first)
        given = {  # indicators with figures on rows of their own (a 其中 row of one is not read)
            self.checker.indicator(squeeze(rows[k][1]))
            for k in lines
            if len(rows[k]) > 1
            and not is_sub_row(rows[k][1])
            and any(_is_figure(_getter(rows[k])(v)) for v in values)
        }
        for line in lines:
            cells = rows[line]
            if is_footer(cells):
                return
            name = cells[1].strip() if len(cells) > 1 else ""
            if is_sub_row(name):
                own = self.checker.indicator(sub_row_name(name))
                if own is None or own in given:
                    self._left_out(book, line, reading, "subrow", name)
                    continue
                name = own
            known = self.checker.indicator(name) if name else None
            at = line - first
            if known is not None:
                yield line, known
            elif name:
                yield line, name  # the checker says it is no indicator, with a hint
            else:  # no name: the record's (a figure past them is the checker's error)
                yield line, recorded[at] if at < len(recorded) else ""

    def _merged_figure(self, book: Book, line: int, index: int, text: str) -> bool:
        """Whether the value cell at ``line`` lies under the first row of a merged range (its
        figure is that row's): if it holds one, a warning at the cell."""
        column = index + 1
        span = next(
            (m for m in self.covered if m[0] < line <= m[2] and m[1] <= column <= m[3]), None
        )
        if span is None:
            return False
        if text.strip() and line == span[0] + 1:  # once per range and column
            self.out.report(
                Code.ACTUALS_MERGED_FIGURE,
                book.file,
                span[0],
                column,
                sheet=book.sheet,
                value=text.strip(),
                first=span[0],
                last=span[2],
            )
        return True

    def _total_in_month_column(
        self,
        book: Book,
        line: int,
        cells: Sequence[str],
        columns: Mapping[str, str],
        indicator: str,
        period: str,
        county: str,
    ) -> None:
        """On our 填报表: a 本月 figure not smaller than the 上月累计 the form shows for
        reference is most likely the running total typed in the month's column (with the
        1-N月累计 beside it or not): a warning at the cell."""
        get = _getter(cells)
        month_at = _column_index(columns.get("increment", "D"))
        month_text = get(month_at)
        reference = get(_column_index(PREVIOUS_COLUMN))
        if not reference.strip():
            return
        try:
            month_value, before = parse_value(month_text), parse_value(reference)
        except ValueProblem:
            return
        if month_value.unit is not None or before.scaled <= 0 or month_value.scaled < before.scaled:
            return
        ytd_column = columns.get("ytd")
        total = _number(get(_column_index(ytd_column)), None) if ytd_column else None
        if total is not None and total == before.scaled + month_value.scaled:
            return  # the 1-N月累计 beside it agrees: small counts (上月累计 1, 本月 1, 累计 2)
        known = self.checker.indicator(indicator)
        # far above the 上月累计, and within it divided by 10^4 (10^8): a unit slip, as the
        # month's plausibility says too, not the year's total in the month's column
        slip = slip_of(month_value.scaled, before.scaled)
        self.out.report(
            Code.ACTUALS_MONTH_TOTAL,
            book.file,
            line,
            month_at + 1,
            sheet=book.sheet,
            variant="cumulative" if slip is None else "cumulative-magnitude",
            county=self.names.county_names.get(county, county),
            indicator=self.ledger.names[known] if known is not None else indicator,
            period=period,
            month_value=month_text.strip(),
            total=reference.strip(),
            unit=get(2).strip(),
            fields={}
            if slip is None
            else {
                "mark": slip[1],
                "times": f"{slip[0]:,}",
                "meant": plain(month_value.scaled / slip[0]),
            },
        )

    def _no_figure(
        self,
        book: Book,
        line: int,
        index: int,
        basis: Basis | None,
        text: str,
        indicator: str,
    ) -> None:
        """A cell that says there is no figure (—, /, 无), at its place: listed, never a 0."""
        basis = basis or "increment"
        self.out.report(
            Code.ACTUALS_NO_FIGURE,
            book.file,
            line,
            index + 1,
            sheet=book.sheet,
            value=text.strip(),
            indicator=indicator,
            basis=basis,
            basis_zh=BASIS_ZH.get(basis, basis),
        )

    def _total(
        self,
        book: Book,
        line: int,
        cells: Sequence[str],
        col: Columns,
        value_columns: Sequence[ColumnRole],
        totals: Mapping[tuple[str, str, int], Decimal],
        indicator: str,
    ) -> int:
        """A 合计 row of a long table: each of its figures against the sum of the rows above
        with the same indicator and month; how many figures could be compared."""
        get = _getter(cells)
        period = get(col["period"]) if col["period"] is not None else ""
        compared = 0
        for value_col in value_columns:
            declared = _number(get(value_col.index), None)
            if declared is None:
                continue
            computed = totals.get((squeeze(indicator), period, value_col.index))
            if computed is None:
                continue
            compared += 1
            if computed != declared:
                self._total_warning(book, line, value_col, indicator, declared, computed)
        return compared

    def _wide_total(
        self,
        book: Book,
        line: int,
        cells: Sequence[str],
        value_columns: Sequence[ColumnRole],
        sums: Mapping[int, Decimal],
        label: str,
        unread: Mapping[int, Sequence[int]],
    ) -> None:
        """A wide table's total row against the sum of each column; a column with a figure
        that could not be read (an error) is not checked, with a notice naming its rows (its
        sum lacks them: a difference would be theirs)."""
        get = _getter(cells)
        unchecked = []
        for value_col in value_columns:
            declared = _number(get(value_col.index), None)
            if declared is None:
                continue
            if value_col.index in unread:
                unchecked.append(value_col)
                continue
            computed = sums.get(value_col.index, ZERO)
            if computed != declared:
                self._total_warning(
                    book, line, value_col, value_col.indicator or "", declared, computed, label
                )
        if unchecked:
            lines = sorted({n for c in unchecked for n in unread[c.index]})
            self.out.report(
                Code.ACTUALS_ROW_LEFT_OUT,
                book.file,
                line,
                sheet=book.sheet,
                variant="unchecked",
                value=squeeze(label) or "合计",
                columns=len(unchecked),
                rows="、".join(map(str, lines)),
            )

    def _total_warning(
        self,
        book: Book,
        line: int,
        value_col: ColumnRole,
        indicator: str,
        declared: Decimal,
        computed: Decimal,
        label: str = "合计",
    ) -> None:
        basis = value_col.basis or "increment"
        self.out.report(
            Code.ACTUALS_TOTAL,
            book.file,
            line,
            value_col.index + 1,
            sheet=book.sheet,
            label=squeeze(label) or "合计",
            indicator=indicator.strip(),
            basis=basis,
            basis_zh=BASIS_ZH.get(basis, basis),
            declared=plain(declared),
            computed=plain(computed),
        )


def _column_index(letters: str) -> int:
    """0-based index of a column's letters: A → 0."""
    index = 0
    for ch in letters.strip().upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def _above(
    cells: Sequence[str], parent: Sequence[str], col: Columns, columns: Sequence[ColumnRole]
) -> bool:
    """Whether a 其中 row gives more than the row it is part of, in the same unit (新增注册企业
    100, 其中：新增小微创业企业 150): no part of it, nor a figure to read."""
    get, above = _getter(cells), _getter(parent)

    def unit(row: _Get) -> str:  # the unit column's, else one in brackets in the name
        return row(col["unit"]).strip() or (split_unit(row(col["indicator"]))[1] or "")

    texts = [unit(get) or unit(above), unit(above)]  # (a blank unit: the row above's)
    units = [get_unit(t) if t else None for t in texts]
    if units[0] is None or units[1] is None:  # (the same factor, or nothing to compare by)
        factors = (Decimal(1), Decimal(1)) if texts[0] == texts[1] else None
    elif units[0].measure is units[1].measure:
        factors = (units[0].factor, units[1].factor)
    else:
        factors = None
    if factors is None:
        return False
    for c in columns:
        part, whole = _number(get(c.index), None), _number(above(c.index), None)
        if part is not None and whole is not None and part * factors[0] > whole * factors[1]:
            return True
    return False


def _is_figure(text: str) -> bool:
    """Whether a cell holds a number the reader would take (统计局, 7月5日 do not)."""
    if not text.strip() or is_no_figure(text):
        return False
    try:
        parse_value(text)
    except ValueProblem:
        return False
    return True


def _sub_rows(rows: Iterable[Row], at: int | None) -> Iterator[tuple[Row, bool, bool]]:
    """The rows of a form, each with whether it is a 其中 row (one whose name starts with
    其中/含：, and the lines after it indented further than the row above it; the group ends
    at the first line that is not), and whether it is an item of the row above (a 其中 row
    that names one, or a line under a bare 其中：) rather than a part of an item."""
    group: int | None = None  # in a 其中 group: the indent of the row above it
    parent = 0  # the indent of the last row that is not a 其中 row
    bare = False  # the group opened with a bare 其中： (its lines are the items)
    for line, cells in rows:
        name = cells[at] if at is not None and at < len(cells) else ""
        indent = len(name) - len(name.lstrip())
        if is_sub_row(name):
            if group is None:
                group, bare = parent, not sub_row_name(name)
            yield (line, cells), True, bool(sub_row_name(name))
        elif group is not None and name.strip() and indent > group:
            yield (line, cells), True, bare
        else:
            if name.strip():
                group, parent, bare = None, indent, False
            yield (line, cells), False, False


def _getter(cells: Sequence[str]) -> _Get:
    return _Get(cells)


class _Get:
    def __init__(self, cells: Sequence[str]) -> None:
        self.cells = cells

    def __call__(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]


def _number(text: str, default: Decimal | None = ZERO) -> Decimal:
    """A cell's number as written (for totals); ``default`` when it is not one."""
    try:
        return parse_value(text).scaled
    except ValueProblem:
        return default  # type: ignore[return-value]
