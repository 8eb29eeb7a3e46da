"""The view of ``chuangye validate``: every diagnostic with its location, code and message."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from chuangye_cli.catalogue import Code
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


def _doubted(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    """(figures doubted that still count, rows with figures not read): the warnings of
    SUSPECT_CODES, a form's row that was not read apart (its figures do not count), counting
    what a summary entry stands for."""
    counts: Counter[Code] = Counter()
    for d in diagnostics:
        if d.severity != "warning":
            continue
        if d.tally:
            counts.update(dict(d.tally))
        else:
            counts[d.code] += d.count
    unread = counts[Code.ACTUALS_ROW_NOT_READ]
    return sum(counts[c] for c in SUSPECT_CODES) - unread, unread


def _caution(doubted: int, unread: int, lang: Lang) -> str:
    """What the verdict adds when no error is left but figures are doubted or rows not read:
    which of them count and which do not."""
    en = lang == "en"
    parts = []
    if doubted:
        whose = f"of {counted(doubted, 'warning')} " if unread else "the warnings name "
        which = f"其中 {doubted} 个" if unread else ""
        parts.append(
            f"the doubted figures {whose}still count as sent"
            if en
            else f"{which}警告所指的疑误数字仍按报送数计入"
        )
    if unread:
        parts.append(
            f"{counted(unread, 'row')} with figures not read (not counted)"
            if en
            else f"{unread} 行填有数字但未读取（不计入）"
        )
    if en:
        return (
            "; "
            + ", ".join(parts)
            + (": check each before the return goes out (--strict makes them errors)")
        )
    return "；" + "，".join(parts) + "，请逐条核对后再报送（--strict 将其作为错误）"


def diagnostics_document(
    diagnostics: Sequence[Diagnostic], checked: Sequence[str], lang: Lang = "zh"
) -> Document:
    """JSON: a list of {code, severity, file, sheet, line, column, message}."""
    errors, warnings = tally(diagnostics)
    doubted, unread = _doubted(diagnostics) if not errors else (0, 0)
    caution = bool(doubted or unread)  # no error, but figures doubted or rows not read
    footer: list[tuple[str, str | None]] = []
    if lang == "en":
        if checked:
            footer.append(("Checked: " + ", ".join(checked), None))
        word = "Failed" if errors else "No errors" if caution else "Passed"
        verdict = f"{word}: {counted(errors, 'error')}, {counted(warnings, 'warning')}"
    else:
        if checked:
            footer.append(("已检查：" + "、".join(checked), None))
        # (with doubted figures, not 通过: a clerk reads it as ready to send)
        word = "未通过" if errors else "无错误" if caution else "通过"
        verdict = (
            f"{word}：{errors} 个错误，{warnings} 个警告 "
            f"({counted(errors, 'error')}, {counted(warnings, 'warning')})"
        )
    if caution:
        verdict += _caution(doubted, unread, lang)
    footer.append((verdict, "error" if errors else "done"))
    tables = [diagnostics_table(diagnostics, lang)] if diagnostics else []
    return report([], tables, lang=lang, json_list=True, footer=tuple(footer))
