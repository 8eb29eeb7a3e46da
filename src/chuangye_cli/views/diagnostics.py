"""The view of ``chuangye validate``: every diagnostic with its location, code and message."""

from __future__ import annotations

from collections.abc import Sequence

from chuangye_cli.diagnostics import SUSPECT_CODES, Diagnostic, tally
from chuangye_cli.display import counted
from chuangye_cli.document import Cell, Column, Document, Kind, Row, Table, report
from chuangye_cli.vocab import COL, Lang

COLUMNS = (
    Column("location", COL["location"], machine=False, wide=True),
    Column("code", COL["code"]),
    Column("severity", COL["severity"], Kind.STATUS, styled=True),
    Column("file", COL["file"], human=False),
    Column("sheet", COL["sheet"], human=False),
    Column("line", COL["line"], Kind.NUMBER, human=False),
    Column("column", COL["column"], Kind.NUMBER, human=False),
    Column("message", COL["message"], wide=True),
)
SHOW = ("location", "severity", "code", "message")


def diagnostics_table(diagnostics: Sequence[Diagnostic], lang: Lang = "zh") -> Table:
    rows = tuple(
        Row(
            {
                "location": Cell(d.location),
                "code": Cell(d.code.value),
                "severity": Cell(d.severity),
                "file": Cell(d.file),
                "sheet": Cell(d.sheet),
                "line": Cell(d.line),
                "column": Cell(d.column),
                "message": Cell(d.message(lang)),
            },
            status=d.severity,
        )
        for d in diagnostics
    )
    return Table("diagnostics", COLUMNS, rows, show=SHOW, needs_room="message")


def _doubted(diagnostics: Sequence[Diagnostic]) -> bool:
    """Whether a warning doubts a figure that still counts (see SUSPECT_CODES)."""
    return any(d.code in SUSPECT_CODES and d.severity == "warning" for d in diagnostics)


def diagnostics_document(
    diagnostics: Sequence[Diagnostic], checked: Sequence[str], lang: Lang = "zh"
) -> Document:
    """JSON: a list of {code, severity, file, sheet, line, column, message}."""
    errors, warnings = tally(diagnostics)
    doubted = not errors and _doubted(diagnostics)  # no error, but figures that still count
    footer: list[tuple[str, str | None]] = []
    if lang == "en":
        if checked:
            footer.append(("Checked: " + ", ".join(checked), None))
        word = "Failed" if errors else "No errors" if doubted else "Passed"
        verdict = f"{word}: {counted(errors, 'error')}, {counted(warnings, 'warning')}"
        if doubted:
            verdict += (
                "; the doubted figures the warnings name still count as sent: check each "
                "before the return goes out (--strict makes them errors)"
            )
    else:
        if checked:
            footer.append(("已检查：" + "、".join(checked), None))
        # (with doubted figures, not 通过: a clerk reads it as ready to send)
        word = "未通过" if errors else "无错误" if doubted else "通过"
        verdict = (
            f"{word}：{errors} 个错误，{warnings} 个警告 "
            f"({counted(errors, 'error')}, {counted(warnings, 'warning')})"
        )
        if doubted:
            verdict += (
                "；警告所指的疑误数字仍按报送数计入，请逐条核对后再报送（--strict 将其作为错误）"
            )
    footer.append((verdict, "error" if errors else "done"))
    tables = [diagnostics_table(diagnostics, lang)] if diagnostics else []
    return report([], tables, lang=lang, json_list=True, footer=tuple(footer))
