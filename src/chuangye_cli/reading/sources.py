"""File sources: whatever the format, a sheet yields ``(line, cells)`` — the line (text files)
or row (spreadsheets) where a row starts, and its cells as text — and says its name, whether
it is visible, and which cells are merged.

Text files: CSV or tab-separated, UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's
“Unicode 文本”) or GB18030. Spreadsheets: .xlsx, .xlsm and .xls, read with calamine (a
maintained reader in Rust, about 20 times faster than openpyxl), after the package has been
checked against the limits of :mod:`chuangye_cli.xlsxguard`. Only regular files are read.
"""

from __future__ import annotations

import codecs
import csv
import os
import pickle
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Collector
from chuangye_cli.files import not_regular

TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")
ACTUALS_SUFFIXES = TEXT_SUFFIXES + SHEET_SUFFIXES
MAX_CELL_CHARS = 32767  # Excel's own limit for the text of one cell
Row = tuple[int, Sequence[str]]
Kind = Literal["csv", "text", "xlsx", "xls"]


class SourceProblem(Exception):
    """A file or sheet that cannot be read: a catalogue code, where, and message arguments."""

    def __init__(
        self,
        code: Code,
        line: int | None = None,
        column: int | None = None,
        variant: str = "",
        **args: object,
    ) -> None:
        super().__init__(code)
        self.code, self.line, self.column, self.variant, self.args_ = (
            code,
            line,
            column,
            variant,
            args,
        )


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders replaced by the readable files directly inside them (CSV,
    text, Excel). A file named twice (or as a file and through its folder) is read once."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.iterdir()
                    if p.suffix.lower() in ACTUALS_SUFFIXES
                    and not p.name.startswith((".", "~$"))
                    and (p.is_file() or not_regular(p) is not None)
                )
            )
        else:
            files.append(path)
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def detect_encoding(path: Path) -> tuple[str | None, int | None]:
    """``(encoding, None)`` for UTF-16 with a BOM, UTF-8 (with or without BOM) or GB18030;
    ``(None, line)`` if none, with the line of the first byte that could not be decoded.

    Decodes the whole file in chunks without keeping it: GBK/GB18030 bytes fail UTF-8 decoding,
    so trying UTF-8 first and falling back is reliable.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif head.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "gb18030")
    failure: int | None = None
    for encoding in encodings:
        decoder = codecs.getincrementaldecoder(encoding)()
        line = 1
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    try:
                        text = decoder.decode(chunk)
                    except UnicodeDecodeError as exc:
                        line += chunk.count(b"\n", 0, max(exc.start, 0))
                        raise
                    line += text.count("\n")
                decoder.decode(b"", final=True)
            return encoding, None
        except UnicodeDecodeError:
            failure = line
    return None, failure


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold: numbers exactly as stored (no exponent,
    no “.0”), dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer() and abs(value) < 1e18:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


_DAMAGED = frozenset(
    {
        "xlsx.damaged",
        "xlsx.not-zip",
        "xlsx.encrypted",
        "xlsx.old-format",
        "xlsx.unreadable",
        "xlsx.dtd",
        "xlsx.markup",
    }
)
Merged = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)


@dataclass
class Sheet:
    """One table of a file: a text file, or one sheet of a workbook."""

    path: Path
    kind: Kind
    encoding: str | None = None
    name: str | None = None  # the sheet's name in a workbook
    visible: bool = True
    merged: list[Merged] = field(default_factory=list)
    _rows: Any = field(default=None, repr=False)  # the workbook sheet (calamine)

    def rows(self) -> Iterator[Row]:
        if self.kind in ("csv", "text"):
            assert self.encoding is not None
            return _text_rows(self.path, self.encoding)
        if isinstance(self._rows, list):  # read already (a .xls, in a child process)
            return iter(self._rows)
        return _sheet_rows(self._rows, self.name)


def _text_rows(path: Path, encoding: str) -> Iterator[Row]:
    """Rows of a CSV or tab-separated file with the line each starts on. A quoted cell may
    span lines; every physical line belongs to one row, so a row starts where the last ended."""
    csv.field_size_limit(MAX_CELL_CHARS)  # a longer cell stops the file: memory stays bounded
    with path.open(encoding=encoding, newline="") as fh:
        sample = fh.readline(1 << 16)
        fh.seek(0)
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        reader = csv.reader(fh, delimiter=delimiter)
        end = 0
        try:
            for cells in reader:
                start, end = end + 1, reader.line_num
                yield start, cells
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise SourceProblem(
                    Code.ACTUALS_CELL_TOO_LONG,
                    reader.line_num,
                    length=f">{MAX_CELL_CHARS}",
                    limit=MAX_CELL_CHARS,
                ) from None
            raise SourceProblem(Code.ACTUALS_CSV, reader.line_num, reason=str(exc)) from None


def open_sheets(path: Path, out: Collector) -> list[Sheet] | None:
    """The sheets of a file (one for a text file); None, with the diagnostic said, when the
    file is not read: not a regular file, a type not read, or damaged."""
    file = str(path)
    what = not_regular(path)
    if what is not None:
        out.report(Code.ACTUALS_NOT_REGULAR, file, what_zh=what[0], what=what[1])
        return None
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            return [text_sheet(path)]
        if suffix in SHEET_SUFFIXES:
            return workbook_sheets(path)
    except SourceProblem as problem:
        report_problem(out, problem, file)
        return None
    out.report(Code.ACTUALS_FORMAT, file)
    return None


def choose_sheet(
    path: Path, sheets: list[Sheet], sheet: str | None, out: Collector
) -> list[Sheet] | None:
    """The sheets to read: the one ``--sheet`` names in a workbook, else all; None, with the
    error said, when the workbook has no sheet of that name."""
    if sheet is None or path.suffix.lower() not in SHEET_SUFFIXES:
        return sheets
    chosen = [s for s in sheets if s.name == sheet]
    if not chosen:
        out.report(
            Code.ACTUALS_SHEET,
            str(path),
            value=sheet,
            sheets="、".join(s.name or "" for s in sheets),
        )
        return None
    return chosen


def report_problem(
    out: Collector, problem: SourceProblem, file: str, sheet: str | None = None
) -> None:
    """A file or sheet that could not be read, at the place the problem names."""
    out.report(
        problem.code,
        file,
        problem.line,
        problem.column,
        sheet=sheet,
        variant=problem.variant,
        fields=problem.args_,
    )


def text_sheet(path: Path) -> Sheet:
    """A CSV or text file as one sheet (its encoding detected)."""
    encoding, bad_line = detect_encoding(path)
    if encoding is None:
        raise SourceProblem(Code.ACTUALS_ENCODING, bad_line)
    kind: Kind = "text" if path.suffix.lower() in (".txt", ".tsv") else "csv"
    return Sheet(path, kind, encoding)


def workbook_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a workbook, with its visibility and merged cells. An .xlsx package is
    first checked against the limits (declared size, inflated bytes, cell text), in bounded time;
    an .xls (a binary format with no such directory to check) is read in a child process with
    bounded memory and time, where the system allows (not on Windows)."""
    if path.suffix.lower() == ".xls" and hasattr(os, "fork"):
        return _xls_in_a_child(path)
    if path.suffix.lower() != ".xls":
        from chuangye_cli.xlsxguard import check_workbook

        problem = check_workbook(path)
        if problem is not None:
            zh, _, en = str(problem).partition(" / ")
            damaged = problem.code in _DAMAGED
            raise SourceProblem(
                Code.ACTUALS_XLSX if damaged else Code.ACTUALS_TOO_LARGE,
                problem.row,
                problem.column,
                reason=en or zh,
                reason_zh=zh,
            )
    try:
        return _calamine_sheets(path)
    except SourceProblem:
        raise
    except BaseException as exc:  # calamine raises its own kinds on a damaged workbook
        raise _damaged(exc) from None


