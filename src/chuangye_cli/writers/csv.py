"""CSV: the document's first machine table, tidy (one record a line, exact values, no thousands
separators, lists joined with ``;``). Text that a spreadsheet would run as a formula is made
inert."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from chuangye_cli.document import Document
from chuangye_cli.quantities import plain

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str) -> str:
    """Text that Excel and WPS show as text, never run: a leading ' before a formula start."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, Decimal):
        return plain(value)  # a number stays a number, minus sign included
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return inert(";".join(str(v) for v in value))
    return inert(str(value))


def write_csv(doc: Document) -> str:
    tables = doc.machine_tables()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not tables:
        return ""
    table = tables[0]
    columns = table.machine_columns()
    writer.writerow([c.key for c in columns])
    for row in table.rows:
        writer.writerow([cell(row.cell(c.key).value) for c in columns])
    return buffer.getvalue()
