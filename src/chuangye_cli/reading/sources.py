"""File sources: whatever the format, a table yields ``(line, cells)`` — the line (CSV) or row
(spreadsheet) where a row starts, and its cells as text.

Only regular files are read: a FIFO, a device or a folder given as a file is refused before it
is opened, so that nothing blocks.
"""

from __future__ import annotations

import codecs
import csv
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Literal

from chuangye_cli.catalogue import Code
from chuangye_cli.files import not_regular

ACTUALS_SUFFIXES = (".csv", ".xlsx", ".xlsm")
MAX_CELL_CHARS = 32767  # Excel's own limit for the text of one cell
Row = tuple[int, Sequence[str]]


class SourceProblem(Exception):
    """A file or sheet that cannot be read: a catalogue code's name, where, and arguments."""

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
    """Files as given; folders replaced by the CSV and Excel files directly inside them.
    A file named twice (or as a file and through its folder) is read once."""
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
    """``(encoding, None)`` for UTF-8 (with or without BOM) or GB18030; ``(None, line)`` if
    neither, with the line of the first byte that could not be decoded.

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
                decoder.decode(b"", final=True)
            return encoding, None
        except UnicodeDecodeError:
            failure = line
    return None, failure


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return format(Decimal(repr(value)), "f")
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value)


@dataclass(frozen=True)
class Table:
    """One table of a file: a CSV file or one sheet of a workbook."""

    path: Path
    kind: Literal["csv", "xlsx"]
    encoding: str | None = None
    sheet: str | None = None

    def rows(self) -> Iterator[Row]:
        if self.kind == "csv":
            assert self.encoding is not None
            return _csv_rows(self.path, self.encoding)
        return _xlsx_rows(self.path, self.sheet)


def _csv_rows(path: Path, encoding: str) -> Iterator[Row]:
    """Rows of a CSV (or tab-separated) file with the line each starts on. A quoted cell may
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


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[Row]:
    with warnings.catch_warnings():  # openpyxl warns of cells it cannot read: they are then
        warnings.simplefilter("ignore")  # errors that the checker reports with their place
        yield from _xlsx_rows_quietly(path, sheet)


def _xlsx_rows_quietly(path: Path, sheet: str | None) -> Iterator[Row]:
    import openpyxl  # only when an Excel file is read: importing it costs ~0.2 s

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise SourceProblem(Code.ACTUALS_XLSX, reason=str(exc) or type(exc).__name__) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise SourceProblem(
                Code.ACTUALS_SHEET, value=sheet, sheets="、".join(workbook.sheetnames)
            )
        ws = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        for number, values in enumerate(ws.iter_rows(values_only=True), 1):
            yield number, [cell_text(v) for v in values]
    except SourceProblem:
        raise
    except Exception as exc:
        raise SourceProblem(Code.ACTUALS_XLSX, reason=str(exc) or type(exc).__name__) from None
    finally:
        workbook.close()