XLS_MEMORY = 512 * 2**20  # address space of the child that reads an .xls
XLS_SECONDS = 20  # its processor time
XLS_BYTES = 64 * 2**20  # an .xls (at most 65,536 rows a sheet) is never this big


def _xls_in_a_child(path: Path) -> list[Sheet]:
    """Read an .xls in a forked child limited in memory and time: a damaged or hostile file
    can make the reader ask for gigabytes or panic; the child dies instead of this process."""
    if path.stat().st_size > XLS_BYTES:
        raise SourceProblem(
            Code.ACTUALS_TOO_LARGE,
            reason=f"the file is over {XLS_BYTES // 2**20} MiB",
            reason_zh=f"文件超过 {XLS_BYTES // 2**20} MiB",
        )
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, send the sheets as data, exit
        code = 0
        try:
            os.close(read_end)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)  # a Rust panic would print its backtrace
            import faulthandler

            faulthandler.disable()  # an abort at the memory limit is expected here: no report
            import resource  # (not on Windows, where there is no fork either)

            resource.setrlimit(resource.RLIMIT_AS, (XLS_MEMORY, XLS_MEMORY))
            resource.setrlimit(resource.RLIMIT_CPU, (XLS_SECONDS, XLS_SECONDS))
            try:
                sheets = [
                    (s.name, s.visible, s.merged, list(_sheet_rows(s._rows, s.name)))
                    for s in _calamine_sheets(path)
                ]
                payload = pickle.dumps(("ok", sheets))
            except SourceProblem as problem:
                payload = pickle.dumps(
                    ("problem", (problem.code, problem.line, problem.column, problem.args_))
                )
            except BaseException as exc:
                payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
            with os.fdopen(write_end, "wb") as fh:
                fh.write(payload)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        payload = fh.read()
    os.waitpid(pid, 0)
    if not payload:
        raise SourceProblem(
            Code.ACTUALS_XLSX,
            reason="the reader stopped (damaged, or beyond the limits of memory and time)",
            reason_zh="读取中止（文件损坏，或超出内存和时间限制）",
        )
    kind, data = pickle.loads(payload)
    if kind == "problem":
        code, line, column, args = data
        raise SourceProblem(code, line, column, **args)
    if kind == "error":
        raise SourceProblem(Code.ACTUALS_XLSX, reason=data, reason_zh=data)
    return [
        Sheet(path, "xls", None, name, visible, merged, rows)
        for name, visible, merged, rows in data
    ]


