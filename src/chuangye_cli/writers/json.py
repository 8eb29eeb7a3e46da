"""JSON: exact numbers (never rounded), stable keys in a stable order, no markup."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from chuangye_cli.document import Document, Table
from chuangye_cli.quantities import plain


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


def records(table: Table) -> list[dict[str, object]]:
    """A table's rows as records of exact machine values."""
    columns = table.machine_columns()
    return [{c.key: row.cell(c.key).value for c in columns} for row in table.rows]


def write_json(doc: Document) -> str:
    tables = doc.machine_tables()
    if doc.json_list:
        return dumps(records(tables[0]) if tables else []) + "\n"
    body: dict[str, object] = dict(doc.header)
    for table in tables:
        body[table.key] = records(table)
    body.update(doc.trailer)
    return dumps(body) + "\n"
