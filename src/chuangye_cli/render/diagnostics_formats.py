"""Diagnostics as text for people, JSON for scripts, and GitHub annotations for CI."""

from __future__ import annotations

import io

from chuangye_cli.diagnostics import Diagnostic, tally
from chuangye_cli.render.machine import dumps

DIAGNOSTIC_FORMATS = ("text", "json", "github")


def render_diagnostics(
    diagnostics: list[Diagnostic],
    fmt: str,
    *,
    color: bool = False,
    width: int | None = None,
    checked: list[str] | None = None,
) -> str:
    if fmt == "json":
        return (
            dumps(
                [
                    {
                        "code": d.code,
                        "severity": d.severity,
                        "file": d.file,
                        "line": d.line,
                        "column": d.column,
                        "message": d.message,
                    }
                    for d in diagnostics
                ]
            )
            + "\n"
        )
    if fmt == "github":
        return "".join(_github(d) + "\n" for d in diagnostics)
    if fmt == "text":
        return text(diagnostics, color=color, width=width, checked=checked)
    raise ValueError(f"unknown format {fmt!r}")


def _escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if prop else value


def _github(d: Diagnostic) -> str:
    props = [f"file={_escape(d.file, prop=True)}"] if d.file else []
    if d.line is not None:
        props.append(f"line={d.line}")
    if d.column is not None:
        props.append(f"col={d.column}")
    props.append(f"title={_escape(d.code, prop=True)}")
    return f"::{d.severity} {','.join(props)}::{_escape(d.message)}"


def plain_lines(diagnostics: list[Diagnostic]) -> str:
    """One ``file:line:col: severity[code]: message`` line each (for stderr)."""
    return "".join(f"{d}\n" for d in diagnostics)


def text(
    diagnostics: list[Diagnostic],
    *,
    color: bool,
    width: int | None,
    checked: list[str] | None = None,
) -> str:
    from rich import box
    from rich.table import Table

    from chuangye_cli.render.text import make_console

    buffer = io.StringIO()
    console = make_console(buffer, color=color, width=width)
    errors, warnings = tally(diagnostics)
    if diagnostics:
        table = Table(box=box.SIMPLE_HEAVY, header_style="bold")
        for header in ("位置 location", "级别", "代码 code", "说明 message"):
            table.add_column(header, overflow="fold")
        for d in diagnostics:
            style = "bold red" if d.severity == "error" else "yellow"
            table.add_row(
                d.location,
                f"[{style}]{'错误' if d.severity == 'error' else '警告'}[/]",
                d.code,
                d.message,
            )
        console.print(table)
    if checked:
        console.print("已检查：" + "、".join(checked), soft_wrap=True)
    verdict = "[bold red]未通过[/]" if errors else "[bold green]通过[/]"
    console.print(
        f"{verdict}：{errors} 个错误，{warnings} 个警告 ({errors} errors, {warnings} warnings)"
    )
    return buffer.getvalue()