def _calamine_sheets(path: Path) -> list[Sheet]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    metadata = {m.name: m for m in book.sheets_metadata}
    sheets = []
    for name in book.sheet_names:
        ws = book.get_sheet_by_name(name)
        state = getattr(metadata.get(name), "visible", None)
        visible = state is None or state == python_calamine.SheetVisibleEnum.Visible
        merged = [(a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1) for a, b in ws.merged_cell_ranges or ()]
        kind: Kind = "xls" if path.suffix.lower() == ".xls" else "xlsx"
        sheets.append(Sheet(path, kind, None, name, visible, merged, ws))
    return sheets


def _sheet_rows(ws: Any, name: str | None) -> Iterator[Row]:
    """Rows of a workbook sheet, numbered as Excel numbers them. calamine yields rows from the
    first row of the sheet, and columns from the first used column: those before it are put
    back, so that column numbers are Excel's too."""
    try:
        _, first_col = ws.start or (0, 0)
        pad = [""] * first_col
        for number, values in enumerate(ws.iter_rows(), 1):
            cells = [cell_text(v) for v in values]
            for column, text in enumerate(cells, first_col + 1):
                if len(text) > MAX_CELL_CHARS:
                    raise SourceProblem(
                        Code.ACTUALS_CELL_TOO_LONG,
                        number,
                        column,
                        length=len(text),
                        limit=MAX_CELL_CHARS,
                    )
            yield number, pad + cells if pad else cells
    except SourceProblem:
        raise
    except BaseException as exc:
        raise _damaged(exc) from None


def _damaged(exc: BaseException) -> SourceProblem:
    """A workbook calamine could not read. It panics (a ``BaseException``) on some damaged
    files: that is a damaged file too; an interruption is not."""
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        raise exc
    reason = str(exc) or type(exc).__name__
    return SourceProblem(Code.ACTUALS_XLSX, reason=reason, reason_zh=reason)
