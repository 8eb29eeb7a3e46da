"""JSON and CSV: exact values, stable key order, no markup."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from chuangye_cli.model import PlanMeta

from chuangye_cli.render.numbers import plain


def dumps(value: Any, indent: int = 2, _level: int = 0) -> str:
    """JSON text in which Decimals are written as exact numbers (json.dumps cannot)."""
    pad = " " * (indent * (_level + 1))
    end = " " * (indent * _level)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot write {value} as a JSON number")
        return plain(value)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = [
            f"{pad}{json.dumps(str(k), ensure_ascii=False)}: {dumps(v, indent, _level + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{end}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        if all(not isinstance(v, Mapping | list | tuple) for v in value):
            return "[" + ", ".join(dumps(v, indent, _level + 1) for v in value) + "]"
        return "[\n" + ",\n".join(pad + dumps(v, indent, _level + 1) for v in value) + f"\n{end}]"
    return json.dumps(value, ensure_ascii=False)


def plan_header(meta: PlanMeta) -> dict[str, str]:
    """The ``plan`` object every JSON document starts with."""
    return {"id": meta.id, "title": meta.title, "start": str(meta.start), "end": str(meta.end)}


def csv_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Tidy CSV: one record a row; lists joined with ';'; no thousands separators."""
    columns = list(columns or (rows[0].keys() if rows else []))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value)
